"""Articles and unknown outlets named in exports as the window names them: an untitled
file by its file's name, read back from the workbook and the CSV as a colleague reads
them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desktop.core.export.records import ExportOptions
from desktop.core.service import Service

TEXTS = {
    "a/meteorite.txt": "A small meteorite struck near Managua's international airport on "
                       "Saturday night, leaving a crater 12 metres wide, the Nicaraguan army "
                       "said on Monday.",
    "a/report.txt": "Police in Texas said on Monday that 10 men were detained at the border "
                    "crossing near El Paso.",
    "b/report.txt": "Officials in Peru said on Tuesday that 40 people were evacuated after "
                    "floods hit the city of Piura.",
}


def _untitled(service: Service, tmp_path: Path) -> dict[str, int]:
    """Three untitled .txt files of unknown outlet, two of them named alike: the id of
    each article by its file."""
    for name, text in TEXTS.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    service.import_paths([tmp_path / "a", tmp_path / "b"])
    ids = {str(Path(a.path or "").relative_to(tmp_path)): a.id for a in service.articles()}
    assert set(ids) == set(TEXTS) and all(not a.title for a in service.articles())
    return ids


def _table(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_untitled_files_name_their_mentions_and_columns(service: Service,
                                                         tmp_path: Path) -> None:
    """User trial: the Mentions sheet's "Article title" was empty for an untitled file,
    and the Sources x Claims sheet headed its unknown outlets "unknown, article 12"."""
    ids = _untitled(service, tmp_path)
    book = load_workbook(service.export(tmp_path / "names.xlsx").path)

    titles = {(m["Article id"], m["Article title"]) for m in _table(book["Mentions"])}
    assert titles == {(ids["a/meteorite.txt"], "meteorite.txt"),
                      (ids["a/report.txt"], "report.txt"), (ids["b/report.txt"], "report.txt")}

    matrix = book["Sources x Claims"]
    headers = [c.value for c in matrix[1]][2:]
    one, two = sorted((ids["a/report.txt"], ids["b/report.txt"]))
    # Two files named alike are two outlets: each column says which article it is.
    assert headers == ["meteorite.txt", f"report.txt (article {one})",
                       f"report.txt (article {two})"]
    for column, article in zip(matrix[1][2:], (ids["a/meteorite.txt"], one, two), strict=True):
        note = column.comment.text
        assert f"Article {article} and its copies" in note
        assert "outlet is unknown" in note
    claim_of = {m["Article id"]: m["Claim id"] for m in _table(book["Mentions"])}
    marks = {r[0]: r[2:] for r in matrix.iter_rows(min_row=2, values_only=True)}
    assert marks[claim_of[ids["a/meteorite.txt"]]] == ("S", None, None)
    assert marks[claim_of[one]] == (None, "S", None)

    summary = {r[0]: r[3] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    meteorite = ids["a/meteorite.txt"]
    assert summary["meteorite.txt"] == f"Article {meteorite} and its copies: outlet unknown."
    assert set(headers) <= set(summary)
    assert "unknown, article" not in " ".join(map(str, summary))


def test_the_mentions_csv_names_an_untitled_file(service: Service, tmp_path: Path) -> None:
    ids = _untitled(service, tmp_path)
    path = service.export(tmp_path / "mentions.csv", options=ExportOptions(what="mentions")).path
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert {(int(r["Article id"]), r["Article title"]) for r in rows} == {
        (ids["a/meteorite.txt"], "meteorite.txt"), (ids["a/report.txt"], "report.txt"),
        (ids["b/report.txt"], "report.txt")}

"""CSV exports: claims, mentions or articles, with the delimiter the reader's spreadsheet
expects, and the formula guard on every table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import FactDeskError
from desktop.core.export.records import ExportOptions
from desktop.core.service import Service


def _read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=delimiter))


def test_mentions_with_semicolons_for_european_spreadsheets(seeded_path: Path,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "mentions.csv"
    assert main(["export", str(target), "--what", "mentions", "--delimiter", ";",
                 "--db", str(seeded_path)]) == 0
    rows = _read(target, ";")
    service = Service.open(seeded_path)
    stored = {m.id: m for c in service.claims() for m in service.mentions([c.id])}
    service.close()
    assert {int(r["Mention id"]) for r in rows} == set(stored)
    for row in rows:
        mention = stored[int(row["Mention id"])]
        assert (int(row["Start"]), int(row["End"]), row["Origin"], row["Hedged"]) == (
            mention.start, mention.end, mention.origin, "TRUE" if mention.hedged else "FALSE")
    first_line = target.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line.startswith("Mention id;Claim id;Claim;")


def test_articles_and_the_guard(seeded: Service, tmp_path: Path) -> None:
    seeded.edit_article(1, source="=40+2", title="@SUM(A1)")
    rows = _read(seeded.export(tmp_path / "a.csv", options=ExportOptions(
        what="articles", delimiter="\t")).path, "\t")
    assert len(rows) == len(seeded.articles())
    first = next(r for r in rows if r["Article id"] == "1")
    assert (first["Source"], first["Title"]) == ("'=40+2", "'@SUM(A1)")
    mentions = _read(seeded.export(tmp_path / "m.csv",
                                   options=ExportOptions(what="mentions")).path)
    assert "'=40+2" in {r["Source"] for r in mentions}


def test_unknown_table_or_delimiter_is_refused(seeded: Service, tmp_path: Path) -> None:
    with pytest.raises(FactDeskError, match="cannot export 'sources' as CSV"):
        seeded.export(tmp_path / "x.csv", options=ExportOptions(what="sources"))
    with pytest.raises(FactDeskError, match="is not a CSV delimiter"):
        seeded.export(tmp_path / "x.csv", options=ExportOptions(delimiter=":"))
    assert not (tmp_path / "x.csv").exists()

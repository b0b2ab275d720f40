"""Exports read back: every sheet of the workbook, CSV, ClaimReview, and safety with
hostile text, limits, atomic replacement and cancel."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlalchemy import text as sql

from desktop.core.dto import ClaimFilter, MentionRow
from desktop.core.errors import Cancelled, FactDeskError
from desktop.core.export import localtime, xlsx
from desktop.core.export.cells import EXCEL_CELL_LIMIT, sheet_name
from desktop.core.export.records import source_key
from desktop.core.progress import CancellableProgress
from desktop.core.service import Service
from desktop.core.wording import stance_breakdown
from tests.conftest import DATA, SEEDS

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2", "@SUM(A1)",
           "bell\x07 and nul\x00 inside"]


@pytest.fixture
def reviewed(seeded: Service) -> Service:
    """Seeds with a verdict, a note, a link and a source name on some claims."""
    conflict = seeded.claims(ClaimFilter(conflicts_only=True))[0].id
    seeded.set_verdict(conflict, "disputed", note="300 vs 600: sources differ", by="ana")
    seeded.set_verdict(1, "confirmed", by="ben")
    seeded.add_evidence(1, text="KCNA original", url="https://kcna.example/2025/06/05", by="ben")
    seeded.edit_article(3, source="Korea JoongAng Daily")
    return seeded


def _table(sheet: Any) -> list[dict[str, Any]]:
    """A sheet's rows as dicts by header, the way a colleague reads it."""
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_workbook_sheets_match_the_database(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "claims.xlsx").path
    book = load_workbook(path)
    assert book.sheetnames == ["Claims", "Mentions", "Sources x Claims", "Articles", "History",
                               "Evidence", "Summary"]
    claims = book["Claims"]
    assert claims.freeze_panes == "A2"
    assert claims.tables["Claims"].ref == f"A1:S{claims.max_row}"
    rows = {r["Claim id"]: r for r in _table(claims)}
    stored = {c.id: c for c in reviewed.claims()}
    assert set(rows) == set(stored)
    for claim_id, claim in stored.items():
        row = rows[claim_id]
        assert (row["Claim"], row["Verdict"], row["Sources"], row["Independent origins"],
                row["Articles"]) == (claim.text, claim.verdict, claim.n_sources,
                                     claim.n_origins, claim.n_articles)
    conflict = next(c for c in stored.values() if c.has_conflict)
    row = rows[conflict.id]
    assert row["Conflict"] == "troops killed: around 300 vs around 600"
    assert isinstance(row["Last changed (local time)"], datetime)
    assert row["Latest note (internal)"] == "300 vs 600: sources differ"
    assert row["Public explanation"] is None
    # A note with a link, added in the window's note box, is claim 1's latest note.
    assert rows[1]["Latest note (internal)"] == "KCNA original https://kcna.example/2025/06/05"

    mentions = _table(book["Mentions"])
    stored_mentions = {m.id: m for c in stored for m in reviewed.mentions([c])}
    assert {m["Mention id"] for m in mentions} == set(stored_mentions)
    for m in mentions:
        mention = stored_mentions[m["Mention id"]]
        assert (m["Article id"], m["Start"], m["End"], m["Origin"], m["Copy of"],
                m["Hedged"]) == (mention.article_id, mention.start, mention.end,
                                 mention.origin, mention.copy_of, mention.hedged)
        assert isinstance(m["Hedged"], bool)
    assert len({tuple(m.values()) for m in mentions}) == len(mentions)
    matrix = book["Sources x Claims"]
    sources = [c.value for c in matrix[1]][2:]
    # Article 3 is JoongAng's; 1 copies 2; 4 and 5 are unknown outlets of their own, each
    # named by its origin's title as the sources tree lists it (cut at a word, in full in
    # the note).
    assert sources == ["Korea JoongAng Daily", "Kim assured visiting Russian Security Council…",
                       "Kim Jong Un Reaffirms North Korea’s Backing for…",
                       "DPRK's Kim vows to 'unconditionally support'…"]
    assert matrix["E1"].comment.text.startswith(
        "Article 4 and its copies (“Kim Jong Un Reaffirms North Korea’s Backing for Russia’s "
        "Ukraine War”): outlet unknown.")
    assert "S: an article of this outlet supports" in matrix["B1"].comment.text
    marks = {r[0]: r[2:] for r in matrix.iter_rows(min_row=2, values_only=True)}
    assert set("".join(v or "" for v in marks[conflict.id])) <= set("SXR")
    assert "X" in "".join(v or "" for v in marks[conflict.id])
    articles = _table(book["Articles"])
    # 000 (article 1, 26 June) reprints 001 (article 2, 6 June): the copy is the later one.
    assert {(a["Article id"], a["Copy of"]) for a in articles if a["Copy of"]} == {(1, 2)}
    assert all(str(a["File"]).endswith(".txt") for a in articles), "the file it came from"
    history = _table(book["History"])
    assert {(h["Who"], h["What changed"], h["Field"]) for h in history} >= {
        ("ana", "Verdict", "Verdict"), ("ana", "Note", "Verdict note"),
        ("ben", "Evidence", "Link")}
    evidence = _table(book["Evidence"])
    assert evidence[0]["Link"] == "https://kcna.example/2025/06/05"
    summary: dict[str, object] = {}
    for r in book["Summary"].iter_rows(values_only=True):
        if r and r[0]:
            summary.setdefault(r[0], r[1])
    assert (summary["confirmed"], summary["disputed"]) == (1, 1)
    assert summary["Claims exported"] == len(stored)


def test_sheets_read_well_in_excel_and_libreoffice(reviewed: Service, tmp_path: Path) -> None:
    book = load_workbook(reviewed.export(tmp_path / "claims.xlsx").path)
    # trial11: an Evidence row printed as two pages, its note on one, its link on the next.
    assert [book[name].page_setup.fitToWidth for name in ("Articles", "Evidence", "History")
            ] == [1, 1, 1]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToHeight == 0
        width = sum(d.width for d in sheet.column_dimensions.values())
        wide = sheet.page_setup.fitToWidth
        assert (wide > 1) == (width > 200) and width / wide <= 200, (sheet.title, width)
        if wide > 1:
            assert sheet.print_title_cols == "$A:$A", sheet.title
            assert sheet.page_setup.pageOrder == "overThenDown", sheet.title
        if sheet.title != "Summary":
            assert sheet.print_title_rows == "$1:$1", sheet.title
            assert len(sheet.tables) == 1, sheet.title
            assert sheet.print_options.gridLines, sheet.title  # a printed cell has edges
            for cell in sheet[1]:
                width = sheet.column_dimensions[cell.column_letter].width
                assert max(len(w) for w in str(cell.value).split()) < width, cell.value
            figures = [c for c in sheet[2] if isinstance(c.value, int)
                       and not isinstance(c.value, bool)]
            assert figures, sheet.title
            for figure in figures:  # a header stands over its own figures, not the next
                header = sheet.cell(1, figure.column)
                assert header.alignment.horizontal == "right", (sheet.title, header.value)
    claims = book["Claims"]
    assert claims["B1"].alignment.horizontal is None  # "Claim" over text, on the left
    assert claims.row_dimensions[1].height >= 30  # "Independent origins" on two lines
    long_rows = [r[0].row for r in claims.iter_rows(min_row=2) if len(r[1].value) > 140]
    assert long_rows and all(claims.row_dimensions[n].height >= 45 for n in long_rows)
    validation = claims.data_validations.dataValidation[0]
    assert validation.type == "list" and str(validation.sqref) == f"C2:C{claims.max_row}"
    assert "disputed" in validation.formula1
    rules = {r.formula[0]: r.dxf.fill.fgColor.rgb
             for cf in claims.conditional_formatting for r in cf.rules}
    assert rules['"disputed"'].endswith("FFEB9C") and rules['"false"'].endswith("FFC7CE")
    assert all(c.fill.fgColor.rgb in (None, "00000000") for c in next(
        claims.iter_cols(min_col=3, max_col=3, min_row=2)))
    changed = claims.cell(2, 19)
    assert re.fullmatch(r'yyyy-mm-dd hh:mm "[+-]\d\d:\d\d"', changed.number_format)
    assert book.properties.creator.startswith("FactDesk ")
    assert book.properties.title and str(reviewed.project_name()) in book.properties.subject
    chart = book["Summary"]._charts[0]
    colours = [p.graphicalProperties.solidFill.srgbClr for p in chart.series[0].dPt]
    assert colours == ["C6EFCE", "FFEB9C", "FFC7CE", "D9D9D9"]
    assert chart.y_axis.majorUnit == 1, "whole claims: no 0.2 steps on the axis"


def test_summary_counts_only_what_the_export_holds(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "one.xlsx", ClaimFilter(verdicts=("confirmed",))).path
    rows = list(load_workbook(path)["Summary"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Sources in this export") + 3
    end = next(i for i in range(start, len(rows)) if not rows[i][0])
    sources = {r[0]: r[1:3] for r in rows[start:end]}
    mentions = reviewed.mentions([1])

    def column(m: MentionRow) -> tuple[str, int | None]:
        return source_key(m.source, m.copy_of or m.article_id)
    articles = [len({m.article_id for m in mentions if column(m) == key})
                for key in {column(m) for m in mentions}]
    assert sorted(sources.values()) == sorted((n, 1) for n in articles)
    matrix = load_workbook(path)["Sources x Claims"]
    assert set(sources) == {c.value for c in matrix[1][2:]}, "named as the matrix names them"


def test_the_demo_workbook_counts_sources_as_the_window_does(seeded_template: Path,
                                                             tmp_path: Path) -> None:
    """Five articles of unknown outlet, one a copy: four sources, one column each."""
    folder = tmp_path / "factdesk-demo-4242-abcd"
    folder.mkdir()
    shutil.copyfile(seeded_template, folder / "demo.sqlite")
    demo = Service.open(folder / "demo.sqlite")
    try:
        book = load_workbook(demo.export(tmp_path / "demo.xlsx").path)
        stats = demo.stats()
    finally:
        demo.close()
    matrix = [c.value for c in book["Sources x Claims"][1]][2:]
    assert len(matrix) == stats.sources == 4
    assert not any(name.startswith("unknown") for name in matrix)
    assert "one source per independent origin" in book["Sources x Claims"]["C1"].comment.text
    rows = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Project"] == "demo project"
    assert "4 sources (4 of unknown outlet, one per independent origin)" in rows
    claims = book["Claims"]
    header = [c.value for c in claims[1]]
    changed = header.index("Last changed (local time)") + 1
    shown = len("2026-12-03 17:45 +01:00")
    assert claims.column_dimensions[get_column_letter(changed)].width >= shown + 2


def test_calamine_reads_the_same_claims(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "claims.xlsx").path
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Claims").to_python()
    assert [int(r[0]) for r in rows[1:]] == sorted(c.id for c in reviewed.claims())
    assert {r[1] for r in rows[1:]} == {c.text for c in reviewed.claims()}


def test_hostile_text_stays_text(seeded: Service, tmp_path: Path) -> None:
    claims = seeded.claims()[:len(HOSTILE) + 1]
    for claim, text in zip(claims, HOSTILE, strict=False):
        seeded.set_claim_text(claim.id, text)
    long_id = claims[-1].id
    seeded.set_claim_text(long_id, "x" * 40_000)
    path = seeded.export(tmp_path / "hostile.xlsx").path
    sheet = load_workbook(path)["Claims"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for claim, text in zip(claims, HOSTILE, strict=False):
        cell = cells[claim.id]
        assert cell.data_type == "s"
        assert cell.value == text.replace("\x07", "").replace("\x00", "")
    long_cell = cells[long_id].value
    assert len(long_cell) <= EXCEL_CELL_LIMIT and long_cell.endswith("40,000 characters in all]")

    csv_path = seeded.export(tmp_path / "hostile.csv").path
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    texts = {r["Claim"] for r in csv.DictReader(raw.decode("utf-8-sig").splitlines())}
    assert "'" + HOSTILE[0] in texts and "'+1+1" in texts and "'@SUM(A1)" in texts


def test_spaces_and_line_breaks_reach_every_reader(reviewed: Service, tmp_path: Path) -> None:
    note = "  indented first line\n\tsecond line ends in spaces  "
    reviewed.set_verdict(2, "unverifiable", note=note, by="ana")
    path = reviewed.export(tmp_path / "claims.xlsx").path
    rows = {r["Claim id"]: r for r in _table(load_workbook(path)["Claims"])}
    assert rows[2]["Latest note (internal)"] == note
    assert rows[2]["Verdict"] == "unverifiable"
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Claims").to_python()
    header = calamine[0]
    row = next(r for r in calamine[1:] if int(r[0]) == 2)
    assert row[header.index("Latest note (internal)")] == note


def test_sheets_continue_past_the_row_limit(seeded: Service, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "EXCEL_ROW_LIMIT", 21)
    book = load_workbook(seeded.export(tmp_path / "split.xlsx").path)
    parts = [n for n in book.sheetnames if n.startswith("Claims")]
    assert parts[:2] == ["Claims", "Claims (2)"]
    total = sum(book[n].max_row - 1 for n in parts)
    assert total == seeded.count_claims()


def test_sheet_names_follow_excel_rules() -> None:
    taken: set[str] = set()
    assert sheet_name("Sources x Claims", taken) == "Sources x Claims"
    assert sheet_name("a/b:c*d?[e]", taken) == "a b c d  e"
    long = sheet_name("A very long name for a sheet, longer than Excel allows", taken)
    assert len(long) <= 31
    assert sheet_name("sources x claims", taken) == "sources x claims (2)"


def test_filter_is_honoured(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "c.xlsx", ClaimFilter(conflicts_only=True)).path
    rows = list(load_workbook(path)["Claims"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "disputed"
    by_verdict = reviewed.export(tmp_path / "v.csv", ClaimFilter(verdicts=("confirmed",))).path
    assert len(by_verdict.read_text(encoding="utf-8-sig").splitlines()) == 2


def test_failed_or_cancelled_export_keeps_the_old_file(reviewed: Service, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    target = folder / "claims.xlsx"
    target.write_bytes(b"the colleague's earlier export")
    progress = CancellableProgress()
    progress.cancel()
    with pytest.raises(Cancelled):
        reviewed.export(target, progress=progress)
    assert target.read_bytes() == b"the colleague's earlier export"
    assert sorted(p.name for p in folder.iterdir()) == ["claims.xlsx"]
    reviewed.export(target)
    assert load_workbook(target)["Claims"].max_row > 1


def test_unwritable_targets_are_clear(reviewed: Service, tmp_path: Path) -> None:
    with pytest.raises(FactDeskError, match="does not exist"):
        reviewed.export(tmp_path / "missing" / "claims.xlsx")
    with pytest.raises(FactDeskError, match=r"cannot export to \.ods"):
        reviewed.export(tmp_path / "claims.ods")
    folder = tmp_path / "busy.xlsx"
    folder.mkdir()
    with pytest.raises(FactDeskError, match="cannot replace"):
        reviewed.export(folder)


def test_html_article_url_becomes_a_hyperlink(service: Service, tmp_path: Path) -> None:
    service.import_paths([DATA / "joongang.html"])
    book = load_workbook(service.export(tmp_path / "links.xlsx").path)
    assert book["Mentions"]["I1"].value == "URL"
    url_cell = next(book["Mentions"].iter_rows(min_row=2))[8]
    url = "https://koreajoongangdaily.example/2025/06/05/kim-russia"
    assert (url_cell.data_type, url_cell.value, url_cell.hyperlink.target) == ("s", url, url)


def test_a_url_that_is_not_a_web_address_is_not_a_link(service: Service,
                                                       tmp_path: Path) -> None:
    service.import_paths([DATA / "joongang.html"])
    hostile = 'https://x.example/a"),CMD("calc'
    with service.db.write() as session:
        session.execute(sql('UPDATE article SET url = :u'), {"u": hostile})
    book = load_workbook(service.export(tmp_path / "links.xlsx").path)
    cell = next(book["Mentions"].iter_rows(min_row=2))[8]
    assert (cell.data_type, cell.value, cell.hyperlink) == ("s", hostile, None)


def libreoffice(path: Path, out: Path, target: str) -> list[Path]:
    """Have LibreOffice open the file and convert it, as a colleague's machine would."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install LibreOffice (see .ci/run)")
        pytest.skip("LibreOffice is not installed")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", target, "--outdir", str(out / "converted"), str(path)],
                   check=True, capture_output=True, timeout=180)
    return sorted((out / "converted").iterdir())


ALL_SHEETS_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
"""LibreOffice's CSV filter: UTF-8, every sheet to its own file, cells as displayed."""


def test_libreoffice_prints_every_sheet_landscape(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "claims.xlsx").path
    [pdf] = libreoffice(path, tmp_path, "pdf")
    pages = PdfReader(pdf).pages
    assert all(p.mediabox.width > p.mediabox.height for p in pages)
    # 57 claims, 7 sheets: Claims and Mentions two pages wide at a readable size, the rest
    # one; a row's two pages follow each other.
    assert len(pages) <= 36
    text = "\n".join(p.extract_text() for p in pages)
    assert text.count("Claim id") >= 4  # the header row repeats on the Claims pages
    assert "###" not in text


def test_times_are_local_with_their_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    localtime._OFFSETS.clear()
    try:
        assert localtime.local_time(datetime(2025, 6, 5, 9, 5)) == (datetime(2025, 6, 5, 11, 5),
                                                               "+02:00")
        assert localtime.local_time(datetime(2025, 1, 5, 9, 5)) == (datetime(2025, 1, 5, 10, 5),
                                                               "+01:00")
    finally:
        monkeypatch.undo()
        time.tzset()
        localtime._OFFSETS.clear()


def test_unknown_outlets_count_by_origin_on_postgres(pg_url: str, tmp_path: Path) -> None:
    """The Summary's grouping by origin is one expression in SELECT and GROUP BY, as
    PostgreSQL requires."""
    service = Service.open(pg_url)
    try:
        service.import_paths([SEEDS])
        book = load_workbook(service.export(tmp_path / "pg.xlsx").path)
        sources = service.stats().sources
    finally:
        service.close()
    assert len([c.value for c in book["Sources x Claims"][1]][2:]) == sources == 4
    rows = [r[0] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]]
    assert "4 sources (4 of unknown outlet, one per independent origin)" in rows


def test_the_claims_sheet_splits_the_origins_as_the_window_does(reviewed: Service,
                                                                 tmp_path: Path) -> None:
    """Beside Sources, how many independent origins carry each claim and how they split:
    the origins reporting it without taking a side had no column, so stating +
    contradicting fell short of the origins and the header note's sum named a column the
    sheet lacked. Read back in openpyxl and, as displayed, through LibreOffice."""
    path = reviewed.export(tmp_path / "claims.xlsx").path
    claims = load_workbook(path)["Claims"]
    headers = [c.value for c in claims[1]]
    at = headers.index("Sources")
    assert headers[at:at + 2] == ["Sources", "Independent origins"]
    split = ["Origins stating it", "Origins reporting it", "Origins contradicting it"]
    assert headers[headers.index(split[0]):headers.index(split[0]) + 3] == split
    note = claims.cell(1, headers.index("Origins reporting it") + 1).comment.text
    assert "without taking a side" in note
    assert "naming who said it" in note and "is stating it" in note, "as README and pane count"
    stored = {c.id: c for c in reviewed.claims()}
    rows = _table(claims)
    for row in rows:
        claim = stored[row["Claim id"]]
        assert sum(row[h] for h in split) == row["Independent origins"] == claim.n_origins
        pane = stance_breakdown(claim.n_origins, claim.n_support, claim.n_contradict)
        reported = row["Origins reporting it"]
        assert f"{reported} report{'s' if reported == 1 else ''} it without" in pane
    assert sum(row["Origins reporting it"] for row in rows) > 0
    files = {p.name: p for p in libreoffice(path, tmp_path, ALL_SHEETS_AS_SHOWN)}
    shown = list(csv.reader(files["claims-Claims.csv"].read_text(encoding="utf-8").splitlines()))
    column = shown[0].index("Origins reporting it")
    assert [r[column] for r in shown[1:]] == [str(r["Origins reporting it"]) for r in rows]
    summary = [r[0] for r in load_workbook(path)["Summary"].iter_rows(values_only=True) if r]
    assert "Origins reporting it" in summary

"""Exports read back: every sheet of the workbook, CSV, ClaimReview, and safety with
hostile text, limits, atomic replacement and cancel."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import text as sql

from desktop.core.dto import ClaimFilter
from desktop.core.errors import Cancelled, FactDeskError
from desktop.core.export import xlsx
from desktop.core.export.cells import EXCEL_CELL_LIMIT, sheet_name
from desktop.core.progress import CancellableProgress
from desktop.core.service import Service
from tests.conftest import DATA

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


def test_workbook_sheets_match_the_database(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "claims.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Claims", "Mentions", "Sources x Claims", "Articles", "History",
                               "Evidence", "Summary"]
    claims = book["Claims"]
    assert claims.freeze_panes == "A2"
    assert claims.auto_filter.ref == f"A1:Q{claims.max_row}"
    header = [c.value for c in claims[1]]
    assert header[:3] == ["Claim id", "Claim", "Verdict"]
    rows = {r[0]: r for r in claims.iter_rows(min_row=2, values_only=True)}
    stored = {c.id: c for c in reviewed.claims()}
    assert set(rows) == set(stored)
    for claim_id, claim in stored.items():
        row = rows[claim_id]
        assert (row[1], row[2], row[5], row[6], row[7]) == (
            claim.text, claim.verdict, claim.n_sources, claim.n_origins, claim.n_articles)
    conflict = next(c for c in stored.values() if c.has_conflict)
    conflict_row = next(r for r in claims.iter_rows(min_row=2) if r[0].value == conflict.id)
    assert conflict_row[10].value == "around 300 vs around 600"
    assert conflict_row[2].fill.fgColor.rgb.endswith("FFEB9C")
    assert isinstance(conflict_row[11].value, datetime)
    assert conflict_row[14].value == "300 vs 600: sources differ"

    mentions = list(book["Mentions"].iter_rows(min_row=2, values_only=True))
    assert len(mentions) == sum(len(reviewed.mentions([c])) for c in stored)
    matrix = book["Sources x Claims"]
    sources = [c.value for c in matrix[1]][2:]
    assert sources == ["Korea JoongAng Daily", "unknown"]
    marks = {r[0]: r[2:] for r in matrix.iter_rows(min_row=2, values_only=True)}
    assert set(marks[conflict.id][1]) <= set("SXR") and "X" in marks[conflict.id][1]
    articles = list(book["Articles"].iter_rows(min_row=2, values_only=True))
    assert {(a[0], a[5]) for a in articles if a[5]} == {(2, 1)}
    history = list(book["History"].iter_rows(min_row=2, values_only=True))
    assert {(h[1], h[4]) for h in history} >= {("ana", "verdict"), ("ben", "evidence")}
    evidence = list(book["Evidence"].iter_rows(min_row=2, values_only=True))
    assert evidence[0][4] == "https://kcna.example/2025/06/05"
    summary: dict[str, object] = {}
    for r in book["Summary"].iter_rows(values_only=True):
        if r and r[0]:
            summary.setdefault(r[0], r[1])
    assert (summary["confirmed"], summary["disputed"]) == (1, 1)
    assert summary["Claims exported"] == len(stored)


def test_calamine_reads_the_same_claims(reviewed: Service, tmp_path: Path) -> None:
    path = reviewed.export(tmp_path / "claims.xlsx")
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
    path = seeded.export(tmp_path / "hostile.xlsx")
    sheet = load_workbook(path)["Claims"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for claim, text in zip(claims, HOSTILE, strict=False):
        cell = cells[claim.id]
        assert cell.data_type == "s"
        assert cell.value == text.replace("\x07", "").replace("\x00", "")
    long_cell = cells[long_id].value
    assert len(long_cell) <= EXCEL_CELL_LIMIT and long_cell.endswith("40,000 characters in all]")

    csv_path = seeded.export(tmp_path / "hostile.csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    texts = {r["Claim"] for r in csv.DictReader(raw.decode("utf-8-sig").splitlines())}
    assert "'" + HOSTILE[0] in texts and "'+1+1" in texts and "'@SUM(A1)" in texts


def test_sheets_continue_past_the_row_limit(seeded: Service, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "EXCEL_ROW_LIMIT", 21)
    book = load_workbook(seeded.export(tmp_path / "split.xlsx"))
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
    path = reviewed.export(tmp_path / "c.xlsx", ClaimFilter(conflicts_only=True))
    rows = list(load_workbook(path)["Claims"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "disputed"
    by_verdict = reviewed.export(tmp_path / "v.csv", ClaimFilter(verdicts=("confirmed",)))
    assert len(by_verdict.read_text(encoding="utf-8-sig").splitlines()) == 2


def test_claimreview_json_ld(reviewed: Service, tmp_path: Path) -> None:
    reviewed.set_verdict(2, "unverifiable")
    reviews = json.loads(reviewed.export(tmp_path / "reviews.json").read_text("utf-8"))
    assert len(reviews) == 3
    by_rating = {r["reviewRating"]["alternateName"]: r for r in reviews}
    assert set(by_rating) == {"True", "Disputed", "Unverifiable"}
    assert "ratingValue" not in by_rating["Unverifiable"]["reviewRating"]
    assert by_rating["True"]["reviewRating"]["ratingValue"] == 5
    disputed = by_rating["Disputed"]
    assert disputed["@context"] == "https://schema.org"
    assert disputed["itemReviewed"]["@type"] == "Claim"
    appearance = disputed["itemReviewed"]["appearance"]
    assert len(appearance) == 3
    assert disputed["itemReviewed"]["firstAppearance"] == appearance[0]


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
    book = load_workbook(service.export(tmp_path / "links.xlsx"))
    url_cell = next(book["Mentions"].iter_rows(min_row=2))[11]
    url = "https://koreajoongangdaily.example/2025/06/05/kim-russia"
    assert (url_cell.data_type, url_cell.value, url_cell.hyperlink.target) == ("s", url, url)


def test_a_url_that_is_not_a_web_address_is_not_a_link(service: Service,
                                                       tmp_path: Path) -> None:
    service.import_paths([DATA / "joongang.html"])
    hostile = 'https://x.example/a"),CMD("calc'
    with service.db.write() as session:
        session.execute(sql('UPDATE article SET url = :u'), {"u": hostile})
    book = load_workbook(service.export(tmp_path / "links.xlsx"))
    cell = next(book["Mentions"].iter_rows(min_row=2))[11]
    assert (cell.data_type, cell.value, cell.hyperlink) == ("s", hostile, None)


def test_libreoffice_opens_the_workbook(reviewed: Service, tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install LibreOffice (see .ci/run)")
        pytest.skip("LibreOffice is not installed")
    path = reviewed.export(tmp_path / "claims.xlsx")
    out = tmp_path / "converted"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    converted = (out / "claims.csv").read_text(encoding="utf-8", errors="replace")
    assert converted.splitlines()[0].startswith("Claim id,Claim,Verdict")
    assert len(converted.splitlines()) >= reviewed.count_claims() + 1
    assert date.today().year > 2000

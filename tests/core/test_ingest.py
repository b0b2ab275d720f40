"""Reading every supported format into documents, with metadata and page chrome removed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.errors import InputError
from desktop.core.ingest import expand, read
from desktop.core.ingest.cleanup import clean, is_chrome
from desktop.core.ingest.csv_reader import CsvOptions
from desktop.core.ingest.dedupe import CopyIndex, content_hash, fingerprint
from desktop.core.ingest.metadata import dateline
from tests.conftest import DATA, SEEDS


def _one(path: Path) -> object:
    docs = list(read(path))
    assert len(docs) == 1
    return clean(docs[0])


def test_seed_header_gives_date_and_title() -> None:
    doc = _one(SEEDS / "002_dcfad5aa4b6c51f2.txt")
    assert doc.published == date(2025, 6, 5)
    assert doc.title.startswith("North Korea's Kim vows unconditional support")
    assert not doc.text.startswith("Published:")
    assert doc.text.startswith("North Korean leader Kim Jong-un has vowed")


def test_seed_003_title_found_after_junk_and_chrome_dropped() -> None:
    doc = _one(SEEDS / "003_dc2c80b8d8d95b12.txt")
    assert doc.title == "Kim Jong Un Reaffirms North Korea’s Backing for Russia’s Ukraine War"
    assert "×" not in doc.text
    assert "Gallery Gallery Videos" not in doc.text
    assert doc.text.rstrip().endswith("which concluded Friday.")


def test_byline_kept_as_metadata() -> None:
    doc = _one(SEEDS / "000_a268c1589145ab67.txt")
    assert doc.byline == "By Staff, Agencies"
    assert "By Staff" not in doc.text


def test_header_that_is_a_sentence_stays_in_the_body() -> None:
    doc = _one(SEEDS / "001_4700b357f6aa5ab5.txt")
    assert doc.text.startswith("Kim assured visiting Russian Security Council Secretary")


@pytest.mark.parametrize("line", ["Gallery Gallery Videos Videos Share on WhatsApp Share", "×",
                                  " - ", "Share on Facebook", "Advertisement"])
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["Share prices fell 4% on Monday after the report.",
                                  "Kim Jong Un met Sergei Shoigu in Pyongyang"])
def test_text_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_html_main_text_and_site_metadata() -> None:
    doc = _one(DATA / "joongang.html")
    assert doc.source == "Korea JoongAng Daily"
    assert doc.published == date(2025, 6, 5)
    assert doc.title == "North Korea's Kim vows unconditional support for Russia"
    assert doc.url == "https://koreajoongangdaily.example/2025/06/05/kim-russia"
    assert "Kim made the remarks during his meeting" in doc.text
    assert "Subscribe" not in doc.text and "Share on WhatsApp" not in doc.text


def test_docx_paragraphs_and_properties(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Kursk losses"
    document.add_paragraph("Around 600 DPRK soldiers have been killed near Kursk, a lawmaker said.")
    document.add_paragraph("Thousands more were wounded.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = _one(path)
    assert doc.title == "Kursk losses"
    assert "600 DPRK soldiers" in doc.text and "Thousands more" in doc.text


def test_pdf_text_layer_and_metadata() -> None:
    doc = _one(DATA / "casualties.pdf")
    assert "around 300 North Korean troops were killed" in doc.text
    assert doc.title == "Casualty estimates"
    assert doc.published == date(2025, 6, 5)


def test_fnc1_csv_imports_as_it_is() -> None:
    docs = list(read(DATA / "fnc1_bodies_slice.csv"))
    assert len(docs) == 5
    assert docs[0].external_id == "0"
    assert docs[0].text.startswith("A small meteorite crashed")
    assert docs[0].where.endswith("row 2")


def test_csv_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text("doc,content,headline\nA-1,Kim met Shoigu in Pyongyang on Wednesday.,Meeting\n",
                    encoding="utf-8")
    docs = list(read(path, CsvOptions(text_column="content", id_column="doc")))
    assert (docs[0].external_id, docs[0].title) == ("A-1", "Meeting")


def test_folders_recurse_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    assert [p.name for p in expand([tmp_path])] == ["a.md", "two.txt"]


def test_utf16_and_cp1252_files_decode(tmp_path: Path) -> None:
    text = "Kim’s envoy met Shoigu in Pyongyang — about 300 soldiers were killed, officials said."
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text(text, encoding="utf-16")
    cp1252 = tmp_path / "legacy.txt"
    cp1252.write_bytes(text.encode("cp1252"))
    assert "Kim’s envoy" in _one(utf16).text
    assert "Kim’s envoy" in _one(cp1252).text


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  ", "no text"),
    ("image.txt", bytes(range(256)) * 40, "binary file"),
    ("fake.docx", b"this is not a zip archive at all", "not a valid .docx"),
    ("fake.pdf", b"%PDF-1.4 broken", "damaged PDF"),
    ("slides.pptx", b"whatever", "unsupported file type"),
])
def test_bad_files_name_the_problem(tmp_path: Path, name: str, content: bytes,
                                    message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        list(read(path))
    assert str(path) in str(info.value)


def test_huge_text_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        list(read(path))


def test_csv_without_the_named_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,text\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'story'.*columns: id, body"):
        list(read(path, CsvOptions(text_column="story")))


def test_near_copy_found_by_containment() -> None:
    original = _one(SEEDS / "000_a268c1589145ab67.txt")
    copy = _one(SEEDS / "001_4700b357f6aa5ab5.txt")
    other = _one(SEEDS / "002_dcfad5aa4b6c51f2.txt")
    index = CopyIndex()
    index.add(1, 1, fingerprint(original.text))
    found = index.find_copy(fingerprint(copy.text))
    assert found is not None and found.origin_id == 1 and found.containment > 0.6
    assert index.find_copy(fingerprint(other.text)) is None


def test_duplicate_key_folds_case_and_spaces_and_holds_the_title() -> None:
    assert content_hash("A  Title", "A  b\nC") == content_hash("a title", "a b c")
    assert content_hash("Headline", "a b c") != content_hash("", "a b c")
    assert content_hash("a b", "c") != content_hash("a", "b c")


@pytest.mark.parametrize(("line", "day"), [
    ("Published: 05 Jun. 2025, 11:05", date(2025, 6, 5)),
    ("Updated: 2014-09-02", date(2014, 9, 2)),
    ("Updated at 11:45 p.m. ET", None),  # FNC-1 body 221: a time is not a date
    ("Posted: June 2025", None),  # no day: none is made up
])
def test_a_dateline_dates_an_article_only_when_it_gives_a_whole_date(line: str,
                                                                    day: date | None) -> None:
    assert dateline(line) == day

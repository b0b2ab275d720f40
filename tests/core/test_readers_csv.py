"""CSV rows as articles: quotes left open, runaway rows, NUL bytes, short texts, titles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import InputError
from desktop.core.ingest import read
from desktop.core.ingest.cleanup import clean
from desktop.core.ingest.csv_reader import CsvOptions
from desktop.core.service import Service
from tests.conftest import DATA

HEADLINES = [f"Officials in city {n} say the bridge will reopen in {2000 + n}" for n in range(100)]


def _headline_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("id,text\n" + "".join(f"{n},{row}\n" for n, row in enumerate(rows)),
                    encoding="utf-8")
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as info:
        list(read(path))
    return str(info.value)


def test_quote_left_open_to_the_end_names_its_line(tmp_path: Path) -> None:
    rows = list(HEADLINES)
    rows[40] = '"' + rows[40]
    message = _refusal(_headline_csv(tmp_path / "open.csv", rows))
    assert "malformed quote in the row starting on line 42" in message
    assert "nothing imported" in message


def test_quote_closed_rows_later_is_a_runaway_row_not_a_merge(tmp_path: Path) -> None:
    rows = list(HEADLINES)
    rows[10] = '"' + rows[10]
    rows[60] = rows[60] + '"'
    message = _refusal(_headline_csv(tmp_path / "runaway.csv", rows))
    assert message.startswith(f"{tmp_path / 'runaway.csv'}: line 12: this row runs over 51 lines")


def test_stray_text_after_a_closing_quote_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    path.write_text('id,text\n1,"Kim met Shoigu" in Pyongyang\n', encoding="utf-8")
    assert "line 2: malformed quote" in _refusal(path)


def test_extra_cells_are_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("id,text\n1,Kim met Shoigu\n2,Troops, tanks, and 300 dead\n",
                    encoding="utf-8")
    assert "line 3: 4 cells where the header has 2" in _refusal(path)


def test_long_multiline_articles_are_not_runaways() -> None:
    docs = list(read(DATA / "fnc1_bodies_slice.csv"))
    assert len(docs) == 5 and all("\n" in d.text for d in docs[:1])


def test_nul_bytes_in_a_cell_are_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,text\n1,Kim met Shoigu in Pyong\x00yang on Wednesday.\n"
                     b"2,Around 300 soldiers were killed near Kursk.\n")
    first, second = read(path)
    assert first.text == "Kim met Shoigu in Pyongyang on Wednesday."
    assert first.warning == "1 NUL byte dropped" and second.warning is None


def test_nul_warning_reaches_the_cli(capsys: pytest.CaptureFixture[str], db_path: Path,
                                     tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,text\n1,Kim met Shoigu\x00\x00 in Pyongyang on Wednesday.\n")
    assert main(["import", str(path), "--db", str(db_path)]) == 0
    assert f"{path} row 2: warning: 2 NUL bytes dropped" in capsys.readouterr().err


def test_a_binary_file_named_csv_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 64)
    assert "binary file" in _refusal(path)


def test_headline_rows_are_the_articles_text(service: Service, tmp_path: Path) -> None:
    """One short text a row, no final period: each row is an article (Emergent, posts)."""
    path = _headline_csv(tmp_path / "headlines.csv", HEADLINES[:3])
    report = service.import_paths([path])
    assert [i.status for i in report.items] == ["imported"] * 3
    assert [a.title for a in service.articles()] == HEADLINES[:3]


def test_one_sentence_txt_without_a_period_is_the_text(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Apple will sell 19 million Apple Watches in 2015\n", encoding="utf-8")
    doc = clean(next(read(path)))
    assert doc.text == "Apple will sell 19 million Apple Watches in 2015"


def test_title_column_takes_the_title_from_its_own_column(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("claim,articleHeadline,body\nx,Oldest burger turns 20,A burger bought in "
                    "1995 still looks fresh\n", encoding="utf-8")
    doc = clean(next(read(path, CsvOptions(text_column="body", title_column="articleHeadline"))))
    assert (doc.title, doc.text) == ("Oldest burger turns 20",
                                     "A burger bought in 1995 still looks fresh")
    with pytest.raises(InputError, match="no column 'headline' for the title"):
        list(read(path, CsvOptions(title_column="headline")))


def test_title_column_on_the_command_line(capsys: pytest.CaptureFixture[str], db_path: Path,
                                          tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("h,b\nBurger turns 20,A burger bought in 1995 still looks fresh.\n",
                    encoding="utf-8")
    code = main(["import", str(path), "--text-column", "b", "--title-column", "h",
                 "--db", str(db_path), "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["totals"]["imported"] == 1
    service = Service.open(db_path)
    try:
        assert service.articles()[0].title == "Burger turns 20"
    finally:
        service.close()


def test_header_without_rows_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("id,text\n", encoding="utf-8")
    assert "no rows under the header" in _refusal(path)


def test_column_names_in_a_message_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b'id,"t\nx"\n1,Kim met Shoigu\n')
    message = _refusal(path)
    assert "\n" not in message and "(columns: id, t x)" in message

"""Hostile and broken files: each fails alone, in one line naming it, before memory is spent."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfWriter

from desktop.cli import main
from desktop.core.errors import InputError
from desktop.core.ingest import expand, read
from desktop.core.service import Service
from tests.conftest import SEEDS
from tests.fuzz.files import (
    document_xml,
    docx_bytes,
    page_pdf,
    replace_part,
    text_pdf,
)

GOOD_TEXT = "Kim Jong Un met Sergei Shoigu in Pyongyang on Wednesday, state media reported."


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as info:
        list(read(path))
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def _encrypted_pdf(path: Path, password: str) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(password, algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_encrypted_pdf_asks_for_an_unencrypted_copy(tmp_path: Path) -> None:
    path = _encrypted_pdf(tmp_path / "locked.pdf", "secret")
    assert "encrypted PDF: open it and save an unencrypted copy" in _refusal(path)


@pytest.mark.parametrize("content", [
    random.Random(7).randbytes(4096),
    b"<!DOCTYPE html><html><body><p>" + GOOD_TEXT.encode() + b"</p></body></html>",
    docx_bytes([GOOD_TEXT])], ids=["random bytes", "web page", "Word document"])
def test_a_file_named_pdf_that_is_not_one_is_called_so(tmp_path: Path, content: bytes) -> None:
    """Random bytes, a web page, a Word file under a .pdf name: not a PDF at all, and no
    advice to save it to a new PDF."""
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    message = _refusal(path)
    assert "not a PDF: it does not start with %PDF" in message
    assert "damaged" not in message and "new PDF" not in message


def test_a_cut_pdf_is_damaged_and_keeps_the_advice(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(text_pdf([GOOD_TEXT])[:200])
    message = _refusal(path)
    assert "damaged PDF" in message and message.endswith("save or print it to a new PDF")


def test_pdf_stream_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(page_pdf(b"BT /F1 12 Tf (x) Tj ET " + b" " * 100_000_000))
    assert path.stat().st_size < 1_000_000
    assert "safety limits" in _refusal(path)


def test_pdf_text_layer_made_in_code_reads() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ok.pdf"
        path.write_bytes(text_pdf([GOOD_TEXT, "(brackets) and \\ backslash"]))
        text = list(read(path))[0].text
    assert "Kim Jong Un met Sergei Shoigu" in text and "(brackets)" in text


def test_docx_with_truncated_xml_is_damaged(tmp_path: Path) -> None:
    data = docx_bytes([GOOD_TEXT])
    xml = document_xml(data)
    path = tmp_path / "cut.docx"
    path.write_bytes(replace_part(data, "word/document.xml", xml[: len(xml) // 2]))
    message = _refusal(path)
    assert "damaged .docx" in message and "save it again" in message


def test_docx_billion_laughs_is_refused(tmp_path: Path) -> None:
    data = docx_bytes([GOOD_TEXT])
    body = document_xml(data).split(b"?>", 1)[1]
    entities = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">' + entities + b"]>"
              + body.replace(b"Kim Jong Un", b"&l9;"))
    path = tmp_path / "laughs.docx"
    path.write_bytes(replace_part(data, "word/document.xml", laughs))
    assert "declares XML entities" in _refusal(path)


def test_docx_inflating_past_the_part_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    data = docx_bytes([GOOD_TEXT])
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    huge = document_xml(data).replace(b"<w:p>", paragraph * 700_000 + b"<w:p>", 1)
    path = tmp_path / "inflates.docx"
    path.write_bytes(replace_part(data, "word/document.xml", huge))
    assert path.stat().st_size < 1_000_000
    assert "would expand to 24 MB of XML (the limit is 20 MB)" in _refusal(path)


def test_docx_huge_text_node_is_damaged_not_a_crash(tmp_path: Path) -> None:
    data = docx_bytes([GOOD_TEXT])
    huge = document_xml(data).replace(b"Kim Jong Un", b"a" * 11_000_000)
    path = tmp_path / "node.docx"
    path.write_bytes(replace_part(data, "word/document.xml", huge))
    assert "damaged .docx" in _refusal(path)


def test_zip_entry_larger_than_it_declares_fails_its_check(tmp_path: Path) -> None:
    """zipfile never inflates past the declared size, so a lying entry cannot spend memory."""
    data = bytearray(docx_bytes([GOOD_TEXT * 50]))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    name = archive.getinfo("word/document.xml").filename.encode()
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:  # its central directory entry
        name_length = int.from_bytes(data[start + 28:start + 30], "little")
        if data[start + 46:start + 46 + name_length] == name:
            data[start + 24:start + 28] = (64).to_bytes(4, "little")  # declared size: 64 bytes
            break
        start += 4
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").file_size == 64
    path = tmp_path / "lying.docx"
    path.write_bytes(bytes(data))
    assert "damaged .docx" in _refusal(path)


def test_file_name_of_invalid_utf8_is_imported_and_shown_escaped(
        capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9 report.txt"), "wb") as handle:
        handle.write(GOOD_TEXT.encode())
    code = main(["import", str(folder), "--db", str(db_path), "--json"])
    out, _ = capsys.readouterr()
    item = json.loads(out)["items"][0]
    assert code == 0 and item["status"] == "imported"
    assert item["path"].endswith("caf\\xe9 report.txt")
    service = Service.open(db_path)
    try:
        assert service.stats().articles == 1
    finally:
        service.close()


def test_symlink_loop_given_directly_is_named(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert "symbolic link loop" in _refusal(loop)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    assert "broken symbolic link" in _refusal(dangling)


def test_name_too_long_for_the_file_system_is_named(
        capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    too_long = tmp_path / f"{'a' * 300}.txt"
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    assert main(["import", str(too_long), str(good), "--db", str(db_path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"{too_long}: the name is too long for the file system",
                     "1 imported (0 near-copies of earlier articles), 0 duplicates, 1 failed"]


@pytest.fixture
def locked_tree() -> Iterator[Path]:
    """A folder holding a readable article and a folder nobody but root may open."""
    base = Path(tempfile.mkdtemp(prefix="factdesk-locked-"))
    base.chmod(0o755)
    (base / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (base / "locked").mkdir()
    (base / "locked" / "b.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (base / "locked").chmod(0o000)
    yield base
    (base / "locked").chmod(0o755)
    shutil.rmtree(base)


def _messages_for(folder: Path) -> list[str]:
    messages = []
    for path in expand([folder]):
        try:
            list(read(path))
            messages.append(f"{path.name}: ok")
        except InputError as error:
            messages.append(str(error))
    return messages


def test_unreadable_folder_gets_a_line(locked_tree: Path) -> None:
    if os.geteuid() != 0:
        messages = _messages_for(locked_tree)
    else:  # root reads every folder: look as an ordinary user, in a child process
        reader, writer = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            os.close(reader)
            try:
                os.setgid(65534)
                os.setuid(65534)
                os.write(writer, json.dumps(_messages_for(locked_tree)).encode())
            finally:
                os._exit(0)
        os.close(writer)
        with os.fdopen(reader, "rb") as pipe:
            output = pipe.read()
        os.waitpid(child, 0)
        messages = json.loads(output)
    assert messages == ["a.txt: ok",
                        f"{locked_tree / 'locked'}: cannot open the folder (Permission denied)"]


def test_a_bad_file_never_stops_the_batch_and_the_cli_exits_1(
        capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    _encrypted_pdf(batch / "a_locked.pdf", "secret")
    (batch / "b_bomb.pdf").write_bytes(page_pdf(b" " * 80_000_000))
    data = docx_bytes([GOOD_TEXT])
    (batch / "c_cut.docx").write_bytes(replace_part(data, "word/document.xml", b"<w:doc"))
    (batch / "d_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    code = main(["import", str(batch), "--db", str(db_path)])
    _, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 1
    assert lines[-1].startswith("1 imported") and lines[-1].endswith("3 failed")
    assert [line.split(":")[0] for line in lines[:-1]] == [
        str(batch / name) for name in ("a_locked.pdf", "b_bomb.pdf", "c_cut.docx")]


def test_third_party_chatter_stays_off_the_terminal(tmp_path: Path) -> None:
    """pypdf's header complaint and dateutil's unknown-zone warning, in a real process."""
    sloppy = tmp_path / "sloppy.pdf"
    sloppy.write_bytes(b"garbage before the header\n" + text_pdf([GOOD_TEXT]))
    dated = tmp_path / "dated.txt"
    dated.write_text("Published: Mon, 05 Jun 2025 11:05 EDT\n\n" + GOOD_TEXT + "\n"
                     "The talks began at 10:30 EDT on 5 June 2025, officials said.\n",
                     encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = subprocess.run(
        [sys.executable, "-W", "default", "-m", "desktop.cli", "import", str(sloppy),
         str(dated), str(broken), "--db", str(tmp_path / "p.sqlite")],
        capture_output=True, text=True, timeout=120, check=False)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert lines == [f"{broken}: not a valid .docx file (it is not a zip archive)",
                     "2 imported (0 near-copies of earlier articles), 0 duplicates, 1 failed"]


@pytest.mark.postgres
def test_nul_bytes_and_undecodable_names_reach_postgres_stored(pg_url: str,
                                                               tmp_path: Path) -> None:
    """PostgreSQL refuses NUL in text and SQLite refuses lone surrogates: both are cleaned."""
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a.csv").write_bytes(b"id,text\n1,Kim met Shoigu in Pyong\x00yang on Wednesday.\n")
    (batch / "b.txt").write_bytes(GOOD_TEXT.encode() * 120 + b" Troops\x00 moved.")
    with open(os.path.join(os.fsencode(batch), b"c\xff.txt"), "wb") as handle:
        handle.write(b"Around 300 soldiers were killed near Kursk, officials said.")
    service = Service.open(pg_url)
    try:
        report = service.import_paths([batch])
        assert [i.status for i in report.items] == ["imported"] * 3
        assert report.items[0].warning == "1 NUL byte dropped"
        assert report.items[2].path.endswith("c\\xff.txt")
    finally:
        service.close()


def test_random_bytes_in_a_txt_are_refused_and_the_rest_of_the_folder_imports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # trial8: 20,000 bytes of 0x80-0xFF fit no encoding and imported as "Article #4", a
    # body of accented gibberish counted as a source.
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEEDS / sorted(os.listdir(SEEDS))[0], folder / "a.txt")
    junk = bytes((0x80 + (i * 7919) % 128) for i in range(20000))
    (folder / "b_junk.txt").write_bytes(junk)
    shutil.copy(SEEDS / sorted(os.listdir(SEEDS))[1], folder / "c.txt")
    (folder / "d_accents.txt").write_bytes(
        "Le café est très bon, déjà vu à côté de la gare.\n".encode("cp1252") * 3)
    code = main(["--db", str(tmp_path / "p.sqlite"), "import", str(folder)])
    out = capsys.readouterr()
    assert code != 0
    assert "b_junk.txt" in out.err and "not readable text" in out.err
    assert "3 imported" in out.err and "1 failed" in out.err

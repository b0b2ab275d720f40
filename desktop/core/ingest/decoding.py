"""Bytes to text: byte-order marks, UTF-8, then a detected legacy encoding; binary refused."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from desktop.core.errors import InputError

MAX_TEXT_BYTES = 10 * 1024 * 1024
"""One article larger than this is almost surely not an article (a log, a dump, a book)."""

_BINARY = "binary file, not text (is it an image, archive or program?)"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path, limit: int | None = MAX_TEXT_BYTES) -> bytes:
    """The file's bytes, refusing empty and oversized files with a message naming them."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(path, "empty file, nothing to import")
        if limit is not None and size > limit:
            raise InputError(
                path,
                f"too large for one article ({size / 1e6:.1f} MB; the limit is "
                f"{limit / 1e6:.0f} MB): split it, or import it as a CSV of articles",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc


MAX_NUL_SHARE = 0.1
"""A text file with stray NUL bytes (a CSV export gone wrong) has a few; UTF-16 or a
binary format has many more, or has them in every other byte."""


def decode(data: bytes, path: Path, *, allow_nul: bool = False) -> str:
    """Decode ``data`` as text, or raise InputError if it is binary or undecodable.

    With ``allow_nul``, stray NUL bytes are kept in the text for the caller to drop and
    report, instead of refusing the whole file as binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        # UTF-16 without a byte-order mark still shows as every other byte NUL.
        sample = data[:8192]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) / 4 and even == 0:
            return data.decode("utf-16-le", errors="replace")
        if even > len(sample) / 4 and odd == 0:
            return data.decode("utf-16-be", errors="replace")
        if not allow_nul or data.count(0) > len(data) * MAX_NUL_SHARE:
            raise InputError(path, _BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:65536]).best()
    if best is None:
        return _without_encoding(data, path)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


MIN_ASCII_SHARE = 0.5
"""Where no encoding fits, the share of plain ASCII a text must hold to be read as
Windows-1252: a Western article with a few stray bytes is mostly ASCII; random bytes (a
truncated download, an encrypted file, 20,000 bytes of 0x80-0xFF in trial8) hold none, and
read as Windows-1252 they imported as an article of accented gibberish."""


def _without_encoding(data: bytes, path: Path) -> str:
    """Text charset_normalizer could fit to no encoding: Windows-1252 if it is mostly
    ASCII, else refused."""
    sample = data[:65536]
    if sum(1 for byte in sample if byte < 0x80) < MIN_ASCII_SHARE * len(sample):
        raise InputError(path, "not readable text: no text encoding fits its bytes "
                               "(is it damaged, encrypted or not a text file?)")
    return data.decode("cp1252", errors="replace")


def refuse_binary(text: str, path: Path) -> None:
    """Refuse decoded text whose start is full of control characters (NUL aside)."""
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\0\n\r\t\f")
    if controls > 40:
        raise InputError(path, _BINARY)


def read_text(path: Path, limit: int | None = MAX_TEXT_BYTES) -> str:
    """Read and decode a text file, with every refusal naming the file."""
    text = decode(read_bytes(path, limit), path)
    if not text.strip():
        raise InputError(path, "no text in the file, nothing to import")
    refuse_binary(text, path)
    return text

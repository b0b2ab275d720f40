"""PDF files: the text layer of every page (scanned PDFs without one are refused).

pypdf (6.8 and later) limits what a stream may inflate to (75 MB) and raises
LimitReachedError past it, before the memory is spent; that becomes one line for the file.
Its complaints about sloppy but readable files are kept off the terminal (ingest.quiet).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import InputError, shown_path
from desktop.core.ingest.decoding import MAX_TEXT_BYTES, read_bytes
from desktop.core.ingest.document import Document
from desktop.core.ingest.problems import damaged, one_line

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_PDF_BYTES = 200_000_000
_REMEDY = "open it and save or print it to a new PDF"
HEADER_WITHIN = 1024
"""Where a PDF's ``%PDF-`` header may lie: Acrobat looks for it in the first 1024 bytes and
pypdf reads past junk before it, so such a file still imports."""
NOT_PDF = ("not a PDF: it does not start with %PDF, as every PDF does (another kind of "
           "file named .pdf?)")


def _decrypt(path: Path, reader: PdfReader) -> None:
    """Open a PDF encrypted with an empty password; refuse any other encryption."""
    try:
        opened = bool(reader.decrypt(""))
    except Exception:  # AES needs the cryptography package; any failure means "locked"
        opened = False
    if not opened:
        raise InputError(path, "encrypted PDF: open it and save an unencrypted copy")


def _metadata(reader: PdfReader) -> tuple[str, date | None, str | None]:
    """Title, creation date and author; damaged metadata only costs the metadata."""
    try:
        meta = reader.metadata
        if meta is None:
            return "", None, None
        created = meta.creation_date
        return (str(meta.title or "").strip(), created.date() if created else None,
                str(meta.author or "").strip() or None)
    except Exception:  # a malformed date or string in the info dictionary
        return "", None, None


def read_pdf(path: Path) -> list[Document]:
    """One document per PDF, pages joined by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    if b"%PDF-" not in read_bytes(path, limit=MAX_PDF_BYTES)[:HEADER_WITHIN]:
        # Random bytes, a web page or a Word file under a .pdf name: pypdf called it
        # damaged, and the advice to save it to a new PDF sent users looking for a PDF
        # reader that would open it.
        raise InputError(path, NOT_PDF)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            _decrypt(path, reader)
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_TEXT_BYTES:
                raise InputError(path, "too much text for one article (over "
                                       f"{MAX_TEXT_BYTES / 1e6:.0f} million characters): "
                                       "split the PDF")
        title, created, author = _metadata(reader)
    except InputError:
        raise
    except LimitReachedError as exc:
        raise InputError(path, f"the PDF holds data past pypdf's safety limits "
                               f"({one_line(exc)}); FactDesk refuses it to protect "
                               "memory") from exc
    except Exception as exc:  # pypdf raises many types on damaged files, not only its own
        raise damaged(path, "PDF", exc, _REMEDY) from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "the PDF has no text layer (a scan?); run OCR on it first")
    return [
        Document(
            text=text,
            where=shown_path(path),
            title=title,
            published=created,
            byline=author,
        )
    ]

"""PDF files: the text layer of every page (scanned PDFs without one are refused)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.ingest.decoding import read_bytes
from desktop.core.ingest.document import Document


def read_pdf(path: Path) -> list[Document]:
    """One document per PDF, pages joined by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    read_bytes(path, limit=None)
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise InputError(path, f"not a readable PDF ({exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "the PDF has no text layer (a scan?); run OCR on it first")
    title = (meta.title or "").strip() if meta else ""
    created = meta.creation_date if meta else None
    return [
        Document(
            text=text,
            where=str(path),
            title=title,
            published=created.date() if created else None,
            byline=(meta.author if meta else None) or None,
        )
    ]

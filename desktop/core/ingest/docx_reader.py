"""Word documents: paragraph text, and the title and date from the document properties."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.ingest.decoding import read_bytes
from desktop.core.ingest.document import Document


def read_docx(path: Path) -> list[Document]:
    """One document per .docx file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    read_bytes(path, limit=None)  # refuses empty and unreadable files with a clear message
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a valid .docx file (it is not a zip archive)")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"not a valid .docx file ({exc})") from exc
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise InputError(path, "no text in the document, nothing to import")
    props = document.core_properties
    when = props.created or props.modified
    return [
        Document(
            text=text,
            where=str(path),
            title=(props.title or "").strip(),
            published=when.date() if when else None,
            byline=props.author or None,
        )
    ]

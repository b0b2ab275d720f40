"""Word documents: paragraph text, and the title and date from the document properties.

A .docx is a zip of XML parts that python-docx inflates whole into memory and parses with
lxml. So before it does, the archive's declared sizes are checked against limits (Python's
zipfile never inflates an entry past its declared size: a lying entry fails its CRC check
instead), and XML parts carrying a document type declaration, which Word never writes but
entity-expansion bombs need, are refused. lxml itself refuses text nodes over 10 MB.

The text is read from the parsed tree in one pass of lxml's iterator rather than through
python-docx's paragraph objects: on 900,000 short paragraphs (30 MB of XML) that took 4 s
instead of 73 s. Paragraphs inside tables are kept; they are text of the article too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.core.errors import InputError, shown_path
from desktop.core.ingest.decoding import MAX_TEXT_BYTES, read_bytes
from desktop.core.ingest.document import Document
from desktop.core.ingest.problems import damaged

MAX_DOCX_BYTES = 100_000_000
"""The file itself: Word documents with photos rarely pass a few tens of MB."""
MAX_PART_BYTES = 20_000_000
"""One XML part once inflated; lxml's tree takes about 16 times this in memory."""
MAX_TOTAL_BYTES = 200_000_000
"""Every part once inflated: python-docx loads them all, images included."""
MAX_ENTRIES = 10_000
_REMEDY = "open it in Word and save it again"


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse an archive that would expand past the limits, before anything is inflated."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise InputError(path, f"not a plausible .docx ({len(entries):,} parts in the zip; "
                               f"the limit is {MAX_ENTRIES:,})")
    total = sum(info.file_size for info in entries)
    if total > MAX_TOTAL_BYTES:
        raise InputError(path, f"the .docx would expand to {total / 1e6:,.0f} MB (the limit "
                               f"is {MAX_TOTAL_BYTES / 1e6:.0f} MB); FactDesk refuses it to "
                               "protect memory")
    for info in entries:
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_PART_BYTES:
            raise InputError(path, f"the .docx part {info.filename} would expand to "
                                   f"{info.file_size / 1e6:,.0f} MB of XML (the limit is "
                                   f"{MAX_PART_BYTES / 1e6:.0f} MB); FactDesk refuses it to "
                                   "protect memory")
        with archive.open(info) as part:
            head = part.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InputError(path, f"the .docx part {info.filename} declares XML entities, "
                                   "which Word never writes (an entity-expansion bomb?)")


def _paragraphs(body: Any) -> Iterator[str]:
    """The text of each paragraph: runs' text, tabs and line breaks, as Word shows them."""
    from docx.oxml.ns import qn

    paragraph, text, tab, breaks = qn("w:p"), qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))
    for element in body.iter(paragraph):
        yield "".join((part.text or "") if part.tag == text else
                      "\t" if part.tag == tab else "\n"
                      for part in element.iter(text, tab, *breaks))


def read_docx(path: Path) -> list[Document]:
    """One document per .docx file."""
    import docx

    read_bytes(path, limit=MAX_DOCX_BYTES)  # refuses empty, oversized, unreadable files
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a valid .docx file (it is not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(path, archive)
        document = docx.Document(str(path))
        text = "\n".join(_paragraphs(document.element.body))
        props = document.core_properties
        title, author = (props.title or "").strip(), props.author or None
        when = props.created or props.modified
    except InputError:
        raise
    except Exception as exc:  # lxml, zipfile and python-docx each have their own failures
        raise damaged(path, ".docx", exc, _REMEDY) from exc
    if not text.strip():
        raise InputError(path, "no text in the document, nothing to import")
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(path, f"too much text for one article ({len(text) / 1e6:.1f} million "
                               "characters): split the document")
    return [
        Document(
            text=text,
            where=shown_path(path),
            title=title,
            published=when.date() if when else None,
            byline=author,
        )
    ]

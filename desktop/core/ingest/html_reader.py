"""HTML pages: main text and metadata by trafilatura.

trafilatura was chosen over a tag stripper or readability-lxml because it is maintained,
removes navigation, share bars and comments, and reads the page's own title, date and site
name (OpenGraph, JSON-LD, meta tags) in the same pass.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError, shown_path
from desktop.core.ingest.decoding import read_text
from desktop.core.ingest.document import Document
from desktop.core.ingest.metadata import parse_date

_DATE_SEARCH = {"original_date": True, "extensive_search": False}
"""The page's own date markup (meta tags, JSON-LD, time elements) but not htmldate's
extensive search: its first fall-back to dateparser compiles that library's language
tables, which took 8 s on a 638-byte page (benchmarks/fuzz_readers.py, seed 98)."""


def read_html(path: Path) -> list[Document]:
    """The page's main text, title, date, site name and canonical URL."""
    import trafilatura

    html = read_text(path)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False,
                                            date_extraction_params=_DATE_SEARCH)
    # bare_extraction returns a dict only when asked to (as_dict=True).
    if extracted is None or isinstance(extracted, dict) or not (extracted.text or "").strip():
        raise InputError(path, "no article text found in the page")
    title = (extracted.title or "").strip()
    lines = (extracted.text or "").split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    return [
        Document(
            text="\n".join(lines),
            where=shown_path(path),
            title=title,
            published=parse_date(extracted.date) if extracted.date else None,
            source=(extracted.sitename or "").strip() or None,
            url=extracted.url,
            byline=extracted.author,
        )
    ]

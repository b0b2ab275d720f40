"""CSV files of articles: one row, one article (FNC-1's train_bodies.csv imports as it is)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.ingest.decoding import decode, read_bytes
from desktop.core.ingest.document import Document
from desktop.core.ingest.metadata import parse_date

csv.field_size_limit(sys.maxsize)

_TEXT_NAMES = ("text", "body", "articlebody", "article", "content", "article_body")
_ID_NAMES = ("id", "body id", "external_id", "article_id", "doc_id")
_OPTIONAL = {
    "title": ("title", "headline"),
    "published": ("date", "published", "published_at", "pubdate"),
    "source": ("source", "outlet", "publisher", "site"),
    "url": ("url", "link"),
}


@dataclass(frozen=True)
class CsvOptions:
    """Which columns hold the article text and its id; None means find them by name."""

    text_column: str | None = None
    id_column: str | None = None


def _find(header: list[str], wanted: str | None, names: tuple[str, ...], path: Path,
          role: str) -> str | None:
    if wanted is not None:
        if wanted not in header:
            raise InputError(path, f"no column {wanted!r} for the {role} "
                                   f"(columns: {', '.join(header)})")
        return wanted
    lowered = {h.strip().lower(): h for h in header}
    return next((lowered[n] for n in names if n in lowered), None)


def read_csv(path: Path, options: CsvOptions = CsvOptions()) -> Iterator[Document]:
    """Yield one document per row; a row without text is reported, not fatal."""
    text = decode(read_bytes(path, limit=None), path)
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [h for h in (reader.fieldnames or []) if h is not None]
    if not header:
        raise InputError(path, "no header row")
    text_col = _find(header, options.text_column, _TEXT_NAMES, path, "article text")
    if text_col is None:
        raise InputError(path, "no article text column found; name it with --text-column "
                               f"(columns: {', '.join(header)})")
    id_col = _find(header, options.id_column, _ID_NAMES, path, "id")
    extra = {key: _find(header, None, names, path, key) for key, names in _OPTIONAL.items()}
    for row_number, row in enumerate(reader, start=2):
        def cell(column: str | None, row: dict[str, str | None] = row) -> str:
            return (row.get(column) or "").strip() if column else ""

        yield Document(
            text=cell(text_col),
            where=f"{path} row {row_number}",
            title=cell(extra["title"]),
            published=parse_date(cell(extra["published"])) if cell(extra["published"]) else None,
            source=cell(extra["source"]) or None,
            url=cell(extra["url"]) or None,
            external_id=cell(id_col) or None,
        )

"""CSV files of articles: one row, one article (FNC-1's train_bodies.csv imports as it is).

The whole file is parsed and checked before its first row is handed on, so a malformed
file imports nothing and says which line to fix: Python's csv module, left lenient, turns
an unclosed quote into one "article" swallowing every row after it. Strict quoting catches
a quote that runs to the end of the file or is followed by stray text; a quote that closes
on a later row is caught by the row's length, far beyond what the file's other rows take.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from desktop.core.errors import InputError, shown_path
from desktop.core.ingest.decoding import decode, read_bytes, refuse_binary
from desktop.core.ingest.document import Document
from desktop.core.ingest.metadata import parse_date
from desktop.core.wording import counted

csv.field_size_limit(sys.maxsize)

_TEXT_NAMES = ("text", "body", "articlebody", "article", "content", "article_body")
_ID_NAMES = ("id", "body id", "external_id", "article_id", "doc_id")
_OPTIONAL = {
    "title": ("title", "headline"),
    "published": ("date", "published", "published_at", "pubdate"),
    "source": ("source", "outlet", "publisher", "site"),
    "url": ("url", "link"),
}
_DELIMITERS = ",;\t|"
_SAMPLE_ROWS = 50
MIN_ROWS_TO_COMPARE = 5
"""Below this many rows there is no "usual" row length to compare a runaway row with."""
RUNAWAY_LINES = 20
"""A row spanning more lines than this many times the median row (and at least this
many) is a quote left open, not an article: FNC-1's longest body spans 15 times its
median, a headline file's rows one line each."""
RUNAWAY_CHARS = 50
"""Likewise for characters, over 5,000 of them: FNC-1's longest body is 15 times its median."""


@dataclass(frozen=True)
class CsvOptions:
    """Which columns hold the article text, its id and its title; None: find them by name."""

    text_column: str | None = None
    id_column: str | None = None
    title_column: str | None = None


@dataclass(frozen=True)
class _Row:
    line: int
    lines: int
    fields: list[str]


def _listed(header: list[str]) -> str:
    """Column names for a message: one line, each name folded to one line and shortened."""
    names = [" ".join(h.split())[:40] for h in header[:20]]
    return ", ".join(names) + (f" and {len(header) - 20} more" if len(header) > 20 else "")


def _find(header: list[str], wanted: str | None, names: tuple[str, ...], path: Path,
          role: str) -> str | None:
    if wanted is not None:
        if wanted not in header:
            raise InputError(path, f"no column {wanted!r} for the {role} "
                                   f"(columns: {_listed(header)})")
        return wanted
    lowered = {h.strip().lower(): h for h in header}
    return next((lowered[n] for n in names if n in lowered), None)


def _strict(delimiter: str) -> type[csv.Dialect]:
    """Standard quoting (doubled quotes inside quoted cells), strictly checked."""

    class Strict(csv.excel):
        strict = True

    Strict.delimiter = delimiter
    return Strict


def _fits(text: str, dialect: type[csv.Dialect]) -> bool:
    """Whether the first rows parse with this dialect, each as wide as the header."""
    try:
        rows = [r for r in islice(csv.reader(io.StringIO(text, newline=""), dialect),
                                  _SAMPLE_ROWS) if r]
    except csv.Error:
        return False
    return len(rows[0]) > 1 and all(len(r) == len(rows[0]) for r in rows)


def _dialect(text: str) -> type[csv.Dialect]:
    """The delimiter under which the first rows parse as a table, most frequent first.

    csv.Sniffer was measured wrong on 1 valid file in 10 of tests/fuzz/cases.py (a
    semicolon file whose text holds commas read as commas), and it also guesses quoting
    (doublequote off when its sample holds no doubled quote), which misreads valid files.
    """
    first = text[:text.find("\n")] if "\n" in text else text
    candidates = sorted((d for d in _DELIMITERS if d in first), key=first.count, reverse=True)
    for delimiter in candidates:
        if _fits(text, _strict(delimiter)):
            return _strict(delimiter)
    return _strict(candidates[0] if candidates else ",")


def _rows(text: str, path: Path) -> tuple[list[str], list[_Row]]:
    """The header and every row with the line it starts on, or an error naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    rows: list[_Row] = []
    start = 1
    try:
        header = next(reader, [])
        start = reader.line_num + 1
        for fields in reader:
            if fields:  # a blank line is no row
                rows.append(_Row(start, reader.line_num - start + 1, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, f"line {reader.line_num}: malformed quote in the row starting "
                               f"on line {start} ({exc}); nothing imported from this "
                               "file") from exc
    return header, rows


def _check_shapes(header: list[str], rows: list[_Row], path: Path) -> None:
    """Refuse rows with extra cells, and rows far longer than the file's others."""
    for row in rows:
        if len(row.fields) > len(header) and any(f.strip() for f in row.fields[len(header):]):
            raise InputError(path, f"line {row.line}: {len(row.fields)} cells where the header "
                                   f"has {len(header)} (a quote not closed, or an unquoted "
                                   "delimiter?); nothing imported from this file")
    if len(rows) < MIN_ROWS_TO_COMPARE:
        return
    lines = statistics.median(row.lines for row in rows)
    chars = statistics.median(sum(map(len, row.fields)) for row in rows)
    for row in rows:
        size = sum(map(len, row.fields))
        if (row.lines > max(RUNAWAY_LINES, RUNAWAY_LINES * lines)
                or (size > 5000 and size > RUNAWAY_CHARS * chars)):
            raise InputError(path, f"line {row.line}: this row runs over {row.lines:,} lines "
                                   f"and {size:,} characters, far beyond the file's other "
                                   "rows (a quote not closed?); nothing imported from this "
                                   "file")


def read_csv(path: Path, options: CsvOptions = CsvOptions()) -> Iterator[Document]:
    """Yield one document per row; a row without text is reported, not fatal."""
    text = decode(read_bytes(path, limit=None), path, allow_nul=True)
    refuse_binary(text, path)
    header, rows = _rows(text, path)
    header = [h.replace("\0", "") for h in header]
    if not any(h.strip() for h in header):
        raise InputError(path, "no header row")
    text_col = _find(header, options.text_column, _TEXT_NAMES, path, "article text")
    if text_col is None:
        raise InputError(path, "no article text column found; name it with --text-column "
                               f"(columns: {_listed(header)})")
    id_col = _find(header, options.id_column, _ID_NAMES, path, "id")
    title_col = _find(header, options.title_column, _OPTIONAL["title"], path, "title")
    extra = {key: _find(header, None, names, path, key) for key, names in _OPTIONAL.items()}
    _check_shapes(header, rows, path)
    if not rows:
        raise InputError(path, "no rows under the header, nothing to import")
    columns = {name: index for index, name in enumerate(header)}
    where = shown_path(path)
    for row_number, row in enumerate(rows, start=2):
        nuls = sum(cell.count("\0") for cell in row.fields)

        def cell(column: str | None, fields: list[str] = row.fields) -> str:
            if column is None or columns[column] >= len(fields):
                return ""
            return fields[columns[column]].replace("\0", "").strip()

        published = cell(extra["published"])
        yield Document(
            text=cell(text_col),
            where=f"{where} row {row_number}",
            title=cell(title_col),
            published=parse_date(published) if published else None,
            source=cell(extra["source"]) or None,
            url=cell(extra["url"]) or None,
            external_id=cell(id_col) or None,
            warning=f"{counted(nuls, 'NUL byte')} dropped" if nuls else None,
        )

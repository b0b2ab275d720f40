"""Claims, mentions or articles as CSV: UTF-8 with a byte-order mark (so Excel reads the
accents right), the columns of the matching sheet, the formula guard against CSV
injection, and the delimiter the reader's spreadsheet expects (";" where the decimal
separator is a comma: Excel in German or French puts a comma-separated file in one
column)."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from desktop.core.errors import FactDeskError
from desktop.core.export.cells import csv_text
from desktop.core.export.records import ExportOptions, ExportSource, WriteReport
from desktop.core.export.xlsx import (
    ARTICLE_COLUMNS,
    CLAIM_COLUMNS,
    MENTION_COLUMNS,
    Column,
    article_values,
    claim_values,
    mention_values,
)
from desktop.core.progress import NULL_PROGRESS, Progress

TABLES = ("claims", "mentions", "articles")
DELIMITERS = (",", ";", "\t", "|")


def _value(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return csv_text(value)
    return "" if value is None else value


def _rows(source: ExportSource, what: str,
          progress: Progress) -> tuple[Sequence[Column], Iterator[Sequence[object]]]:
    total = source.summary().claims

    def claims() -> Iterator[Sequence[object]]:
        done = 0
        for page in source.claims():
            progress.check()
            yield from (claim_values(claim) for claim in page)
            done += len(page)
            progress.report(done, max(total, done), "Writing claims")

    def mentions() -> Iterator[Sequence[object]]:
        done = 0
        for page in source.claims_with_mentions():
            progress.check()
            for item in page:
                yield from (mention_values(item.claim.row, m) for m in item.mentions)
            done += len(page)
            progress.report(done, max(total, done), "Writing mentions")

    def articles() -> Iterator[Sequence[object]]:
        for article in source.articles():
            yield article_values(article)

    table = {"claims": (CLAIM_COLUMNS, claims), "mentions": (MENTION_COLUMNS, mentions),
             "articles": (ARTICLE_COLUMNS, articles)}
    columns, rows = table[what]
    return columns, rows()


def write_csv(source: ExportSource, path: Path, progress: Progress = NULL_PROGRESS,
              options: ExportOptions = ExportOptions()) -> WriteReport:
    """Write the table the options name, streamed from the source."""
    if options.what not in TABLES:
        raise FactDeskError(f"{path.name}: cannot export {options.what!r} as CSV "
                            f"(use {', '.join(TABLES)})")
    if options.delimiter not in DELIMITERS:
        raise FactDeskError(f"{path.name}: {options.delimiter!r} is not a CSV delimiter "
                            "(use , ; tab or |)")
    columns, rows = _rows(source, options.what, progress)
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=options.delimiter)
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow([_value(v) for v in row])
            written += 1
    return WriteReport(written)

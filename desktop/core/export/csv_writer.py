"""Claims as CSV: UTF-8 with a byte-order mark (so Excel reads the accents right), the
columns of the Claims sheet, and the formula guard against CSV injection."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from desktop.core.export.cells import csv_text
from desktop.core.export.records import ExportSource
from desktop.core.export.xlsx import CLAIM_COLUMNS, claim_values
from desktop.core.progress import NULL_PROGRESS, Progress


def _value(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return "" if value is None else value


def write_csv(source: ExportSource, path: Path, progress: Progress = NULL_PROGRESS) -> None:
    """Write the claims the source streams."""
    total = source.summary().claims
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in CLAIM_COLUMNS])
        for page in source.claims():
            progress.check()
            writer.writerows([_value(v) for v in claim_values(claim)] for claim in page)
            written += len(page)
            progress.report(written, max(total, written), "Writing claims")

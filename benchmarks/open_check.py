"""What the damaged-page check costs when a project is opened, next to the full check
`factdesk check` runs and to opening without any check.

    python benchmarks/open_check.py PROJECT.sqlite [--runs 5]

PROJECT is any FactDesk project, e.g. the FNC-1 import of the README
(`factdesk import ../shared/data/fnc1/train_bodies.csv --db fnc.sqlite`). Times are the
median of the runs, with the file in the page cache (a project just worked on).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.db import open_database
from desktop.core.paths import database_url


def median_s(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pragma(path: Path, statement: str) -> Callable[[], object]:
    def run() -> object:
        with sqlite3.connect(path) as conn:
            return conn.execute(statement).fetchall()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    path = options.project.resolve()
    with sqlite3.connect(path) as conn:
        claims = conn.execute("SELECT count(*) FROM claim").fetchone()[0]
    opened = median_s(options.runs, lambda: open_database(database_url(path)).close())
    quick = median_s(options.runs, pragma(path, "PRAGMA quick_check(5)"))
    full = median_s(options.runs, pragma(path, "PRAGMA integrity_check(100)"))
    print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MiB, {claims:,} claims; "
          f"median of {options.runs}\n")
    print("| step | seconds | ratio to quick_check |")
    print("|---|---|---|")
    print(f"| PRAGMA quick_check, run on every open | {quick:.3f} | 1.00 |")
    print(f"| open_database as a whole (connect, quick_check, revision, close with "
          f"checkpoint) | {opened:.3f} | {opened / quick:.2f} |")
    print(f"| PRAGMA integrity_check, the alternative (`factdesk check` runs it) | {full:.3f} "
          f"| {full / quick:.2f} |")

if __name__ == "__main__":
    main()

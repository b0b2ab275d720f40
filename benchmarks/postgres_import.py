"""The same import on a PostgreSQL server and on SQLite, in one run: speed and whether the
claims come out the same.

    python benchmarks/postgres_import.py postgresql+psycopg://user:pw@host/db [--reset]
        [--fnc ../shared/data/fnc1]

The database must be empty; --reset empties it first (DROP SCHEMA public CASCADE: never
point it at a project you keep). CI's test server is one: FACTDESK_TEST_PG.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from shared_data import FNC1
from sqlalchemy import create_engine, inspect, text

from desktop.core.service import Service


def empty(url: str, reset: bool) -> None:
    """Make sure the server database holds nothing, or stop."""
    engine = create_engine(url)
    try:
        if reset:
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        elif inspect(engine).get_table_names():
            raise SystemExit("the database holds tables; pass --reset to empty it")
    finally:
        engine.dispose()


def timed_import(db: str | Path, bodies: Path) -> tuple[float, int, list[tuple[str, int]]]:
    """Seconds, articles imported, and (claim text, articles) of every claim."""
    service = Service.open(db)
    started = time.perf_counter()
    report = service.import_paths([bodies], source="FNC-1", id_column="Body ID")
    elapsed = time.perf_counter() - started
    claims = sorted((c.text, c.n_articles) for c in service.claims())
    service.close()
    return elapsed, report.count("imported"), claims


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--fnc", type=Path,
                        default=FNC1)
    args = parser.parse_args()
    empty(args.url, args.reset)
    bodies = args.fnc / "train_bodies.csv"
    results = {"PostgreSQL": timed_import(args.url, bodies),
               "SQLite": timed_import(Path(tempfile.mkdtemp()) / "fnc.sqlite", bodies)}
    print("| database | seconds | articles/s | claims |")
    print("|---|---:|---:|---:|")
    for name, (seconds, articles, claims) in results.items():
        print(f"| {name} | {seconds:.1f} | {articles / seconds:.0f} | {len(claims):,} |")
    same = results["PostgreSQL"][2] == results["SQLite"][2]
    print(f"\nthe same claims with the same article counts: {'yes' if same else 'no'}")


if __name__ == "__main__":
    main()

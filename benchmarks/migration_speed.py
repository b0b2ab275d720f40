"""How long migration 0005 (the exact-duplicate key over title and body) takes on the
FNC-1 project, on SQLite and on PostgreSQL.

    python benchmarks/migration_speed.py [--pg URL] [--bodies ../shared/data/fnc1/train_bodies.csv]

The project is built as the previous FactDesk left it: a schema at revision 0004, the
bodies that its key (the body alone) kept, imported with their sentences, claims and
mentions, and that key stored. Then the upgrade to head runs as open_database runs it
(one transaction on one connection) and is timed; every key is checked afterwards. The
--pg database is emptied first.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import tempfile
import time
from pathlib import Path

from alembic import command
from shared_data import FNC1
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from desktop.core.db import Database, alembic_config, head_revision
from desktop.core.ingest.cleanup import clean
from desktop.core.ingest.csv_reader import CsvOptions
from desktop.core.ingest.dedupe import content_hash
from desktop.core.ingest.document import Document
from desktop.core.service.importing import import_paths

BODIES = FNC1 / "train_bodies.csv"


def body_only_key(body: str) -> str:
    """Revision 0004's key."""
    return hashlib.sha256(" ".join(body.casefold().split()).encode("utf-8")).hexdigest()


def kept_by_the_old_key(bodies: Path, out: Path) -> tuple[int, int]:
    """Write the rows the previous import kept (first of each cleaned body) to ``out``."""
    csv.field_size_limit(sys.maxsize)
    seen: set[str] = set()
    rows = 0
    with bodies.open(encoding="utf-8") as src, out.open("w", encoding="utf-8",
                                                        newline="") as dst:
        writer = csv.writer(dst)
        writer.writerow(["Body ID", "articleBody"])
        for row in csv.DictReader(src):
            rows += 1
            key = body_only_key(clean(Document(row["articleBody"], row["Body ID"])).text)
            if key not in seen:
                seen.add(key)
                writer.writerow([row["Body ID"], row["articleBody"]])
    return rows, len(seen)


def measure(url: str, kept: Path) -> None:
    engine = create_engine(url)
    cfg = alembic_config()
    try:
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
        db = Database(engine, sessionmaker(engine, expire_on_commit=False))
        started = time.perf_counter()
        report = import_paths(db, [kept], source="FNC-1",
                              csv_options=CsvOptions(id_column="Body ID"))
        imported = time.perf_counter() - started
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT id, body FROM article")).all()
            conn.execute(text("UPDATE article SET content_hash = :key WHERE id = :id"),
                         [{"key": body_only_key(body), "id": i} for i, body in rows])
        started = time.perf_counter()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        migrated = time.perf_counter() - started
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT title, body, content_hash FROM article")).all()
        wrong = sum(1 for title, body, key in stored if key != content_hash(title, body))
        print(f"| {engine.dialect.name} | {report.count('imported'):,} | {imported:.1f} | "
              f"{migrated:.2f} | {len(stored):,} | {wrong} |")
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="a PostgreSQL URL to measure on as well (emptied)")
    parser.add_argument("--bodies", type=Path, default=BODIES)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / "kept.csv"
        rows, unique = kept_by_the_old_key(options.bodies, kept)
        print(f"{options.bodies.name}: {rows:,} rows, {unique:,} kept by the body-only key; "
              f"upgrade 0004 -> {head_revision()}\n")
        print("| database | articles at 0004 | their import, s | migration, s | articles "
              "after | keys not title+body |")
        print("|---|---|---|---|---|---|")
        measure(f"sqlite:///{Path(folder) / 'fnc1-0004.sqlite'}", kept)
        if options.pg:
            measure(options.pg, kept)


if __name__ == "__main__":
    main()

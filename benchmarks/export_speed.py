"""Excel export speed and memory at 100,000 and 1,000,000 claims, next to what a user
would do by hand in the same run: pandas.read_sql of the claims, then DataFrame.to_excel.

    python -m pip install -e '.[bench]'
    python benchmarks/export_speed.py [--sizes 100000,1000000]

A synthetic project: N claims with counts, verdicts and dates, one mention each over
1,000 articles from 40 outlets. FactDesk writes its whole workbook (Claims, Mentions,
Sources x Claims: three sheets of N rows, styled, plus the small ones); pandas writes the
Claims table alone, unstyled; FactDesk's Claims sheet alone is the like-for-like
comparison. Each measurement runs in a fresh process; peak memory is
that process's largest resident set.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from desktop.core.models import Article, Claim, Mention, Source
from desktop.core.service import Service

VERDICTS = ["unreviewed"] * 6 + ["confirmed", "disputed", "false", "unverifiable"]


def build(path: Path, claims: int) -> None:
    """A project of ``claims`` claims, written with Core inserts in batches."""
    rng = random.Random(7)
    service = Service.open(path)
    stamp = datetime(2025, 6, 1)
    with service.db.write() as session:
        conn = session.connection()
        conn.execute(insert(Source.__table__), [{"name": f"Outlet {i}"} for i in range(40)])
        conn.execute(insert(Article.__table__), [{
            "source_id": 1 + i % 40, "title": f"Article {i} about the story",
            "published": date(2025, 1, 1) + timedelta(days=i % 300),
            "url": f"https://news.example/{i}", "content_hash": f"{i:064d}",
            "body": "Around 300 soldiers were killed near Kursk, officials said. " * 3,
            "origin_id": i + 1, "fingerprint": "", "imported_at": stamp,
        } for i in range(1000)])
        for start in range(0, claims, 20_000):
            batch = range(start, min(claims, start + 20_000))
            conn.execute(insert(Claim.__table__), [{
                "text": f"Claim {i}: around {rng.randint(10, 900)} soldiers were killed near "
                        f"Kursk in week {i % 52}, according to officials in the region.",
                "verdict": rng.choice(VERDICTS), "created_at": stamp, "updated_at": stamp,
                "n_sources": rng.randint(1, 9), "n_articles": rng.randint(1, 12),
                "n_origins": rng.randint(1, 9), "n_support": rng.randint(0, 5),
                "n_contradict": rng.randint(0, 2), "has_conflict": i % 17 == 0,
                "first_seen": date(2025, 1, 1) + timedelta(days=i % 300),
                "attribution": "regional officials",
            } for i in batch])
            conn.execute(insert(Mention.__table__), [{
                "claim_id": i + 1, "article_id": 1 + i % 1000, "start": 0, "end": 58,
                "stance": "supports", "hedged": False, "origin": "auto", "score": 1.0,
            } for i in batch])
    service.close()


def run_factdesk(db: Path, out: Path) -> None:
    service = Service.open(db)
    started = time.perf_counter()
    service.export(out)
    report(time.perf_counter() - started, service.count_claims())


def run_claims_sheet(db: Path, out: Path) -> None:
    """FactDesk's Claims sheet alone: the same table pandas writes, but styled."""
    from openpyxl import Workbook

    from desktop.core.dto import ClaimFilter
    from desktop.core.export.xlsx import _write_claims
    from desktop.core.progress import NULL_PROGRESS
    from desktop.core.service.exporting import DatabaseExport

    service = Service.open(db)
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    total = service.count_claims()
    _write_claims(workbook, set(), DatabaseExport(service.db, ClaimFilter(), str(db), ""),
                  NULL_PROGRESS, total)
    workbook.save(out)
    report(time.perf_counter() - started, total)


def run_pandas(db: Path, out: Path) -> None:
    import pandas as pd
    from sqlalchemy import create_engine

    started = time.perf_counter()
    engine = create_engine(f"sqlite:///{db}")
    frame = pd.read_sql(
        "SELECT id, text, verdict, review_state, verdict_as_of, n_sources, n_origins, "
        "n_articles, n_support, n_contradict, conflict_values, first_seen, attribution, "
        "verdict_note, updated_by, updated_at FROM claim ORDER BY id", engine)
    frame.to_excel(out, sheet_name="Claims", index=False)
    report(time.perf_counter() - started, len(frame))


def report(seconds: float, rows: int) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_kb": peak}))


def measure(kind: str, db: Path, out: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--one", kind, str(db), str(out)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--writers", default="factdesk,claims,pandas")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, db, out = args.one
        runners = {"factdesk": run_factdesk, "claims": run_claims_sheet, "pandas": run_pandas}
        runners[kind](Path(db), Path(out))
        return
    folder = Path(tempfile.mkdtemp())
    print("| claims | writer | seconds | claim rows/s | peak memory (MB) | file (MB) |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        db = folder / f"claims-{size}.sqlite"
        build(db, size)
        results = {}
        wanted = args.writers.split(",")
        for kind, label in (("factdesk", "FactDesk workbook (7 sheets, styled)"),
                            ("claims", "FactDesk Claims sheet alone (styled)"),
                            ("pandas", "pandas read_sql + to_excel (Claims only)")):
            if kind not in wanted:
                continue
            out = folder / f"{kind}-{size}.xlsx"
            results[kind] = measure(kind, db, out)
            r = results[kind]
            print(f"| {size:,} | {label} | {r['seconds']:.1f} | {r['rows'] / r['seconds']:,.0f} "
                  f"| {r['peak_kb'] / 1024:.0f} | {out.stat().st_size / 1e6:.1f} |", flush=True)
        for kind, label in (("claims", "Claims sheet"), ("factdesk", "whole workbook")):
            if kind not in results or "pandas" not in results:
                continue
            ratio = results["pandas"]["seconds"] / results[kind]["seconds"]
            print(f"| {size:,} | pandas time / FactDesk {label} time | {ratio:.2f}x | | | |",
                  flush=True)


if __name__ == "__main__":
    main()

"""Excel export speed and memory at 100,000 and 1,000,000 claims, next to what a user
would do by hand in the same run: pandas.read_sql of the claims, then DataFrame.to_excel.

    python -m pip install -e '.[bench]'
    python benchmarks/export_speed.py [--sizes 100000,1000000] [--before REF]

A synthetic project: N claims with counts, verdicts and dates, one mention each over
1,000 articles from 40 outlets. FactDesk writes its whole workbook (Claims, Mentions,
Sources x Claims: three sheets of N rows, styled, plus the small ones); pandas writes the
Claims table alone, unstyled; FactDesk's Claims sheet alone is the like-for-like
comparison. Each measurement runs in a fresh process; peak memory is that process's
largest resident set, CPU seconds the user and system time of the write (on a shared
machine wall time follows the neighbours' load, CPU time much less).
--before REF also times REF's FactDesk writers (a git worktree imported instead of this
checkout) in the same run, each just before this checkout's, on the same synthetic
project built with each tree's own schema.
"""

from __future__ import annotations

import argparse
import json
import os
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

ROOT = Path(__file__).resolve().parents[1]
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
    started, cpu = time.perf_counter(), time.process_time()
    service.export(out)
    report(time.perf_counter() - started, time.process_time() - cpu, service.count_claims())


def run_claims_sheet(db: Path, out: Path) -> None:
    """FactDesk's Claims sheet alone: the same table pandas writes, but styled."""
    from openpyxl import Workbook

    from desktop.core.dto import ClaimFilter
    from desktop.core.export.xlsx import _write_claims
    from desktop.core.progress import NULL_PROGRESS
    from desktop.core.service.exporting import DatabaseExport

    service = Service.open(db)
    started, cpu = time.perf_counter(), time.process_time()
    workbook = Workbook(write_only=True)
    total = service.count_claims()
    _write_claims(workbook, set(), DatabaseExport(service.db, ClaimFilter(), str(db), ""),
                  NULL_PROGRESS, total)
    workbook.save(out)
    report(time.perf_counter() - started, time.process_time() - cpu, total)


def run_pandas(db: Path, out: Path) -> None:
    import pandas as pd
    from sqlalchemy import create_engine

    started, cpu = time.perf_counter(), time.process_time()
    engine = create_engine(f"sqlite:///{db}")
    frame = pd.read_sql(
        "SELECT id, text, verdict, review_state, verdict_as_of, n_sources, n_origins, "
        "n_articles, n_support, n_contradict, conflict_values, first_seen, attribution, "
        "verdict_note, updated_by, updated_at FROM claim ORDER BY id", engine)
    frame.to_excel(out, sheet_name="Claims", index=False)
    report(time.perf_counter() - started, time.process_time() - cpu, len(frame))


def report(seconds: float, cpu: float, rows: int) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": rows, "peak_kb": peak}))


def in_tree(args: list[str], checkout: Path | None) -> str:
    """This script run in a fresh process; ``checkout`` puts another tree's package first."""
    env = dict(os.environ)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    return subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=True, env=env).stdout


def measure(kind: str, db: Path, out: Path, checkout: Path | None = None) -> dict[str, float]:
    output = in_tree(["--one", kind, str(db), str(out)], checkout)
    return json.loads(output.strip().splitlines()[-1])


def worktree(ref: str, folder: Path) -> Path:
    """REF checked out beside this one, so both are timed by the same script."""
    tree = folder / "before"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree),
                    ref], check=True)
    return tree


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--writers", default="factdesk,claims,pandas")
    parser.add_argument("--before", help="git commit whose writers to time as well")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(Path(args.build[1]), int(args.build[0]))
        return
    if args.one:
        kind, db, out = args.one
        runners = {"factdesk": run_factdesk, "claims": run_claims_sheet, "pandas": run_pandas}
        runners[kind](Path(db), Path(out))
        return
    folder = Path(tempfile.mkdtemp())
    before = worktree(args.before, folder) if args.before else None
    print("| claims | writer | seconds | CPU seconds | claim rows/s | peak memory (MB) "
          "| file (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    labels = {"factdesk": "FactDesk workbook (7 sheets, styled)",
              "claims": "FactDesk Claims sheet alone (styled)",
              "pandas": "pandas read_sql + to_excel (Claims only)"}
    wanted = args.writers.split(",")
    for size in (int(s) for s in args.sizes.split(",")):
        db = folder / f"claims-{size}.sqlite"
        build(db, size)
        if before is not None:
            in_tree(["--build", str(size), str(folder / f"before-{size}.sqlite")], before)
        results = {}
        for kind in (k for k in labels if k in wanted):
            trees: list[tuple[str, Path | None]] = [("", None)]
            if before is not None and kind != "pandas":
                trees = [(f"{args.before}: ", before), ("", None)]
            for prefix, tree in trees:
                out = folder / f"{kind}-{size}.xlsx"
                source = db if tree is None else folder / f"before-{size}.sqlite"
                r = results[prefix + kind] = measure(kind, source, out, tree)
                print(f"| {size:,} | {prefix}{labels[kind]} | {r['seconds']:.1f} "
                      f"| {r['cpu']:.1f} | {r['rows'] / r['seconds']:,.0f} "
                      f"| {r['peak_kb'] / 1024:.0f} | {out.stat().st_size / 1e6:.1f} |",
                      flush=True)
        for key in (k for k in results if not k.endswith("pandas")):
            if "pandas" not in results:
                continue
            ratio = results["pandas"]["cpu"] / results[key]["cpu"]
            print(f"| {size:,} | pandas CPU time / {key} CPU time | {ratio:.2f}x | | | | |",
                  flush=True)
    if before is not None:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)],
                       check=True)


if __name__ == "__main__":
    main()

"""Import speed and memory: FNC-1 bodies with claims grouped, from 1,000 to 10,000 articles,
next to the same import matching every sentence against every claim (no candidate index).

    python benchmarks/import_speed.py [--fnc ../shared/data/fnc1] [--sizes 1000,1683,5000,10000]

Past the 1,683 real bodies, articles are the real ones with light changes (a lead line
and shifted numbers), as syndicated copies are. Each size runs in a fresh process; peak
memory is the largest resident set among the importing process and its analysis worker.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_data import FNC1

NUMBER = re.compile(r"\d+")


def shift_numbers(text: str, by: int) -> str:
    """Every number in the text plus ``by``: a light, realistic edit."""
    return NUMBER.sub(lambda m: str(int(m.group()) + by), text)


def make_corpus(source: Path, size: int, target: Path) -> None:
    """Write ``size`` articles: the real bodies, then lightly changed copies of them."""
    csv.field_size_limit(sys.maxsize)
    with source.open(encoding="utf-8") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Body ID", "articleBody"])
        for i in range(size):
            body, round_ = bodies[i % len(bodies)], i // len(bodies)
            if round_:
                body = f"Update {round_}: wire copy, edited.\n" + shift_numbers(body, round_)
            writer.writerow([str(i), body])


def run_one(corpus: Path, db: Path, brute_force: bool) -> None:
    """Import in this process and print elapsed seconds and peak memory as JSON."""
    from desktop.core import matching
    from desktop.core.service import Service

    if brute_force:
        def every_claim(self: matching.ClaimIndex, _terms: frozenset[str]) -> list[int]:
            return sorted(self._members)

        matching.ClaimIndex.candidates = every_claim  # type: ignore[method-assign]
    service = Service.open(db)
    started = time.perf_counter()
    report = service.import_paths([corpus], source="FNC-1")
    elapsed = time.perf_counter() - started
    stats = service.stats()
    service.close()
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": elapsed, "imported": report.count("imported"),
                      "claims": stats.claims, "mentions": stats.mentions, "peak_kb": peak}))


def measure(fnc: Path, size: int, folder: Path, brute_force: bool = False) -> dict[str, float]:
    corpus = folder / f"corpus-{size}.csv"
    if not corpus.exists():
        make_corpus(fnc / "train_bodies.csv", size, corpus)
    db = folder / f"{'brute' if brute_force else 'index'}-{size}.sqlite"
    command = [sys.executable, __file__, "--one", str(corpus), str(db)]
    if brute_force:
        command.append("--brute-force")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Print the scaling table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fnc", type=Path,
                        default=FNC1)
    parser.add_argument("--sizes", default="1000,1683,5000,10000")
    parser.add_argument("--brute-sizes", default="250,500")
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--brute-force", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one[0], args.one[1], args.brute_force)
        return
    folder = Path(tempfile.mkdtemp())
    print("| articles | seconds | articles/s | claims | mentions | peak memory (MB) |")
    print("|---:|---:|---:|---:|---:|---:|")
    previous: tuple[int, float] | None = None
    growth = []
    for size in (int(s) for s in args.sizes.split(",")):
        result = measure(args.fnc, size, folder)
        rate = result["imported"] / result["seconds"]
        print(f"| {size:,} | {result['seconds']:.1f} | {rate:.0f} | {result['claims']:,} | "
              f"{result['mentions']:,} | {result['peak_kb'] / 1024:.0f} |", flush=True)
        if previous:
            growth.append(math.log(result["seconds"] / previous[1]) / math.log(size / previous[0]))
        previous = (size, result["seconds"])
    if growth:
        print(f"\ntime grows as N^{sum(growth) / len(growth):.2f} (1.00 is linear)")

    print("\nThe same import comparing each sentence with every claim (no candidate index):\n")
    print("| articles | indexed s | every-claim s | ratio |")
    print("|---:|---:|---:|---:|")
    for size in (int(s) for s in args.brute_sizes.split(",") if s):
        indexed = measure(args.fnc, size, folder)
        brute = measure(args.fnc, size, folder, brute_force=True)
        print(f"| {size:,} | {indexed['seconds']:.1f} | {brute['seconds']:.1f} | "
              f"{brute['seconds'] / indexed['seconds']:.1f}x |", flush=True)


if __name__ == "__main__":
    main()

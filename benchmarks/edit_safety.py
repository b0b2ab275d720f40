"""Edits under concurrency and at scale: are stale writes ever accepted, does the history
chain break, and what does an edit, an undo and a redo cost?

    python benchmarks/edit_safety.py [--pg postgresql+psycopg://...] [--claims 100000]
        [--writes 200]

Race: two processes each read a claim and give it another verdict ``--writes`` times,
naming the version they read. Compared in the same run with the check a quick tool (and
FactDesk before issue 9) makes: read the claim, compare its version, write. A stale write
accepted is a write whose resulting version another write also produced (a lost update);
a break is a history event whose old value is not the previous event's new value.

Latency: on a project of ``--claims`` claims, set_verdict (lock, audit event, undo step),
undo and redo of it, and a merge of two claims with its undo, next to a bare UPDATE of the
verdict (no check, no history, no undo), as p50 / p99 milliseconds.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from sqlalchemy import text, update

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export_speed import build  # noqa: E402

from desktop.core.errors import StaleVersion  # noqa: E402
from desktop.core.models import Claim, ClaimEvent  # noqa: E402
from desktop.core.service import Service  # noqa: E402
from desktop.core.service.importing import now  # noqa: E402

VERDICTS = ("confirmed", "disputed", "false", "unverifiable")


def _unlocked_write(service: Service, claim_id: int, verdict: str, seen: int) -> int | None:
    """Read, compare, write: the version check without a lock."""
    with service.db.write() as session:
        claim = session.get(Claim, claim_id, with_for_update=True)
        assert claim is not None
        if claim.version != seen:
            return None
        session.add(ClaimEvent(claim_id=claim_id, at=now(), author="race", action="verdict",
                               field="verdict", old=claim.verdict, new=verdict))
        claim.verdict, claim.version = verdict, claim.version + 1
        return claim.version


def _writer(url: str, claim_id: int, way: str, writes: int, start: Barrier,
            results: Any) -> None:
    service = Service.open(url)
    made: list[int] = []
    start.wait()
    for i in range(writes):
        row = service.claims_by_ids([claim_id])[0]
        verdict = next(v for v in VERDICTS[i % 4:] + VERDICTS if v != row.verdict)
        if way == "factdesk":
            try:
                version = service.set_verdict(claim_id, verdict, by="race",
                                              expected_version=row.version).version
            except StaleVersion:
                version = None
        else:
            version = _unlocked_write(service, claim_id, verdict, row.version)
        if version is not None:
            made.append(version)
    service.close()
    results.put(made)


def race(url: str, claim_id: int, way: str, writes: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(url, claim_id, way, writes, start, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    made = [v for _ in workers for v in results.get(timeout=600)]
    for worker in workers:
        worker.join()
    service = Service.open(url)
    history = [h for h in service.claim(claim_id).history if h.field == "verdict"]
    service.close()
    breaks = sum(1 for a, b in zip(history, history[1:], strict=False) if a.new != b.old)
    return {"accepted": len(made), "stale accepted": len(made) - len(set(made)),
            "chain breaks": breaks}


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000


def latency(url: str, n: int) -> dict[str, tuple[float, float]]:
    service = Service.open(url)
    ids = [row.id for row in service.claims(limit=2 * n + 2)]
    timings: dict[str, list[float]] = {k: [] for k in (
        "bare UPDATE", "set_verdict", "undo", "redo", "merge 2 claims", "undo merge")}

    def timed(name: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        out = call(*args, **kwargs)
        timings[name].append(time.perf_counter() - started)
        return out

    def bare(claim_id: int, verdict: str) -> None:
        with service.db.write() as session:
            session.execute(update(Claim).where(Claim.id == claim_id).values(verdict=verdict))

    for i in range(n):
        claim_id = ids[i]
        timed("bare UPDATE", bare, claim_id, VERDICTS[i % 4])
        version = service.claims_by_ids([claim_id])[0].version
        step = timed("set_verdict", service.set_verdict, claim_id, VERDICTS[(i + 1) % 4],
                     by="bench", expected_version=version).step_id
        timed("undo", service.undo, step, by="bench")
        timed("redo", service.redo, step, by="bench")
        if i % 2 == 0:
            target, other = ids[n + i], ids[n + i + 1]
            merge = timed("merge 2 claims", service.merge_claims, target, [other],
                          by="bench").step_id
            timed("undo merge", service.undo, merge, by="bench")
    service.close()
    return {name: _ms(samples) for name, samples in timings.items()}


def project(url: str | None, claims: int, folder: Path) -> str:
    """A synthetic project of ``claims`` claims (export_speed's), on a new SQLite file or
    on the server's database, emptied first."""
    if url is None:
        url = f"sqlite:///{folder / 'edits.sqlite'}"
    else:
        service = Service.open(url)
        with service.db.write() as session:
            session.execute(text("DROP SCHEMA public CASCADE"))
            session.execute(text("CREATE SCHEMA public"))
        service.close()
    build(url, claims)  # type: ignore[arg-type]
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", help="also on this PostgreSQL database (emptied first)")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engines = [("SQLite", project(None, args.claims, Path(tmp)))]
        if args.pg:
            engines.append(("PostgreSQL", project(args.pg, args.claims, Path(tmp))))
        print(f"## Racing writers: 2 processes x {args.writes} writes to one claim\n")
        print("| engine | check | accepted | stale accepted | history breaks |")
        print("|---|---|---:|---:|---:|")
        for name, url in engines:
            for way, label in (("unlocked", "read, compare, write"),
                               ("factdesk", "FactDesk (locked, UPDATE ... WHERE version)")):
                got = race(url, 1 + (way == "factdesk"), way, args.writes)
                print(f"| {name} | {label} | {got['accepted']} | {got['stale accepted']} | "
                      f"{got['chain breaks']} |", flush=True)
        print(f"\n## One edit, {args.claims:,} claims: p50 / p99 ms over {args.edits} edits\n")
        print("| engine | " + " | ".join(LATENCY_COLUMNS) + " |")
        print("|---|" + "---:|" * len(LATENCY_COLUMNS))
        for name, url in engines:
            got_ms = latency(url, args.edits)
            base = got_ms["bare UPDATE"][0]
            cells = [f"{p50:.1f} / {p99:.1f}" + (f" ({p50 / base:.1f}x)" if k != "bare UPDATE"
                                                 else "")
                     for k in LATENCY_COLUMNS for p50, p99 in [got_ms[k]]]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


LATENCY_COLUMNS = ("bare UPDATE", "set_verdict", "undo", "redo", "merge 2 claims",
                   "undo merge")


if __name__ == "__main__":
    main()

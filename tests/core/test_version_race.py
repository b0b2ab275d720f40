"""Several processes editing one claim at once: no stale write is ever accepted and the
audit trail stays one unbroken chain, on SQLite and on the PostgreSQL server."""

from __future__ import annotations

import multiprocessing
import shutil
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from desktop.core.dto import ClaimRow
from desktop.core.errors import StaleVersion
from desktop.core.service import Service
from tests.conftest import SEEDS

WRITERS, WRITES = 2, 200
VERDICTS = ("confirmed", "disputed", "false", "unverifiable")


def _write(url: str, claim_id: int, name: str, start: Barrier, results: Any) -> None:
    """One process: give the claim another verdict WRITES times, every other time naming
    the version it last saw (as the window and `tag --expect-version` do; a refusal shows
    it the claim as it is now, as the window's "apply mine" does) and otherwise naming none
    (as `tag` alone does). Reports how many were refused as stale and, for each accepted
    write that changed the verdict, the version it named and the one it made."""
    service = Service.open(url)
    accepted: list[tuple[int, int, bool]] = []
    stale = 0
    seen = service.claims_by_ids([claim_id])[0].version
    start.wait()
    try:
        for i in range(WRITES):
            checked = i % 2 == 0
            try:
                changes = service.set_verdict(claim_id, VERDICTS[(i + len(name)) % 4],
                                              by=name,
                                              expected_version=seen if checked else None)
            except StaleVersion as error:
                stale += 1
                assert isinstance(error.current, ClaimRow) and error.current.version > seen
                seen = error.current.version
                continue
            assert changes.version is not None
            if changes.step_id is not None:
                accepted.append((seen, changes.version, checked))
            seen = changes.version
    finally:
        service.close()
    results.put((stale, accepted))


def _race(url: str, claim_id: int) -> tuple[int, list[tuple[int, int, bool]]]:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(WRITERS), ctx.Queue()
    workers = [ctx.Process(target=_write, args=(url, claim_id, f"writer{n}", start, results))
               for n in range(WRITERS)]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return sum(s for s, _ in reports), [a for _, got in reports for a in got]


def _check(url: str) -> None:
    service = Service.open(url)
    try:
        claim_id = service.claims(limit=1)[0].id
        start_version = service.claim(claim_id).claim.version
        stale, accepted = _race(url, claim_id)
        checked = [(seen, new) for seen, new, was_checked in accepted if was_checked]
        assert stale > 0 and checked, "the writers did race"
        assert stale + len(checked) == WRITERS * WRITES // 2, "only checked writes are refused"
        assert all(new == seen + 1 for seen, new in checked), "no write over a newer version"
        made = [new for _, new, _ in accepted]
        assert len(set(made)) == len(made), "no version given to two writes"
        detail = service.claim(claim_id)
        assert detail.claim.version == start_version + len(accepted)
        verdicts = [h for h in detail.history if h.field == "verdict"]
        assert len(verdicts) == len(accepted), "every accepted write is in the history, once"
        assert verdicts[0].old == "unreviewed" and verdicts[-1].new == detail.claim.verdict
        breaks = [(a.new, b.old) for a, b in zip(verdicts, verdicts[1:], strict=False)
                  if a.new != b.old]
        assert breaks == [], "each change starts from what the previous one left"
    finally:
        service.close()


def test_racing_writers_on_sqlite(tmp_path: Path, seeded_template: Path) -> None:
    path = tmp_path / "race.sqlite"
    shutil.copy(seeded_template, path)
    _check(f"sqlite:///{path}")


def test_racing_writers_on_postgresql(pg_url: str) -> None:
    service = Service.open(pg_url)
    try:
        service.import_paths([SEEDS])
    finally:
        service.close()
    _check(pg_url)


@pytest.fixture(autouse=True)
def _no_leftover_processes() -> Any:
    yield
    assert multiprocessing.active_children() == []

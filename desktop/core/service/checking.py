"""`factdesk check`: is the project sound, and does every cached count tell the truth?

Counts are cached on the claim row (counts.py); a bug or an interrupted repair could leave
them wrong without anyone noticing, so the check recomputes them with the very code that
maintains them and lists every difference.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.db import Database
from desktop.core.models import Claim
from desktop.core.service import counts

CACHED = ("n_sources", "n_articles", "n_origins", "n_support", "n_contradict", "first_seen",
          "has_conflict", "conflict_values", "attribution")
"""The claim columns counts.refresh maintains."""

_ZERO = {"n_sources": 0, "n_articles": 0, "n_origins": 0, "n_support": 0, "n_contradict": 0,
         "has_conflict": False, "conflict_values": "[]"}
"""What a claim without mentions holds (its first-seen date and attribution stay)."""


@dataclass(frozen=True)
class CheckReport:
    """Every problem found, one line each; no problems means the project is sound."""

    problems: tuple[str, ...]
    claims: int
    engine_checks: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the database and every cached count agree."""
        return not self.problems


def check(db: Database) -> CheckReport:
    """SQLite's integrity and foreign-key checks, then a recount of every claim."""
    problems: list[str] = []
    engine_checks: tuple[str, ...] = ()
    with db.read() as session:
        if db.engine.dialect.name == "sqlite":
            engine_checks = ("integrity_check", "foreign_key_check")
            problems += _sqlite_checks(session)
        claims = 0
        for claim_id, stored, expected in _recount(session):
            claims += 1
            problems += [f"claim {claim_id}: {column} is {stored[column]!r}, the mentions give "
                         f"{expected[column]!r}" for column in expected
                         if _differs(column, stored[column], expected[column])]
    return CheckReport(tuple(problems), claims, engine_checks)


def _sqlite_checks(session: Session) -> list[str]:
    connection = session.connection()
    integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check(100)")]
    problems = [f"damaged: {line}" for line in integrity if line != "ok"]
    for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid}: refers to a {parent} that does not exist")
    return problems


def _recount(session: Session, chunk: int = 500
             ) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
    """(claim id, the cached columns, what the mentions give) for every claim."""
    columns = [getattr(Claim, name) for name in CACHED]
    ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        stored = {row[0]: dict(zip(CACHED, row[1:], strict=True)) for row in session.execute(
            select(Claim.id, *columns).where(Claim.id.in_(part)))}
        expected = {row["claim_id"]: row for row in counts.computed(session, part)}
        for claim_id in part:
            truth = expected.get(claim_id)
            yield claim_id, stored[claim_id], ({k: truth[k] for k in CACHED} if truth
                                               else _ZERO)


def _differs(column: str, stored: Any, expected: Any) -> bool:
    if column == "conflict_values":
        return bool(json.loads(stored or "[]") != json.loads(expected))
    return bool(stored != expected)

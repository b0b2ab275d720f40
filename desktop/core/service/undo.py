"""Undo in the core: every edit is one step that records the rows it changed, before and
after; undo writes the before images back and redo the after images, each in one
transaction, recorded in the audit trail like any edit.

Rows are compared by content, not by version: undo runs only while every row the step
changed still reads as the step left it (redo: as its undo left it). A colleague's later
edit to one of those rows, or a later step of one's own that is still applied, makes the
rows differ and the undo is refused with a message naming who did what; a later step that
was itself undone restored the rows, so it is no obstacle. Claims keep their ids: a claim
a merge or a move removed comes back under the same id, and with it its history, which
the audit trail keeps by claim id. Cached counts are not part of an image; they are
recomputed for every claim whose mentions or articles the step touched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.core.dto import Changes, EventRow, FieldEdit
from desktop.core.errors import NotFound, StaleVersion, UndoConflict
from desktop.core.models import (
    Article,
    Claim,
    ClaimEvent,
    Evidence,
    Mention,
    UndoRow,
    UndoStep,
)
from desktop.core.service import counts, reading
from desktop.core.service.importing import now

DONE, UNDONE = "done", "undone"
_CHUNK = 500

# The columns a step restores, per kind of row: what users edit, not what is derived.
_TABLES: dict[str, tuple[Table, tuple[str, ...]]] = {
    "claim": (Claim.__table__, ("text", "verdict", "verdict_as_of", "verdict_note",  # type: ignore[dict-item]
                                "review_state", "created_at")),
    "mention": (Mention.__table__, ("claim_id", "article_id", "sentence_id", "start",  # type: ignore[dict-item]
                                    "end", "stance", "hedged", "origin", "score")),
    "evidence": (Evidence.__table__, ("claim_id", "kind", "text", "url", "author",  # type: ignore[dict-item]
                                      "created_at")),
    "article": (Article.__table__, ("source_id", "title", "published")),  # type: ignore[dict-item]
}
Image = dict[str, Any]
# Core tables for the step's own rows: plain inserts, none of the ORM's bookkeeping.
_CLAIM: Table = Claim.__table__  # type: ignore[assignment]
_EVENT: Table = ClaimEvent.__table__  # type: ignore[assignment]
_STEP: Table = UndoStep.__table__  # type: ignore[assignment]
_ROW: Table = UndoRow.__table__  # type: ignore[assignment]


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _decode(kind: str, image: Image) -> dict[str, Any]:
    table = _TABLES[kind][0]
    out: dict[str, Any] = {}
    for name, value in image.items():
        python_type = table.c[name].type.python_type
        if value is not None and python_type is datetime:
            value = datetime.fromisoformat(value)
        elif value is not None and python_type is date:
            value = date.fromisoformat(value)
        out[name] = value
    return out


def images(session: Session, kind: str, ids: Iterable[int]) -> dict[int, Image]:
    """The restorable columns of these rows as JSON-ready dicts (absent rows left out)."""
    table, columns = _TABLES[kind]
    wanted = sorted(set(ids))
    out: dict[int, Image] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        for row in session.execute(select(table.c.id, *(table.c[c] for c in columns))
                                   .where(table.c.id.in_(chunk))):
            out[row[0]] = {c: _encode(v) for c, v in zip(columns, row[1:], strict=True)}
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class Step:
    """The rows one edit (or one undo or redo) changes, the claim versions it locked, and
    the audit events it writes.

    ``lock`` reads a claim under a row lock and checks the version the user saw; the
    first event on a claim then moves its version on with ``UPDATE ... WHERE version =
    seen`` and checks the row count, so a stale write can never land, on SQLite (where the
    transaction also holds the write lock from its start) or on PostgreSQL.
    """

    def __init__(self, session: Session, by: str | None, description: str,
                 step_id: int | None = None, action: str | None = None) -> None:
        self.session, self.by, self.description = session, by, description
        self.at = now()
        self.id = step_id
        self.action = action
        self.before: dict[tuple[str, int], Image | None] = {}
        self.seen: dict[int, int] = {}
        self.versions: dict[int, int] = {}
        self.edits: list[FieldEdit] = []
        self.events: list[dict[str, Any]] = []

    def lock(self, claim_id: int, expected: int | None = None) -> Claim:
        """The claim, locked for this transaction; StaleVersion if it is not at
        ``expected``; NotFound if it does not exist."""
        claim = self.session.get(Claim, claim_id, with_for_update=True, populate_existing=True)
        if not self.versions:
            # Stamped once the lock is held, so the history's time order is commit order.
            self.at = now()
        if claim is None:
            raise NotFound(f"claim {claim_id} does not exist")
        if expected is not None and claim.version != expected:
            raise stale_claim(self.session, claim_id, expected)
        self.seen.setdefault(claim_id, claim.version)
        self.before.setdefault(("claim", claim_id), {
            c: _encode(getattr(claim, c)) for c in _TABLES["claim"][1]})
        return claim

    def watch(self, kind: str, ids: Iterable[int]) -> None:
        """Remember these rows as they are now, before the step changes them."""
        new = [i for i in dict.fromkeys(ids) if (kind, i) not in self.before]
        if new:
            found = images(self.session, kind, new)
            for row_id in new:
                self.before[(kind, row_id)] = found.get(row_id)

    def created(self, kind: str, row_id: int, version: int = 1) -> None:
        """A row this step inserted (a claim starts at ``version``)."""
        self.before.setdefault((kind, row_id), None)
        if kind == "claim":
            self.seen.setdefault(row_id, version)

    def step_id(self) -> int:
        """This step's id, creating the step on first use (an edit that changes nothing
        leaves no step behind)."""
        if self.id is None:
            self.id = self.session.connection().execute(insert(_STEP).values(
                at=self.at, author=self.by, description=self.description, state=DONE,
            ).returning(_STEP.c.id)).scalar_one()
        return self.id

    def record(self, claim_id: int, action: str, field: str | None = None,
               old: Any = None, new: Any = None) -> None:
        """Write one audit event on a locked claim, moving its version on once per step."""
        version = self._bump(claim_id)
        edit = FieldEdit(claim_id, self.action or action, field, _text(old), _text(new))
        self.events.append({"claim_id": claim_id, "at": self.at, "author": self.by,
                            "action": edit.action, "field": field, "old": edit.old,
                            "new": edit.new, "version": version})
        self.edits.append(edit)

    def write_events(self) -> None:
        """Insert the step's audit events, all in one statement."""
        if self.events:
            step_id = self.step_id()
            self.session.connection().execute(
                insert(_EVENT), [{**event, "step_id": step_id} for event in self.events])
            self.events.clear()

    def _bump(self, claim_id: int) -> int:
        if claim_id in self.versions:
            return self.versions[claim_id]
        if claim_id not in self.seen:  # undo and redo lock their claims up front
            self.seen[claim_id] = int(self.session.scalar(  # type: ignore[arg-type]
                select(Claim.version).where(Claim.id == claim_id)))
        seen = self.seen[claim_id]
        result = self.session.connection().execute(
            update(_CLAIM).where(_CLAIM.c.id == claim_id, _CLAIM.c.version == seen)
            .values(version=seen + 1, updated_at=self.at, updated_by=self.by))
        if result.rowcount != 1:
            raise stale_claim(self.session, claim_id, seen)
        self.versions[claim_id] = seen + 1
        return seen + 1

    def finish(self, *, claim_id: int | None = None, evidence_id: int | None = None,
               counted: Iterable[int] = ()) -> Changes:
        """Store what changed as the step's rows; say what changed. ``counted``: claims
        whose cached counts the edit refreshed."""
        self.session.flush()
        by_kind: dict[str, list[int]] = {}
        for kind, row_id in self.before:
            by_kind.setdefault(kind, []).append(row_id)
        after = {kind: images(self.session, kind, ids) for kind, ids in by_kind.items()}
        rows: list[dict[str, Any]] = []
        for (kind, row_id), before in self.before.items():
            now_image = after[kind].get(row_id)
            if before != now_image:
                rows.append({"kind": kind, "row_id": row_id,
                             "before": None if before is None else json.dumps(before),
                             "after": None if now_image is None else json.dumps(now_image)})
        self.write_events()
        if rows:
            step_id = self.step_id()
            self.session.connection().execute(
                insert(_ROW), [{"step_id": step_id, **r} for r in rows])
        changes = describe(rows, self.versions.keys() | set(counted))
        return Changes(
            changes.changed, changes.added, changes.removed, changes.articles_changed,
            changes.structure_changed, self.id, self.description, self.by, claim_id,
            self._version_of(claim_id), evidence_id, tuple(self.edits))

    def _version_of(self, claim_id: int | None) -> int | None:
        if claim_id is None:
            return None
        return self.versions.get(claim_id, self.seen.get(claim_id))


def describe(rows: list[dict[str, Any]], touched: Iterable[int]) -> Changes:
    """Which claims the stored rows (and other touched claims) changed, added, removed."""
    changed, added, removed = set(touched), set[int](), set[int]()
    structure = articles = False
    for row in rows:
        before = None if row["before"] is None else json.loads(row["before"])
        after = None if row["after"] is None else json.loads(row["after"])
        kind = row["kind"]
        if kind == "claim":
            target = added if before is None else removed if after is None else changed
            target.add(row["row_id"])
        elif kind == "article":
            articles = True
        else:
            owners = {image["claim_id"] for image in (before, after) if image is not None}
            changed |= owners
            if kind == "mention" and (before is None or after is None or len(owners) > 1):
                structure = True
    structure = structure or bool(added or removed)
    return Changes(frozenset(changed - added - removed), frozenset(added),
                   frozenset(removed), articles, structure)


def stale_claim(session: Session, claim_id: int, expected: int) -> StaleVersion:
    """The error for an edit made on version ``expected`` of a claim that moved on: what
    was done since (from the audit trail, newest last) and the claim as it is now."""
    events = session.execute(
        select(ClaimEvent.at, ClaimEvent.author, ClaimEvent.action, ClaimEvent.field,
               ClaimEvent.old, ClaimEvent.new)
        .where(ClaimEvent.claim_id == claim_id, ClaimEvent.version > expected)
        .order_by(ClaimEvent.id)).all()
    theirs = tuple(EventRow(*row) for row in events)
    current = reading.claims_by_ids(session, [claim_id])
    who = ", ".join(dict.fromkeys(e.author or "someone else" for e in theirs)) or "someone else"
    when = f" at {theirs[-1].at:%Y-%m-%d %H:%M}" if theirs else ""
    what = "; ".join(f"{e.field or e.action}: {e.old or '-'} → {e.new or '-'}"
                     for e in theirs[:3]) + ("; …" if len(theirs) > 3 else "")
    return StaleVersion(f"claim {claim_id} was changed by {who}{when} since you opened it"
                        + (f" ({what})" if what else ""),
                        claim_id=claim_id, theirs=theirs,
                        current=current[0] if current else None)


def undo(session: Session, step_id: int, *, by: str | None, redo: bool = False) -> Changes:
    """Undo (or redo) one step in the caller's transaction; UndoConflict if the rows it
    changed have changed since."""
    step = session.get(UndoStep, step_id, with_for_update=True)
    if step is None:
        raise NotFound(f"undo step {step_id} does not exist")
    verb = "redo" if redo else "undo"
    if step.state != (UNDONE if redo else DONE):
        raise UndoConflict(f"cannot {verb} “{step.description}”: it is already "
                           f"{'applied' if redo else 'undone'}")
    stored = session.scalars(select(UndoRow).where(UndoRow.step_id == step_id)
                             .order_by(UndoRow.id)).all()
    claim_ids = sorted({r.row_id for r in stored if r.kind == "claim"})
    locked: dict[int, int] = {
        claim_id: version for claim_id, version in session.execute(  # row locks, in id
            select(Claim.id, Claim.version).where(Claim.id.in_(claim_ids))  # order, on PG
            .order_by(Claim.id).with_for_update())}
    plan = []
    problems: list[str] = []
    current = {kind: images(session, kind, [r.row_id for r in stored if r.kind == kind])
               for kind in _TABLES}
    for row in stored:
        expect, target = (row.before, row.after) if redo else (row.after, row.before)
        expect_image = None if expect is None else json.loads(expect)
        have = current[row.kind].get(row.row_id)
        if have != expect_image:
            problems.append(_who_changed(session, step, row, have))
        plan.append((row.kind, row.row_id, have, None if target is None else json.loads(target)))
    problems += _still_used(session, plan)
    if problems:
        raise UndoConflict(f"cannot {verb} “{step.description}”: "
                           + "; ".join(dict.fromkeys(problems))
                           + ". Nothing was changed.")
    writer = Step(session, by, f"{verb.capitalize()}: {step.description}", step_id, verb)
    writer.seen.update(locked)
    _write(session, writer, plan)
    writer.write_events()
    step.state = DONE if redo else UNDONE
    rows = [{"kind": kind, "row_id": row_id,
             "before": None if have is None else json.dumps(have),
             "after": None if target is None else json.dumps(target)}
            for kind, row_id, have, target in plan]
    changes = describe(rows, writer.versions)
    return Changes(changes.changed, changes.added, changes.removed, changes.articles_changed,
                   changes.structure_changed, step_id, writer.description, by,
                   claim_ids[0] if len(claim_ids) == 1 else None,
                   writer._version_of(claim_ids[0]) if len(claim_ids) == 1 else None,
                   None, tuple(writer.edits))


def undo_all(session: Session, step_ids: list[int], *, by: str | None,
             redo: bool = False) -> Changes:
    """Undo steps newest first (redo: oldest first) in the caller's transaction, so a
    conflict on any of them leaves all as they were; one Changes for them all."""
    ordered = sorted(set(step_ids), reverse=not redo)
    parts = [undo(session, step_id, by=by, redo=redo) for step_id in ordered]
    if len(parts) == 1:
        return parts[0]
    added = frozenset().union(*(p.added for p in parts))
    removed = frozenset().union(*(p.removed for p in parts))
    return Changes(
        frozenset().union(*(p.changed for p in parts)) - added - removed, added - removed,
        removed - added, any(p.articles_changed for p in parts),
        any(p.structure_changed for p in parts), None,
        f"{'Redo' if redo else 'Undo'}: {len(parts)} edits", by,
        edits=tuple(e for p in parts for e in p.edits))


def _write(session: Session, writer: Step,
           plan: list[tuple[str, int, Image | None, Image | None]]) -> None:
    """Write the target images: claims first (a restored claim must exist before its
    mentions), then articles, mentions and evidence, removed claims last; then counts."""
    recount: set[int] = set()
    order = ["claim", "article", "mention", "evidence"]
    gone_claims = []
    for kind, row_id, have, target in sorted(plan, key=lambda p: order.index(p[0])):
        table = _TABLES[kind][0]
        if kind == "claim" and target is None:
            gone_claims.append(row_id)
            continue
        if target is None:
            session.execute(delete(table).where(table.c.id == row_id))
        elif have is None:
            values = _decode(kind, target)
            if kind == "claim":
                last = session.scalar(select(func.max(ClaimEvent.version))
                                      .where(ClaimEvent.claim_id == row_id)) or 0
                values |= {"updated_at": writer.at, "updated_by": writer.by,
                           "version": last + 1}
                writer.created("claim", row_id, last + 1)
            session.execute(insert(table).values(id=row_id, **values))
        else:
            changed = {k: v for k, v in _decode(kind, target).items()
                       if target[k] != have.get(k)}
            if kind == "article":
                changed["version"] = table.c.version + 1
            session.execute(update(table).where(table.c.id == row_id).values(**changed))
        recount |= _audit(writer, kind, row_id, have, target)
    for claim_id in gone_claims:
        writer.record(claim_id, "", "claim", "exists", None)
        session.execute(delete(Claim).where(Claim.id == claim_id))
    session.flush()
    counts.refresh(session, recount - set(gone_claims))


def _summary(kind: str, image: Image | None) -> str | None:
    """A restored mention or evidence row as the audit trail shows it."""
    if image is None:
        return None
    if kind == "mention":
        return f"claim {image['claim_id']} ({image['stance']})"
    return str(image["url"] or image["text"])


def _audit(writer: Step, kind: str, row_id: int, have: Image | None,
           target: Image | None) -> set[int]:
    """Write the audit events of one restored row on the claims it belongs to; returns
    the claims whose counts it affects."""
    if kind == "claim":
        if have is None:
            writer.record(row_id, "", "claim", None, "exists")
        else:
            assert target is not None
            for name, value in target.items():
                if have.get(name) != value:
                    writer.record(row_id, "", name, have.get(name), value)
        return set()
    if kind == "article":
        return set(writer.session.scalars(select(Mention.claim_id).where(
            Mention.article_id == row_id)))
    owners = {image["claim_id"] for image in (have, target) if image is not None}
    live = set(writer.session.scalars(select(Claim.id).where(Claim.id.in_(owners))))
    for owner in sorted(live):
        writer.record(owner, "", f"{kind} {row_id}", _summary(kind, have),
                      _summary(kind, target))
    return owners if kind == "mention" else set()


def _still_used(session: Session, plan: list[tuple[str, int, Image | None,
                                                  Image | None]]) -> list[str]:
    """A claim the step would remove that has gained mentions or evidence since (an
    import matched a sentence to it, a colleague added a note): removing it would take
    their work along."""
    going = {row_id for kind, row_id, have, target in plan
             if kind == "claim" and target is None and have is not None}
    if not going:
        return []
    handled = {(kind, row_id) for kind, row_id, _, _ in plan}
    problems = []
    for kind, model in (("mention", Mention), ("evidence", Evidence)):
        for row_id, claim_id in session.execute(
                select(model.id, model.claim_id).where(model.claim_id.in_(going))):
            if (kind, row_id) not in handled:
                problems.append(f"claim {claim_id} has since gained {kind} {row_id}")
    return problems


def _who_changed(session: Session, step: UndoStep, row: UndoRow, have: Image | None) -> str:
    """Who changed this row after the step: the newest applied step that touched it, else
    the claim's newest event by someone else, else what the row now looks like."""
    later = session.execute(
        select(UndoStep.author, UndoStep.description, UndoStep.at)
        .join(UndoRow, UndoRow.step_id == UndoStep.id)
        .where(UndoRow.kind == row.kind, UndoRow.row_id == row.row_id,
               UndoStep.id > step.id, UndoStep.state == DONE)
        .order_by(UndoStep.id.desc()).limit(1)).first()
    if later is not None:
        author, description, at = later
        return f"{author or 'someone'} has since done “{description}” ({at:%Y-%m-%d %H:%M})"
    if row.kind == "claim" and have is None:
        return f"claim {row.row_id} no longer exists"
    if have is None:
        return f"{row.kind} {row.row_id} no longer exists"
    return f"{row.kind} {row.row_id} has been changed since"

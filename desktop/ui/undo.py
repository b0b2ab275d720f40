"""Undoable edits: each command calls the service (saved at once) and knows its inverse.

Every step, undo included, goes through the service, so it is committed immediately and
recorded in the claim's audit trail; nothing waits for a "save".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.dto import ClaimRow
from desktop.core.errors import NotFound
from desktop.core.service import Service

Changed = Callable[[set[int], bool], None]


def _row(service: Service, claim_id: int) -> ClaimRow:
    """The claim's row alone: a command needs its text and verdict, not its mentions."""
    rows = service.claims_by_ids([claim_id])
    if not rows:
        raise NotFound(f"claim {claim_id} does not exist")
    return rows[0]
"""Tells the window which claims changed, and whether claims appeared or went away."""


class SetVerdictCommand(QUndoCommand):
    """Give a claim a verdict."""

    def __init__(self, service: Service, claim_id: int, verdict: str, by: str | None,
                 changed: Changed) -> None:
        super().__init__(f"Mark claim {claim_id} as {verdict}")
        self.service, self.claim_id, self.verdict, self.by = service, claim_id, verdict, by
        self.changed = changed
        self.before = _row(service, claim_id).verdict

    def redo(self) -> None:
        self.service.set_verdict(self.claim_id, self.verdict, by=self.by)
        self.changed({self.claim_id}, False)

    def undo(self) -> None:
        self.service.set_verdict(self.claim_id, self.before, by=self.by)
        self.changed({self.claim_id}, False)


class SetTextCommand(QUndoCommand):
    """Reword a claim."""

    def __init__(self, service: Service, claim_id: int, text: str, by: str | None,
                 changed: Changed) -> None:
        super().__init__(f"Reword claim {claim_id}")
        # Not self.text: QUndoCommand.text() is the command's label.
        self.service, self.claim_id, self.wording, self.by = service, claim_id, text, by
        self.changed = changed
        self.before = _row(service, claim_id).text

    def redo(self) -> None:
        self.service.set_claim_text(self.claim_id, self.wording, by=self.by)
        self.changed({self.claim_id}, False)

    def undo(self) -> None:
        self.service.set_claim_text(self.claim_id, self.before, by=self.by)
        self.changed({self.claim_id}, False)


class SetStanceCommand(QUndoCommand):
    """Correct a mention's stance."""

    def __init__(self, service: Service, claim_id: int, mention_id: int, stance: str,
                 by: str | None, changed: Changed) -> None:
        super().__init__(f"Mark a mention of claim {claim_id} as {stance}")
        self.service, self.claim_id, self.mention_id = service, claim_id, mention_id
        self.stance, self.by, self.changed = stance, by, changed
        self.before: str | None = None

    def redo(self) -> None:
        self.before = self.service.set_stance(self.mention_id, self.stance, by=self.by)
        self.changed({self.claim_id}, False)

    def undo(self) -> None:
        if self.before is not None:
            self.service.set_stance(self.mention_id, self.before, by=self.by)
        self.changed({self.claim_id}, False)


class MergeCommand(QUndoCommand):
    """Fold claims into one; undo splits their mentions back into claims of their own,
    with their text and verdict."""

    def __init__(self, service: Service, target_id: int, other_ids: list[int],
                 by: str | None, changed: Changed) -> None:
        super().__init__(f"Merge {len(other_ids) + 1} claims into claim {target_id}")
        self.service, self.target_id, self.by, self.changed = service, target_id, by, changed
        self.others = [(_row(service, o), [m.id for m in service.mentions([o])])
                       for o in other_ids]
        self.restored: list[int] = []

    def redo(self) -> None:
        self.service.merge_claims(self.target_id, [c.id for c, _ in self.others], by=self.by)
        self.changed({self.target_id}, True)

    def undo(self) -> None:
        self.restored = []
        for claim, mention_ids in self.others:
            if not mention_ids:
                continue
            new_id = self.service.move_mentions(mention_ids, None, by=self.by)
            self.service.set_claim_text(new_id, claim.text, by=self.by)
            if claim.verdict != "unreviewed":
                self.service.set_verdict(new_id, claim.verdict, by=self.by)
            self.restored.append(new_id)
        self.changed({self.target_id, *self.restored}, True)


class MoveMentionCommand(QUndoCommand):
    """Move a mention to another claim, or to a new claim of its own (target None)."""

    def __init__(self, service: Service, mention_id: int, source_id: int,
                 target_id: int | None, by: str | None, changed: Changed) -> None:
        where = f"claim {target_id}" if target_id else "a new claim"
        super().__init__(f"Move a mention of claim {source_id} to {where}")
        self.service, self.mention_id, self.source_id = service, mention_id, source_id
        self.target_id, self.by, self.changed = target_id, by, changed
        self.created: int | None = None

    def redo(self) -> None:
        landed = self.service.move_mentions([self.mention_id], self.target_id, by=self.by)
        self.created = landed if self.target_id is None else None
        self.changed({self.source_id, landed}, True)

    def undo(self) -> None:
        try:
            self.service.claim(self.source_id)
            back: int | None = self.source_id
        except Exception:  # noqa: BLE001 - the claim emptied by the move is gone
            back = None
        landed = self.service.move_mentions([self.mention_id], back, by=self.by)
        self.source_id = landed
        self.changed({landed}, True)

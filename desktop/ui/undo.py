"""Undoable edits as the window's QUndoStack shows them. Undo itself lives in the core:
each command makes one service write, keeps the undo step it recorded, and then undoes
and redoes that step through ``Service.undo`` / ``Service.redo`` (exact, one transaction,
in the audit trail). The constructors keep the shape the window already calls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.dto import Changes
from desktop.core.service import Service

Changed = Callable[[set[int], bool], None]
"""Tells the window which claims changed, and whether claims appeared or went away."""


class _StepCommand(QUndoCommand):
    """One core undo step: the first redo makes the edit, later ones redo the step."""

    def __init__(self, label: str, service: Service, by: str | None,
                 changed: Changed) -> None:
        super().__init__(label)
        self.service, self.by, self.changed = service, by, changed
        self.step_id: int | None = None

    def apply(self) -> Changes:
        """The edit itself."""
        raise NotImplementedError

    def _announce(self, changes: Changes) -> None:
        self.changed(set(changes.changed | changes.added), changes.structure_changed)

    def redo(self) -> None:
        if self.step_id is None:
            changes = self.apply()
            self.step_id = changes.step_id
        else:
            changes = self.service.redo(self.step_id, by=self.by)
        self._announce(changes)

    def undo(self) -> None:
        if self.step_id is not None:
            self._announce(self.service.undo(self.step_id, by=self.by))


class SetVerdictCommand(_StepCommand):
    """Give a claim a verdict."""

    def __init__(self, service: Service, claim_id: int, verdict: str, by: str | None,
                 changed: Changed) -> None:
        super().__init__(f"Mark claim {claim_id} as {verdict}", service, by, changed)
        self.claim_id, self.verdict = claim_id, verdict

    def apply(self) -> Changes:
        return self.service.set_verdict(self.claim_id, self.verdict, by=self.by)


class SetTextCommand(_StepCommand):
    """Reword a claim."""

    def __init__(self, service: Service, claim_id: int, text: str, by: str | None,
                 changed: Changed) -> None:
        super().__init__(f"Reword claim {claim_id}", service, by, changed)
        # Not self.text: QUndoCommand.text() is the command's label.
        self.claim_id, self.wording = claim_id, text

    def apply(self) -> Changes:
        return self.service.set_claim_text(self.claim_id, self.wording, by=self.by)


class SetStanceCommand(_StepCommand):
    """Correct a mention's stance."""

    def __init__(self, service: Service, claim_id: int, mention_id: int, stance: str,
                 by: str | None, changed: Changed) -> None:
        super().__init__(f"Mark a mention of claim {claim_id} as {stance}", service, by,
                         changed)
        self.mention_id, self.stance = mention_id, stance

    def apply(self) -> Changes:
        return self.service.set_stance(self.mention_id, self.stance, by=self.by)


class MergeCommand(_StepCommand):
    """Fold claims into one; undo brings the others back with their ids."""

    def __init__(self, service: Service, target_id: int, other_ids: list[int],
                 by: str | None, changed: Changed) -> None:
        super().__init__(f"Merge {len(other_ids) + 1} claims into claim {target_id}",
                         service, by, changed)
        self.target_id, self.other_ids = target_id, other_ids

    def apply(self) -> Changes:
        return self.service.merge_claims(self.target_id, self.other_ids, by=self.by)


class MoveMentionCommand(_StepCommand):
    """Move a mention to another claim, or to a new claim of its own (target None)."""

    def __init__(self, service: Service, mention_id: int, source_id: int,
                 target_id: int | None, by: str | None, changed: Changed) -> None:
        where = f"claim {target_id}" if target_id else "a new claim"
        super().__init__(f"Move a mention of claim {source_id} to {where}", service, by,
                         changed)
        self.mention_id, self.target_id = mention_id, target_id

    def apply(self) -> Changes:
        return self.service.move_mentions([self.mention_id], self.target_id, by=self.by)


class WriteCommand(_StepCommand):
    """Any other single service write (review state, a note corrected or removed), named by
    its label: the core records and undoes it like the others."""

    def __init__(self, label: str, service: Service, write: Callable[[], Changes],
                 by: str | None, changed: Changed) -> None:
        super().__init__(label, service, by, changed)
        self.write = write

    def apply(self) -> Changes:
        return self.write()

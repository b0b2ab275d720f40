"""The Undo and Redo the window shows: a presentation of steps the core has already done.

A step enters the stack only after its write succeeded, so a failed edit leaves no entry.
Undo and redo run in the writer thread like every edit; the stack moves only once the core
has done it. A step the core refuses to undo (a colleague has built on it) is announced
with the core's message and leaves the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from desktop.core.dto import Changes
from desktop.core.errors import FactDeskError
from desktop.core.service import Service
from desktop.ui.hub import ChangeHub, Origin
from desktop.ui.tasks import TaskRunner

Write = Callable[[Service], Changes]


@dataclass(frozen=True)
class Step:
    """One undoable step: its label, how the core undoes and redoes it, and the version
    each claim it changed had once it was last done or undone."""

    label: str
    undo: Write
    redo: Write
    left: dict[int, int] = field(default_factory=dict)


class OwnVersions:
    """Versions this window's own writes produced, by (claim, version written over): a key
    pressed before the table has re-read the row counts the window's own edit or undo as
    seen, not as a colleague's. Used only in the writer thread, where writes are queued."""

    def __init__(self) -> None:
        self._next: dict[tuple[int, int], int] = {}

    def note(self, claim_id: int, before: int, after: int) -> None:
        """This window moved the claim from ``before`` to ``after``. A write that changed
        nothing (C pressed on a claim already confirmed) keeps the version: it is no move,
        and noting it as one would send ``expected`` round in a circle."""
        if after != before:
            self._next[(claim_id, before)] = after

    def expected(self, claim_id: int | None, shown: int | None) -> int | None:
        """The version to write over: the one shown, moved on by this window's own."""
        version, seen = shown, set[int]()
        while claim_id is not None and version is not None and (claim_id, version) in self._next:
            if version in seen:
                break
            seen.add(version)
            version = self._next[(claim_id, version)]
        return version


class StepEntry(QUndoCommand):
    """A step on the stack. Its redo/undo do nothing: the core did the work already."""

    def __init__(self, step: Step) -> None:
        super().__init__(step.label)
        self.step = step

    def redo(self) -> None:
        """The core has done it; the stack only records that."""

    def undo(self) -> None:
        """The core has undone it; the stack only records that."""


class UndoHistory(QObject):
    """Runs undo and redo through the core, one at a time, and keeps the stack in step."""

    refused = Signal(str)
    failed = Signal(object, str)

    def __init__(self, runner: TaskRunner, hub: ChangeHub,
                 service: Callable[[], Service], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.own = OwnVersions()
        self._runner, self._hub, self._service = runner, hub, service
        self._moving = False
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self)
        # Explicit keys: the platform's Redo is Ctrl+Shift+Z on Linux, and listing it
        # next to that would register one key twice ("Ambiguous shortcut overload").
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.stack.indexChanged.connect(self._update_actions)
        self._update_actions()

    def record(self, step: Step) -> None:
        """Present a step the core has just done."""
        self.stack.push(StepEntry(step))

    def clear(self) -> None:
        """Forget every step (another project is open)."""
        self.stack.clear()

    def undo(self) -> None:
        """Undo the newest step, in the core."""
        entry = self._entry(self.stack.index() - 1)
        if entry is not None and not self._moving:
            self._move(entry, self.stack.undo, Origin.UNDO)

    def redo(self) -> None:
        """Redo the step undone last, in the core."""
        entry = self._entry(self.stack.index())
        if entry is not None and not self._moving:
            self._move(entry, self.stack.redo, Origin.REDO)

    def _entry(self, index: int) -> StepEntry | None:
        entry = self.stack.command(index) if 0 <= index < self.stack.count() else None
        return entry if isinstance(entry, StepEntry) else None

    def _move(self, entry: StepEntry, follow: Callable[[], None], origin: Origin) -> None:
        service, step = self._service(), entry.step
        write = step.undo if origin is Origin.UNDO else step.redo

        def work(_progress: object) -> Changes:
            changes = write(service)
            claim_id, version = changes.claim_id, changes.version
            if claim_id is not None and version is not None and claim_id in step.left:
                self.own.note(claim_id, step.left[claim_id], version)
                step.left[claim_id] = version
            return changes

        self._moving = True
        self._update_actions()

        def done(changes: Changes) -> None:
            self._moving = False
            follow()
            self._hub.announce(changes, origin)

        def failed(error: BaseException, details: str) -> None:
            self._moving = False
            if isinstance(error, FactDeskError):
                entry.setObsolete(True)  # the stack drops it on the next move
                follow()
                self.refused.emit(str(error))
            else:
                self._update_actions()
                self.failed.emit(error, details)

        label = ("Undoing " if origin is Origin.UNDO else "Redoing ") + entry.text()
        self._runner.run(work, label, write=True, on_success=done, on_failure=failed,
                         shown=False)

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.stack.canUndo() and not self._moving)
        self.redo_action.setEnabled(self.stack.canRedo() and not self._moving)
        self.undo_action.setText(f"&Undo {self.stack.undoText()}".rstrip())
        self.redo_action.setText(f"&Redo {self.stack.redoText()}".rstrip())

"""The Undo and Redo the window shows: a presentation of steps the core has already done.

A step enters the stack only after its write succeeded, so a failed edit leaves no entry.
Undo and redo run in the writer thread like every edit; the stack moves only once the core
has done it. A step the core refuses to undo (a colleague has built on it) is announced
with the core's message and leaves the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    """One undoable step: its label and how the core undoes and redoes it."""

    label: str
    undo: Write
    redo: Write


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
            self._move(entry, entry.step.undo, self.stack.undo, Origin.UNDO)

    def redo(self) -> None:
        """Redo the step undone last, in the core."""
        entry = self._entry(self.stack.index())
        if entry is not None and not self._moving:
            self._move(entry, entry.step.redo, self.stack.redo, Origin.REDO)

    def _entry(self, index: int) -> StepEntry | None:
        entry = self.stack.command(index) if 0 <= index < self.stack.count() else None
        return entry if isinstance(entry, StepEntry) else None

    def _move(self, entry: QUndoCommand, write: Write, follow: Callable[[], None],
              origin: Origin) -> None:
        service = self._service()
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
        self._runner.run(lambda _progress: write(service), label, write=True,
                         on_success=done, on_failure=failed, shown=False)

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.stack.canUndo() and not self._moving)
        self.redo_action.setEnabled(self.stack.canRedo() and not self._moving)
        self.undo_action.setText(f"&Undo {self.stack.undoText()}".rstrip())
        self.redo_action.setText(f"&Redo {self.stack.redoText()}".rstrip())

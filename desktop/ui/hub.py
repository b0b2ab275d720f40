"""The one place a change is announced: every write's Changes, with who started it.

Each pane decides for itself what to re-read (the design Anki uses for its operations):
the hub never guesses, and no edit handler refreshes panes by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from desktop.core.dto import Changes


class Origin(StrEnum):
    """Who started a change: panes treat a colleague's change differently from their own
    (the wording being typed is kept, not overwritten)."""

    EDIT = "edit"
    UNDO = "undo"
    REDO = "redo"
    IMPORT = "import"
    COLLEAGUE = "colleague"
    PROJECT = "project"


EVERYTHING = Changes(articles_changed=True, structure_changed=True)
"""What a new project, an import or a refresh may have changed: all of it."""


@dataclass(frozen=True)
class Announcement:
    """One change as the panes receive it."""

    changes: Changes
    origin: Origin


class ChangeHub(QObject):
    """Panes connect to ``announced``; writers call ``announce`` once per change."""

    announced = Signal(object)

    def announce(self, changes: Changes, origin: Origin) -> None:
        """Tell every pane what changed and who changed it."""
        self.announced.emit(Announcement(changes, origin))

"""The errors a user can cause or meet; each message names the file or claim involved."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desktop.core.dto import ArticleRow, ClaimRow, EventRow


def shown_path(path: Path | str) -> str:
    """A path as text that can always be printed and stored.

    A file name of invalid UTF-8 bytes reaches Python as lone surrogates, which no
    terminal, JSON file or database accepts; they are shown as ``\\xNN`` escapes.
    """
    text = str(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


class FactDeskError(Exception):
    """Base of every error that is shown to the user as a plain message, never a traceback."""


class InputError(FactDeskError):
    """A file (or a row of a file) that cannot be imported."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = shown_path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NotFound(FactDeskError):
    """A claim, mention or article id that does not exist."""


class StaleVersion(FactDeskError):
    """The claim (or article) was changed by someone else since it was read (optimistic
    lock). Carries what they did, newest last, and the row as it is now, so the window
    can offer "keep theirs" or "apply mine" (the same edit with ``current.version``)."""

    def __init__(self, message: str, *, claim_id: int | None = None,
                 article_id: int | None = None, theirs: tuple[EventRow, ...] = (),
                 current: ClaimRow | ArticleRow | None = None) -> None:
        super().__init__(message)
        self.claim_id = claim_id
        self.article_id = article_id
        self.theirs = theirs
        self.current = current

    @property
    def by(self) -> str | None:
        """Who made the latest change the user did not see."""
        return self.theirs[-1].author if self.theirs else None

    @property
    def at(self) -> datetime | None:
        """When."""
        return self.theirs[-1].at if self.theirs else None

    @property
    def field(self) -> str | None:
        """Which field it changed."""
        return self.theirs[-1].field if self.theirs else None

    @property
    def old(self) -> str | None:
        """The value before it."""
        return self.theirs[-1].old if self.theirs else None

    @property
    def new(self) -> str | None:
        """The value it set."""
        return self.theirs[-1].new if self.theirs else None


class UndoConflict(FactDeskError):
    """An undo or redo refused because someone (a colleague, or another step) has since
    changed what the step changed; the message names who changed what."""


class SchemaTooNew(FactDeskError):
    """The database was written by a newer FactDesk; opening it could damage it."""


class InvalidValue(FactDeskError):
    """A value a user typed that FactDesk cannot accept (unknown verdict, empty text...)."""


class Cancelled(FactDeskError):
    """The user cancelled a long operation; work already committed stays committed."""


class ReadOnlyProject(FactDeskError):
    """A change asked of a project FactDesk can only read (file, folder or disk)."""


class DamagedProject(FactDeskError):
    """SQLite found damaged pages; writing on would spread the damage."""


class NotAProject(FactDeskError):
    """A database that holds another program's tables: FactDesk refuses to add its own."""


class StorageFull(FactDeskError):
    """The disk (or the server's quota) filled up during a write; what was kept is said."""

"""The errors a user can cause or meet; each message names the file or claim involved."""

from __future__ import annotations

from pathlib import Path


class FactDeskError(Exception):
    """Base of every error that is shown to the user as a plain message, never a traceback."""


class InputError(FactDeskError):
    """A file (or a row of a file) that cannot be imported."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NotFound(FactDeskError):
    """A claim, mention or article id that does not exist."""


class StaleVersion(FactDeskError):
    """The claim was changed by someone else since it was read (optimistic lock)."""


class SchemaTooNew(FactDeskError):
    """The database was written by a newer FactDesk; opening it could damage it."""


class InvalidValue(FactDeskError):
    """A value a user typed that FactDesk cannot accept (unknown verdict, empty text...)."""


class Cancelled(FactDeskError):
    """The user cancelled a long operation; work already committed stays committed."""

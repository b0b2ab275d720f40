"""Progress reporting and cancellation as plain callables, so core never needs Qt.

Long use cases call ``progress.report(done, total, label)`` between units of work and
``progress.check()`` where stopping is safe; the GUI adapts both to signals in a worker.
"""

from __future__ import annotations

import threading
from typing import Protocol

from desktop.core.errors import Cancelled


class Progress(Protocol):
    """What a long-running use case needs from its caller."""

    def report(self, done: int, total: int, label: str = "") -> None:
        """Tell the caller how far the work is."""

    def check(self) -> None:
        """Raise Cancelled if the caller asked to stop."""


class NullProgress:
    """Progress that reports nowhere and never cancels."""

    def report(self, done: int, total: int, label: str = "") -> None:
        """Ignore the report."""

    def check(self) -> None:
        """Never cancel."""


NULL_PROGRESS = NullProgress()


class CancellableProgress:
    """Progress whose cancellation is a thread-safe flag, readable from any thread."""

    def __init__(self) -> None:
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the running work to stop at its next check."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._cancel.is_set()

    def report(self, done: int, total: int, label: str = "") -> None:
        """Subclasses forward this to their display."""

    def check(self) -> None:
        """Raise Cancelled once cancel() has been called."""
        if self._cancel.is_set():
            raise Cancelled("cancelled by the user")

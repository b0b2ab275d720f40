"""The one way the window calls the database: off the GUI thread, with progress and cancel.

Writes go to a pool of one thread, so they run in the order they were asked for and never
contend for the database; reads go to a second pool. Results and errors come back as
queued signals, so every callback runs on the GUI thread. Once the window shuts the runner
down, callbacks still queued are dropped: a result arriving after quitting must not open
a message box that keeps the process alive.

A worker's signals are a QObject the runner owns, created and deleted on the GUI thread,
and deleted only once the pool thread has stopped emitting from it. Owned by the worker,
they were deleted by whichever thread dropped the last reference to it (the pool thread
when its ``run`` returned last, or Python's cycle collector at any moment), and under load
a test now and then failed with "Signal source has been deleted".
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from desktop.core.errors import Cancelled
from desktop.core.progress import CancellableProgress


class WorkerSignals(QObject):
    """What a worker tells the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    finished = Signal()


class QtProgress(CancellableProgress):
    """Progress that emits at most every 50 ms (and always the last value)."""

    def __init__(self, signals: WorkerSignals) -> None:
        super().__init__()
        self._signals = signals
        self._last = 0.0

    def report(self, done: int, total: int, label: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= 0.05 or done >= total:
            self._last = now
            self._signals.progressed.emit(done, total, label)


class Worker(QRunnable):
    """Runs ``fn(progress)`` in a pool thread."""

    def __init__(self, fn: Callable[[QtProgress], Any], label: str,
                 signals: WorkerSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it alive until it has finished
        self.fn, self.label = fn, label
        self.signals = signals
        self.progress = QtProgress(self.signals)
        self.returned = threading.Event()
        """Set once ``run`` emits nothing more: its signals may then be deleted."""

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # noqa: BLE001 - every failure goes back to the GUI thread
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()
            self.returned.set()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress check."""
        self.progress.cancel()


class TaskRunner(QObject):
    """Owns the two pools and keeps running workers referenced."""

    started = Signal(object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._reader = QThreadPool(self)
        self._reader.setMaxThreadCount(2)
        for pool in (self._writer, self._reader):
            # When the cores are busy the GUI thread should go first (measured in
            # benchmarks/window.py: no difference the shared machine's noise could show).
            pool.setThreadPriority(QThread.Priority.LowPriority)
        self._running: set[Worker] = set()
        self._retired: list[Worker] = []
        self._shut = False

    def run(self, fn: Callable[[QtProgress], Any], label: str, *, write: bool,
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException, str], None] | None = None,
            on_cancel: Callable[[], None] | None = None, shown: bool = True) -> Worker:
        """Start ``fn`` in the writer or reader pool; callbacks run on the GUI thread.

        ``shown``: whether the progress panel follows it (an import, an export); the short
        reads behind every pane pass False, so they never hide a running import's bar."""
        self._reap()
        worker = Worker(fn, label, WorkerSignals(self))
        if on_success:
            worker.signals.succeeded.connect(self._unless_shut(on_success))
        if on_failure:
            worker.signals.failed.connect(self._unless_shut(on_failure))
        if on_cancel:
            worker.signals.cancelled.connect(self._unless_shut(on_cancel))
        worker.signals.finished.connect(lambda: self._done(worker))
        self._running.add(worker)
        (self._writer if write else self._reader).start(worker)
        if shown:
            self.started.emit(worker)
        return worker

    def _unless_shut(self, callback: Callable[..., None]) -> Callable[..., None]:
        def guarded(*args: Any) -> None:
            if not self._shut:
                callback(*args)
        return guarded

    def _done(self, worker: Worker) -> None:
        self._running.discard(worker)
        self._retired.append(worker)
        self._reap()
        if not self._running:
            self.idle.emit()

    def _reap(self) -> None:
        """Delete the signals of finished workers whose pool thread is past its last emit
        (a worker whose ``finished`` arrived before its thread got there waits for the
        next call)."""
        waiting = []
        for worker in self._retired:
            if worker.returned.is_set():
                worker.signals.deleteLater()
            else:
                waiting.append(worker)
        self._retired = waiting

    @property
    def busy(self) -> bool:
        """Whether any task is still running."""
        return bool(self._running)

    def cancel_all(self) -> None:
        """Ask every running task to stop."""
        for worker in list(self._running):
            worker.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until both pools are idle (used in tests)."""
        return self._writer.waitForDone(msecs) and self._reader.waitForDone(msecs)

    def shut_down(self) -> None:
        """Cancel everything, wait for the workers to stop at their next progress check,
        and drop the results they still send: the window is going away."""
        self._shut = True
        self.cancel_all()
        self._writer.waitForDone()
        self._reader.waitForDone()

"""Article analysis (sentences, terms, quantities, fingerprint) in worker processes.

Analysis is pure and per article, and costs about half of an import; matching and
writing must stay in order in one process. So batches of articles are analysed by a
process pool while the importing process matches and writes, which keeps both cores of a
small laptop busy. Small imports (the five seeds, a drag-and-drop of a few files) stay in
process: starting workers would cost more than it saves. Results come back in submission
order, so imports stay deterministic.

Workers die with the importing process whatever ends it (SIGKILL, SIGTERM, SIGHUP): on
Linux the kernel sends them SIGKILL when their parent goes (PR_SET_PDEATHSIG); elsewhere a
thread in each worker watches for the parent to go. With the workers goes multiprocessing's
resource tracker, which exits once the last process holding its pipe has.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

from desktop.core.ingest.dedupe import fingerprint
from desktop.core.text.analysis import SentenceFeatures, analyse

MIN_PARALLEL = 48
"""Below this many articles in a batch, analysing in process is faster."""
PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal a process gets when its parent thread ends."""


@dataclass(frozen=True)
class Analysis:
    """What the importer needs to know about one article's text."""

    features: list[SentenceFeatures]
    fingerprint: frozenset[int]


def analyse_article(job: tuple[str, date | None]) -> Analysis:
    """Analyse one article body (runs in a worker process)."""
    text, published = job
    return Analysis(analyse(text, published), fingerprint(text))


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the process that started it ends.

    The death signal is tied to the thread that started the worker: the pool is started
    and closed by the import, in one thread, which outlives its workers.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _analyse_chunk(jobs: list[tuple[str, date | None]]) -> list[Analysis]:
    return [analyse_article(job) for job in jobs]


class AnalysisPool:
    """Analyses batches of articles, in workers when a batch is large enough."""

    def __init__(self, workers: int | None = None) -> None:
        # One core stays with the importing process, which matches and writes meanwhile.
        self._workers = workers if workers is not None else min(4, (os.cpu_count() or 1) - 1)
        self._executor: Executor | None = None
        self._others: set[multiprocessing.process.BaseProcess] = set()
        """Child processes that are not this pool's workers (see abandon)."""

    def submit(self, jobs: list[tuple[str, date | None]]) -> Callable[[], list[Analysis]]:
        """Start analysing ``jobs``; the returned call waits for the results, in order.

        The importer submits the next batch before it stores the current one, so workers
        analyse while the importing process matches and writes.
        """
        if len(jobs) < MIN_PARALLEL or self._workers < 1:
            return lambda: [analyse_article(job) for job in jobs]
        if self._executor is None:
            self._others = set(multiprocessing.active_children())
            # spawn, not fork: the importer may run in a GUI worker thread, and forking a
            # threaded process can deadlock the child.
            self._executor = ProcessPoolExecutor(
                self._workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=die_with_parent, initargs=(os.getpid(),))
        size = max(1, len(jobs) // (self._workers * 4))
        futures = [self._executor.submit(_analyse_chunk, jobs[i:i + size])
                   for i in range(0, len(jobs), size)]
        return lambda: [a for future in futures for a in future.result()]

    def abandon(self) -> None:
        """Stop the workers at once, dropping the analyses under way.

        For a cancel or an interrupt: a plain close waits for every chunk already handed
        to a worker, seconds of work nobody will use (5 s measured on FNC-1 after SIGTERM).
        """
        if self._executor is not None:
            for worker in set(multiprocessing.active_children()) - self._others:
                worker.kill()
        self.close()

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

"""Article analysis (sentences, terms, quantities, fingerprint) in worker processes.

Analysis is pure and per article, and costs about half of an import; matching and
writing must stay in order in one process. So batches of articles are analysed by a
process pool while the importing process matches and writes, which keeps both cores of a
small laptop busy. Small imports (the five seeds, a drag-and-drop of a few files) stay in
process: starting workers would cost more than it saves. Results come back in submission
order, so imports stay deterministic.

One article whose analysis fails never stops an import: an exception becomes that
article's Unanalysed outcome, and a worker that dies (a crash, the out-of-memory killer,
os._exit) breaks only the pool, which is rebuilt. The articles it was analysing are then
analysed again one at a time in a separate one-worker pool, so a second death there is
provably that article's, and the others are analysed as if nothing had happened.

Workers die with the importing process whatever ends it (SIGKILL, SIGTERM, SIGHUP): on
Linux the kernel sends them SIGKILL when their parent goes (PR_SET_PDEATHSIG); elsewhere a
thread in each worker watches for the parent to go. With the workers goes multiprocessing's
resource tracker, which exits once the last process holding its pipe has.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from desktop.core.analysis_worker import (
    Analyse,
    Analysis,
    Job,
    Outcome,
    Unanalysed,
    analyse_article,
    analyse_chunk,
    describe,
    die_with_parent,
)

__all__ = ["MIN_PARALLEL", "Analyse", "Analysis", "AnalysisPool", "Job", "Outcome",
           "Unanalysed", "analyse_article", "describe"]

MIN_PARALLEL = 48
"""Below this many articles in a batch, analysing in process is faster."""


class AnalysisPool:
    """Analyses batches of articles, in workers when a batch is large enough."""

    def __init__(self, workers: int | None = None, analyse_one: Analyse = analyse_article
                 ) -> None:
        # One core stays with the importing process, which matches and writes meanwhile.
        self._workers = workers if workers is not None else min(4, (os.cpu_count() or 1) - 1)
        self._analyse = analyse_one
        self._executor: ProcessPoolExecutor | None = None
        self._alone: ProcessPoolExecutor | None = None
        """The one-worker pool that analyses again, one by one, what a dead worker held."""
        self._others: set[multiprocessing.process.BaseProcess] = set()
        """Child processes that are not this pool's workers (see abandon)."""

    def submit(self, jobs: list[Job]) -> Callable[[], list[Outcome]]:
        """Start analysing ``jobs``; the returned call waits for the outcomes, in order.

        The importer submits the next batch before it stores the current one, so workers
        analyse while the importing process matches and writes.
        """
        if len(jobs) < MIN_PARALLEL or self._workers < 1:
            return lambda: analyse_chunk(self._analyse, jobs)
        size = max(1, len(jobs) // (self._workers * 4))
        started = [self._start(jobs[i:i + size]) for i in range(0, len(jobs), size)]
        return lambda: [outcome for chunk, executor, future in started
                        for outcome in self._outcomes(chunk, executor, future)]

    def _spawn(self, workers: int) -> ProcessPoolExecutor:
        if self._executor is None and self._alone is None:
            self._others = set(multiprocessing.active_children())
        # spawn, not fork: the importer may run in a GUI worker thread, and forking a
        # threaded process can deadlock the child.
        return ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=die_with_parent, initargs=(os.getpid(),))

    def _start(self, chunk: list[Job]
               ) -> tuple[list[Job], ProcessPoolExecutor, Future[list[Outcome]]]:
        if self._executor is None:
            self._executor = self._spawn(self._workers)
        executor = self._executor
        try:
            return chunk, executor, executor.submit(analyse_chunk, self._analyse, chunk)
        except BrokenProcessPool:  # a worker died since the last batch
            self._retire(executor)
            return self._start(chunk)

    def _outcomes(self, chunk: list[Job], executor: ProcessPoolExecutor,
                  future: Future[list[Outcome]]) -> list[Outcome]:
        try:
            return future.result()
        except BrokenProcessPool:  # a worker died: this chunk's or another's fault
            self._retire(executor)
        except Exception:  # a result that did not come back: whose, the retry tells
            pass
        return [self._analyse_alone(job) for job in chunk]

    def _retire(self, executor: ProcessPoolExecutor) -> None:
        """Replace the shared pool if ``executor`` is it (it may be replaced already)."""
        if executor is self._executor:
            executor.shutdown(cancel_futures=True)
            self._executor = None

    def _analyse_alone(self, job: Job) -> Outcome:
        if self._alone is None:
            self._alone = self._spawn(1)
        try:
            return self._alone.submit(analyse_chunk, self._analyse, [job]).result()[0]
        except BrokenProcessPool as death:
            self._alone.shutdown()
            self._alone = None
            return Unanalysed(f"its analysis process died ({describe(death)})")
        except Exception as error:
            return Unanalysed(describe(error))

    def abandon(self) -> None:
        """Stop the workers at once, dropping the analyses under way.

        For a cancel or an interrupt: a plain close waits for every chunk already handed
        to a worker, seconds of work nobody will use (5 s measured on FNC-1 after SIGTERM).
        """
        if self._executor is not None or self._alone is not None:
            for worker in set(multiprocessing.active_children()) - self._others:
                worker.kill()
        self.close()

    def close(self) -> None:
        """Stop the workers, if any were started."""
        for executor in (self._executor, self._alone):
            if executor is not None:
                executor.shutdown(cancel_futures=True)
        self._executor = self._alone = None

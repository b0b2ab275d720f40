"""Article analysis (sentences, terms, quantities, fingerprint) in worker processes.

Analysis is pure and per article, and costs about half of an import; matching and
writing must stay in order in one process. So batches of articles are analysed by a
process pool while the importing process matches and writes, which keeps both cores of a
small laptop busy. Small imports (the five seeds, a drag-and-drop of a few files) stay in
process: starting workers would cost more than it saves. Results come back in submission
order, so imports stay deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

from desktop.core.ingest.dedupe import fingerprint
from desktop.core.text.analysis import SentenceFeatures, analyse

MIN_PARALLEL = 48
"""Below this many articles in a batch, analysing in process is faster."""


@dataclass(frozen=True)
class Analysis:
    """What the importer needs to know about one article's text."""

    features: list[SentenceFeatures]
    fingerprint: frozenset[int]


def analyse_article(job: tuple[str, date | None]) -> Analysis:
    """Analyse one article body (runs in a worker process)."""
    text, published = job
    return Analysis(analyse(text, published), fingerprint(text))


def _analyse_chunk(jobs: list[tuple[str, date | None]]) -> list[Analysis]:
    return [analyse_article(job) for job in jobs]


class AnalysisPool:
    """Analyses batches of articles, in workers when a batch is large enough."""

    def __init__(self, workers: int | None = None) -> None:
        # One core stays with the importing process, which matches and writes meanwhile.
        self._workers = workers if workers is not None else min(4, (os.cpu_count() or 1) - 1)
        self._executor: Executor | None = None

    def submit(self, jobs: list[tuple[str, date | None]]) -> Callable[[], list[Analysis]]:
        """Start analysing ``jobs``; the returned call waits for the results, in order.

        The importer submits the next batch before it stores the current one, so workers
        analyse while the importing process matches and writes.
        """
        if len(jobs) < MIN_PARALLEL or self._workers < 1:
            return lambda: [analyse_article(job) for job in jobs]
        if self._executor is None:
            # spawn, not fork: the importer may run in a GUI worker thread, and forking a
            # threaded process can deadlock the child.
            self._executor = ProcessPoolExecutor(
                self._workers, mp_context=multiprocessing.get_context("spawn"))
        size = max(1, len(jobs) // (self._workers * 4))
        futures = [self._executor.submit(_analyse_chunk, jobs[i:i + size])
                   for i in range(0, len(jobs), size)]
        return lambda: [a for future in futures for a in future.result()]

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

"""What an analysis worker process runs: the analysis of articles, and its tie to the
importing process.

Kept apart from desktop.core.service (service/analysis_pool.py starts the workers): a
worker imports the module of every function it is sent, and importing anything under
desktop.core.service imports the whole service layer (SQLAlchemy, Alembic, openpyxl),
0.6 s of CPU per worker for code it never runs. From here it imports the text analysis
alone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop.core.ingest.dedupe import fingerprint
from desktop.core.text.analysis import SentenceFeatures, analyse

PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal a process gets when its parent thread ends."""
REASON_LIMIT = 300
"""Characters of an exception's message kept in the one-line report."""

Job = tuple[str, date | None]
"""An article body and its publication date."""


@dataclass(frozen=True)
class Analysis:
    """What the importer needs to know about one article's text."""

    features: list[SentenceFeatures]
    fingerprint: frozenset[int]


@dataclass(frozen=True)
class Unanalysed:
    """An article whose analysis failed, and why (one line, for the import report)."""

    reason: str


Outcome = Analysis | Unanalysed
Analyse = Callable[[Job], Analysis]
"""The analysis of one article. Tests pass their own to make one article's analysis raise
or kill its worker; it must be a module-level function, as workers import it by name."""


def analyse_article(job: Job) -> Analysis:
    """Analyse one article body (runs in a worker process)."""
    text, published = job
    return Analysis(analyse(text, published), fingerprint(text))


def describe(error: BaseException) -> str:
    """``ExceptionType: message`` on one line, short enough to read."""
    message = " ".join(str(error).split())
    if len(message) > REASON_LIMIT:
        message = message[:REASON_LIMIT] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


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


def analyse_chunk(analyse_one: Analyse, jobs: list[Job]) -> list[Outcome]:
    """Analyse ``jobs`` in order; an article whose analysis raises becomes Unanalysed."""
    outcomes: list[Outcome] = []
    for job in jobs:
        try:
            outcomes.append(analyse_one(job))
        except Exception as error:
            outcomes.append(Unanalysed(describe(error)))
    return outcomes

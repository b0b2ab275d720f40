"""The status bar's totals and its "changed by someone else" notice, both read in workers.

The totals are six counts; a colleague's change is found by polling two maxima. On a
shared server either is a round trip the GUI thread must not wait for.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from desktop.core.dto import Marker, Stats
from desktop.core.service import Service
from desktop.core.wording import counted, sources_counted
from desktop.ui.models.claims_model import ClaimsTableModel
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.fitting_label import FittingLabel

WATCH_MS = 15_000
"""How often the window asks whether someone else changed the project."""


def totals_lines(whole: Stats, claims: Stats) -> tuple[str, str, str]:
    """Articles and sources from ``whole``, claims by verdict and conflicts from
    ``claims`` (a claim edit recounts only those), every number in thousands; then the
    same for a narrow window without how unknown outlets count, then without the claims
    by verdict."""
    verdicts = ", ".join(f"{n:,} {v}" for v, n in claims.by_verdict.items() if n)
    articles = counted(whole.articles, 'article')
    claims_counted = counted(claims.claims, 'claim')
    conflicts = counted(claims.conflicts, 'conflict')
    by_verdict = f"{claims_counted} ({verdicts or 'none'})"
    sources = counted(whole.sources, 'source')
    return (f"{articles} · {sources_counted(whole.sources, whole.unknown_sources)} · "
            f"{by_verdict} · {conflicts}",
            f"{articles} · {sources} · {by_verdict} · {conflicts}",
            f"{articles} · {sources} · {claims_counted} · {conflicts}")


class Totals(QObject):
    """Articles, sources, claims by verdict and conflicts, and how many the table shows."""

    def __init__(self, label: FittingLabel, model: ClaimsTableModel, runner: TaskRunner,
                 service: Callable[[], Service], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label, self._model, self._runner, self._service = label, model, runner, service
        self._stats: Stats | None = None
        self._lines: tuple[str, ...] = ("",)
        self._generation = 0
        self._shown = 0
        """The newest count shown: an older one arriving late is dropped, but a newer
        request does not drop the one in flight (during an import, asked every 1.5 s,
        each answer was dropped for the next and the totals never moved)."""

    def reread(self, *, articles: bool = True) -> None:
        """Count again; a claim edit recounts claims only, not articles."""
        self._generation += 1
        generation, service = self._generation, self._service()
        whole = articles or self._stats is None
        self._runner.run(lambda _p: service.stats() if whole else service.claim_totals(),
                         "Counting", write=False, shown=False,
                         on_success=lambda stats: self._counted(stats, whole, generation))

    def _counted(self, stats: Stats, whole: bool, generation: int) -> None:
        if generation <= self._shown:
            return
        self._shown = generation
        if whole:
            self._stats = stats
        assert self._stats is not None
        self._lines = totals_lines(self._stats, stats)
        self.render()

    def render(self) -> None:
        """Show the counts with the table's own (it changes with the filter): the
        fullest wording that fits, ending with the table's count."""
        showing = (f" · showing {self._model.total:,}"
                   + (" (reading…)" if self._model.pending else ""))
        self.label.set_texts(*(line + showing for line in self._lines))


class ChangeWatch(QObject):
    """Polls for someone else's changes and shows ``notice`` when there are some."""

    def __init__(self, notice: QLabel, runner: TaskRunner, service: Callable[[], Service],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notice, self._runner, self._service = notice, runner, service
        self._marker: Marker | None = None
        self._timer = QTimer(self, interval=WATCH_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def refreshed(self) -> None:
        """This window re-read the whole project: it knows it up to now. Read in the
        writer thread, so it comes after any write just asked for."""
        service = self._service()

        def mark(marker: Marker) -> None:
            if service is self._service():
                self._marker = marker
                self.notice.setVisible(False)

        self._runner.run(lambda _p: service.change_marker(), "Noting changes", write=True,
                         shown=False, on_success=mark)

    def wrote(self, marks: tuple[tuple[Marker, Marker], ...]) -> None:
        """This window's own write, which re-read only what it touched: it knows the
        project up to the write's end only if the project stood where the window last saw
        it when each of the write's transactions began; else someone else wrote in
        between, and the notice says so (trial10: a colleague's verdict saved just before
        this window's own was never announced). A notice already shown stays until a
        refresh (trial9: a verdict key hid it)."""
        if self.notice.isVisible() or self._marker is None or not marks:
            return
        known = self._marker
        for before, after in marks:
            if before != known:
                self.notice.setVisible(True)
                return
            known = after
        self._marker = known

    def check(self) -> None:
        """Tell the user when someone else (a colleague on the server, the command line)
        changed the project since this window last read it; not while this window's own
        work runs (an import's articles are not someone else's)."""
        if self._runner.busy or self._marker is None:
            return
        service, asked = self._service(), self._marker

        def compare(marker: Marker) -> None:
            if service is self._service() and self._marker == asked:
                self.notice.setVisible(marker != asked)

        self._runner.run(lambda _p: service.change_marker(), "Checking for changes",
                         write=False, shown=False, on_success=compare,
                         on_failure=lambda _error, _details: None)  # asked again in 15 s

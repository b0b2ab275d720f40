"""Filling the claim and article panes from reads in a worker.

A claim's detail is several queries (mentions, evidence, history) and an article three;
on a shared server each is a round trip, so they never run on the GUI thread. Each read
carries a generation: a claim chosen while an older read is in flight wins.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.dto import ArticleRow, ClaimDetail, MentionSpan
from desktop.core.errors import FactDeskError
from desktop.core.service import Service
from desktop.core.wording import article_name
from desktop.ui.notices import Notices
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.article_view import ArticleView
from desktop.ui.widgets.claim_detail import ClaimDetailWidget

ArticleRead = tuple[str, ArticleRow, list[MentionSpan]]


class ClaimShower(QObject):
    """Shows one claim in the detail pane; ``shown`` follows each fill with its id."""

    shown = Signal(int)

    def __init__(self, detail: ClaimDetailWidget, runner: TaskRunner,
                 service: Callable[[], Service], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detail, self._runner, self._service = detail, runner, service
        self.claim_id: int | None = None
        """The claim chosen: the pane shows it, or will once its read arrives."""
        self._generation = 0

    def show(self, claim_id: int | None) -> None:
        """Read and show a claim (None: nothing chosen)."""
        self._generation += 1
        generation, service = self._generation, self._service()
        self.claim_id = claim_id
        if claim_id is None:
            self._fill(None, generation)
            return
        self._runner.run(lambda _progress: service.claim(claim_id), f"Reading claim {claim_id}",
                         write=False, shown=False,
                         on_success=lambda detail: self._fill(detail, generation),
                         on_failure=lambda _error, _details: self._gone(generation))

    def reread(self) -> None:
        """Show the chosen claim again (it changed)."""
        self.show(self.claim_id)

    def _gone(self, generation: int) -> None:
        """The claim was merged away or deleted meanwhile."""
        if generation == self._generation:
            self.claim_id = None
            self._fill(None, generation)

    def _fill(self, detail: ClaimDetail | None, generation: int) -> None:
        if generation != self._generation:
            return
        self.detail.show_claim(detail)  # it keeps typed wording and notes with their claim
        if detail is not None:
            self.shown.emit(detail.claim.id)


class ArticleShower(QObject):
    """Shows one article, highlighted, in the article pane."""

    opened = Signal(int)

    def __init__(self, view: ArticleView, runner: TaskRunner, service: Callable[[], Service],
                 notices: Notices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self._runner, self._service, self._notices = view, runner, service, notices
        self._generation = 0

    def open(self, article_id: int, focus: tuple[int, int] | None = None,
             switch: bool = True) -> None:
        """Read and show an article; ``switch``: bring its tab to the front."""
        self._generation += 1
        generation, service = self._generation, self._service()

        def read(_progress: object) -> ArticleRead:
            return (service.article_body(article_id), service.article(article_id),
                    service.article_spans(article_id))

        def fill(result: ArticleRead) -> None:
            if generation != self._generation:
                return
            body, row, spans = result
            name = article_name(row.title, row.external_id, article_id, row.path)
            heading = (f"<b>{html.escape(name)}</b><br>{html.escape(row.source)} · "
                       f"{row.published or 'undated'} · #{article_id}"
                       + (f" · copy of #{row.copy_of}" if row.copy_of else ""))
            self.view.show_article(article_id, heading, body, spans, focus)
            if switch:
                self.opened.emit(article_id)

        def failed(error: BaseException, details: str) -> None:
            if generation == self._generation:
                if isinstance(error, FactDeskError):
                    self.view.clear()
                self._notices.task_failed(error, details)

        self._runner.run(read, f"Reading article {article_id}", write=False, shown=False,
                         on_success=fill, on_failure=failed)

    def follow(self, detail: ClaimDetail | None, in_view: bool,
               only_if_empty: bool = False) -> None:
        """With the article in view, a newly shown claim is marked in it and brings its
        first mention into view, unless the open article already shows it (a click on a
        highlight must not move the text away from under the mouse). ``only_if_empty``:
        the tab was just brought forward; an article already open stays."""
        self.view.set_current_claim(detail.claim.id if detail is not None else None)
        if not in_view or detail is None or not detail.mentions:
            return
        if only_if_empty and self.view.article_id is not None:
            return
        if any(h.claim_id == detail.claim.id for h in self.view.highlights):
            return
        first = detail.mentions[0]
        self.open(first.article_id, focus=(first.start, first.end), switch=False)

    def reread(self) -> None:
        """Show the open article again, where it is (its highlights or metadata changed)."""
        if self.view.article_id is not None:
            self.open(self.view.article_id, switch=False)

    def clear(self) -> None:
        """Show nothing, and drop reads in flight."""
        self._generation += 1
        self.view.clear()

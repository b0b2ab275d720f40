"""Which articles carry a claim, asked from the window: the command line's `factdesk search`
in a panel under the claims, for words typed or a claim's own text.

The search runs in the reader pool like every read behind a pane (not on the progress
panel: that follows imports and exports, and a search must not hide an import's bar).
Each search carries a generation: a newer one supersedes an older one still running, whose
answer is dropped. When articles come or go (an import, an edit, a colleague's change) the
results are searched again if the panel is open, else when it next opens.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from desktop.core.service import Service
from desktop.core.service.counts import stance_counts
from desktop.core.wording import counted, stance_breakdown
from desktop.ui.hub import Announcement, Origin
from desktop.ui.models.hits_model import FoundArticle, marked_spans
from desktop.ui.style import is_dark
from desktop.ui.tasks import QtProgress
from desktop.ui.widgets.article_search_view import ArticleSearchView

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

PAGE = 50
SHARE = 45
"""Percent of the claims column the panel takes when it opens."""
"""Hits asked for at a time; "Show more" asks for as many again."""
EMPTY_QUERY = "Type a claim to search for: an empty search finds nothing."
START = ("Type a claim and press Enter: the articles that state, report or contradict it, "
         "best first.")


NONE_FOUND = ("No article states, reports or contradicts it closely enough. The search "
              "reads a claim, with its who and what (“around 600 North Korean soldiers "
              "died in Kursk”); Find claims (Ctrl+F) finds any words.")


def carry_line(found: list[FoundArticle], limit: int) -> str:
    """The count as `factdesk search` says it, "5 articles carry this claim", then how many
    independent origins they come from when copies are among them, then how many more
    hold the claim's words in passing (listed below the others, not counted)."""
    carrying = [f for f in found if f.hit.about]
    n = len(carrying)
    return _carrying(carrying, limit) + _in_passing(len(found) - n, n, limit)


def _carrying(carrying: list[FoundArticle], limit: int) -> str:
    """The count of the articles that carry the claim (only these answer "how many"),
    then how their independent origins stand on it, as the claim pane says it: the
    line a fact-checker came for, "5 articles, 4 origins, 1 contradicting" (trial10: the
    line said no word of the one contradicting)."""
    n = len(carrying)
    if not n:
        return "<b>0 articles carry this claim</b>"
    origins = len({f.origin for f in carrying})
    stand = stance_breakdown(origins, *stance_counts((f.origin, f.hit.stance)
                                                     for f in carrying))
    apart = f" · {stand}" + (" (a copy counts once)" if origins != n else "")
    if n >= limit:
        return (f"<b>The first {counted(n, 'article')} that carry this claim</b>{apart}; "
                "there may be more. <a href='more'>Show more</a>")
    return f"<b>{counted(n, 'article')} {'carries' if n == 1 else 'carry'} this claim</b>{apart}"


def _in_passing(passing: int, carrying: int, limit: int) -> str:
    """The hits that only hold the claim's words, said apart from the count (nothing found
    at all says what the search reads instead)."""
    if not passing:
        return "" if carrying else f"<br>{NONE_FOUND}"
    some = f"{'at least ' if passing >= limit else ''}{passing}"
    verb = "mentions" if passing == 1 else "mention"
    if not carrying:
        return (f"<br>{some} {'article' if passing == 1 else 'articles'} {verb} its words "
                "in passing, about something else (listed, not counted)")
    return (f"<br>Below {'it' if carrying == 1 else 'them'}, {some} more {verb} its words in "
            "passing, about something else (not counted)")


def find(service: Service, query: str, limit: int, progress: QtProgress) -> list[FoundArticle]:
    """The search's hits with the query's words marked (in a worker: marking reads the
    query's terms)."""
    hits = service.search(query, limit, passing=True)
    progress.check()
    return [FoundArticle(h, tuple(marked_spans(h.sentence, query))) for h in hits]


class ArticleSearch(QObject):
    """The panel, its searches, and how it follows the project's changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = ArticleSearchView()
        window.centre.addWidget(self.view)
        self.view.hide()
        self.query: str | None = None
        """The query the results answer (None: no search yet)."""
        self.shown: str | None = None
        """The query whose hits the list shows: the same query searched again (after a
        change) keeps the row the user was on; a new one starts at its first hit."""
        self.page = PAGE
        self.limit = PAGE
        self.stale = False
        """Articles changed while the panel was closed: search again when it opens."""
        self.searching = False
        """A search is on its way; its answer replaces what the panel shows."""
        self._generation = 0
        window.hub.announced.connect(self._on_announced)
        self.view.searched.connect(self.search)
        self.view.more.connect(lambda: self.query and self.search(self.query,
                                                                  self.limit + self.page))
        self.view.opened.connect(self._open)
        self.view.dismissed.connect(
            lambda: window.table.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.view.closed.connect(self.close)

    def ask(self, text: str | None = None) -> None:
        """Open the panel with the keyboard in its box; ``text`` is searched at once."""
        if not self.is_open:
            self.view.show()
            self._fit()
        if text is not None:
            self.view.query.setText(text)
            self.search(text)
        elif self.stale and self.query is not None:
            self.search(self.query, self.limit)
        self.view.focus_query()

    @property
    def is_open(self) -> bool:
        """Whether the panel is open (shown once the window is)."""
        return not self.view.isHidden()

    def close(self) -> None:
        """Close the panel; the keyboard goes back to the claims. The last search is kept
        and followed, for when it opens again."""
        self.view.hide()
        self.window.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fit(self) -> None:
        """Open at 45% of the column's height: three hits in view, the claims still there."""
        sizes = self.window.centre.sizes()
        total = sum(sizes)
        if sizes[1] < total // 4:
            self.window.centre.setSizes([total - total * SHARE // 100, total * SHARE // 100])

    def ask_for_claim(self) -> None:
        """Search the articles for the selected claim's text (else the claim shown)."""
        window = self.window
        ids = window.selected_claim_ids()
        row = window.model.row_of(ids[0]) if ids else None
        claim = window.model.claim_at(row) if row is not None else None
        shown = window.detail.detail
        text = claim.text if claim else shown.claim.text if shown else None
        if text is None:
            window.notices.error("Select a claim first: its words are what is searched for.")
            return
        self.ask(text)

    def search(self, query: str, limit: int | None = None) -> None:
        """Search in the reader pool for the first ``limit`` hits (else a page of them); an
        empty query says so and searches nothing."""
        limit = limit or self.page
        self._generation += 1
        generation, service = self._generation, self.window.service
        query = query.strip()
        self.stale = False
        if not query:
            self.query = self.shown = None
            self._say(EMPTY_QUERY)
            self.view.results.show_found([], False)
            return
        self.query, self.limit = query, limit
        self._say(f"Searching the articles for “{html.escape(query)}”…", searching=True)
        self.window.runner.run(
            lambda progress: find(service, query, limit, progress),
            f"Searching articles for “{query}”", write=False, shown=False,
            on_success=lambda found: self._show(found, generation),
            on_failure=lambda error, details: self._failed(error, details, generation))

    def _show(self, found: list[FoundArticle], generation: int) -> None:
        if generation != self._generation:
            return  # a newer search was asked for meanwhile
        again = self.shown == self.query
        current = self.view.results.current_found() if again else None
        self.shown = self.query
        self.view.results.show_found(found, is_dark(self.view.palette()))
        if current is not None:
            # A search run again after a change keeps the article the user was on.
            row = self.view.results.hits.row_of(current.hit.article_id)
            if row is not None:
                self.view.results.setCurrentIndex(self.view.results.hits.index(row))
        self._say(carry_line(found, self.limit))

    def _failed(self, error: BaseException, details: str, generation: int) -> None:
        if generation == self._generation:
            self._say("The search failed; nothing is shown.")
            self.window.notices.task_failed(error, details)

    def _say(self, text: str, searching: bool = False) -> None:
        self.view.summary.setText(text)
        self.searching = searching

    def _open(self, found: FoundArticle) -> None:
        """The article in the Article tab, at the found sentence; the keyboard stays in
        the results, so the next one is an arrow key away."""
        hit = found.hit
        self.window.open_article(hit.article_id, focus=(hit.start, hit.end))

    def _on_announced(self, announcement: Announcement) -> None:
        changes = announcement.changes
        if announcement.origin is Origin.PROJECT:
            # Another project: its articles answer nothing asked of the last one.
            self._generation += 1
            self.query, self.shown, self.stale = None, None, False
            self.view.results.show_found([], False)
            self._say(START)
            return
        if self.query is None or not (changes.articles_changed or changes.structure_changed):
            return
        if self.is_open:
            self.search(self.query, self.limit)
        else:
            self.stale = True

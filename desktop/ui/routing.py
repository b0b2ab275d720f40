"""What each pane reads again when the hub announces a change, and who is told how.

The panes never refresh each other: a change arrives here once, with who started it, and
each pane re-reads only what the change touched, in workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.ui.hub import Announcement, Origin

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

STATUS_MS = 6_000


class PaneRouter(QObject):
    """Connects the window's hub to its panes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.hub.announced.connect(self.route)

    def route(self, announcement: Announcement) -> None:
        """Each pane re-reads what the change touched; an undo or redo says what it did."""
        window, changes = self.window, announcement.changes
        if changes.structure_changed:
            window.model.reload()
            window.when_loaded(lambda: window.restore_selection(window.current_claim_id()))
        elif changes.claim_ids:
            service, ids = window.service, sorted(changes.claim_ids)
            window.runner.run(lambda _p: service.claims_by_ids(ids), "Reading claims",
                              write=False, shown=False, on_success=window.model.replace_rows)
        if changes.articles_changed:
            service = window.service
            window.runner.run(lambda _p: service.articles(with_claims=False),
                              "Reading articles", write=False, shown=False,
                              on_success=window.sources.show_articles)
        window.counts.reread(articles=changes.articles_changed)
        if changes.structure_changed and changes.articles_changed:
            window.watch.refreshed()
        else:
            window.watch.wrote(changes.marks)
        if changes.structure_changed or window.shower.claim_id in changes.claim_ids:
            window.shower.reread()
        window.article_shower.reread()
        if announcement.origin in (Origin.UNDO, Origin.REDO) and changes.description:
            verb = "Undone" if announcement.origin is Origin.UNDO else "Redone"
            what = changes.description.removeprefix("Undo: ").removeprefix("Redo: ")
            window.statusBar().showMessage(f"{verb}: {what}", STATUS_MS)

"""The main window: sources | claims | claim detail and article, and how they hang together.

Every database call runs in the task runner, off the GUI thread; every write goes through
``Edits`` and its Changes reach the panes once, through the hub (``routing.py`` decides
what each pane reads again).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import ClaimFilter
from desktop.core.paths import project_name
from desktop.core.reviewer import login_name
from desktop.core.service import Service
from desktop.ui.actions import WindowActions
from desktop.ui.article_search import ArticleSearch
from desktop.ui.demo import DemoProject
from desktop.ui.dispatch import EditDispatch
from desktop.ui.edits import Edits
from desktop.ui.hub import EVERYTHING, Announcement, ChangeHub, Origin
from desktop.ui.keys import WindowKeysFirst
from desktop.ui.layout import PANE_SHARES, NarrowFold, restore_layout, save_layout
from desktop.ui.models.claim_columns import ORIGINS
from desktop.ui.models.claims_model import ClaimsTableModel
from desktop.ui.notices import Notices
from desktop.ui.progress_panel import ProgressPanel
from desktop.ui.projects import Projects
from desktop.ui.routing import PaneRouter
from desktop.ui.settings import Settings
from desktop.ui.showing import ArticleShower, ClaimShower
from desktop.ui.status import ChangeWatch, Totals
from desktop.ui.tasks import TaskRunner
from desktop.ui.transfers import Transfers
from desktop.ui.undo import UndoHistory
from desktop.ui.widgets.article_view import ArticleView
from desktop.ui.widgets.claim_detail import ClaimDetailWidget
from desktop.ui.widgets.claims_table import ClaimsTableView
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.fitting_label import FittingLabel
from desktop.ui.widgets.fold_splitter import FoldSplitter
from desktop.ui.widgets.sources_pane import SourcesPane

STALE_TEXTS = ("Changed by someone else — press F5 to see it", "Changed elsewhere — F5")
"""The notice that a colleague changed the project, in full and for a narrow window."""
STALE_FULL_FROM = 1100
"""Window width from which the notice is written in full."""


class MainWindow(QMainWindow):
    """Composes the panes and routes each announced change to the panes it concerns."""

    def __init__(self, service: Service, settings: Settings | None = None) -> None:
        super().__init__()
        self.service = service
        self.settings = settings or Settings()
        self.settings.project = service.project_name()
        # The project's name: Qt adds " — FactDesk" (the display name) where the platform
        # shows the application in titles, so two windows on two projects can be told apart.
        self.setWindowTitle(project_name(service.project_name()))
        self.setAcceptDrops(True)
        self.demo: DemoProject | None = None
        self._after_load: Callable[[], None] | None = None
        self._filtered_from: int | None = None
        """The claim the user was on when they began to filter: shown again when the
        filter lets it back, not the first row the narrower filters fell back on, until
        the user chooses or edits another."""
        self._restoring = False
        current = self._current_service
        self.runner = TaskRunner(self)
        self.hub = ChangeHub(self)
        # An edit of the claim shown makes it the user's: filtering goes on from it.
        self.hub.announced.connect(self._filtered_by_edit)
        self.notices = Notices(self)
        self.messages = self.notices.messages
        self.history = UndoHistory(self.runner, self.hub, current, self)
        self.undo_stack = self.history.stack

        self.sources = SourcesPane()
        self.filter_bar = FilterBar()
        self.model = ClaimsTableModel(service, self, self.runner)
        self.table = ClaimsTableView()
        self.table.setModel(self.model)
        self.detail = ClaimDetailWidget()
        self.article = ArticleView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.detail, "Claim")
        self.tabs.addTab(self.article, "Article")
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.filter_bar)
        centre_layout.addWidget(self.table)
        # The claims over the article search (when open): its hits are read in the tabs
        # beside them, which keep their full height.
        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.centre.setChildrenCollapsible(False)
        self.centre.addWidget(centre)
        self.splitter = FoldSplitter()
        for pane, name in ((self.sources, "Sources and articles"), (self.centre, "Claims"),
                           (self.tabs, "Claim and article")):
            pane.setAccessibleName(name)
            self.splitter.addWidget(pane)
        # Every pane stretches: a resized window keeps the panes' shares instead of taking
        # all of a narrowing out of the claim pane (65 px of sentence at 720 px wide).
        for position, share in enumerate(PANE_SHARES):
            self.splitter.setStretchFactor(position, share)
        self.narrow = NarrowFold(self.splitter, self.sources, self.centre, self.table)
        self.setCentralWidget(self.splitter)

        self.totals = FittingLabel()
        self.progress = ProgressPanel()
        self.stale = QLabel(STALE_TEXTS[0])
        self.stale.setToolTip(STALE_TEXTS[0])
        self.stale.setVisible(False)
        self.statusBar().addWidget(self.totals, 1)
        self.statusBar().addPermanentWidget(self.stale)
        self.statusBar().addPermanentWidget(self.progress)
        self.runner.started.connect(self.progress.follow)

        self.edits = Edits(self.runner, self.hub, self.history, self.notices, current,
                           self.reviewer, self)
        self.shower = ClaimShower(self.detail, self.runner, current, self)
        self.article_shower = ArticleShower(self.article, self.runner, current,
                                            self.notices, self)
        self.counts = Totals(self.totals, self.model, self.runner, current, self)
        self.watch = ChangeWatch(self.stale, self.runner, current, self)
        self.projects = Projects(self)
        self.transfers = Transfers(self)
        self.article_search = ArticleSearch(self)
        self.menu_actions = WindowActions(self)
        self.keys_first = WindowKeysFirst(self, self.menu_actions.all)
        self.dispatch = EditDispatch(self)
        self.router = PaneRouter(self)
        self._connect()
        restore_layout(self)
        self.projects.fill_recent()
        # The claims reported by the most independent origins first: on a project of one
        # source (an FNC-1 import, every claim "1 source") the sources order was the ids'.
        self.table.horizontalHeader().setSortIndicator(ORIGINS, Qt.SortOrder.DescendingOrder)
        # The claims have the keys from the start: C, D, F... act on the claim shown (the
        # sources tree, first in the window, took them as a search of its titles).
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.hub.announce(EVERYTHING, Origin.PROJECT)

    def _current_service(self) -> Service:
        return self.service

    def _connect(self) -> None:
        self.history.refused.connect(self.notices.error)
        self.history.failed.connect(self.notices.task_failed)
        self.filter_bar.changed.connect(self._on_filter_changed)
        self.model.loaded.connect(self._on_claims_loaded)
        self.model.read_failed.connect(self.notices.task_failed)
        self.filter_bar.search.returnPressed.connect(self._on_search_entered)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.opened.connect(lambda: self.tabs.setCurrentWidget(self.detail))
        self.tabs.currentChanged.connect(lambda: self.article_shower.follow(
            self.detail.detail, self.tabs.currentWidget() is self.article, only_if_empty=True))
        self.table.verdict_key.connect(self.mark_selected)
        self.sources.article_chosen.connect(lambda a: self.open_article(a))
        self.sources.source_chosen.connect(self.edits.set_source)
        self.detail.article_requested.connect(
            lambda a, s, e: self.open_article(a, focus=(s, e)))
        self.article.claim_clicked.connect(self.select_claim)
        self.shower.shown.connect(lambda _claim_id: self.article_shower.follow(
            self.detail.detail, self.tabs.currentWidget() is self.article))
        self.shower.shown.connect(self._row_follows_pane)
        self.article_shower.opened.connect(lambda _a: self._show_article())
        # Esc from the claim pane or the article goes back to the claims, as it does from
        # the article search box: the keyboard's only way back was Shift+Tab past every
        # button. An open stance drop-down takes its Esc first.
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.tabs)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason))

    # Changes ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the project: on a shared server colleagues change claims underneath."""
        self.hub.announce(EVERYTHING, Origin.COLLEAGUE)

    def project_changed(self) -> None:
        """Another project is open: forget the old one's claims, steps and drafts."""
        self.model.service = self.service
        self.history.clear()
        self.detail.forget_drafts()
        self.shower.show(None)
        self.article_shower.clear()
        restore_layout(self)
        self.hub.announce(EVERYTHING, Origin.PROJECT)

    def _row_follows_pane(self, claim_id: int) -> None:
        """The pane read a newer version of the claim than its row holds (a colleague
        changed it): the row and the totals follow, and edits are checked against the
        version the user has just seen, not the row's older one."""
        detail = self.detail.detail
        row = self.model.row_of(claim_id)
        held = self.model.claim_at(row) if row is not None else None
        if detail is None or held is None or detail.claim.version <= held.version:
            return
        self.model.replace_rows([detail.claim])
        self.counts.reread(articles=False)

    def restore_selection(self, selected: int | None) -> None:
        """After a reload, the claim shown before if the table still holds it."""
        if selected is not None and self.model.row_of(selected) is not None:
            self.select_claim(selected)
        elif self.model.rowCount():
            self.table.selectRow(0)  # the top claim in detail: the pane is never blank
        else:
            self.shower.show(None)

    def when_loaded(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the claims table shows its new rows."""
        if self.model.pending:
            self._after_load = action
        else:
            action()

    def _show_article(self) -> None:
        """To the Article tab; the keyboard follows when it was in the claim pane (Enter
        on a mention), which the tab hides: it fell on "Edit article…", where Space
        opened the article's dialog instead of reading on."""
        focused = QApplication.focusWidget()
        inside = focused is not None and self.tabs.isAncestorOf(focused)
        self.tabs.setCurrentWidget(self.article)
        if inside:
            self.article.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_claims_loaded(self) -> None:
        self.counts.render()
        action, self._after_load = self._after_load, None
        if action is not None:
            action()

    # Claims ----------------------------------------------------------------------------
    def selected_claim_ids(self) -> list[int]:
        """Claims selected in the table, in table order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [c.id for r in rows if (c := self.model.claim_at(r)) is not None]

    def current_claim_id(self) -> int | None:
        """The claim chosen for the detail pane (shown, or being read)."""
        return self.shower.claim_id

    def select_claim(self, claim_id: int) -> None:
        """Select a claim in the table and show it, once: a change of selection shows it
        by itself."""
        row = self.model.row_of(claim_id)
        selection_shows = row is not None and self.selected_claim_ids() != [claim_id]
        if row is not None:
            # The current index too, so that arrow keys go on from this claim.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))
        if not selection_shows:
            self.shower.show(claim_id)

    def _on_selection_changed(self) -> None:
        if not self._restoring:
            self._filtered_from = None  # the user chose a claim: filtering starts from it
        ids = self.selected_claim_ids()
        if ids and ids[0] != self.shower.claim_id:
            self.shower.show(ids[0])

    def open_article(self, article_id: int, focus: tuple[int, int] | None = None,
                     switch: bool = True) -> None:
        """Show an article with its mentions highlighted."""
        self.article_shower.open(article_id, focus, switch)

    def _on_filter_changed(self, flt: ClaimFilter) -> None:
        if self._filtered_from is None:
            self._filtered_from = self.current_claim_id()
        self.model.set_filter(flt)
        self.counts.render()
        # The pane must not go on showing a claim the filter has just hidden; the claim
        # the user filtered from comes back once the filter lets it (trial12: a search
        # matching nothing, cleared, left the first claim selected, not theirs).
        self.when_loaded(self._restore_filtered)

    def _filtered_by_edit(self, announcement: Announcement) -> None:
        if announcement.origin in (Origin.EDIT, Origin.UNDO, Origin.REDO):
            self._filtered_from = None

    def _restore_filtered(self) -> None:
        wanted = self._filtered_from
        if wanted is None or self.model.row_of(wanted) is None:
            wanted = self.current_claim_id()
        self._restoring = True
        try:
            self.restore_selection(wanted)
        finally:
            self._restoring = False

    def find_claims(self) -> None:
        """Into the search box, its words selected."""
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _on_search_entered(self) -> None:
        """Enter in the search box goes to the results, the first one selected."""
        self.filter_bar.apply_now()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.when_loaded(self._select_first_if_none)

    def _select_first_if_none(self) -> None:
        if self.model.rowCount() and not self.selected_claim_ids():
            self.table.selectRow(0)

    def mark_selected(self, verdict: str) -> None:
        """Give every selected claim (or the shown one) a verdict, as one undo step,
        each over the version the table showed."""
        shown = self._shown_versions()
        if shown:
            self.edits.set_verdict(shown, verdict)

    def set_review_state(self, state: str) -> None:
        """Move the selected claims (or the shown one) to a review state, as one step."""
        shown = self._shown_versions()
        if shown:
            self.edits.set_review_state(shown, state)

    def _shown_versions(self) -> dict[int, int | None]:
        """The selected claims (else the shown one) with the versions the table shows."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        shown: dict[int, int | None] = {
            c.id: c.version for r in rows if (c := self.model.claim_at(r)) is not None}
        if not shown and self.detail.detail is not None:
            shown = {self.detail.detail.claim.id: self.detail.detail.claim.version}
        return shown

    def merge_selected(self) -> None:
        """Fold the selected claims into the first."""
        shown = self._shown_versions()
        if len(shown) < 2 or not self.selected_claim_ids():
            self.notices.error("Select two or more claims to merge (Ctrl+click).")
            return
        self.edits.merge(next(iter(shown)), shown)

    def reviewer(self) -> str | None:
        """Who the audit trail names for this user's edits: the name from Preferences,
        else the login name."""
        return self.settings.reviewer or login_name()

    # Files and life --------------------------------------------------------------------
    def start_folder(self) -> str:
        """Where file dialogs start: the folder last used in one (import, export, open),
        else the default folder of Preferences, else home."""
        for folder in (self.settings.last_folder, self.settings.default_folder):
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def remember_folder(self, chosen: Path) -> None:
        """A file (or folder) was chosen in a dialog: the next dialog starts beside it."""
        self.settings.last_folder = str(chosen.parent)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Offer the drop only for files: a link dragged from a browser is not an article."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.transfers.import_paths(paths)
            event.acceptProposedAction()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The change notice in few words in a narrow window: in full it squeezed the
        totals beside it to "5,03…ims" at 720 px (trial12)."""
        super().resizeEvent(event)
        self.stale.setText(STALE_TEXTS[0] if self.width() >= STALE_FULL_FROM
                           else STALE_TEXTS[1])

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting cancels an import, waits for the workers, and closes the project. The
        window goes first: an import stops at its next check, which can take seconds."""
        if self.demo is not None and not self.demo.may_close():
            event.ignore()
            return
        self.hide()
        self.runner.shut_down()
        save_layout(self)
        self.service.close()
        if self.demo is not None:
            self.demo.keep()
        super().closeEvent(event)

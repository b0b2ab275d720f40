"""The main window: sources | claims | claim detail and article, menus, status, undo."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import ClaimFilter, Stats
from desktop.core.errors import FactDeskError
from desktop.core.paths import data_dir, project_name
from desktop.core.reviewer import login_name
from desktop.core.service import Service
from desktop.core.vocabulary import ReviewState
from desktop.core.wording import counted
from desktop.ui.dialogs import (
    ClaimChooser,
    PreferencesDialog,
    ServerDialog,
    import_summary,
)
from desktop.ui.models.claims_model import ClaimsTableModel
from desktop.ui.progress_panel import ProgressPanel
from desktop.ui.settings import Settings
from desktop.ui.style import VERDICT_KEYS, resources_dir
from desktop.ui.tasks import TaskRunner
from desktop.ui.undo import (
    MergeCommand,
    MoveMentionCommand,
    SetStanceCommand,
    SetTextCommand,
    SetVerdictCommand,
    WriteCommand,
)
from desktop.ui.widgets.article_view import ArticleDialog, ArticleView
from desktop.ui.widgets.claim_detail import ClaimDetailWidget
from desktop.ui.widgets.claims_table import ClaimsTableView
from desktop.ui.widgets.filter_bar import FilterBar
from desktop.ui.widgets.sources_pane import SourcesPane

WATCH_MS = 15_000
"""How often the window asks whether someone else changed the project."""


class MainWindow(QMainWindow):
    """Composes the panes; every change goes through the service, most through undo."""

    def __init__(self, service: Service, settings: Settings | None = None) -> None:
        super().__init__()
        self.service = service
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("FactDesk")
        self.setAcceptDrops(True)
        self.messages: list[QMessageBox] = []
        self._stats: Stats | None = None
        self._totals_text = ""
        self._after_load: Callable[[], None] | None = None
        self._marker = service.change_marker()
        self._watch = QTimer(self, interval=WATCH_MS)
        self._watch.timeout.connect(self.check_for_changes)
        self._watch.start()
        """Counts detail builds: a claim with hundreds of mentions takes a fifth of a second
        to lay out, so it is never built twice for one selection."""

        self.sources = SourcesPane()
        self.filter_bar = FilterBar()
        self.model = ClaimsTableModel(service, self, self.runner)
        self.table = ClaimsTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
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
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sources)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self.totals = QLabel()
        self.progress = ProgressPanel()
        self.stale = QLabel("Changed by someone else — press F5 to see it")
        self.stale.setVisible(False)
        self.statusBar().addWidget(self.totals, 1)
        self.statusBar().addPermanentWidget(self.stale)
        self.statusBar().addPermanentWidget(self.progress)
        self.runner.started.connect(self.progress.follow)

        self._build_actions()
        self._connect()
        self._restore_state()
        # Setting the sort indicator above already loaded the claims in that order.
        self.reload(claims=False)

    # Building --------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], Any],
                shortcut: str | QKeySequence | QKeySequence.StandardKey = "",
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&New project…", self._on_new_project,
                                         QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("&Open project…", self._on_open_project,
                                         QKeySequence.StandardKey.Open))
        file_menu.addAction(self._action("Connect to shared &server…",
                                         lambda: self._on_connect_server(),
                                         tip="Open a project on the team's PostgreSQL server"))
        self.recent_menu = file_menu.addMenu("Recent projects")
        file_menu.addSeparator()
        self.import_action = self._action("&Import files…", self._on_import_files, "Ctrl+I",
                                          "Import articles (also: drop files on the window)")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self._action("Import &folder…", self._on_import_folder,
                                         "Ctrl+Shift+I"))
        self.export_action = self._action("&Export to Excel…", self._on_export, "Ctrl+E",
                                          "Export the current filter or all claims")
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Preferences…", self._on_preferences,
                                         QKeySequence.StandardKey.Preferences))
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"),
                                       QKeySequence(QKeySequence.StandardKey.Redo)])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("&Find claims…", self._on_find,
                                         QKeySequence.StandardKey.Find,
                                         "Search the claims' words (Enter goes to the table)"))
        self.merge_action = self._action("&Merge selected claims", self._on_merge, "Ctrl+M",
                                         "Fold the selected claims into the first one")
        edit_menu.addAction(self.merge_action)
        verdict_menu = edit_menu.addMenu("Mark &verdict")
        self.verdict_actions: dict[str, QAction] = {}
        for verdict, key in VERDICT_KEYS.items():
            action = self._action(verdict.capitalize(), partial(self.mark_selected, verdict), key)
            # Single-letter keys act only while the table has focus, never while typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
            verdict_menu.addAction(action)
            self.verdict_actions[verdict] = action
        view_menu = self.menuBar().addMenu("&View")
        self.refresh_action = self._action(
            "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh,
            "Show what colleagues changed in a shared project")
        view_menu.addAction(self.refresh_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        for action, icon in ((self.import_action, "import"), (self.export_action, "export"),
                             (self.undo_action, "undo"), (self.redo_action, "redo"),
                             (self.merge_action, "merge")):
            action.setIcon(QIcon(str(resources_dir() / "icons" / f"{icon}.svg")))
            toolbar.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About FactDesk", self._on_about))
        self._fill_recent()

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self._on_filter_changed)
        self.model.loaded.connect(self._on_claims_loaded)
        self.model.read_failed.connect(self._on_task_failed)
        self.filter_bar.search.returnPressed.connect(self._on_search_entered)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.opened.connect(lambda: self.tabs.setCurrentWidget(self.detail))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.table.verdict_key.connect(self.mark_selected)
        self.sources.article_chosen.connect(lambda a: self.open_article(a))
        self.detail.verdict_chosen.connect(self.mark_selected)
        self.detail.review_state_chosen.connect(self.set_review_state)
        self.table.review_done.connect(lambda: self.set_review_state(ReviewState.DONE))
        self.detail.text_edited.connect(self._on_text_edited)
        self.detail.stance_changed.connect(self._on_stance_changed)
        self.detail.mention_to_new_claim.connect(lambda m: self._on_mention_to_claim(m, None))
        self.detail.mention_to_chosen_claim.connect(self._choose_claim_for_mention)
        self.detail.article_requested.connect(
            lambda a, s, e: self.open_article(a, focus=(s, e)))
        self.detail.evidence_added.connect(self._on_evidence_added)
        self.detail.evidence_edited.connect(self._on_evidence_edited)
        self.detail.evidence_removed.connect(self._on_evidence_removed)
        self.article.claim_clicked.connect(self.select_claim)
        self.article.span_to_new_claim.connect(lambda a, s, e: self._add_span(a, s, e, None))
        self.article.span_to_claim.connect(self._choose_claim_for_span)
        self.article.edit_requested.connect(self._on_edit_article)

    # State -----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        for key, restore in (("geometry", self.restoreGeometry),
                             ("window", self.restoreState),
                             ("splitter", self.splitter.restoreState),
                             ("claims_header", self.table.horizontalHeader().restoreState)):
            state = self.settings.state(key)
            if state is not None:
                restore(state)
        if self.settings.state("geometry") is None:
            self._first_geometry()

    def _first_geometry(self) -> None:
        """Most of the screen, centred, the claims and their detail side by side: three
        panes and a table of nine columns need room on a first start."""
        area = self.screen().availableGeometry()
        width, height = min(1800, area.width() * 9 // 10), min(1100, area.height() * 9 // 10)
        self.resize(width, height)
        self.move(area.center().x() - width // 2, area.center().y() - height // 2)
        self.splitter.setSizes([width * 15 // 100, width * 42 // 100, width * 43 // 100])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.busy:
            self.runner.cancel_all()
        self.runner.wait()
        self.settings.save_state("geometry", self.saveGeometry())
        self.settings.save_state("window", self.saveState())
        self.settings.save_state("splitter", self.splitter.saveState())
        self.settings.save_state("claims_header", self.table.horizontalHeader().saveState())
        self.settings.sync()
        super().closeEvent(event)

    # Refresh ---------------------------------------------------------------------------
    def check_for_changes(self) -> None:
        """Tell the user when someone else (a colleague on the server, the command line)
        changed the project since this window last read it. The question goes to a worker
        (a server that stops answering must not stall the window) and not while this
        window's own import or export runs: the import's articles are not someone else's."""
        if self.runner.busy:
            return
        service = self.service

        def compare(marker: tuple[int, int]) -> None:
            if service is self.service:
                self.stale.setVisible(marker != self._marker)

        self.runner.run(lambda _progress: service.change_marker(), "Checking for changes",
                        write=False, on_success=compare,
                        on_failure=lambda _error, _details: None)  # asked again in 15 s

    def _read_marker(self) -> None:
        self._marker = self.service.change_marker()
        self.stale.setVisible(False)

    def reload(self, *, claims: bool = True, articles: bool = True) -> None:
        """Re-read everything shown (after an import, a merge, a new project); the articles
        tree only when articles may have changed (a tenth of a second at ten thousand).

        The claim shown in the detail pane is selected again once the rows are back: the
        one shown then, so a claim chosen while a large project reloads is kept.
        """
        self._read_marker()
        if articles:
            self.sources.show_articles(self.service.articles(with_claims=False))
        self._update_totals()
        if claims:
            self.model.reload()
        self._when_loaded(lambda: self._restore_selection(self.current_claim_id()))

    def _restore_selection(self, selected: int | None) -> None:
        if selected is not None:
            self.select_claim(selected)
        elif self.model.rowCount():
            self.table.selectRow(0)  # the top claim in detail: the pane is never blank

    def _when_loaded(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the claims table shows its new rows: now, or when the ids
        of a large project arrive from the worker."""
        if self.model.pending:
            self._after_load = action
        else:
            action()

    def _on_claims_loaded(self) -> None:
        self._render_totals()
        action, self._after_load = self._after_load, None
        if action is not None:
            action()

    def refresh(self) -> None:
        """Re-read the project, the open article included: on a shared server colleagues
        change claims underneath this window."""
        self.reload()
        if self.article.article_id is not None:
            self.open_article(self.article.article_id, switch=False)

    def _on_find(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _on_search_entered(self) -> None:
        """Enter in the search box goes to the results, the first one selected."""
        self.filter_bar.apply_now()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._when_loaded(self._select_first_if_none)

    def _select_first_if_none(self) -> None:
        if self.model.rowCount() and not self.selected_claim_ids():
            self.table.selectRow(0)

    def _update_totals(self, *, articles: bool = True) -> None:
        """Refresh the status bar; a verdict edit recounts claims only, not articles."""
        if articles or self._stats is None:
            self._stats = self.service.stats()
        stats = self.service.claim_totals() if not articles else self._stats
        verdicts = ", ".join(f"{n} {v}" for v, n in stats.by_verdict.items() if n)
        self._totals_text = (
            f"{counted(self._stats.articles, 'article')} · "
            f"{counted(self._stats.sources, 'source')} · {counted(stats.claims, 'claim')} "
            f"({verdicts or 'none'}) · {counted(stats.conflicts, 'conflict')}")
        self._render_totals()

    def _render_totals(self) -> None:
        self.totals.setText(f"{self._totals_text} · showing {self.model.total:,}"
                            + (" (reading…)" if self.model.pending else ""))

    def _changed(self, claim_ids: set[int], structural: bool) -> None:
        """Show a claim edit: a structural one reloads the claims (not the articles, which
        claim edits leave alone), and that shows the claim again itself."""
        if structural:
            self.reload(articles=False)
        else:
            self._read_marker()
            self.model.refresh_rows(claim_ids)
            self._update_totals(articles=False)
            current = self.current_claim_id()
            if current is not None:
                self._show_claim(current)
        if self.article.article_id is not None:
            self.open_article(self.article.article_id, switch=False)

    # Claims ----------------------------------------------------------------------------
    def selected_claim_ids(self) -> list[int]:
        """Claims selected in the table, in table order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [c.id for r in rows if (c := self.model.claim_at(r)) is not None]

    def current_claim_id(self) -> int | None:
        """The claim the detail pane shows."""
        return self.detail.detail.claim.id if self.detail.detail else None

    def select_claim(self, claim_id: int) -> None:
        """Select a claim in the table (loading pages until it appears) and show it, once:
        a change of selection shows it by itself."""
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
            self._show_claim(claim_id)

    def _show_claim(self, claim_id: int) -> None:
        try:
            self.detail.show_claim(self.service.claim(claim_id))
        except FactDeskError:
            self.detail.show_claim(None)
            return
        self.article.set_current_claim(claim_id)
        if self.tabs.currentWidget() is self.article:
            self._follow_in_article()

    def _on_tab_changed(self) -> None:
        """An empty article tab opens on the shown claim; an open article stays."""
        if self.tabs.currentWidget() is self.article and self.article.article_id is None:
            self._follow_in_article()

    def _follow_in_article(self) -> None:
        """With the article in view, a newly chosen claim brings its first mention into
        view, unless the open article already shows it (a click on a highlight must not
        move the text away from under the mouse)."""
        detail = self.detail.detail
        if detail is None or not detail.mentions:
            return
        if any(h.claim_id == detail.claim.id for h in self.article.highlights):
            return
        first = detail.mentions[0]
        self.open_article(first.article_id, focus=(first.start, first.end), switch=False)

    def _on_selection_changed(self) -> None:
        ids = self.selected_claim_ids()
        if ids:
            self._show_claim(ids[0])

    def _on_filter_changed(self, flt: ClaimFilter) -> None:
        self.model.set_filter(flt)
        self._render_totals()

    def mark_selected(self, verdict: str) -> None:
        """Give every selected claim (or the shown one) a verdict, as one undo step."""
        ids = self.selected_claim_ids() or ([c] if (c := self.current_claim_id()) else [])
        if not ids:
            return
        if len(ids) > 1:
            self.undo_stack.beginMacro(f"Mark {len(ids)} claims {verdict}")
        for claim_id in ids:
            self._push(partial(SetVerdictCommand, self.service, claim_id, verdict,
                               self.reviewer(), self._changed))
        if len(ids) > 1:
            self.undo_stack.endMacro()

    def set_review_state(self, state: str) -> None:
        """Move the selected claims (or the shown one) to a review state, one undo step."""
        ids = self.selected_claim_ids() or ([c] if (c := self.current_claim_id()) else [])
        if len(ids) > 1:
            self.undo_stack.beginMacro(f"Mark {len(ids)} claims {state}")
        for claim_id in ids:
            self._push(partial(self._review_command, claim_id, state))
        if len(ids) > 1:
            self.undo_stack.endMacro()

    def _review_command(self, claim_id: int, state: str) -> WriteCommand:
        by = self.reviewer()
        return WriteCommand(f"Mark claim {claim_id} {state}", self.service,
                            lambda: self.service.set_review_state(claim_id, state, by=by),
                            by, self._changed)

    def _on_evidence_edited(self, evidence_id: int, text: str, url: str) -> None:
        self._push(lambda: WriteCommand(
            "Correct a note", self.service,
            lambda: self.service.edit_evidence(evidence_id, text=text, url=url or None,
                                               by=self.reviewer()),
            self.reviewer(), self._changed))

    def _on_evidence_removed(self, evidence_id: int) -> None:
        self._push(lambda: WriteCommand(
            "Remove a note", self.service,
            lambda: self.service.remove_evidence(evidence_id, by=self.reviewer()),
            self.reviewer(), self._changed))

    def reviewer(self) -> str | None:
        """Who the audit trail names for this user's edits: the name from Preferences,
        else the login name."""
        return self.settings.reviewer or login_name()

    def _push(self, build: Callable[[], Any]) -> None:
        """Build and push an undo command; a failure is a message, never a crash."""
        try:
            self.undo_stack.push(build())
        except FactDeskError as error:
            self.show_error(str(error))

    def _on_text_edited(self, text: str) -> None:
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self._push(lambda: SetTextCommand(self.service, claim_id, text, self.reviewer(),
                                              self._changed))

    def _on_stance_changed(self, mention_id: int, stance: str) -> None:
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self._push(lambda: SetStanceCommand(self.service, claim_id, mention_id, stance,
                                                self.reviewer(), self._changed))

    def _on_mention_to_claim(self, mention_id: int, target_id: int | None) -> None:
        """Move a mention of the shown claim to ``target_id``, or to a new claim (None)."""
        claim_id = self.current_claim_id()
        if claim_id is not None:
            self._push(lambda: MoveMentionCommand(self.service, mention_id, claim_id, target_id,
                                                  self.reviewer(), self._changed))

    def _choose_claim_for_mention(self, mention_id: int) -> None:
        """Ask which claim the mention belongs to, by the claim's words."""
        chooser = ClaimChooser(self.service, None, self)
        chooser.setWindowTitle("Move mention to claim")

        def move() -> None:
            target_id = chooser.chosen()
            if target_id is not None and target_id != self.current_claim_id():
                self._on_mention_to_claim(mention_id, target_id)

        chooser.accepted.connect(move)
        chooser.open()

    def _on_merge(self) -> None:
        ids = self.selected_claim_ids()
        if len(ids) < 2:
            self.show_error("Select two or more claims to merge (Ctrl+click).")
            return
        self._push(lambda: MergeCommand(self.service, ids[0], ids[1:], self.reviewer(),
                                        self._changed))

    def _on_evidence_added(self, text: str, url: str) -> None:
        claim_id = self.current_claim_id()
        if claim_id is None:
            return
        try:
            self.service.add_evidence(claim_id, text=text, url=url or None, by=self.reviewer())
        except FactDeskError as error:
            self.show_error(str(error))
        self._read_marker()
        self._show_claim(claim_id)

    def _choose_claim_for_span(self, article_id: int, start: int, end: int) -> None:
        """Ask which claim the selected span states (the shown claim offered first)."""
        chooser = ClaimChooser(self.service, self.current_claim_id(), self)

        def add() -> None:
            claim_id = chooser.chosen()
            if claim_id is not None:
                self._add_span(article_id, start, end, claim_id)

        chooser.accepted.connect(add)
        chooser.open()

    def _add_span(self, article_id: int, start: int, end: int, claim_id: int | None) -> None:
        try:
            landed = self.service.add_span(article_id, start, end, claim_id,
                                           by=self.reviewer()).claim_id
        except FactDeskError as error:
            self.show_error(str(error))
            return
        if landed is not None:
            self._changed({landed}, True)
            self.select_claim(landed)

    # Articles --------------------------------------------------------------------------
    def open_article(self, article_id: int, focus: tuple[int, int] | None = None,
                     switch: bool = True) -> None:
        """Show an article with its mentions highlighted."""
        try:
            body = self.service.article_body(article_id)
        except FactDeskError as error:
            self.show_error(str(error))
            return
        row = self.service.article(article_id)
        heading = (f"<b>{html.escape(row.title)}</b><br>{html.escape(row.source)} · "
                   f"{row.published or 'undated'} · #{article_id}"
                   + (f" · copy of #{row.copy_of}" if row.copy_of else ""))
        self.article.show_article(article_id, heading, body,
                                  self.service.article_spans(article_id), focus)
        if switch:
            self.tabs.setCurrentWidget(self.article)

    def _on_edit_article(self, article_id: int) -> None:
        try:
            row = self.service.article(article_id)
        except FactDeskError as error:
            self.show_error(str(error))
            return
        dialog = ArticleDialog(row.source, row.title, row.published, self)
        dialog.accepted.connect(lambda: self.edit_article(article_id, *dialog.values()))
        dialog.open()

    def edit_article(self, article_id: int, source: str, title: str, published: Any) -> None:
        """Save an article's metadata; counts follow at once."""
        try:
            self.service.edit_article(article_id, source=source, title=title,
                                      published=published, clear_published=published is None)
        except FactDeskError as error:
            self.show_error(str(error))
            return
        self.refresh()

    # Import and export -----------------------------------------------------------------
    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background; a summary follows."""
        service = self.service
        self.runner.run(lambda progress: service.import_paths(paths, progress=progress),
                        f"Importing {len(paths)} item(s)", write=True,
                        on_success=self._on_imported, on_failure=self._on_task_failed,
                        on_cancel=self.reload)

    def _on_imported(self, report: Any) -> None:
        self.reload()
        box = import_summary(report, self)
        self.messages.append(box)
        box.open()

    def export_to(self, path: Path, current_filter: bool = True) -> None:
        """Export in the background: the current filter, or all claims."""
        flt = self.model.filter if current_filter else ClaimFilter()
        service = self.service
        self.runner.run(lambda progress: service.export(path, flt, progress=progress),
                        f"Exporting to {path.name}", write=False,
                        on_success=self._on_exported, on_failure=self._on_task_failed)

    def _on_exported(self, path: Any) -> None:
        self.statusBar().showMessage(f"Exported to {path}", 10_000)
        box = QMessageBox(QMessageBox.Icon.Information, "Export finished",
                          f"The claims were saved to\n{path}", QMessageBox.StandardButton.Ok,
                          self)
        self.messages.append(box)
        box.open()

    def _on_task_failed(self, error: BaseException, details: str) -> None:
        if isinstance(error, FactDeskError):
            self.show_error(str(error))
            return
        log_path = data_dir() / "factdesk.log"
        with log_path.open("a", encoding="utf-8") as handle:
            handle.write(details + "\n")
        self.show_error(f"Unexpected error: {error}. Details were saved to {log_path}.")

    def show_error(self, message: str) -> None:
        """A plain-words message; the window carries on."""
        box = QMessageBox(QMessageBox.Icon.Warning, "FactDesk", message,
                          QMessageBox.StandardButton.Ok, self)
        self.messages.append(box)
        box.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Offer the drop only for files: a link dragged from a browser is not an article."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_paths(paths)
            event.acceptProposedAction()

    def _start_folder(self) -> str:
        return self.settings.default_folder or str(Path.home())

    def _on_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", self._start_folder(),
            "Articles (*.txt *.md *.html *.htm *.docx *.pdf *.csv);;All files (*)")
        if files:
            self.import_paths([Path(f) for f in files])

    def _on_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", self._start_folder())
        if folder:
            self.import_paths([Path(folder)])

    def _on_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export claims", str(Path(self._start_folder()) / "claims.xlsx"),
            "Excel workbook — current filter (*.xlsx);;Excel workbook — all claims (*.xlsx);;"
            "CSV (*.csv);;ClaimReview JSON-LD (*.json)")
        if path:
            self.export_to(Path(path), current_filter="all claims" not in chosen)

    # Projects --------------------------------------------------------------------------
    def open_project(self, target: str | Path) -> None:
        """Switch to another project: a database file (created if new) or a server URL.

        Opening runs in a worker: a server can take seconds to answer, and a migration
        longer; the current project stays usable until the new one is ready.
        """
        name = project_name(target)
        self.runner.run(lambda _progress: Service.open(target), f"Opening {name}", write=True,
                        on_success=lambda service: self._switch_to(service, target),
                        on_failure=self._on_task_failed)

    def _switch_to(self, service: Service, target: str | Path) -> None:
        self.runner.wait()
        self.service.close()
        self.service = service
        self.model.service = service
        self.undo_stack.clear()
        self.detail.show_claim(None)
        self.article.clear()
        self.settings.add_recent(str(target) if "://" not in str(target)
                                 else project_name(target))
        self._fill_recent()
        self.setWindowTitle(f"FactDesk — {project_name(target)}")
        self.reload()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for project in self.settings.recent_projects:
            self.recent_menu.addAction(project, partial(self._open_recent, project))
        self.recent_menu.setEnabled(bool(self.settings.recent_projects))

    def _open_recent(self, project: str) -> None:
        """A file opens at once; a server asks for the password it was not saved with."""
        if "://" in project:
            self._on_connect_server(project)
        else:
            self.open_project(Path(project))

    def _on_connect_server(self, previous: str | None = None) -> None:
        dialog = ServerDialog(previous, self)
        dialog.accepted.connect(lambda: self.open_project(dialog.url()))
        dialog.open()

    def _on_new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project",
                                              str(Path(self._start_folder()) / "story.sqlite"),
                                              "FactDesk project (*.sqlite)")
        if path:
            self.open_project(Path(path))

    def _on_open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", self._start_folder(),
                                              "FactDesk project (*.sqlite);;All files (*)")
        if path:
            self.open_project(Path(path))

    def _on_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        dialog.open()

    def _on_about(self) -> None:
        from desktop import __version__

        box = QMessageBox(QMessageBox.Icon.Information, "About FactDesk",
                          f"FactDesk {__version__}\nClaims across sources, for fact-checkers.",
                          QMessageBox.StandardButton.Ok, self)
        self.messages.append(box)
        box.open()


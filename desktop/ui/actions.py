"""The window's menus, toolbar and keys, each action declared once.

A key belongs to exactly one action: Qt ignores a key two actions claim ("Ambiguous
shortcut overload"). The Help menu lists them all, read from the actions themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.ui.style import VERDICT_KEYS, resources_dir

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

Key = str | QKeySequence | QKeySequence.StandardKey


class WindowActions:
    """Builds the menus on ``window`` and keeps the actions others refer to."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.all: list[QAction] = []
        bar = window.menuBar()
        projects, transfers = window.projects, window.transfers
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&New project…", projects.ask_new,
                                         QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("&Open project…", projects.ask_open,
                                         QKeySequence.StandardKey.Open))
        file_menu.addAction(self._action("Connect to shared &server…",
                                         lambda: projects.ask_server(),
                                         tip="Open a project on the team's PostgreSQL server"))
        self.recent_menu: QMenu = file_menu.addMenu("Recent projects")
        projects.recent_menu = self.recent_menu
        file_menu.addSeparator()
        self.import_action = self._action("&Import files…", transfers.ask_files, "Ctrl+I",
                                          "Import articles (also: drop files on the window)")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self._action("Import &folder…", transfers.ask_folder,
                                         "Ctrl+Shift+I"))
        self.export_action = self._action("&Export to Excel…", transfers.ask_export, "Ctrl+E",
                                          "Export the current filter or all claims")
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Preferences…", projects.ask_preferences,
                                         QKeySequence.StandardKey.Preferences))
        file_menu.addAction(self._action("&Quit", window.close, QKeySequence.StandardKey.Quit))

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = window.history.undo_action
        self.redo_action = window.history.redo_action
        self.all += [self.undo_action, self.redo_action]
        for action in (self.undo_action, self.redo_action):
            window.addAction(action)
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("&Find claims…", window.find_claims,
                                         QKeySequence.StandardKey.Find,
                                         "Search the claims' words (Enter goes to the table)"))
        search = window.article_search
        self.search_articles_action = self._action(
            "&Search articles…", lambda: search.ask(), "Ctrl+Shift+F",
            "Which articles carry a claim: type it, press Enter")
        edit_menu.addAction(self.search_articles_action)
        self.claim_articles_action = self._action(
            "Find &articles carrying this claim", search.ask_for_claim, "Ctrl+Shift+A",
            "Search the articles for the selected claim's text")
        edit_menu.addAction(self.claim_articles_action)
        self.merge_action = self._action("&Merge selected claims", window.merge_selected,
                                         "Ctrl+M", "Fold the selected claims into the first one")
        edit_menu.addAction(self.merge_action)
        window.table.selectionModel().selectionChanged.connect(self.follow_selection)
        self.follow_selection()
        verdict_menu = edit_menu.addMenu("Mark &verdict")
        self.verdict_actions: dict[str, QAction] = {}
        for verdict, key in VERDICT_KEYS.items():
            action = self._action(verdict.capitalize(), partial(window.mark_selected, verdict),
                                  key)
            # Single-letter keys act only while the table has focus, never while typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            window.table.addAction(action)
            verdict_menu.addAction(action)
            self.verdict_actions[verdict] = action
        view_menu = bar.addMenu("&View")
        self.refresh_action = self._action(
            "&Refresh", window.refresh, QKeySequence.StandardKey.Refresh,
            "Show what colleagues changed in a shared project")
        view_menu.addAction(self.refresh_action)
        self.sources_action = self._action(
            "&Sources and articles", lambda: window.narrow.show_sources(
                self.sources_action.isChecked()),
            tip="The outlets and their articles, left of the claims (folded away in a "
                "narrow window)")
        self.sources_action.setCheckable(True)
        view_menu.aboutToShow.connect(
            lambda: self.sources_action.setChecked(window.narrow.shown))
        view_menu.addAction(self.sources_action)
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self._claims_menu)
        toolbar = window.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        for action, icon in ((self.import_action, "import"), (self.export_action, "export"),
                             (self.undo_action, "undo"), (self.redo_action, "redo"),
                             (self.merge_action, "merge")):
            action.setIcon(QIcon(str(resources_dir() / "icons" / f"{icon}.svg")))
            toolbar.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1"))
        help_menu.addAction(self._action("&About FactDesk", projects.show_about))

    def follow_selection(self) -> None:
        """Merge is offered only with two or more claims selected; disabled, its tooltip
        says why (a menu entry that only answers "select two" wastes a click)."""
        enough = len(self.window.selected_claim_ids()) >= 2
        self.merge_action.setEnabled(enough)
        self.merge_action.setToolTip(
            "Fold the selected claims into the first one (Ctrl+M)" if enough else
            "Merge needs two or more claims: Ctrl+click or Shift+click them in the table")

    def _claims_menu(self, point: QPoint) -> None:
        """Right-click on the claims: what to do with the claims under the mouse."""
        if not self.window.selected_claim_ids():
            return
        menu = QMenu(self.window.table)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setToolTipsVisible(True)
        menu.addAction(self.claim_articles_action)
        menu.addAction(self.merge_action)
        menu.popup(self.window.table.viewport().mapToGlobal(point))

    def _action(self, text: str, slot: Callable[[], Any], shortcut: Key = "",
                tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.all.append(action)
        return action

    def shortcut_lines(self) -> list[str]:
        """Every key with what it does, as the Help menu lists them."""
        native = QKeySequence.SequenceFormat.NativeText
        # Undo and redo carry the step they would undo in their text; the list names
        # the key's job, not today's step.
        fixed = {self.undo_action: "Undo", self.redo_action: "Redo"}
        lines = [", ".join(k.toString(native) for k in a.shortcuts())
                 + f" — {fixed.get(a) or a.text().replace('&', '').replace('…', '')}"
                 for a in self.all if a.shortcuts()]
        return [*lines, "R — review done", "Enter — open the claim",
                "Tab — from the claims to the claim's wording, buttons, mentions and notes",
                "F2 — change a mention's stance, Enter — read it in its article",
                "Esc — from the claim pane or the article back to the claims",
                "In Search articles: Enter — search, Down — to the results, Enter or "
                "double-click — read the article at the sentence, Esc — from the results to the "
                "box, from the box to the claims"]

    def show_shortcuts(self) -> None:
        """The list of keys, in a message the window keeps working behind."""
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts",
                          "\n".join(self.shortcut_lines()), QMessageBox.StandardButton.Ok,
                          self.window)
        self.window.notices.show(box)

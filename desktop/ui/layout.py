"""The window's layout (size, splitter, toolbar, claims columns), kept per project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter, QWidget

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LAYOUT = ("geometry", "window", "splitter", "claims_header")
PANE_SHARES = (12, 45, 43)
"""Percent of the width for the sources tree, the claims table and the claim pane: the
table wide enough that the claim, its verdict, conflict, sources and origins are in view
at 1440x900, the pane still wide enough for three mentions side by side at 1280x720."""


DETAIL_LEAST = 300
"""The claim pane's least width when the window narrows: a mention's sentence keeps 200 px
beside its stance."""


def pane_sizes(width: int) -> list[int]:
    """The splitter's first-start sizes for a window ``width`` pixels wide."""
    return [width * share // 100 for share in PANE_SHARES]


def restore_layout(window: MainWindow) -> None:
    """The layout saved for the window's project, else a first-start one."""
    restore = (window.restoreGeometry, window.restoreState, window.splitter.restoreState,
               window.table.horizontalHeader().restoreState)
    states = [window.settings.state(key) for key in LAYOUT]
    for state, apply in zip(states, restore, strict=True):
        if state is not None:
            apply(state)
    if states[0] is None:
        first_layout(window)


def first_layout(window: MainWindow) -> None:
    """Most of the screen, centred, the claims and their detail side by side: three
    panes and a table of nine columns need room on a first start."""
    area = window.screen().availableGeometry()
    width, height = min(1800, area.width() * 9 // 10), min(1100, area.height() * 9 // 10)
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)
    window.splitter.setSizes(pane_sizes(width))


def save_layout(window: MainWindow) -> None:
    """Keep the layout for the window's project."""
    states = (window.saveGeometry(), window.saveState(), window.splitter.saveState(),
              window.table.horizontalHeader().saveState())
    for key, state in zip(LAYOUT, states, strict=True):
        window.settings.save_state(key, state)
    window.settings.sync()


class NarrowFold(QObject):
    """Folds the sources tree away when the window is too narrow for it, the claims
    table's counts and a readable claim pane side by side (720 px, half a 1440 px screen:
    the tree had 85 px, titles cut to seven letters, and the table lost its counts past
    its edge); unfolds it when the window widens again. A folded tree is still at the
    window's left edge: dragging its handle brings it back at any width."""

    def __init__(self, splitter: QSplitter, sources: QWidget, claims: QWidget) -> None:
        super().__init__(splitter)
        self.splitter, self.sources, self.claims = splitter, sources, claims
        self.folded = False
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Fold or unfold the tree for the splitter's present width."""
        splitter, sources, claims = self.splitter, self.sources, self.claims
        room = splitter.width() - splitter.handleWidth() * (splitter.count() - 1)
        table = claims.minimumSizeHint().width()
        roomy = room >= sources.minimumSizeHint().width() + table + DETAIL_LEAST
        sizes = splitter.sizes()
        if not roomy and sizes[0] > 0:
            self.folded = True
            shares = PANE_SHARES[1] + PANE_SHARES[2]
            table = max(table, room * PANE_SHARES[1] // shares)
            splitter.setSizes([0, table, room - table])
        elif roomy and self.folded:
            self.folded = False
            splitter.setSizes(pane_sizes(room))

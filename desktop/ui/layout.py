"""The window's layout (size, splitter, toolbar, claims columns and those chosen from
the header's menu), kept per project."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QWidget

from desktop.ui.widgets.claims_table import ClaimsTableView
from desktop.ui.widgets.fold_splitter import FoldSplitter

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LAYOUT = ("geometry", "window", "splitter", "claims_header")
CHOSEN_COLUMNS = "claims_columns"
DRAFTS = "drafts"
"""Wordings and notes typed and not saved, by claim (ClaimDetailWidget.drafts_state)."""
"""The claims columns shown or hidden from the header's menu, whatever the width."""
PANE_SHARES = (14, 43, 43)
"""Percent of the width for the sources tree, the claims table and the claim pane. The
tree had 12 (140 px on a first start on a 1296x800 screen, titles read "Kim Jong Un Re");
it takes the two the others spare: the table keeps the claim on one line beside its
verdict and counts in a 1296 px window, the pane three mentions in view at 1280x720. The
tree's titles read on two lines where it is narrow (sources_pane.py)."""


DETAIL_LEAST = 300
"""The claim pane's least width when the window narrows: a mention's sentence keeps 200 px
beside its stance."""


def pane_sizes(width: int) -> list[int]:
    """The splitter's first-start sizes for a window ``width`` pixels wide."""
    return [width * share // 100 for share in PANE_SHARES]


def restore_layout(window: MainWindow) -> None:
    """The layout saved for the window's project, else a first-start one."""
    restore: tuple[Callable[[QByteArray], object], ...] = (
        window.restoreGeometry, window.restoreState, window.splitter.restoreState,
        window.table.restore_header)
    states = [window.settings.state(key) for key in LAYOUT]
    for state, apply in zip(states, restore, strict=True):
        if state is not None:
            apply(state)
    window.table.restore_columns(window.settings.state(CHOSEN_COLUMNS))
    window.detail.restore_drafts(window.settings.state(DRAFTS))
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
    window.settings.save_state(CHOSEN_COLUMNS, window.table.columns_state())
    window.settings.save_state(DRAFTS, window.detail.drafts_state())
    window.settings.sync()


class NarrowFold(QObject):
    """Folds the sources tree away when the window is too narrow for it, the claims
    table's counts and a readable claim pane side by side (720 px, half a 1440 px screen:
    the tree had 85 px, titles cut to seven letters, and the table lost its counts past
    its edge); unfolds it when the window widens again. View > Sources and articles, or
    a click on the strip it leaves at the window's left edge, or dragging that strip,
    brings it back at any width, and then it stays; hidden from the menu it stays
    hidden."""

    def __init__(self, splitter: FoldSplitter, sources: QWidget, claims: QWidget,
                 table: ClaimsTableView) -> None:
        super().__init__(splitter)
        self.splitter, self.sources, self.claims, self.table = splitter, sources, claims, table
        self._claims_least = claims.minimumSizeHint().width()
        """The claims' least width with their counts in view."""
        self.folded = False
        """Folded by the window for want of room, to unfold when there is."""
        self.kept = False
        """Brought back by the user in a window too narrow for it: not folded again."""
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(self._moved)
        splitter.unfold.connect(self._unfold)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    @property
    def shown(self) -> bool:
        """Whether the tree is in view."""
        return self.splitter.sizes()[0] > 0

    def _room(self) -> int:
        splitter = self.splitter
        return splitter.width() - splitter.handleWidth() * (splitter.count() - 1)

    def _roomy(self, room: int) -> bool:
        return room >= (self.sources.minimumSizeHint().width() + self._counts_least()
                        + DETAIL_LEAST)

    def _counts_least(self) -> int:
        """The claims' least width with their counts in view, whether or not the table
        yields them now."""
        if not self.table.yielding:
            self._claims_least = self.claims.minimumSizeHint().width()
        return self._claims_least

    def _moved(self, _position: int, _index: int) -> None:
        """The user dragged a handle: a tree dragged out in a window too narrow for it
        stays out, whether the window folded it or the View menu hid it (that one folded
        again at the next resize)."""
        if self.shown and (self.folded or not self._roomy(self._room())):
            self.folded, self.kept = False, True

    def _unfold(self, pane: int) -> None:
        """A click on a folded pane's strip: the tree as from the View menu, the claims or
        the claim pane with their share of the width beside the tree."""
        if pane == 0:
            self.show_sources(True)
        else:
            self._set(self.splitter.sizes()[0], self._room())

    def fit(self) -> None:
        """Fold or unfold the tree for the splitter's present width."""
        room = self._room()
        roomy = self._roomy(room)
        if not roomy and self.shown and not self.kept:
            self.folded = True
            self._set(0, room)
        elif roomy and self.folded:
            self.folded = False
            self.splitter.setSizes(pane_sizes(room))
        self.table.yield_counts(self.shown and not roomy)

    def show_sources(self, shown: bool) -> None:
        """The View menu's choice, at any width."""
        if shown == self.shown:
            return
        room = self._room()
        self.folded, self.kept = False, shown and not self._roomy(room)
        tree = max(self.sources.minimumSizeHint().width(), room * PANE_SHARES[0] // 100)
        self._set(tree if shown else 0, room)

    def _set(self, tree: int, room: int) -> None:
        """The tree ``tree`` wide; the table and the claim pane share the rest, the table
        never narrower than its counts need, but where the claim pane would then be
        narrower than its least (the tree kept in a narrow window): the table yields its
        counts' room to it (ClaimsTableView.yield_counts)."""
        shares = PANE_SHARES[1] + PANE_SHARES[2]
        least = self._counts_least()
        yielding = tree > 0 and room - tree - least < DETAIL_LEAST
        self.table.yield_counts(yielding)
        table = max(least, (room - tree) * PANE_SHARES[1] // shares)
        if yielding:
            table = max(room - tree - DETAIL_LEAST, 1)
        self.splitter.setSizes([tree, table, room - tree - table])

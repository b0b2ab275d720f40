"""The claims table view: the keyboard is enough to review (arrows, letters, Enter)."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop.core.dto import ClaimFilter
from desktop.core.vocabulary import REVIEW_DONE_KEY, VERDICT_KEYS
from desktop.ui.models.claim_columns import (
    AFTER_COUNTS,
    ATTRIBUTION,
    CLAIM,
    COLUMNS,
    CONFLICT,
    COUNTS,
    FIRST_SEEN,
    VERDICT,
)
from desktop.ui.models.claims_model import ClaimsTableModel

EMPTY_PROJECT = ("No claims yet.\n\nImport articles with File > Import files… (Ctrl+I) or "
                 "Import folder… (Ctrl+Shift+I), or drop files and folders onto the window: "
                 ".txt, .md, .html, .docx, .pdf, or a .csv of articles.")
NOTHING_MATCHES = "No claim matches the filter."

CLAIM_LEAST = 100
"""The least width of the claim column: about 15 characters, enough to tell the claims
apart while the pane beside the table shows the selected one whole."""
CLAIM_READABLE_CHARS = 40
"""The columns after the counts take room only where the claim keeps about this many
characters beside them (they pushed the table past its edge in any window narrower than
1800 px, under a horizontal scroll bar); a claim column narrower than this reads on two
lines."""
ROW_HEIGHT = 24

VERDICT_OF_KEY = {key: verdict for verdict, key in VERDICT_KEYS.items()}


class ClaimsTableView(QTableView):
    """Emits ``verdict_key`` for C, D, F, U, 0, ``review_done`` for R and ``opened`` for
    Enter.

    The Edit menu's verdict actions carry the same keys; when a key reaches the table
    without being taken as a shortcut (no menu bar on some platforms, tests), the table
    handles it here, so the keys work either way and never while typing elsewhere.
    """

    verdict_key = Signal(str)
    review_done = Signal()
    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # Tab goes on to the claim pane; arrows move between claims. Tab stepped through
        # the row's nine cells and then down the claims: the pane was out of the
        # keyboard's reach and every ninth Tab showed another claim.
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        # Fixed, user-resizable widths: sizing columns to their contents would read the
        # first thousand rows of a lazy model just to measure them.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(64)
        header.sectionResized.connect(self._resized)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._columns_menu)

        self._widths: dict[int, int] = {}
        self._after_counts = {CONFLICT: 118, FIRST_SEEN: 86, ATTRIBUTION: 160}
        """The widths of the columns after the counts, kept while they are hidden."""
        self.chosen: dict[int, bool] = {}
        """Columns after the counts shown or hidden from the header's menu, whatever the
        width; the others show where there is room."""
        self._fitting = False
        self.yielding = False
        """Narrower than its counts is allowed (yield_counts)."""

    def setModel(self, model: QAbstractItemModel) -> None:  # type: ignore[override]
        super().setModel(model)
        # A model reset (new filter, new sort) would put every column back to the default
        # width; keep the widths the user chose instead.
        model.modelAboutToBeReset.connect(self._save_header)
        model.modelReset.connect(self._restore_header)
        self.set_default_widths()

    def set_default_widths(self) -> None:
        """The claim, its verdict and the four counts side by side; the conflicting
        figures, the date and the attribution follow where there is room (the conflict is
        marked on the claim itself)."""
        header = self.horizontalHeader()
        for column in COUNTS:
            header.resizeSection(column, header.sectionSizeHint(column))
        header.resizeSection(VERDICT, 86)
        self.yield_counts(self.yielding)
        self.fit_claim()

    def yield_counts(self, yielding: bool) -> None:
        """Whether the table may narrow past its counts (they scroll into view): beside
        the sources tree in a window too narrow for three panes, so the claim pane keeps
        its least width (trial10: at 720 px the tree brought back left the pane 212 px, a
        mention's sentence unreadable beside its stance). Otherwise the counts stay in
        view at any width."""
        self.yielding = yielding
        header = self.horizontalHeader()
        beside = header.sectionSize(VERDICT) if yielding else self._beside_claim()
        if self.minimumWidth() != CLAIM_LEAST + beside + self._frame():
            self.setMinimumWidth(CLAIM_LEAST + beside + self._frame())

    def fit_claim(self) -> None:
        """The claim column takes what the other columns leave of the view, and the
        columns after the counts show only where the claim stays readable beside them:
        the counts stay in view at any width (a fixed 220 px claim pushed them past the
        edge of a window 720 px wide) and the table never scrolls sideways. The claim
        elides, whole in its tooltip and the pane."""
        header = self.horizontalHeader()
        room = self.viewport().width() - self._beside_claim()
        readable = CLAIM_READABLE_CHARS * self.fontMetrics().averageCharWidth()
        fits = True
        self._fitting = True
        for column in AFTER_COUNTS:
            width = self._after_counts[column]
            fits = fits and room - width >= readable
            shown = self.chosen.get(column, fits)
            header.setSectionHidden(column, not shown)
            if shown:
                header.resizeSection(column, width)
                room -= width
        header.resizeSection(CLAIM, max(CLAIM_LEAST, room))
        self._fitting = False
        self._lines(2 if room < readable else 1)

    def _lines(self, lines: int) -> None:
        """Rows of one line, or of two where the claim column is narrow: in a window
        720 px wide it had 100 px, ten characters of each claim. Every row keeps one
        height, so the lazy model is never measured."""
        height = ROW_HEIGHT if lines == 1 else lines * self.fontMetrics().lineSpacing() + 8
        if self.verticalHeader().defaultSectionSize() != height:
            self.setWordWrap(lines > 1)
            self.verticalHeader().setDefaultSectionSize(height)

    def restore_header(self, state: QByteArray) -> None:
        """A saved header's order, sort and widths; which columns show and how wide the
        claim is follow the view's width, as they do on a first start."""
        header = self.horizontalHeader()
        self._fitting = True
        header.restoreState(state)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in AFTER_COUNTS:
            if header.sectionSize(column) > 0:
                self._after_counts[column] = header.sectionSize(column)
        self._fitting = False
        self.fit_claim()

    def columns_state(self) -> QByteArray:
        """The columns chosen from the header's menu, for the saved layout: the header's
        own state cannot tell a column the user hid from one the width hid, so a choice
        was lost when the window closed. Named by their sort keys, as JSON."""
        chosen = {COLUMNS[column].sort_key: shown for column, shown in self.chosen.items()}
        return QByteArray(json.dumps(chosen, sort_keys=True).encode())

    def restore_columns(self, state: QByteArray | None) -> None:
        """The columns a saved layout chose, shown or hidden whatever the width; none saved
        (or unreadable), the width decides."""
        try:
            saved = json.loads(bytes(state.data())) if state is not None else {}
        except ValueError:
            saved = {}
        if not isinstance(saved, dict):
            saved = {}
        self.chosen = {column: saved[key] for column in AFTER_COUNTS
                       if isinstance(saved.get(key := COLUMNS[column].sort_key), bool)}
        self.fit_claim()

    def _columns_menu(self, point: QPoint) -> None:
        """Right-click on the headers: show or hide the columns after the counts (to sort
        by date in a narrow window), or let the width decide again."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for column in AFTER_COUNTS:
            action = menu.addAction(COLUMNS[column].header)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.choose_column(c, shown))
        menu.addSeparator()
        automatic = menu.addAction("Columns as the width allows")
        automatic.setEnabled(bool(self.chosen))
        automatic.triggered.connect(self.choose_automatic)
        menu.popup(header.viewport().mapToGlobal(point))

    def choose_column(self, column: int, shown: bool) -> None:
        """Show or hide a column after the counts whatever the width."""
        self.chosen[column] = shown
        self.fit_claim()

    def choose_automatic(self) -> None:
        """The columns after the counts show again where there is room."""
        self.chosen.clear()
        self.fit_claim()

    def _resized(self, column: int, _old: int, new: int) -> None:
        """The user dragged a column's edge: the claim takes up the difference, and a
        column after the counts keeps its new width when it is hidden and shown again."""
        if self._fitting or column == CLAIM or new == 0:
            return
        if column in AFTER_COUNTS:
            self._after_counts[column] = new
        self.fit_claim()

    def _beside_claim(self) -> int:
        header = self.horizontalHeader()
        return sum(header.sectionSize(c) for c in (VERDICT, *COUNTS)
                   if not header.isSectionHidden(c))

    def _frame(self) -> int:
        """The table's width besides its view: frame and vertical scroll bar."""
        return 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def viewportEvent(self, event: QEvent) -> bool:
        """Fit the columns whenever the view's width changes: with the table's, and when
        the vertical scroll bar comes or goes (the claim then overflowed by its width)."""
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.fit_claim()
        return handled

    def _save_header(self) -> None:
        header = self.horizontalHeader()
        self._widths = {i: header.sectionSize(i) for i in (VERDICT, *COUNTS)}

    def _restore_header(self) -> None:
        header = self.horizontalHeader()
        self._fitting = True
        for column, width in self._widths.items():
            header.resizeSection(column, width)
        self._fitting = False
        self.fit_claim()

    def placeholder(self) -> str:
        """What the empty table says: how to start, or that the filter hides everything."""
        model = self.model()
        if model is None or model.rowCount() or (isinstance(model, ClaimsTableModel)
                                                 and model.pending):
            return ""
        if isinstance(model, ClaimsTableModel) and model.filter != ClaimFilter():
            return NOTHING_MATCHES
        return EMPTY_PROJECT

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.placeholder()
        if text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, text)
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.opened.emit()
            return
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        verdict = VERDICT_OF_KEY.get(event.text().upper())
        if verdict and plain:
            self.verdict_key.emit(verdict)
            return
        if event.text().upper() == REVIEW_DONE_KEY and plain:
            self.review_done.emit()
            return
        super().keyPressEvent(event)

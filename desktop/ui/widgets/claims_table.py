"""The claims table view: the keyboard is enough to review (arrows, letters, Enter)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.core.dto import ClaimFilter
from desktop.core.vocabulary import REVIEW_DONE_KEY, VERDICT_KEYS
from desktop.ui.models.claim_columns import CLAIM, CONFLICT, COUNTS, VERDICT
from desktop.ui.models.claims_model import ClaimsTableModel

EMPTY_PROJECT = ("No claims yet.\n\nImport articles with File > Import files… (Ctrl+I) or "
                 "Import folder… (Ctrl+Shift+I), or drop files and folders onto the window: "
                 ".txt, .md, .html, .docx, .pdf, or a .csv of articles.")
NOTHING_MATCHES = "No claim matches the filter."

CLAIM_LEAST = 100
"""The least width of the claim column: about 15 characters, enough to tell the claims
apart while the pane beside the table shows the selected one whole."""

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
        self.verticalHeader().setDefaultSectionSize(24)
        # Fixed, user-resizable widths: sizing columns to their contents would read the
        # first thousand rows of a lazy model just to measure them.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(64)
        header.setStretchLastSection(True)

        self._widths: list[int] = []

    def setModel(self, model: QAbstractItemModel) -> None:  # type: ignore[override]
        super().setModel(model)
        # A model reset (new filter, new sort) would put every column back to the default
        # width; keep the widths the user chose instead.
        model.modelAboutToBeReset.connect(self._save_header)
        model.modelReset.connect(self._restore_header)
        self.set_default_widths()

    def set_default_widths(self) -> None:
        """The claim, its verdict and the four counts side by side; the conflicting
        figures, the date and the attribution follow (the conflict is marked on the claim
        itself)."""
        header = self.horizontalHeader()
        for column in COUNTS:
            header.resizeSection(column, header.sectionSizeHint(column))
        for column, width in ((VERDICT, 86), (CONFLICT, 118), (7, 86), (8, 160)):
            header.resizeSection(column, width)
        self.setMinimumWidth(CLAIM_LEAST + self._beside_claim() + self._frame())
        self.fit_claim()

    def fit_claim(self) -> None:
        """The claim column takes what the verdict and the counts leave of the view: the
        counts stay in view at any width (a fixed 220 px claim pushed them past the edge of
        a window 720 px wide); the claim elides, whole in its tooltip and the pane."""
        room = self.viewport().width() - self._beside_claim()
        self.horizontalHeader().resizeSection(CLAIM, max(CLAIM_LEAST, room))

    def _beside_claim(self) -> int:
        header = self.horizontalHeader()
        return sum(header.sectionSize(c) for c in (VERDICT, *COUNTS)
                   if not header.isSectionHidden(c))

    def _frame(self) -> int:
        """The table's width besides its view: frame and vertical scroll bar."""
        return 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_claim()

    def _save_header(self) -> None:
        header = self.horizontalHeader()
        self._widths = [header.sectionSize(i) for i in range(header.count())]

    def _restore_header(self) -> None:
        header = self.horizontalHeader()
        for column, width in enumerate(self._widths[:header.count()]):
            header.resizeSection(column, width)
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

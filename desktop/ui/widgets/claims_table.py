"""The claims table view: the keyboard is enough to review (arrows, letters, Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.style import VERDICT_KEYS

VERDICT_OF_KEY = {key: verdict for verdict, key in VERDICT_KEYS.items()}


class ClaimsTableView(QTableView):
    """Emits ``verdict_key`` for C, D, F, U, 0 and ``opened`` for Enter.

    The Edit menu's verdict actions carry the same keys; when a key reaches the table
    without being taken as a shortcut (no menu bar on some platforms, tests), the table
    handles it here, so the keys work either way and never while typing elsewhere.
    """

    verdict_key = Signal(str)
    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        # Fixed, user-resizable widths: sizing columns to their contents would read the
        # first thousand rows of a lazy model just to measure them.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(84)
        header.setStretchLastSection(False)

    def setModel(self, model: object) -> None:  # type: ignore[override]
        super().setModel(model)  # type: ignore[arg-type]
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 96), (6, 150), (7, 92), (8, 170)):
            header.resizeSection(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.opened.emit()
            return
        verdict = VERDICT_OF_KEY.get(event.text().upper())
        if verdict and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.verdict_key.emit(verdict)
            return
        super().keyPressEvent(event)

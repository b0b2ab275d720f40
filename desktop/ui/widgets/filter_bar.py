"""The filter above the claims table: verdict, conflicts only, minimum sources, words.

In a narrow claims pane (two windows side by side) the bar takes two lines, the words on
the first at the pane's width and the other controls wrapping below: on one line the
search box shrank to "S…" and the bar's width forced the claim pane narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.core.dto import ClaimFilter
from desktop.core.vocabulary import Verdict, verdict_label
from desktop.ui.widgets.flow_layout import FlowLayout

SEARCH_LEAST = 160
"""Below this width beside the other controls, the search box goes on a line of its own:
a query of three words must stay readable as it is typed."""


class FilterBar(QWidget):
    """Emits ``changed`` with the new filter; typing waits 300 ms before searching."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.controls = FlowLayout()
        self.search = QLineEdit(placeholderText="Search claims (full text)…",
                                clearButtonEnabled=True)
        self.verdict = QComboBox()
        self.verdict.addItem("All verdicts", None)
        for verdict in Verdict:
            self.verdict.addItem(verdict_label(verdict), verdict.value)
        self.conflicts = QCheckBox("Conflicts only")
        self.min_sources = QSpinBox(minimum=0, maximum=999, prefix="≥ ", suffix=" sources")
        # No "Verdict" label: "All verdicts" says what the box chooses, and the bar must
        # fit a window half a 1440 px screen wide beside the claim pane.
        self.verdict.setToolTip("Show only the claims with this verdict")
        self.lines.addWidget(self.search, 1)
        for control in (self.verdict, self.conflicts, self.min_sources):
            self.controls.addWidget(control)
        self.lines.addLayout(self.controls)
        self._typing = QTimer(self, singleShot=True, interval=300)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(self._typing.start)
        self.verdict.currentIndexChanged.connect(self._emit)
        self.conflicts.toggled.connect(self._emit)
        self.min_sources.valueChanged.connect(self._emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """One line while the search box keeps SEARCH_LEAST beside the controls, else
        two."""
        super().resizeEvent(event)
        one_line = (event.size().width() >= self.controls.sizeHint().width()
                    + self.lines.spacing() + SEARCH_LEAST)
        self.lines.setDirection(QBoxLayout.Direction.LeftToRight if one_line
                                else QBoxLayout.Direction.TopToBottom)
        # A stretch on two lines would make the bar grow in height at the table's expense.
        self.lines.setStretch(0, 1 if one_line else 0)

    def current(self) -> ClaimFilter:
        """The filter the controls describe."""
        verdict = self.verdict.currentData()
        return ClaimFilter(verdicts=(verdict,) if verdict else (),
                           conflicts_only=self.conflicts.isChecked(),
                           min_sources=self.min_sources.value(), text=self.search.text())

    def apply_now(self) -> None:
        """Search at once instead of after the typing pause (Enter was pressed)."""
        if self._typing.isActive():
            self._typing.stop()
            self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.current())

"""The filter above the claims table: verdict, conflicts only, minimum sources, words."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.core.dto import ClaimFilter
from desktop.core.vocabulary import Verdict, verdict_label


class FilterBar(QWidget):
    """Emits ``changed`` with the new filter; typing waits 300 ms before searching."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(placeholderText="Search claims (full text)…",
                                clearButtonEnabled=True)
        self.verdict = QComboBox()
        self.verdict.addItem("All verdicts", None)
        for verdict in Verdict:
            self.verdict.addItem(verdict_label(verdict), verdict.value)
        self.conflicts = QCheckBox("Conflicts only")
        self.min_sources = QSpinBox(minimum=0, maximum=999, prefix="≥ ", suffix=" sources")
        # No "Verdict" label: "All verdicts" says what the box chooses, and the bar must
        # fit a window half a 1440 px screen wide beside the claim pane; the search box
        # is what gives way.
        self.verdict.setToolTip("Show only the claims with this verdict")
        layout.addWidget(self.search, 3)
        layout.addWidget(self.verdict)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.min_sources)
        self._typing = QTimer(self, singleShot=True, interval=300)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(self._typing.start)
        self.verdict.currentIndexChanged.connect(self._emit)
        self.conflicts.toggled.connect(self._emit)
        self.min_sources.valueChanged.connect(self._emit)

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

"""A one-line label for a narrow window: the longest of its wordings that fits.

The status bar's totals ran past a window half a screen wide and lost their end, "showing
56", the count of the table's filter. A label that is given a full, a shorter and a
shortest wording shows the first that fits, its middle elided as the last resort; the
full wording is its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FittingLabel(QLabel):
    """Shows the first of its texts that fits its width; never widens the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: tuple[str, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_texts(self, *texts: str) -> None:
        """The wordings, fullest first."""
        self._texts = texts
        self.setToolTip(texts[0] if texts else "")
        self._fit()

    def full_text(self) -> str:
        """The fullest wording, whichever is shown."""
        return self._texts[0] if self._texts else ""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._texts:
            return
        metrics, room = self.fontMetrics(), self.contentsRect().width()
        shown = next((t for t in self._texts if metrics.horizontalAdvance(t) <= room),
                     metrics.elidedText(self._texts[-1], Qt.TextElideMode.ElideMiddle, room))
        if shown != self.text():
            self.setText(shown)

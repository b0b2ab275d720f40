"""A splitter whose folded panes leave a strip the user sees, clicks and drags.

A pane folded to the window's edge (the sources tree in a window narrower than about
800 px, or a pane dragged shut) left Qt's 4 px handle there, drawn as the window's
background: nothing showed where the pane went. Its handle now widens into a strip with an
arrow pointing the way the pane comes back, as IDEs and mail clients mark a folded side
panel; a click unfolds the pane, and the strip drags like any handle.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QMouseEvent,
    QMoveEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QSplitter, QSplitterHandle, QWidget

FOLDED_WIDTH = 12
"""The strip of a folded pane: wide enough to see and to hit, narrow enough to cost the
claims table and the claim pane nothing they need at 720 px."""
ARROW = 5
"""Half the height of the strip's arrow, in pixels."""


class FoldSplitter(QSplitter):
    """Emits ``unfold`` with the index of a folded pane whose strip was clicked."""

    unfold = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.splitterMoved.connect(self._refresh)

    def createHandle(self) -> QSplitterHandle:
        return FoldHandle(self)

    def folded_pane(self, handle: QSplitterHandle) -> int | None:
        """The pane beside ``handle`` that is folded shut, if any: the one before it
        first."""
        index = self.indexOf(handle)
        if index <= 0:
            return None
        sizes = self.sizes()
        if sizes[index - 1] == 0:
            return index - 1
        if sizes[index] == 0:
            return index
        return None

    def setSizes(self, sizes: list[int]) -> None:  # type: ignore[override]
        super().setSizes(sizes)
        self._refresh()

    def _refresh(self) -> None:
        """Each handle takes its strip's width, or gives it back."""
        for index in range(1, self.count()):
            handle = self.handle(index)
            if isinstance(handle, FoldHandle):
                handle.refresh()


class FoldHandle(QSplitterHandle):
    """A thin handle between open panes; beside a folded one, a strip with an arrow."""

    def __init__(self, splitter: FoldSplitter) -> None:
        super().__init__(Qt.Orientation.Horizontal, splitter)
        self.fold_splitter = splitter
        self._pressed_at: QPoint | None = None
        self._folded: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def refresh(self) -> None:
        """Follow the panes beside the handle: widen, narrow and say what a click does."""
        folded = self.fold_splitter.folded_pane(self)
        if folded == self._folded:
            return
        self._folded = folded
        if folded is None:
            self.setToolTip("")
        else:
            pane = self.fold_splitter.widget(folded)
            name = (pane.accessibleName() if pane is not None else "") or "Pane"
            self.setToolTip(f"{name}, folded: click or drag to show")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._folded is None:
            return hint
        return QSize(max(hint.width(), FOLDED_WIDTH), hint.height())

    def moveEvent(self, event: QMoveEvent) -> None:
        """A pane folds or unfolds without a signal when the window resizes."""
        super().moveEvent(event)
        self.refresh()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._folded is None:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        palette = self.palette()
        hovered = self.underMouse()
        # A shade darker than the window, so that the strip reads as something there.
        strip = palette.color(QPalette.ColorRole.Button)
        painter.fillRect(self.rect(), strip.lighter(106) if hovered else strip.darker(110))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        before = self._folded < self.fold_splitter.indexOf(self)
        edge = self.width() - 1 if before else 0  # the side toward the open panes
        painter.drawLine(edge, 0, edge, self.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(
            QPalette.ColorRole.Highlight if hovered else QPalette.ColorRole.ButtonText))
        # Toward the window's middle: the way the folded pane comes back.
        way = 1 if before else -1
        centre = QPointF(self.width() / 2, self.height() / 2)
        reach = ARROW * 0.6
        painter.drawPolygon(QPolygonF([centre + QPointF(way * reach, 0),
                                       centre + QPointF(-way * reach, -ARROW),
                                       centre + QPointF(-way * reach, ARROW)]))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click, not a drag, on a folded pane's strip unfolds the pane."""
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        if pressed is None or self._folded is None:
            return
        moved = (event.position().toPoint() - pressed).manhattanLength()
        if moved < QApplication.startDragDistance():
            self.fold_splitter.unfold.emit(self._folded)

"""Rows of one line, or of two with the text cut in the middle of the second.

A long title in a narrow pane reads best from its beginning, and its end can matter too
(the sources tree ends a copy's title with "(copy of #1)"). Qt elides a wrapped text at
the end of its last line whatever the view's elide mode, and cut in the middle it put
one "…" in the line and another at its end. Here the first line is the title's beginning,
broken between words, and the second holds the rest cut in the middle, so both ends show;
a closing parenthesis ("(copy of #1)") is kept whole.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

LINE_BREAK = "\u2028"
"""Qt's line separator: the style draws the two lines as they are given."""
CLOSING = re.compile(r"\s*\([^()]*\)$")


def two_lines(text: str, font: QFont, width: int) -> str:
    """``text`` on two lines of ``width`` pixels in ``font``: its beginning broken between
    words, then the rest, cut in the middle where it does not fit, or before a closing
    parenthesis, kept whole."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    first = layout.createLine()
    first.setLineWidth(width)
    layout.endLayout()
    head, rest = text[:first.textLength()].rstrip(), text[first.textLength():].lstrip()
    if not rest:
        return head
    metrics = QFontMetrics(font)
    closing = CLOSING.search(rest)
    tail = closing.group() if closing else ""
    if (tail and metrics.horizontalAdvance(rest) > width
            and metrics.horizontalAdvance(tail) <= width * 2 // 3):
        room = width - metrics.horizontalAdvance(tail)
        cut = metrics.elidedText(rest[:-len(tail)], Qt.TextElideMode.ElideRight, room)
        return head + LINE_BREAK + cut + tail
    return head + LINE_BREAK + metrics.elidedText(rest, Qt.TextElideMode.ElideMiddle, width)

class TitleRows(QStyledItemDelegate):
    """Every row one height, of one line or ``lines`` = 2; the rows of the view are
    uniform, so the height is set here, never measured from a title."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.lines = 1

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if self.lines == 1:
            return hint
        return QSize(hint.width(), self.lines * option.fontMetrics.lineSpacing() + 6)

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if self.lines == 1 or not option.text:
            return
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, widget) + 1
        option.text = two_lines(option.text, option.font, area.width() - 2 * margin)

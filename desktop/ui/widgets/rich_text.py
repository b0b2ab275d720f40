"""Rich text in item views: a row's cell painted as a wrapped QTextDocument.

Qt's item delegates draw plain text only; a mention or a search hit needs bold query
words and marked figures wrapped to the column's width. The cell's background (selection,
focus, alternate rows) is still drawn by the style, so rich rows look like the others.
"""

from __future__ import annotations

from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem


def is_selected(item: QStyleOptionViewItem) -> bool:
    """Whether the cell is drawn selected (its text then takes the highlight colour)."""
    return bool(item.state & QStyle.StateFlag.State_Selected)


def paint_document(painter: QPainter, item: QStyleOptionViewItem,
                   document: QTextDocument) -> None:
    """The cell's background as the style draws it, then ``document`` over it in the
    palette's text colour for a selected or unselected cell. ``item`` is the delegate's
    initialised option with its text emptied, so the style draws no text of its own."""
    widget = item.widget
    if widget is not None:
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
    context = QAbstractTextDocumentLayout.PaintContext()
    role = QPalette.ColorRole.HighlightedText if is_selected(item) else QPalette.ColorRole.Text
    context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
    painter.save()
    painter.translate(item.rect.topLeft())
    painter.setClipRect(0, 0, item.rect.width(), item.rect.height())
    document.documentLayout().draw(painter, context)
    painter.restore()

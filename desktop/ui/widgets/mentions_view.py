"""The table of a claim's mentions: stance groups, sentences wrapped to the pane's width.

Each mention is one row of a model, painted by a delegate as rich text (where and who,
then the sentence with the conflicting figures marked); the stance is edited in place.
Rows take the height of their wrapped text, so a narrow pane still shows whole sentences.
In a narrow view the sentence keeps the room: the stance column narrows (the group's
heading names the stance too) and the line above the sentence is cut to one line, whole
in the tooltip.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.core.dto import MentionRow
from desktop.core.vocabulary import Stance
from desktop.ui.models.mentions_model import (
    MENTION,
    STANCE,
    HtmlRole,
    MentionRole,
    MentionsModel,
    SentenceRole,
    where,
)
from desktop.ui.widgets.rich_text import paint_document

Index = QModelIndex | QPersistentModelIndex
PADDING = 3
STANCE_WIDTH = 84
STANCE_LEAST = 48
NARROW = 320
"""A sentence column narrower than this gets the one-line, short first line."""
CACHED_DOCUMENTS = 4000


class MentionDelegate(QStyledItemDelegate):
    """Draws a mention as wrapped rich text and edits its stance with a drop-down.

    One editor at a time instead of a drop-down on every row. The choice leaves as
    ``chosen`` on the next turn of the event loop, once the editor is closed, because the
    undoable edit that follows shows the claim again.
    """

    chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._documents: dict[tuple[str, int], QTextDocument] = {}
        """Laid-out mentions by (rich text, width): fitting the rows and painting them
        lay out each mention once per width instead of on every call."""

    def forget(self) -> None:
        """Drop the laid-out mentions (another claim is shown)."""
        self._documents.clear()

    def _html(self, option: QStyleOptionViewItem, index: Index, width: int) -> str:
        """The cell's rich text; in a narrow column its first line shortened to fit one."""
        mention = index.data(MentionRole)
        if width >= NARROW or not isinstance(mention, MentionRow):
            return str(index.data(HtmlRole))
        small = _small_font(option.font)
        line = QFontMetrics(small).elidedText(where(mention, short=True),
                                              Qt.TextElideMode.ElideRight,
                                              width - 2 * PADDING - 4)
        return f"<small>{html.escape(line)}</small><br>{index.data(SentenceRole)}"

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        width = max(40, option.rect.width())
        key = (self._html(option, index, width), width)
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) >= CACHED_DOCUMENTS:
                self._documents.clear()
            document = QTextDocument()
            document.setDefaultFont(option.font)
            document.setDocumentMargin(PADDING)
            document.setHtml(key[0])
            document.setTextWidth(key[1])
            self._documents[key] = document
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() != MENTION or index.data(HtmlRole) is None:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        paint_document(painter, item, self._document(option, index))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.column() != MENTION or index.data(HtmlRole) is None:
            return super().sizeHint(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        if index.column() != STANCE:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        for value in Stance:
            editor.addItem(value.value, value.value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data()))

    def setModelData(self, editor: QWidget, _model: QAbstractItemModel, index: Index) -> None:
        value = editor.currentData() if isinstance(editor, QComboBox) else None
        mention = index.data(MentionRole)
        if value is None or value == index.data() or not isinstance(mention, MentionRow):
            return
        QTimer.singleShot(0, self, lambda: self.chosen.emit(mention.id, value))


def _small_font(font: QFont) -> QFont:
    """The font rich text's <small> gives with ``font`` as its default."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setHtml("<small>x</small>")
    cursor = QTextCursor(document)
    cursor.setPosition(1)
    return cursor.charFormat().font()


class MentionsView(QTableView):
    """Emits ``opened`` with a mention double-clicked outside its stance."""

    opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mentions = MentionsModel(self)
        self.setModel(self.mentions)
        self.delegate = MentionDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        # Tab leaves for the buttons and notes below; arrows move between mentions.
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(STANCE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(STANCE, STANCE_WIDTH)
        header.setSectionResizeMode(MENTION, QHeaderView.ResizeMode.Stretch)
        # Its start readable when the column is narrower than its label.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit_rows)
        header.sectionResized.connect(self._refit.start)
        self.doubleClicked.connect(self._on_double_clicked)

    def show_mentions(self, mentions: tuple[MentionRow, ...], values: list[str], alert: str,
                      dark: bool) -> None:
        """Show these mentions grouped by stance, conflicting ``values`` marked. The
        mention selected stays selected, in view, where it still is (the claim shown
        again after a stance change, an undo, a colleague's edit): the keyboard goes on
        from it instead of from the top."""
        kept = self.selected_mention()
        self.clearSpans()
        self.delegate.forget()
        self.mentions.show(mentions, values, alert, dark)
        for row in self.mentions.heading_rows():
            self.setSpan(row, STANCE, 1, 2)
        self._fit_rows()
        if kept is not None:
            self.select_mention(kept.id)

    def _fit_rows(self) -> None:
        """Each row as tall as its text wrapped at the column's width."""
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The stance column takes at most a fifth of a narrow view."""
        super().resizeEvent(event)
        width = max(STANCE_LEAST, min(STANCE_WIDTH, self.viewport().width() // 5))
        if self.columnWidth(STANCE) != width:
            self.horizontalHeader().resizeSection(STANCE, width)

    def mention_at(self, point: QPoint) -> MentionRow | None:
        """The mention under a point of the viewport."""
        return self.mentions.mention_at(self.rowAt(point.y()))

    def selected_mention(self) -> MentionRow | None:
        """The mention whose row is selected."""
        rows = self.selectionModel().selectedRows()
        return self.mentions.mention_at(rows[0].row()) if rows else None

    def select_mention(self, mention_id: int) -> None:
        """Select the row showing this mention and bring it into view."""
        row = self.mentions.row_of(mention_id)
        if row is not None:
            self.selectRow(row)
            self.scrollTo(self.mentions.index(row, MENTION))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F2 on a mention changes its stance, whichever cell of the row is current: the
        stance is the only thing in the row that can be edited. Enter reads the mention
        in its article, as a double-click does (the keyboard had no way there)."""
        current = self.currentIndex()
        mention = self.mentions.mention_at(current.row()) if current.isValid() else None
        # Not the Enter that chooses in the stance drop-down: it comes on to the view.
        editing = self.state() == QAbstractItemView.State.EditingState
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mention is not None
                and not editing):
            self.opened.emit(mention)
            return
        if (event.key() == Qt.Key.Key_F2 and current.isValid() and current.column() != STANCE
                and self.mentions.mention_at(current.row()) is not None):
            stance = current.siblingAtColumn(STANCE)
            self.setCurrentIndex(stance)
            self.edit(stance)
            return
        super().keyPressEvent(event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        mention = self.mentions.mention_at(index.row())
        if mention is not None and index.column() != STANCE:
            self.opened.emit(mention)

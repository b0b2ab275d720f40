"""The "Search articles" panel: a claim typed or taken from a claim, the count line, and the
articles that carry it, each drawn as wrapped rich text.

Keys: Enter in the box searches, Down goes to the results; in the results, arrows move,
Enter opens the article at the sentence, Esc goes back to the box; Esc in the box hands
the keyboard back to the window (``dismissed``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.models.hits_model import FoundArticle, HitsModel, HtmlRole, SelectedHtmlRole
from desktop.ui.style import is_dark
from desktop.ui.widgets.rich_text import is_selected, paint_document

Index = QModelIndex | QPersistentModelIndex
PADDING = 4


class RichTextDelegate(QStyledItemDelegate):
    """Paints a row's HtmlRole wrapped to the column's width, in the palette's text colour
    (selected or not)."""

    def _document(self, option: QStyleOptionViewItem, index: Index,
                  selected: bool = False) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        document.setHtml(str(index.data(SelectedHtmlRole if selected else HtmlRole)))
        document.setTextWidth(max(40, option.rect.width()))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        document = self._document(option, index, is_selected(item))  # kept while drawn
        paint_document(painter, item, document)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))


class HitsView(QTableView):
    """One column of found articles; Enter and double-click emit ``opened``, Esc
    ``escaped``."""

    opened = Signal(object)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits = HitsModel(self)
        self.setModel(self.hits)
        self.setItemDelegate(RichTextDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        # Tab leaves the list for the next control; arrows move inside it (50 rows
        # stepped through one Tab at a time trap the keyboard).
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Rows take the height of their text at the new width once a resize settles.
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.resizeRowsToContents)
        self.horizontalHeader().sectionResized.connect(self._refit.start)
        self.doubleClicked.connect(lambda index: self._open(index.row()))

    def show_found(self, found: list[FoundArticle], dark: bool) -> None:
        """Show the found articles, the first one current and selected (arrows start from
        it) and the list at its top, the best hit in view."""
        self.hits.show(found, dark)
        self.resizeRowsToContents()
        if found:
            self.setCurrentIndex(self.hits.index(0))
        self.scrollToTop()

    def current_found(self) -> FoundArticle | None:
        """The found article whose row is current."""
        return self.hits.found_at(self.currentIndex().row())

    def _open(self, row: int) -> None:
        found = self.hits.found_at(row)
        if found is not None:
            self.opened.emit(found)

    def changeEvent(self, event: QEvent) -> None:
        """Stance names keep their contrast when the system switches light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.hits.set_dark(is_dark(self.palette()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex().row())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class QueryEdit(QLineEdit):
    """The claim to search for; Down goes to the results, Esc leaves the panel."""

    down = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class ArticleSearchView(QWidget):
    """Layout of the panel; ``searched`` carries the query of an Enter or a click on Search,
    ``more`` a click on "Show more", ``opened`` a found article to read, ``closed`` a click
    on its close button."""

    searched = Signal(str)
    more = Signal()
    opened = Signal(object)
    dismissed = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        title = QHBoxLayout()
        self.title = QLabel("<b>Search articles</b>")
        self.close_button = QToolButton(autoRaise=True)
        self.close_button.setText("×")
        self.close_button.setToolTip("Close the article search")
        title.addWidget(self.title, 1)
        title.addWidget(self.close_button)
        layout.addLayout(title)
        row = QHBoxLayout()
        self.query = QueryEdit(placeholderText="A claim to look for in the articles, e.g. "
                                               "“around 600 North Korean soldiers died”",
                               clearButtonEnabled=True)
        self.search_button = QPushButton("Search")
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        # "Show more" is a link: reachable by Tab as well as by the mouse.
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        layout.addWidget(self.summary)
        self.results = HitsView()
        layout.addWidget(self.results, 1)
        self.query.returnPressed.connect(lambda: self.searched.emit(self.query.text()))
        self.search_button.clicked.connect(lambda: self.searched.emit(self.query.text()))
        self.query.down.connect(self.focus_results)
        self.query.escaped.connect(self.dismissed)
        self.results.escaped.connect(self.focus_query)
        self.results.opened.connect(self.opened)
        self.summary.linkActivated.connect(lambda _link: self.more.emit())
        self.close_button.clicked.connect(self.closed)

    def focus_query(self) -> None:
        """Into the box, its words selected (typing replaces them) and their start in
        view: a claim's text is often longer than the box."""
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        length = len(self.query.text())
        self.query.setSelection(length, -length)

    def focus_results(self) -> None:
        """Into the results, if there are any."""
        if self.results.hits.rowCount():
            self.results.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.results.hits.index(0))

"""Articles grouped by source, with their date and a mark on near-copies.

A title takes the tree's width, on two lines where the tree is narrow, cut in the middle
(its beginning and a copy's "(copy of #1)" both show), whole in its tooltip with the
article's date; the date column shows where the titles keep room beside it.

Articles whose outlet is not known are grouped apart and say how they count: each of their
independent origins counts as one source, which is why the status bar's number of sources
can differ from the number of outlets listed here. Several articles can be given their
outlet at once (select them, right-click).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import ArticleRow
from desktop.core.wording import article_name, counted
from desktop.ui.dialogs import dialog_buttons
from desktop.ui.widgets.sizing import roomy
from desktop.ui.widgets.title_rows import TitleRows

ArticleIdRole = Qt.ItemDataRole.UserRole + 2
TITLE, DATE = range(2)
INDENT = 14
"""Per level: room for a group's arrow. Qt's 20 put an article's title 40 px in, a
third of a tree 140 px wide."""
TITLE_READABLE_CHARS = 40
"""A title column narrower than this many characters reads on two lines; the date column
shows only where a title keeps this many beside it (the date is in the title's tooltip
either way, and beside each mention in the claim pane)."""
UNKNOWN = "unknown"
"""The source name of articles whose outlet is not known (core.service.counts)."""


def group_label(source: str, rows: list[ArticleRow]) -> str:
    """"Reuters (3)"; for unknown outlets how many sources they make up."""
    if source != UNKNOWN:
        return f"{source} ({len(rows)})"
    origins = len({row.copy_of or row.id for row in rows})
    return (f"Outlet unknown: {counted(len(rows), 'article')} = "
            f"{counted(origins, 'source')}, one per independent origin")


class SourceDialog(QDialog):
    """The outlet for some articles: a known one chosen or a new one typed. A dialog of
    its own rather than QInputDialog, which sizes itself to its label and cut its title
    ("Set so… tDesk")."""

    def __init__(self, articles: int, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set source")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Outlet of {counted(articles, 'article')}:"))
        self.name = QComboBox(editable=True)
        self.name.addItems(known)
        self.name.setCurrentText("")
        layout.addWidget(self.name)
        buttons, _ = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        roomy(self, 0)


class SourcesPane(QTreeWidget):
    """Emits ``article_chosen`` with an article id when one is clicked or activated, and
    ``source_chosen`` ({article id: version shown}, outlet) when articles are given an
    outlet."""

    article_chosen = Signal(int)
    source_chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Source / article", "Date"])
        # The title takes the tree's width, cut in the middle: a 230 px column in a tree
        # 140 px wide (the first start on a 1296x800 screen) showed "Kim Jong Un Re" and
        # hid the date and a copy's "(copy of #1)" behind a sideways scroll bar.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setIndentation(INDENT)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows = TitleRows(self)
        self.setItemDelegate(self.rows)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.Fixed)
        self.date_width = self.fontMetrics().horizontalAdvance("0000-00-00") + 16
        header.resizeSection(DATE, self.date_width)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.articles: dict[int, ArticleRow] = {}
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda point: self.menu(point).exec(self.viewport().mapToGlobal(point)))

    def show_articles(self, articles: list[ArticleRow]) -> None:
        """Replace the tree by these articles, grouped by source."""
        self.clear()
        self.articles = {article.id: article for article in articles}
        by_source: dict[str, list[ArticleRow]] = defaultdict(list)
        for article in articles:
            by_source[article.source].append(article)
        for source, rows in sorted(by_source.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0])):
            label = group_label(source, rows)
            top = QTreeWidgetItem([label, ""])
            top.setToolTip(0, label if source != UNKNOWN else
                           f"{label}.\nTheir outlet is not known, so each independent origin "
                           "(an article and its copies) counts as one source. Select them "
                           "and right-click to name the outlet.")
            self.addTopLevelItem(top)
            for article in rows:
                # Rows of a CSV often have no title: named by their id, as everywhere.
                title = article_name(article.title, article.external_id, article.id,
                                     article.path)
                if article.copy_of:
                    title = f"{title}  (copy of #{article.copy_of})"
                date = article.published.isoformat() if article.published else ""
                item = QTreeWidgetItem([title, date or "—"])
                item.setData(0, ArticleIdRole, article.id)
                item.setToolTip(0, f"#{article.id} {title}\n{date or 'undated'}")
                top.addChild(item)
            top.setExpanded(True)

    def viewportEvent(self, event: QEvent) -> bool:
        """Fit the titles whenever the tree's width changes (its first share, a drag of
        the splitter, a resized window)."""
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.fit_titles()
        return handled

    def fit_titles(self) -> None:
        """The date column where a title keeps ``TITLE_READABLE_CHARS`` beside it; else
        the title alone, on two lines where it is narrower than that."""
        title = self.viewport().width() - 2 * self.indentation()
        readable = TITLE_READABLE_CHARS * self.fontMetrics().averageCharWidth()
        dated = title - self.date_width >= readable
        self.setColumnHidden(DATE, not dated)
        if dated:
            self.header().resizeSection(DATE, self.date_width)
        lines = 1 if dated or title >= readable else 2
        if lines != self.rows.lines:
            self.rows.lines = lines
            self.scheduleDelayedItemsLayout()  # the rows take their new height

    def selected_articles(self) -> list[int]:
        """Ids of the selected articles; a selected source stands for all its articles."""
        ids: list[int] = []
        for item in self.selectedItems():
            children = [c for i in range(item.childCount())
                        if (c := item.child(i)) is not None] or [item]
            ids.extend(int(c.data(0, ArticleIdRole)) for c in children
                       if c.data(0, ArticleIdRole) is not None)
        return list(dict.fromkeys(ids))

    def menu(self, point: QPoint) -> QMenu:
        """Right-click: name the outlet of the selected articles."""
        menu = QMenu(self)
        item = self.itemAt(point)
        if item is not None and not item.isSelected():
            self.setCurrentItem(item)
        ids = self.selected_articles()
        action = menu.addAction(f"Set source of {counted(len(ids), 'article')}…",
                                lambda: self.ask_source(ids))
        action.setEnabled(bool(ids))
        return menu

    def ask_source(self, ids: list[int]) -> SourceDialog:
        """Ask for the outlet of these articles (known outlets offered); ``source_chosen``
        follows when a name is given."""
        known = sorted({a.source for a in self.articles.values() if a.source != UNKNOWN})
        dialog = SourceDialog(len(ids), known, self)
        versions = {i: self.articles[i].version if i in self.articles else None for i in ids}

        def chosen() -> None:
            name = dialog.name.currentText().strip()
            if name:
                self.source_chosen.emit(versions, name)

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def _on_item(self, item: QTreeWidgetItem) -> None:
        article_id = item.data(0, ArticleIdRole)
        if article_id is not None and len(self.selectedItems()) <= 1:
            self.article_chosen.emit(int(article_id))

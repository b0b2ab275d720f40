"""Articles grouped by source, with their date and a mark on near-copies.

Articles whose outlet is not known are grouped apart and say how they count: each of their
independent origins counts as one source, which is why the status bar's number of sources
can differ from the number of outlets listed here. Several articles can be given their
outlet at once (select them, right-click).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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

ArticleIdRole = Qt.ItemDataRole.UserRole + 2
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
        self.setColumnWidth(0, 230)
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
            top = QTreeWidgetItem([group_label(source, rows), ""])
            if source == UNKNOWN:
                top.setToolTip(0, "Their outlet is not known, so each independent origin (an "
                                  "article and its copies) counts as one source. Select "
                                  "them and right-click to name the outlet.")
            self.addTopLevelItem(top)
            for article in rows:
                # Rows of a CSV often have no title: named by their id, as everywhere.
                title = article_name(article.title, article.external_id, article.id)
                if article.copy_of:
                    title = f"{title}  (copy of #{article.copy_of})"
                item = QTreeWidgetItem([title, article.published.isoformat()
                                        if article.published else "—"])
                item.setData(0, ArticleIdRole, article.id)
                item.setToolTip(0, f"#{article.id} {title}")
                top.addChild(item)
            top.setExpanded(True)

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

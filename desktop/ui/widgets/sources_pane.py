"""Articles grouped by source, with their date and a mark on near-copies."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.dto import ArticleRow

ArticleIdRole = Qt.ItemDataRole.UserRole + 2


class SourcesPane(QTreeWidget):
    """Emits ``article_chosen`` with an article id when one is clicked or activated."""

    article_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Source / article", "Date"])
        self.setColumnWidth(0, 230)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)

    def show_articles(self, articles: list[ArticleRow]) -> None:
        """Replace the tree by these articles, grouped by source."""
        self.clear()
        by_source: dict[str, list[ArticleRow]] = defaultdict(list)
        for article in articles:
            by_source[article.source].append(article)
        for source, rows in sorted(by_source.items()):
            top = QTreeWidgetItem([f"{source} ({len(rows)})", ""])
            top.setFirstColumnSpanned(False)
            self.addTopLevelItem(top)
            for article in rows:
                # Rows of a CSV often have no title: name them by their id, not the file.
                title = article.title or (f"#{article.id} · id {article.external_id}"
                                          if article.external_id else f"#{article.id}")
                if article.copy_of:
                    title = f"{title}  (copy of #{article.copy_of})"
                item = QTreeWidgetItem([title, article.published.isoformat()
                                        if article.published else "—"])
                item.setData(0, ArticleIdRole, article.id)
                item.setToolTip(0, f"#{article.id} {article.title}")
                top.addChild(item)
            top.setExpanded(True)

    def _on_item(self, item: QTreeWidgetItem) -> None:
        article_id = item.data(0, ArticleIdRole)
        if article_id is not None:
            self.article_chosen.emit(int(article_id))

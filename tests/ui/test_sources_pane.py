"""The sources pane: unknown outlets counted honestly, several articles named at once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.ui.layout import pane_sizes
from desktop.ui.main_window import MainWindow
from desktop.ui.models.claim_columns import COUNTS
from desktop.ui.widgets.sources_pane import ArticleIdRole, SourcesPane
from desktop.ui.widgets.title_rows import LINE_BREAK
from tests.ui.conftest import settle


def _groups(window: MainWindow) -> list[QTreeWidgetItem]:
    tree = window.sources
    return [item for i in range(tree.topLevelItemCount())
            if (item := tree.topLevelItem(i)) is not None]


def test_unknown_outlets_say_how_they_count(qtbot: QtBot, window: MainWindow) -> None:
    settle(qtbot, window)
    (unknown,) = _groups(window)
    assert unknown.text(0) == ("Outlet unknown: 5 articles = 4 sources, one per independent "
                               "origin")
    qtbot.waitUntil(lambda: "4 sources (4 of unknown outlet, one per independent origin)"
                    in window.totals.full_text() == window.totals.toolTip())


def test_several_articles_get_their_outlet_at_once_and_undo(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    settle(qtbot, window)
    (unknown,) = _groups(window)
    first, second = unknown.child(0), unknown.child(1)
    first.setSelected(True)
    second.setSelected(True)
    ids = window.sources.selected_articles()
    assert len(ids) == 2
    menu = window.sources.menu(window.sources.visualItemRect(first).center())
    (action,) = menu.actions()
    assert action.text() == "Set source of 2 articles…"
    dialog = window.sources.ask_source(ids)
    dialog.name.setCurrentText("Yonhap")
    dialog.accept()
    settle(qtbot, window)
    assert {window.service.article(i).source for i in ids} == {"Yonhap"}
    qtbot.waitUntil(lambda: "Yonhap (2)" in [g.text(0) for g in _groups(window)])
    left = window.service.stats().unknown_sources
    assert f"3 articles = {left} sources" in _groups(window)[-1].text(0)
    window.history.undo()
    settle(qtbot, window)
    assert {window.service.article(i).source for i in ids} == {"unknown"}


def seen(tree: SourcesPane, item: QTreeWidgetItem) -> str:
    """The title as the tree draws it: each line cut to its cell, then to the part of
    the cell inside the tree's view."""
    index = tree.indexFromItem(item, 0)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(index)
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    style = tree.style()
    area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, tree) + 1
    width = area.width() - 2 * margin
    inside = min(width, tree.viewport().width() - area.left() - margin)
    metrics = option.fontMetrics
    lines = []
    for line in option.text.split(LINE_BREAK):
        drawn = metrics.elidedText(line, tree.textElideMode(), width)
        while metrics.horizontalAdvance(drawn) > inside:
            drawn = drawn[:-1]
        lines.append(drawn)
    return " ".join(lines)


@pytest.mark.parametrize("width", [1296 * 9 // 10, 1296])
def test_on_a_1296_px_screen_the_tree_tells_the_articles_apart(qtbot: QtBot,
                                                               window: MainWindow,
                                                               width: int) -> None:
    """On a 1296x800 screen (a first start takes nine tenths of it) the tree had 140 px
    and its title column 230: "Kim Jong Un Re", "DPRK's Kim vow", the dates and a copy's
    "(copy of #2)" past the tree's edge. Each demo title now shows 25 characters or more,
    from its beginning, the copy mark whole, and its tooltip holds the whole title and
    the date; the claims' counts stay in view."""
    window.resize(width, 800)
    window.splitter.setSizes(pane_sizes(width))
    qtbot.waitUntil(lambda: window.width() == width)
    qtbot.wait(20)
    tree = window.sources
    (group,) = _groups(window)
    articles = [group.child(i) for i in range(group.childCount())]
    assert len(articles) == 5
    for item in articles:
        article = window.service.article(item.data(0, ArticleIdRole))
        shown = seen(tree, item)
        assert len(shown.replace("…", "")) >= 25, shown
        assert shown.startswith(article.title[:15]), shown
        if article.copy_of:
            assert shown.endswith(f"(copy of #{article.copy_of})"), shown
        tip = item.toolTip(0)
        assert article.title in tip and str(article.published or "undated") in tip
    header = window.table.horizontalHeader()
    last = header.sectionViewportPosition(COUNTS[-1]) + header.sectionSize(COUNTS[-1])
    assert last <= window.table.viewport().width()

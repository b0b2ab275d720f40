"""The sources pane: unknown outlets counted honestly, several articles named at once."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
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

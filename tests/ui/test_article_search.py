"""Searching the articles for a claim from the window, as a fact-checker does: typed words
or a claim's text, the count, the hits, and reading a hit in its article."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.ui.article_search import EMPTY_QUERY, START
from desktop.ui.hub import EVERYTHING, Origin
from desktop.ui.main_window import MainWindow
from desktop.ui.models.hits_model import STANCE_WORDS, HtmlRole
from desktop.ui.widgets.article_search_view import ArticleSearchView
from tests.core.test_search import BEHEADING, FOLEY, ISIS_MOTHER
from tests.ui.conftest import settle

QUERY = "DPRK soldiers died in Kursk"


def search_by_keyboard(qtbot: QtBot, window: MainWindow, query: str) -> ArticleSearchView:
    """Ctrl+Shift+F, type, Enter; the panel once its answer is shown."""
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.article_search.view
    assert window.article_search.is_open and view.query.hasFocus()
    qtbot.keyClicks(view.query, query)
    qtbot.keyClick(view.query, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert not window.article_search.searching
    return view


def test_typed_claim_lists_the_articles_that_carry_it(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    expected = window.service.search(QUERY, 50, passing=True)
    carrying = [h for h in expected if h.about]
    assert len(carrying) > 2
    origins = len({window.service.article(h.article_id).copy_of or h.article_id
                   for h in carrying})
    assert origins < len(carrying), "the seeds hold a copy"
    origin_of = {h.article_id: window.service.article(h.article_id).copy_of or h.article_id
                 for h in carrying}
    contradicting = {origin_of[h.article_id] for h in carrying if h.stance == "contradicts"}
    stating = {origin_of[h.article_id] for h in carrying
               if h.stance == "supports"} - contradicting
    assert view.summary.text().startswith(
        f"<b>{len(carrying)} articles carry this claim</b> · {origins} independent origins: "
        f"{len(stating)} state{'s' if len(stating) == 1 else ''} it, "
        f"{origins - len(stating) - len(contradicting)} report")
    assert view.summary.text().endswith(
        f"{len(contradicting)} contradict{'s' if len(contradicting) == 1 else ''} it "
        "(a copy counts once)")
    hits = view.results.hits
    assert hits.rowCount() == len(expected)
    first = hits.found_at(0)
    assert first.hit.article_id == expected[0].article_id
    shown = hits.index(0).data(HtmlRole)
    assert expected[0].title.replace("'", "&#x27;") in shown
    assert STANCE_WORDS[expected[0].stance] in shown
    # The query's words are visible in the sentence, in its own wording.
    assert "<b>Kursk</b>" in shown and "<b>killed</b>" in shown
    assert first.hit.published == window.service.article(first.hit.article_id).published
    assert all(h.copy_of == window.service.article(h.article_id).copy_of for h in expected)
    assert any("(copy of #" in hits.index(r).data(HtmlRole) for r in range(hits.rowCount()))
    # The line a fact-checker came for: the article giving another figure is said apart.
    figures = search_by_keyboard(qtbot, window, "Around 300 North Korean troops were "
                                                "killed fighting in Kursk")
    assert "1 contradicts it" in figures.summary.text()


def test_help_lists_the_search_keys(window: MainWindow) -> None:
    lines = window.menu_actions.shortcut_lines()
    assert "Ctrl+Shift+F — Search articles" in lines
    assert "Ctrl+Shift+A — Find articles carrying this claim" in lines


def test_an_empty_query_says_so_and_searches_nothing(qtbot: QtBot, window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    view.query.clear()
    qtbot.keyClick(view.query, Qt.Key.Key_Return)
    assert view.summary.text() == EMPTY_QUERY
    assert not window.runner.busy and view.results.hits.rowCount() == 0


def test_a_claim_is_searched_for_from_its_row(qtbot: QtBot, window: MainWindow) -> None:
    window.filter_bar.conflicts.click()
    settle(qtbot, window)
    window.table.selectRow(0)
    claim = window.model.claim_at(0)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.article_search.view
    assert view.query.text() == claim.text
    settle(qtbot, window)
    expected = window.service.search(claim.text, 50, passing=True)
    assert [view.results.hits.found_at(r).hit.article_id
            for r in range(view.results.hits.rowCount())] == [h.article_id for h in expected]
    assert "carry this claim" in view.summary.text()


def test_double_click_reads_the_article_at_the_sentence(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    results = view.results
    second = results.hits.found_at(1).hit
    results.scrollTo(results.hits.index(1))
    point = results.visualRect(results.hits.index(1)).center()
    # A real double-click starts with a press (Qt 6 opens only the row pressed first).
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(results.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle(qtbot, window)
    article = window.article
    assert window.tabs.currentWidget() is article and article.article_id == second.article_id
    assert article.text.textCursor().selectedText() == second.sentence


def test_the_keyboard_goes_through_the_results(qtbot: QtBot, window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    qtbot.keyClick(view.query, Qt.Key.Key_Down)
    assert view.results.hasFocus() and view.results.currentIndex().row() == 0
    qtbot.keyClick(view.results, Qt.Key.Key_Down)
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.article.article_id == view.results.hits.found_at(1).hit.article_id
    assert view.results.hasFocus(), "the next hit is one arrow away"
    qtbot.keyClick(view.results, Qt.Key.Key_Escape)
    assert view.query.hasFocus()
    qtbot.keyClick(view.query, Qt.Key.Key_Escape)
    assert window.table.hasFocus()


def test_a_newer_search_supersedes_an_older_one(qtbot: QtBot, window: MainWindow) -> None:
    search = window.article_search
    search.ask(QUERY)
    search.ask("zzyzx quokka")
    settle(qtbot, window)
    assert search.view.summary.text().startswith("<b>0 articles carry this claim</b>")
    assert "Find claims (Ctrl+F)" in search.view.summary.text()
    assert search.view.results.hits.rowCount() == 0


def test_results_follow_an_import(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    before = view.results.hits.rowCount()
    wire = tmp_path / "wire.txt"
    wire.write_text("Yonhap report\n\nSouth Korean intelligence said on Thursday that around "
                    "350 DPRK soldiers died fighting in Kursk.\n", encoding="utf-8")
    window.transfers.import_paths([wire])
    settle(qtbot, window)
    assert view.results.hits.rowCount() == before + 1
    window.notices.messages[-1].accept()  # the import's summary
    # Closed, the panel is marked stale and searches again when it opens.
    qtbot.mouseClick(window.article_search.view.close_button, Qt.MouseButton.LeftButton)
    assert not window.article_search.is_open
    window.hub.announce(EVERYTHING, Origin.COLLEAGUE)
    assert window.article_search.stale and not window.article_search.searching
    window.menu_actions.search_articles_action.trigger()
    assert window.article_search.searching
    settle(qtbot, window)
    assert not window.article_search.stale and view.results.hits.rowCount() == before + 1


def test_show_more_asks_for_the_next_page(qtbot: QtBot, window: MainWindow) -> None:
    search = window.article_search
    search.page = 2
    search.ask(QUERY)
    settle(qtbot, window)
    summary = search.view.summary
    assert "The first 2 articles that carry this claim" in summary.text()
    hits = search.view.results.hits
    assert [hits.found_at(r).hit.about for r in range(hits.rowCount())][:2] == [True, True]
    summary.linkActivated.emit("more")
    settle(qtbot, window)
    assert sum(hits.found_at(r).hit.about for r in range(hits.rowCount())) == 4
    assert search.view.results.hits.found_at(0).hit.article_id == window.service.search(
        QUERY, 4)[0].article_id


def test_a_right_click_on_a_claim_offers_its_articles(qtbot: QtBot, window: MainWindow) -> None:
    table = window.table
    point = table.visualRect(window.model.index(2, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.RightButton, pos=point)
    table.customContextMenuRequested.emit(point)
    menu = next(m for m in table.findChildren(QMenu) if m.isVisible())
    assert menu.actions()[0] is window.menu_actions.claim_articles_action
    menu.actions()[0].trigger()
    menu.close()
    assert window.article_search.view.query.text() == window.model.claim_at(2).text
    settle(qtbot, window)
    assert "carry this claim" in window.article_search.view.summary.text()


def test_another_project_forgets_the_hits(qtbot: QtBot, window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    window.hub.announce(EVERYTHING, Origin.PROJECT)
    settle(qtbot, window)
    assert view.results.hits.rowCount() == 0 and window.article_search.query is None
    assert view.summary.text() == START and view.query.text() == QUERY


def test_a_new_search_starts_at_its_first_hit(qtbot: QtBot, window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    results = view.results
    assert results.hits.rowCount() > 3
    results.setFocus()
    for _ in range(3):
        qtbot.keyClick(results, Qt.Key.Key_Down)
    assert results.currentIndex().row() == 3
    # A different claim whose hits hold the article the user was on.
    view.query.setFocus()
    view.query.clear()
    qtbot.keyClicks(view.query, "North Korean troops killed in Kursk region")
    qtbot.keyClick(view.query, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert results.currentIndex().row() == 0
    assert results.selectionModel().selectedRows() == [results.hits.index(0)]
    top = results.visualRect(results.hits.index(0))
    assert top.top() >= 0 and results.verticalScrollBar().value() == 0
    qtbot.keyClick(view.query, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.article.article_id == results.hits.found_at(0).hit.article_id


def test_tab_leaves_the_results(qtbot: QtBot, window: MainWindow) -> None:
    view = search_by_keyboard(qtbot, window, QUERY)
    qtbot.keyClick(view.query, Qt.Key.Key_Down)
    assert view.results.hasFocus()
    qtbot.keyClick(view.results, Qt.Key.Key_Tab)
    assert not view.results.hasFocus()
    assert view.results.currentIndex().row() == 0


def test_an_untitled_csv_row_is_named_by_its_id_everywhere(qtbot: QtBot, window: MainWindow,
                                                           tmp_path: Path) -> None:
    rows = tmp_path / "bodies.csv"
    rows.write_text("Body ID,articleBody\n199,South Korean intelligence said on Thursday "
                    "that around 350 DPRK soldiers died fighting in Kursk.\n",
                    encoding="utf-8")
    window.service.import_paths([rows], source="FNC-1", id_column="Body ID")
    window.hub.announce(EVERYTHING, Origin.COLLEAGUE)
    settle(qtbot, window)
    view = search_by_keyboard(qtbot, window, QUERY)
    hits = view.results.hits
    row = next(r for r in range(hits.rowCount()) if hits.found_at(r).hit.external_id == "199")
    assert hits.index(row).data(HtmlRole).startswith("<b>Article id 199</b><br>")
    article_id = hits.found_at(row).hit.article_id
    names = [window.sources.topLevelItem(t).child(c).text(0)
             for t in range(window.sources.topLevelItemCount())
             for c in range(window.sources.topLevelItem(t).childCount())]
    assert "Article id 199" in names
    view.results.setCurrentIndex(hits.index(row))
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.article.article_id == article_id
    assert window.article.heading.text().startswith("<b>Article id 199</b><br>FNC-1 · ")


def test_articles_holding_the_words_in_passing_are_listed_apart(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    rows = tmp_path / "bodies.csv"
    with rows.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text"], [1, FOLEY], [2, ISIS_MOTHER]])
    window.service.import_paths([rows], source="FNC-1", id_column="id", text_column="text")
    window.hub.announce(EVERYTHING, Origin.COLLEAGUE)
    settle(qtbot, window)
    view = search_by_keyboard(qtbot, window, BEHEADING)
    # The Foley story carries the claim; the Kurdish mother's story names the group, Iraq
    # and beheadings in passing: listed below it, said apart, and not counted.
    assert view.summary.text() == (
        "<b>1 article carries this claim</b> · 1 independent origin: 0 state it, 1 reports "
        "it without taking a side, 0 contradict it<br>Below it, 1 more mentions its words in "
        "passing, about something else (not counted)")
    hits = view.results.hits
    assert [hits.found_at(r).hit.external_id for r in range(hits.rowCount())] == ["1", "2"]
    assert "In passing, about something else" not in hits.index(0).data(HtmlRole)
    assert "<small>In passing, about something else · FNC-1" in hits.index(1).data(HtmlRole)

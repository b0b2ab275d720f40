"""The article view's highlights and their legend, on a light and on a dark window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import HIGHLIGHT, Verdict
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.article_view import ArticleDialog
from tests.ui.conftest import settle


def _dark() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#E8EAED"),
                         (QPalette.ColorRole.Base, "#202124"),
                         (QPalette.ColorRole.Text, "#E8EAED")):
        palette.setColor(role, QColor(colour))
    return palette


def _fills(window: MainWindow) -> list[QColor]:
    return [s.format.background().color() for s in window.article.text.extraSelections()]


def test_highlights_have_a_legend_and_stay_dark_on_a_dark_window(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    window.open_article(4)
    settle(qtbot, window)
    legend = window.article.legend.text()
    assert all(v.capitalize() in legend for v in Verdict)
    assert HIGHLIGHT[Verdict.UNREVIEWED].light in legend
    assert _fills(window) and all(c.lightness() > 180 for c in _fills(window))
    light = QApplication.palette()
    try:
        QApplication.setPalette(_dark())
        qtbot.waitUntil(lambda: HIGHLIGHT[Verdict.UNREVIEWED].dark in window.article.legend.text())
        fills = _fills(window)
        assert fills and all(c.lightness() < 100 for c in fills), "no bright page in dark mode"
        inks = {s.format.foreground().color().lightness()
                for s in window.article.text.extraSelections()}
        assert min(inks) > 200
    finally:
        QApplication.setPalette(light)
    qtbot.waitUntil(lambda: HIGHLIGHT[Verdict.UNREVIEWED].light in window.article.legend.text())


def test_an_undated_article_stays_undated_when_its_source_is_corrected(
        qtbot: QtBot, window: MainWindow) -> None:
    undated = next(a for a in window.service.articles() if a.published is None)
    window.open_article(undated.id)
    settle(qtbot, window)
    qtbot.mouseClick(window.article.edit, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = next(d for d in window.findChildren(ArticleDialog) if d.isVisible())
    assert dialog.undated.isChecked() and not dialog.published.isEnabled()
    dialog.source.setText("Yonhap")
    dialog.accept()
    settle(qtbot, window)
    article = window.service.article(undated.id)
    assert (article.source, article.published) == ("Yonhap", None)
    dated = next(a for a in window.service.articles() if a.published is not None)
    window.open_article(dated.id)
    settle(qtbot, window)
    qtbot.mouseClick(window.article.edit, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    dialog = next(d for d in window.findChildren(ArticleDialog)
                  if d.isVisible() and not d.undated.isChecked())
    dialog.undated.setChecked(True)
    dialog.accept()
    settle(qtbot, window)
    assert window.service.article(dated.id).published is None


def test_a_mention_opened_from_the_claim_pane_is_in_view(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    """At 720 px, double-clicking a mention near an article's end showed the article's
    top: the sentence was selected, but scrolled to while the Article tab was hidden and
    laid out at another width (FNC-1, under Xvfb)."""
    window.resize(720, 800)
    qtbot.waitUntil(lambda: window.width() == 720)
    bodies = {a.id: len(window.service.article_body(a.id)) for a in window.service.articles()}
    mentions = window.service.mentions([c.id for c in window.service.claims()])
    last = max(mentions, key=lambda m: m.start / bodies[m.article_id] + (m.start > 1500))
    window.select_claim(last.claim_id)
    settle(qtbot, window)
    assert window.tabs.currentWidget() is window.detail
    window.detail.article_requested.emit(last.article_id, last.start, last.end)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.article)
    qtbot.wait(50)
    text = window.article.text
    assert text.selection() == (last.start, last.end)
    assert text.verticalScrollBar().value() > 0
    assert text.viewport().rect().contains(text.cursorRect().center())

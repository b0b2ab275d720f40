"""Dialogs open wide enough for their title and for what is typed into their fields
(seen under Xvfb: "Set so… tDesk", URL fields showing "https://example.o…")."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.ui.dialogs import PreferencesDialog, ServerDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.article_view import ArticleDialog
from desktop.ui.widgets.sizing import TITLE_BAR_EXTRA


def _shown_whole(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    metrics = dialog.fontMetrics()
    title = f"{dialog.windowTitle()} — {QApplication.applicationDisplayName()}"
    assert dialog.width() >= metrics.horizontalAdvance(title) + TITLE_BAR_EXTRA
    for field in dialog.findChildren(QLineEdit):
        if field.isVisible() and field.placeholderText():
            assert field.width() > metrics.horizontalAdvance(field.placeholderText()), \
                field.placeholderText()
    dialog.close()


def test_preferences_server_and_article_dialogs_show_their_fields_whole(
        qtbot: QtBot, window: MainWindow) -> None:
    for dialog in (PreferencesDialog(window.settings, window), ServerDialog(None, window),
                   ArticleDialog("KCNA", "Kim vows to support Russia", None, window)):
        _shown_whole(qtbot, dialog)


def test_the_set_source_dialog_has_room_for_its_title(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    _shown_whole(qtbot, window.sources.ask_source(window.sources.selected_articles()))

"""Dialogs open wide enough for their title and for what is typed into their fields
(seen under Xvfb: "Set so… tDesk", URL fields showing "https://example.o…")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.dialogs import PreferencesDialog, ServerDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.article_view import ArticleDialog
from desktop.ui.widgets.sizing import TITLE_BAR_EXTRA
from tests.ui.conftest import settle


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


def test_import_finished_names_the_bad_files(qtbot: QtBot, empty_window: MainWindow,
                                            tmp_path: Path) -> None:
    """A bad file in the middle of a batch: the summary names it and says why, not only
    "1 failed" with the names under Show Details (trial10); past three, a count."""
    (tmp_path / "a_story.txt").write_text(
        "Kim Jong Un met Sergei Shoigu in Pyongyang on Wednesday, state media said.",
        encoding="utf-8")
    for name in ("b_scan.pdf", "c_scan.pdf", "d_scan.pdf", "e_scan.pdf"):
        (tmp_path / name).write_bytes(bytes(range(256)) * 8)
    empty_window.transfers.import_paths([tmp_path])
    settle(qtbot, empty_window, 60_000)
    summary = empty_window.messages[-1]
    assert isinstance(summary, QMessageBox) and "4 failed" in summary.text()
    named = [line for line in summary.text().splitlines() if "_scan.pdf: " in line]
    assert [line.split(":")[0] for line in named] == ["b_scan.pdf", "c_scan.pdf",
                                                      "d_scan.pdf"]
    assert all(len(line) > len("b_scan.pdf: ") + 10 for line in named)
    assert "and 1 more" in summary.text()
    assert "e_scan.pdf" in summary.detailedText()

"""ClaimReview from the window: who publishes and where come from Preferences, and a
review that cannot be published is named in the message, not written."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.ui.dialogs import PreferencesDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.ui.conftest import settle


def _export(qtbot: QtBot, window: MainWindow, target: Path) -> str:
    before = len(window.messages)
    with qtbot.waitSignal(window.runner.idle, timeout=60_000):
        window.transfers.export_to(target, current_filter=False)
    qtbot.waitUntil(lambda: len(window.messages) > before)
    return str(window.messages[-1].text())


def test_reviews_take_their_url_and_author_from_preferences(qtbot: QtBot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    window.service.set_verdict(1, "confirmed", by="ana")
    window.service.set_review_state(1, "done", by="ana")
    target = tmp_path / "reviews.json"
    said = _export(qtbot, window, target)
    assert said.startswith(f"{target}: no review published, 1 done review skipped because it "
                           "has no review URL (set the review URL in Preferences)")
    assert "--review-url" not in said
    assert window.statusBar().currentMessage() == said.split("\n")[0]
    assert json.loads(target.read_text("utf-8")) == []

    window.projects.ask_preferences()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.review_url, "https://checks.example/c/{id}")
    qtbot.keyClicks(dialog.author, "Desk Checks")
    qtbot.keyClicks(dialog.author_url, "https://checks.example")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    _export(qtbot, window, target)
    [review] = json.loads(target.read_text("utf-8"))
    assert review["url"] == "https://checks.example/c/1"
    assert review["author"] == {"@type": "Organization", "name": "Desk Checks",
                                "url": "https://checks.example"}


def test_an_export_with_no_review_done_says_so_and_how(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: Path) -> None:
    target = tmp_path / "reviews.json"
    message = _export(qtbot, window, target)
    assert message.startswith(f"{target}: no review is marked done, the file holds an empty "
                              "list")
    assert "press R on the claim" in message
    assert json.loads(target.read_text("utf-8")) == []


def _answer_file_dialog(seen: list[str], chosen: Path | None) -> None:
    """Once the file dialog is open: note the folder it shows, then choose ``chosen``
    (None: cancel)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)  # not open yet
            return
        seen.append(dialog.directory().absolutePath())
        if chosen is None:
            dialog.reject()
        else:
            dialog.selectFile(str(chosen))
            dialog.accept()

    QTimer.singleShot(20, answer)


def test_file_dialogs_start_in_the_last_folder_used(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    seen: list[str] = []
    _answer_file_dialog(seen, folder / "claims.xlsx")
    window.menu_actions.export_action.trigger()
    settle(qtbot, window)
    assert (folder / "claims.xlsx").exists()
    assert seen == [str(Path.home())], "nothing used yet: home"
    for action in (window.menu_actions.import_action,
                   next(a for a in window.menu_actions.all if a.text() == "&Open project…")):
        _answer_file_dialog(seen, None)
        action.trigger()
    assert seen[1:] == [str(folder), str(folder)]
    # The choice survives the window: the next start opens there too.
    assert window.start_folder() == str(folder) == Settings().last_folder

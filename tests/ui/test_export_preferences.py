"""ClaimReview from the window: who publishes and where come from Preferences, and a
review that cannot be published is named in the message, not written."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.ui.dialogs import PreferencesDialog
from desktop.ui.main_window import MainWindow


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

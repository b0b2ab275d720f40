"""Starting the window: the demo project (offered to be kept once worked on) and the
recent projects list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.service import Service
from desktop.ui.app import open_window
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import settle


def _visible(kind: type) -> list[Any]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _demo_with_a_verdict(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = open_window(tmp_path / "demo.sqlite", demo=True)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(_visible(QMessageBox)))  # the import's summary
    _visible(QMessageBox)[0].accept()
    window.table.setFocus()
    window.table.selectRow(0)
    settle(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_C)
    settle(qtbot, window)
    return window


def _answer(qtbot: QtBot, button: str, then: Callable[[], None] | None = None) -> None:
    """Click ``button`` of the question the close is about to ask."""
    def click() -> None:
        [box] = _visible(QMessageBox)
        chosen = next(b for b in box.buttons() if b.text() == button)
        if then is not None:
            QTimer.singleShot(0, then)
        chosen.click()
    QTimer.singleShot(0, click)


def test_a_worked_demo_is_saved_where_the_user_says(qtbot: QtBot, tmp_path: Path) -> None:
    window = _demo_with_a_verdict(qtbot, tmp_path)
    claim_id = window.current_claim_id()
    kept = tmp_path / "kept" / "my-demo.sqlite"
    kept.parent.mkdir()

    def choose_file() -> None:
        [dialog] = _visible(QFileDialog)
        dialog.selectFile(str(kept))
        dialog.accept()

    _answer(qtbot, "Save as…", choose_file)
    assert window.close()
    assert not list(kept.parent.glob(".*.part"))
    copy = Service.open(kept)
    try:
        assert copy.claim(claim_id).claim.verdict == "confirmed"
        assert copy.stats().articles == 5
    finally:
        copy.close()


def test_cancel_keeps_the_demo_window_open(qtbot: QtBot, tmp_path: Path) -> None:
    window = _demo_with_a_verdict(qtbot, tmp_path)
    _answer(qtbot, "Cancel")
    assert not window.close()
    assert window.isVisible()
    _answer(qtbot, "Discard")
    assert window.close()


def test_the_project_opened_is_in_recent_projects_and_the_demo_is_not(
        qtbot: QtBot, tmp_path: Path) -> None:
    project = tmp_path / "story.sqlite"
    window = open_window(project)
    qtbot.addWidget(window)
    recent = window.menu_actions.recent_menu
    assert recent.isEnabled()
    assert [a.text() for a in recent.actions()] == [window.service.project_name()]
    window.close()
    demo = open_window(tmp_path / "demo.sqlite", demo=True)
    qtbot.addWidget(demo)
    settle(qtbot, demo)
    assert [a.text() for a in demo.menu_actions.recent_menu.actions()] == [
        window.service.project_name()]


def test_the_window_says_it_upgraded_an_old_project(qtbot: QtBot, old_project: Path) -> None:
    window = open_window(old_project)
    qtbot.addWidget(window)
    window.show()
    # Said once the window is shown, so the notice opens over it, not behind it.
    assert not window.notices.messages
    qtbot.waitUntil(lambda: bool(window.notices.messages))
    assert "from schema 0004" in window.statusBar().currentMessage()
    [notice] = [box for box in _visible(QMessageBox) if box.parent() is window]
    assert "story-0004-" in notice.text() and not notice.isModal()
    notice.accept()


def test_switching_to_an_old_project_says_it_was_upgraded(qtbot: QtBot, tmp_path: Path,
                                                          old_project: Path) -> None:
    window = open_window(tmp_path / "new.sqlite")
    qtbot.addWidget(window)
    assert not window.notices.messages
    window.projects.open(old_project)
    qtbot.waitUntil(lambda: bool(window.notices.messages))
    settle(qtbot, window)
    assert "from schema 0004" in window.statusBar().currentMessage()
    [notice] = window.notices.messages
    assert "story-0004-" in notice.text()
    notice.accept()

"""Two windows on one project, as two colleagues work: nothing is overwritten unseen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.service import Service
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.stale import StaleEditDialog
from tests.conftest import SEEDS
from tests.ui.conftest import settle


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def project(request: pytest.FixtureRequest, seeded_path: Path) -> str:
    """The seeds in a SQLite file, or on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(seeded_path)
    url = request.getfixturevalue("pg_url")
    service = Service.open(url)
    service.import_paths([SEEDS])
    service.close()
    return str(url)


def open_window(qtbot: QtBot, project: str) -> MainWindow:
    window = MainWindow(Service.open(project), Settings())
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    window.table.setFocus()
    window.table.selectRow(0)
    settle(qtbot, window)
    return window


@pytest.fixture
def two(qtbot: QtBot, project: str) -> Iterator[tuple[MainWindow, MainWindow]]:
    """Windows A and B on the same project, both showing the top claim."""
    a, b = open_window(qtbot, project), open_window(qtbot, project)
    assert a.current_claim_id() == b.current_claim_id()
    yield a, b
    for window in (a, b):
        window.close()


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key in this window's table (the window a user's keys go to)."""
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, key, modifier)
    settle(qtbot, window)


def stale_dialog(qtbot: QtBot, window: MainWindow) -> StaleEditDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(StaleEditDialog)))
    return next(d for d in window.findChildren(StaleEditDialog) if d.isVisible())


def test_a_stale_verdict_asks_and_keep_theirs_keeps_theirs(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    a, b = two
    claim_id = a.current_claim_id()
    press(qtbot, b, Qt.Key.Key_C)
    press(qtbot, a, Qt.Key.Key_D)
    dialog = stale_dialog(qtbot, a)
    assert "confirmed" in dialog.summary.text() and "mark it disputed" in dialog.summary.text()
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    settle(qtbot, a)
    assert a.service.claim(claim_id).claim.verdict == "confirmed"
    assert a.detail.detail.claim.verdict == "confirmed", "A now shows B's verdict"
    assert not a.undo_stack.canUndo(), "a refused edit leaves no undo entry"


def test_a_stale_verdict_asks_and_apply_mine_applies_mine(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    a, b = two
    claim_id = a.current_claim_id()
    press(qtbot, b, Qt.Key.Key_C)
    press(qtbot, a, Qt.Key.Key_F)
    dialog = stale_dialog(qtbot, a)
    qtbot.mouseClick(dialog.apply_mine, Qt.MouseButton.LeftButton)
    settle(qtbot, a)
    detail = a.service.claim(claim_id)
    assert detail.claim.verdict == "false"
    assert [e.new for e in detail.history if e.field == "verdict"] == ["confirmed", "false"]
    assert a.model.claim_at(0).verdict == "false"


def test_undo_after_a_colleagues_change_is_refused(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    a, b = two
    claim_id = a.current_claim_id()
    press(qtbot, a, Qt.Key.Key_C)
    press(qtbot, b, Qt.Key.Key_F5)
    press(qtbot, b, Qt.Key.Key_F)
    assert b.service.claim(claim_id).claim.verdict == "false"
    press(qtbot, a, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(a.messages))
    assert str(claim_id) in a.messages[-1].text()
    assert a.messages[-1].text().startswith("Cannot undo")
    assert a.service.claim(claim_id).claim.verdict == "false"
    assert not a.undo_stack.canUndo() and not a.undo_stack.canRedo(), "no phantom entry"


def test_quick_keys_in_one_window_are_not_stale_against_each_other(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    a, _b = two
    claim_id = a.current_claim_id()
    press(qtbot, a, Qt.Key.Key_U)
    for key in (Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_F):
        qtbot.keyClick(a.table, key)
    settle(qtbot, a)
    assert not any(d.isVisible() for d in a.findChildren(StaleEditDialog))
    assert a.service.claim(claim_id).claim.verdict == "false"


def test_a_key_right_after_an_undo_is_not_stale_against_it(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    a, _b = two
    claim_id = a.current_claim_id()
    press(qtbot, a, Qt.Key.Key_C)
    qtbot.keyClick(a.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(a.table, Qt.Key.Key_D)
    settle(qtbot, a)
    assert not any(d.isVisible() for d in a.findChildren(StaleEditDialog))
    assert a.service.claim(claim_id).claim.verdict == "disputed"


def test_a_note_added_after_a_colleagues_verdict_is_kept_without_asking(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    """A note overwrites nothing: it is added, and the pane then shows B's verdict."""
    a, b = two
    claim_id = a.current_claim_id()
    press(qtbot, b, Qt.Key.Key_C)
    notes = a.detail.notes
    qtbot.keyClicks(notes.note, "KCNA text checked")
    qtbot.mouseClick(notes.save, Qt.MouseButton.LeftButton)
    settle(qtbot, a)
    assert not any(d.isVisible() for d in a.findChildren(StaleEditDialog))
    assert [e.text for e in a.service.claim(claim_id).evidence] == ["KCNA text checked"]
    assert a.detail.detail.claim.verdict == "confirmed", "A now shows B's verdict"
    press(qtbot, a, Qt.Key.Key_F)  # A has seen B's verdict now: no question to ask
    assert not any(d.isVisible() for d in a.findChildren(StaleEditDialog))
    assert a.service.claim(claim_id).claim.verdict == "false"


def test_the_pane_reading_a_newer_claim_brings_the_row_along(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    """B confirms the claim; A goes to another row and back: the pane's fresh read updates
    A's row and totals, and counts as looked at, so A's next key asks nothing."""
    a, b = two
    claim_id = a.current_claim_id()
    before = a.model.claim_at(0).verdict
    press(qtbot, b, Qt.Key.Key_C)
    assert a.model.claim_at(0).verdict == before != "confirmed"
    press(qtbot, a, Qt.Key.Key_Down)
    press(qtbot, a, Qt.Key.Key_Up)
    assert a.current_claim_id() == claim_id
    assert a.detail.detail.claim.verdict == "confirmed"
    assert a.model.claim_at(0).verdict == "confirmed", "the row follows the pane"
    totals = b.service.claim_totals().by_verdict
    qtbot.waitUntil(lambda: f"{totals['confirmed']} confirmed" in a.totals.text())
    press(qtbot, a, Qt.Key.Key_D)
    assert not any(d.isVisible() for d in a.findChildren(StaleEditDialog))
    assert a.service.claim(claim_id).claim.verdict == "disputed"


def test_the_stale_edit_dialog_has_room_for_its_title(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    a, b = two
    press(qtbot, b, Qt.Key.Key_C)
    press(qtbot, a, Qt.Key.Key_D)
    dialog = stale_dialog(qtbot, a)
    title = dialog.windowTitle()
    assert title == f"Claim {a.current_claim_id()} was changed meanwhile"
    assert dialog.width() >= QFontMetrics(dialog.font()).horizontalAdvance(title) + 150
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    settle(qtbot, a)


def reword(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type a claim's new wording in the pane and press Save wording."""
    box = window.detail.text
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.mouseClick(window.detail.save_text, Qt.MouseButton.LeftButton)
    settle(qtbot, window)


def test_keeping_a_colleagues_wording_drops_mine_from_the_box(
        qtbot: QtBot, two: tuple[MainWindow, MainWindow]) -> None:
    """B rewords the claim A is rewording; A keeps B's: A's box then holds B's wording
    with nothing to save, and a later Save writes only what A types after seeing it
    (trial9: A's text stayed in the box, Save enabled, and a second Save wrote it over
    B's without asking)."""
    a, b = two
    claim_id = a.current_claim_id()
    reword(qtbot, b, "B's wording of the claim")
    reword(qtbot, a, "A's wording of the claim")
    dialog = stale_dialog(qtbot, a)
    assert "reword it as" in dialog.summary.text()
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    settle(qtbot, a)
    qtbot.waitUntil(lambda: a.detail.text.toPlainText() == "B's wording of the claim")
    assert not a.detail.save_text.isEnabled()
    assert a.service.claim(claim_id).claim.text == "B's wording of the claim"
    # A's wording is not put aside either: another claim and back shows B's.
    press(qtbot, a, Qt.Key.Key_Down)
    press(qtbot, a, Qt.Key.Key_Up)
    assert a.detail.text.toPlainText() == "B's wording of the claim"
    reword(qtbot, a, "A's wording, having read B's")
    assert not any(d.isVisible() for d in a.findChildren(StaleEditDialog))
    assert a.service.claim(claim_id).claim.text == "A's wording, having read B's"

"""The window's command keys work while a text field has focus, and a field keeps the keys
that edit its text (defect found on X11: Ctrl+E did nothing in the claims search)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.dialogs import ClaimChooser
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import settle

CTRL = Qt.KeyboardModifier.ControlModifier
END_OF_LINE = QKeySequence("Ctrl+E")


class X11LineEditBindings(QObject):
    """What a line edit does on X11 that it does not do offscreen: it claims Ctrl+E (its
    "end of line", QKeySequence.MoveToEndOfLine there) when Qt offers it the key before
    the shortcuts. Where the platform binds Ctrl+E itself, the field does it on its own."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and QKeySequence(event.keyCombination()) == END_OF_LINE):
            event.accept()
            return True
        return False


def _fields(window: MainWindow) -> dict[str, Callable[[], QWidget]]:
    notes = window.detail.notes
    return {"claims search": lambda: window.filter_bar.search,
            "minimum sources": lambda: window.filter_bar.min_sources,
            "note": lambda: notes.note, "note link": lambda: notes.link,
            "article search": lambda: window.article_search.view.query}


def _focus(qtbot: QtBot, window: MainWindow, field: QWidget) -> None:
    """Focus ``field`` from the table, as a user comes to it."""
    window.activateWindow()
    window.table.setFocus()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and field.hasFocus())


def _dialog_titles_opened() -> list[str]:
    """Once a modal dialog opens: note its title and close it."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(20, answer)
    return seen


@pytest.mark.parametrize("name", ["claims search", "minimum sources", "note", "note link",
                                  "article search"])
def test_ctrl_e_exports_from_a_text_field_that_claims_it(qtbot: QtBot, window: MainWindow,
                                                         name: str) -> None:
    window.article_search.ask()
    field = _fields(window)[name]()
    bindings = X11LineEditBindings(field)
    if END_OF_LINE not in QKeySequence.keyBindings(QKeySequence.StandardKey.MoveToEndOfLine):
        # Stands for the field's own handling, which comes after every event filter: the
        # field gets focus after it.
        field.installEventFilter(bindings)
    _focus(qtbot, window, field)
    seen = _dialog_titles_opened()
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["Export claims"]


def test_window_keys_from_the_claims_search(qtbot: QtBot, window: MainWindow) -> None:
    search = window.filter_bar.search
    _focus(qtbot, window, search)
    qtbot.keyClick(search, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.article_search.is_open and window.article_search.view.query.hasFocus()
    _focus(qtbot, window, search)
    with qtbot.waitSignal(window.menu_actions.refresh_action.triggered):
        qtbot.keyClick(search, Qt.Key.Key_F5)


def test_a_field_keeps_the_keys_that_edit_its_text(qtbot: QtBot, window: MainWindow) -> None:
    """Select all, Home, End, Ctrl+Left and Ctrl+Z act on the typed text; Ctrl+Z undoes
    the typing, not the verdict given before."""
    window.table.setFocus()
    window.table.selectRow(0)
    claim_id = window.selected_claim_ids()[0]
    _focus(qtbot, window, window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_C)
    settle(qtbot, window)
    search = window.filter_bar.search
    _focus(qtbot, window, search)
    qtbot.keyClicks(search, "troops killed")
    qtbot.keyClick(search, Qt.Key.Key_Home)
    assert search.cursorPosition() == 0
    qtbot.keyClick(search, Qt.Key.Key_End)
    qtbot.keyClick(search, Qt.Key.Key_Left, CTRL)
    assert search.cursorPosition() == len("troops ")
    qtbot.keyClick(search, Qt.Key.Key_A, CTRL)
    assert search.selectedText() == "troops killed"
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)
    assert search.text() == ""
    settle(qtbot, window)
    assert window.service.claim(claim_id).claim.verdict == "confirmed"


def test_tab_goes_from_the_claims_to_the_mentions_and_the_notes(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    """Tab leaves the claims table and passes the claim's wording on its way to the
    mentions and the note: the table stepped Tab through its cells and claims, the
    wording box typed it."""
    _focus(qtbot, window, window.table)
    shown, wording = window.current_claim_id(), window.detail.text.toPlainText()
    reached = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert window.detail.mentions in reached and window.detail.notes.note in reached
    assert window.current_claim_id() == shown
    assert window.detail.text.toPlainText() == wording


def test_enter_on_a_mention_reads_it_in_its_article(qtbot: QtBot, window: MainWindow) -> None:
    """The keyboard's double-click: the mention's article opens at its sentence."""
    mentions = window.detail.mentions
    _focus(qtbot, window, mentions)
    qtbot.keyClick(mentions, Qt.Key.Key_Down)
    qtbot.keyClick(mentions, Qt.Key.Key_Down)
    mention = mentions.mentions.mention_at(mentions.currentIndex().row())
    assert mention is not None
    qtbot.keyClick(mentions, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.tabs.currentWidget() is window.article
    assert window.article.article_id == mention.article_id
    assert window.article.text.hasFocus(), "arrows and Page Down read on"


def test_down_in_the_claim_chooser_moves_among_the_claims_found(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    """Words typed, Down, Down, Enter: the mention goes to the third claim found, the
    focus never leaving the words."""
    detail = window.detail
    row = next(r for r in range(detail.mentions.mentions.rowCount())
               if detail.mentions.mentions.mention_at(r) is not None)
    moved = detail.mentions.mentions.mention_at(row)
    menu = detail.mention_menu(row)
    next(a for a in menu.actions() if a.text() == "Move to claim…").trigger()
    chooser = next(d for d in window.findChildren(ClaimChooser) if d.isVisible())
    qtbot.keyClicks(chooser.words, "Shoigu")
    qtbot.waitUntil(lambda: chooser.claims.count() > 3
                    and all("#" in chooser.claims.item(i).text() for i in range(3)))
    settle(qtbot, window)
    third = chooser.claims.item(2).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(chooser.words, Qt.Key.Key_Down)
    qtbot.keyClick(chooser.words, Qt.Key.Key_Down)
    assert chooser.chosen() == third and chooser.words.hasFocus()
    qtbot.keyClick(chooser.words, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert any(m.id == moved.id for m in window.service.claim(third).mentions)


def test_esc_goes_back_to_the_claims_from_the_claim_pane_and_the_article(
        qtbot: QtBot, window: MainWindow) -> None:
    mentions = window.detail.mentions
    for field in (mentions, window.detail.notes.note):
        _focus(qtbot, window, field)
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert window.table.hasFocus()
    _focus(qtbot, window, mentions)
    qtbot.keyClick(mentions, Qt.Key.Key_Down)
    qtbot.keyClick(mentions, Qt.Key.Key_Down)
    qtbot.keyClick(mentions, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not mentions and mentions.isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert mentions.hasFocus(), "Esc closed the stance drop-down, nothing more"
    qtbot.keyClick(mentions, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.article.text.hasFocus()
    qtbot.keyClick(window.article.text, Qt.Key.Key_Escape)
    assert window.table.hasFocus()


@pytest.mark.parametrize(("key", "field"), [
    (QKeySequence("Ctrl+Shift+F"), "article search"), (QKeySequence("Ctrl+F"), "claims search")])
def test_a_command_key_in_a_notice_is_the_windows(qtbot: QtBot, window: MainWindow,
                                                  key: QKeySequence, field: str) -> None:
    """"Export finished" takes the keyboard when it opens; Ctrl+Shift+F then a query typed
    went nowhere (under Xvfb: no search opened, the letters lost in the notice, and after
    Enter closed it the next letters set verdicts). Now the notice steps aside, the search
    opens and the letters are the query: no claim's verdict changes."""
    verdicts = {c.id: c.verdict for c in window.service.claims()}
    window.notices.info("Export finished", "Exported 56 claims to claims.xlsx")
    notice = window.notices.messages[-1]
    notice.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is notice
                    and notice.isAncestorOf(QApplication.focusWidget()))
    combination = key[0]
    qtbot.keyClick(QApplication.focusWidget(), combination.key(),
                   combination.keyboardModifiers())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not notice.isVisible()
    box = _fields(window)[field]()
    assert QApplication.focusWidget() is box
    for letter in "fdc":
        qtbot.keyClick(QApplication.focusWidget(), letter)
    settle(qtbot, window)
    assert box.text() == "fdc"
    assert {c.id: c.verdict for c in window.service.claims()} == verdicts


def test_a_notice_keeps_its_own_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Enter still closes the notice and Ctrl+C still copies its text: only the window's
    command keys pass through it."""
    window.notices.info("Export finished", "Exported 56 claims to claims.xlsx")
    notice = window.notices.messages[-1]
    notice.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is notice)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, CTRL)
    assert notice.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not notice.isVisible())


def test_enter_presses_ok_after_show_details(qtbot: QtBot, empty_window: MainWindow,
                                             tmp_path: Path) -> None:
    """"Import finished" with a failure: after a click on "Show Details…", Enter toggled
    the details (the clicked button had become the box's default) instead of pressing
    OK, and the box could not be closed from the keyboard."""
    (tmp_path / "story.txt").write_text(
        "Kim Jong Un met Sergei Shoigu in Pyongyang on Wednesday, state media said.",
        encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(bytes(range(256)) * 8)
    empty_window.transfers.import_paths([tmp_path])
    settle(qtbot, empty_window, 60_000)
    summary = empty_window.messages[-1]
    assert isinstance(summary, QMessageBox) and "1 failed" in summary.text()
    summary.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is summary)
    details = next(b for b in summary.buttons()
                   if summary.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
    details_shown = summary.findChild(QTextEdit)
    qtbot.mouseClick(details, Qt.MouseButton.LeftButton)
    assert details_shown is not None and details_shown.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not summary.isVisible())
    assert summary.clickedButton() is summary.button(QMessageBox.StandardButton.Ok)

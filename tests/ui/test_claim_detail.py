"""The claim view as a reviewer uses it: mentions by stance, room on a laptop, review state,
unsaved input kept with its claim."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.core.dto import ClaimFilter
from desktop.ui.hub import EVERYTHING, Origin
from desktop.ui.layout import pane_sizes
from desktop.ui.main_window import MainWindow
from desktop.ui.models.mentions_model import MENTION, STANCE, SentenceRole, where
from desktop.ui.widgets.filter_bar import SEARCH_LEAST
from desktop.ui.widgets.notes_pane import FIELD_LEAST, NotesPane
from tests.core.test_export_names import TEXTS
from tests.ui.conftest import settle

METEORITE = TEXTS["a/meteorite.txt"]


def _show_conflict(qtbot: QtBot, window: MainWindow) -> int:
    conflict = window.service.claims(ClaimFilter(conflicts_only=True))[0]
    window.select_claim(conflict.id)
    settle(qtbot, window)
    return conflict.id


def test_mentions_are_grouped_by_stance_with_counts(qtbot: QtBot, window: MainWindow) -> None:
    _show_conflict(qtbot, window)
    model = window.detail.mentions.mentions
    headings = [model.index(r, 0).data() for r in model.heading_rows()]
    assert headings == ["Supports — 2 mentions from 1 independent origin",
                        "Contradicts — 1 mention"]
    stances = [model.mention_at(r).stance for r in range(model.rowCount())
               if model.mention_at(r) is not None]
    assert stances == ["supports", "supports", "contradicts"]


def test_three_mentions_fit_at_1280_by_720(qtbot: QtBot, window: MainWindow) -> None:
    """The conflict is judged by reading its mentions side by side: on a laptop screen the
    300 and the 600 must both be in view without scrolling."""
    window.resize(1280, 720)
    window.splitter.setSizes(pane_sizes(1280))
    _show_conflict(qtbot, window)
    qtbot.wait(20)
    view = window.detail.mentions
    rows = [r for r in range(view.mentions.rowCount()) if view.mentions.mention_at(r)]
    assert len(rows) == 3
    viewport = view.viewport().rect()
    for row in rows:
        cell = view.visualRect(view.mentions.index(row, MENTION))
        assert viewport.contains(cell), f"mention row {row} is cut off: {cell} in {viewport}"


def test_halving_the_window_leaves_the_mentions_room_to_read(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    """A window laid out on a 1440 px screen, then made half as wide (two windows side by
    side): the sentence a mention shows, and the words typed into the claims search, keep
    room to be read (the sentence column had 52-69 px, the search box 20)."""
    window.resize(1440, 900)
    window.splitter.setSizes(pane_sizes(1440))
    _show_conflict(qtbot, window)
    window.resize(720, 800)
    qtbot.waitUntil(lambda: window.width() == 720)
    qtbot.wait(20)
    view = window.detail.mentions
    assert view.columnWidth(MENTION) >= max(200, 3 * view.columnWidth(STANCE))
    rows = [r for r in range(view.mentions.rowCount()) if view.mentions.mention_at(r)]
    assert rows
    for row in rows:  # where, when, who and "hedged" on one line above the sentence
        index = view.mentions.index(row, MENTION)
        sentence = QTextDocument()
        sentence.setDefaultFont(view.font())
        sentence.setDocumentMargin(3)
        sentence.setHtml(index.data(SentenceRole))
        sentence.setTextWidth(view.columnWidth(MENTION))
        assert view.rowHeight(row) <= sentence.size().height() + 1.5 * view.fontMetrics().height()
        # The whole line, cut short in the cell, in the tooltip.
        assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(
            where(view.mentions.mention_at(row)))
    assert window.filter_bar.search.width() >= SEARCH_LEAST
    assert window.detail.notes.note.width() >= FIELD_LEAST  # 94 px beside the link
    assert window.filter_bar.height() < 4 * window.filter_bar.search.height(), \
        "the bar takes the lines it needs, not the table's height"


def test_conflict_names_its_quantity_in_words(qtbot: QtBot, window: MainWindow) -> None:
    _show_conflict(qtbot, window)
    counts = window.detail.counts.text()
    assert "troops killed: around 300 vs around 600" in counts
    assert "soldier kill" not in counts


def test_review_state_by_button_and_by_key(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    settle(qtbot, window)
    first = window.current_claim_id()
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    settle(qtbot, window)
    assert window.service.claim(first).claim.review_state == "done"
    assert window.detail.review_buttons["done"].isChecked()
    qtbot.mouseClick(window.detail.review_buttons["in progress"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.service.claim(first).claim.review_state == "in progress"
    assert window.detail.title.text().endswith("in progress")


def test_unsaved_wording_and_note_stay_with_their_claim(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    window.table.selectRow(0)
    settle(qtbot, window)
    first = window.current_claim_id()
    detail = window.detail
    assert not detail.save_text.isEnabled()
    detail.text.setPlainText("Reworded, not saved yet")
    assert detail.unsaved_wording() and detail.save_text.isEnabled()
    qtbot.keyClicks(detail.notes.note, "half a note")
    window.table.selectRow(1)
    settle(qtbot, window)
    second = window.current_claim_id()
    assert second != first
    assert detail.notes.note.text() == ""
    assert detail.text.toPlainText() == window.service.claim(second).claim.text
    qtbot.mouseClick(detail.notes.save, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.service.claim(second).evidence == ()
    window.table.selectRow(0)
    settle(qtbot, window)
    assert detail.text.toPlainText() == "Reworded, not saved yet"
    assert detail.notes.note.text() == "half a note"
    qtbot.mouseClick(detail.notes.save, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert [e.text for e in window.service.claim(first).evidence] == ["half a note"]
    assert window.service.claim(first).claim.text != "Reworded, not saved yet"


def test_unsaved_wording_outlives_a_filter_that_hides_every_claim(
        qtbot: QtBot, window: MainWindow) -> None:
    """trial10: a wording typed, then a search that matched no claim, and the typing was
    gone when the claim came back."""
    window.table.selectRow(2)
    settle(qtbot, window)
    chosen = window.current_claim_id()
    detail = window.detail
    detail.text.setFocus()
    detail.text.selectAll()
    qtbot.keyClicks(detail.text, "Reworded, not saved yet")
    qtbot.keyClicks(window.filter_bar.search, "no claim says this")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=3000)
    settle(qtbot, window)
    assert detail.detail is None and not detail.text.isEnabled()
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() > 3, timeout=3000)
    settle(qtbot, window)
    # trial12: the first claim came back selected, not the one the user was on.
    assert window.current_claim_id() == chosen
    assert window.model.claim_at(window.table.currentIndex().row()).id == chosen
    assert detail.text.toPlainText() == "Reworded, not saved yet"
    assert detail.save_text.isEnabled()


def test_a_claim_chosen_among_the_filtered_stays_when_the_filter_clears(
        qtbot: QtBot, window: MainWindow) -> None:
    """The claim filtered from comes back only until the user chooses another."""
    window.table.selectRow(2)
    settle(qtbot, window)
    qtbot.keyClicks(window.filter_bar.search, "Kursk")
    qtbot.waitUntil(lambda: 0 < window.model.rowCount() < 20, timeout=3000)
    settle(qtbot, window)
    window.table.selectRow(window.model.rowCount() - 1)
    settle(qtbot, window)
    chosen = window.current_claim_id()
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() > 20, timeout=3000)
    settle(qtbot, window)
    assert window.current_claim_id() == chosen


def test_another_project_does_not_inherit_a_wording_typed_here(
        qtbot: QtBot, window: MainWindow) -> None:
    """Claim ids repeat across projects: a draft of this project's claim 3 must not
    appear in another's claim 3."""
    window.table.selectRow(2)
    settle(qtbot, window)
    chosen = window.current_claim_id()
    window.detail.text.setPlainText("Reworded, not saved yet")
    window.project_changed()
    settle(qtbot, window)
    window.select_claim(chosen)
    settle(qtbot, window)
    assert window.detail.text.toPlainText() == window.service.claim(chosen).claim.text


def test_review_state_is_undone_like_any_edit(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    settle(qtbot, window)
    claim_id = window.current_claim_id()
    before = window.service.claim(claim_id).claim.review_state
    qtbot.keyClick(window.table, Qt.Key.Key_R)
    settle(qtbot, window)
    assert window.service.claim(claim_id).claim.review_state == "done"
    window.history.undo()
    settle(qtbot, window)
    assert window.service.claim(claim_id).claim.review_state == before
    assert window.detail.review_buttons[before].isChecked()


class _Browser(QObject):
    """Where the system would send a clicked web address."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def _click_anchor(notes: NotesPane, words: str, href: str) -> None:
    """Click the link showing ``words`` where the notes page draws it."""
    page = notes.page
    cursor = page.document().find(words)
    assert not cursor.isNull(), f"{words} is not on the page"
    for offset in range(cursor.selectionStart(), cursor.selectionEnd()):
        probe = page.textCursor()
        probe.setPosition(offset)
        point = page.cursorRect(probe).center() + QPoint(2, 0)
        if page.anchorAt(point) == href:
            QTest.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=point)
            return
    raise AssertionError(f"no link {href} on the page")


def test_notes_are_corrected_removed_and_their_links_open(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    window.table.selectRow(0)
    settle(qtbot, window)
    claim_id = window.current_claim_id()
    notes = window.detail.notes
    qtbot.keyClicks(notes.note, "KCNA transcript at https://kcna.kp/en/1 says 300")
    qtbot.keyClick(notes.note, Qt.Key.Key_Return)
    settle(qtbot, window)
    (note,) = window.service.claim(claim_id).evidence
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        _click_anchor(notes, "https://kcna.kp/en/1", "https://kcna.kp/en/1")
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert browser.opened == ["https://kcna.kp/en/1"]
    _click_anchor(notes, "edit", f"note:edit/{note.id}")
    settle(qtbot, window)
    assert notes.note.text() == note.text and notes.save.text() == "Save note"
    notes.note.setText("KCNA transcript says 600")
    qtbot.mouseClick(notes.save, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert [e.text for e in window.service.claim(claim_id).evidence] == [
        "KCNA transcript says 600"]
    assert "KCNA transcript says 600" in notes.lines()[0]
    _click_anchor(notes, "remove", f"note:remove/{note.id}")
    settle(qtbot, window)
    assert window.service.claim(claim_id).evidence == ()
    assert notes.lines() == []
    window.history.undo()
    settle(qtbot, window)
    assert [e.text for e in window.service.claim(claim_id).evidence] == [
        "KCNA transcript says 600"]
    window.history.undo()
    settle(qtbot, window)
    assert [e.text for e in window.service.claim(claim_id).evidence] == [note.text]


def test_a_hedged_mention_says_so(qtbot: QtBot, window: MainWindow) -> None:
    every = window.service.mentions([c.id for c in window.service.claims()])
    hedged = next(m for m in every if m.hedged)
    window.select_claim(hedged.claim_id)
    settle(qtbot, window)
    model = window.detail.mentions.mentions
    shown = {model.mention_at(r).id: model.index(r, MENTION).data()
             for r in range(model.rowCount()) if model.mention_at(r) is not None}
    hedging = {m.id for m in window.service.mentions([hedged.claim_id]) if m.hedged}
    for mention_id, text in shown.items():
        assert ("hedged" in text.splitlines()[0]) == (mention_id in hedging), text


def test_the_claims_wording_is_whole_in_the_pane_at_720_px(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    """At 720 px the table shows a claim's first words: the pane shows all of it, the box
    as tall as the wrapped wording (it was three lines, the rest behind a scroll bar), and
    no taller than two lines for a short one; also when the window narrows to 720 px with
    the claim shown."""
    window.resize(1296, 800)
    box = window.detail.text
    longest = max(window.service.claims(), key=lambda c: len(c.text))
    assert len(longest.text) > 200
    window.select_claim(longest.id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: box.toPlainText() == longest.text)
    window.resize(720, 800)
    qtbot.waitUntil(lambda: window.width() == 720)
    qtbot.wait(20)
    assert box.height() > 3 * box.fontMetrics().lineSpacing()
    assert box.verticalScrollBar().maximum() == 0, "the wording is cut"
    shortest = min(window.service.claims(), key=lambda c: len(c.text))
    window.select_claim(shortest.id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: box.toPlainText() == shortest.text)
    assert box.height() < 3 * box.fontMetrics().lineSpacing() + 16


def test_an_unknown_outlet_is_named_by_its_article(qtbot: QtBot, window: MainWindow,
                                                   tmp_path: Path) -> None:
    """A mention of unknown outlet read "unknown · undated": none of the unknown outlets,
    each a source of its own, could be told apart, nor matched to the workbook's Sources x
    Claims column, now named by the article. The sources tree names it alike."""
    (tmp_path / "meteorite.txt").write_text(METEORITE, encoding="utf-8")
    window.service.import_paths([tmp_path])
    window.hub.announce(EVERYTHING, Origin.COLLEAGUE)
    settle(qtbot, window)
    claim = window.service.claims(ClaimFilter(text="meteorite Managua"))[0]
    window.select_claim(claim.id)
    settle(qtbot, window)
    model = window.detail.mentions.mentions
    row = next(r for r in range(model.rowCount()) if model.mention_at(r))
    tooltip = model.index(row, MENTION).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("meteorite.txt (outlet unknown) · undated · according to")
    names = [window.sources.topLevelItem(t).child(c).text(0)
             for t in range(window.sources.topLevelItemCount())
             for c in range(window.sources.topLevelItem(t).childCount())]
    assert "meteorite.txt" in names

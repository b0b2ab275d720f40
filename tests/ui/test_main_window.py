"""The window driven as a user would: keys, clicks, menus; then the database is checked."""

from __future__ import annotations

import warnings
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.dto import ClaimFilter
from desktop.core.service import Service
from desktop.ui.dialogs import ClaimChooser, PreferencesDialog, ServerDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models.mentions_model import MENTION, STANCE, HtmlRole
from desktop.ui.widgets.claim_detail import ClaimDetailWidget
from tests.conftest import SEEDS


def _mention_rows(detail: ClaimDetailWidget) -> list[int]:
    """Rows of the mentions table holding a mention (not a stance heading)."""
    model = detail.mentions.mentions
    return [r for r in range(model.rowCount()) if model.mention_at(r) is not None]


def _row_stating(detail: ClaimDetailWidget, words: str) -> int:
    model = detail.mentions.mentions
    return next(r for r in _mention_rows(detail) if words in model.mention_at(r).sentence)


def _select_rows(window: MainWindow, rows: list[int]) -> None:
    model, selection = window.model, window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_import_seeds_through_the_window(qtbot: QtBot, empty_window: MainWindow) -> None:
    with qtbot.waitSignal(empty_window.runner.idle, timeout=60_000):
        empty_window.import_paths([SEEDS])
    qtbot.waitUntil(lambda: empty_window.model.rowCount() > 0)
    summary = empty_window.messages[-1]
    assert isinstance(summary, QMessageBox)
    assert "5 articles imported (1 near-copy of earlier ones)" in summary.text()
    assert "5 articles" in empty_window.totals.text()
    assert empty_window.sources.topLevelItemCount() == 1
    assert empty_window.service.stats().articles == 5
    top = empty_window.model.claim_at(0)
    assert empty_window.detail.title.text().startswith(f"Claim {top.id} ")


def test_tag_three_claims_by_keyboard_then_undo_one(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    ids = []
    for row, key in ((0, Qt.Key.Key_C), (1, Qt.Key.Key_D), (2, Qt.Key.Key_F)):
        window.table.selectRow(row)
        ids.append(window.model.claim_at(row).id)
        qtbot.keyClick(window.table, key)
    verdicts = {i: window.service.claim(i).claim.verdict for i in ids}
    assert verdicts == {ids[0]: "confirmed", ids[1]: "disputed", ids[2]: "false"}
    assert "5 articles" in window.totals.text()
    assert "1 confirmed, 1 disputed, 1 false" in window.totals.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.service.claim(ids[2]).claim.verdict == "unreviewed"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.service.claim(ids[2]).claim.verdict == "false"
    history = window.service.claim(ids[2]).history
    assert [h.new for h in history if h.field == "verdict"] == ["false", "unreviewed",
                                                                "false"]
    assert window.model.claim_at(2).verdict == "false"


def test_verdict_keys_do_not_fire_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    claim_id = window.model.claim_at(0).id
    window.table.selectRow(0)
    qtbot.keyClicks(window.filter_bar.search, "Cd")
    assert window.service.claim(claim_id).claim.verdict == "unreviewed"


def test_sort_and_filter(qtbot: QtBot, window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(7) + header.sectionSize(7) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    assert window.model.sort_key == "first_seen"
    dates = [window.model.claim_at(r).first_seen for r in range(window.model.rowCount())]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=window.model.descending) and len(set(known)) > 1
    window.filter_bar.conflicts.click()
    assert window.model.rowCount() == 1 and window.model.claim_at(0).has_conflict
    window.filter_bar.conflicts.click()
    qtbot.keyClicks(window.filter_bar.search, "prisoner swap")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert "prisoner swap" in window.model.claim_at(0).text
    window.filter_bar.search.clear()
    window.filter_bar.min_sources.setValue(3)
    assert all(window.model.claim_at(r).n_sources >= 3 for r in range(window.model.rowCount()))


def test_merge_two_claims_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    before = window.service.count_claims()
    first, second = window.model.claim_at(0), window.model.claim_at(1)
    _select_rows(window, [0, 1])
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.service.count_claims() == before - 1
    merged = window.service.claim(first.id)
    assert merged.claim.n_articles >= max(first.n_articles, second.n_articles)
    window.undo_action.trigger()
    assert window.service.count_claims() == before
    assert any(c.text == second.text for c in window.service.claims())


def test_claim_detail_shows_conflict_and_stance_edit(qtbot: QtBot, window: MainWindow) -> None:
    window.filter_bar.conflicts.click()
    window.table.selectRow(0)
    detail = window.detail
    assert "conflict" in detail.counts.text() and "around 600" in detail.counts.text()
    assert len(_mention_rows(detail)) == 3
    row = _row_stating(detail, "600")
    assert "<b style='color:#C62828'>600</b>" in detail.mentions.model().index(
        row, MENTION).data(HtmlRole)
    cell = detail.mentions.model().index(row, STANCE)
    assert cell.data() == "contradicts"
    detail.mentions.setCurrentIndex(cell)
    qtbot.keyClick(detail.mentions, Qt.Key.Key_F2)
    combo = detail.mentions.indexWidget(cell)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("supports"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.service.claims(
        ClaimFilter(conflicts_only=True))[0].n_contradict == 0)
    window.undo_action.trigger()
    assert window.service.claims(ClaimFilter(conflicts_only=True))[0].n_contradict == 1


def test_article_view_highlights_and_new_claim_from_selection(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    window.open_article(4)
    view = window.article
    assert window.tabs.currentWidget() is view
    assert view.highlights and all(h.verdict == "unreviewed" for h in view.highlights)
    body = view.text.body
    start = body.index("Kim oversaw tests")
    claim_id = view.claim_at(start)
    assert claim_id is not None
    view.claim_clicked.emit(claim_id)
    assert window.current_claim_id() == claim_id
    before = window.service.count_claims()
    window._add_span(4, start, start + len("Kim oversaw tests of new anti-aircraft missiles"),
                     None)
    assert window.service.count_claims() == before + 1
    assert window.detail.detail.claim.text == "Kim oversaw tests of new anti-aircraft missiles"


def test_the_article_tab_follows_the_chosen_claim(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    view = window.article
    assert window.tabs.currentWidget() is view
    top = window.current_claim_id()
    assert any(h.claim_id == top for h in view.highlights)
    opened = view.article_id
    elsewhere = next(c.id for c in window.service.claims()
                     if opened not in {m.article_id for m in window.service.mentions([c.id])})
    window.select_claim(elsewhere)
    assert view.article_id != opened
    assert any(h.claim_id == elsewhere for h in view.highlights)
    cursor = view.text.textCursor().position()
    mark = next(h for h in view.highlights if h.claim_id == elsewhere)
    assert mark.start <= cursor <= mark.end
    underlined = {h.claim_id for h, s in zip(view.highlights, view.text.extraSelections(),
                                             strict=True) if s.format.fontUnderline()}
    assert underlined == {elsewhere}


def test_clicking_a_sentence_that_states_two_claims_steps_between_them(
        qtbot: QtBot, window: MainWindow) -> None:
    compound = "has vowed to \"unconditionally\" support Russia"
    window.open_article(3)
    view = window.article
    offset = view.text.body.index(compound)
    both = {h.claim_id for h in view.highlights if h.start <= offset < h.end}
    assert len(both) == 2
    cursor = view.text.textCursor()
    cursor.setPosition(offset + 5)
    point = view.text.cursorRect(cursor).center()
    chosen = []
    for _ in range(3):
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
        chosen.append(window.current_claim_id())
    assert set(chosen[:2]) == both and chosen[2] == chosen[0]
    marked = []
    for claim_id in sorted(both):
        window.select_claim(claim_id)
        mentions = window.detail.mentions
        marked.append(any("also another claim" in str(mentions.model().index(r, MENTION).data())
                          for r in range(mentions.model().rowCount())))
    assert sorted(marked) == [False, True], "the second claim's mention says why it is there"


def test_add_a_selection_to_a_claim_found_by_its_words(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    target = window.service.claims(ClaimFilter(conflicts_only=True))[0]
    window.open_article(4)
    body = window.article.text.body
    start = body.index("Kim oversaw tests")
    end = start + len("Kim oversaw tests of new anti-aircraft missiles")
    window.article.span_to_claim.emit(4, start, end)
    chooser = next(d for d in window.findChildren(ClaimChooser) if d.isVisible())
    qtbot.keyClicks(chooser.words, "Kursk soldiers killed")
    qtbot.waitUntil(lambda: chooser.claims.count() > 0
                    and chooser.claims.item(0).text().startswith(f"#{target.id} "))
    qtbot.keyClick(chooser.claims, Qt.Key.Key_Return)
    assert any(m.start == start and m.article_id == 4
               for m in window.service.mentions([target.id]))
    assert window.current_claim_id() == target.id


def test_edit_article_source_updates_counts(qtbot: QtBot, window: MainWindow) -> None:
    conflict = window.service.claims(ClaimFilter(conflicts_only=True))[0]
    assert conflict.n_sources == 2
    window.edit_article(1, "Press TV", "N Korea leader vows support",
                        window.service.article(1).published)
    window.edit_article(2, "Press TV", "Kim assured Shoigu",
                        window.service.article(2).published)
    window.edit_article(5, "Press TV", "DPRK's Kim vows support",
                        window.service.article(5).published)
    assert window.service.claims(ClaimFilter(conflicts_only=True))[0].n_sources == 1
    assert any(window.sources.topLevelItem(i).text(0).startswith("Press TV")
               for i in range(window.sources.topLevelItemCount()))


def test_export_from_the_window(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.filter_bar.conflicts.click()
    target = tmp_path / "conflicts.xlsx"
    with qtbot.waitSignal(window.runner.idle, timeout=60_000):
        window.export_to(target, current_filter=True)
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage())
    rows = list(load_workbook(target)["Claims"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1


def test_errors_are_messages_not_crashes(qtbot: QtBot, window: MainWindow,
                                         tmp_path: Path) -> None:
    with qtbot.waitSignal(window.runner.idle, timeout=60_000):
        window.export_to(tmp_path / "missing" / "x.xlsx")
    qtbot.waitUntil(lambda: bool(window.messages))
    assert "does not exist" in window.messages[-1].text()
    window.table.clearSelection()
    window._on_merge()
    assert "Select two or more claims" in window.messages[-1].text()


def test_cancel_an_import(qtbot: QtBot, empty_window: MainWindow, tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"a{i:02}.txt").write_text(
            f"Officials said {i} soldiers were killed in Kursk on Monday. " * 5,
            encoding="utf-8")
    with qtbot.waitSignal(empty_window.runner.idle, timeout=60_000):
        empty_window.import_paths([tmp_path])
        empty_window.runner.cancel_all()
    assert empty_window.service.stats().articles < 40


def test_state_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    window.splitter.setSizes([100, 700, 600])
    window.close()
    reopened = MainWindow(window.service, window.settings)
    qtbot.addWidget(reopened)
    assert reopened.settings.state("splitter") is not None


def test_move_a_mention_to_another_claim_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    window.filter_bar.conflicts.click()
    window.table.selectRow(0)
    conflict_id = window.current_claim_id()
    detail = window.detail
    detail.mentions.selectRow(_row_stating(detail, "600"))
    qtbot.mouseClick(detail.move_to, Qt.MouseButton.LeftButton)
    chooser = next(d for d in window.findChildren(ClaimChooser) if d.isVisible())
    qtbot.keyClicks(chooser.words, "unconditional support Moscow")
    qtbot.waitUntil(lambda: chooser.claims.count() > 0)
    target = chooser.chosen()
    qtbot.keyClick(chooser.claims, Qt.Key.Key_Return)
    assert not window.service.claim(conflict_id).claim.has_conflict
    assert any("600" in m.sentence for m in window.service.claim(target).mentions)
    window.undo_action.trigger()
    assert window.service.claim(conflict_id).claim.has_conflict
    claims_before = window.service.count_claims()
    detail.mentions.selectRow(_mention_rows(detail)[0])
    qtbot.mouseClick(detail.move_out, Qt.MouseButton.LeftButton)
    assert window.service.count_claims() == claims_before + 1


def test_a_mention_moved_by_its_menu_to_a_claim_found_by_its_words(
        qtbot: QtBot, window: MainWindow) -> None:
    window.filter_bar.conflicts.click()
    window.table.selectRow(0)
    conflict_id = window.current_claim_id()
    detail = window.detail
    menu = detail.mention_menu(_row_stating(detail, "600"))
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Open in its article", "Move to claim…", "Move to a new claim"]
    next(a for a in menu.actions() if a.text() == "Move to claim…").trigger()
    chooser = next(d for d in window.findChildren(ClaimChooser) if d.isVisible())
    qtbot.keyClicks(chooser.words, "unconditional support Moscow")
    qtbot.waitUntil(lambda: chooser.claims.count() > 0)
    target = chooser.chosen()
    qtbot.keyClick(chooser.claims, Qt.Key.Key_Return)
    assert any("600" in m.sentence for m in window.service.claim(target).mentions)
    assert not window.service.claim(conflict_id).claim.has_conflict
    window.undo_action.trigger()
    assert window.service.claim(conflict_id).claim.has_conflict


def test_reviewer_name_from_preferences_goes_into_the_history(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    window._on_preferences()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.reviewer, "Ana Lima")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert window.settings.reviewer == "Ana Lima"
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_C)
    history = window.service.claim(window.model.claim_at(0).id).history
    assert history[-1].author == "Ana Lima"


def _open(qtbot: QtBot, window: MainWindow, target: str | Path) -> None:
    with qtbot.waitSignal(window.runner.idle, timeout=60_000):
        window.open_project(target)


def test_new_project_and_recent_projects(qtbot: QtBot, window: MainWindow,
                                         tmp_path: Path) -> None:
    window.open_article(1)
    _open(qtbot, window, tmp_path / "story.sqlite")
    assert window.model.rowCount() == 0 and window.windowTitle().endswith("story.sqlite")
    assert window.article.article_id is None, "an article of the old project is still shown"
    assert window.settings.recent_projects[0] == str(tmp_path / "story.sqlite")
    assert [a.text() for a in window.recent_menu.actions()] == [str(tmp_path / "story.sqlite")]
    bad = tmp_path / "not-a-database.sqlite"
    bad.write_text("hello", encoding="utf-8")
    _open(qtbot, window, bad)
    assert "not-a-database.sqlite" in window.messages[-1].text()
    assert window.windowTitle().endswith("story.sqlite")


def _connect_through_the_dialog(qtbot: QtBot, window: MainWindow, host: str, port: int,
                                database: str, user: str, password: str) -> None:
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text().startswith("Connect to shared"))
    action.trigger()
    dialog = next(d for d in window.findChildren(ServerDialog) if d.isVisible())
    for field, value in ((dialog.host, host), (dialog.database, database),
                         (dialog.user, user), (dialog.password, password)):
        field.clear()
        qtbot.keyClicks(field, value)
    dialog.port.setValue(port)
    with qtbot.waitSignal(window.runner.idle, timeout=60_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def test_a_server_that_does_not_answer_is_a_message_and_the_project_stays(
        qtbot: QtBot, window: MainWindow) -> None:
    claims = window.model.rowCount()
    _connect_through_the_dialog(qtbot, window, "127.0.0.1", 1, "factdesk", "ana", "secret")
    message = window.messages[-1].text()
    assert "127.0.0.1:1/factdesk" in message and "secret" not in message
    assert window.model.rowCount() == claims and window.service.count_claims() == claims


def test_dropping_files_on_the_window_imports_them(qtbot: QtBot,
                                                   empty_window: MainWindow) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sorted(SEEDS.glob("*.txt"))[:2]])
    point = QPointF(empty_window.rect().center())
    assert empty_window.acceptDrops()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(empty_window.runner.idle, timeout=60_000):
        empty_window.dropEvent(drop)
    qtbot.waitUntil(lambda: empty_window.service.stats().articles == 2)
    assert "2 articles imported (1 near-copy of earlier ones)" in empty_window.messages[-1].text()


def test_dragging_over_the_window_offers_a_drop_only_for_files(empty_window: MainWindow) -> None:
    def offered(mime: QMimeData) -> bool:
        with warnings.catch_warnings():  # PySide6 marks Qt's only constructor as deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            event = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(empty_window, event)
        return event.isAccepted()

    text, link, files = QMimeData(), QMimeData(), QMimeData()
    text.setText("Kim Jong Un met Shoigu")
    link.setUrls([QUrl("https://example.org/story.html")])
    files.setUrls([QUrl.fromLocalFile(str(next(SEEDS.glob("*.txt"))))])
    assert (offered(text), offered(link), offered(files)) == (False, False, True)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#E8EAED"),
                         (QPalette.ColorRole.Base, "#2B2C2F"),
                         (QPalette.ColorRole.Text, "#E8EAED"),
                         (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#E8EAED")):
        palette.setColor(role, QColor(colour))
    return palette


def test_switching_to_a_dark_palette_keeps_text_readable(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    window.filter_bar.conflicts.click()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_D)
    window.filter_bar.conflicts.click()
    light = QApplication.palette()
    try:
        QApplication.setPalette(_dark_palette())
        qtbot.waitUntil(lambda: window.detail.palette().color(QPalette.ColorRole.Window)
                        == QColor("#202124"))
        base = window.detail.palette().color(QPalette.ColorRole.Base)
        mentions = window.detail.mentions.model()
        rows = _mention_rows(window.detail)
        colour = mentions.index(rows[0], STANCE).data(Qt.ItemDataRole.ForegroundRole)
        assert colour.lightness() > base.lightness() + 80
        marked = next(text for r in rows
                      if "<b style=" in (text := mentions.index(r, MENTION).data(HtmlRole)))
        figure = QColor(marked.split("color:")[1].split("'")[0])
        assert figure.lightness() > base.lightness() + 80
        model = window.model
        verdicts = {model.claim_at(r).verdict: r for r in range(model.rowCount())}
        assert model.index(verdicts["unreviewed"], 1).data(Qt.ItemDataRole.BackgroundRole) is None
        assert model.index(verdicts["disputed"], 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    finally:
        QApplication.setPalette(light)


def test_find_type_enter_then_tag_without_the_mouse(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.filter_bar.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "Kursk")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.table.hasFocus()
    shown = [window.model.claim_at(r) for r in range(window.model.rowCount())]
    assert shown and len(shown) < window.service.count_claims()
    assert all(any("Kursk" in m.sentence for m in window.service.mentions([c.id]))
               for c in shown)
    qtbot.keyClick(window.table, Qt.Key.Key_F)
    assert window.service.claim(shown[0].id).claim.verdict == "false"


def test_refresh_shows_what_a_colleague_changed(qtbot: QtBot, window: MainWindow,
                                                seeded_path: Path) -> None:
    window.table.selectRow(0)
    claim_id = window.current_claim_id()
    colleague = Service.open(seeded_path)
    try:
        colleague.set_verdict(claim_id, "confirmed", by="ana")
    finally:
        colleague.close()
    assert window.model.claim_at(0).verdict == "unreviewed"
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert window.model.claim_at(0).verdict == "confirmed"
    assert window.detail.detail.claim.verdict == "confirmed"
    assert window.detail.history.topLevelItem(0).text(1) == "ana"


def test_notes_and_links_are_added_and_the_verdict_note_is_shown(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    claim_id = window.current_claim_id()
    window.service.set_verdict(claim_id, "disputed", note="ask both outlets", by="ana")
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    detail = window.detail
    assert detail.notes.lines() == ["Note with the verdict (disputed): ask both outlets"]
    qtbot.keyClicks(detail.notes.note, "KCNA transcript")
    qtbot.keyClicks(detail.notes.link, "https://kcna.kp/en/article/1")
    qtbot.mouseClick(detail.notes.save, Qt.MouseButton.LeftButton)
    stored = window.service.claim(claim_id).evidence
    assert [(e.text, e.url) for e in stored] == [("KCNA transcript",
                                                  "https://kcna.kp/en/article/1")]
    shown = detail.notes.lines()
    assert len(shown) == 2 and "KCNA transcript" in shown[1]
    assert detail.notes.note.text() == "" and detail.notes.link.text() == ""


def test_a_large_project_reads_a_new_order_in_a_worker(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    """The seeds stand in for a million claims: from the threshold on, the table keeps the
    rows it shows until the worker's ids arrive, then selection and totals follow."""
    window.model.read_in_worker_from = 0
    window.table.selectRow(3)
    chosen = window.current_claim_id()
    everything = window.model.rowCount()
    with qtbot.waitSignal(window.model.loaded, timeout=30_000):
        window.filter_bar.conflicts.click()
        assert window.model.rowCount() == everything and window.model.pending
        assert "(reading…)" in window.totals.text()
    assert window.model.rowCount() == 1 and window.totals.text().endswith("showing 1")
    window.filter_bar.conflicts.click()
    qtbot.waitUntil(lambda: not window.model.pending and window.model.rowCount() == everything)
    window.select_claim(chosen)
    with qtbot.waitSignal(window.model.loaded, timeout=30_000):
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert window.current_claim_id() == chosen
    assert window.model.claim_at(window.table.currentIndex().row()).id == chosen
    _select_rows(window, [0, 1])
    first, second = window.selected_claim_ids()
    with qtbot.waitSignal(window.model.loaded, timeout=30_000):
        qtbot.keyClick(window.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.model.row_of(second) is None and window.current_claim_id() == first
    assert window.selected_claim_ids() == [first]


def test_the_window_says_when_someone_else_changed_the_project(
        qtbot: QtBot, window: MainWindow, seeded_path: Path) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_C)
    window.detail.notes.note.setText("seen in KCNA's own text")
    qtbot.mouseClick(window.detail.notes.save, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.runner.idle, timeout=10_000):
        window.check_for_changes()
    assert window.stale.isHidden(), "this window's own edits are not someone else's"
    colleague = Service.open(seeded_path)
    try:
        colleague.set_verdict(window.model.claim_at(1).id, "false", by="ana")
    finally:
        colleague.close()
    with qtbot.waitSignal(window.runner.idle, timeout=10_000):
        window.check_for_changes()
    assert not window.stale.isHidden() and "F5" in window.stale.text()
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert window.stale.isHidden() and window.model.claim_at(1).verdict == "false"


def test_reword_a_claim_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    window.table.selectRow(0)
    claim_id = window.current_claim_id()
    before = window.service.claim(claim_id).claim.text
    wording = "Kim pledged unconditional support to Russia."
    window.detail.text.setPlainText(wording)
    qtbot.mouseClick(window.detail.save_text, Qt.MouseButton.LeftButton)
    assert window.service.claim(claim_id).claim.text == wording
    assert window.undo_stack.undoText() == f"Reword claim {claim_id}"
    window.undo_action.trigger()
    assert window.service.claim(claim_id).claim.text == before

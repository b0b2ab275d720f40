"""A project's life in the window: import, export, projects, layout, quitting, drafts."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.paths import data_dir
from desktop.core.service import Service
from desktop.ui.dialogs import ServerDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import ROOT, SEEDS
from tests.ui.conftest import settle


def test_import_seeds_through_the_window(qtbot: QtBot, empty_window: MainWindow) -> None:
    empty_window.transfers.import_paths([SEEDS])
    settle(qtbot, empty_window, 60_000)
    summary = empty_window.messages[-1]
    assert isinstance(summary, QMessageBox)
    assert "5 articles imported (1 near-copy of earlier ones)" in summary.text()
    assert "5 articles" in empty_window.totals.text()
    assert empty_window.sources.topLevelItemCount() == 1
    top = empty_window.model.claim_at(0)
    assert empty_window.detail.title.text().startswith(f"Claim {top.id} ")


def many_articles(folder: Path, count: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"a{i:03}.txt").write_text(
            f"Officials said {i} soldiers were killed in Kursk on Monday. " * 5,
            encoding="utf-8")
    return folder


def test_cancel_an_import(qtbot: QtBot, empty_window: MainWindow, tmp_path: Path) -> None:
    empty_window.transfers.import_paths([many_articles(tmp_path / "many", 40)])
    empty_window.runner.cancel_all()
    settle(qtbot, empty_window, 60_000)
    assert empty_window.service.stats().articles < 40


def test_quit_during_an_import_stops_it_and_leaves_no_worker(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    window = MainWindow(service, Settings())
    qtbot.addWidget(window)
    window.show()
    window.transfers.import_paths([many_articles(tmp_path / "many", 200)])
    qtbot.waitUntil(lambda: service.stats().articles > 0, timeout=30_000)
    window.close()
    assert not window.runner.busy or QThreadPool.globalInstance().activeThreadCount() == 0
    assert all(pool.activeThreadCount() == 0 for pool in window.runner.findChildren(QThreadPool))
    for _ in range(20):
        QApplication.processEvents()
    assert not [m for m in window.messages if m.isVisible()], "no summary after quitting"
    assert Service.open(tmp_path / "project.sqlite").stats().articles < 200


def test_export_from_the_window(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.filter_bar.conflicts.click()
    target = tmp_path / "conflicts.xlsx"
    window.transfers.export_to(target, current_filter=True)
    settle(qtbot, window, 60_000)
    assert f"Exported 1 claim to {target}" in window.statusBar().currentMessage()
    rows = list(load_workbook(target)["Claims"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1


def test_a_failed_export_is_a_message(qtbot: QtBot, window: MainWindow,
                                      tmp_path: Path) -> None:
    window.transfers.export_to(tmp_path / "missing" / "x.xlsx")
    settle(qtbot, window, 60_000)
    assert "does not exist" in window.messages[-1].text()


def test_layout_is_kept_per_project_in_factdesk_home(qtbot: QtBot, window: MainWindow,
                                                     tmp_path: Path) -> None:
    window.splitter.setSizes([100, 700, 600])
    window.close()
    assert (data_dir() / "settings.ini").exists(), "settings live where FACTDESK_HOME says"
    same = Settings(window.service.project_name())
    assert same.state("splitter") is not None
    assert Settings(str(tmp_path / "other.sqlite")).state("splitter") is None


def test_new_project_and_recent_projects(qtbot: QtBot, window: MainWindow,
                                         tmp_path: Path) -> None:
    # Titled by its project from the start (Qt adds " — FactDesk" where titles name apps).
    assert window.windowTitle() == Path(window.service.project_name()).name
    window.open_article(1)
    settle(qtbot, window)
    window.projects.open(tmp_path / "story.sqlite")
    settle(qtbot, window, 60_000)
    assert window.model.rowCount() == 0 and window.windowTitle() == "story.sqlite"
    assert window.article.article_id is None, "an article of the old project is still shown"
    assert window.settings.recent_projects[0] == str(tmp_path / "story.sqlite")
    recent = window.menu_actions.recent_menu.actions()
    assert [a.text() for a in recent] == [str(tmp_path / "story.sqlite")]
    bad = tmp_path / "not-a-database.sqlite"
    bad.write_text("hello", encoding="utf-8")
    window.projects.open(bad)
    settle(qtbot, window, 60_000)
    assert "not-a-database.sqlite" in window.messages[-1].text()
    assert window.windowTitle().endswith("story.sqlite")


def connect_through_the_dialog(qtbot: QtBot, window: MainWindow, host: str, port: int,
                               database: str, user: str, password: str) -> None:
    """File > Connect to shared server…, filled in and confirmed."""
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text().startswith("Connect to shared"))
    action.trigger()
    dialog = next(d for d in window.findChildren(ServerDialog) if d.isVisible())
    for field, value in ((dialog.host, host), (dialog.database, database),
                         (dialog.user, user), (dialog.password, password)):
        field.clear()
        qtbot.keyClicks(field, value)
    dialog.port.setValue(port)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window, 60_000)


def test_a_server_that_does_not_answer_is_a_message_and_the_project_stays(
        qtbot: QtBot, window: MainWindow) -> None:
    claims = window.model.rowCount()
    connect_through_the_dialog(qtbot, window, "127.0.0.1", 1, "factdesk", "ana", "secret")
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
    empty_window.dropEvent(drop)
    settle(qtbot, empty_window, 60_000)
    assert empty_window.service.stats().articles == 2
    summary = empty_window.messages[-1]
    assert "2 articles imported (1 near-copy of earlier ones)" in summary.text()
    # The summary stays open beside the window, which keeps taking keys and clicks.
    assert summary.isVisible() and QApplication.activeModalWidget() is None


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


def test_quitting_the_demo_while_it_imports_ends_the_process_and_leaves_no_folder(
        tmp_path: Path) -> None:
    """The real program: ``factdesk --demo`` closed half a second in, while its import
    runs, exits by itself and removes its temporary project."""
    script = ("import sys\n"
              "from PySide6.QtCore import QTimer\n"
              "from desktop.ui import app\n"
              "qt = app.application()\n"
              "QTimer.singleShot(500, qt.closeAllWindows)\n"
              "sys.exit(app.main(demo=True))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTDESK_HOME": str(tmp_path),
           "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, timeout=60,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob("factdesk-demo-*"))


def test_after_switching_project_the_old_file_alone_holds_the_work(
        qtbot: QtBot, window: MainWindow, seeded_path: Path, tmp_path: Path) -> None:
    window.table.setFocus()
    window.table.selectRow(0)
    settle(qtbot, window)
    claim_id = window.current_claim_id()
    qtbot.keyClick(window.table, Qt.Key.Key_C)
    settle(qtbot, window)
    window.projects.open(tmp_path / "next.sqlite")
    settle(qtbot, window, 60_000)
    copy = tmp_path / "mailed" / "seeded.sqlite"
    copy.parent.mkdir()
    copy.write_bytes(seeded_path.read_bytes())  # the .sqlite alone, as people mail it
    mailed = Service.open(copy)
    try:
        assert mailed.claim(claim_id).claim.verdict == "confirmed"
    finally:
        mailed.close()

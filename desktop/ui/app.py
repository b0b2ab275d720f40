"""Starting the window: application, icon, style, the project, and --demo."""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.core.errors import FactDeskError
from desktop.core.paths import seeds_dir
from desktop.core.service import Service
from desktop.ui.demo import DemoProject, demo_folder
from desktop.ui.main_window import MainWindow
from desktop.ui.projects import announce_upgrade, project_key
from desktop.ui.style import resources_dir


def application() -> QApplication:
    """The QApplication, made once, with FactDesk's names, icon and style."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("FactDesk")
    app.setApplicationName("FactDesk")
    app.setApplicationDisplayName("FactDesk")
    app.setStyle("Fusion")  # follows the system's light or dark scheme on every platform
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "factdesk.svg")))
    return app


def open_window(db: str | Path | None = None, demo: bool = False) -> MainWindow:
    """The main window on ``db`` (or the default project, or a demo project at ``db``)."""
    window = MainWindow(Service.open(db))
    if demo:
        window.setWindowTitle("demo")
        window.demo = DemoProject(window, Path(window.service.project_name()))
        window.transfers.import_paths([seeds_dir()])
    else:  # the project opened is the most recent one: File > Recent finds it next time
        window.settings.add_recent(project_key(window.service.project_name()))
        window.projects.fill_recent()
        # Once the window is shown: a notice opened before it sat behind the window, and
        # the totals' first fill drew over the status-bar message.
        QTimer.singleShot(0, window, lambda: announce_upgrade(window))
    return window


def close_on_signals(window: MainWindow) -> QTimer:
    """SIGTERM and SIGHUP (kill, a logout) close the window as Quit does: workers stopped,
    the project closed, a demo's folder removed. Python runs a signal handler only when
    it next runs code, so the returned timer gives it that chance while Qt waits."""
    def close(_signum: int, _frame: object) -> None:
        if window.demo is not None:
            window.demo.ending = True
        window.close()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(200)
    return timer


def main(db: str | None = None, demo: bool = False) -> int:
    """Run the window until it closes; a demo project lives in a temporary folder that
    goes when the window does."""
    app = application()
    folder = demo_folder() if demo else None
    try:
        window = open_window(folder / "demo.sqlite" if folder else db, demo)
        close_on_signals(window)
        window.show()
        return app.exec()
    except FactDeskError as error:
        print(f"factdesk: {error}", file=sys.stderr)  # noqa: T201 - no window to show it in
        return 1
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

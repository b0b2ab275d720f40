"""Starting the window: application, icon, style, the project, and --demo."""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.core.errors import FactDeskError
from desktop.core.paths import seeds_dir
from desktop.core.service import Service
from desktop.ui.main_window import MainWindow
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


def demo_project() -> Path:
    """A fresh project file for the demo, in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="factdesk-demo-"))
    return folder / f"demo-{datetime.now():%Y%m%d-%H%M%S}.sqlite"


def open_window(db: str | None = None, demo: bool = False) -> MainWindow:
    """The main window on ``db`` (or the default project, or a fresh demo project)."""
    service = Service.open(demo_project() if demo else db)
    window = MainWindow(service)
    if demo:
        window.setWindowTitle("FactDesk — demo")
        window.import_paths([seeds_dir()])
    return window


def main(db: str | None = None, demo: bool = False) -> int:
    """Run the window until it closes."""
    app = application()
    try:
        window = open_window(db, demo)
    except FactDeskError as error:
        print(f"factdesk: {error}", file=sys.stderr)  # noqa: T201 - no window to show it in
        return 1
    window.show()
    return app.exec()

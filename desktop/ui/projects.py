"""Projects: opening another one (a file or a server), the recent list, preferences.

Opening runs in a worker: a server can take seconds to answer, and a migration longer; the
current project stays usable until the new one is ready. Switching closes the old Service,
which leaves its file complete on its own (the storage layer checkpoints on close).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from desktop.core.paths import project_name
from desktop.core.service import Service
from desktop.core.wording import capitalised
from desktop.ui.dialogs import PreferencesDialog, ServerDialog
from desktop.ui.layout import save_layout

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def project_key(target: str | Path) -> str:
    """How the recent list and the per-project settings name a project: a file's full
    path, or a server URL without its password."""
    return str(target) if "://" not in str(target) else project_name(target)


def announce_upgrade(window: MainWindow) -> None:
    """Say once, in the status bar and a notice beside the window, that opening the project
    upgraded it: the FactDesk that wrote it can no longer open it."""
    upgrade = window.service.upgraded
    if upgrade is None:
        return
    said = upgrade.message()
    window.statusBar().showMessage(said, UPGRADE_MS)
    window.notices.info("Project upgraded", f"{capitalised(said)}.")


UPGRADE_MS = 60_000


class Projects(QObject):
    """The File menu's project items, acting on ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.recent_menu: QMenu | None = None

    def open(self, target: str | Path) -> None:
        """Switch to another project: a database file (created if new) or a server URL."""
        name = project_name(target)
        self.window.runner.run(lambda _progress: Service.open(target), f"Opening {name}",
                               write=True, on_success=lambda s: self._switch_to(s, target),
                               on_failure=self.window.notices.task_failed)

    def _switch_to(self, service: Service, target: str | Path) -> None:
        window, old = self.window, self.window.service
        save_layout(window)
        # Closed in the writer thread, after anything still queued on it: closing folds
        # the old project's log into its file, which is not the GUI thread's to wait for.
        window.runner.run(lambda _progress: old.close(), "Closing the project", write=True,
                          shown=False)
        window.service = service
        window.settings.project = service.project_name()
        window.settings.add_recent(project_key(target))
        self.fill_recent()
        window.setWindowTitle(project_name(target))
        window.project_changed()
        announce_upgrade(window)

    def fill_recent(self) -> None:
        """The recent projects, newest first."""
        menu, settings = self.recent_menu, self.window.settings
        if menu is None:
            return
        menu.clear()
        for project in settings.recent_projects:
            menu.addAction(project, partial(self._open_recent, project))
        menu.setEnabled(bool(settings.recent_projects))

    def _open_recent(self, project: str) -> None:
        """A file opens at once; a server asks for the password it was not saved with."""
        if "://" in project:
            self.ask_server(project)
        else:
            self.open(Path(project))

    def ask_server(self, previous: str | None = None) -> None:
        """Where the team's server is, and who connects."""
        dialog = ServerDialog(previous, self.window)
        dialog.accepted.connect(lambda: self.open(dialog.url()))
        dialog.open()

    def ask_new(self) -> None:
        """A new project file."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, "New project", str(Path(self.window.start_folder()) / "story.sqlite"),
            "FactDesk project (*.sqlite)")
        if path:
            self.window.remember_folder(Path(path))
            self.open(Path(path))

    def ask_open(self) -> None:
        """An existing project file."""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project",
                                              self.window.start_folder(),
                                              "FactDesk project (*.sqlite);;All files (*)")
        if path:
            self.window.remember_folder(Path(path))
            self.open(Path(path))

    def ask_preferences(self) -> None:
        """Reviewer name and default folder."""
        PreferencesDialog(self.window.settings, self.window).open()

    def show_about(self) -> None:
        """Version and purpose."""
        from desktop import __version__

        self.window.notices.info("About FactDesk", f"FactDesk {__version__}\n"
                                                   "Claims across sources, for fact-checkers.")

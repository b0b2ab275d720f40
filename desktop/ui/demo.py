"""The --demo project: a temporary file, offered to be kept on quitting once worked on.

The demo invites a new user to try verdicts and notes; quitting must not throw that work
away unasked. The copy is taken after the project is closed, so the file is complete on
its own, and written beside the target, then renamed into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.project_file import DEMO_FOLDER_PREFIX, process_alive

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def demo_folder() -> Path:
    """A fresh temporary folder for the demo, named after this process, once the folders
    of demos whose process died (SIGKILL, a crash) are removed."""
    remove_stale_folders(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=f"{DEMO_FOLDER_PREFIX}{os.getpid()}-"))


def remove_stale_folders(parent: Path) -> None:
    """Remove demo folders in ``parent`` left by processes that no longer run. A folder
    without a process id (from FactDesk before they carried one) is left alone: its demo
    may still be open."""
    for folder in parent.glob(f"{DEMO_FOLDER_PREFIX}*-*"):
        pid = folder.name[len(DEMO_FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


class DemoProject:
    """The demo's temporary project file and where the user chose to keep it, if at all."""

    def __init__(self, window: MainWindow, path: Path) -> None:
        self.window = window
        self.path = path
        self.target: Path | None = None
        self.ending = False
        """Set when the session ends (SIGTERM, SIGHUP): nobody is there to answer."""

    def may_close(self) -> bool:
        """Whether the window may close: at once when nothing was done in the demo or the
        session is ending, else as the user answers (save a copy, discard, or cancel)."""
        if self.ending or not self.window.undo_stack.count():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "Keep the demo project?",
                          "Your verdicts and notes are in the demo's temporary project, "
                          "which is removed when FactDesk closes.", parent=self.window)
        save = box.addButton("Save as…", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is discard:
            return True
        if box.clickedButton() is save:
            self.target = self._choose_target()
            return self.target is not None
        return False

    def _choose_target(self) -> Path | None:
        dialog = QFileDialog(self.window, "Save the demo project as",
                             str(Path(self.window.start_folder()) / "demo.sqlite"),
                             "FactDesk project (*.sqlite)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("sqlite")
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def keep(self) -> None:
        """Copy the closed project where the user chose; a failure is said, not lost."""
        if self.target is None:
            return
        partial = self.target.with_name(f".{self.target.name}.part")
        try:
            shutil.copyfile(self.path, partial)
            os.replace(partial, self.target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            QMessageBox.warning(None, "The demo project was not saved",
                                f"{self.target}: {error.strerror or error}")

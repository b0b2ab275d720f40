"""Messages to the user: plain words, never modal, never a traceback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.core.errors import FactDeskError
from desktop.core.paths import data_dir
from desktop.core.wording import capitalised


def enter_presses_default(box: QMessageBox) -> None:
    """Enter presses the box's default button (its first accepting one, OK), whatever was
    clicked before. Qt's buttons are "auto-default": a click on "Show Details…" made it
    the default, and Enter then folded the details in and out instead of closing the box.
    Space still presses the button that has the focus."""
    buttons = [b for b in box.buttons() if isinstance(b, QPushButton)]
    default = box.defaultButton() or next(
        (b for b in buttons if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole), None)
    if default is None:
        return
    box.setDefaultButton(default)
    for button in buttons:
        button.setAutoDefault(button is default)


class Notices:
    """Opens message boxes over the window and keeps them referenced while open."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.messages: list[QMessageBox] = []

    def show(self, box: QMessageBox) -> None:
        """Open a prepared box without blocking the window.

        QDialog.open() would make it window-modal: an import's summary, which the demo
        shows at start, then held every key and click until it was closed.
        """
        self.messages.append(box)
        enter_presses_default(box)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()

    def error(self, message: str) -> None:
        """A problem in plain words, as a sentence (the core's messages start in lower
        case for the command line's "factdesk: "; trial11: "cannot undo …"); the window
        carries on."""
        self.show(QMessageBox(QMessageBox.Icon.Warning, "FactDesk", capitalised(message),
                              QMessageBox.StandardButton.Ok, self._parent))

    def info(self, title: str, message: str) -> None:
        """Something finished."""
        self.show(QMessageBox(QMessageBox.Icon.Information, title, message,
                              QMessageBox.StandardButton.Ok, self._parent))

    def task_failed(self, error: BaseException, details: str) -> None:
        """A worker's failure: the user's own mistake as its message; anything else
        logged in full, with a pointer to the log."""
        if isinstance(error, FactDeskError):
            self.error(str(error))
            return
        log_path = data_dir() / "factdesk.log"
        with log_path.open("a", encoding="utf-8") as handle:
            handle.write(details + "\n")
        self.error(f"Unexpected error: {error}. Details were saved to {log_path}.")

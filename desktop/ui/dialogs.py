"""Small dialogs: preferences, connecting to a shared server, the message after an import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import ClaimFilter, ClaimRow, ImportReport
from desktop.core.errors import FactDeskError
from desktop.core.paths import server_address, server_url
from desktop.core.reviewer import login_name
from desktop.core.service import Service
from desktop.core.wording import counted
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.sizing import roomy


def dialog_buttons(dialog: QDialog, accept: QDialogButtonBox.StandardButton | str,
                   ) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and an accepting button (a standard one, or one named ``accept``), wired to
    the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    if isinstance(accept, str):
        accepting = buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    else:
        accepting = buttons.addButton(accept)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, accepting


class PreferencesDialog(QDialog):
    """Reviewer name (recorded with every edit), the default folder, and who publishes
    the ClaimReview export and where."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        form = QFormLayout(self)
        self.reviewer = QLineEdit(settings.reviewer,
                                  placeholderText=login_name() or "Your name")
        self.folder = QLineEdit(settings.default_folder, placeholderText="Folder for files")
        self.review_url = QLineEdit(settings.review_url,
                                    placeholderText="https://example.org/checks/{id}")
        self.author = QLineEdit(settings.author, placeholderText="Your organisation")
        self.author_url = QLineEdit(settings.author_url, placeholderText="https://example.org")
        form.addRow("Reviewer name", self.reviewer)
        form.addRow("Default folder", self.folder)
        form.addRow("Published reviews at", self.review_url)
        form.addRow("Reviews' author", self.author)
        form.addRow("Author's web site", self.author_url)
        buttons, _ = dialog_buttons(self, QDialogButtonBox.StandardButton.Save)
        form.addRow(buttons)
        roomy(self)
        self.accepted.connect(self._save)

    def _save(self) -> None:
        self.settings.reviewer = self.reviewer.text()
        if self.folder.text() != self.settings.default_folder:
            # A default folder just chosen is where the next dialog starts.
            self.settings.last_folder = ""
        self.settings.default_folder = self.folder.text()
        self.settings.review_url = self.review_url.text()
        self.settings.author = self.author.text()
        self.settings.author_url = self.author_url.text()


class ServerDialog(QDialog):
    """Where a team's shared PostgreSQL project lives, and who connects to it."""

    def __init__(self, previous: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to a shared server")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the password goes with it
        url = server_address(previous) if previous else None
        form = QFormLayout(self)
        form.addRow(QLabel("A PostgreSQL database the whole team opens. The project is "
                           "created there on first use."))
        self.host = QLineEdit(url.host if url else "localhost")
        self.port = QSpinBox(minimum=1, maximum=65535, value=url.port if url else 5432)
        self.database = QLineEdit(url.database if url else "", placeholderText="factdesk")
        self.user = QLineEdit(url.user if url and url.user else (login_name() or ""))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                  placeholderText="blank: use ~/.pgpass or PGPASSWORD")
        for label, widget in (("Server", self.host), ("Port", self.port),
                              ("Database", self.database), ("User", self.user),
                              ("Password", self.password)):
            form.addRow(label, widget)
        buttons, self.connect_button = dialog_buttons(self, "Connect")
        form.addRow(buttons)
        roomy(self)
        self.database.textChanged.connect(self._update)
        self.host.textChanged.connect(self._update)
        self._update()
        (self.password if url else self.database).setFocus()

    def _update(self) -> None:
        self.connect_button.setEnabled(bool(self.host.text().strip()
                                            and self.database.text().strip()))

    def url(self) -> str:
        """The SQLAlchemy URL, password included (it is never stored)."""
        return server_url(self.host.text().strip(), self.port.value(),
                          self.database.text().strip(), self.user.text().strip(),
                          self.password.text())


LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class ClaimChooser(QDialog):
    """Pick the claim a selected span of an article states, by the claim's words.

    The search runs in a worker on each pause in typing: a full-text query over a large
    project on a server is not something the keyboard should wait for."""

    SHOWN = 50

    def __init__(self, service: Service, runner: TaskRunner, current: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add selection to claim")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.service, self.runner, self.current = service, runner, current
        self._generation = 0
        layout = QVBoxLayout(self)
        self.words = QLineEdit(placeholderText="Words of the claim…", clearButtonEnabled=True)
        # Up and Down choose among the claims found while the words keep the focus, as
        # in a completer: the list was a Tab away, and Enter took the first claim.
        self.words.installEventFilter(self)
        self.claims = QListWidget()
        self.claims.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons, _ = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(self.words)
        layout.addWidget(self.claims, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.fill)
        self.words.textChanged.connect(self._typing.start)
        self.finished.connect(self._drop_answers)
        self.fill()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Page Up and Page Down typed in the words move in the list."""
        if (watched is self.words and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in LIST_KEYS):
            QApplication.sendEvent(self.claims, event)
            return True
        return super().eventFilter(watched, event)

    def _drop_answers(self) -> None:
        """A search answered after the dialog closed finds nothing to fill."""
        self._generation += 1

    def fill(self) -> None:
        """List the claims the words find (full-text search), the shown claim first."""
        self._generation += 1
        generation, service, current = self._generation, self.service, self.current
        words = self.words.text().strip()

        def find(_progress: object) -> list[ClaimRow]:
            rows = service.claims(ClaimFilter(text=words), limit=self.SHOWN)
            if current is not None and not words:
                try:
                    shown = service.claim(current).claim
                except FactDeskError:  # merged away or deleted meanwhile
                    return rows
                rows = [shown, *(r for r in rows if r.id != shown.id)]
            return rows

        self.runner.run(find, "Finding claims", write=False, shown=False,
                        on_success=lambda rows: self._show(rows, generation))

    def _show(self, rows: list[ClaimRow], generation: int) -> None:
        if generation != self._generation:
            return
        self.claims.clear()
        for row in rows:
            item = QListWidgetItem(f"#{row.id}  {row.text}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(row.text)
            self.claims.addItem(item)
        if self.claims.count():
            self.claims.setCurrentRow(0)

    def chosen(self) -> int | None:
        """The claim picked, if any."""
        item = self.claims.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


FAILURES_SHOWN = 3
"""Failed files named in the summary itself; the rest under "Show Details…"."""


def import_summary(report: ImportReport, parent: QWidget) -> QMessageBox:
    """A non-modal message listing what an import did, the first failures with their
    reasons in its text: named only under "Show Details…", a bad file in a batch read as
    "1 failed" with nothing to look for (trial10)."""
    imported, duplicates = report.count("imported"), report.count("duplicate")
    failed = [i for i in report.items if i.status == "failed"]
    lines = [f"{counted(imported, 'article')} imported "
             f"({counted(report.copies, 'near-copy', 'near-copies')} of earlier ones)",
             f"{counted(duplicates, 'duplicate')} skipped", f"{len(failed):,} failed"]
    if report.cancelled:
        lines.insert(0, "Import cancelled; what was imported before is kept.")
    if failed:
        lines += ["", *(f"{Path(i.path).name}: {i.reason}" for i in failed[:FAILURES_SHOWN])]
        if len(failed) > FAILURES_SHOWN:
            lines.append(f"and {len(failed) - FAILURES_SHOWN:,} more (Show Details…)")
    box = QMessageBox(QMessageBox.Icon.Information if not failed else QMessageBox.Icon.Warning,
                      "Import finished", "\n".join(lines), QMessageBox.StandardButton.Ok, parent)
    if failed:
        box.setDetailedText("\n".join(f"{i.path}: {i.reason}" for i in failed))
    return box

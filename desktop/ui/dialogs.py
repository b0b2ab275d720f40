"""Small dialogs: preferences, and the message shown after an import."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.core.dto import ImportReport
from desktop.core.reviewer import login_name
from desktop.core.wording import counted
from desktop.ui.settings import Settings


class PreferencesDialog(QDialog):
    """Reviewer name (recorded with every edit) and the default folder."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        form = QFormLayout(self)
        self.reviewer = QLineEdit(settings.reviewer,
                                  placeholderText=login_name() or "Your name")
        self.folder = QLineEdit(settings.default_folder, placeholderText="Folder for files")
        form.addRow("Reviewer name", self.reviewer)
        form.addRow("Default folder", self.folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(self._save)

    def _save(self) -> None:
        self.settings.reviewer = self.reviewer.text()
        self.settings.default_folder = self.folder.text()


def import_summary(report: ImportReport, parent: QWidget) -> QMessageBox:
    """A non-modal message listing what an import did, failures with their reasons."""
    imported, duplicates = report.count("imported"), report.count("duplicate")
    failed = [i for i in report.items if i.status == "failed"]
    lines = [f"{counted(imported, 'article')} imported "
             f"({counted(report.copies, 'near-copy', 'near-copies')} of earlier ones)",
             f"{counted(duplicates, 'duplicate')} skipped", f"{len(failed):,} failed"]
    if report.cancelled:
        lines.insert(0, "Import cancelled; what was imported before is kept.")
    box = QMessageBox(QMessageBox.Icon.Information if not failed else QMessageBox.Icon.Warning,
                      "Import finished", "\n".join(lines), QMessageBox.StandardButton.Ok, parent)
    if failed:
        box.setDetailedText("\n".join(f"{i.path}: {i.reason}" for i in failed))
    return box

"""Import and export: long work in a worker with the progress panel, then one summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from desktop.core.dto import ClaimFilter, ImportReport
from desktop.core.export.records import ExportOptions, ExportResult
from desktop.core.wording import WINDOW, capitalised, export_notes, export_summary
from desktop.ui.dialogs import import_summary
from desktop.ui.hub import EVERYTHING, Origin

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class Transfers(QObject):
    """Imports into and exports from the window's project."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background; the panes follow, then a summary."""
        window = self.window
        service = window.service
        worker = window.runner.run(
            lambda progress: service.import_paths(paths, progress=progress),
            f"Importing {len(paths)} item(s)", write=True, on_success=self._imported,
            on_failure=window.notices.task_failed,
            on_cancel=lambda: window.hub.announce(EVERYTHING, Origin.IMPORT))
        window.model.follow(worker.signals.progressed)
        # The totals follow the rows the table re-reads as the import goes: they said
        # "0 articles · 0 claims … showing 1,594" until it ended (trial11).
        window.model.loaded.connect(window.counts.reread)
        worker.signals.finished.connect(
            lambda: window.model.loaded.disconnect(window.counts.reread))

    def _imported(self, report: ImportReport) -> None:
        self.window.hub.announce(EVERYTHING, Origin.IMPORT)
        self.window.notices.show(import_summary(report, self.window))

    def export_to(self, path: Path, current_filter: bool = True) -> None:
        """Export in the background, in the table's order: the current filter, or all
        claims."""
        window = self.window
        flt = window.model.filter if current_filter else ClaimFilter()
        service, sort, descending = window.service, window.model.sort_key, window.model.descending
        settings = window.settings
        options = ExportOptions(review_url=settings.review_url, author=settings.author,
                                author_url=settings.author_url)
        window.runner.run(lambda progress: service.export(path, flt, sort=sort,
                                                          descending=descending,
                                                          options=options,
                                                          progress=progress),
                          f"Exporting to {path.name}", write=False,
                          on_success=self._exported, on_failure=window.notices.task_failed)

    def _exported(self, result: ExportResult) -> None:
        summary = capitalised(export_summary(result, "claims", WINDOW))
        self.window.statusBar().showMessage(summary, 10_000)
        notices = "".join(f"\n\n{capitalised(n)}." for n in export_notes(result, WINDOW))
        self.window.notices.info("Export finished", summary + notices)

    def ask_files(self) -> None:
        """Articles to import, chosen in a file dialog."""
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Import articles", self.window.start_folder(),
            "Articles (*.txt *.md *.html *.htm *.docx *.pdf *.csv);;All files (*)")
        if files:
            self.window.remember_folder(Path(files[0]))
            self.import_paths([Path(f) for f in files])

    def ask_folder(self) -> None:
        """A folder to import, recursively."""
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder",
                                                  self.window.start_folder())
        if folder:
            self.window.remember_folder(Path(folder))
            self.import_paths([Path(folder)])

    def ask_export(self) -> None:
        """Where to export, and whether the filter applies."""
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export claims",
            str(Path(self.window.start_folder()) / "claims.xlsx"),
            "Excel workbook — current filter (*.xlsx);;Excel workbook — all claims (*.xlsx);;"
            "CSV (*.csv);;ClaimReview JSON-LD (*.json)")
        if path:
            self.window.remember_folder(Path(path))
            self.export_to(Path(path), current_filter="all claims" not in chosen)

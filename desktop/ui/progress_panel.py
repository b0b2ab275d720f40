"""The status-bar progress: a bar, a label and Cancel, shown only for work past 500 ms."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.ui.tasks import Worker


class ProgressPanel(QWidget):
    """Follows one worker at a time; never modal, so the user keeps working meanwhile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.cancel_button = QPushButton("Cancel")
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._worker: Worker | None = None
        self._reveal = QTimer(self, singleShot=True, interval=500)
        self._reveal.timeout.connect(self._show_if_running)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.hide()

    def follow(self, worker: Worker) -> None:
        """Show this worker's progress (after 500 ms, if it is still running)."""
        self._worker = worker
        self.label.setText(worker.label)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        worker.signals.progressed.connect(self._on_progressed)
        worker.signals.finished.connect(self._on_finished)
        self._reveal.start()

    def _show_if_running(self) -> None:
        if self._worker is not None:
            self.show()

    def _on_progressed(self, done: int, total: int, label: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        if label:
            self.label.setText(label)

    def _on_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def _on_finished(self) -> None:
        self._worker = None
        self._reveal.stop()
        self.hide()

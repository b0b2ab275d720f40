"""Qt fixtures: settings in a temporary folder, a window over a real project, idle checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.core.service import Service
from desktop.ui.app import application
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    """Tests never read or write the user's real preferences."""
    application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _window(qtbot, service: Service) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(service, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    assert window.runner.wait(60_000), "a background task did not finish"
    window.undo_stack.clear()


@pytest.fixture
def empty_window(qtbot, service: Service) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window over an empty project."""
    yield from _window(qtbot, service)


@pytest.fixture
def window(qtbot, seeded: Service) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window over a project holding the seeds."""
    yield from _window(qtbot, seeded)

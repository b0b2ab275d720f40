"""Qt fixtures: settings in a temporary folder, a window over a real project, idle checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.service import Service
from desktop.ui.app import application
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


@pytest.fixture(autouse=True)
def _application() -> None:
    """The QApplication with FactDesk's names. Preferences live in FACTDESK_HOME, which
    the root conftest points at a temporary folder: tests never touch the user's own."""
    application()


def settle(qtbot: QtBot, window: MainWindow, timeout: int = 30_000) -> None:
    """Wait until the window has done what was asked: its workers have finished and the
    panes have shown what they read (callbacks come before a worker counts as done)."""
    qtbot.waitUntil(lambda: not window.runner.busy and not window.model.pending,
                    timeout=timeout)


def _window(qtbot: QtBot, service: Service) -> Iterator[MainWindow]:
    window = MainWindow(service, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    yield window
    assert window.runner.wait(60_000), "a background task did not finish"
    window.undo_stack.clear()


@pytest.fixture
def empty_window(qtbot: QtBot, service: Service) -> Iterator[MainWindow]:
    """The window over an empty project."""
    yield from _window(qtbot, service)


@pytest.fixture
def window(qtbot: QtBot, seeded: Service) -> Iterator[MainWindow]:
    """The window over a project holding the seeds."""
    yield from _window(qtbot, seeded)

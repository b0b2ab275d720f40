"""The window's layout (size, splitter, toolbar, claims columns), kept per project."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LAYOUT = ("geometry", "window", "splitter", "claims_header")
PANE_SHARES = (12, 45, 43)
"""Percent of the width for the sources tree, the claims table and the claim pane: the
table wide enough that the claim, its verdict, conflict, sources and origins are in view
at 1440x900, the pane still wide enough for three mentions side by side at 1280x720."""


def pane_sizes(width: int) -> list[int]:
    """The splitter's first-start sizes for a window ``width`` pixels wide."""
    return [width * share // 100 for share in PANE_SHARES]


def restore_layout(window: MainWindow) -> None:
    """The layout saved for the window's project, else a first-start one."""
    restore = (window.restoreGeometry, window.restoreState, window.splitter.restoreState,
               window.table.horizontalHeader().restoreState)
    states = [window.settings.state(key) for key in LAYOUT]
    for state, apply in zip(states, restore, strict=True):
        if state is not None:
            apply(state)
    if states[0] is None:
        first_layout(window)


def first_layout(window: MainWindow) -> None:
    """Most of the screen, centred, the claims and their detail side by side: three
    panes and a table of nine columns need room on a first start."""
    area = window.screen().availableGeometry()
    width, height = min(1800, area.width() * 9 // 10), min(1100, area.height() * 9 // 10)
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)
    window.splitter.setSizes(pane_sizes(width))


def save_layout(window: MainWindow) -> None:
    """Keep the layout for the window's project."""
    states = (window.saveGeometry(), window.saveState(), window.splitter.saveState(),
              window.table.horizontalHeader().saveState())
    for key, state in zip(LAYOUT, states, strict=True):
        window.settings.save_state(key, state)
    window.settings.sync()

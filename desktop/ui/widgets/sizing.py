"""Dialogs wide enough for their title and for what is typed into them.

A dialog sized to its labels and empty fields came up too narrow: the window manager cut
its title ("Set so… tDesk", "Claim 11 was ch... while") and a field showed 15 characters
of a URL or an article's title.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

FIELDS_WIDTH = 460
"""The least width of a dialog whose fields hold addresses, titles and names."""
TITLE_BAR_EXTRA = 160
"""Room the title bar's icon and its three buttons take beside the title."""


def roomy(dialog: QWidget, least: int = FIELDS_WIDTH) -> None:
    """At least ``least`` wide, and wide enough for the title the window manager shows
    (the application's name follows the dialog's own)."""
    shown = f"{dialog.windowTitle()} — {QApplication.applicationDisplayName()}"
    title = QFontMetrics(dialog.font()).horizontalAdvance(shown) + TITLE_BAR_EXTRA
    dialog.setMinimumWidth(max(least, title))

"""Colours and resources: one place for how verdicts and stances look, light or dark.

Verdict fills are pastels that carry dark ink in both schemes (they mean the same colour
as in the exported workbook). Text drawn straight on the window (stances, conflicting
figures) takes a dark shade on a light palette and a light shade on a dark one, so it keeps
its contrast when the system switches scheme.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QPalette

from desktop.core.export.records import VERDICT_STYLE

VERDICT_COLOURS = {verdict: f"#{colour}" for verdict, (colour, _) in VERDICT_STYLE.items()
                   if verdict != "unreviewed"}
"""Fills of the verdicts a reviewer gave; an unreviewed claim keeps the palette's base."""
HIGHLIGHT = {**VERDICT_COLOURS, "unreviewed": "#DCE8F5"}
"""Article highlights: an unreviewed claim still needs a visible mark."""
INK_ON_FILL = "#1d2b38"
STANCE_COLOURS = {
    "supports": ("#2E7D32", "#81C784"),
    "contradicts": ("#C62828", "#EF9A9A"),
    "neutral": ("#616161", "#BDBDBD"),
}
"""(on a light palette, on a dark palette)."""
ALERT = ("#C62828", "#FF8A80")
VERDICT_KEYS = {"confirmed": "C", "disputed": "D", "false": "F", "unverifiable": "U",
                "unreviewed": "0"}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether text is drawn light on dark: judged from the palette itself, which holds on
    every platform, also where Qt cannot ask the system for its colour scheme."""
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return text.lightness() > window.lightness()


def stance_colour(stance: str, palette: QPalette | None = None) -> str:
    """Colour of a stance's name drawn on the window."""
    light, dark = STANCE_COLOURS[stance]
    return dark if is_dark(palette) else light


def alert_colour(palette: QPalette | None = None) -> str:
    """Colour of conflicting figures and the conflict note."""
    return ALERT[1] if is_dark(palette) else ALERT[0]


def resources_dir() -> Path:
    """resources/ in an installed wheel (desktop/resources) or in the source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"

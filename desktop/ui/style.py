"""How the vocabulary's colours meet Qt: the current scheme, and where resources live.

The colours themselves are in desktop.core.vocabulary, shared with the workbook. Here the
window picks the light or dark shade of each from its own palette, so text keeps its
contrast when the system switches scheme.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QPalette

from desktop.core.vocabulary import ALERT, STANCE_COLOUR, VERDICT_FILL, Stance, Verdict
from desktop.core.vocabulary import VERDICT_KEYS as VERDICT_KEYS

VERDICT_COLOURS = {verdict.value: colour for verdict, colour in VERDICT_FILL.items()
                   if verdict != Verdict.UNREVIEWED}
"""Fills of the verdicts a reviewer gave; an unreviewed claim keeps the palette's base."""


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether text is drawn light on dark: judged from the palette itself, which holds on
    every platform, also where Qt cannot ask the system for its colour scheme."""
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return text.lightness() > window.lightness()


def stance_colour(stance: str, palette: QPalette | None = None) -> str:
    """Colour of a stance's name drawn on the window."""
    return STANCE_COLOUR[Stance(stance)].on(is_dark(palette))


def alert_colour(palette: QPalette | None = None) -> str:
    """Colour of conflicting figures and the conflict note."""
    return ALERT.on(is_dark(palette))


def resources_dir() -> Path:
    """resources/ in an installed wheel (desktop/resources) or in the source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"

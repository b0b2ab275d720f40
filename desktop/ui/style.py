"""Colours and resources: one place for how verdicts and stances look."""

from __future__ import annotations

from pathlib import Path

from desktop.core.export.records import VERDICT_STYLE

VERDICT_COLOURS = {verdict: f"#{colour}" for verdict, (colour, _) in VERDICT_STYLE.items()}
HIGHLIGHT = {**VERDICT_COLOURS, "unreviewed": "#DCE8F5"}
"""Article highlights: an unreviewed claim still needs a visible mark."""
STANCE_COLOURS = {"supports": "#2E7D32", "contradicts": "#C62828", "neutral": "#616161"}
VERDICT_KEYS = {"confirmed": "C", "disputed": "D", "false": "F", "unverifiable": "U",
                "unreviewed": "0"}


def resources_dir() -> Path:
    """resources/ in an installed wheel (desktop/resources) or in the source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"

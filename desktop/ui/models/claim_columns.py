"""What each column of the claims table shows, how it sorts, and the conflict mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

from desktop.core.dto import ClaimRow


@dataclass(frozen=True)
class ClaimColumn:
    """A column of the claims table, the database key it sorts by, and whether its first
    click sorts highest first (counts: the most-reported claims are the ones to see)."""

    header: str
    sort_key: str
    tooltip: str
    highest_first: bool = False


COLUMNS = (
    ClaimColumn("Claim", "text", "The claim as first stated; ⚠ marks a conflict"),
    ClaimColumn("Verdict", "verdict", "The team's conclusion"),
    ClaimColumn("Src", "sources", "Sources: outlets with an article that mentions it: "
                "states it, reports it or contradicts it", True),
    ClaimColumn("Orig", "origins", "Independent origins: copies of one article count once",
                True),
    ClaimColumn("Sup", "support", "Supporting: independent origins that state it as true; the "
                "other origins report it without taking a side, or contradict it", True),
    ClaimColumn("Con", "contradict",
                "Contradicting: independent origins that deny it or give another figure", True),
    ClaimColumn("Conflict", "conflict", "Mentions disagree on a figure", True),
    ClaimColumn("First seen", "first_seen", "Earliest article date"),
    ClaimColumn("Attribution", "attribution", "Who the articles say it comes from"),
)
(CLAIM, VERDICT, SOURCES, ORIGINS, SUPPORT, CONTRADICT, CONFLICT, FIRST_SEEN,
 ATTRIBUTION) = range(len(COLUMNS))
COUNTS = (SOURCES, ORIGINS, SUPPORT, CONTRADICT)
"""The numbers a fact-checker opens FactDesk for: headed short, as `factdesk claims` heads
them (src, orig, sup, con), so that all four stay in view beside the claim in a window
half a screen wide; each header's tooltip names it in full."""
AFTER_COUNTS = (CONFLICT, FIRST_SEEN, ATTRIBUTION)
"""Shown in the table where there is room beside a readable claim; the claim pane shows
all three for the chosen claim (the conflict is also marked on the claim itself)."""


def display(row: ClaimRow, column: int) -> Any:
    return (
        row.text,
        row.verdict,
        row.n_sources,
        row.n_origins,
        row.n_support,
        row.n_contradict,
        " vs ".join(row.conflicts[0].values) if row.conflicts else "",
        row.first_seen.isoformat() if row.first_seen else "",
        row.attribution or "",
    )[column]


def conflict_tip(row: ClaimRow) -> str:
    return "Mentions disagree — " + "; ".join(
        f"{c.label}: {' vs '.join(c.values)}" for c in row.conflicts)


def conflict_mark(colour: str) -> QIcon:
    """A warning triangle in ``colour``: the conflict mark, seen at any column width."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawPolygon(QPolygonF([QPointF(7, 1), QPointF(13.5, 13), QPointF(0.5, 13)]))
    painter.setPen(QColor("#FFFFFF"))
    painter.drawLine(QPointF(7, 5), QPointF(7, 9))
    painter.drawPoint(QPointF(7, 11))
    painter.end()
    return QIcon(pixmap)

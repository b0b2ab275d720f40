"""A claim's mentions grouped as Emergent.info showed them: for, against, observing.

One row per mention under a heading row per stance that says how many mentions and how
many independent origins it holds (copies of one article count once, as in the claim's
counts). The rows are data, drawn by a delegate: a claim with hundreds of mentions costs
no widget per row.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.dto import MentionRow
from desktop.core.vocabulary import STANCE_COLOUR, STANCE_HEADING, MentionOrigin, Stance
from desktop.core.wording import article_name, counted, outlet_name, shortened

STANCE, MENTION = range(2)
MentionRole = Qt.ItemDataRole.UserRole + 10
"""The MentionRow of a mention row (None on a heading)."""
HtmlRole = Qt.ItemDataRole.UserRole + 11
"""The mention as rich text: where and who on the first line, then the sentence with the
conflicting figures marked."""
SentenceRole = Qt.ItemDataRole.UserRole + 12
"""The sentence alone as rich text, its conflicting figures marked: a narrow view puts a
shortened first line over it."""
HEDGED = "hedged"
SHORT_ARTICLE = 30
"""Characters of an unknown outlet's article the line keeps (the article tab and the
sources tree show it whole)."""
HEDGED_EXPLAINED = "hedged (a qualifier such as “reportedly” or “may”)"
Index = QModelIndex | QPersistentModelIndex


def highlighted(sentence: str, values: list[str], colour: str) -> str:
    """The sentence as HTML with the conflicting figures marked in ``colour``."""
    text = html.escape(sentence)
    for value in sorted(values, key=len, reverse=True):
        number = re.escape(html.escape(value.split()[-1]))
        text = re.sub(rf"\b{number}\b", lambda m: f"<b style='color:{colour}'>{m.group()}</b>",
                      text)
    return text


@dataclass(frozen=True)
class Heading:
    """The row above one stance's mentions."""

    stance: Stance
    mentions: int
    origins: int

    @property
    def text(self) -> str:
        """"Supports — 3 mentions from 2 independent origins"."""
        counts = counted(self.mentions, "mention")
        if self.origins != self.mentions:
            counts += f" from {counted(self.origins, 'independent origin')}"
        return f"{STANCE_HEADING[self.stance]} — {counts}"


def where(mention: MentionRow, short: bool = False) -> str:
    """Outlet (an unknown one by its article, cut short: a title took two lines and the
    room of the conflict's third mention), date, attribution and hedging: the line above
    the sentence. ``short``, for a narrow view that cuts the line's end: hedging in one
    word and the attribution, the longest part, last."""
    article = shortened(article_name(mention.title, mention.external_id, mention.article_id,
                                     mention.path), SHORT_ARTICLE)
    parts = [outlet_name(mention.source, article) + (" (copy)" if mention.copy_of else ""),
             mention.published.isoformat() if mention.published else "undated"]
    attribution = [f"according to {mention.attribution}"] if mention.attribution else []
    if not short:
        parts += attribution
    if mention.hedged:
        parts.append(HEDGED if short else HEDGED_EXPLAINED)
    if mention.origin == MentionOrigin.ALSO:
        parts.append("also another claim")
    return " · ".join(parts + (attribution if short else []))


class MentionsModel(QAbstractTableModel):
    """Headings and mentions of the claim shown; stance edits leave through the view."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Heading | MentionRow] = []
        self._values: list[str] = []
        self._alert = "#C62828"
        self._dark = False
        self._bold = QFont()
        self._bold.setBold(True)

    def show(self, mentions: tuple[MentionRow, ...] | list[MentionRow], values: list[str],
             alert: str, dark: bool) -> None:
        """Group these mentions by stance; ``values`` are the conflicting figures to mark
        in ``alert`` colour."""
        self.beginResetModel()
        self._rows = []
        for stance in Stance:
            group = [m for m in mentions if m.stance == stance]
            if group:
                origins = len({m.copy_of or m.article_id for m in group})
                self._rows.append(Heading(stance, len(group), origins))
                self._rows.extend(group)
        self._values, self._alert, self._dark = values, alert, dark
        self.endResetModel()

    def mention_at(self, row: int) -> MentionRow | None:
        """The mention in this row (None on a heading or outside)."""
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, MentionRow) else None

    def heading_rows(self) -> list[int]:
        """Rows that head a stance group."""
        return [r for r, item in enumerate(self._rows) if isinstance(item, Heading)]

    def row_of(self, mention_id: int) -> int | None:
        """The row showing this mention."""
        return next((r for r, item in enumerate(self._rows)
                     if isinstance(item, MentionRow) and item.id == mention_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Heading):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == STANCE else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if isinstance(item, Heading):
            return self._heading_data(item, index.column(), role)
        if role == MentionRole:
            return item
        if index.column() == STANCE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return item.stance
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(STANCE_COLOUR[Stance(item.stance)].on(self._dark))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Double-click or F2 to change"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{where(item)}\n{item.sentence}"
        if role == HtmlRole:
            return (f"<small>{html.escape(where(item))}</small><br>"
                    + highlighted(item.sentence, self._values, self._alert))
        if role == SentenceRole:
            return highlighted(item.sentence, self._values, self._alert)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole first line too: a narrow view shortens it.
            return f"{where(item)}\n\n" + (
                "This sentence states two claims; it joined the other one and counts for "
                "this one too. Double-click to read it in its article."
                if item.origin == MentionOrigin.ALSO else "Double-click to read it in its article")
        return None

    def _heading_data(self, heading: Heading, column: int, role: int) -> Any:
        if column != STANCE:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return heading.text
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STANCE_COLOUR[heading.stance].on(self._dark))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Stance", "Source, date, attribution — sentence")[section]
        return None

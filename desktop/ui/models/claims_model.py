"""The claims table: a lazy model over the database, paged by key, sorted and filtered there.

Only the pages the view has scrolled to are in memory (fetchMore asks for the next keyset
page when the view nears the end), so a project of a million claims opens at once. Sorting
and filtering are SQL: nothing is ever sorted in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.dto import ClaimFilter, ClaimRow
from desktop.core.service import Service
from desktop.ui.style import VERDICT_COLOURS

PAGE = 400
ClaimIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ClaimColumn:
    """A column of the claims table and the database key it sorts by."""

    header: str
    sort_key: str
    tooltip: str


COLUMNS = (
    ClaimColumn("Claim", "text", "The claim as first stated"),
    ClaimColumn("Verdict", "verdict", "The team's conclusion"),
    ClaimColumn("Sources", "sources", "Outlets reporting it"),
    ClaimColumn("Origins", "origins", "Independent origins: copies of one article count once"),
    ClaimColumn("Support", "support", "Independent origins that support it"),
    ClaimColumn("Contradict", "contradict", "Independent origins that contradict it"),
    ClaimColumn("Conflict", "conflict", "Mentions disagree on a figure"),
    ClaimColumn("First seen", "first_seen", "Earliest article date"),
    ClaimColumn("Attribution", "attribution", "Who the articles say it comes from"),
)


def _display(row: ClaimRow, column: int) -> Any:
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


class ClaimsTableModel(QAbstractTableModel):
    """Claims the current filter keeps, in the current order, loaded page by page."""

    def __init__(self, service: Service, parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.filter = ClaimFilter()
        self.sort_key, self.descending = "sources", True
        self._rows: list[ClaimRow] = []
        self._cursor: tuple[Any, int] | None = None
        self._exhausted = True
        self.total = 0

    # Loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Start again from the first page (after a filter, sort or structural change)."""
        self.beginResetModel()
        self._rows, self._cursor, self._exhausted = [], None, False
        self.total = self.service.count_claims(self.filter)
        self._load_page()
        self.endResetModel()

    def _load_page(self) -> list[ClaimRow]:
        page = self.service.claims_page(self.filter, sort=self.sort_key,
                                        descending=self.descending, after=self._cursor,
                                        limit=PAGE)
        self._cursor = page.cursor
        self._exhausted = page.cursor is None
        self._rows.extend(page.rows)
        return list(page.rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self.service.claims_page(self.filter, sort=self.sort_key,
                                        descending=self.descending, after=self._cursor,
                                        limit=PAGE)
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.cursor
        self._exhausted = page.cursor is None

    def refresh_rows(self, claim_ids: set[int]) -> None:
        """Re-read the rows of these claims in place (a verdict or text edit)."""
        for position, row in enumerate(self._rows):
            if row.id in claim_ids:
                try:
                    self._rows[position] = self.service.claim(row.id).claim
                except Exception:  # noqa: BLE001 - a deleted claim is removed by reload()
                    continue
                self.dataChanged.emit(self.index(position, 0),
                                      self.index(position, len(COLUMNS) - 1))

    def set_filter(self, flt: ClaimFilter) -> None:
        """Show the claims this filter keeps."""
        self.filter = flt
        self.reload()

    # Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.text
        if role == Qt.ItemDataRole.BackgroundRole and column == 1:
            return QBrush(QColor(VERDICT_COLOURS[row.verdict]))
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor("#1d2b38"))
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ClaimIdRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tooltip
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column].sort_key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # Helpers ---------------------------------------------------------------------------
    def claim_at(self, row: int) -> ClaimRow | None:
        """The claim shown in this row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, claim_id: int) -> int | None:
        """The row showing this claim, if it is loaded."""
        return next((i for i, r in enumerate(self._rows) if r.id == claim_id), None)

"""The claims table: a lazy model over the database, sorted and filtered there.

The model holds the ordered list of claim ids the filter keeps (one query, 8 bytes a
claim) and reads rows a page at a time, by id, when the view paints them, keeping a few
pages cached. So a project of a million claims opens with its scrollbar at full length,
jumps to any row, and never holds more than the pages on screen (benchmarks/window.py).
Sorting and filtering are SQL, never Python; in a large project the ordered ids are read
in a worker (a second at a million claims), and the table shows the previous order until
they arrive.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QElapsedTimer,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QBrush, QColor

from desktop.core.dto import ClaimFilter, ClaimRow
from desktop.core.service import Service
from desktop.core.vocabulary import ALERT, CONFLICT_ROW, INK_ON_FILL
from desktop.ui.models.claim_columns import (
    CLAIM,
    COLUMNS,
    CONFLICT,
    VERDICT,
    conflict_mark,
    conflict_tip,
    display,
)
from desktop.ui.style import VERDICT_COLOURS, is_dark
from desktop.ui.tasks import TaskRunner

PAGE = 200
CACHED_PAGES = 16
FOLLOW_MS = 1500
"""How often an import's progress re-reads the table's order."""
READ_IN_WORKER_FROM = 50_000
"""Claims shown from which a new order or filter is read in a worker: below, the read takes
under a tenth of a second and the table changes at once (benchmarks/window.py)."""
Index = QModelIndex | QPersistentModelIndex


class ClaimsTableModel(QAbstractTableModel):
    """Claims the current filter keeps, in the current order, read page by page.

    ``loaded`` follows every reload, at once or when the worker's ids arrive.
    """

    loaded = Signal()
    read_failed = Signal(object, str)

    def __init__(self, service: Service, parent: Any = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.read_in_worker_from = READ_IN_WORKER_FROM
        self._generation = self._applied = 0
        self.filter = ClaimFilter()
        self.sort_key, self.descending = "origins", True
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[ClaimRow]] = OrderedDict()
        self._fills = {verdict: QBrush(QColor(colour))
                       for verdict, colour in VERDICT_COLOURS.items()}
        self._ink = QBrush(QColor(INK_ON_FILL))
        self._marks = {dark: conflict_mark(ALERT.on(dark)) for dark in (False, True)}
        self._conflict_fills = {dark: QBrush(QColor(CONFLICT_ROW.on(dark)))
                                for dark in (False, True)}

    @property
    def pending(self) -> bool:
        """Whether a reload is still being read in a worker."""
        return self._applied != self._generation

    @property
    def total(self) -> int:
        """How many claims the filter keeps."""
        return len(self._ids)

    def reload(self, *, keep_rows: bool = False) -> None:
        """Read the ordered ids again (after a filter, sort or structural change).

        ``keep_rows``: the same claims in a new order (an import adding to them): the
        selection stays on its claims and the view where it was, instead of a reset.
        """
        self._generation += 1
        generation, service = self._generation, self.service
        flt, sort, descending = self.filter, self.sort_key, self.descending
        if self.runner is None or len(self._ids) < self.read_in_worker_from:
            self._apply(service.claim_ids(flt, sort=sort, descending=descending), generation,
                        keep_rows)
            return
        self.runner.run(
            lambda _progress: service.claim_ids(flt, sort=sort, descending=descending),
            "Reading claims", write=False,
            on_success=lambda ids: self._apply(ids, generation, keep_rows),
            on_failure=lambda error, details: self._give_up(generation, error, details),
            on_cancel=lambda: self._give_up(generation))

    def _give_up(self, generation: int, error: BaseException | None = None,
                 details: str = "") -> None:
        """Keep the rows shown when the read failed or was cancelled."""
        if generation == self._generation:
            self._applied = generation
            self.loaded.emit()
        if error is not None:
            self.read_failed.emit(error, details)

    def _apply(self, ids: array[int], generation: int, keep_rows: bool = False) -> None:
        """Show these ids, unless a newer reload was asked for meanwhile."""
        if generation != self._generation:
            return
        self._applied = generation
        if keep_rows:
            self._reorder(ids)
        else:
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
        self.loaded.emit()

    def _reorder(self, ids: array[int]) -> None:
        """Move the rows to their new places: the few persistent indexes (selection, current
        row) follow their claims; a claim the new order lacks loses its index."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        claims = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._ids = ids
        self._pages.clear()
        rows = [self.row_of(c) if c is not None else None for c in claims]
        self.changePersistentIndexList(old, [
            self.index(row, index.column()) if row is not None else QModelIndex()
            for index, row in zip(old, rows, strict=True)])
        self.layoutChanged.emit()

    def follow(self, import_progress: SignalInstance) -> None:
        """Keep the rows in their sort order while an import adds to them: re-read the
        order as its progress comes in, at most every ``FOLLOW_MS``."""
        clock = QElapsedTimer()
        clock.start()

        def tick() -> None:
            if clock.elapsed() >= FOLLOW_MS and not self.pending:
                clock.restart()
                self.reload(keep_rows=True)

        import_progress.connect(tick)

    def _page(self, number: int) -> list[ClaimRow]:
        page = self._pages.get(number)
        if page is None:
            ids = list(self._ids[number * PAGE:(number + 1) * PAGE])
            rows = {r.id: r for r in self.service.claims_by_ids(ids)}
            page = [rows[i] for i in ids if i in rows]
            self._pages[number] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def claim_at(self, row: int) -> ClaimRow | None:
        """The claim shown in this row."""
        if not 0 <= row < len(self._ids):
            return None
        page = self._page(row // PAGE)
        offset = row % PAGE
        return page[offset] if offset < len(page) else None

    def row_of(self, claim_id: int) -> int | None:
        """The row showing this claim, if the filter keeps it."""
        try:
            return self._ids.index(claim_id)
        except ValueError:
            return None

    def replace_rows(self, rows: list[ClaimRow]) -> None:
        """Show these claims as re-read (in a worker) after a verdict or text edit: only
        their cached rows change and repaint, instead of a page of 200 read again while
        the view paints. A read that arrives after a newer one is ignored."""
        fresh = {row.id: row for row in rows}
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id in fresh and fresh[row.id].version >= row.version:
                    page[offset] = fresh[row.id]
                    at = number * PAGE + offset
                    self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))

    def set_filter(self, flt: ClaimFilter) -> None:
        """Show the claims this filter keeps."""
        self.filter = flt
        self.reload()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.claim_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (CLAIM, CONFLICT):
            parts = ([row.text] if column == CLAIM else []) + (
                [conflict_tip(row)] if row.conflicts else [])
            return "\n\n".join(parts) or None
        if role == Qt.ItemDataRole.BackgroundRole and column == VERDICT:
            return self._fills.get(row.verdict)
        if role == Qt.ItemDataRole.BackgroundRole and row.has_conflict:
            return self._conflict_fills[is_dark()]
        if role == Qt.ItemDataRole.DecorationRole and column == CLAIM and row.has_conflict:
            return self._marks[is_dark()]
        if (role == Qt.ItemDataRole.ForegroundRole and column == VERDICT
                and row.verdict in self._fills):
            return self._ink
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tooltip
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return (Qt.SortOrder.DescendingOrder if COLUMNS[section].highest_first
                    else Qt.SortOrder.AscendingOrder)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column].sort_key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

"""The claims table: conflicts seen at any width, counts sorted highest first."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from desktop.core.dto import ClaimFilter
from desktop.ui.main_window import MainWindow
from desktop.ui.models.claims_model import CLAIM, CONFLICT, VERDICT


def _click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_the_conflict_column_is_in_view_at_1440_by_900(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    """The window's first start on a 1440x900 screen: nine tenths of it, the claims pane
    42 percent."""
    width = 1440 * 9 // 10
    window.resize(width, 900 * 9 // 10)
    window.splitter.setSizes([width * 15 // 100, width * 42 // 100, width * 43 // 100])
    qtbot.wait(20)
    header = window.table.horizontalHeader()
    right = header.sectionViewportPosition(CONFLICT) + header.sectionSize(CONFLICT)
    assert header.sectionViewportPosition(CONFLICT) >= 0
    assert right <= window.table.viewport().width()


def test_a_conflicting_claim_is_marked_in_every_column(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    conflict = window.service.claims(ClaimFilter(conflicts_only=True))[0]
    model = window.model
    row = model.row_of(conflict.id)
    calm = next(r for r in range(model.rowCount()) if not model.claim_at(r).has_conflict)
    mark = model.index(row, CLAIM).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(mark, QIcon) and not mark.isNull()
    assert model.index(calm, CLAIM).data(Qt.ItemDataRole.DecorationRole) is None
    for column in range(model.columnCount()):
        if column != VERDICT:
            assert model.index(row, column).data(Qt.ItemDataRole.BackgroundRole) is not None
            assert model.index(calm, column).data(Qt.ItemDataRole.BackgroundRole) is None
    tip = model.index(row, CLAIM).data(Qt.ItemDataRole.ToolTipRole)
    assert "troops killed: around 300 vs around 600" in tip


def test_counts_sort_highest_first_on_the_first_click(qtbot: QtBot, window: MainWindow) -> None:
    model = window.model
    for column, key in ((3, "origins"), (6, "conflict"), (2, "sources")):
        _click_header(qtbot, window, 0)
        assert not model.descending, "words sort A to Z first"
        _click_header(qtbot, window, column)
        assert model.sort_key == key and model.descending
    sources = [model.claim_at(r).n_sources for r in range(model.rowCount())]
    assert sources == sorted(sources, reverse=True)
    _click_header(qtbot, window, 2)
    assert not model.descending, "a second click turns the order round"

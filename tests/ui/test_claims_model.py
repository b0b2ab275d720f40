"""The lazy claims model: Qt's model checks, and paging over thousands of claims."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from desktop.core.models import Claim
from desktop.core.service import Service
from desktop.ui.main_window import MainWindow
from desktop.ui.models.claims_model import CACHED_PAGES, PAGE, ClaimsTableModel


def test_model_passes_qt_model_checks(qtmodeltester, seeded: Service) -> None:  # type: ignore[no-untyped-def]
    model = ClaimsTableModel(seeded)
    model.reload()
    qtmodeltester.check(model)


def test_thousands_of_claims_are_read_by_page(qtbot: QtBot, service: Service) -> None:
    stamp = datetime(2025, 6, 1)
    with service.db.write() as session:
        session.connection().execute(insert(Claim.__table__), [
            {"text": f"claim {i}", "created_at": stamp, "updated_at": stamp,
             "n_sources": i % 7, "n_origins": i % 7} for i in range(5000)])
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.model
    assert model.rowCount() == 5000
    assert len(model._pages) <= 2
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    last = model.claim_at(4999)
    assert last is not None and last.n_sources == 0
    assert len(model._pages) <= CACHED_PAGES
    assert sum(len(p) for p in model._pages.values()) <= CACHED_PAGES * PAGE
    sources = [model.claim_at(r).n_sources for r in range(0, 5000, 250)]
    assert sources == sorted(sources, reverse=True)

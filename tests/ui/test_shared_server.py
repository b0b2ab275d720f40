"""A team's project on a real PostgreSQL server, opened from the window's File menu."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from desktop.core.service import Service
from desktop.ui.dialogs import ServerDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import SEEDS
from tests.ui.test_window_life import connect_through_the_dialog

pytestmark = pytest.mark.postgres


def test_connect_to_a_shared_server_and_reopen_it_from_recent(
        qtbot: QtBot, window: MainWindow, pg_url: str) -> None:
    colleague = Service.open(pg_url)
    colleague.import_paths([SEEDS])
    url = make_url(pg_url)
    try:
        connect_through_the_dialog(qtbot, window, url.host or "", url.port or 5432,
                                   url.database or "", url.username or "",
                                   url.password or "")
        assert window.service.db.engine.dialect.name == "postgresql"
        assert window.model.rowCount() == colleague.count_claims() > 0
        recent = window.settings.recent_projects[0]
        assert recent.startswith("postgresql+psycopg://") and f":{url.password}@" not in recent
        window.projects._open_recent(recent)
        dialog = next(d for d in window.findChildren(ServerDialog) if d.isVisible())
        assert dialog.database.text() == url.database
        assert dialog.password.text() == "" and dialog.focusWidget() is dialog.password
        dialog.reject()
    finally:
        window.runner.wait()
        window.service.close()
        colleague.close()

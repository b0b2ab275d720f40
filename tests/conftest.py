"""Shared fixtures: hermetic data folders, a migrated database template, seeded projects."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop.core.db import alembic_config, open_database
from desktop.core.service import Service

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _hermetic_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real data folder or default database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FACTDESK_HOME", str(home))
    monkeypatch.delenv("FACTDESK_DB", raising=False)


@pytest.fixture(scope="session")
def db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database migrated to head, made once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, db_template: Path) -> Path:
    """A database holding the five seed articles, imported once."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.sqlite"
    shutil.copy(db_template, path)
    service = Service.open(path)
    service.import_paths([SEEDS])
    service.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, db_template: Path) -> Path:
    """A fresh, empty project file for one test."""
    path = tmp_path / "project.sqlite"
    shutil.copy(db_template, path)
    return path


@pytest.fixture
def service(db_path: Path) -> Iterator[Service]:
    """A service over an empty project."""
    svc = Service.open(db_path)
    yield svc
    svc.close()


@pytest.fixture
def seeded_path(tmp_path: Path, seeded_template: Path) -> Path:
    """A project file holding the seeds, for one test."""
    path = tmp_path / "seeded.sqlite"
    shutil.copy(seeded_template, path)
    return path


@pytest.fixture
def seeded(seeded_path: Path) -> Iterator[Service]:
    """A service over a project holding the seeds."""
    svc = Service.open(seeded_path)
    yield svc
    svc.close()


@pytest.fixture
def pg_url() -> str:
    """An empty database on the PostgreSQL server CI starts; skipped locally when none is
    configured."""
    url = os.environ.get("FACTDESK_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must provide FACTDESK_TEST_PG (see .ci/run)")
        pytest.skip("no PostgreSQL server configured (set FACTDESK_TEST_PG)")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def project_at(url: str, revision: str) -> None:
    """A project as the FactDesk of schema ``revision`` left it, holding one outlet."""
    engine = create_engine(url)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.execute(text("INSERT INTO source (name) VALUES ('Korea JoongAng Daily')"))
    engine.dispose()


@pytest.fixture
def old_project(tmp_path: Path) -> Path:
    """A SQLite project made by the FactDesk before this schema (0004)."""
    path = tmp_path / "story.sqlite"
    project_at(f"sqlite:///{path}", "0004")
    return path

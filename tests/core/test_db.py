"""Opening databases: pragmas, migrations, backups, refusing newer schemas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.core.db import alembic_config, head_revision, include_object, open_database
from desktop.core.errors import FactDeskError, SchemaTooNew
from desktop.core.models import Base
from desktop.core.paths import backups_dir, database_url, project_name, server_url
from tests.conftest import project_at


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db_path: Path) -> None:
    db = open_database(database_url(db_path))
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.close()


def test_models_match_migrations(db_path: Path) -> None:
    db = open_database(database_url(db_path))
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(context, Base.metadata) == []
    db.close()


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO source (name) VALUES ('Korea JoongAng Daily')"))
    engine.dispose()

    db = open_database(database_url(path))
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert conn.execute(text("SELECT name FROM source")).scalar() == "Korea JoongAng Daily"
    db.close()
    backups = list(backups_dir().glob("old-0001-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT name FROM source").fetchone() == ("Korea JoongAng Daily",)


def test_database_from_a_newer_factdesk_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(SchemaTooNew, match="newer FactDesk"):
        open_database(database_url(db_path))


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FactDeskError, match="does not exist"):
        open_database(database_url(tmp_path / "no" / "such" / "folder.sqlite"))


def test_default_database_lives_in_the_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("FACTDESK_HOME", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path / 'factdesk.sqlite'}"
    monkeypatch.setenv("FACTDESK_DB", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
    assert database_url(tmp_path / "x.sqlite") == f"sqlite:///{tmp_path / 'x.sqlite'}"


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes", encoding="utf-8")
    with pytest.raises(FactDeskError, match="cannot open it as a FactDesk project"):
        open_database(database_url(path))
    assert path.read_text(encoding="utf-8") == "my notes"


def test_server_urls_keep_odd_passwords_and_never_show_them() -> None:
    url = server_url("db.newsroom.example", 5433, "kursk", "ana", "p@ss:/w?rd")
    parsed = make_url(url)
    assert (parsed.password, parsed.port, parsed.database) == ("p@ss:/w?rd", 5433, "kursk")
    assert project_name(url) == "postgresql+psycopg://ana@db.newsroom.example:5433/kursk"
    assert "connect_timeout" in url, "an unreachable server must not hang the window for minutes"


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(FactDeskError, match="cannot reach the server") as error:
        open_database(server_url("127.0.0.1", 1, "kursk", "ana", "secret"))
    assert "secret" not in str(error.value)


def test_an_upgrade_is_reported_once_with_its_backup(old_project: Path) -> None:
    db = open_database(database_url(old_project))
    db.close()
    assert db.upgraded is not None
    assert (db.upgraded.old, db.upgraded.new) == ("0004", head_revision())
    assert db.upgraded.backup is not None and db.upgraded.backup.parent == backups_dir()
    assert db.upgraded.backup.name.startswith("story-0004-")
    said = db.upgraded.message()
    assert said.startswith(f"upgraded {old_project} from schema 0004 to {head_revision()}")
    assert str(db.upgraded.backup) in said and "cannot open it any more" in said
    again = open_database(database_url(old_project))
    again.close()
    assert again.upgraded is None


def test_a_new_project_is_not_an_upgrade(tmp_path: Path) -> None:
    db = open_database(database_url(tmp_path / "new.sqlite"))
    db.close()
    assert db.upgraded is None


def test_an_upgraded_server_says_no_copy_was_kept(pg_url: str) -> None:
    project_at(pg_url, "0004")
    db = open_database(pg_url)
    db.close()
    assert db.upgraded is not None and db.upgraded.backup is None
    assert "from schema 0004" in db.upgraded.message()
    assert "no copy was kept" in db.upgraded.message()
    assert "factdesk:factdesk@" not in db.upgraded.message()

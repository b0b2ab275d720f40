"""Opening a database: engine, SQLite pragmas, migrations on open, backup before migrating."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import FactDeskError, SchemaTooNew
from desktop.core.paths import backups_dir, project_name


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and a factory of short-lived sessions."""

    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def write(self, *, exclusive: bool = False) -> Iterator[Session]:
        """One transaction: committed if the block finishes, rolled back if it raises.

        ``exclusive`` takes SQLite's write lock before the first read (BEGIN IMMEDIATE):
        the Python driver otherwise runs reads outside the transaction, so two processes
        could both read version 7 and both write over it. PostgreSQL edits lock their rows
        with SELECT ... FOR UPDATE instead."""
        with self.sessions() as session, session.begin():
            if exclusive and self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        """Release every pooled connection (and with it SQLite's file handles)."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the window read while an import writes; foreign keys are off by default in
    # SQLite; busy_timeout turns a momentary lock into a wait instead of an error.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def include_object(_obj: object, name: str | None, _type: str, *_: object) -> bool:
    """Leave the full-text index (an FTS5 table, or a GIN expression index) and the
    descending claims index to the hand-written migrations: autogenerate cannot compare
    expression indexes, so it would report them as changed on every run."""
    return not (name or "").startswith(("sentence_fts", "ix_sentence_terms_tsv",
                                        "ix_claim_sources_order"))


def alembic_config() -> Config:
    """Alembic configuration built in code: no alembic.ini is needed at run time."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("desktop.core") / "migrations"))
    return cfg


def head_revision() -> str:
    """The newest schema revision this FactDesk knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def create_db_engine(url: str) -> Engine:
    """An engine with FactDesk's connection settings; no schema work."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise FactDeskError(f"{url}: not a database path or URL ({exc})") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise FactDeskError(f"{parsed.database}: folder {folder} does not exist")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise FactDeskError(f"{project_name(url)}: FactDesk has no driver for this kind of "
                            "database (it works with SQLite files and PostgreSQL)") from exc


def _backup_sqlite(engine: Engine, revision: str) -> Path:
    """Copy the SQLite file with the online-backup API, which includes WAL contents."""
    source_path = Path(str(engine.url.database))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir() / f"{source_path.stem}-{revision}-{stamp}.sqlite"
    with sqlite3.connect(source_path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def open_database(url: str) -> Database:
    """Open (and create or migrate) the database at ``url``.

    Refuses a database whose revision this version does not know, because a newer
    FactDesk wrote it. Before upgrading a SQLite file that already holds a schema, a copy
    is kept in the backups folder.
    """
    engine = create_db_engine(url)
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        engine.dispose()
        reason = (str(exc.orig).strip() or type(exc.orig).__name__).splitlines()[0]
        if engine.dialect.name == "sqlite":
            raise FactDeskError(f"{engine.url.database}: cannot open it as a FactDesk project "
                                f"({reason})") from exc
        if isinstance(exc, OperationalError):
            raise FactDeskError(f"{project_name(url)}: cannot reach the server "
                                f"({reason})") from exc
        raise FactDeskError(f"{project_name(url)}: cannot open it as a FactDesk project "
                            f"({reason})") from exc
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        engine.dispose()
        raise SchemaTooNew(
            f"{engine.url.render_as_string()}: written by a newer FactDesk (schema {current}); "
            "update FactDesk to open it"
        )
    if current != script.get_current_head():
        if current is not None and engine.dialect.name == "sqlite":
            _backup_sqlite(engine, current)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return Database(engine, sessionmaker(engine, expire_on_commit=False))

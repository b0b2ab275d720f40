"""Opening a database: engine, SQLite pragmas, migrations on open, backup before migrating,
and the checks that keep FactDesk from writing into a file it should not: a damaged one,
another program's database, or one it cannot write (opened read-only instead)."""

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
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core import project_file
from desktop.core.errors import (
    DamagedProject,
    FactDeskError,
    NotAProject,
    ReadOnlyProject,
    SchemaTooNew,
    StorageFull,
)
from desktop.core.models import Base
from desktop.core.paths import backups_dir, project_name


@dataclass(frozen=True)
class Upgrade:
    """An older project this open moved to the current schema: said once to the user,
    because from then on the FactDesk that wrote it refuses it."""

    project: str
    old: str
    new: str
    backup: Path | None
    """The copy kept before upgrading (SQLite files; a server is backed up by its owner)."""

    def message(self) -> str:
        """One line: what changed, where the previous file is, who can no longer open it."""
        kept = (f"the previous file is kept at {self.backup}" if self.backup is not None
                else "no copy was kept (back a server up with its own tools)")
        return (f"upgraded {self.project} from schema {self.old} to {self.new}; {kept}; "
                f"a FactDesk older than schema {self.new} cannot open it any more")


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and a factory of short-lived sessions."""

    engine: Engine
    sessions: sessionmaker[Session]
    read_only: bool = False
    """A project FactDesk cannot write (file, folder or medium): reading and export work."""
    upgraded: Upgrade | None = None
    """Set when this open upgraded an older project's schema."""

    @contextmanager
    def write(self, *, exclusive: bool = False) -> Iterator[Session]:
        """One transaction: committed if the block finishes, rolled back if it raises.

        ``exclusive`` takes SQLite's write lock before the first read (BEGIN IMMEDIATE):
        the Python driver otherwise runs reads outside the transaction, so two processes
        could both read version 7 and both write over it. PostgreSQL edits lock their rows
        with SELECT ... FOR UPDATE instead."""
        if self.read_only:
            raise ReadOnlyProject(f"{self.engine.url.database}: the project is read-only "
                                  "(file, folder or disk); it can be read and exported, not "
                                  "changed. Copy it somewhere writable to work on it")
        try:
            with self.sessions() as session, session.begin():
                if exclusive and self.engine.dialect.name == "sqlite":
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except DBAPIError as exc:
            if disk_full(exc):
                raise StorageFull(f"{self.name}: the disk is full; this change was not saved, "
                                  "everything saved before it is kept") from exc
            if getattr(exc.orig, "sqlite_errorname", "") == "SQLITE_READONLY":
                raise ReadOnlyProject(f"{self.name}: the project became read-only (file, "
                                      "folder or disk); this change was not saved") from exc
            raise

    @property
    def name(self) -> str:
        """The project as messages name it: the file, or the server URL sans password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return str(url.database)
        return url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        """Release every pooled connection (and with it SQLite's file handles), folding
        the write-ahead log into a SQLite file first so the file alone is complete."""
        if self.engine.dialect.name == "sqlite" and not self.read_only:
            try:
                with self.engine.connect() as conn:
                    project_file.checkpoint(conn.connection.dbapi_connection)  # type: ignore[arg-type]
            except DBAPIError:
                pass  # the log stays beside the file; SQLite folds it in on the next open
        self.engine.dispose()


def disk_full(exc: DBAPIError) -> bool:
    """SQLite's SQLITE_FULL, or PostgreSQL's disk_full (SQLSTATE 53100)."""
    return (getattr(exc.orig, "sqlite_errorname", "") == "SQLITE_FULL"
            or getattr(exc.orig, "sqlstate", "") == "53100")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; busy_timeout turns a momentary lock into a
    # wait instead of an error.
    # WAL is a setting of the file, made once by open_database after it checked that the
    # file is FactDesk's: setting it here would rewrite a stranger's database on open.
    cursor = dbapi_connection.cursor()
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


def create_db_engine(url: str, *, read_only: bool = False) -> Engine:
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
        if read_only:
            connect = project_file.read_only_connector(Path(str(parsed.database)))
            return create_engine(url, creator=connect)
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

    A new SQLite project is built under a temporary name and renamed into place, so a
    kill leaves either no project or a complete one. A SQLite file FactDesk cannot write is
    opened read-only; one with damaged pages is refused before anything writes into it.
    Refuses a database whose revision this version does not know, because a newer FactDesk
    wrote it, and a database holding another program's tables. Before upgrading a SQLite
    file that already holds a schema, a copy is kept in the backups folder.
    """
    path = _sqlite_file(url)
    if path is not None and project_file.is_new(path) and path.parent.is_dir():
        _create_sqlite(url, path)
    read_only = path is not None and path.exists() and not project_file.writable(path)
    engine = create_db_engine(url, read_only=read_only)
    try:
        current = _inspect(engine, url)
        upgraded = _migrate(engine, current, read_only)
        if engine.dialect.name == "sqlite" and not read_only:
            _use_wal(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, sessionmaker(engine, expire_on_commit=False), read_only, upgraded)


def _sqlite_file(url: str) -> Path | None:
    """The project file a SQLite URL names; None for a server or an in-memory database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # create_db_engine reports it
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


def _create_sqlite(url: str, path: Path) -> None:
    """Build a new project file complete under a temporary name, then name it."""
    project_file.remove_stale_builds(path)
    project_file.drop_orphaned_log(path)
    building = project_file.temporary_name(path)
    for leftover in (building, *project_file.sidecars(building)):
        leftover.unlink(missing_ok=True)
    engine = create_db_engine(make_url(url).set(database=str(building)).render_as_string(
        hide_password=False))
    try:
        with engine.begin() as conn:
            _upgrade(conn)
        _use_wal(engine)
        Database(engine, sessionmaker(engine)).close()
        project_file.put_in_place(building, path)
    except BaseException as exc:
        engine.dispose()
        for leftover in (building, *project_file.sidecars(building)):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, DBAPIError | OSError):
            reason = str(exc.orig if isinstance(exc, DBAPIError) else exc.strerror)
            raise FactDeskError(f"{path}: cannot create a project there ({reason}); is the "
                                "folder writable and the disk not full?") from exc
        raise


def _use_wal(engine: Engine) -> None:
    """WAL lets the window read while an import writes; it is kept in the file."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")


def _upgrade(conn: Connection) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def _inspect(engine: Engine, url: str) -> str | None:
    """The schema revision, after checking the database is sound and FactDesk's."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                _quick_check(conn, str(engine.url.database))
            current = MigrationContext.configure(conn).get_current_revision()
            if current is None:
                _refuse_foreign_tables(conn, url)
            return current
    except DBAPIError as exc:
        reason = (str(exc.orig).strip() or type(exc.orig).__name__).splitlines()[0]
        if getattr(exc.orig, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB") \
                and "file is not a database" not in reason:
            raise DamagedProject(_damaged(str(engine.url.database), reason)) from exc
        if engine.dialect.name == "sqlite":
            raise FactDeskError(f"{engine.url.database}: cannot open it as a FactDesk project "
                                f"({reason})") from exc
        if isinstance(exc, OperationalError):
            raise FactDeskError(f"{project_name(url)}: cannot reach the server "
                                f"({reason})") from exc
        raise FactDeskError(f"{project_name(url)}: cannot open it as a FactDesk project "
                            f"({reason})") from exc


def _quick_check(conn: Connection, name: str) -> None:
    """Refuse a file with damaged pages before anything writes into it.

    quick_check reads every page but skips the index-content comparison of
    integrity_check: about 0.1 s for the 24 MB FNC-1 project (``factdesk check`` runs the
    full one).
    """
    problems = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise DamagedProject(_damaged(name, problems[0]))


def _damaged(name: str, problem: str) -> str:
    return (f"{name}: the project file is damaged ({problem}); nothing was written to it. "
            "Restore a copy from the backups folder, or export what still reads")


def _refuse_foreign_tables(conn: Connection, url: str) -> None:
    """A database without FactDesk's revision must be empty, else it is someone else's."""
    tables = set(inspect(conn).get_table_names())
    ours = set(Base.metadata.tables)
    foreign = sorted(t for t in tables - ours if not t.startswith("sentence_fts"))
    if foreign:
        raise NotAProject(f"{project_name(url)}: not a FactDesk project (it holds other "
                          f"tables: {', '.join(foreign[:5])}); FactDesk leaves it unchanged. "
                          "Give a new file name to start a project")
    if tables and any(conn.execute(text(f'SELECT 1 FROM "{t}" LIMIT 1')).first()
                      for t in sorted(tables & ours)):
        raise NotAProject(f"{project_name(url)}: FactDesk tables without a schema version; "
                          "FactDesk leaves it unchanged. Open a backup, or give a new file "
                          "name to start a project")


def _migrate(engine: Engine, current: str | None, read_only: bool) -> Upgrade | None:
    """Bring the schema to this FactDesk's head, or refuse; what was upgraded, if anything
    (creating a new project is not an upgrade)."""
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNew(
            f"{engine.url.render_as_string()}: written by a newer FactDesk (schema {current}); "
            "update FactDesk to open it"
        )
    head = script.get_current_head()
    assert head is not None
    if current == head:
        return None
    if read_only:
        raise ReadOnlyProject(f"{engine.url.database}: read-only, and written by an older "
                              "FactDesk; copy it somewhere writable so it can be upgraded")
    if current is None and engine.dialect.name == "sqlite":
        _clear_half_made(engine)
    backup = None
    if current is not None and engine.dialect.name == "sqlite":
        backup = _backup_sqlite(engine, current)
    with engine.begin() as conn:
        _upgrade(conn)
    if current is None:
        return None
    project = (str(engine.url.database) if engine.dialect.name == "sqlite"
               else engine.url.render_as_string(hide_password=True))
    return Upgrade(project, current, head, backup)


def _clear_half_made(engine: Engine) -> None:
    """Drop the empty tables an interrupted creation left (older FactDesk built projects in
    place; a kill between two CREATE TABLEs left tables and no revision, and every later
    open failed on "table claim already exists"). _refuse_foreign_tables checked that they
    are FactDesk's and hold no rows."""
    with engine.begin() as conn:
        for name in inspect(conn).get_table_names():
            if not name.startswith("sentence_fts_"):
                conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')

"""A SQLite project as a file: made atomically, opened read-only where it cannot be written,
and left complete (WAL folded in) when closed, so that copying the .sqlite copies everything."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

CREATING = ".creating"
"""Suffix of a project file being built; it gets its real name only once complete."""
DEMO_FOLDER_PREFIX = "factdesk-demo-"
"""The demo project's temporary folder starts so, then its process id: a start removes
those of dead processes, and an export names the project "demo project"."""


def sidecars(path: Path) -> list[Path]:
    """SQLite's write-ahead log and shared-memory index beside the project file."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def is_new(path: Path) -> bool:
    """No project yet: no file, or the empty file sqlite3 leaves when it was only opened."""
    return not path.exists() or (path.is_file() and path.stat().st_size == 0
                                 and not any(p.exists() for p in sidecars(path)))


def drop_orphaned_log(path: Path) -> None:
    """Remove the -wal, -shm and -journal of a project file that no longer exists.

    They are what a killed process left beside a project the user has since deleted.
    SQLite does not check that a log belongs to the file it sits beside: it would replay
    the deleted project's pages into a new one of the same name, which then reads as
    damaged or as the old project. Without their file they hold nothing to recover.
    """
    if not path.exists():
        for leftover in sidecars(path):
            leftover.unlink(missing_ok=True)


def writable(path: Path) -> bool:
    """Whether SQLite can write the project: the file, and the folder its WAL goes into.

    An immutable file (chattr +i) or a read-only mount fails os.access as well.
    """
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def read_only_connector(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections that only read a project that cannot be written.

    SQLite's plain read-only mode still needs to create the WAL index beside the file, which
    a read-only folder or file forbids; ``immutable=1`` reads the file as it is. That would
    miss changes still in a -wal file, so a project with a non-empty one is read through
    the WAL (``mode=ro``), which works when its index exists.
    """
    wal = sidecars(path)[0]
    pending = wal.exists() and wal.stat().st_size > 0
    uri = f"file:{quote(str(path))}?{'mode=ro' if pending else 'immutable=1'}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return connect


def checkpoint(connection: sqlite3.Connection) -> None:
    """Fold the write-ahead log into the file and empty it.

    Without this, the latest work can sit in the -wal file while a window or a colleague's
    process keeps the project open, and a copy of the .sqlite alone lacks it. A reader
    that holds an old snapshot for more than a second only delays the fold to a later close.
    """
    try:
        connection.execute("PRAGMA busy_timeout=1000")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.Error:
        pass  # read-only, or busy: the log stays and is folded in at a later close


def temporary_name(path: Path) -> Path:
    """Where a new project is built: beside its final name, hidden, marked with our pid."""
    return path.with_name(f".{path.name}.{os.getpid()}{CREATING}")


def put_in_place(built: Path, path: Path) -> None:
    """Give a complete project file its real name, never over one made meanwhile.

    A hard link fails if the name exists (another process created the project first:
    theirs is kept and ours dropped); where links are not supported, rename.
    """
    try:
        os.link(built, path)
    except FileExistsError:
        if not is_new(path):
            built.unlink()
            return
        os.replace(built, path)
        return
    except OSError:
        os.replace(built, path)
        return
    built.unlink()


def remove_stale_builds(path: Path) -> None:
    """Drop half-built files of this project left by a process that was killed."""
    for leftover in path.parent.glob(f".{glob_escape(path.name)}.*{CREATING}*"):
        pid = leftover.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    """A file name as a literal glob pattern."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def process_alive(pid: int) -> bool:
    """Whether a process runs under ``pid`` (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

"""A project file is made whole or not at all, left complete on close, refused when it is
damaged or someone else's, and opened read-only where it cannot be written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.db import open_database
from desktop.core.errors import DamagedProject, NotAProject, ReadOnlyProject
from desktop.core.paths import database_url
from desktop.core.service import Service
from tests.conftest import SEEDS


def test_the_sqlite_file_alone_holds_everything_after_close(db_path: Path,
                                                           tmp_path: Path) -> None:
    colleague = sqlite3.connect(db_path)  # another window keeps the project open
    colleague.execute("SELECT count(*) FROM article").fetchone()
    service = Service.open(db_path)
    service.import_paths([SEEDS])
    service.close()
    copy = tmp_path / "mailed" / "copy.sqlite"
    copy.parent.mkdir()
    shutil.copy(db_path, copy)  # only the .sqlite, as people mail it
    colleague.close()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (5,)


def test_a_new_project_leaves_no_temporary_files(tmp_path: Path) -> None:
    Service.open(tmp_path / "new.sqlite").close()
    assert [p.name for p in tmp_path.iterdir()] == ["new.sqlite"]


def test_a_build_left_by_a_killed_process_is_cleared(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    leftover = tmp_path / f".new.sqlite.{dead}.creating"
    leftover.write_bytes(b"SQLite format 3\0half")
    Service.open(tmp_path / "new.sqlite").close()
    assert not leftover.exists()


def test_a_half_made_project_is_repaired(tmp_path: Path, db_template: Path) -> None:
    """What an older FactDesk left when killed while creating: tables, no revision."""
    path = tmp_path / "half.sqlite"
    shutil.copy(db_template, path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.execute("DROP TABLE mention")
    service = Service.open(path)
    assert service.import_paths([SEEDS]).count("imported") == 5
    service.close()


def test_another_programs_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "budget.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE expense (item TEXT, amount REAL)")
        conn.execute("INSERT INTO expense VALUES ('train', 42.5)")
    before = path.read_bytes()
    with pytest.raises(NotAProject, match="budget.sqlite: not a FactDesk project .*expense"):
        open_database(database_url(path))
    assert path.read_bytes() == before


def test_another_programs_postgres_schema_is_refused(pg_url: str) -> None:
    from sqlalchemy import create_engine, text
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE expense (item TEXT)"))
    with pytest.raises(NotAProject, match="expense"):
        open_database(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema='public'"
        )).scalar() == 1
    engine.dispose()


def _damage(path: Path) -> None:
    """Overwrite one page in the middle of the file, as a bad sector would."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with path.open("r+b") as raw:
        raw.seek(page_size * (pages // 2))
        raw.write(b"\xa5" * page_size)


def test_a_damaged_project_is_refused_before_anything_writes(seeded_path: Path) -> None:
    _damage(seeded_path)
    before = seeded_path.read_bytes()
    with pytest.raises(DamagedProject, match="seeded.sqlite: the project file is damaged"):
        Service.open(seeded_path)
    assert seeded_path.read_bytes() == before


@pytest.fixture
def read_only_project(seeded_path: Path, tmp_path: Path) -> Iterator[Path]:
    """The seeded project in a folder nobody may write: by permissions, or for root (who
    may write anything) by the immutable flag; skipped where neither holds."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    project = folder / "seeded.sqlite"
    shutil.copy(seeded_path, project)
    if os.geteuid() == 0:
        flagged = subprocess.run(["chattr", "+i", str(project), str(folder)],
                                 capture_output=True, check=False)
        if flagged.returncode != 0:
            pytest.skip(f"root, and no immutable flag here: {flagged.stderr!r}")
        yield project
        subprocess.run(["chattr", "-i", str(project), str(folder)], check=True)
    else:
        project.chmod(0o444)
        folder.chmod(0o555)
        yield project
        folder.chmod(0o755)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_a_read_only_project_opens_for_reading_and_export(read_only_project: Path,
                                                          tmp_path: Path) -> None:
    stats = _run("stats", "--json", "--db", str(read_only_project))
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["articles"] == 5
    out = tmp_path / "claims.csv"
    export = _run("export", str(out), "--db", str(read_only_project))
    assert export.returncode == 0, export.stderr
    assert out.stat().st_size > 0
    tag = _run("tag", "1", "confirmed", "--db", str(read_only_project))
    assert tag.returncode == 1
    assert tag.stderr.strip().splitlines() == [
        f"factdesk: {read_only_project}: the project is read-only (file, folder or disk); it "
        "can be read and exported, not changed. Copy it somewhere writable to work on it"]
    assert [p.name for p in read_only_project.parent.iterdir()] == ["seeded.sqlite"]


def test_writing_into_a_read_only_database_says_so(seeded_path: Path) -> None:
    db = open_database(database_url(seeded_path))
    read_only = type(db)(db.engine, db.sessions, read_only=True)
    with pytest.raises(ReadOnlyProject, match="read-only"), read_only.write():
        pass
    db.close()


def test_a_new_project_in_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True,
                          check=False).returncode != 0:
            pytest.skip("root, and no immutable flag here")
    else:
        folder.chmod(0o555)
    try:
        result = _run("stats", "--db", str(folder / "new.sqlite"))
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"factdesk: {folder / 'new.sqlite'}: cannot create a project there (unable to open "
        "database file); is the folder writable and the disk not full?"]


def test_a_new_project_is_not_damaged_by_a_deleted_projects_log(tmp_path: Path) -> None:
    """A kill leaves -wal and -shm beside the project; the user deletes the .sqlite only
    and starts a new project under the same name. SQLite would replay the old log into
    the new file, which then reads as damaged (a kill in an import) or as the deleted
    project (here)."""
    path = tmp_path / "story.sqlite"
    service = Service.open(path)
    service.import_paths([SEEDS])
    service.close()
    killed = sqlite3.connect(path, isolation_level=None)
    killed.execute("PRAGMA wal_autocheckpoint=0")
    killed.execute("DELETE FROM mention")
    killed.execute("VACUUM")  # every page of the old project into its log
    saved = {name: (tmp_path / name).read_bytes() for name in ("story.sqlite-wal",
                                                               "story.sqlite-shm")}
    killed.close()
    path.unlink()
    for name, content in saved.items():
        (tmp_path / name).write_bytes(content)

    Service.open(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (0,)

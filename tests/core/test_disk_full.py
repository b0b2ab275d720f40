"""A full disk during an import is one line naming the project, the file being written and
what was kept; nothing half-written, and importing again after freeing space completes.
During an export it is one line, and the earlier file stays as it was.

The disk is made "full" by SQLite's own size cap (max_page_count), which fails writes with
the very error a full disk gives (SQLITE_FULL)."""

from __future__ import annotations

import re
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop.core.errors import StorageFull
from desktop.core.service import Service
from desktop.core.service.checking import check
from tests.conftest import ROOT


def _articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"{i:03}.txt"
        path.write_text(f"Report {i}\n\n" + " ".join(
            f"Officials in region {i} said {j * 13 + i} soldiers were killed on Monday "
            f"near village {j}, report {i}-{j}." for j in range(40)), encoding="utf-8")
        paths.append(path)
    return paths


def _cap(service: Service, spare_pages: int) -> None:
    """From now on the project file may grow by ``spare_pages`` pages only."""
    with sqlite3.connect(service.db.engine.url.database) as conn:
        limit = conn.execute("PRAGMA page_count").fetchone()[0] + spare_pages

    def capped(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    service.db.engine.dispose()
    event.listen(service.db.engine, "connect", capped)


def test_a_full_disk_during_an_import_keeps_what_was_stored(seeded_path: Path,
                                                            tmp_path: Path) -> None:
    files = _articles(tmp_path / "in", 30)
    service = Service.open(seeded_path)
    _cap(service, spare_pages=40)
    with pytest.raises(StorageFull) as full:
        service.import_paths(files)
    message = str(full.value)
    match = re.fullmatch(
        rf"{re.escape(str(seeded_path))}: the disk is full \(writing (.+)\); the (\d+) "
        r"articles imported before it are kept, it and the rest were not imported\. Free "
        r"some space and import again: what is kept is skipped as duplicate", message)
    assert match, message
    kept = int(match.group(2))
    assert 0 < kept < 30 and match.group(1) == str(files[kept])
    assert service.stats().articles == 5 + kept
    assert check(service.db).ok
    service.close()

    again = Service.open(seeded_path)
    report = again.import_paths(files)
    assert (report.count("duplicate"), report.count("imported")) == (kept, 30 - kept)
    again.close()


def test_a_full_disk_on_an_edit_says_nothing_was_saved(seeded: Service) -> None:
    _cap(seeded, spare_pages=0)
    with pytest.raises(StorageFull, match="the disk is full; this change was not saved"):
        seeded.add_evidence(1, text="x" * 200_000)


def _file_size_limit(limit: int) -> Callable[[], None]:
    """Writes past ``limit`` bytes fail as on a full disk (EFBIG instead of ENOSPC); above
    the 32 KiB of SQLite's WAL index, so the project opens."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.parametrize("name", ["claims.xlsx", "claims.csv"])
def test_a_full_disk_during_an_export_keeps_the_earlier_file(name: str, seeded_path: Path,
                                                              tmp_path: Path) -> None:
    service = Service.open(seeded_path)
    service.import_paths(_articles(tmp_path / "in", 30))  # an export larger than the limit
    service.close()
    target = tmp_path / "out" / name
    target.parent.mkdir()
    target.write_bytes(b"the export of yesterday")
    result = subprocess.run([sys.executable, "-m", "desktop", "export", str(target), "--db",
                             str(seeded_path)], capture_output=True, text=True, cwd=ROOT,
                            preexec_fn=_file_size_limit(40_000), check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"factdesk: {target}: writing failed ")
    assert lines[0].endswith("the earlier file is unchanged")
    assert target.read_bytes() == b"the export of yesterday"
    assert [p.name for p in target.parent.iterdir()] == [name]

"""An export killed outright leaves its hidden temporary file beside the target; the next
export to that target removes it once its writer is provably gone, and never one a
running export is still writing."""

from __future__ import annotations

import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from desktop.core.service import Service
from tests.conftest import ROOT

# A writer in its own process: it starts an export's temporary file, says where, then
# either dies by SIGKILL (nothing can clean up) or waits to be stopped.
WRITER = """
import os, signal, sys
from pathlib import Path
from desktop.core.export.atomic import atomic_target
with atomic_target(Path(sys.argv[1])) as temporary:
    temporary.write_bytes(b"half an export")
    print(temporary, flush=True)
    if sys.argv[2] == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    sys.stdin.read()
"""


def _writer(target: Path, how: str) -> tuple[subprocess.Popen[str], Path]:
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(target), how], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def _opens(path: Path) -> bool:
    with zipfile.ZipFile(path) as book:
        return book.testzip() is None


def test_next_export_removes_what_a_killed_export_left(seeded: Service, tmp_path: Path) -> None:
    target = tmp_path / "claims.xlsx"
    seeded.export(target)
    killed, leftover = _writer(target, "die")
    assert killed.wait(timeout=30) == -signal.SIGKILL
    assert leftover.exists() and leftover.name.startswith(".claims-")

    seeded.export(target)
    assert not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".claims")) == []
    assert _opens(target)


def test_a_running_export_keeps_its_temporary_file(seeded: Service, tmp_path: Path) -> None:
    target = tmp_path / "claims.xlsx"
    running, temporary = _writer(target, "wait")
    try:
        seeded.export(target)
        assert temporary.read_bytes() == b"half an export"
        assert _opens(target)
    finally:
        running.kill()
        running.wait(timeout=30)
    unrelated = tmp_path / ".claims-notours.xlsx"
    unrelated.write_bytes(b"a file of the user's")
    seeded.export(target)
    assert not temporary.exists()
    assert unrelated.read_bytes() == b"a file of the user's"

"""No process outlives the command that started it: the analysis workers and
multiprocessing's resource tracker end with an import however it is stopped.

After a SIGKILL the tracker prints "There appear to be 5 leaked semaphore objects to
clean up at shutdown" on the import's stderr, a moment after the shell's prompt came back
(so it reads as coming from the next command). It is the cleanup, not a leak: the named
semaphores of the pool's two queues, which the killed import could not unlink, are
unlinked by the tracker, which would add a line per name it failed on. A stopped import
(SIGTERM, SIGHUP, Ctrl+C) shuts its pool down itself and the tracker has nothing to say.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads process trees from /proc")

PLACES = ["Kursk", "Belgorod", "Pyongyang", "Seoul", "Kyiv", "Moscow", "Tokyo", "Minsk"]


def _articles(path: Path, rows: int = 300) -> Path:
    """Enough distinct articles that the import analyses them in worker processes."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for i in range(rows):
            place = PLACES[i % len(PLACES)]
            writer.writerow([i, f"Officials in {place} said {i + 3} soldiers were killed on "
                                f"Monday, report {i}. The ministry denied that {i * 7 % 97} "
                                f"prisoners were exchanged near {PLACES[i % 5]}."])
    return path


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_workers_end_with_the_import(signum: int, tmp_path: Path) -> None:
    source = _articles(tmp_path / "articles.csv")
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as err:  # a file: the tracker writes after the import is gone
        command = subprocess.Popen(
            [sys.executable, "-m", "desktop", "import", str(source), "--db",
             str(tmp_path / "p.sqlite")], cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=err, env={**os.environ, "FACTDESK_HOME": str(tmp_path)})
    deadline = time.monotonic() + 60
    started: set[int] = set()
    while len(started) < 2 and time.monotonic() < deadline and command.poll() is None:
        started |= _children(command.pid)  # the resource tracker, then the workers
        time.sleep(0.05)
    assert len(started) >= 2, "the import finished before it started its workers"
    command.send_signal(signum)
    command.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in started if _running(pid)]
    tracker = [line for line in stderr.read_text(encoding="utf-8").splitlines()
               if "UserWarning: resource_tracker:" in line]
    if signum == signal.SIGKILL:
        assert len(tracker) == 1 and re.search(
            r"There appear to be \d+ leaked semaphore objects to clean up", tracker[0])
    else:
        assert tracker == []

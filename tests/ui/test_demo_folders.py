"""The demo's temporary folder goes with its window, however the window ends: a quit, a
SIGTERM or SIGHUP, and after a SIGKILL or crash at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.ui.demo import remove_stale_folders
from tests.conftest import ROOT


def test_a_start_removes_the_folders_of_dead_demos_only(tmp_path: Path) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    dead = tmp_path / f"factdesk-demo-{finished.pid}-k2x9"
    running = tmp_path / f"factdesk-demo-{os.getpid()}-q7w1"
    unmarked = tmp_path / "factdesk-demo-a1b2c3d4"
    for folder in (dead, running, unmarked):
        folder.mkdir()
        (folder / "demo.sqlite").write_bytes(b"")
    remove_stale_folders(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, unmarked.name])


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_closes_the_demo_and_removes_its_folder(tmp_path: Path, signum: int) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "FACTDESK_HOME": str(tmp_path / "home")}
    demo = subprocess.Popen([sys.executable, "-m", "desktop", "--demo"], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while not list(tmp_path.glob(f"factdesk-demo-{demo.pid}-*/demo.sqlite")):
            assert demo.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(1)  # the window is up and importing the seeds
        demo.send_signal(signum)
        assert demo.wait(timeout=60) == 0, demo.stderr.read() if demo.stderr else ""
    finally:
        demo.kill()
    assert not list(tmp_path.glob("factdesk-demo-*"))

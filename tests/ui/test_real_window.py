"""A real window (not offscreen) can start on this machine: every library Qt's X11 platform
plugin links to is installed. The README and .ci/run name them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

from tests.conftest import ROOT

PLUGIN = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd is Linux only")
def test_the_x11_plugin_finds_every_library_it_needs() -> None:
    linked = subprocess.run(["ldd", str(PLUGIN)], capture_output=True, text=True,
                            check=True).stdout
    missing = [line.split()[0] for line in linked.splitlines() if "not found" in line]
    assert not missing, f"install the Debian packages the README names: {missing}"


def test_the_readme_and_ci_name_the_same_x11_packages() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libx11-xcb1",
                    "libxcb-xkb1", "libxkbcommon-x11-0"):
        assert package in readme and package in ci, package

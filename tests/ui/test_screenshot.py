"""The README's screenshot script renders the real window on the demo project."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

from tests.conftest import ROOT


def test_screenshot_of_the_demo_project(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "scripts/screenshot.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = module.render(tmp_path / "window.png", 1200, 800)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 800, 29)}
    assert len(colours) > 20, "the window rendered blank"

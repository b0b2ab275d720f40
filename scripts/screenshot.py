"""Render the main window on the demo project to a PNG (docs/screenshot.png by default).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot.py [OUT.png]

The window is the real one: seeds imported through the service, the conflicting claim
selected, its mentions in the detail pane.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from desktop.core.dto import ClaimFilter
from desktop.core.paths import seeds_dir
from desktop.core.service import Service
from desktop.ui.app import application
from desktop.ui.layout import pane_sizes
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


def render(target: Path, width: int = 1500, height: int = 900) -> Path:
    """Import the seeds, show the conflict, save a picture of the window."""
    app = application()
    folder = Path(tempfile.mkdtemp())
    # A fresh window, as a new user sees it: not the layout saved in your own settings.
    os.environ["FACTDESK_HOME"] = str(folder)
    project = folder / "demo.sqlite"
    service = Service.open(project)
    service.import_paths([seeds_dir()])
    conflict = service.claims(ClaimFilter(conflicts_only=True))[0]
    service.set_verdict(conflict.id, "disputed", note="300 vs 600: ask both sources",
                        by="demo")
    service.set_verdict(service.claims()[0].id, "confirmed", by="demo")
    window = MainWindow(service, Settings())
    window.resize(width, height)
    window.splitter.setSizes(pane_sizes(width))
    window.show()
    window.select_claim(conflict.id)
    while window.runner.busy or window.model.pending:  # the panes read in workers
        app.processEvents()
        time.sleep(0.005)
    for _ in range(5):
        app.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(target))
    window.close()
    service.close()
    return target


if __name__ == "__main__":
    out = render(Path(sys.argv[1]) if len(sys.argv) > 1 else
                 Path(__file__).resolve().parents[1] / "docs" / "screenshot.png")
    print(out)

"""The window at scale: the claims table over 100,000 and 1,000,000 claims next to an eager
model (every row read into a Python list, what a quick tool does), how long the event loop
ever stalls while a large import runs in the background, and the longest the GUI thread is
held by one key press (next claim, tag, undo) on SQLite and on a PostgreSQL server.

    QT_QPA_PLATFORM=offscreen python benchmarks/window.py [--claims 100000,1000000]
        [--import-articles 10000] [--fnc ../shared/data/fnc1]
        [--keys 100000] [--presses 100] [--pg postgresql+psycopg://user:pw@host/db]

--pg empties that database (DROP SCHEMA public) before building the project in it.

Each measurement runs in a fresh process; memory is that process's peak resident set.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from export_speed import build  # noqa: E402
from import_speed import make_corpus  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QAbstractTableModel,
    QElapsedTimer,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402
from shared_data import FNC1  # noqa: E402

from desktop.core.dto import ClaimRow  # noqa: E402
from desktop.core.service import Service  # noqa: E402
from desktop.ui.app import application  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def fresh_window(db: str | Path) -> MainWindow:
    """The window as on a first start, with preferences in a temporary folder: a benchmark
    must not overwrite the layout saved in the user's own settings."""
    os.environ["FACTDESK_HOME"] = tempfile.mkdtemp()
    return MainWindow(Service.open(db), Settings())


def table_lazy(db: Path) -> dict[str, float]:
    """FactDesk's window: open, show, then Ctrl+End to the last claim."""
    app = application()
    started = time.perf_counter()
    window = fresh_window(db)
    window.resize(1400, 860)
    window.show()
    settle(app)
    opened = time.perf_counter() - started
    window.table.setFocus()
    window.table.selectRow(0)
    started = time.perf_counter()
    QTest.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(app)
    scrolled = time.perf_counter() - started
    last = window.model.claim_at(window.model.rowCount() - 1)
    assert last is not None
    header = window.table.horizontalHeader()
    sort_blocked, sort_ready = until_loaded(app, window, lambda: QTest.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(0) + 20, 5)))
    filter_blocked, filter_ready = until_loaded(app, window, window.filter_bar.conflicts.click)
    assert window.model.rowCount() < window.service.count_claims()
    return {"open": opened, "end": scrolled, "sort": sort_ready, "sort_blocked": sort_blocked,
            "filter": filter_ready, "filter_blocked": filter_blocked,
            "rows": window.model.rowCount(), "mb": peak_mb()}


def until_loaded(app: QApplication, window: MainWindow,
                 action: Callable[[], None]) -> tuple[float, float]:
    """How long ``action`` holds the GUI thread, and how long until its rows are shown."""
    started = time.perf_counter()
    action()
    blocked = time.perf_counter() - started
    while window.model.pending:
        app.processEvents()
        time.sleep(0.001)
    settle(app)
    return blocked, time.perf_counter() - started


class EagerModel(QAbstractTableModel):
    """Every claim read into a Python list up front: the quick way to fill a table."""

    def __init__(self, rows: list[ClaimRow]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return (row.text, row.verdict, row.n_sources, row.n_origins)[index.column()]


def table_eager(db: Path) -> dict[str, float]:
    """Every claim read into a Python list, then shown the same way."""
    app = application()
    service = Service.open(db)
    started = time.perf_counter()
    model = EagerModel(service.claims())
    view = QTableView()
    view.setModel(model)
    view.resize(1400, 860)
    view.show()
    settle(app)
    opened = time.perf_counter() - started
    view.setFocus()
    view.selectRow(0)
    started = time.perf_counter()
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(app)
    return {"open": opened, "end": time.perf_counter() - started, "rows": model.rowCount(),
            "mb": peak_mb()}


def import_stalls(corpus: Path, db: Path) -> dict[str, float]:
    """Import through the window while a 10 ms timer measures the event loop's gaps."""
    app = application()
    window = fresh_window(db)
    window.show()
    settle(app)
    gaps: list[float] = []
    when: list[float] = []
    clock = QElapsedTimer()
    clock.start()

    def tick() -> None:
        gaps.append(clock.restart())
        when.append(time.perf_counter() - started)

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    done: list[bool] = []
    window.runner.idle.connect(lambda: done.append(True))
    window.transfers.import_paths([corpus])
    while not done:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    timer.stop()
    longest = max(range(len(gaps)), key=gaps.__getitem__)
    ordered = sorted(gaps)
    return {"seconds": elapsed, "articles": window.service.stats().articles,
            "max_gap_ms": ordered[-1], "max_gap_at": when[longest],
            "p99_gap_ms": ordered[int(len(ordered) * 0.99)], "ticks": len(gaps),
            "mb": peak_mb()}


def until_quiet(app: QApplication, window: MainWindow) -> float:
    """Let the window finish what a key press started (workers and the callbacks they
    queue); the longest single turn of the event loop meanwhile, in milliseconds."""
    longest, quiet = 0.0, 0
    while quiet < 5:
        started = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - started)
        quiet = quiet + 1 if not window.runner.busy else 0
        time.sleep(0.001)
    return longest * 1000


def key_stalls(db: str, presses: str) -> dict[str, dict[str, list[float]]]:
    """Press Down (next claim), a verdict key and Ctrl+Z in turn on the claims table; per
    press, the longest the GUI thread was held (the key's own handling or any one turn of
    the event loop until the work it started is shown), and the CPU time the GUI thread
    spent on it in all. The first is what a user feels; on a busy machine it includes
    waiting for a core, which the second leaves out: it is the part the window controls."""
    app = application()
    window = fresh_window(db)
    window.resize(1400, 860)
    window.show()
    until_quiet(app, window)
    window.table.setFocus()
    window.table.selectRow(0)
    until_quiet(app, window)
    stalls: dict[str, list[float]] = {"next claim": [], "tag": [], "undo": []}
    cpu: dict[str, list[float]] = {name: [] for name in stalls}
    keys = (("next claim", Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
            ("tag", None, Qt.KeyboardModifier.NoModifier),
            ("undo", Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    verdict_keys = (Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_F, Qt.Key.Key_U)
    for press in range(int(presses)):
        for name, key, modifier in keys:
            started, thread_started = time.perf_counter(), time.thread_time()
            QTest.keyClick(window.table, key or verdict_keys[press % 4], modifier)
            held = (time.perf_counter() - started) * 1000
            stalls[name].append(max(held, until_quiet(app, window)))
            cpu[name].append((time.thread_time() - thread_started) * 1000)
    return {"stalls": stalls, "cpu": cpu}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def reset_server(url: str) -> None:
    """Empty the server database the key-press measurement builds its project in."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def print_key_stalls(folder: Path, size: int, presses: int, pg: str | None) -> None:
    """The key-press table: one row per engine and key."""
    print(f"\nLongest GUI-thread stall per key press, {size:,} claims, {presses} presses "
          "each (ms):\n")
    print("| engine | key | median | 99th percentile | max | GUI-thread CPU per press: "
          "median | 99th percentile |")
    print("|---|---|---:|---:|---:|---:|---:|")
    targets: list[tuple[str, str]] = [("SQLite", str(folder / f"keys-{size}.sqlite"))]
    if pg:
        reset_server(pg)
        targets.append(("PostgreSQL (local server)", pg))
    for engine, target in targets:
        build(target, size)  # type: ignore[arg-type]  # Service.open takes a URL too
        measured = run("keys", target, str(presses))
        for key, values in measured["stalls"].items():
            cpu = measured["cpu"][key]
            print(f"| {engine} | {key} | {percentile(values, 0.5):.1f} | "
                  f"{percentile(values, 0.99):.1f} | {max(values):.1f} | "
                  f"{percentile(cpu, 0.5):.1f} | {percentile(cpu, 0.99):.1f} |", flush=True)


def run(kind: str, *paths: str) -> Any:
    out = subprocess.run([sys.executable, __file__, "--one", kind, *paths],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Print both tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", default="100000,1000000")
    parser.add_argument("--eager-up-to", type=int, default=100_000)
    parser.add_argument("--import-articles", type=int, default=10_000)
    parser.add_argument("--fnc", type=Path,
                        default=FNC1)
    parser.add_argument("--keys", type=int, default=100_000,
                        help="claims in the project the key presses are timed on (0: skip)")
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--pg", help="a PostgreSQL URL to time the key presses on as well")
    parser.add_argument("--only-keys", action="store_true", help="skip the other tables")
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, *paths = args.one
        if kind == "keys":
            print(json.dumps(key_stalls(*paths)), flush=True)
            os._exit(0)
        runners = {"lazy": table_lazy, "eager": table_eager, "import": import_stalls}
        print(json.dumps(runners[kind](*(Path(p) for p in paths))), flush=True)
        os._exit(0)  # skip Qt's teardown of windows that outlive the measurement
    folder = Path(tempfile.mkdtemp())
    if args.keys:
        print_key_stalls(folder, args.keys, args.presses, args.pg)
    if args.only_keys:
        return
    print("| claims | model | open and show (s) | Ctrl+End (s) | sort by claim text: rows shown "
          "(GUI thread held) (s) | conflicts only: rows shown (GUI thread held) (s) | "
          "peak memory (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.claims.split(",")):
        db = folder / f"claims-{size}.sqlite"
        build(db, size)
        kinds = ["lazy"] + (["eager"] if size <= args.eager_up_to else [])
        for kind in kinds:
            r = run(kind, str(db))
            label = ("FactDesk (ordered ids, pages by id)" if kind == "lazy"
                     else "eager (every row in a Python list)")
            sort, only = ((f"{r['sort']:.2f} ({r['sort_blocked']:.2f})",
                           f"{r['filter']:.2f} ({r['filter_blocked']:.2f})") if kind == "lazy"
                          else ("—", "—"))
            print(f"| {size:,} | {label} | {r['open']:.2f} | {r['end']:.2f} | {sort} | {only} | "
                  f"{r['mb']:.0f} |", flush=True)
    if args.import_articles:
        corpus = folder / "corpus.csv"
        make_corpus(args.fnc / "train_bodies.csv", args.import_articles, corpus)
        r = run("import", str(corpus), str(folder / "import.sqlite"))
        print(f"\nImport of {r['articles']:,} articles through the window: {r['seconds']:.0f} s; "
              f"the event loop's longest gap {r['max_gap_ms']:.0f} ms (ending "
              f"{r['max_gap_at']:.1f} s in), 99th percentile {r['p99_gap_ms']:.0f} ms over "
              f"{r['ticks']:,} ticks of a 10 ms timer.")


if __name__ == "__main__":
    main()

"""Kill trials: the command line killed at random moments of imports, project creation and
exports, then checked the way a user would find out.

    nice python benchmarks/kill_trials.py [--articles 150] [--imports 45] [--creations 35]
                                          [--exports 35] [--seed 11] [--bodies CSV]

Each trial runs a real `factdesk` process and sends it SIGKILL, SIGTERM or SIGHUP (in turn)
after a uniformly random delay within the time a complete run of its kind takes: the
shortest complete run seen so far (timed before the trials, and lowered whenever a trial
finishes before its kill), less 10 %. Only a run the signal ended counts as a kill (exit
status: killed by it, or FactDesk's 128 + signal). After each kill:
- no process it started is still running (its workers and multiprocessing's resource
  tracker, collected from /proc while it ran; 5 s of grace);
- `factdesk check` passes (SQLite integrity and foreign keys, every cached count recounted);
- imports: the same import run again to the end gives exactly what one uninterrupted import
  gave (articles, claims, ids, counts, mentions, stances, scores);
- creations: the project is absent or complete (it opens and checks clean), and no
  half-built file is left once it is opened again;
- exports: the target is the earlier complete file or the new complete one (it opens);
  a temporary file the kill left is removed by the next export to the same target (run
  to the end right after such a kill).
Creations and exports are mostly Python starting up: their kills aim after that.

The articles are the first N FNC-1 bodies (../shared/data/fnc1), enough that the import
analyses them in worker processes. The baseline is the uninterrupted import, run twice in
different processes (hash seeds) to show it agrees with itself. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from shared_data import FNC1

ROOT = Path(__file__).resolve().parents[1]
FNC1_BODIES = FNC1 / "train_bodies.csv"
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP]
GRACE_S = 5.0
PROBLEMS = {"leftover processes", "check failed", "resumed != clean", "target damaged",
            "half-built files left after reopening",
            "temporary files left after the next export"}


def factdesk(*args: str) -> list[str]:
    """The command line of this checkout, whatever is installed."""
    return [sys.executable, "-m", "desktop", *args]


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "FACTDESK_HOME": str(home), "PYTHONPATH": str(ROOT),
            "PYTHONHASHSEED": "random"}


def articles_csv(bodies: Path, target: Path, count: int) -> Path:
    csv.field_size_limit(1 << 30)
    with bodies.open(encoding="utf-8", newline="") as source, \
            target.open("w", encoding="utf-8", newline="") as out:
        reader, writer = csv.reader(source), csv.writer(out)
        for number, row in enumerate(reader):
            if number > count:
                break
            writer.writerow(row)
    return target


def snapshot(path: Path) -> tuple[list[tuple[object, ...]], ...]:
    """Everything an import decides, without timestamps."""
    with sqlite3.connect(path) as conn:
        return (
            conn.execute("SELECT id, origin_id, content_hash, copy_similarity FROM article "
                         "ORDER BY id").fetchall(),
            conn.execute("SELECT id, text, attribution, n_sources, n_articles, n_origins, "
                         "n_support, n_contradict, has_conflict, conflict_values, first_seen "
                         "FROM claim ORDER BY id").fetchall(),
            conn.execute('SELECT id, claim_id, article_id, sentence_id, start, "end", stance, '
                         "hedged, origin, score FROM mention ORDER BY id").fetchall(),
        )


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@dataclass
class Killed:
    """One run killed part way: what it had started, and what of it is left."""

    finished_first: bool
    completed: float | None
    """Seconds a run that finished first, successfully, took."""
    leftovers: list[int] = field(default_factory=list)


def run_and_kill(args: list[str], home: Path, delay: float, signum: int) -> Killed:
    """Start ``factdesk args``, kill it after ``delay`` s, and see what it leaves running."""
    start = time.monotonic()
    process = subprocess.Popen(factdesk(*args), cwd=home, env=environment(home),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started: set[int] = set()
    deadline = start + delay
    while time.monotonic() < deadline and process.poll() is None:
        started |= _children(process.pid)
        time.sleep(0.02)
    if process.poll() is None:
        started |= _children(process.pid)
        process.send_signal(signum)
    status = process.wait()
    elapsed = time.monotonic() - start
    # Ended by the signal: killed by it, or FactDesk's own exit on SIGTERM and SIGHUP.
    finished = status not in (-signum, 128 + signum)
    give_up = time.monotonic() + GRACE_S
    while any(_running(pid) for pid in started) and time.monotonic() < give_up:
        time.sleep(0.05)
    leftovers = [pid for pid in started if _running(pid)]
    for pid in leftovers:  # ours: started by the run above
        os.kill(pid, signal.SIGKILL)
    return Killed(finished, elapsed if status == 0 else None, leftovers)


@dataclass
class Moments:
    """Kill moments drawn uniformly within the shortest complete run of a kind seen so far,
    so that nearly every trial is a kill even when the machine gets faster."""

    earliest: float
    shortest: float

    def draw(self, rng: random.Random) -> float:
        return rng.uniform(self.earliest, max(self.earliest, 0.9 * self.shortest))

    def learn(self, killed: Killed) -> None:
        if killed.completed is not None:
            self.shortest = min(self.shortest, killed.completed)


def report(kind: str, trial: int, signum: int, killed: Killed, count: Counter[str]) -> None:
    """One line per trial as it ends, so a long run shows where it is."""
    problems = {k: v for k, v in count.items() if v and k in PROBLEMS}
    print(f"{kind} {trial}: {signal.Signals(signum).name}, "
          f"{'finished first' if killed.finished_first else 'killed'}; problems so far: "
          f"{problems or 'none'}", file=sys.stderr, flush=True)


def timed(args: list[str], home: Path) -> float:
    start = time.perf_counter()
    subprocess.run(factdesk(*args), cwd=home, env=environment(home), check=True,
                   capture_output=True)
    return time.perf_counter() - start


def shortest_of(runs: int, args: list[str], home: Path, fresh: Path | None = None) -> float:
    """The shortest of ``runs`` complete runs (``fresh``: a file removed before each)."""
    times = []
    for _ in range(runs):
        if fresh is not None:
            fresh.unlink(missing_ok=True)
        times.append(timed(args, home))
    return min(times)


def checks_clean(project: Path, home: Path) -> bool:
    result = subprocess.run(factdesk("check", "--db", str(project)), cwd=home,
                            env=environment(home), capture_output=True, text=True)
    return result.returncode == 0


def workbook_whole(path: Path) -> bool:
    """An .xlsx that opens: a complete zip holding the Claims sheet."""
    try:
        with zipfile.ZipFile(path) as book:
            return book.testzip() is None and any("worksheets/" in n for n in book.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--imports", type=int, default=45)
    parser.add_argument("--creations", type=int, default=35)
    parser.add_argument("--exports", type=int, default=35)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--bodies", type=Path, default=FNC1_BODIES, help="FNC-1 train_bodies.csv")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    work = Path(tempfile.mkdtemp(prefix="factdesk-kills-"))
    home = work / "home"
    home.mkdir()
    source = articles_csv(options.bodies, work / "articles.csv", options.articles)
    tally: dict[str, Counter[str]] = {kind: Counter() for kind in ("import", "create", "export")}

    clean = work / "clean.sqlite"
    first_s = timed(["import", str(source), "--db", str(clean)], home)
    expected = snapshot(clean)
    again = work / "again.sqlite"
    import_s = min(first_s, timed(["import", str(source), "--db", str(again)], home))
    print(f"{options.articles} FNC-1 articles: {len(expected[0])} stored, "
          f"{len(expected[1])} claims, {len(expected[2])} mentions; clean import "
          f"{import_s:.1f} s; a second clean import in another process "
          f"{'equals' if snapshot(again) == expected else 'DIFFERS FROM'} the first")

    moments = Moments(0.3, import_s)
    for trial in range(options.imports):
        signum = SIGNALS[trial % len(SIGNALS)]
        project = work / f"import-{trial}.sqlite"
        killed = run_and_kill(["import", str(source), "--db", str(project)], home,
                              moments.draw(rng), signum)
        moments.learn(killed)
        count = tally["import"]
        count["finished before the kill" if killed.finished_first else "killed"] += 1
        count["leftover processes"] += len(killed.leftovers)
        if project.exists():
            count["check failed"] += not checks_clean(project, home)
        subprocess.run(factdesk("import", str(source), "--db", str(project)), cwd=home,
                       env=environment(home), capture_output=True)
        count["resumed != clean"] += snapshot(project) != expected
        report("import", trial, signum, killed, count)
        for leftover in work.glob(f"*import-{trial}.sqlite*"):
            leftover.unlink()

    timing = work / "timing.sqlite"
    create_s = shortest_of(3, ["stats", "--db", str(timing)], home, fresh=timing)
    # Most of a creation or an export is Python loading FactDesk; kills aim after that,
    # where the file is written.
    startup_s = shortest_of(3, ["--help"], home)
    moments = Moments(0.9 * startup_s, create_s)
    for trial in range(options.creations):
        signum = SIGNALS[trial % len(SIGNALS)]
        folder = work / f"create-{trial}"
        folder.mkdir()
        project = folder / "new.sqlite"
        killed = run_and_kill(["stats", "--db", str(project)], home, moments.draw(rng), signum)
        moments.learn(killed)
        count = tally["create"]
        count["finished before the kill" if killed.finished_first else "killed"] += 1
        count["leftover processes"] += len(killed.leftovers)
        count["project complete" if project.exists() else "no project"] += 1
        count["killed while building (temporary file there)"] += any(
            p.name.endswith(".creating") for p in folder.iterdir())
        count["check failed"] += not checks_clean(project, home)
        count["half-built files left after reopening"] += sum(
            1 for p in folder.iterdir() if p.name != "new.sqlite")
        report("create", trial, signum, killed, count)
        shutil.rmtree(folder)

    target = work / "claims.xlsx"
    export = ["export", str(target), "--db", str(clean)]
    export_s = shortest_of(3, export, home)
    before = target.read_bytes()
    moments = Moments(0.9 * startup_s, export_s)
    for trial in range(options.exports):
        signum = SIGNALS[trial % len(SIGNALS)]
        killed = run_and_kill(export, home, moments.draw(rng), signum)
        moments.learn(killed)
        count = tally["export"]
        count["finished before the kill" if killed.finished_first else "killed"] += 1
        count["leftover processes"] += len(killed.leftovers)
        whole = workbook_whole(target)
        count["target whole (earlier or new)" if whole else "target damaged"] += 1
        count["earlier file kept"] += whole and target.read_bytes() == before
        temporary = list(work.glob(".claims-*"))
        count["temporary files left by the kill"] += len(temporary)
        if temporary:
            subprocess.run(factdesk(*export), cwd=home, env=environment(home),
                           capture_output=True)
            count["temporary files left after the next export"] += sum(
                p.exists() for p in temporary)
            whole = workbook_whole(target)
        count["check failed"] += not checks_clean(clean, home)
        before = target.read_bytes() if whole else before
        report("export", trial, signum, killed, count)

    kills = sum(c["killed"] for c in tally.values())
    trials = kills + sum(c["finished before the kill"] for c in tally.values())
    print(f"\n{kills} kills in {trials} trials "
          f"({', '.join(s.name for s in SIGNALS)} in turn) at uniform random moments within "
          f"the shortest complete run: import {import_s:.1f} s, creation {create_s:.1f} s, "
          f"export {export_s:.1f} s (creations and exports killed after "
          f"{0.9 * startup_s:.1f} s of Python start-up)\n")
    rows = sorted({key for c in tally.values() for key in c})
    print("| outcome | " + " | ".join(tally) + " |")
    print("|---|" + "---|" * len(tally))
    for key in rows:
        print(f"| {key} | " + " | ".join(str(tally[kind][key]) for kind in tally) + " |")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()

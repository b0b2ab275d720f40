"""Long fuzz run of the readers and of whole imports: every case either reads or is refused
with one line naming its file; any other exception, or a case past its time limit, counts.

    nice python benchmarks/fuzz_readers.py [--cases 10000] [--imports 300] [--timeout 30]
    python benchmarks/fuzz_readers.py --replay SEED      # one case, with its traceback

Cases come from tests/fuzz/cases.py (the generators of the short hypothesis run in the test
suite): txt, md, html, docx, pdf and csv files generated with news-like text, then left
as they are, mutated byte by byte, or mutated inside their container (document.xml
re-zipped, the PDF content stream re-wrapped with a valid xref). Each case runs in a
worker process with a time limit; a worker past it is killed, counted as a hang and
replaced. Whole imports put five cases in a folder and import it into a fresh project.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.db import open_database  # noqa: E402
from desktop.core.errors import InputError  # noqa: E402
from desktop.core.ingest import read  # noqa: E402
from desktop.core.ingest.cleanup import clean  # noqa: E402
from desktop.core.service import Service  # noqa: E402
from tests.fuzz.cases import KINDS, case  # noqa: E402

IMPORT_FILES = 5


def read_case(seed: int, folder: Path) -> str:
    """Read and clean one case: 'read' or 'refused'; anything else raises."""
    name, data = case(seed)
    path = folder / name
    path.write_bytes(data)
    try:
        for document in read(path):
            clean(document)
        return "read"
    except InputError as error:
        if "\n" in str(error) or not str(error).startswith(str(path)):
            raise AssertionError(f"refusal is not one line naming the file: {error!r}") from None
        generic = f"damaged {path.suffix} file ("  # ingest.read's net under every reader
        return "caught by the net" if generic in error.reason else "refused"
    finally:
        path.unlink()


def import_case(seeds: list[int], folder: Path, template: Path) -> str:
    """Import a folder of cases into a fresh project; every file must be accounted for."""
    batch = folder / "batch"
    batch.mkdir()
    names = []
    for seed in seeds:
        name, data = case(seed)
        (batch / name).write_bytes(data)
        names.append(name)
    project = folder / "project.sqlite"
    shutil.copy(template, project)
    service = Service.open(project)
    try:
        report = service.import_paths([batch])
        reported = {Path(item.path.split(" row ")[0]).name for item in report.items}
        if reported != set(names):
            raise AssertionError(f"files without an outcome: {set(names) - reported}")
        if any("\n" in (item.reason or "") for item in report.items):
            raise AssertionError("a reason spans several lines")
        return "imported" if report.count("imported") else "all refused"
    finally:
        service.close()
        shutil.rmtree(batch)
        project.unlink()


def worker(connection: Connection) -> None:
    """Run jobs from the parent until it closes the pipe; answer (outcome, detail)."""
    folder = Path(tempfile.mkdtemp(prefix="factdesk-fuzz-"))
    template = folder / "template.sqlite"
    open_database(f"sqlite:///{template}").close()
    try:
        while True:
            try:
                job, arg = connection.recv()
            except EOFError:
                return
            try:
                outcome = (read_case(arg, folder) if job == "read"
                           else import_case(arg, folder, template))
                connection.send((outcome, ""))
            except Exception as exc:
                connection.send(("unhandled", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Runner:
    """One worker process at a time, replaced when a job outlives its time limit."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.context = multiprocessing.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.connection, child = self.context.Pipe()
        # Not a daemon: a whole import starts its own analysis workers.
        self.process = self.context.Process(target=worker, args=(child,))
        self.process.start()
        child.close()

    def run(self, job: str, arg: object) -> tuple[str, str, float]:
        """(outcome, detail, seconds) of one job; a job past the limit is a 'hang'."""
        started = time.perf_counter()
        self.connection.send((job, arg))
        if self.connection.poll(self.timeout + (20 if job == "import" else 0)):
            try:
                outcome, detail = self.connection.recv()
            except EOFError:
                outcome, detail = "unhandled", f"worker died (exit {self.process.exitcode})"
                self._restart()
        else:
            outcome, detail = "hang", f"no answer in {self.timeout:.0f} s"
            self._restart()
        return outcome, detail, time.perf_counter() - started

    def _restart(self) -> None:
        self.process.kill()
        self.process.join()
        self._start()

    def close(self) -> None:
        self.connection.close()
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()


def replay(seed: int) -> None:
    """Read one case in this process and show its traceback, for debugging."""
    folder = Path(tempfile.mkdtemp())
    try:
        print(case(seed)[0], read_case(seed, folder))
    except Exception:
        traceback.print_exc()
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--imports", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--replay", type=int, help="read one case here, with its traceback")
    args = parser.parse_args()
    if args.replay is not None:
        replay(args.replay)
        return
    runner = Runner(args.timeout)
    outcomes: Counter[tuple[str, str]] = Counter()
    failures: list[str] = []
    slowest = (0.0, -1)
    started = time.perf_counter()
    try:
        for seed in range(args.first_seed, args.first_seed + args.cases):
            outcome, detail, seconds = runner.run("read", seed)
            outcomes[KINDS[seed % len(KINDS)], outcome] += 1
            slowest = max(slowest, (seconds, seed))
            if outcome in ("unhandled", "hang"):
                failures.append(f"seed {seed} ({case(seed)[0]}): {outcome}: {detail}")
        read_seconds = time.perf_counter() - started
        base = args.first_seed + args.cases
        for n in range(args.imports):
            seeds = list(range(base + n * IMPORT_FILES, base + (n + 1) * IMPORT_FILES))
            outcome, detail, _ = runner.run("import", seeds)
            outcomes["whole import", outcome] += 1
            if outcome in ("unhandled", "hang"):
                failures.append(f"import of seeds {seeds}: {outcome}: {detail}")
    finally:
        runner.close()
    total = time.perf_counter() - started
    print(f"Fuzz run: {args.cases:,} reader cases (seeds {args.first_seed}.."
          f"{args.first_seed + args.cases - 1}), {args.imports:,} whole imports of "
          f"{IMPORT_FILES} cases each; time limit {args.timeout:.0f} s a case\n")
    print("| input | cases | read | refused by its reader, one line | refused by the net "
          "in ingest.read | whole import: some imported | unhandled exceptions | hangs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in (*KINDS, "whole import"):
        row = {o: outcomes[kind, o] for o in ("read", "refused", "caught by the net",
                                              "imported", "all refused", "unhandled", "hang")}
        cases = sum(row.values())
        refused = row["refused"] + row["all refused"]
        print(f"| {kind} | {cases:,} | {row['read']:,} | {refused:,} | "
              f"{row['caught by the net']:,} | {row['imported']:,} | {row['unhandled']:,} | "
              f"{row['hang']:,} |")
    unhandled = sum(v for (_, o), v in outcomes.items() if o == "unhandled")
    hangs = sum(v for (_, o), v in outcomes.items() if o == "hang")
    print(f"\nTotal: {sum(outcomes.values()):,} cases, {unhandled} unhandled exceptions, "
          f"{hangs} hangs; reader cases took {read_seconds:,.0f} s "
          f"({args.cases / max(read_seconds, 1e-9):,.1f} a second), the slowest "
          f"{slowest[0]:.1f} s (seed {slowest[1]}); everything {total:,.0f} s.")
    for line in failures[:40]:
        print(f"- {line}")


if __name__ == "__main__":
    main()

"""One article whose analysis fails, wherever it runs (a worker process, the importing
process), or whose worker dies, fails alone: one line naming it, the batch goes on, and
every other article is stored as an import without it would store it.

The analyses below are the real one, except on the articles holding a trap: they are
handed to the importer (import_paths' documented ``analyse_one``) and run where the real
analysis runs, in spawned worker processes for batches of MIN_PARALLEL or more."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.db import Database
from desktop.core.dto import ImportReport
from desktop.core.models import Article, Sentence
from desktop.core.service import Service, analysis_pool, importing
from desktop.core.service.analysis_pool import MIN_PARALLEL, Analysis, Job, analyse_article
from desktop.core.service.importing import import_paths

RAISES, DIES = "Tripwire", "Deathtrap"
ROWS = MIN_PARALLEL + 12
"""Enough articles in one file that they are analysed in worker processes."""
FAULTY = {7: RAISES, 20: DIES}
"""Rows whose analysis fails."""


def fails_on_traps(job: Job) -> Analysis:
    if RAISES in job[0]:
        raise ValueError(f"no sense in {RAISES}")
    if DIES in job[0]:
        os._exit(3)
    return analyse_article(job)


def misleads_matching_on_traps(job: Job) -> Analysis:
    """Sentences the importer's matching cannot take (terms that are no list of words)."""
    analysis = analyse_article(job)
    if RAISES not in job[0]:
        return analysis
    return Analysis([replace(f, terms=None) for f in analysis.features],  # type: ignore[arg-type]
                    analysis.fingerprint)


def _body(row: int) -> str:
    name = FAULTY.get(row, f"Report {row}")
    return (f"{name}. Officials in Kyiv said {row % 9 + 2} soldiers were killed near Kursk on "
            f"{('Monday', 'Friday')[row % 2]}. The ministry confirmed talks with NATO in "
            f"Brussels on {row % 27 + 1} June.")


def _corpus(folder: Path, rows: int, *, traps: bool = True) -> Path:
    path = folder / f"corpus-{rows}-{traps}.csv"
    lines = ["id,text"] + [f'{row},"{_body(row)}"' for row in range(rows)
                           if traps or row not in FAULTY]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _after(folder: Path) -> Path:
    """A file after the failing ones in the same batch."""
    path = folder / "z_after.txt"
    path.write_text("Kim Jong Un met Sergei Shoigu in Pyongyang on Wednesday, state media "
                    "reported. Russia pledged 500 tonnes of grain.", encoding="utf-8")
    return path


def _stored(db: Database) -> list[tuple[str, int]]:
    """Every stored article's body and how many sentences it has."""
    with db.read() as session:
        return [(body, sentences) for body, sentences in session.execute(
            select(Article.body, func.count(Sentence.id))
            .join(Sentence, Sentence.article_id == Article.id, isouter=True)
            .group_by(Article.id).order_by(Article.id))]


def _claims(service: Service) -> list[tuple[str, int, int]]:
    return sorted((c.text, c.n_articles, c.n_support) for c in service.claims())


def _project(tmp_path: Path, db_template: Path, name: str) -> Service:
    path = tmp_path / f"{name}.sqlite"
    shutil.copy(db_template, path)
    return Service.open(path)


def _reference(tmp_path: Path, db_template: Path, paths: list[Path],
               monkeypatch: pytest.MonkeyPatch) -> Service:
    """The same files imported without faults, analysed in process (which gives what
    workers give: test_import.test_worker_processes_give_the_same_claims)."""
    with monkeypatch.context() as inline:
        inline.setattr(analysis_pool, "MIN_PARALLEL", 1 << 30)
        reference = _project(tmp_path, db_template, "reference")
        reference.import_paths(paths)
    return reference


def _failures(report: ImportReport) -> list[tuple[str, str]]:
    return [(Path(i.path).name, i.reason or "") for i in report.items if i.status == "failed"]


def test_an_article_raising_or_killing_its_worker_fails_alone(
        tmp_path: Path, db_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, after = _corpus(tmp_path, ROWS), _after(tmp_path)
    faulty = _project(tmp_path, db_template, "faulty")
    report = import_paths(faulty.db, [corpus, after], analyse_one=fails_on_traps)

    failed = _failures(report)
    assert [name for name, _ in failed] == [f"{corpus.name} row 9", f"{corpus.name} row 22"]
    assert failed[0][1] == f"could not be analysed: ValueError: no sense in {RAISES}"
    assert failed[1][1].startswith("could not be analysed: its analysis process died "
                                   "(BrokenProcessPool: ")
    assert "\n" not in failed[1][1]
    assert report.count("imported") == ROWS - 1
    reference = _reference(tmp_path, db_template, [_corpus(tmp_path, ROWS, traps=False), after],
                           monkeypatch)
    assert _stored(faulty.db) == _stored(reference.db)
    assert _claims(faulty) == _claims(reference)
    faulty.close()
    reference.close()


def test_an_article_failing_in_the_importing_process_fails_alone(
        tmp_path: Path, db_template: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small batches are analysed in process; matching and stance always run there."""
    corpus, after = _corpus(tmp_path, 10), _after(tmp_path)  # row 7 holds the tripwire
    faulty = _project(tmp_path, db_template, "faulty")
    first = import_paths(faulty.db, [corpus], analyse_one=misleads_matching_on_traps)
    assert [(name, reason[:34]) for name, reason in _failures(first)] == [
        (f"{corpus.name} row 9", "could not be analysed: TypeError: ")]
    second = import_paths(faulty.db, [corpus, after], analyse_one=fails_on_traps)
    assert [i.status for i in second.items] == [
        *["duplicate"] * 7, "failed", "duplicate", "duplicate", "imported"]
    assert _failures(second)[0][1] == f"could not be analysed: ValueError: no sense in {RAISES}"
    reference = _reference(tmp_path, db_template, [_corpus(tmp_path, 10, traps=False), after],
                           monkeypatch)
    assert _stored(faulty.db) == _stored(reference.db)
    assert _claims(faulty) == _claims(reference)
    faulty.close()
    reference.close()


class KillsTheWorkers:
    """Sends SIGKILL to the import's worker processes as the second batch is stored, while
    they analyse the third, as the out-of-memory killer would, whatever they hold."""

    def __init__(self, batch: int) -> None:
        self.batch = batch
        self.killed: list[int] = []

    def report(self, done: int, total: int, label: str = "") -> None:
        if done > self.batch and not self.killed:
            self.killed = [p.pid for p in multiprocessing.active_children() if p.pid]
            for pid in self.killed:
                os.kill(pid, signal.SIGKILL)

    def check(self) -> None:
        """Never cancels."""


def test_workers_killed_mid_import_are_replaced(tmp_path: Path, db_template: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """What a killed worker held is analysed again: no article is lost or changed."""
    batch = 16  # small batches, each analysed by the workers: a quick test
    monkeypatch.setattr(importing, "BATCH", batch)
    monkeypatch.setattr(analysis_pool, "MIN_PARALLEL", batch)
    corpus = _corpus(tmp_path, 3 * batch + len(FAULTY), traps=False)
    killed = _project(tmp_path, db_template, "killed")
    progress = KillsTheWorkers(batch)
    report = killed.import_paths([corpus], progress=progress)
    assert progress.killed
    assert report.count("imported") == 3 * batch
    reference = _reference(tmp_path, db_template, [corpus], monkeypatch)
    assert _stored(killed.db) == _stored(reference.db)
    assert _claims(killed) == _claims(reference)
    killed.close()
    reference.close()

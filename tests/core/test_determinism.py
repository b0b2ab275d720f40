"""The same articles in the same order give the same claims, ids and counts: imported at
once, in pieces (as an import resumed after a kill is), or in another process."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.core.matching import ClaimIndex
from desktop.core.service import Service
from desktop.core.text.dates import When
from tests.conftest import DATA, ROOT, SEEDS

ARTICLES = [*sorted(SEEDS.iterdir()), DATA / "fnc1_bodies_slice.csv"]


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything an import decides, without the clock's timestamps."""
    with sqlite3.connect(path) as conn:
        return {
            "articles": conn.execute("SELECT id, origin_id, content_hash, copy_similarity "
                                     "FROM article ORDER BY id").fetchall(),
            "claims": conn.execute(
                "SELECT id, text, attribution, n_sources, n_articles, n_origins, n_support, "
                "n_contradict, has_conflict, conflict_values, first_seen FROM claim "
                "ORDER BY id").fetchall(),
            "mentions": conn.execute(
                'SELECT id, claim_id, article_id, sentence_id, start, "end", stance, hedged, '
                "origin, score FROM mention ORDER BY id").fetchall(),
        }


def _import(path: Path, pieces: list[list[Path]]) -> dict[str, list[tuple[object, ...]]]:
    for piece in pieces:
        service = Service.open(path)
        service.import_paths(piece)
        service.close()
    return snapshot(path)


def test_in_pieces_equals_at_once(tmp_path: Path, db_template: Path) -> None:
    at_once, one_by_one = tmp_path / "at_once.sqlite", tmp_path / "one_by_one.sqlite"
    shutil.copy(db_template, at_once)
    shutil.copy(db_template, one_by_one)
    expected = _import(at_once, [ARTICLES])
    assert len(expected["claims"]) > 50
    assert _import(one_by_one, [[article] for article in ARTICLES]) == expected


def test_another_process_with_another_hash_seed_gives_the_same(tmp_path: Path,
                                                             db_template: Path) -> None:
    """Set iteration order changes with each process's hash seed; results must not."""
    results = []
    for seed in ("1", "2"):
        path = tmp_path / f"seed{seed}.sqlite"
        shutil.copy(db_template, path)
        subprocess.run([sys.executable, "-m", "desktop", "import", *map(str, ARTICLES),
                        "--db", str(path)], check=True, capture_output=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        results.append(snapshot(path))
    assert results[0] == results[1]


def test_a_reloaded_index_weighs_terms_as_the_one_that_grew() -> None:
    """An import resumed after a kill rebuilds the index from the database; weights that
    depended on when they were first asked for made it group differently."""
    mentions = [frozenset({f"term{i % 7}", f"term{i % 11}", "kursk", f"word{i}"})
                for i in range(300)]
    grown, reloaded = ClaimIndex(), ClaimIndex()
    for number, terms in enumerate(mentions):
        grown.place(terms, When())
        grown.add(number + 1, terms, When())
    for number, terms in enumerate(mentions):
        reloaded.add(number + 1, terms, When())
    for term in ("kursk", "term3", "term10", "word5", "word299"):
        assert grown.weight(term) == reloaded.weight(term), term

"""Claim search quality on FNC-1: ranking (MAP) and the number of articles judged to carry
each headline, against the labelled stances, next to plain full-text search (SQLite FTS5
BM25 over the raw words, what a user would reach for) in the same run.

    python benchmarks/search_quality.py [--fnc ../shared/data/fnc1] [--db fnc.sqlite]

Every headline is searched. Scores count only labelled (headline, body) pairs: bodies of
the same story that carry no label for a headline are ignored (see the data set README).
The hit threshold is chosen on even-numbered headlines and reported on the odd ones, so
the count error is not measured on the data it was tuned on.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from shared_data import FNC1

from desktop.core.service import Service
from desktop.core.service.searching import HIT_THRESHOLD, Searcher
from desktop.core.text.normalize import terms

RELATED = {"agree", "disagree", "discuss"}
STANCE = {"agree": "supports", "disagree": "contradicts", "discuss": "neutral"}


def average_precision(ranked: list[str], relevant: set[str]) -> float:
    """AP over a ranking; relevant items never ranked count as misses."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for position, item in enumerate(ranked, start=1):
        if item in relevant:
            hits += 1
            total += hits / position
    return total / len(relevant)


def load_labels(folder: Path) -> dict[str, dict[str, str]]:
    """headline -> {body id: stance}."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    with (folder / "train_stances.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels[row["Headline"]][row["Body ID"]] = row["Stance"]
    return labels


def bm25_baseline(folder: Path) -> sqlite3.Connection:
    """FTS5 over the raw bodies, one row per body."""
    csv.field_size_limit(sys.maxsize)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE body USING fts5(id UNINDEXED, text)")
    with (folder / "train_bodies.csv").open(encoding="utf-8") as handle:
        conn.executemany("INSERT INTO body VALUES (?, ?)",
                         ((r["Body ID"], r["articleBody"]) for r in csv.DictReader(handle)))
    return conn


def bm25_rank(conn: sqlite3.Connection, headline: str) -> list[str]:
    words = [w for w in "".join(c if c.isalnum() else " " for c in headline).split() if w]
    if not words:
        return []
    query = " OR ".join(f'"{w}"' for w in words)
    return [r[0] for r in conn.execute(
        "SELECT id FROM body WHERE body MATCH ? ORDER BY rank LIMIT 2000", (query,))]


def fnc_arguments() -> argparse.Namespace:
    """--fnc (the data set's folder) and --db (a project that already holds its bodies)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fnc", type=Path, default=FNC1)
    parser.add_argument("--db", type=Path, help="reuse a database that already holds FNC-1")
    return parser.parse_args()


def fnc_project(fnc: Path, db: Path | None) -> Service:
    """The project holding every FNC-1 body, imported now unless ``db`` holds them."""
    service = Service.open(db or Path(tempfile.mkdtemp()) / "fnc.sqlite")
    if service.stats().articles == 0:
        started = time.perf_counter()
        service.import_paths([fnc / "train_bodies.csv"], source="FNC-1", id_column="Body ID")
        print(f"imported FNC-1 bodies in {time.perf_counter() - started:.1f} s\n")
    return service


def main() -> None:
    """Run the measurement and print the tables."""
    args = fnc_arguments()
    labels = load_labels(args.fnc)
    service = fnc_project(args.fnc, args.db)
    body_of = {a.id: a.external_id for a in service.articles()}

    baseline = bm25_baseline(args.fnc)
    results: dict[str, list[float]] = defaultdict(list)
    scored: list[tuple[int, str, list[tuple[str, float, str]]]] = []
    started = time.perf_counter()
    with service.db.read() as session:
        searcher = Searcher(session)
        for index, (headline, pairs) in enumerate(sorted(labels.items())):
            relevant = {b for b, s in pairs.items() if s in RELATED}
            if not relevant or not terms(headline):
                continue
            ranked = [(body_of[m.article_id], m.score,
                       m.stance(headline).value)
                      for m in searcher.scored(headline) if body_of[m.article_id] in pairs]
            results["factdesk"].append(average_precision([b for b, _, _ in ranked], relevant))
            ranked_bm25 = [b for b in bm25_rank(baseline, headline) if b in pairs]
            results["bm25"].append(average_precision(ranked_bm25, relevant))
            scored.append((index, headline, ranked))
    elapsed = time.perf_counter() - started

    print(f"\n{len(scored)} headlines with related bodies, {elapsed:.1f} s "
          f"({len(scored) / elapsed:.0f} queries/s)\n")
    print("| method | MAP over labelled bodies |")
    print("|---|---:|")
    print(f"| FactDesk search | {statistics.mean(results['factdesk']):.3f} |")
    print(f"| SQLite FTS5 BM25 on raw words | {statistics.mean(results['bm25']):.3f} |")

    def count_error(threshold: float, part: int) -> tuple[float, float, float]:
        errors, exact, signed = [], 0, []
        for index, headline, ranked in scored:
            if index % 2 != part:
                continue
            truth = sum(1 for s in labels[headline].values() if s in RELATED)
            found = sum(1 for _, score, _ in ranked if score >= threshold)
            errors.append(abs(found - truth))
            signed.append(found - truth)
            exact += found == truth
        return statistics.mean(errors), exact / len(errors), statistics.mean(signed)

    candidates = [round(0.15 + 0.025 * i, 3) for i in range(19)]
    chosen = min(candidates, key=lambda t: count_error(t, 0)[0])
    mae, exact, bias = count_error(chosen, 1)
    mae_default, exact_default, bias_default = count_error(HIT_THRESHOLD, 1)
    truths = [sum(1 for s in labels[h].values() if s in RELATED) for i, h, _ in scored
              if i % 2 == 1]
    print("\nNumber of articles judged to carry a headline vs the true number of related "
          "bodies (odd headlines):\n")
    print("| threshold | mean absolute error | exactly right | mean signed error |")
    print("|---|---:|---:|---:|")
    print(f"| shipped ({HIT_THRESHOLD}) | {mae_default:.2f} | {exact_default:.1%} | "
          f"{bias_default:+.2f} |")
    print(f"| best on even headlines ({chosen}) | {mae:.2f} | {exact:.1%} | {bias:+.2f} |")
    print(f"| (true count: mean {statistics.mean(truths):.1f}, median "
          f"{statistics.median(truths)}) | | | |")

    confusion: dict[tuple[str, str], int] = defaultdict(int)
    for _, headline, ranked in scored:
        for body, score, predicted in ranked:
            stance = labels[headline][body]
            if score >= HIT_THRESHOLD and stance in RELATED:
                confusion[(STANCE[stance], predicted)] += 1
    print("\nStance of related hits (agree = supports, disagree = contradicts, discuss = "
          "neutral), next to always answering the most frequent label:\n")
    print("| method | accuracy | macro-F1 | F1 supports | F1 contradicts | F1 neutral |")
    print("|---|---:|---:|---:|---:|---:|")
    majority = max(STANCE.values(), key=lambda label: sum(
        n for (truth, _), n in confusion.items() if truth == label))
    always = defaultdict(int)
    for (truth, _), n in confusion.items():
        always[(truth, majority)] += n
    for name, table in (("FactDesk stance model", confusion), (f"always {majority}", always)):
        accuracy, macro, per_label = stance_scores(table)
        print(f"| {name} | {accuracy:.1%} | {macro:.3f} | "
              + " | ".join(f"{per_label[label]:.3f}" for label in STANCE.values()) + " |")
    print("\nconfusion (label -> FactDesk):")
    for (label, predicted), n in sorted(confusion.items()):
        print(f"  {label:>11} -> {predicted:<11} {n}")


def stance_scores(table: dict[tuple[str, str], int]) -> tuple[float, float, dict[str, float]]:
    """Accuracy, macro-F1 and F1 per label of a (truth, prediction) -> count table.

    Macro-F1 weighs the rare "contradicts" as much as the frequent "neutral": a detector
    that never flags a contradiction is useless to a fact-checker however accurate it is.
    """
    total = sum(table.values()) or 1
    accuracy = sum(n for (truth, guess), n in table.items() if truth == guess) / total
    per_label: dict[str, float] = {}
    for label in STANCE.values():
        right = table.get((label, label), 0)
        guessed = sum(n for (_, guess), n in table.items() if guess == label)
        actual = sum(n for (truth, _), n in table.items() if truth == label)
        precision = right / guessed if guessed else 0.0
        recall = right / actual if actual else 0.0
        per_label[label] = (2 * precision * recall / (precision + recall)
                            if precision + recall else 0.0)
    return accuracy, sum(per_label.values()) / len(per_label), per_label

if __name__ == "__main__":
    main()

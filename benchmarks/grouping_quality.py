"""Claim grouping quality on the seeds against the hand-made gold (tests/data/seeds_gold.json),
next to plain word similarity (the alternative a user would reach for) in the same run.

    python benchmarks/grouping_quality.py

Pairwise precision and recall over sentence pairs; pairs the gold marks as side clauses
of another claim are not scored. The word-Jaccard baseline clusters the same check-worthy
sentences greedily (single link) and is shown at its best threshold on this very gold,
which flatters it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select, update

from desktop.core import matching
from desktop.core.evaluation import PairScores, score_grouping
from desktop.core.models import Claim, Mention, Sentence
from desktop.core.service import Service, counts

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "seeds_gold.json"
WORD = re.compile(r"\w+")


def import_seeds(folder: Path, name: str) -> Service:
    service = Service.open(folder / f"{name}.sqlite")
    service.import_paths([ROOT / "seeds"])
    return service


def regroup_by_word_jaccard(service: Service, threshold: float) -> None:
    """Replace FactDesk's claims by greedy single-link clusters of raw-word Jaccard."""
    with service.db.write() as session:
        rows = session.execute(select(Mention.id, Sentence.text)
                               .join(Sentence, Sentence.id == Mention.sentence_id)
                               .order_by(Mention.id)).all()
        words = [set(WORD.findall(text.lower())) for _, text in rows]
        cluster_of: list[int] = []
        for i, current in enumerate(words):
            best, best_score = None, threshold
            for j in range(i):
                union = current | words[j]
                score = len(current & words[j]) / len(union) if union else 0.0
                if score >= best_score:
                    best, best_score = cluster_of[j], score
            cluster_of.append(best if best is not None else i)
        stamp = datetime.now()
        claim_ids = {}
        for cluster in sorted(set(cluster_of)):
            claim_ids[cluster] = session.scalar(insert(Claim).values(
                text=f"cluster {cluster}", created_at=stamp, updated_at=stamp
            ).returning(Claim.id))
        for (mention_id, _), cluster in zip(rows, cluster_of, strict=True):
            session.execute(update(Mention).where(Mention.id == mention_id)
                            .values(claim_id=claim_ids[cluster]))
        session.flush()
        counts.refresh(session, session.scalars(select(Claim.id)).all())


def row(name: str, scores: PairScores) -> str:
    return (f"| {name} | {scores.precision:.3f} | {scores.recall:.3f} | {scores.f1:.3f} | "
            f"{scores.conflicts_found}/{scores.conflicts_expected} | {scores.false_conflicts} |")


def main() -> None:
    """Print the quality table."""
    folder = Path(tempfile.mkdtemp())
    service = import_seeds(folder, "factdesk")
    ours = score_grouping(service.db, GOLD)
    print(f"gold: {ours.true_pairs} same-claim sentence pairs\n")
    print("| method | precision | recall | F1 | conflicts found | false conflicts |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row(f"FactDesk (threshold {matching.JOIN_THRESHOLD})", ours))

    best: tuple[float, PairScores] | None = None
    for step in range(2, 12):
        threshold = step / 20
        copy = folder / f"jaccard-{step}.sqlite"
        service.close()
        shutil.copy(folder / "factdesk.sqlite", copy)
        baseline = Service.open(copy)
        regroup_by_word_jaccard(baseline, threshold)
        scores = score_grouping(baseline.db, GOLD)
        baseline.close()
        if best is None or scores.f1 > best[1].f1:
            best = (threshold, scores)
    assert best is not None
    print(row(f"word Jaccard, single link (best threshold {best[0]})", best[1]))

    shipped = matching.JOIN_THRESHOLD, matching.CONTAINED
    print("\nFactDesk at other join thresholds (the shipped one was chosen here):\n")
    print("| threshold | precision | recall | F1 |")
    print("|---:|---:|---:|---:|")
    for threshold in (0.2, 0.22, 0.25, 0.28, 0.3, 0.35):
        set_constants(threshold, shipped[1])
        print(trial_row(folder, f"t{threshold}", str(threshold)))

    print("\nA sentence also counted for a second claim when it holds this share of one of "
          "that claim's mentions (above 1: never; the shipped share was chosen here):\n")
    print("| share | precision | recall | F1 |")
    print("|---:|---:|---:|---:|")
    for share in (0.6, 0.7, 0.8, 0.9, 0.95, 1.01):
        set_constants(shipped[0], share)
        print(trial_row(folder, f"c{share}", str(share)))


def set_constants(threshold: float, share: float) -> None:
    """Run the matcher with another join threshold and containment share."""
    matching.JOIN_THRESHOLD = threshold
    matching.ClaimIndex.__init__.__defaults__ = (threshold,)
    matching.CONTAINED = share


def trial_row(folder: Path, name: str, label: str) -> str:
    """Import the seeds afresh and score them: one table row."""
    trial = import_seeds(folder, name)
    scores = score_grouping(trial.db, GOLD)
    trial.close()
    return f"| {label} | {scores.precision:.3f} | {scores.recall:.3f} | {scores.f1:.3f} |"


if __name__ == "__main__":
    main()

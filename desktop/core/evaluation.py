"""Scoring claim grouping against a hand-made gold file (pairwise precision and recall).

Kept in the package, not only in benchmarks/, so the regression test and the benchmark
measure the same way, and a team can score FactDesk against its own gold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Article, Claim, Mention, Sentence


@dataclass(frozen=True)
class PairScores:
    """Pairwise grouping quality and conflict detection."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    conflicts_found: int
    conflicts_expected: int
    false_conflicts: int
    wrong_pairs: tuple[tuple[str, str], ...]
    missed_pairs: tuple[tuple[str, str], ...]


def _sentence_key(db: Database, article: str, quote: str) -> str:
    with db.read() as session:
        row = session.execute(
            select(Article.id, Article.body).where(Article.path.like(f"%{article}"))).first()
        if row is None:
            raise ValueError(f"gold names article {article}, which was not imported")
        offset = row.body.find(quote)
        if offset < 0:
            raise ValueError(f"gold quote not found in {article}: {quote!r}")
        ordinal = session.scalar(select(Sentence.ordinal).where(
            Sentence.article_id == row.id, Sentence.start <= offset, Sentence.end > offset))
    return f"{row.id}.{ordinal}"


def score_grouping(db: Database, gold_path: Path) -> PairScores:
    """Pairwise precision/recall of the database's claims against the gold groups."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    group_of: dict[str, str] = {}
    conflict_groups = set()
    for group in gold["groups"]:
        for ref in group["sentences"]:
            group_of[_sentence_key(db, ref["article"], ref["quote"])] = group["label"]
        if group.get("conflict"):
            conflict_groups.add(group["label"])
    related = {frozenset(pair) for pair in gold.get("related", [])}
    partial: dict[str, set[str]] = {}
    for item in gold.get("partial", []):
        partial.setdefault(_sentence_key(db, item["article"], item["quote"]), set()).add(
            item["group"])
    with db.read() as session:
        keys = [f"{a}.{o}" for a, o in session.execute(
            select(Sentence.article_id, Sentence.ordinal).order_by(Sentence.id))]
        claims_of: dict[str, set[int]] = {}
        for article_id, ordinal, claim_id in session.execute(
                select(Sentence.article_id, Sentence.ordinal, Mention.claim_id)
                .join(Mention, Mention.sentence_id == Sentence.id)):
            claims_of.setdefault(f"{article_id}.{ordinal}", set()).add(claim_id)
        flagged = set(session.scalars(select(Claim.id).where(Claim.has_conflict.is_(True))))

    def scored(a: str, b: str) -> bool:
        ga, gb = group_of.get(a), group_of.get(b)
        if ga and gb and ga != gb and frozenset((ga, gb)) in related:
            return False
        return not ((gb and gb in partial.get(a, ())) or (ga and ga in partial.get(b, ())))

    correct = predicted = true = 0
    wrong: list[tuple[str, str]] = []
    missed: list[tuple[str, str]] = []
    for a, b in combinations(keys, 2):
        if not scored(a, b):
            continue
        is_true = a in group_of and group_of.get(a) == group_of.get(b)
        is_predicted = bool(claims_of.get(a, set()) & claims_of.get(b, set()))
        true += is_true
        predicted += is_predicted
        correct += is_true and is_predicted
        if is_predicted and not is_true:
            wrong.append((a, b))
        if is_true and not is_predicted:
            missed.append((a, b))
    precision = correct / predicted if predicted else 1.0
    recall = correct / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    expected_claims = {c for k, g in group_of.items() if g in conflict_groups
                       for c in claims_of.get(k, ())}
    return PairScores(
        precision, recall, f1, true, predicted, correct,
        conflicts_found=len(flagged & expected_claims), conflicts_expected=len(conflict_groups),
        false_conflicts=len(flagged - expected_claims),
        wrong_pairs=tuple(wrong), missed_pairs=tuple(missed),
    )

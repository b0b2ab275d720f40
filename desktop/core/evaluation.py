"""Scoring against hand-made golds and public data sets, and the folds that keep the data
a choice was made on apart from the data it is scored on.

Kept in the package, not only in benchmarks/, so the regression test and the benchmark
measure the same way, and a team can score FactDesk against its own gold.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Article, Claim, Mention, Sentence
from desktop.core.text.normalize import terms
from desktop.core.text.sentences import split
from desktop.core.text.stance import passage


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


# The measurement protocol on public development data (benchmarks/claim_quality.py and
# scripts/train_stance.py): every choice is made on some stories and scored on others.

FNC_STANCE = {"agree": "supports", "disagree": "contradicts", "discuss": "neutral"}
EMERGENT_STANCE = {"for": "supports", "against": "contradicts", "observing": "neutral"}


@dataclass(frozen=True)
class EmergentRow:
    """One Emergent article headline and its stance toward the tracked claim."""

    claim_id: str
    claim: str
    article_id: str
    headline: str
    stance: str


@dataclass(frozen=True)
class FncPair:
    """One labelled FNC-1 (headline, body) pair; stance "unrelated" or one of LABELS."""

    headline: str
    body_id: str
    stance: str


def load_emergent(path: Path) -> list[EmergentRow]:
    """The Emergent CSV (claimId, claimHeadline, articleId, articleHeadline, stance)."""
    with path.open(encoding="utf-8") as handle:
        return [EmergentRow(r["claimId"], r["claimHeadline"].strip(), r["articleId"],
                            r["articleHeadline"].strip(),
                            EMERGENT_STANCE[r["articleHeadlineStance"]])
                for r in csv.DictReader(handle)]


def load_fnc(folder: Path) -> tuple[dict[str, str], list[FncPair]]:
    """FNC-1 train: body id -> body, and the labelled pairs (related stances mapped)."""
    csv.field_size_limit(sys.maxsize)
    with (folder / "train_bodies.csv").open(encoding="utf-8") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    with (folder / "train_stances.csv").open(encoding="utf-8") as handle:
        pairs = [FncPair(r["Headline"].strip(), r["Body ID"],
                         FNC_STANCE.get(r["Stance"], r["Stance"]))
                 for r in csv.DictReader(handle)]
    return bodies, pairs


def story_groups(emergent: list[EmergentRow], fnc: list[FncPair]) -> dict[str, str]:
    """Each Emergent claim ("e:<id>") and FNC-1 headline ("h:<text>") -> its story.

    FNC-1 was built from Emergent: a story's headlines share related bodies, and 508 FNC-1
    headlines are Emergent article headlines. Splitting by headline or by claim alone
    would put one story on both sides of a fold, so stories are the connected parts of
    claim - headline - related body links.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for row in emergent:
        union("e:" + row.claim_id, "t:" + row.headline.lower())
    for pair in fnc:
        union("h:" + pair.headline, "t:" + pair.headline.lower())
        if pair.stance != "unrelated":
            union("h:" + pair.headline, "b:" + pair.body_id)
    wanted = [k for k in list(parent) if k[0] in "eh"]
    return {key: find(key) for key in sorted(wanted)}


def folds(groups: Iterable[str], k: int = 5) -> list[frozenset[str]]:
    """Split stories into k folds of similar size; each story lies in exactly one fold.

    Deterministic (largest story first, into the emptiest fold) so every run and every
    script sees the same folds.
    """
    sizes = Counter(groups)
    parts: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for group, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        emptiest = min(range(k), key=lambda i: (load[i], i))
        parts[emptiest].add(group)
        load[emptiest] += size
    return [frozenset(part) for part in parts]


def fnc_passages(bodies: dict[str, str], pairs: list[FncPair]) -> dict[tuple[str, str], str]:
    """For each related (headline, body) pair, the body's sentences that state most of the
    headline, chosen as claim search chooses them (term weight covered, rarity from the
    bodies' sentences), so the stance model trains on what it reads at run time."""
    split_bodies = {b: [text[s:e] for s, e in split(text)] for b, text in bodies.items()}
    body_terms = {b: [set(terms(s)) for s in sentences]
                  for b, sentences in split_bodies.items()}
    df: Counter[str] = Counter(t for rows in body_terms.values() for row in rows for t in row)
    n = sum(len(rows) for rows in body_terms.values())
    out: dict[tuple[str, str], str] = {}
    for pair in pairs:
        if pair.stance == "unrelated" or pair.body_id not in bodies:
            continue
        wanted = set(terms(pair.headline))
        weights = {t: math.log(1.0 + (n + 1) / (df[t] + 1)) for t in wanted}
        total = sum(weights.values()) or 1.0
        scored = [(sum(weights[t] for t in row & wanted) / total, i, split_bodies[pair.body_id][i])
                  for i, row in enumerate(body_terms[pair.body_id])]
        out[(pair.headline, pair.body_id)] = passage([s for s in scored if s[0] > 0] or scored)
    return out

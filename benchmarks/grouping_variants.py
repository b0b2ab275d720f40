"""Variants of FactDesk's grouping measured by grouping_quality.py, each out of fold.

- A learned pair score: a logistic regression over what the index knows of two mentions
  (their terms and the terms' weights), fitted on sentence pairs of the golds of the other
  stories, used in place of (or blended with) the weighted Jaccard in ClaimIndex.compare.
  Nested: for a held-out gold, its threshold and blend are chosen on each other gold with
  a model fitted without that gold's stories either, and it is scored with a model fitted
  on every story but its own.
- Terms not compared by lemma (FactDesk before text/lemmas.py, "stolen" apart from
  "steal"): grouping_quality.py's "without lemmas" rows.
- Terms cut to their first five letters, a crude derivation ("destruction" / "destroyed",
  "decision" / "decided": the stemmer keeps them apart; names are left whole).
- Joining through all of a claim's mentions instead of its first MEMBERS_COMPARED.
- Names weighing less with the names of the whole gold known up front (KnownNames): a
  bound for ClaimIndex's ``name_weight``, which learns them mention by mention.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import combinations
from typing import TYPE_CHECKING, Any

from desktop.core import matching
from desktop.core.text.dates import When

if TYPE_CHECKING:
    from grouping_quality import Gold, Key, Result

PAIR_FEATURES = (
    "weighted Jaccard",
    "share of the smaller side's weight shared",
    "share of the larger side's weight shared",
    "log of the shared terms",
    "shared terms / terms of the shorter side",
    "weight of the rarest shared term",
    "mean weight of a shared term",
    "terms of the shorter side / of the longer",
)
"""With sentence embeddings (the semantic extra), their cosine is one feature more."""
PAIR_THRESHOLDS = tuple(t / 20 for t in range(3, 17))
PAIR_BLENDS = (0.5, 1.0)
"""Share of the learned probability in a mention's similarity (the rest: Jaccard)."""
ALL_MEMBERS = 1_000_000


def pair_features(shared: float, own: float, member: float, n_shared: int, n_own: int,
                  n_member: int, top: float) -> tuple[float, ...]:
    """PAIR_FEATURES from the summed weights of the shared terms and of each side."""
    jaccard = shared / (own + member - shared)
    a, b = shared / own, shared / member
    return (jaccard, max(a, b), min(a, b), math.log(n_shared), n_shared / min(n_own, n_member),
            top, shared / n_shared, min(n_own, n_member) / max(n_own, n_member))


class PairScore:
    """A fitted logistic regression over pair_features, evaluated in pure Python."""

    def __init__(self, coefficients: list[float], intercept: float) -> None:
        self.coefficients = coefficients
        self.intercept = intercept

    def __call__(self, features: tuple[float, ...]) -> float:
        """Probability that the two mentions state one claim."""
        z = self.intercept + math.fsum(w * x for w, x in zip(self.coefficients, features,
                                                                strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


class LearnedIndex(matching.ClaimIndex):
    """ClaimIndex whose per-mention similarity mixes Jaccard with a learned pair score."""

    def __init__(self, threshold: float, model: PairScore, blend: float,
                 embedded: bool = False) -> None:
        super().__init__(threshold)
        self.model = model
        self.blend = blend
        self.embedded = embedded

    def compare(self, claim_id: int, terms: frozenset[str], weights: dict[str, float],
                vector: Any = None, own: float | None = None) -> tuple[float, float, float]:
        """As ClaimIndex.compare, the similarity of each member from the pair score."""
        if own is None:
            own = math.fsum(weights.values())
        totals = self._totals
        similarities: list[float] = []
        contained = 0.0
        for member in self._members[claim_id]:
            shared = member.terms & terms
            if len(shared) < matching.MIN_SHARED:
                similarities.append(0.0)
                continue
            shared_weights = [weights[t] for t in shared]
            weight = math.fsum(shared_weights)
            member_total = totals[member.terms]
            found = pair_features(weight, own, member_total, len(shared), len(terms),
                                  len(member.terms), max(shared_weights))
            if self.embedded:
                found += (float(vector @ member.vector),)
            similarities.append((1 - self.blend) * found[0] + self.blend * self.model(found))
            if len(shared) >= matching.CONTAINED_TERMS:
                contained = max(contained, weight / member_total)
        score = 0.5 * max(similarities) + 0.5 * sum(similarities) / len(similarities)
        return score, contained, similarities[0]


def _label(gold: Gold, a: Key, b: Key) -> int | None:
    """1 if the gold puts both in one group, 0 if apart, None if the pair is not scored."""
    ga, gb = gold.group_of.get(a), gold.group_of.get(b)
    if ga is None and gb is None and not gold.unlisted_scored:
        return None
    if ga and gb and ga != gb and frozenset((ga, gb)) in gold.related:
        return None
    if (gb and gb in gold.partial.get(a, ())) or (ga and ga in gold.partial.get(b, ())):
        return None
    return int(ga is not None and ga == gb)


_pairs: dict[tuple[str, bool], tuple[list[tuple[float, ...]], list[int]]] = {}


def gold_pairs(gold: Gold, sentences: list[tuple[Key, Any]], vectors: dict[Key, Any] | None
               ) -> tuple[list[tuple[float, ...]], list[int]]:
    """Features and labels of every scored pair of check-worthy sentences sharing two terms
    (the pairs the index compares), weighed as an index holding all of them would; with
    ``vectors``, their embeddings' cosine too."""
    if (gold.name, vectors is not None) not in _pairs:
        index = matching.ClaimIndex()
        term_sets = [index._lemmas(frozenset(f.terms)) for _, f in sentences]
        for i, (terms, (_, feature)) in enumerate(zip(term_sets, sentences, strict=True)):
            index.add(i + 1, terms, feature.when)
        weight = index.weight
        totals = [math.fsum(map(weight, t)) for t in term_sets]
        rows, labels = [], []
        for i, j in combinations(range(len(sentences)), 2):
            shared = term_sets[i] & term_sets[j]
            label = _label(gold, sentences[i][0], sentences[j][0])
            if len(shared) < matching.MIN_SHARED or label is None:
                continue
            shared_weights = [weight(t) for t in shared]
            found = pair_features(math.fsum(shared_weights), totals[i], totals[j],
                                  len(shared), len(term_sets[i]), len(term_sets[j]),
                                  max(shared_weights))
            if vectors is not None:
                found += (float(vectors[sentences[i][0]] @ vectors[sentences[j][0]]),)
            rows.append(found)
            labels.append(label)
        _pairs[(gold.name, vectors is not None)] = rows, labels
    return _pairs[(gold.name, vectors is not None)]


def fit_pair_score(golds: list[Gold], sentences: Callable[[Gold], list[tuple[Key, Any]]],
                   vectors_of: Callable[[Gold], dict[Key, Any]] | None = None) -> PairScore:
    """Logistic regression on the golds' pairs, each gold weighing the same in total (the
    Emergent headlines give ten times the pairs of any other), on standardised features,
    returned with its weights on the raw features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    parts = [gold_pairs(g, sentences(g), vectors_of(g) if vectors_of else None)
             for g in golds]
    x = np.array([row for rows, _ in parts for row in rows])
    y = np.array([label for _, labels in parts for label in labels])
    weight = np.concatenate([np.full(len(labels), len(y) / len(labels) / len(parts))
                             for _, labels in parts])
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000).fit((x - mean) / spread, y,
                                                         sample_weight=weight)
    coefficients = model.coef_[0] / spread
    intercept = float(model.intercept_[0] - (coefficients * mean).sum())
    return PairScore([float(c) for c in coefficients], intercept)


def cross_validated_learned(golds: list[Gold],
                            sentences: Callable[[Gold], list[tuple[Key, Any]]],
                            group: Callable[..., dict[Key, set[int]]],
                            score: Callable[[Gold, dict[Key, set[int]]], Any],
                            choose: Callable[..., tuple[float, float]],
                            result: Callable[..., Result],
                            vectors_of: Callable[[Gold], dict[Key, Any]] | None = None,
                            label: str = "") -> list[Result]:
    """FactDesk with the learned pair score, out of fold, nested (module docstring); with
    ``vectors_of``, the embeddings' cosine is a feature too (``label``: the embedder)."""
    settings = tuple((t, b) for t in PAIR_THRESHOLDS for b in PAIR_BLENDS)
    models: dict[frozenset[str], PairScore] = {}
    runs: dict[tuple[str, frozenset[str], tuple[float, float]], dict[Key, set[int]]] = {}

    def run(gold: Gold, left_out: frozenset[str], setting: tuple[float, float]
            ) -> dict[Key, set[int]]:
        if left_out not in models:
            models[left_out] = fit_pair_score(
                [g for g in golds if not g.stories & left_out], sentences, vectors_of)
        key = (gold.name, left_out, setting)
        if key not in runs:
            index = LearnedIndex(setting[0], models[left_out], setting[1], vectors_of is not None)
            runs[key] = group(gold, setting[0], 0.0, vectors_of(gold) if vectors_of else None,
                              index)
        return runs[key]

    out = []
    for gold in golds:
        others = [g for g in golds if not g.stories & gold.stories]
        chosen = choose(settings, [[score(o, run(o, gold.stories | o.stories, s))
                                    for o in others] for s in settings])
        name = f"FactDesk, learned pair score{f' + {label} cosine' if vectors_of else ''}"
        out.append(result(gold, name, chosen,
                          run(gold, gold.stories, chosen)))
    return out


def pair_ranking(golds: list[Gold], sentences: Callable[[Gold], list[tuple[Key, Any]]]
                 ) -> list[tuple[str, float, float, float]]:
    """Per gold: the share of its same-claim pairs that share two terms (all a pair score
    over terms can reach), and the average precision of ranking the pairs that do by
    weighted Jaccard and by the pair score fitted on the other stories."""
    from sklearn.metrics import average_precision_score

    out = []
    for gold in golds:
        found = sentences(gold)
        term_sets = [frozenset(f.terms) for _, f in found]
        same = [len(term_sets[i] & term_sets[j]) >= matching.MIN_SHARED
                for i, j in combinations(range(len(found)), 2)
                if _label(gold, found[i][0], found[j][0]) == 1]
        rows, labels = gold_pairs(gold, found, None)
        model = fit_pair_score([g for g in golds if not g.stories & gold.stories], sentences)
        out.append((gold.name, sum(same) / len(same),
                    float(average_precision_score(labels, [r[0] for r in rows])),
                    float(average_precision_score(labels, [model(r) for r in rows]))))
    return out


def truncated(term: str) -> str:
    """A term cut to its first five letters; a name key (with "_") is left whole."""
    return term if "_" in term else term[:5]


class KnownNames(matching.ClaimIndex):
    """A bound for ``name_weight``: the names of the whole project known before the first
    mention is placed (as a regrouping pass after an import would know them), not learnt
    mention by mention as the import's index learns them."""

    def __init__(self, threshold: float, name_weight: float, names: frozenset[str]) -> None:
        super().__init__(threshold, name_weight=name_weight)
        self._known = names

    def add(self, claim_id: int, terms: frozenset[str], when: When, vector: Any = None,
            written: tuple[frozenset[str], frozenset[str]] | None = None) -> None:
        """Index the mention, with the project's names in place of those it writes."""
        super().add(claim_id, terms, when, vector,
                    (self._known, frozenset()) if written is not None else None)


def project_names(sentences: list[tuple[Key, Any]],
                  written: Callable[[str], tuple[frozenset[str], frozenset[str]]]
                  ) -> frozenset[str]:
    """The terms some sentence writes as a name and none writes in lower case."""
    named: set[str] = set()
    plain: set[str] = set()
    for _, feature in sentences:
        names, lower = written(feature.claim_text)
        named |= names
        plain |= lower
    return frozenset(named - plain)

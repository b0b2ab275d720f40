"""Assigning mentions to claims: a candidate index over terms, then a scored comparison.

A new mention is compared only with claims that share one of its rarest terms (never
with every claim), so the work per mention stays near constant as the corpus grows.

The score of a mention against a claim is the mean of its best and its average weighted
Jaccard over the claim's mentions. Best alone (single link) lets claims grow in chains,
each step a little further from the first statement; average alone splits a claim as
soon as one paraphrase is loose. Term weights mix the corpus's own rarity with rarity in
a background of news prose (text/rarity.py). Terms are compared by lemma ("stolen" is
"steal", text/lemmas.py). A claim whose mentions are placed on other
days (weekday, month or written date) is never joined: that is how a Friday meeting in
March and a Wednesday meeting in June stay two claims. The constants were chosen on the
seeds gold (benchmarks/grouping_quality.py).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import Any

from desktop.core.text.dates import When
from desktop.core.text.lemmas import inflected_stems, lemma_stems
from desktop.core.text.quantities import Quantity
from desktop.core.text.rarity import weight as background_weight

JOIN_THRESHOLD = 0.25
RAREST_TERMS = 10
MIN_SHARED = 2
MAX_CANDIDATES = 16
"""Claims scored per mention: those sharing the most rare terms with it."""
COMMON_TERM = 500
"""A term in more mentions than this (or a twentieth of them) finds no candidates."""
MEMBERS_COMPARED = 8
"""A claim is compared through its first mentions only, bounding work on huge claims
(ClaimIndex's ``members_compared``; through all of them gained nothing out of fold,
benchmarks/grouping_quality.py)."""
CONTAINED = 0.9
CONTAINED_TERMS = 5
"""A sentence also states a second claim when it holds this share of the weight of one of
that claim's mentions, and at least this many of its terms."""
NAME_WEIGHT = 1.0
"""A term some mention writes as a name, and none otherwise, weighs this share of its
rarity (ClaimIndex's ``name_weight``; text/names.py reads the writing). Measured, not on:
out of fold it lost precision on two golds (benchmarks/grouping_quality.py), and an index
rebuilt on reopening a project would need each sentence's writing again."""
ANCHOR = 0.0
"""A join also needs this share of the threshold in similarity to the claim's first
mention (ClaimIndex's ``anchor``), so that a claim cannot drift, one bridging sentence at
a time, to a statement its first mention does not make. Measured, not on (0: off)."""


@dataclass(frozen=True)
class Indexed:
    """One mention as the index knows it."""

    claim_id: int
    terms: frozenset[str]
    when: When
    vector: Any = None


@dataclass(frozen=True)
class Match:
    """The claim a mention joins, and the score that decided it."""

    claim_id: int
    score: float


@dataclass(frozen=True)
class Placement:
    """Where a mention goes: the claim it joins, and a second claim its sentence states."""

    join: Match | None
    also: Match | None


class _Weights(dict[str, float]):
    """Rarity of each term as of one count of the index, computed on its first lookup.

    A dict whose missing keys are filled by ``__missing__``: a term already weighed costs
    one dictionary lookup, done in C by ``map(weights.__getitem__, terms)``, not a Python
    method call per term.
    """

    def __init__(self, count: int, df: dict[str, int], background: _Background,
                 names: frozenset[str] = frozenset(), name_weight: float = 1.0) -> None:
        super().__init__()
        self._count = count
        self._df = df
        self._background = background
        self._names = names
        self._name_weight = name_weight

    def __missing__(self, term: str) -> float:
        local = math.log(1.0 + (self._count + 1) / (self._df.get(term, 0) + 1))
        weight = 0.5 * local + 0.5 * self._background[term]
        if term in self._names:
            weight *= self._name_weight
        self[term] = weight
        return weight


class _Background(dict[str, float]):
    """Rarity of each term in news prose, its inflected forms counted with it (a lemma
    stands for them in the index); fixed, so kept across the index's recounts."""

    def __init__(self, forms: dict[str, tuple[str, ...]]) -> None:
        super().__init__()
        self._forms = forms

    def __missing__(self, term: str) -> float:
        weight = self[term] = background_weight(term, *self._forms.get(term, ()))
        return weight


class _Totals(dict[frozenset[str], float]):
    """The summed weight of each mention's terms, under one set of weights; computed on
    first lookup, like _Weights."""

    def __init__(self, weights: _Weights) -> None:
        super().__init__()
        self._weight = weights.__getitem__

    def __missing__(self, terms: frozenset[str]) -> float:
        # fsum: exact, so independent of the order a set of strings iterates in (which
        # changes with each process's hash seed), and so are the scores near thresholds.
        total = self[terms] = math.fsum(map(self._weight, terms))
        return total


class ClaimIndex:
    """Inverted index from term to claims, with term counts for weighting."""

    def __init__(self, threshold: float = JOIN_THRESHOLD, semantic_weight: float = 0.0,
                 members_compared: int = MEMBERS_COMPARED, lemmas: bool = True,
                 anchor: float = ANCHOR, name_weight: float = NAME_WEIGHT) -> None:
        self.threshold = threshold
        self.anchor = anchor
        self.name_weight = name_weight
        self.semantic_weight = semantic_weight
        self.members_compared = members_compared
        self._inflected = lemma_stems() if lemmas else {}
        self._background = _Background(inflected_stems() if lemmas else {})
        self._members: dict[int, list[Indexed]] = defaultdict(list)
        self._whens: dict[int, set[When]] = defaultdict(set)
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._df: Counter[str] = Counter()
        self._named: set[str] = set()
        self._plain: set[str] = set()
        self._count = 0
        self._weights = _Weights(0, {}, self._background)
        self._totals = _Totals(self._weights)
        self._weighed_count = 0
        self._provisional_terms: dict[int, set[str]] = defaultdict(set)

    def add(self, claim_id: int, terms: frozenset[str], when: When,
            vector: Any = None,
            written: tuple[frozenset[str], frozenset[str]] | None = None) -> None:
        """Index a mention of ``claim_id`` (``vector``: its sentence embedding, if any;
        ``written``: the terms its sentence writes as names and those it writes otherwise,
        text/names.py; read only under a ``name_weight`` other than 1)."""
        if self.name_weight != 1.0 and written is not None:
            self._named.update(self._lemmas(written[0]))
            self._plain.update(self._lemmas(written[1]))
        terms = self._lemmas(terms)
        self._count += 1
        members = self._members[claim_id]
        if len(members) < self.members_compared:
            members.append(Indexed(claim_id, terms, when, vector))
        if not when.empty:
            self._whens[claim_id].add(when)
        postings = self._postings
        for term in terms:
            postings[term].add(claim_id)
        self._df.update(terms)
        if claim_id < 0:
            self._provisional_terms[claim_id].update(terms)
        if self._count > self._weighed_count * 1.1:
            self._weighed_count = self._count
            self._weights = _Weights(self._count, dict(self._df), self._background,
                                     frozenset(self._named - self._plain), self.name_weight)
            self._totals = _Totals(self._weights)

    def _lemmas(self, terms: frozenset[str]) -> frozenset[str]:
        """The terms with inflected stems replaced by their lemma's (unless measured off)."""
        inflected = self._inflected
        # Most mentions hold none: a set test in C, and the same set back.
        if inflected.keys().isdisjoint(terms):
            return terms
        # dict.get(term, term) over the set, in C: the same set object iterates the same way.
        return frozenset(map(inflected.get, terms, terms))

    def rename(self, old: int, new: int) -> None:
        """Give a claim indexed under a provisional (negative) id its stored id."""
        members = self._members.pop(old)
        self._members[new] = [Indexed(new, m.terms, m.when, m.vector) for m in members]
        if old in self._whens:
            self._whens[new] = self._whens.pop(old)
        for term in self._provisional_terms.pop(old, ()):
            postings = self._postings[term]
            postings.discard(old)
            postings.add(new)

    def weight(self, term: str) -> float:
        """Rarity of a term: half in this corpus, half in news prose at large.

        Counted as of the last time the index grew by a tenth: rarity moves slowly, and
        recomputing it for every comparison was most of the cost of matching. The counts
        are taken when a mention is added, never when a weight is asked for, so the weights
        depend only on the mentions indexed: an import resumed over a reloaded index
        weighs as the uninterrupted one did.
        """
        return self._weights[term]

    def candidates(self, terms: frozenset[str]) -> list[int]:
        """Claims sharing the most of the rarest terms of ``terms``, at most MAX_CANDIDATES,
        in the order of their ids.

        A claim must share two of them: one common word is no reason to compare. So the
        claims found twice are found first, with set operations; only when they are more
        than MAX_CANDIDATES are they counted and ranked (most shared, then lowest id).
        """
        common = max(COMMON_TERM, self._count // 20)
        df = self._df
        rare = sorted((n, t) for t in terms if 0 < (n := df.get(t, 0)) <= common)
        postings = [self._postings[t] for _, t in rare[:RAREST_TERMS]]
        if len(postings) < MIN_SHARED:
            return []
        seen = set(postings[0])
        twice: set[int] = set()
        for claims in postings[1:-1]:
            twice |= seen & claims
            seen |= claims
        twice |= seen & postings[-1]
        if len(twice) > MAX_CANDIDATES:
            shared = Counter(chain.from_iterable(map(twice.intersection, postings)))
            twice = {c for _, c in heapq.nsmallest(MAX_CANDIDATES,
                                                   ((-n, c) for c, n in shared.items()))}
        return sorted(twice)

    def compare(self, claim_id: int, terms: frozenset[str], weights: dict[str, float],
                vector: Any = None, own: float | None = None) -> tuple[float, float, float]:
        """The mention's score against a claim, how much of the claim it contains, and its
        similarity to the claim's first mention.

        The score is the mean of the best and the average weighted Jaccard over the claim's
        mentions (0 for a mention sharing fewer than two terms). Containment is the largest
        share of the weight of one of the claim's mentions found in ``terms``, counted
        where at least CONTAINED_TERMS are shared. One pass gives both: the shared terms
        are what both are made of. ``weights`` holds the weight of each of ``terms``, and
        ``own`` their sum, looked up once per mention rather than once per comparison.
        """
        # fsum: exact, so independent of the order a set of strings iterates in (which
        # changes with each process's hash seed), and so are the scores near thresholds.
        if own is None:
            own = math.fsum(weights.values())
        weight_of = weights.__getitem__
        fsum = math.fsum
        totals = self._totals
        semantic = self.semantic_weight if vector is not None else 0.0
        similarities: list[float] = []
        contained = 0.0
        # The loop runs about 650,000 times over the FNC-1 bodies: names bound once.
        for member in self._members[claim_id]:
            shared = member.terms & terms
            n_shared = len(shared)
            if n_shared < MIN_SHARED:
                similarities.append(0.0)
                continue
            weight = fsum(map(weight_of, shared))
            member_total = totals[member.terms]
            similarity = weight / (own + member_total - weight)
            if semantic and member.vector is not None:
                cosine = max(0.0, float(vector @ member.vector))
                similarity += semantic * (cosine - similarity)
            similarities.append(similarity)
            if n_shared >= CONTAINED_TERMS and weight / member_total > contained:
                contained = weight / member_total
        score = 0.5 * max(similarities) + 0.5 * sum(similarities) / len(similarities)
        return score, contained, similarities[0]

    def place(self, terms: frozenset[str], when: When, vector: Any = None) -> Placement:
        """The claim this mention should join (None: start a new claim), and a second
        claim its sentence also states, if any.

        "Kim vowed to support Russia and to observe the treaty" states two claims; the
        sentence joins the closer one, and is linked to the other when it holds one of
        that claim's mentions almost whole (CONTAINED).
        """
        terms = self._lemmas(terms)
        join: Match | None = None
        contains: list[Match] = []
        known = self._weights
        weights = {t: known[t] for t in terms}
        own = math.fsum(weights.values())
        dated = not when.empty  # an undated mention differs from no date
        first_needed = self.anchor * self.threshold
        for claim_id in self.candidates(terms):
            if dated and any(other.differs(when) for other in self._whens.get(claim_id, ())):
                continue
            score, contained, first = self.compare(claim_id, terms, weights, vector, own)
            if (score >= self.threshold and first >= first_needed
                    and (join is None or score > join.score)):
                join = Match(claim_id, score)
            if contained >= CONTAINED:
                contains.append(Match(claim_id, contained))
        also = max((m for m in contains if join is None or m.claim_id != join.claim_id),
                   key=lambda m: m.score, default=None)
        return Placement(join, also)


def conflicting_values(mentions: list[tuple[int, list[Quantity]]]) -> list[dict[str, object]]:
    """Slots that the mentions of one claim, each given with its origin (copy set), give
    disagreeing values for.

    Two origins disagree on a slot when each gives the slot a precise value and no value
    one gives agrees with a value the other gives, in any of its sentences: the figures of
    one sentence ("two British hostages and three American hostages", "to $1 billion from
    $660 million") are facts side by side, an article that says "11-inch" in one sentence
    and "12-inch" in another states both, a copy repeats its original, and one article
    giving two prices (pure and 18-karat gold) is not two sources disagreeing.

    Returned as ``{"slot": "soldier:kill", "label": "troops killed", "values": ["around 300",
    "around 600"]}``, the label in the words of the first mention that has one.
    """
    by_slot: dict[str, dict[int, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    for origin, found in mentions:
        for quantity in found:
            # A count of something that happened (killed, sent, arrested) or a measurement
            # of a named thing: "the two nations" and "eight other nations" are not
            # competing figures, nor is a price whose thing the sentence does not name. A
            # vague figure is kept: an origin that also says "numerous shots were fired"
            # or "14 more were arrested" gives no total to disagree with.
            head, _, event = quantity.slot.partition(":")
            if head and event:
                by_slot[quantity.slot][origin].append(quantity)
    conflicts: list[dict[str, object]] = []
    for slot, by_origin in sorted(by_slot.items()):
        statements = sorted(by_origin.items())
        if any(all(a.disagrees(b) for a in first for b in second)
               for i, (_, first) in enumerate(statements)
               for _, second in statements[i + 1:]):
            stated_values = [q for _, values in statements for q in values if not q.vague]
            texts = list(dict.fromkeys(q.text.lower() for q in stated_values))
            label = next((q.label for q in stated_values if q.label), "")
            conflicts.append({"slot": slot, "label": label, "values": texts})
    return conflicts

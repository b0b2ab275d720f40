"""Does a headline's stance read better with its claim's other headlines as context?

Run through `python benchmarks/claim_quality.py --stance-context` (the same stories, folds
and baselines as its stance rows). In the app a mention's claim has other mentions (other
articles' sentences on the same claim); in Emergent they are the other headlines of the
same claim. Their text is known when a stance is read, their labels are not. The idea: a
rumour that every outlet hedges is "observing" even where one headline states it plainly,
which is the commonest error left (a plain headline labelled by a body that hedges).

Each variant adds context features to the sentence half of the stance model
(scripts/train_stance.py's features, penalty chosen by inner folds as there, lbfgs) and is
scored out of fold on Emergent; a claim's headlines lie in one story, so in one fold, and
the context of a headline left out is read from headlines left out with it:

- count and shares: how many other headlines the claim has (alone, then with the rest),
  and the share of them with each cue of the sentence model (hedge, report, denial,
  refuting or hedging word, negation, modal, question), that state all of the claim's
  words (align=all) or state plainly (states_plainly);
- shares by plainness: the same shares apart for a headline that states plainly and one
  that does not, and how much plainer it is than the claim's others;
- stacked: the mean probabilities of the other headlines under the model without context
  (out of fold on the training side too: inner folds), then also apart by plainness,
  then weighted by the other headline's word overlap with this one (a near copy counts
  most);
- other labels (a bound, not a method): the share of each true label among the other
  headlines, plain and weighted by word overlap, which no run of the app can know. It
  bounds what any context of this kind could add.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import train_stance

from desktop.core.evaluation import EmergentRow, folds
from desktop.core.text.lexicon import STOP_WORDS
from desktop.core.text.stance import LABELS, features, states_plainly, tokens

CUES = ("hedge", "reported", "denial", "refute_word", "hedge_word", "negation", "modal",
        "question")
"""The sentence model's own cues (stance.sentence_features) whose shares are context."""
INNER = 3
"""Inner folds choosing the penalty, as scripts/train_stance.py choose()."""
Weights = dict[str, tuple[float, ...]]


@dataclass(frozen=True)
class Headline:
    """One Emergent headline: its training example, its claim, and what it says plainly."""

    example: train_stance.Example
    claim_id: str
    flags: dict[str, bool]
    words: frozenset[str]


def headlines(emergent: Sequence[EmergentRow], story: dict[str, str]) -> list[Headline]:
    """Every Emergent headline with the sentence model's features and its cue flags."""
    out = []
    for row in emergent:
        found = features(row.claim, row.headline)
        flags = {cue: "cue=" + cue in found for cue in CUES}
        flags["stated"] = "align=all" in found
        flags["plain"] = states_plainly(row.headline)
        out.append(Headline(train_stance.Example(
            "emergent", story["e:" + row.claim_id], row.claim, row.headline, row.stance,
            found), row.claim_id, flags, frozenset(tokens(row.headline)) - STOP_WORDS))
    return out


def probabilities(weights: Weights, found: dict[str, float]) -> list[float]:
    """The sentence half's probability of each label, from its summed weights."""
    scores = [0.0] * len(LABELS)
    for name, value in found.items():
        for i, weight in enumerate(weights.get(name, ())):
            scores[i] += weight * value
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return [e / sum(exps) for e in exps]


def predict(weights: Weights, example: train_stance.Example) -> str:
    """StanceModel.predict for one sentence: another figure contradicts, all of the claim
    stated plainly supports, else the most probable label."""
    if "cue=figures_differ" in example.features:
        return "contradicts"
    if "align=all" in example.features and states_plainly(example.text):
        return "supports"
    found = probabilities(weights, example.features)
    return LABELS[found.index(max(found))]


def _fit(train: Sequence[train_stance.Example], alpha: float) -> Weights:
    return train_stance.fit_part(train, alpha, "lbfgs")


def _cross(data: Sequence[train_stance.Example], alpha: float) -> list[str]:
    guesses = [""] * len(data)
    for part in folds([e.group for e in data], INNER):
        weights = _fit([e for e in data if e.group not in part], alpha)
        for i, e in enumerate(data):
            if e.group in part:
                guesses[i] = predict(weights, e)
    return guesses


def choose_and_fit(train: Sequence[train_stance.Example]) -> Weights:
    """scripts/train_stance.py for the sentence half: the penalty with the best macro-F1
    over inner folds of stories, then the weights on all of ``train``."""
    truth = [e.label for e in train]
    alpha = max(train_stance.ALPHAS["sentence"],
                key=lambda a: train_stance.macro_f1(truth, _cross(train, a)))
    return _fit(train, alpha)


def _size(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8+"


def share_context(mine: Headline, others: Sequence[Headline], by_plainness: bool
                  ) -> dict[str, float]:
    """The claim's other headlines: how many, and the share with each cue."""
    out = count_context(mine, others)
    if not others:
        return out
    for flag in mine.flags:
        share = sum(o.flags[flag] for o in others) / len(others)
        out["ctx=" + flag] = share
        if by_plainness:
            out[("ctx_plain=" if mine.flags["plain"] else "ctx_other=") + flag] = share
    if by_plainness:
        out["ctx_plainer"] = mine.flags["plain"] - out["ctx=plain"]
    return out


def count_context(_mine: Headline, others: Sequence[Headline]) -> dict[str, float]:
    """How many other headlines the claim has, in bins (a Context: the headline itself is
    not read)."""
    return {"ctx_n=" + _size(len(others)): 1.0}


def label_context(mine: Headline, others: Sequence[Headline],
                  label_of: Callable[[Headline], Sequence[float]], by_plainness: bool,
                  similar: bool = False) -> dict[str, float]:
    """The mean of the other headlines' label vectors (probabilities or true labels), also
    apart for a headline that states plainly and one that does not; ``similar``: weighted
    by the square of their word overlap with the headline (Jaccard), so a near copy of it
    counts most."""
    out: dict[str, float] = {}
    if not others:
        return out
    side = "ctx_plain=" if mine.flags["plain"] else "ctx_other="
    vectors = [label_of(o) for o in others]
    weights = [_overlap(mine, o) ** 2 + 1e-3 if similar else 1.0 for o in others]
    for i, label in enumerate(LABELS):
        mean = sum(w * v[i] for w, v in zip(weights, vectors, strict=True)) / sum(weights)
        out["ctx=" + label] = mean
        if by_plainness:
            out[side + label] = mean
    return out


def _overlap(a: Headline, b: Headline) -> float:
    return len(a.words & b.words) / max(1, len(a.words | b.words))


Context = Callable[[Headline, Sequence[Headline]], dict[str, float]]


def _with_context(items: Sequence[Headline], context: Context | None
                  ) -> list[train_stance.Example]:
    """Each headline's example, its features joined by the context of its claim's other
    headlines among ``items``."""
    claims: dict[str, list[Headline]] = defaultdict(list)
    for item in items:
        claims[item.claim_id].append(item)
    if context is None:
        return [item.example for item in items]
    return [replace(item.example, features={**item.example.features, **context(
        item, [o for o in claims[item.claim_id] if o is not item])}) for item in items]


def out_of_fold(items: Sequence[Headline], parts: list[frozenset[str]],
                context: Context | None) -> list[str]:
    """Each headline predicted by a model chosen and fitted on the other folds' stories."""
    guesses = [""] * len(items)
    for part in parts:
        train = [h for h in items if h.example.group not in part]
        test = [i for i, h in enumerate(items) if h.example.group in part]
        weights = choose_and_fit(_with_context(train, context))
        scored = _with_context([items[i] for i in test], context)
        for i, example in zip(test, scored, strict=True):
            guesses[i] = predict(weights, example)
    return guesses


def _probability_context(first: dict[int, list[float]], by_plainness: bool, similar: bool
                         ) -> Context:
    """Context from the other headlines' probabilities under the model without context."""
    def context(mine: Headline, others: Sequence[Headline]) -> dict[str, float]:
        return label_context(mine, others, lambda o: first[id(o)], by_plainness, similar)
    return context


def stacked_out_of_fold(items: Sequence[Headline], parts: list[frozenset[str]],
                        by_plainness: bool, similar: bool = False) -> list[str]:
    """Out of fold, with the other headlines' probabilities under the model without context
    as context: on the training side from inner folds (a headline's probabilities never
    come from a model that saw its story), on the fold left out from the training side's
    model."""
    guesses = [""] * len(items)
    position = {id(h): i for i, h in enumerate(items)}
    for part in parts:
        train = [h for h in items if h.example.group not in part]
        test = [h for h in items if h.example.group in part]
        first: dict[int, list[float]] = {}
        for inner in folds([h.example.group for h in train], INNER):
            weights = choose_and_fit([h.example for h in train if h.example.group not in inner])
            first.update({id(h): probabilities(weights, h.example.features)
                          for h in train if h.example.group in inner})
        weights = choose_and_fit([h.example for h in train])
        first.update({id(h): probabilities(weights, h.example.features) for h in test})
        context = _probability_context(first, by_plainness, similar)
        second = choose_and_fit(_with_context(train, context))
        for h, example in zip(test, _with_context(test, context), strict=True):
            guesses[position[id(h)]] = predict(second, example)
    return guesses


def variants(items: Sequence[Headline], parts: list[frozenset[str]]
             ) -> list[tuple[str, list[str]]]:
    """Each variant's out-of-fold guesses, in the order of the module's docstring."""
    def true_labels(similar: bool) -> Context:
        return lambda mine, others: label_context(
            mine, others, lambda o: [float(o.example.label == label) for label in LABELS],
            False, similar)

    runs: list[tuple[str, Callable[[], list[str]]]] = [
        ("no context (as shipped)", lambda: out_of_fold(items, parts, None)),
        ("+ how many other headlines the claim has",
         lambda: out_of_fold(items, parts, count_context)),
        ("+ that and the shares of the other headlines' cues",
         lambda: out_of_fold(items, parts, lambda m, o: share_context(m, o, False))),
        ("+ the same shares, apart by plainness",
         lambda: out_of_fold(items, parts, lambda m, o: share_context(m, o, True))),
        ("+ stacked: other headlines' mean probabilities",
         lambda: stacked_out_of_fold(items, parts, False)),
        ("+ the same, also apart by plainness",
         lambda: stacked_out_of_fold(items, parts, True)),
        ("+ stacked, weighted by word overlap with the headline",
         lambda: stacked_out_of_fold(items, parts, False, True)),
        ("bound: other headlines' TRUE labels (not legitimate)",
         lambda: out_of_fold(items, parts, true_labels(False))),
        ("bound: the same, weighted by word overlap",
         lambda: out_of_fold(items, parts, true_labels(True))),
    ]
    out = []
    for name, run in runs:
        started = time.perf_counter()
        out.append((name, run()))
        print(f"  {name}: {time.perf_counter() - started:.0f} s", flush=True)
    return out


def diagnosis(items: Sequence[Headline], guesses: Sequence[str]) -> str:
    """Why context can add little: the commonest error (neutral read as supports) against
    the right "supports" the same context would put at risk, by the majority true label of
    the claim's other headlines."""
    claims: dict[str, list[str]] = defaultdict(list)
    for item in items:
        claims[item.claim_id].append(item.example.label)
    wrong: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for item, guess in zip(items, guesses, strict=True):
        others = list(claims[item.claim_id])
        others.remove(item.example.label)
        if guess != "supports" or not others:
            continue
        majority = Counter(others).most_common(1)[0][0]
        if item.example.label == "neutral":
            wrong[majority] += 1
        elif item.example.label == "supports":
            right[majority] += 1
    agree = sum(1 for item in items if _majority_of_others(claims, item) == item.example.label)
    return (f"the other headlines' majority label is a headline's own for {agree} of "
            f"{len(items)}; read as supports without context, by the other headlines' "
            f"majority label: labelled neutral {dict(wrong)}, labelled supports {dict(right)}")


def _majority_of_others(claims: dict[str, list[str]], item: Headline) -> str | None:
    others = list(claims[item.claim_id])
    others.remove(item.example.label)
    return Counter(others).most_common(1)[0][0] if others else None

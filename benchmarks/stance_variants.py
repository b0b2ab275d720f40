"""Seventh round of Emergent stance: ways of combining or reweighting the sentence model.

Run through `python benchmarks/claim_quality.py --stance-variants` (the same stories, folds
and baselines as its stance rows). Each variant is scored out of fold on Emergent (5 folds
of stories); whatever it chooses (a weight, offsets) is chosen by inner folds of the
training side only, by accuracy, the target's measure:

- mixed with the n-gram + cue LR baseline: the two models' log-odds added, the baseline's
  share chosen among MIX_GRID (if their errors differed, a mix would gain);
- class offsets: a constant added to the neutral and contradicts scores, chosen among
  OFFSETS, to trade the commonest confusion (neutral read as supports) against the others;
- the FNC-1 passage model's reading of the headline as three more features (stacked; for a
  training headline, a passage model fitted without its inner fold's stories and the
  scored fold's, so no feature has seen its own story's labels);
- features kept only when seen in at least SPREAD stories of the training side (a topic
  word, "bale", learns only its story's label mix);
- a feature per story on the training side only, to take up each story's label mix so
  the shared features learn what differs within a story (a fixed effect).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import stance_context
import train_stance
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from desktop.core.evaluation import folds
from desktop.core.text.stance import LABELS, StanceModel, states_plainly

Example = train_stance.Example
Scorer = Callable[[Sequence[Example]], np.ndarray]
"""Scores (one row per example, one column per label, as LABELS) of a fitted model."""
INNER = 3
MIX_GRID = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
OFFSETS = (-0.4, -0.2, 0.0, 0.2, 0.4, 0.6)
SPREAD = 5
ALPHA = 0.003
"""The sentence half's penalty, the one every fold's inner folds choose (train_stance)."""


def _rule(e: Example) -> str | None:
    """The readings that hold whatever the weights say (stance_context.predict)."""
    if "cue=figures_differ" in e.features:
        return "contradicts"
    if "align=all" in e.features and states_plainly(e.text):
        return "supports"
    return None


def ours(train: Sequence[Example]) -> Scorer:
    """The sentence half's log-probabilities, fitted at the penalty chosen everywhere."""
    weights = train_stance.fit_part(train, ALPHA, "lbfgs")
    return lambda items: np.log(np.array(
        [stance_context.probabilities(weights, e.features) for e in items]))


def baseline(cues: Callable[[Sequence[str]], sparse.csr_matrix]) -> Callable[
        [Sequence[Example]], Scorer]:
    """The n-gram + cue LR of claim_quality's stance rows, as a scorer."""
    def fit(train: Sequence[Example]) -> Scorer:
        vectorizer = CountVectorizer(ngram_range=(1, 2), binary=True)
        words = vectorizer.fit_transform([e.text for e in train])
        model = LogisticRegression(C=1.0, max_iter=2000).fit(
            sparse.hstack([words, cues([e.text for e in train])]).tocsr(),
            [e.label for e in train])
        order = [list(model.classes_).index(label) for label in LABELS]

        def scores(items: Sequence[Example]) -> np.ndarray:
            texts = [e.text for e in items]
            matrix = sparse.hstack([vectorizer.transform(texts), cues(texts)]).tocsr()
            return np.asarray(model.decision_function(matrix))[:, order]
        return scores
    return fit


def _inner(train: Sequence[Example], fit: Callable[[Sequence[Example]], Scorer]
           ) -> np.ndarray:
    """Scores of the training side, each by a model fitted without its inner fold."""
    out = np.zeros((len(train), len(LABELS)))
    for part in folds([e.group for e in train], INNER):
        held = [i for i, e in enumerate(train) if e.group in part]
        out[held] = fit([e for e in train if e.group not in part])([train[i] for i in held])
    return out


def _decide(items: Sequence[Example], scores: np.ndarray) -> list[str]:
    return [_rule(e) or LABELS[int(np.argmax(row))] for e, row in zip(items, scores,
                                                                        strict=True)]


def _accuracy(items: Sequence[Example], guesses: Sequence[str]) -> float:
    return train_stance.accuracy([e.label for e in items], guesses)


def _per_fold(data: Sequence[Example], parts: list[frozenset[str]],
              one: Callable[[list[Example], list[Example]], tuple[list[str], str]]
              ) -> tuple[list[str], list[str]]:
    """Each fold's guesses by ``one(train, test)``, and what each fold chose."""
    guesses, chosen = [""] * len(data), []
    for part in parts:
        test = [i for i, e in enumerate(data) if e.group in part]
        found, choice = one([e for e in data if e.group not in part], [data[i] for i in test])
        chosen.append(choice)
        for i, guess in zip(test, found, strict=True):
            guesses[i] = guess
    return guesses, chosen


def mixed(data: Sequence[Example], parts: list[frozenset[str]],
          other: Callable[[Sequence[Example]], Scorer]) -> tuple[list[str], list[str]]:
    """The sentence half's log-probabilities plus ``other``'s scores, weighted by a share
    chosen by inner folds."""
    def one(train: list[Example], test: list[Example]) -> tuple[list[str], str]:
        a, b = _inner(train, ours), _inner(train, other)
        share = max(MIX_GRID, key=lambda w: _accuracy(train, _decide(
            train, (1 - w) * a + w * b)))
        return _decide(test, (1 - share) * ours(train)(test) + share * other(train)(test)), \
            str(share)
    return _per_fold(data, parts, one)


def offsets(data: Sequence[Example], parts: list[frozenset[str]]
            ) -> tuple[list[str], list[str]]:
    """The sentence half with constants added to its neutral and contradicts scores."""
    def one(train: list[Example], test: list[Example]) -> tuple[list[str], str]:
        inner = _inner(train, ours)
        best = max(itertools.product(OFFSETS, OFFSETS), key=lambda o: (
            _accuracy(train, _decide(train, inner + np.array([0.0, *o]))),
            -abs(o[0]) - abs(o[1])))
        return _decide(test, ours(train)(test) + np.array([0.0, *best])), str(best)
    return _per_fold(data, parts, one)


def _passage_features(e: Example, model: StanceModel) -> Example:
    found = model.probabilities(e.claim, e.text)
    return replace(e, features={**e.features, **{"fnc=" + label: math.log(found[label])
                                                 for label in LABELS}})


def passage_stacked(data: Sequence[Example], passages: Sequence[Example],
                    parts: list[frozenset[str]]) -> tuple[list[str], list[str]]:
    """The sentence half with the FNC-1 passage model's log-probabilities as features."""
    def passage_model(left_out: frozenset[str]) -> StanceModel:
        weights = train_stance.fit_part([e for e in passages if e.group not in left_out],
                                        ALPHA, "sgd")
        return StanceModel(weights, weights)

    def one(train: list[Example], test: list[Example]) -> tuple[list[str], str]:
        scored = frozenset(e.group for e in test)
        stacked = list(train)
        for part in folds([e.group for e in train], 5):
            model = passage_model(scored | part)
            stacked = [_passage_features(e, model) if e.group in part else e for e in stacked]
        final = passage_model(scored)
        return _decide(test, ours(stacked)([_passage_features(e, final) for e in test])), "-"
    return _per_fold(data, parts, one)


def spread(data: Sequence[Example], parts: list[frozenset[str]]
           ) -> tuple[list[str], list[str]]:
    """The sentence half fitted on the features seen in at least SPREAD stories."""
    def one(train: list[Example], test: list[Example]) -> tuple[list[str], str]:
        stories: dict[str, set[str]] = {}
        for e in train:
            for name in e.features:
                stories.setdefault(name, set()).add(e.group)
        kept = [replace(e, features={k: v for k, v in e.features.items()
                                     if len(stories[k]) >= SPREAD}) for e in train]
        return _decide(test, ours(kept)(test)), "-"
    return _per_fold(data, parts, one)


def story_effects(data: Sequence[Example], parts: list[frozenset[str]]
                  ) -> tuple[list[str], list[str]]:
    """The sentence half fitted with a feature per story on the training side."""
    def one(train: list[Example], test: list[Example]) -> tuple[list[str], str]:
        marked = [replace(e, features={**e.features, "story=" + e.group: 1.0})
                  for e in train]
        return _decide(test, ours(marked)(test)), "-"
    return _per_fold(data, parts, one)


def variants(data: Sequence[Example], passages: Sequence[Example],
             parts: list[frozenset[str]],
             cues: Callable[[Sequence[str]], sparse.csr_matrix]
             ) -> list[tuple[str, list[str], list[str]]]:
    """(name, guesses, what each fold chose) per variant, the sentence half alone first."""
    plain, _ = _per_fold(data, parts, lambda train, test: (
        _decide(test, ours(train)(test)), "-"))
    out = [("sentence half alone (as shipped)", plain, [])]
    out.append(("+ mixed with the n-gram + cue LR, its share by inner folds",
                *mixed(data, parts, baseline(cues))))
    out.append(("+ neutral / contradicts offsets by inner folds", *offsets(data, parts)))
    out.append(("+ the FNC-1 passage model's log-probabilities as features (stacked)",
                *passage_stacked(data, passages, parts)))
    out.append((f"features seen in {SPREAD}+ stories only", *spread(data, parts)))
    out.append(("+ a feature per story, training side only", *story_effects(data, parts)))
    return out

"""How a text stands toward a claim: supports it, contradicts it, or only reports it.

A linear model over the text's word n-grams and cues of hedging, denial and disagreement
with the claim, trained by scripts/train_stance.py on FNC-1 and the Emergent development
half (benchmarks/claim_quality.py scores it on stories it was not trained on). The
weights ship beside this module as a small JSON file, so the runtime needs no machine
learning library: a prediction is a sum of a few dozen looked-up weights.

The meanings are Emergent's: supports = states it as true, contradicts = denies or
debunks it (another figure for the claim's quantity too), neutral = reports it without
taking a side ("reportedly", "rumour has it", a question).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.core.text.quantities import Quantity, quantities

LABELS = ("supports", "contradicts", "neutral")
WEIGHTS_FILE = Path(__file__).with_name("stance_weights.json.gz")
PASSAGE_SENTENCES = 3
"""An article's stance is read from this many of its sentences closest to the claim."""

_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|estimated?|estimates|unconfirmed|"
    r"unverified|could not be (?:independently )?(?:verified|confirmed)|cannot be "
    r"(?:independently )?verified|believed to|thought to|said to be|suggest(?:s|ed|ing)?|"
    r"speculat\w*|rumou?r\w*|may have|might have)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|false|fake|hoax|debunked|debunk|untrue|not true|"
    r"no evidence|refuted|baseless|fabricated|never happened|bogus|satire|satirical)\b",
    re.IGNORECASE,
)
"""Strong cues only: plain negation ("did not", "wasn't") is everywhere in news prose."""

_REPORTING = re.compile(
    r"\b(?:claims?|claimed|claiming|according to|reports?|reported|reportedly|rumou?rs?|"
    r"said to|appears? to|seems? to|purported|viral|circulat\w+)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor)\b|n['’]t\b",
                       re.IGNORECASE)
_MODAL = re.compile(r"\b(?:may|might|could|would|possibly|perhaps|likely)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[?!:]")


def is_hedged(sentence: str) -> bool:
    """The text reports the statement without vouching for it."""
    return bool(_HEDGE.search(sentence))


def is_denial(sentence: str) -> bool:
    """The sentence denies or debunks what it talks about."""
    return bool(_DENIAL.search(sentence))


def tokens(text: str) -> list[str]:
    """Lower-cased words, with "?", "!" and ":" kept: a question is a cue of its own."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def sentence_features(text: str) -> dict[str, float]:
    """The features of the text alone: word 1-2-grams (they carry what the cue lists
    miss: "hoax", "no, ...") and cues of hedging, denial and questions."""
    words = tokens(text)
    out: dict[str, float] = {"bias": 1.0}
    for i, word in enumerate(words):
        out["w=" + word] = 1.0
        if i:
            out["b=" + words[i - 1] + "_" + word] = 1.0
    if words:
        out["first=" + words[0]] = 1.0
    cues = {
        "hedge": is_hedged(text),
        "reported": bool(_REPORTING.search(text)),
        "denial": is_denial(text),
        "negation": bool(_NEGATION.search(text)),
        "modal": bool(_MODAL.search(text)),
        "question": "?" in words,
        "question_end": text.rstrip().endswith("?"),
    }
    out.update({"cue=" + name: 1.0 for name, present in cues.items() if present})
    return out


def relation_features(claim: str, text: str,
                      claim_quantities: Sequence[Quantity] | None = None,
                      text_quantities: Sequence[Quantity] | None = None) -> dict[str, float]:
    """The features of the text read against the claim: what n-grams cannot see, a
    denial or negation the claim itself does not make, another figure for the claim's
    quantity, how much of the claim the text states at all. Quantities already read
    (at import) may be passed in; they cost most of the time otherwise."""
    words, denial, negation = _side(text)
    claim_words, claim_denial, claim_negation = _side(claim)
    out: dict[str, float] = {}
    content = [w for w in claim_words if len(w) > 3]
    if content:
        share = sum(1 for w in content if w in words) / len(content)
        out["overlap"] = share
        out["overlap_low"] = float(share < 0.3)
    stated = quantities(claim) if claim_quantities is None else claim_quantities
    given = quantities(text) if text_quantities is None and stated else text_quantities or []
    cues = {
        "denial_new": denial and not claim_denial,
        "negation_new": negation and not claim_negation,
        "novel_denial": any(_DENIAL.fullmatch(w) for w in words - claim_words),
        "figures_differ": any(q.disagrees(s) for q in given for s in stated),
    }
    out.update({"cue=" + name: 1.0 for name, present in cues.items() if present})
    return out


@lru_cache(maxsize=4096)
def _side(text: str) -> tuple[frozenset[str], bool, bool]:
    """Words, denial and negation of one side of a comparison; cached, since at import
    one claim's text is compared with every sentence that joins it."""
    return frozenset(tokens(text)), is_denial(text), bool(_NEGATION.search(text))


def features(claim: str, text: str) -> dict[str, float]:
    """All the model's features of a text read against a claim."""
    return {**sentence_features(text), **relation_features(claim, text)}


def article_stance(model: StanceModel, claim: str,
                   sentences: list[tuple[float, int, str]]) -> str:
    """How an article stands toward a claim, from its sentences as (score, position, text):
    another figure in the sentence that states most of the claim contradicts it (as for
    a mention), else the model reads the passage of its closest sentences."""
    if not sentences:
        return "neutral"
    best = min(sentences, key=lambda s: (-s[0], s[1]))[2]
    if "cue=figures_differ" in relation_features(claim, best):
        return "contradicts"
    return model.predict(claim, passage(sentences))


def passage(sentences: list[tuple[float, int, str]]) -> str:
    """The article's sentences that state most of a claim, as (score, position, text):
    the best few in reading order, one a line."""
    best = sorted(sentences, key=lambda s: (-s[0], s[1]))[:PASSAGE_SENTENCES]
    return "\n".join(text for _, _, text in sorted(best, key=lambda s: s[1]))


@dataclass(frozen=True)
class StanceModel:
    """Two multinomial logistic regressions (per feature, one weight per label): one for a
    single sentence, trained on Emergent's headlines, one for an article's passage of
    several sentences, trained on FNC-1's bodies. The two read stance differently ("no
    evidence" in a body's third sentence is not a headline's "Hoax:"), and measured
    apart each did better than one model over both (benchmarks/claim_quality.py)."""

    sentence: dict[str, tuple[float, ...]]
    passage: dict[str, tuple[float, ...]]

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> StanceModel:
        """Read weights written by scripts/train_stance.py."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            stored = json.load(handle)
        if stored.get("labels") != list(LABELS):
            raise ValueError(f"{path}: labels {stored.get('labels')} are not {list(LABELS)}")
        return cls(*({name: tuple(row) for name, row in stored[part]["weights"].items()}
                     for part in ("sentence", "passage")))

    def _weights(self, text: str) -> dict[str, tuple[float, ...]]:
        return self.passage if "\n" in text.strip() else self.sentence

    def _sum(self, weights: dict[str, tuple[float, ...]], found: dict[str, float],
             scores: list[float]) -> list[float]:
        for name, value in found.items():
            row = weights.get(name)
            if row is not None:
                for i, weight in enumerate(row):
                    scores[i] += weight * value
        return scores

    def text_scores(self, text: str) -> tuple[float, ...]:
        """The part of the scores that depends on the text alone: computed once per
        sentence (at import, in the analysis worker), whatever claim it joins."""
        return tuple(self._sum(self._weights(text), sentence_features(text),
                               [0.0] * len(LABELS)))

    def probabilities(self, claim: str, text: str,
                      text_scores: Sequence[float] | None = None,
                      claim_quantities: Sequence[Quantity] | None = None,
                      text_quantities: Sequence[Quantity] | None = None) -> dict[str, float]:
        """Probability of each label for the text read against the claim."""
        relation = relation_features(claim, text, claim_quantities, text_quantities)
        return self._probabilities(text, text_scores, relation)

    def _probabilities(self, text: str, text_scores: Sequence[float] | None,
                       relation: dict[str, float]) -> dict[str, float]:
        scores = list(self.text_scores(text) if text_scores is None else text_scores)
        self._sum(self._weights(text), relation, scores)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(LABELS, exps, strict=True)}

    def predict(self, claim: str, text: str,
                text_scores: Sequence[float] | None = None,
                claim_quantities: Sequence[Quantity] | None = None,
                text_quantities: Sequence[Quantity] | None = None) -> str:
        """The most probable label: "supports", "contradicts" or "neutral".

        A sentence that gives the claim's quantity another figure contradicts it whatever
        the weights say (300 versus 600 killed): Emergent has too few such headlines for
        the model to learn it. A passage of several sentences is left to the model, since
        a body often gives several figures for a quantity (killed, then killed in all).
        """
        relation = relation_features(claim, text, claim_quantities, text_quantities)
        if "cue=figures_differ" in relation and "\n" not in text.strip():
            return "contradicts"
        probabilities = self._probabilities(text, text_scores, relation)
        return max(LABELS, key=lambda label: probabilities[label])


@lru_cache(maxsize=1)
def shipped_model() -> StanceModel:
    """The model shipped with FactDesk, read once."""
    return StanceModel.load()

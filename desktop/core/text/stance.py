"""How a text stands toward a claim: supports it, contradicts it, or only reports it.

A linear model over the text's word n-grams, cues of hedging, denial and disagreement,
and the features the Emergent paper (Ferreira & Vlachos 2016) found useful, read from the
claim against the text: how much of the claim the text states, and refuting or hedging
words next to the claim's words rather than anywhere. Trained by scripts/train_stance.py
on FNC-1 and the Emergent development half (benchmarks/claim_quality.py scores it on
stories it was not trained on). The weights ship beside this module as a small JSON
file, so the runtime needs no machine learning library: a prediction is a sum of a few
dozen looked-up weights.

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

from desktop.core.text.attribution import strip_attribution
from desktop.core.text.lemmas import lemma_stems
from desktop.core.text.lexicon import STOP_WORDS
from desktop.core.text.normalize import terms
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
_DENIAL_WORDS = frozenset([
    "denied", "denies", "deny", "denying", "false", "fake", "hoax", "debunked", "debunk",
    "untrue", "refuted", "baseless", "fabricated", "bogus", "satire", "satirical"
])
_DENIAL = re.compile(r"\b(?:" + "|".join(sorted(_DENIAL_WORDS))
                     + r"|not true|no evidence|never happened)\b", re.IGNORECASE)
"""Strong cues only: plain negation ("did not", "wasn't") is everywhere in news prose."""

_REPORTING = re.compile(
    r"\b(?:claims?|claimed|claiming|according to|reports?|reported|reportedly|rumou?rs?|"
    r"said to|appears? to|seems? to|purported|viral|circulat\w+)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor)\b|n['’]t\b",
                       re.IGNORECASE)
_NEGATION_WORDS = frozenset(["not", "no", "never", "nobody", "nothing", "none", "neither",
                             "nor"])
"""_NEGATION's words, for a word at a time (tokens() has folded "’" to "'")."""
_MODAL = re.compile(r"\b(?:may|might|could|would|possibly|perhaps|likely)\b", re.IGNORECASE)
REFUTING_WORDS = frozenset([
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "refute", "refutes",
    "refuted", "not", "despite", "nope", "doubt", "doubts", "bogus", "debunk", "debunked",
    "debunks", "prank", "pranks", "retract", "retracts", "retracted", "untrue", "myth", "satire"
])
"""Words that refute, after the Emergent paper's list (Ferreira & Vlachos 2016)."""
HEDGING_WORDS = frozenset([
    "alleged", "allegedly", "apparently", "appear", "appears", "claim", "claims", "claimed",
    "could", "evidently", "largely", "likely", "mainly", "may", "maybe", "might", "mostly",
    "perhaps", "presumably", "probably", "purported", "purportedly", "reported", "reportedly",
    "rumor", "rumour", "rumors", "rumours", "rumored", "rumoured", "says", "said", "seem",
    "seems", "somewhat", "supposedly", "unconfirmed", "report", "reports", "source", "sources",
    "suspect", "suspected", "accuses", "accused", "plans", "talks", "possible"
])
"""Words that report without vouching, after the paper's list, with the report and
suspicion words of Emergent's observing headlines ("Source: ...", "in talks", "suspect")."""
_TOKEN = re.compile(r"[a-z0-9]+(?:_month)?(?:['’][a-z]+)?|[?!:]")
_MONTH_MAY = re.compile(r"\b(in|of|on|since|until|early|late) May\b|\bMay(?=,? \d)")


def is_hedged(sentence: str) -> bool:
    """The text reports the statement without vouching for it."""
    return bool(_HEDGE.search(sentence))


def is_denial(sentence: str) -> bool:
    """The sentence denies or debunks what it talks about."""
    return bool(_DENIAL.search(sentence))


_STYLE_WORDS = STOP_WORDS - REFUTING_WORDS - HEDGING_WORDS - {"no", "nor", "not", "?"}
"""Function words that are no n-gram on their own ("w=has", "b=has_been"): they tell a
headline's telegraphic style from a body sentence's, not a stance, and taught the model
that a body sentence stating the claim is "neutral" (Emergent's observing headlines are
fuller sentences than its "for" ones)."""


def tokens(text: str) -> list[str]:
    """Lower-cased words, with "?", "!" and ":" kept: a question is a cue of its own. The
    month ("May 31", "in May") is "may_month", not the hedging "may"."""
    return _TOKEN.findall(_months(text).lower())


def _months(text: str) -> str:
    """The text with the month May written "may_month", so no cue takes it for "may"."""
    if "May" not in text:
        return text.replace("’", "'")
    return _MONTH_MAY.sub(lambda m: f"{m.group(1) or ''} may_month".lstrip(),
                          text.replace("’", "'"))


def states_plainly(text: str) -> bool:
    """Once its attribution is set aside ("..., KCNA reported", "South Korean intelligence
    estimates that ..."), the text has no word of hedging, reporting, doubt, denial or
    negation, no modal verb and no question: what it says, it says as true. Naming who
    said it is not taking a side; "reportedly", "may have" and "rumours say" are. Talks
    held are a meeting stated ("Kim holds talks with Shoigu"), not the hedging "in talks"
    of a deal only planned."""
    if "talks" in text:
        text = _HELD_TALKS.sub("met", text)
    if _without_cues(text, frozenset(tokens(text))):
        return True
    # Only a text with a cue pays for the attribution: at import most mentions are a
    # claim's own first sentence, and this runs for each of them.
    stripped = strip_attribution(text).claim_text
    return stripped != text and _without_cues(stripped, frozenset(tokens(stripped)))


_HELD_TALKS = re.compile(r"\b(?:hold|holds|held|holding)\s+(?:[\w-]+\s+)?talks\b",
                         re.IGNORECASE)


_HEDGING_CUES = re.compile("|".join(f"(?:{p.pattern})" for p in (_HEDGE, _REPORTING, _MODAL)))


@lru_cache(maxsize=4096)
def _hedges(text: str) -> frozenset[str]:
    """The words and phrases of a text that hedge, report or ask, lower-cased, words by
    their root ("plans": "plan")."""
    found = [*(_CUE_WORDS.intersection(tokens(text)) - REFUTING_WORDS),
             *(m.group() for m in _HEDGING_CUES.finditer(_months(text).lower()))]
    return frozenset(_root(word) for word in found)


def states_as_claimed(claim: str, text: str) -> bool:
    """The text says what it says as true, as states_plainly, but for the words of
    negation or denial the claim's wording holds too: those are what the claim says
    ("There was no evidence of drug abuse or alcohol and no signs of foul play, said Det.
    Aldeson" states the claim it was copied from). A hedge is not: a claim worded from a
    rumour ("Rumours say that Apple will sell ...") is still only reported by a text that
    repeats the rumour. Naming who said it is not taking a side, as for states_plainly,
    where strip_attribution finds no attribution to set aside too ("..., said Det.
    Aldeson at the scene")."""
    claim_denying = denying_words(claim)
    return any(_hedges(said) <= _SAYING and denying_words(said) <= claim_denying
               for said in (text, strip_attribution(text).claim_text))


_SAYING = frozenset(["said", "say", "told", "tell", "according to"])
"""Cue roots that only name who said a thing."""


def _without_cues(text: str, words: frozenset[str]) -> bool:
    """No cue word and no cue phrase of hedging, reporting, doubt, denial or negation."""
    return not (_CUE_WORDS.intersection(words) or _CUES.search(_months(text).lower()))


_CUE_WORDS = HEDGING_WORDS | REFUTING_WORDS | {"?"}
_CUES = re.compile("|".join(f"(?:{p.pattern})" for p in (_HEDGING_CUES, _DENIAL, _NEGATION)))
"""The cue patterns in one, matched against lower-cased text: twice as fast as ignoring
case, and the analysis worker runs it on every claim candidate."""


def sentence_features(text: str) -> dict[str, float]:
    """The features of the text alone: word 1-2-grams (they carry what the cue lists
    miss: "hoax", "no, ..."), leaving out those of function words alone, and cues of
    hedging, refuting, denial and questions."""
    words = tokens(text)
    out: dict[str, float] = {"bias": 1.0}
    for i, word in enumerate(words):
        if word not in _STYLE_WORDS:
            out["w=" + word] = 1.0
        if i and not (word in _STYLE_WORDS and words[i - 1] in _STYLE_WORDS):
            out["b=" + words[i - 1] + "_" + word] = 1.0
    if words:
        out["first=" + words[0]] = 1.0
    cues = {
        "hedge": is_hedged(text),
        "reported": bool(_REPORTING.search(text)),
        "denial": is_denial(text),
        "negation": bool(_NEGATION.search(text)),
        "modal": bool(_MODAL.search(_months(text))),
        "question": "?" in words,
        "question_end": text.rstrip().endswith("?"),
        "refute_word": bool(REFUTING_WORDS.intersection(words)),
        "hedge_word": bool(HEDGING_WORDS.intersection(words)),
    }
    out.update({"cue=" + name: 1.0 for name, present in cues.items() if present})
    return out


def relation_features(claim: str, text: str,
                      claim_quantities: Sequence[Quantity] | None = None,
                      text_quantities: Sequence[Quantity] | None = None) -> dict[str, float]:
    """The features of the text read against the claim, after the Emergent paper (Ferreira
    & Vlachos 2016): how much of the claim the text states (its content words aligned to
    the text's, how many are missing, how much the text says besides), a negation,
    refuting or hedging word next to the aligned words rather than anywhere (the claim
    itself negated or hedged, not a side remark), another figure for the claim's quantity
    or other numbers. Quantities already read (at import) may be passed in; they cost most
    of the time otherwise."""
    said, stated_side = _side(text), _side(claim)
    out: dict[str, float] = {}
    if stated_side.roots:
        share = len(stated_side.roots & said.roots) / len(stated_side.roots)
        missing = len(stated_side.roots - said.roots)
        out["align"] = share
        out["align=" + _bucket(share)] = 1.0
        out[f"missing={min(missing, 3)}"] = 1.0
    if said.roots:
        out["extra=" + _bucket(len(said.roots - stated_side.roots) / len(said.roots))] = 1.0
    aligned: list[int] | None = None
    for name, claim_has in (("negation", stated_side.negation),
                            ("refute", stated_side.refutes), ("hedge", False)):
        found = said.cues.get(name)
        if found and not claim_has:
            if aligned is None:
                aligned = [i for i, w in enumerate(said.words)
                           if _root(w) in stated_side.roots]
            out[f"cue={name}_{_distance(found, aligned)}"] = 1.0
    stated = quantities(claim) if claim_quantities is None else claim_quantities
    given = quantities(text) if text_quantities is None and stated else text_quantities or []
    cues = {
        "novel_denial": bool(said.denials - stated_side.words_set),
        "figures_differ": figures_differ(stated, given),
        "numbers_new": bool(stated_side.numbers and said.numbers - stated_side.numbers),
        "numbers_kept": bool(stated_side.numbers and stated_side.numbers <= said.numbers),
    }
    out.update({"cue=" + name: 1.0 for name, present in cues.items() if present})
    return out


ROUNDING = 0.1
"""A figure this close to the claim's (relative to the larger) rounds it, as headlines do
("2,000 tip" for 2,084, "25 years" for 24): it does not contradict the claim."""


def gives_other_figure(claim: str, text: str) -> bool:
    """Whether the text gives another figure for one of the claim's quantities ("around 600
    soldiers were killed" for "around 300 troops were killed"): it states the claim with
    a conflicting figure, which contradicts it (search counts such an article among those
    that carry the claim, whatever else it is about)."""
    stated = quantities(claim)
    return bool(stated) and figures_differ(stated, quantities(text))


def figures_differ(stated: Sequence[Quantity], given: Sequence[Quantity]) -> bool:
    """The text gives another figure for one of the claim's quantities. A figure the claim
    itself gives is none ("said he took the truck to a dealership three years ago" against
    "has run the company for 32 years and said he took the truck ... three years ago")."""
    if not stated or not given:
        return False
    claimed = {(q.slot, q.low, q.high) for q in stated}
    fresh = [q for q in given if (q.slot, q.low, q.high) not in claimed]
    return any(_figure_differs(s, given, fresh) for s in stated)


def _figure_differs(stated: Quantity, given: Sequence[Quantity],
                    fresh: Sequence[Quantity]) -> bool:
    """The text gives another figure for the claim's quantity: one of ``fresh`` (its
    figures the claim does not give) that disagrees with it by more than rounding, where
    the text does not also give the claim's own (trial11: a claim's own sentence
    "contradicted" itself by two of its figures of one slot)."""
    if any(q.slot == stated.slot and (q.low, q.high) == (stated.low, stated.high)
           for q in given):
        return False
    return any(q.disagrees(stated) and _gap(q, stated) > ROUNDING for q in fresh)


def _gap(a: Quantity, b: Quantity) -> float:
    """How far apart two figures' nearest ends are, relative to the larger."""
    low, high = (a, b) if a.high < b.low else (b, a)
    return (high.low - low.high) / max(abs(high.low), abs(low.high), 1e-9)


NEAR = 3
"""A negation, refuting or hedging word this many words from a word of the claim bears on
the claim; next to one (a word away) on that very word. The paper measured the distance
in a dependency parse; word positions need no parser."""


def _distance(found: tuple[int, ...], aligned: list[int]) -> str:
    """How far the cue words are from the claim's words in the text: next, near or far."""
    gap = min((abs(i - j) for i in found for j in aligned), default=NEAR + 1)
    return "next" if gap <= 1 else "near" if gap <= NEAR else "far"


def _bucket(share: float) -> str:
    """A share in five bins, so the linear model can weigh all, most, some and none apart."""
    if share >= 1.0:
        return "all"
    if share <= 0.0:
        return "none"
    return "most" if share >= 0.67 else "some" if share >= 0.34 else "few"


@dataclass(frozen=True)
class _Side:
    """One side of a comparison: its words in order, its denying words, the roots of its
    content words, its numbers, where its negation, refuting and hedging words are, and
    whether it has any refuting word or negation."""

    words: list[str]
    words_set: frozenset[str]
    denials: frozenset[str]
    roots: frozenset[str]
    numbers: frozenset[str]
    cues: dict[str, tuple[int, ...]]
    refutes: bool
    negation: bool


@lru_cache(maxsize=4096)
def _side(text: str) -> _Side:
    """A side of a comparison, cached: at import one claim's text is compared with every
    sentence that joins it."""
    words = tokens(text)
    words_set = frozenset(words)
    cues: dict[str, list[int]] = {}
    # Most sentences have no cue word at all: look for positions only in those that do.
    if words_set & _POSITIONED or "n't" in text or "n’t" in text:
        for i, word in enumerate(words):
            if word in _POSITIONED or word.endswith("n't"):
                if word in _NEGATION_WORDS or word.endswith("n't"):
                    cues.setdefault("negation", []).append(i)
                if word in REFUTING_WORDS:
                    cues.setdefault("refute", []).append(i)
                if word in HEDGING_WORDS:
                    cues.setdefault("hedge", []).append(i)
    return _Side(words, words_set, _denials(text, words_set),
                 frozenset(_root(w) for w in words_set if len(w) > 1 and w not in STOP_WORDS),
                 frozenset(w for w in words_set if w[0].isdigit()),
                 {kind: tuple(found) for kind, found in cues.items()},
                 "refute" in cues, bool(_NEGATION.search(text)))


def _denials(text: str, words_set: frozenset[str]) -> frozenset[str]:
    """The words that deny (_DENIAL's single words), "hoax's" too: a set lookup, where a
    search of each word cost the importer a sixth of a mention's stance."""
    found = words_set & _DENIAL_WORDS
    if "'" in text or "’" in text:
        found |= {w for w in words_set if "'" in w and _DENIAL_WORDS.intersection(w.split("'"))}
    return found


_POSITIONED = _NEGATION_WORDS | REFUTING_WORDS | HEDGING_WORDS


_SUFFIX = re.compile(r"(?:'s|s'|ing|ed|es|s)$")


@lru_cache(maxsize=65536)
def _root(word: str) -> str:
    """A word without its commonest endings ("vowed", "vows": "vow"): cheaper than a
    stemmer, which cost the importer more than the rest of the stance model."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


@lru_cache(maxsize=4096)
def _stated_terms(text: str) -> frozenset[str]:
    """What the text states, as search compares it (normalize.terms: names and their
    aliases one key, synonyms folded, stems; an irregular form by its lemma, "met":
    "meet"), and its numbers: so "around 300 North Korean troops were killed" states "DPRK
    soldiers die", the claim "DPRK soldiers did not die" denies (terms folds DPRK and North
    Korean to one key, troops to soldiers, killed and die to one), and "Kim Jong Un met
    Sergei Shoigu" states "Kim Jong Un meet Shoigu". Not in the model's features: lemmas
    folded there, Emergent stance lost three headlines out of fold (0.767 -> 0.765,
    claim_quality.py --stance-only, 18:24-18:32)."""
    table = lemma_stems()
    return frozenset([*(table.get(t, t) for t in terms(text)),
                      *(w for w in _side(text).numbers if len(w) > 1)])


def features(claim: str, text: str) -> dict[str, float]:
    """All the model's features of a text read against a claim."""
    return {**sentence_features(text), **relation_features(claim, text)}


ARTICLE_RULES = ("passage", "plain best", "plain passage", "plain sentence")
"""How an article's stance is read when no other figure contradicts the claim. "passage":
the passage model reads the article's closest sentences. The three others first let its
best sentence, stated plainly (states_plainly), support the claim: "plain best" when it
states all of the claim's words; "plain passage" when it does and the other closest
sentences are plain too; "plain sentence" when the sentence model reads it as supporting
(it knows paraphrases a little: "pledged to unconditionally support"). Trained on FNC-1,
where "discuss" is two related bodies in three, the passage model read the seeds' four
articles that state Kim's support as "neutral". The best and closest sentences these rules
read are chosen by stated_share, from the claim and the article alone (stated_closest), as
toward a negated claim: an article that contradicts "Kim Jong Un did not meet Shoigu"
supports "Kim Jong Un met Shoigu", whatever else the project holds."""
ARTICLE_RULE = "plain passage"
"""The rule shipped. On FNC-1 (benchmarks/claim_quality.py, run of 3 December 14:51) it
ties "passage" (82.85% both on all stories; 3 folds of 5 chose it), "plain best" loses
(82.73%), "plain sentence" more (80.72%); on the seeds it reads the article stating Kim's
vow in the claim's words as supporting it."""


QUERY_POLARITIES = ("as is", "stated contradicts")
"""How an article's stance is read toward a negated claim ("Kim Jong Un did not meet
Shoigu"). "as is": like any claim. Neither model has a feature for a negation in the claim
that the text lacks, so the articles reporting the meeting read as they would toward the
meeting itself: "neutral", "supports". "stated contradicts": a text of one sentence is read
by the sentence model toward the claim affirmed ("... meet Shoigu"), supports and
contradicts swapped (that model, trained on Emergent's headlines, reads a denial in the
text as contradicting, whatever the claim says), unless it states all of the claim plainly
(it contradicts it then); an article of several sentences contradicts it where its closest
sentences (by stated_share) all state plainly (states_plainly) and the closest holds all
of the claim's words, and is read as it is otherwise. The passage model, trained on FNC-1
bodies, already reads a body that debunks a rumour as agreeing with a headline that denies
it ("No, Banksy has not been arrested"), so swapping its reading lost more than it won
there (benchmarks/README.md)."""
QUERY_POLARITY = "stated contradicts"
"""The reading shipped (benchmarks/claim_quality.py measures it out of fold)."""
STATED_SHARE = 1.0
"""The share of a negated claim's keys (claim_keys: its content words, a name as one) the
closest sentence must state to contradict it: all of them. A sentence that states part of
it may state something else of the story ("Kim and Shoigu discussed ... Kursk" for "300
soldiers were not killed in Kursk"). Read from the claim and the sentence alone, not from
search's word weights, which move with every other text of the project."""

_NO_FIRST = re.compile(r"^\s*no\s*[,:!.]\s*", re.IGNORECASE)
_CONTRACTED = {"won't": "will", "can't": "can", "cannot": "can", "shan't": "shall",
               "ain't": "is"}
_NEGATING = re.compile(
    r"\b(?:it is (?:not true|false) that\s+|(?:do|does|did)(?:\s+not|n't)\s+|not\s+|"
    r"never\s+|(?:won't|can't|cannot|shan't|ain't)\b)|(?<=[a-z])n't\b", re.IGNORECASE)


_CLAUSE = re.compile(r"\b(?:who|whom|whose|which|that|and|but|or|because|after|before|"
                     r"while|when|if|although|though|despite|until)\b", re.IGNORECASE)


_PHRASE_BEFORE = re.compile(r"(?:[,;\"“‘']|\b(?:with|without|for|of|by|from|about|over))\s*$",
                            re.IGNORECASE)
"""What stands right before a negation that belongs to a phrase, not to the claim: a
quoted slogan ("adopted Hands up, don't shoot") or a preposition ("frustration with not
finding love")."""


def affirmed(claim: str) -> str | None:
    """The claim with its one negation taken out ("Kim did not meet Shoigu" -> "Kim meet
    Shoigu"; "No, Banksy has not been arrested" -> "Banksy has been arrested"), or None
    when it has none, more than one (a double negation, or several clauses), or one in a
    clause or phrase of its own: "fired an employee who hadn't been to work in 24 years" is
    not the denial of a claim, and a headline saying "absent for 24 years" states it."""
    text = _NO_FIRST.sub("", claim.replace("’", "'"))
    found = list(_NEGATING.finditer(text))
    if (len(found) != 1 or _CLAUSE.search(text, 0, found[0].start())
            or _PHRASE_BEFORE.search(text, 0, found[0].start())):
        return None
    match = found[0]
    kept = _CONTRACTED.get(match.group().lower(), "")
    return re.sub(r"\s{2,}", " ", text[:match.start()] + kept + text[match.end():]).strip()


_SWAPPED = {"supports": "contradicts", "contradicts": "supports", "neutral": "neutral"}


def denying_words(text: str) -> frozenset[str]:
    """The words of a text that negate, deny or refute ("isn't" read as "not")."""
    side = _side(text)
    return side.denials | frozenset(
        "not" if word.endswith("n't") else word for word in side.words_set
        if word in _NEGATION_WORDS or word in REFUTING_WORDS or word.endswith("n't"))


_UNCONFIRMED = re.compile(
    r"\b(?:(?:could|can|did|does|do|has|have|had|was|were|is|are|would|will)(?:\s+not|n['’]t)"
    r"|cannot|not)\s+(?:(?:yet|immediately|independently|officially|publicly|been|be)\s+)*"
    r"(?:confirm|verif|corroborat|comment|respond|return|authenticat)\w*"
    r"|\b(?:not|n['’]t)\s+(?:(?:yet|immediately)\s+)?available\s+(?:for|to)\s+comment"
    r"|\bdeclined\s+to\s+(?:comment|confirm)\w*"
    r"|\bno\s+(?:(?:immediate|official|independent)\s+)?(?:comment|confirmation|announc\w*)"
    r"|\byet\s+to\s+(?:be\s+)?(?:confirm|verif|comment)\w*", re.IGNORECASE)
"""Negations that say something is not (yet) confirmed or commented on ("has not been
verified", "declined to comment", "was not immediately available for comment"): they
report without vouching, a hedge, not a denial."""
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely)\b", re.IGNORECASE)
"""A negation that adds rather than denies ("which not only showed footage")."""


def negation_off_point(claim: str, text: str, far: bool = True) -> bool:
    """Whether the text's negation or refutation bears on something other than the claim:
    it has no word of denial the claim lacks, and each of its negation and refuting words
    is the claim's own, in a phrase that denies nothing (_UNCONFIRMED, _NOT_ONLY) or, with
    ``far``, more than NEAR words from every word of the claim. The sentence model weighs
    "not" anywhere as a cue of "against", as it is in the short headlines it learnt from;
    in an article's long sentences it is most often about something else. A text without
    any such word is left to the model, which learnt denials without one ("drops out")."""
    said, stated = _side(text), _side(claim)
    if said.denials - stated.words_set or not ("negation" in said.cues or "refute" in said.cues):
        return False
    masked = text
    for phrase in (_UNCONFIRMED, _NOT_ONLY):
        if phrase.search(masked):
            masked = phrase.sub(" unconfirmed ", masked)
    if masked != text:
        said = _side(masked)
    found = _own_negations(said, stated)
    if not found:
        return True
    if not far:
        return False
    aligned = [i for i, word in enumerate(said.words) if _root(word) in stated.roots]
    return _distance(found, aligned) == "far"


def _own_negations(said: _Side, stated: _Side) -> tuple[int, ...]:
    """Where the text's negation and refuting words are, leaving out those of the claim."""
    return tuple(i for kind in ("negation", "refute") for i in said.cues.get(kind, ())
                 if said.words[i] not in stated.words_set
                 and not (said.words[i].endswith("n't") and stated.negation))


RESTATED_DENIAL_SHARE = 0.5
"""The share of a denying claim's keys a text must state to deny the same thing."""


def restates(claim: str, text: str) -> bool:
    """The text says what the claim says: where the claim states, it adds no word that
    denies, negates or refutes and states all of the claim's keys (its own sentence, or a
    copy's); where the claim itself denies (denies), it denies too, in its own words, and
    states half of them (trial12: "Christian Bale will not be Steve Jobs after all"
    contradicted "Christian Bale will not be playing Steve Jobs after all", and 14 articles
    repeating DHS's "categorically false" contradicted that claim; trial13: "DHS
    definitively debunked the ... theory that Islamic State fighters have attempted to
    cross" still did)."""
    keys = claim_keys(claim)
    if denies(claim):
        return bool(denying_words(text)) and (
            stated_share(keys, text) >= RESTATED_DENIAL_SHARE - 1e-9)
    claim_denying = denying_words(claim)
    if not denying_words(text) <= claim_denying:
        return False
    least = RESTATED_DENIAL_SHARE if claim_denying else 1.0
    return stated_share(keys, text) >= least - 1e-9


def denies(claim: str) -> bool:
    """The claim is a denial: a word of denial ("false", "hoax", "denied") or one negation
    of its main clause (affirmed). "ESPN planned a panel that didn't include any women"
    is not: its negation is in a clause of its own."""
    return is_denial(claim) or affirmed(claim) is not None


def article_stance(model: StanceModel, claim: str, sentences: list[tuple[float, int, str]],
                   rule: str = ARTICLE_RULE, polarity: str = QUERY_POLARITY) -> str:
    """How an article stands toward a claim, from its sentences as (score, position, text):
    another figure in the sentence that states most of the claim contradicts it (as for
    a mention); then ``rule`` (ARTICLE_RULES). A negated claim is read by ``polarity``
    (QUERY_POLARITIES): an article that states what the claim denies contradicts it; which
    of its sentences are closest to that claim is read from their text alone (stated_share),
    so that reading does not move with the project's other texts."""
    affirmative = affirmed(claim) if polarity != "as is" and sentences else None
    if affirmative is None:
        return _stance(model, claim, sentences, rule)
    closest = stated_closest(affirmative, sentences)
    if gives_other_figure(affirmative, closest_sentences(sentences)[0][2]):
        # "600 were killed" contradicts "300 were killed" without supporting "300 were
        # not killed". The sentence that gives another figure states fewer of the claim's
        # keys (not its figure): search's closest, where the figure weighs most.
        return "neutral"
    stated = closest[0][0] >= STATED_SHARE - 1e-9
    if len(sentences) == 1 and not (stated and states_plainly(sentences[0][2])):
        return _SWAPPED[model.predict(affirmative, sentences[0][2])]
    if stated and plain_throughout(closest):
        return "contradicts"
    return _stance(model, claim, sentences, rule)


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")
_CASED_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")
_TITLE_SMALL = frozenset({"and", "but", "for", "nor", "the", "yet", "via"})


def claim_keys(claim: str) -> list[frozenset[str]]:
    """The claim's terms (_stated_terms), each a key of its own, but a name of several
    capitalised words one key that any of its words states ("Kim" for Kim Jong Un: an
    article names him in full once, then "Kim"). A claim in title case marks no name by
    its capitals (as search's query_names)."""
    roots = set(_stated_terms(claim))
    words = [w for w in _CASED_WORD.findall(claim) if w.lower() not in _TITLE_SMALL]
    names: list[frozenset[str]] = []
    if not words or sum(w[0].isupper() for w in words) <= 0.75 * len(words):
        for match in _NAME_RUN.finditer(claim):
            name = _stated_terms(match.group()) & roots
            if len(name) > 1:
                names.append(name)
                roots -= name
    return names + [frozenset([r]) for r in sorted(roots)]


def stated_share(keys: list[frozenset[str]], text: str) -> float:
    """The share of a claim's keys (claim_keys) the text states: read from the claim and
    the text alone, so an article's stance toward a claim does not move with the other
    texts of the project, as search's word weights do (trial7: a row "Kim Jong Un met
    Sergei Shoigu" turned a seed article neutral toward "Kim Jong Un did not meet
    Shoigu")."""
    if not keys:
        return 0.0
    roots = _stated_terms(text)
    return sum(1 for key in keys if key & roots) / len(keys)


def _stance(model: StanceModel, claim: str, sentences: list[tuple[float, int, str]],
            rule: str) -> str:
    """article_stance of a claim as it is written. An article with one sentence about the
    claim (a headline, a post) is read by the sentence model exactly as its mention is at
    import (StanceModel.predict), so search and the claim's mentions agree on it; the
    passage model is for several."""
    if not sentences:
        return "neutral"
    if len(sentences) == 1:
        return model.predict(claim, sentences[0][2])
    if gives_other_figure(claim, closest_sentences(sentences)[0][2]):
        return "contradicts"
    closest = stated_closest(claim, sentences)
    best = closest[0][2]
    if rule != "passage" and states_plainly(best):
        stated = closest[0][0] >= STATED_SHARE - 1e-9
        if ((rule == "plain best" and stated)
                or (rule == "plain passage" and stated
                    and plain_throughout(closest))
                or (rule == "plain sentence" and model.predict(claim, best) == "supports")):
            return "supports"
    return model.predict(claim, passage(sentences))


def stated_closest(claim: str, sentences: list[tuple[float, int, str]]
                   ) -> list[tuple[float, int, str]]:
    """The few sentences, as (share, position, text), that state most of a claim's keys
    (stated_share), best first (the earlier of two equal ones): what the article rules
    read, from the claim and the article alone."""
    keys = claim_keys(claim)
    return sorted(((stated_share(keys, text), position, text) for _, position, text in sentences),
                  key=lambda s: (-s[0], s[1]))[:PASSAGE_SENTENCES]


def plain_throughout(closest: list[tuple[float, int, str]]) -> bool:
    """Each of the closest sentences (stated_closest) that states all of the claim's keys
    states it plainly (states_plainly). A closer sentence stating part of it is left out:
    it is most often about something else of the story ("Kim Jong-un emphasized ... his
    nation would continue its unwavering support" beside "Kim reiterated his support during
    a meeting with Shoigu"), and its hedge was what read one of two copies of an article
    neutral toward "Kim Jong Un did not meet Shoigu" while the other contradicted it."""
    return all(states_plainly(text) for share, _, text in closest
               if share >= STATED_SHARE - 1e-9)


def closest_sentences(sentences: list[tuple[float, int, str]]
                      ) -> list[tuple[float, int, str]]:
    """The few sentences, as (score, position, text), that state most of a claim by
    search's word weights, best first (the earlier of two equal ones): the passage the
    passage model reads, chosen as in its training (evaluation.fnc_passages)."""
    return sorted(sentences, key=lambda s: (-s[0], s[1]))[:PASSAGE_SENTENCES]


def passage(sentences: list[tuple[float, int, str]]) -> str:
    """The article's closest sentences to a claim in reading order, one a line."""
    return "\n".join(text for _, _, text in sorted(closest_sentences(sentences),
                                                    key=lambda s: s[1]))


DENIAL_RULES = ("model", "stated denial", "stated denial only", "unverified",
                "negation in point")
"""How a single sentence with a word of denial ("denied", "false", "hoax", "not true") is
read. "model": by the weights. "stated denial": a sentence that states all of the claim's
words and denies ("North Korea denied that Kim Jong Un met Shoigu in Pyongyang, calling
the reports false") contradicts it, whatever else the weights say; the sentence model,
trained on Emergent's Kim Jong Un headlines (most of them "observing"), read the names as
a hint of neutral and that sentence as neutral toward "Kim Jong Un met Shoigu" (trial7).
"stated denial only": as "stated denial", and a sentence that states all of the claim's
words and adds no word of denial, negation or refutation to the claim's (denying_words)
does not contradict it, whatever the weights say: the most probable of the other two
labels. The sentence model reads a denial word as a cue for "against" even when the claim
holds it too, so a claim's own sentence was read as contradicting itself ("He said it is
still not clear if the meteorite disintegrated", "The assertion that ISIS-affiliated
terrorists were arrested ... is 'categorically false'"; trial11: 1,218 of 10,299
single-origin FNC-1 claims read "1 contradicts it", by their only mention;
benchmarks/self_contradiction.py). A passage of
several sentences is left to the model: an FNC-1 body often reports someone's denial while
discussing the claim ("discuss", not "disagree"). "unverified": as "stated denial only",
and a sentence whose only negations are the claim's own, "not only", or say that
something is not confirmed ("has not been confirmed", "declined to comment") does not
contradict: the last reports without vouching, Emergent's "observing". "negation in
point": as "unverified", and a negation or refuting word more than NEAR words from every
word of the claim does not contradict it either ("Experts believe that British forces had
likely identified Abdel Bary not long after the video was released" toward "James Foley
was the victim executed ... in a grisly video"). Neither touches a sentence with a word of
denial the claim lacks, another figure, or no negation at all (negation_off_point)."""
DENIAL_RULE = "unverified"
"""The reading shipped for a one-line text (a headline, a post) and in search. Emergent's
folds (benchmarks/claim_quality.py) cannot tell the first four apart (0.7666, runs of 4
December 18:10, 18:17 and 19:07: the fold models already read a headline that states the claim
and denies it as contradicting, and none restating its claim as contradicting it);
"negation in point" loses six headlines there, whose denial is far from the claim's words
in a headline's other words ("The Batmobile Might Have Been Stolen In Detroit UPDATE:
Nope"). "unverified" is shipped for what Emergent lacks: a name the model learnt as
"observing" outweighing a denial, a claim's own sentence read as contradicting itself
(benchmarks/self_contradiction.py), a "has not been confirmed" read as a denial
(benchmarks/mention_stance.py)."""
BODY_DENIAL_RULE = "negation in point"
"""The reading shipped for a sentence of an article of several (a claim's mentions at
import): chosen on every fold of the mentions labelled by reading
(benchmarks/mention_stance.py). An article's sentence is twice a headline's length, and
its "not" is most often about something else than the claim."""


RESTATED_RULES = ("plain", "as claimed")
"""When a single sentence holding all of the claim's words states it, whatever the
weights say. "plain": it states it plainly (states_plainly). "as claimed": or no less
plainly than the claim's own wording (states_as_claimed): a copy of a hedged or negated
claim's sentence states that claim. The model, trained on headlines, reads "said" and
"no" as cues of "observing" or "against" even where the claim holds them.
Emergent's folds tie the two (its claims are plain); the mentions' folds choose "as
claimed" (benchmarks/mention_stance.py)."""
RESTATED_RULE = "as claimed"
"""The reading shipped, for a one-line text and an article's sentence alike."""


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
                text_quantities: Sequence[Quantity] | None = None,
                plain: bool | None = None, denial: str = DENIAL_RULE,
                restated: str = RESTATED_RULE) -> str:
        """The most probable label: "supports", "contradicts" or "neutral".

        Readings of a single sentence that hold whatever the weights say. Another figure
        for the claim's quantity contradicts it (300 versus 600 killed): Emergent has too
        few such headlines for the model to learn it. Under ``denial`` (DENIAL_RULES), a
        sentence that states all of the claim's words and a word of denial the claim lacks
        denies it, Emergent's "against". A sentence that states all of the claim plainly
        (states_plainly) states it as true, Emergent's "for": the model, trained on
        headlines, reads a body sentence's names and style as a hint of "observing" (the
        seeds' first claim in its own words read "neutral"); under ``restated``
        (RESTATED_RULES) so does one that states it as claimed. A "contradicts" of the
        weights that rests on a negation off the claim's point, or that restates the
        claim, is read as the likelier of the other two (``denial``), "neutral" where the
        negation says something is unconfirmed. A passage of several sentences is left to
        the model, since a body often gives several figures for a quantity. ``plain``
        is states_plainly(text) when already known (at import, from the analysis worker).
        """
        relation = relation_features(claim, text, claim_quantities, text_quantities)
        sentence = "\n" not in text.strip()
        if sentence:
            if "cue=figures_differ" in relation:
                return "contradicts"
            if (denial != "model" and "cue=novel_denial" in relation
                    and stated_share(claim_keys(claim), text) >= 1.0
                    and not denies(claim)):
                return "contradicts"
            if "align=all" in relation and (
                    (states_plainly(text) if plain is None else plain)
                    or (restated != "plain" and states_as_claimed(claim, text))):
                return "supports"
        probabilities = self._probabilities(text, text_scores, relation)
        label = max(LABELS, key=lambda label: probabilities[label])
        if label != "contradicts" or not sentence or denial in ("model", "stated denial"):
            return label
        other = max(("supports", "neutral"), key=lambda label: probabilities[label])
        if denial != "stated denial only" and negation_off_point(
                claim, text, far=denial == "negation in point"):
            return "neutral" if _UNCONFIRMED.search(text) else other
        return other if restates(claim, text) else label


@lru_cache(maxsize=1)
def shipped_model() -> StanceModel:
    """The model shipped with FactDesk, read once."""
    return StanceModel.load()

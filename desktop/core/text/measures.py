"""Measurements and prices as values of a slot keyed by the thing measured: "a 280 pound
catfish" is (weight, catfish) = 280 lb, "wine which cost $15,000 a bottle" (price, bottle)
= 15,000 USD.

Two sources that give one thing's weight or price differently disagree (280 against 266
pounds for one catfish); a figure of another thing in the same sentences does not ("the
largest catfish ever caught weighed 300 pounds" is the record's weight, "$8,550 in steel"
not the gold model's price). The thing is the noun the figure describes: the one it stands
before ("a 19 stone catfish"), the one it is priced by ("$15,000 a bottle"), or the subject
of the verb that measures it ("the catfish was weighed at 280 pounds"). Where no such noun
is found the figure has no slot and never conflicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.text.normalize import terms
from desktop.core.text.numbers import APPROX, DIGITS, PLAIN, value, widen, widen_after
from desktop.core.text.units import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    UNIT_FAMILIES,
    UNIT_PATTERN,
    currency_of,
    rounding,
    unit_of,
)

_SCALE = r"(?:\s*(?:thousand|million|billion|bn)\b|(?:m|bn|k)\b)?"
_QUAL = r"(?P<qual>\b" + APPROX + r"\s+)?"
_GAP = r"\s*-?\s*"
MEASURE = re.compile(
    _QUAL + r"(?:between\s+)?(?<![\w.,$£€])(?P<a>" + PLAIN + r")"
    r"(?:\s*(?:and|to|-|–)\s*(?P<b>" + PLAIN + r"))?" + _GAP + r"(?P<unit>" + UNIT_PATTERN + r")"
    # "8ft 9in": feet and inches (or stones and pounds) are one figure.
    r"(?:\s*(?P<sub>\d{1,2})\s*(?P<subunit>in|inches|lbs?|pounds)\b)?",
)
MONEY = re.compile(
    _QUAL + r"(?:between\s+)?(?P<sign>" + CURRENCY_BEFORE + r")\s?(?P<a>" + DIGITS + _SCALE + r")"
    r"(?:\s*(?:and|to|-|–)\s*(?:" + CURRENCY_BEFORE + r")?\s?(?P<b>" + DIGITS + _SCALE + r"))?"
    r"(?![\w%])|" + _QUAL.replace("qual", "qual2") + r"(?<![\w.,])(?P<a2>" + DIGITS + _SCALE
    + r")\s+(?P<word>" + CURRENCY_AFTER + r")",
)
_COMPOUND = re.compile(r"-[A-Za-z]")
# A person's age: "Nathan Cirillo, 25," "Gill Rosenberg (31)", "Nathan Cirillo, a 24-year-old
# father", "14-year-old Sam Lee".
_AGE_HINT = re.compile(r"[a-z], \d|\(\d|\d-year-old")
_NAME = r"(?P<name>(?:[a-z]{1,3}-)?[A-Z][a-z][\w'’-]*)"
_GIVEN = re.compile(r"\b([A-Z][a-z][\w'’-]*)\s+$")
_AGES = [
    re.compile(r"\b" + _NAME + r",\s+(?:aged\s+)?(?P<age>\d{1,3})[,;]"),
    re.compile(r"\b" + _NAME + r"\s+\((?P<age>\d{1,3})\)"),
    re.compile(r"\b" + _NAME + r",\s+(?:a|an|the)\s+(?P<age>\d{1,3})-year-old\b"),
    re.compile(r"\b(?P<age>\d{1,3})-year-old\s+(?:[a-z]+\s+){0,2}?(?:[A-Z][a-z][\w'’-]*\s+)*"
               + _NAME + r"\b"),
]
_NOT_A_PERSON = frozenset([
    "windows", "iphone", "ipad", "galaxy", "note", "series", "room", "chapter", "article",
    "section", "flight", "route", "highway", "level", "phase", "stage", "apollo", "version",
    "ios", "android", "office", "page", "number", "no", "vol", "volume", "season", "episode",
    "part", "day", "week", "year", "grade", "class", "pier", "gate", "platform", "terminal",
    "street", "avenue", "road", "floor", "suite", "unit", "block", "lot", "district",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# Cheap tests first: most sentences hold no money, no unit after a digit and no age.
_MONEY_HINT = re.compile(r"[$£€]|(?i:\b(?:rmb|usd|gbp|eur)|dollars|euros|yuan)")
_UNIT_HINT = re.compile(r"\d\s*-?\s*" + UNIT_PATTERN)

# Words right after a figure that say which side of the thing it measures.
_ASPECTS = {"long": "length", "length": "length", "tall": "height", "high": "height",
            "height": "height", "wide": "width", "width": "width", "deep": "depth",
            "depth": "depth", "radius": "radius", "diameter": "diameter", "away": "distance",
            "north": "distance", "south": "distance", "east": "distance", "west": "distance",
            "from": "distance"}
_ASPECT_AFTER = re.compile(r"^[\s-]*(?:in\s+)?(long|length|tall|high|height|wide|width|deep|"
                           r"depth|radius|diameter|away|north|south|east|west|from)\b", re.I)
_ASPECT_BEFORE = re.compile(
    r"\b(radius|diameter|depth|height|length|width)\s+of\s+(?:about\s+)?$", re.I)
_PER = re.compile(r"^\s*(?:a|an|per|for\s+(?:a|an|each|one))\s+([a-z][\w-]*)", re.I)
_FUNCTION = frozenset([
    "a", "an", "the", "and", "or", "but", "in", "on", "at", "of", "to", "for", "from", "by",
    "with", "per", "each", "apiece", "this", "that", "which", "who", "is", "was", "were", "are",
    "be", "been", "has", "have", "had", "will", "would", "could", "can", "may", "might", "than",
    "as", "into", "onto", "after", "before", "since", "while", "when", "where", "if", "so",
    "according", "near", "about", "across", "over", "under", "below", "above", "behind", "inside",
    "outside", "around", "through", "during", "within", "without", "off", "out", "up", "down",
    "away"])
_MEASURING = re.compile(
    r"\b(?:weigh\w*|measur\w*|cost\w*|sell\w*|sold|price[ds]?|pric\w+|valued|worth|fetch\w*|"
    r"list\w*|retail\w*|reach\w*|stands?|stood|runs?|go(?:es)?\s+for|start\w*\s+at|is|was|"
    r"were|are|be|been|being|ha[sd]|have|paid|pay|pays|spen[dt]\w*|grow\w*|grew)\b", re.I)
_NOUN_PHRASE_END = re.compile(r"(?:[,;:()\"“”]|\b(?:that|which|who|and|but)\b)", re.I)
# A figure of a record, an average or an earlier catch is not this thing's figure.
_OTHER_THING = re.compile(r"\b(?:record|largest|biggest|heaviest|longest|tallest|previous\w*|"
                          r"ever|average|typical|usually|normally)\b", re.I)
_NOT_A_HEAD = re.compile(r"(?:ed|ing|ly)$")
_NOT_A_THING = frozenset([
    "model", "models", "version", "versions", "variant", "variants", "edition", "editions",
    "counterpart", "option", "options", "size", "sizes", "type", "types", "kind", "kinds", "one",
    "ones", "configuration", "tier", "collection", "reward", "rewards", "investment",
    "investments", "fund", "funds", "funding", "stake", "stakes", "deal", "deals", "bid", "bids",
    "offer", "offers", "fine", "fines", "settlement", "bail", "ransom", "salary", "budget",
    "donation", "donations", "grant", "grants", "loan", "loans", "contract", "contracts", "prize",
    "award", "valuation", "revenue", "revenues", "profit", "profits", "sales", "worth"])
# "$8,550 in steel and $23,000 in gold": a price per variant of the thing.
_VARIANT = re.compile(r"^\s*in\s+(?:the\s+)?([a-z][\w-]*)", re.I)
# "(39 feet)" after "12 metres" restates it; "a further $20,000" is an increment, not a price.
_BRACKETED = re.compile(r"\(\s*$")
_INCREMENT = re.compile(r"\b(?:a further|an extra|another|an additional|additional)\s+$|"
                        r"^\s*(?:extra|more)\b", re.I)
# "the catfish caught by Ferrari was": the participle's agent is not the subject.
_AGENT = re.compile(r"\s+\w+(?:ed|en|ght)\s+by\s+[\w\s'’]*$")


@dataclass(frozen=True)
class Measure:
    """One measurement or price found in a sentence, in the base unit of its family."""

    start: int
    end: int
    family: str
    """"weight", "length", "area", "temperature", or a currency ("USD")."""
    unit: str
    """The unit as written, lower case ("stone", "ft", "$"): figures in one unit are compared
    as they stand, figures in two units after conversion, each within its rounding."""
    low: float
    high: float
    step: float
    """Half the last stated digit in base units: how far a converted figure may be off."""
    aspect: str
    thing: str
    """Stem of the noun measured ("catfish"), "" when the sentence does not say."""
    text: str
    label: str


def measures(text: str) -> tuple[list[Measure], list[tuple[int, int]]]:
    """Every measurement and price in the sentence whose thing is named, and the spans of
    every measurement read, named or not: "300 pounds" of a record is no count of pounds."""
    found: list[Measure] = []
    spans: list[tuple[int, int]] = []
    for match in MONEY.finditer(text) if _MONEY_HINT.search(text) else ():
        first = match.group("a") or match.group("a2")
        sign = (match.group("sign") or match.group("word") or "$").strip()
        spans.append(match.span())
        measure = _read(text, match, first, match.group("b"), currency_of(sign), sign, 1.0, 0.0)
        if measure:
            found.append(measure)
    for match in MEASURE.finditer(text) if _UNIT_HINT.search(text) else ():
        if any(s < match.end() and match.start() < e for s, e in spans):
            continue
        unit = unit_of(match.group("unit"))
        first = match.group("a")
        if unit is None or (match.group("unit") == "st" and _ordinal(first)):
            continue
        spans.append(match.span())
        if _COMPOUND.match(text, match.start("a") + len(first)):
            continue  # "the 12-inch MacBook", "a 650-acre site": a kind, as "four-bedroom"
        measure = _read(text, match, first, match.group("b"), unit.family,
                        match.group("unit").lower(), unit.factor, unit.offset)
        if measure:
            found.append(measure)
    for pattern in _AGES if _AGE_HINT.search(text) else ():
        for match in pattern.finditer(text):
            spans.append(match.span("age"))
            found.extend(_age(match, text))
    return sorted(found, key=lambda m: m.start), spans


def _age(match: re.Match[str], text: str) -> list[Measure]:
    """The age a name is given ("Corporal Nathan Cirillo, 25," "14-year-old Sam Lee"),
    keyed by the surname, with the given name before it when the sentence has one (the
    label says "age of Nathan Cirillo"); none for a product or a place in a list."""
    name = match.group("name")
    years = int(match.group("age"))
    if name.lower() in _NOT_A_PERSON or not 0 < years < 115:
        return []
    given = _GIVEN.search(text, 0, match.start("name"))
    full = f"{given.group(1)} {name}" if given else name
    return [Measure(match.start("age"), match.end("age"), "age", "years", years, years, 0.5,
                    "age", name.lower(), match.group("age"), f"age of {full}")]


def _ordinal(figure: str) -> bool:
    """"1st", "21st": an ordinal, not stones."""
    return figure.endswith("1") and not figure.endswith("11")


def _read(text: str, match: re.Match[str], first: str, second: str | None, family: str,
          unit: str, factor: float, offset: float) -> Measure | None:
    """The measure one match states, or None when its figure or its thing cannot be read."""
    low, high = value(first), value(second) if second else value(first)
    if low is None or high is None:
        return None
    sub = match.groupdict().get("subunit")
    if sub:
        extra = unit_of(sub)
        if extra is not None and extra.family == family:
            low = high = low + float(match.group("sub")) * extra.factor / factor
    groups = match.groupdict()
    if family not in UNIT_FAMILIES and re.search(r"9(?:\.99)?$", first):
        high += 0.01 if first.endswith(".99") else 1.0  # "$4,999" is the $5,000 price
    low, high = widen(low, high, groups.get("qual") or groups.get("qual2") or "")
    after = text[match.end():match.end() + 60]
    low, high = widen_after(low, high, after)
    before = text[max(0, match.start() - 120):match.start()]
    aspect = _aspect(family, before, after)
    if _BRACKETED.search(before) or _INCREMENT.search(before) or _INCREMENT.match(after):
        return None
    thing = _thing(before, after, family not in UNIT_FAMILIES)
    if not thing:
        return None
    digits = re.match(r"[\d.,]+", first)
    step = rounding(digits.group()) * abs(factor) * (value(first) or 1.0) / float(
        digits.group().replace(",", "")) if digits and float(digits.group().replace(",", "")) \
        else 0.5 * abs(factor)
    return Measure(match.start(), match.end(), family, unit, low * factor + offset,
                   high * factor + offset if high != float("inf") else high, step, aspect,
                   thing, match.group().strip(), f"{aspect} of {_in_words(thing, before, after)}")


def _aspect(family: str, before: str, after: str) -> str:
    """What the figure measures: a weight, a price, or which side of a length."""
    if family in {"weight", "area", "temperature"}:
        return family
    if family not in {"length"}:
        return "price"
    found = _ASPECT_AFTER.match(after) or _ASPECT_BEFORE.search(before)
    return _ASPECTS[found.group(1).lower()] if found else "length"


def _thing(before: str, after: str, money: bool) -> str:
    """Stem of the noun the figure measures, "" when the sentence does not name it or the
    figure is a record's, an average's or an earlier one's."""
    near_before = re.split(r"[,;:(—–]|\s-\s|[.!?]\s", before)[-1]
    near_after = re.split(r"[,;:(—–]|\s-\s|[.!?](?:\s|$)", after)[0]
    if _OTHER_THING.search(near_before) or _OTHER_THING.search(near_after):
        return ""
    per = _PER.match(after) or (_VARIANT.match(after) if money else None)
    if per:  # "$1,200 an ounce": a price per unit of measure names what it buys
        return (terms(per.group(1)) or [""])[0] if unit_of(per.group(1)) else _head(per.group(1))
    rest = _ASPECT_AFTER.sub("", after, count=1)
    following = re.match(r"^\s*([A-Za-z][\w-]*)", rest)
    if following and following.group(1).lower() not in _FUNCTION:
        # "a 280 pound catfish", "a $2.5 million Bugatti": the figure stands before its noun.
        head = _head(following.group(1))
        if head:
            return head
    return _subject(re.split(r"[.;:!?]\s", before)[-1])


def _subject(clause: str) -> str:
    """The noun before the verb that measures: "the catfish was put in a sling and weighed
    out at", "bottles of wine costing", "the catfish which weighed"."""
    verbs = list(_MEASURING.finditer(clause))
    # Verbs joined by "and" share a subject: "measured 8.7 feet and weighed 280 pounds".
    while len(verbs) > 1:
        gap = clause[verbs[-2].end():verbs[-1].start()]
        if not re.search(r"\band\s*$", gap):
            break
        verbs.pop()
    if not verbs:
        return ""
    subject = _AGENT.sub(" ", clause[:verbs[-1].start()])
    last = _NOUN_PHRASE_END.split(subject)[-1]
    if last.strip():
        subject = last
    if _OTHER_THING.search(subject):
        return ""
    of = re.search(r"\b([A-Za-z][\w-]*)\s+of\s+\S+\s*$", subject)
    words = [of.group(1)] if of else re.findall(r"[A-Za-z][\w'-]*", subject)[::-1]
    for word in words[:3]:
        head = _head(word)
        if head:
            return head
    return ""


def _head(word: str) -> str:
    """A word's stem if it can be the thing measured: a noun, not a verb form or filler, nor
    a word that takes its identity from the figure ("the $500 model") or from who pays
    ("a $7 million reward": for whose capture, the sentence may not say)."""
    lowered = word.lower()
    if lowered in _FUNCTION or _NOT_A_HEAD.search(lowered) or lowered in _NOT_A_THING:
        return ""
    stems = terms(word)
    if not stems or unit_of(word) is not None or word.lower() in _ASPECTS:
        return ""
    return stems[0]


def _in_words(stem: str, before: str, after: str) -> str:
    """The word of the sentence the thing's stem was made from, to show a reader."""
    for word in re.findall(r"[A-Za-z][\w'-]*", after + " " + before):
        if terms(word)[:1] == [stem]:
            return word.lower()
    return stem

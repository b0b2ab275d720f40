"""Numbers as values of a slot: "around 300 troops were killed" is (soldier, kill) = ~300.

Two mentions of one claim that give the same slot different values are a conflict (300
versus 600 killed), which similarity of words alone never finds: the numbers are taken
out of the terms and compared here instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num

from desktop.core.text.dates import DAY_MONTH, FULL_DATE
from desktop.core.text.normalize import terms

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9,
           "m": 1e6, "k": 1e3}
_FIGURE = re.compile(
    r"(?P<digits>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|bn|m|k)?$")
# Words that say "many" without a figure: a vague quantity, never a conflicting value.
_VAGUE = frozenset(["dozens", "scores", "hundreds", "thousands", "millions", "billions"])

_BELOW_HUNDRED = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(_UNITS[1:10]) + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)
_WORD_NUMBER = (
    r"(?:(?:a|" + _BELOW_HUNDRED + r")\s+dozen|"
    r"(?:a\s+|" + _BELOW_HUNDRED + r"\s+)(?:hundred|thousand|million|billion)"
    r"(?:\s+(?:and\s+)?" + _BELOW_HUNDRED + r"(?:\s+(?:hundred|thousand|million|billion))?)*|"
    + _BELOW_HUNDRED + r"(?:\s+(?:hundred|thousand|million|billion)"
    r"(?:\s+(?:and\s+)?" + _BELOW_HUNDRED + r")?)*|" + "|".join(sorted(_VAGUE)) + r")"
)
# Possessive quantifiers: "£4.2m" is one figure or none, never a "4" cut out of it.
_DIGITS = (
    r"(?:[$£€]\s?(?:\d{1,3}(?:,\d{3})++|\d++(?:\.\d++)?+)(?:\s*(?:thousand|million|billion)\b"
    r"|(?:m|bn|k)\b)?|(?:\d{1,3}(?:,\d{3})++|\d++(?:\.\d++)?+)"
    r"(?:\s*(?:thousand|million|billion|bn)\b)?)"
)
_NUM = r"(?:" + _DIGITS + r"|" + _WORD_NUMBER + r")"
_APPROX = (
    r"(?:about|around|some|roughly|approximately|nearly|almost|over|more than|"
    r"at least|up to|fewer than|less than|an estimated)"
)
_START = r"(?<![\w.,])"
# A range is one value: "between 10,000 and 12,000", "10,000 to 12,000", "10,000-12,000".
QUANTITY = re.compile(
    r"(?P<qual>\b" + _APPROX + r"\s+)?"
    r"(?:between\s+(?P<a>" + _START + _NUM + r")\s*(?:and|to|-|–)\s*(?P<b>" + _NUM + r")|"
    r"(?P<one>" + _START + _NUM + r")(?:\s*(?:to|-|–)\s*(?P<upto>" + _NUM + r"))?)"
    # Not a compound adjective ("52-year-old", "four-bedroom", "30-minute"): an age, a size
    # or a duration, not a count.
    r"(?P<pct>\s*(?:%|percent|per cent))?(?![\w%]|-[a-z])",
    re.IGNORECASE,
)
_ANY_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join([*_UNITS, *_TENS, "dozen", *_SCALES, *_VAGUE]) + r")\b",
    re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?!\d)|\b\d{1,2}\s*[ap]\.?m\.?",
                   re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_EVENTS = frozenset(
    [
        "kill",
        "wound",
        "dispatch",
        "captur",
        "arrest",
        "evacu",
        "displac",
        "miss",
        "injur",
        "die",
        "fire",
        "launch",
        "sell",
        "transport",
        "shipment",
        "produc",
        "export",
        "import",
        "spend",
        "cost",
        "pay",
        "vote",
        "elect",
    ]
)
_DEFINITE = re.compile(r"\b(?:the|these|those|both|its|their)\s+$", re.IGNORECASE)
# The total after a part ("one of five children", "300 out of 400 soldiers") and a figure in
# brackets after another ("1m pesos (£47,000)": a conversion) restate, they do not count.
_TOTAL = re.compile(r"(?:\d|\b(?:" + "|".join([*_UNITS, *_TENS]) + r"))\s+(?:out\s+)?of\s+$",
                    re.IGNORECASE)
_BRACKETED = re.compile(r"\(\s*[A-Z]{0,3}\s?[$£€]?\s?$")
# "six times as much" is a ratio; "14 more officers" an increment, not a total.
_CLAUSE_END = re.compile(r"[,;:(]|\s(?:which|who|while|but|after|before)\s", re.IGNORECASE)
_YEARS = re.compile(r"\b(?:19|20)\d{2}\b")
_RATIO = re.compile(r"^\s+times\b", re.IGNORECASE)
_INCREMENT = re.compile(r"^\s+(?:more|additional|other|new|further)\b", re.IGNORECASE)
_SKIP = frozenset(["more", "new", "other", "additional"])
_WORD = re.compile(r"[^\W\d_][\w'-]*")


@dataclass(frozen=True)
class Quantity:
    """A value (a range, low to high) of one slot: what is counted and what happened."""

    slot: str
    low: float
    high: float
    text: str
    vague: bool
    label: str = ""
    """The slot in the sentence's own words ("troops killed"): what a reader is shown, where
    the slot's stems ("soldier:kill") are only for comparing."""
    years: tuple[int, ...] = ()
    """The years its sentence names: "36.5 million in 2016" and "67.6 million by 2018" are
    figures of two periods, not two figures of one."""

    def to_json(self) -> list[object]:
        """Plain form for the database."""
        return [self.slot, self.low, self.high, self.text, self.vague, self.label,
                list(self.years)]

    @classmethod
    def from_json(cls, data: list[Any]) -> Quantity:
        """Inverse of to_json (sentences stored before labels and years were kept have
        neither)."""
        slot, low, high, text, vague, *rest = data
        label = str(rest[0]) if rest else ""
        years = tuple(int(y) for y in rest[1]) if len(rest) > 1 else ()
        return cls(str(slot), float(low), float(high), str(text), bool(vague), label, years)

    def disagrees(self, other: Quantity) -> bool:
        """Same slot and period, both precise, ranges that do not overlap."""
        if self.slot != other.slot or self.vague or other.vague:
            return False
        if self.years and other.years and not set(self.years) & set(other.years):
            return False
        return self.high < other.low or other.high < self.low


def _value(text: str) -> float | None:
    """The number a figure states ("2.7 million", "$7m", "three hundred", "a dozen"), or None
    for a figure that says "many" ("hundreds") or words no number reads."""
    cleaned = re.sub(r"[$£€]", "", text.lower()).strip()
    figure = _FIGURE.match(cleaned)
    if figure:
        scale = _SCALES[figure["scale"]] if figure["scale"] else 1.0
        return float(figure["digits"].replace(",", "")) * scale
    words = cleaned.split()
    if not words or words[0] in _VAGUE:
        return None
    if words[-1] == "dozen":
        return 12.0 * (1 if words[0] == "a" else (_word_number(words[:-1]) or 0)) or None
    if words[0] == "a":
        words[0] = "one"
    return _word_number(words)


def _word_number(words: list[str]) -> float | None:
    """A number written in words; text2num reads compounds ("one hundred and twenty")."""
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _mask(text: str) -> str:
    """Blank out dates and times so their digits are not read as quantities."""
    for pattern in (FULL_DATE, DAY_MONTH, _TIME):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _in_words(stem: str, text: str) -> str:
    """The word of ``text`` that the term ``stem`` was made from ("troops" for "soldier")."""
    if not stem:
        return ""
    return next((word for word in _WORD.findall(text) if stem in terms(word)), "")


def _slot(before: str, after: str) -> tuple[str, str]:
    """What is counted and what happened: the noun after the number, the nearest event;
    as stems to compare, and in the sentence's words to show.

    An event right after the number wins ("2,700 more injured"), then one right before
    it ("killed seven people"), then one further on in the same clause ("troops were
    later killed", but not "surrounding 400 soldiers, which led to the death of 300").
    """
    after = _CLAUSE_END.split(after, maxsplit=1)[0]
    head = ""
    event = ""
    following = terms(after)[:8]
    for position, word in enumerate(following):
        if word in _EVENTS:
            event = word if position < 3 else ""
            break
        if not head and word not in _SKIP and "_" not in word:
            head = word
    preceding = [w for w in terms(before)[-3:] if w in _EVENTS]
    if not event:
        event = preceding[-1] if preceding else next((w for w in following if w in _EVENTS), "")
    head_words = _in_words(head, after)
    event_words = _in_words(event, after) or _in_words(event, before)
    return f"{head}:{event}", " ".join(w for w in (head_words, event_words) if w)


def quantities(text: str) -> list[Quantity]:
    """Every counted quantity in the sentence, years, dates and times excluded."""
    if not _ANY_NUMBER.search(text):
        return []
    masked = _mask(text)
    years = tuple(sorted({int(year) for year in _YEARS.findall(text)}))
    found: list[Quantity] = []
    for match in QUANTITY.finditer(masked):
        first = match.group("a") or match.group("one")
        second = match.group("b") or match.group("upto")
        before = masked[max(0, match.start() - 16) : match.start()]
        after = masked[match.end() : match.end() + 12]
        if _DEFINITE.search(before[-8:]):
            continue  # "the two countries": a reference, not a figure
        if _TOTAL.search(before) or _BRACKETED.search(before) or _RATIO.match(after):
            continue
        if _YEAR.match(first) and (not second or _YEAR.match(second)):
            continue
        low = _value(first)
        high = _value(second) if second else low
        qualifier = (match.group("qual") or "").strip().lower()
        vague = low is None or high is None or bool(_INCREMENT.match(after))
        low_value = low or 0.0
        high_value = high if high is not None else low_value
        if not vague and qualifier in {
            "about",
            "around",
            "some",
            "roughly",
            "approximately",
            "nearly",
            "almost",
            "an estimated",
        }:
            low_value, high_value = low_value * 0.9, high_value * 1.1
        elif qualifier in {"over", "more than", "at least"}:
            high_value = float("inf")
        elif qualifier in {"up to", "fewer than", "less than"}:
            low_value = 0.0
        percent = "%" if match.group("pct") else ""
        slot, label = _slot(
            masked[max(0, match.start() - 40) : match.start()],
            masked[match.end() : match.end() + 80],
        )
        if slot == ":":
            continue
        found.append(Quantity(percent + slot, low_value, high_value, match.group().strip(),
                              vague, (percent + " " + label).strip(), years))
    return found

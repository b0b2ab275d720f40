"""Numbers as values of a slot: "around 300 troops were killed" is (soldier, kill) = ~300.

Two mentions of one claim that give the same slot different values are a conflict (300
versus 600 killed), which similarity of words alone never finds: the numbers are taken
out of the terms and compared here instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.text.dates import DAY_MONTH, FULL_DATE
from desktop.core.text.normalize import terms

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 0,
    "hundreds": 0,
    "thousands": 0,
    "millions": 0,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_WORDS) + r")"
    r"(?:\s+(?:thousand|million|billion))?"
)
_APPROX = (
    r"(?:about|around|some|roughly|approximately|nearly|almost|over|more than|"
    r"at least|up to|fewer than|less than|an estimated)"
)
QUANTITY = re.compile(
    r"(?P<qual>\b" + _APPROX + r"\s+)?(?:between\s+)?(?P<a>\b" + _NUM + r")"
    r"(?:\s*(?:to|and|-|–)\s*(?P<b>" + _NUM + r"))?(?P<pct>\s*(?:%|percent|per cent))?\b",
    re.IGNORECASE,
)
_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE)
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

    def to_json(self) -> list[object]:
        """Plain form for the database."""
        return [self.slot, self.low, self.high, self.text, self.vague, self.label]

    @classmethod
    def from_json(cls, data: list[object]) -> Quantity:
        """Inverse of to_json (sentences stored before labels were kept have none)."""
        slot, low, high, text, vague, *label = data
        return cls(str(slot), float(low), float(high), str(text), bool(vague),  # type: ignore[arg-type]
                   str(label[0]) if label else "")

    def disagrees(self, other: Quantity) -> bool:
        """Same slot, both precise, ranges that do not overlap."""
        if self.slot != other.slot or self.vague or other.vague:
            return False
        return self.high < other.low or other.high < self.low


def _value(text: str) -> float | None:
    parts = text.lower().replace(",", "").split()
    base = parts[0]
    number = float(_WORDS[base]) if base in _WORDS else float(base)
    if number == 0 and base in _WORDS:
        return None
    for part in parts[1:]:
        number *= _SCALE.get(part, 1)
    return number


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
    it ("killed seven people"), then one further on ("troops were later killed").
    """
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
    found: list[Quantity] = []
    for match in QUANTITY.finditer(masked):
        first = match.group("a")
        if _DEFINITE.search(masked[max(0, match.start() - 8) : match.start()]):
            continue  # "the two countries": a reference, not a figure
        if _YEAR.match(first) and not match.group("b"):
            continue
        low = _value(first)
        high = _value(match.group("b")) if match.group("b") else low
        qualifier = (match.group("qual") or "").strip().lower()
        vague = low is None or high is None
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
                              vague, (percent + " " + label).strip()))
    return found

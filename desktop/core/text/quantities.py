"""Numbers as values of a slot: "around 300 troops were killed" is (soldier, kill) = ~300.

Two mentions of one claim that give the same slot different values are a conflict (300
versus 600 killed), which similarity of words alone never finds: the numbers are taken
out of the terms and compared here instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.core.text.dates import DAY_MONTH, FULL_DATE
from desktop.core.text.measures import measures
from desktop.core.text.normalize import terms
from desktop.core.text.numbers import (
    APPROX,
    AROUND,
    NUM,
    SCALES,
    START,
    TEN_WORDS,
    UNIT_WORDS,
    VAGUE,
    value,
    widen,
    widen_after,
)
from desktop.core.text.units import UNITS

# A range is one value: "between 10,000 and 12,000", "10,000 to 12,000", "10,000-12,000".
QUANTITY = re.compile(
    r"(?P<qual>\b" + APPROX + r"\s+)?"
    r"(?:between\s+(?P<a>" + START + NUM + r")\s*(?:and|to|-|–)\s*(?P<b>" + NUM + r")|"
    r"(?P<one>" + START + NUM + r")(?:\s*(?:to|-|–)\s*(?P<upto>" + NUM + r"))?)"
    # Not a compound adjective ("52-year-old", "four-bedroom", "30-minute"): an age, a size
    # or a duration, not a count.
    r"(?P<pct>\s*(?:%|percent|per cent))?(?![\w%]|-[a-z])",
    re.IGNORECASE,
)
_ANY_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join([*UNIT_WORDS, *TEN_WORDS, "dozen", *SCALES, *VAGUE]) + r")\b",
    re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?!\d)|\b\d{1,2}\s*[ap]\.?m\.?",
                   re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_CODE = re.compile(r"[-–]\d")
_CODE_END = re.compile(r"\d[-–]$")
"""A figure joined to the next by a hyphen past a range's two ends ("9-1-1")."""
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
        "kidnap",
        "abduct",
    ]
)
_DEFINITE = re.compile(r"\b(?:the|these|those|both|its|their)\s+$", re.IGNORECASE)
# The total after a part ("one of five children", "300 out of 400 soldiers") and a figure in
# brackets after another ("1m pesos (£47,000)": a conversion) restate, they do not count.
_TOTAL = re.compile(
    r"(?:\d|\b(?:" + "|".join([*UNIT_WORDS, *TEN_WORDS]) + r"))\s+(?:out\s+)?of\s+$",
    re.IGNORECASE)
_BRACKETED = re.compile(r"\(\s*[A-Z]{0,3}\s?[$£€]?\s?$")
# "six times as much" is a ratio; "14 more officers" an increment, not a total.
_CLAUSE_END = re.compile(r"[,;:(—–]|\s-\s|\s(?:which|who|while|but|after|before)\s",
                         re.IGNORECASE)
_YEARS = re.compile(r"\b(?:19|20)\d{2}\b")
_RATIO = re.compile(r"^\s+times\b", re.IGNORECASE)
_INCREMENT = re.compile(r"^\s+(?:more|additional|other|new|further)\b", re.IGNORECASE)
_AND = re.compile(r"\s(?:and|or)\s", re.IGNORECASE)
_SKIP = frozenset(["more", "new", "other", "additional"])
_WORD = re.compile(r"[^\W\d_][\w'-]*")


@dataclass(frozen=True)
class Quantity:
    """A value (a range, low to high) of one slot: what is counted and what happened, or
    which side of what thing is measured."""

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
    unit: str = ""
    """A measurement's family and unit as written ("weight/stone", "USD/$"); "" for a count.
    low and high are in the family's base unit (kilograms, metres, Celsius) or currency."""
    step: float = 0.0
    """Half the figure's last stated digit, in base units: how far a figure converted from
    another unit may be off ("12 metres (39 feet)")."""

    def to_json(self) -> list[object]:
        """Plain form for the database."""
        return [self.slot, self.low, self.high, self.text, self.vague, self.label,
                list(self.years), self.unit, self.step]

    @classmethod
    def from_json(cls, data: list[Any]) -> Quantity:
        """Inverse of to_json (sentences stored before labels, years and units were kept
        have none)."""
        slot, low, high, text, vague, *rest = data
        label = str(rest[0]) if rest else ""
        years = tuple(int(y) for y in rest[1]) if len(rest) > 1 else ()
        unit = str(rest[2]) if len(rest) > 2 else ""
        step = float(rest[3]) if len(rest) > 3 else 0.0
        return cls(str(slot), float(low), float(high), str(text), bool(vague), label, years,
                   unit, step)

    @property
    def family(self) -> str:
        """What the figure measures in: "" (a count), "weight", "length", "USD"..."""
        return self.unit.partition("/")[0]

    def disagrees(self, other: Quantity) -> bool:
        """Same slot, family and period, both precise, ranges that do not overlap; figures
        in two units of one family are each allowed their rounding ("12 metres" and "39
        feet" agree, "14 stone" and "15st" do not)."""
        if self.slot != other.slot or self.vague or other.vague:
            return False
        if self.family != other.family or not _same_person(self, other):
            return False
        if self.years and other.years and not set(self.years) & set(other.years):
            return False
        slack = 0.0 if _same_unit(self.unit, other.unit) else self.step + other.step
        return self.high + slack < other.low or other.high + slack < self.low


def _same_person(first: Quantity, second: Quantity) -> bool:
    """Ages of one surname are one person's unless both give different given names ("Abu
    Hussain al-Britani, 20" and "Abu Abdullah al-Britani, 23" are two men)."""
    if first.family != "age":
        return True
    names = [q.label.removeprefix("age of ").split() for q in (first, second)]
    return len(names[0]) < 2 or len(names[1]) < 2 or names[0][-2].lower() == names[1][-2].lower()


def _same_unit(first: str, second: str) -> bool:
    """Counts, one currency, or two names of one unit ("stone", "st")."""
    family, _, name = first.partition("/")
    if family not in _MEASURED_FAMILIES:
        return True
    return UNITS.get(name) == UNITS.get(second.partition("/")[2])


_MEASURED_FAMILIES = frozenset(unit.family for unit in UNITS.values())


def _mask(text: str) -> str:
    """Blank out dates and times so their digits are not read as quantities."""
    for pattern in (FULL_DATE, DAY_MONTH, _TIME):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _in_words(stem: str, text: str) -> str:
    """The word of ``text`` that the term ``stem`` was made from ("troops" for "soldier")."""
    if not stem:
        return ""
    return next((word for word in _WORD.findall(text) if stem in _terms_of(word)), "")


@lru_cache(maxsize=8192)
def _terms_of(word: str) -> list[str]:
    """terms() of one word, kept: the same few words are looked up for every figure."""
    return terms(word)


def _named(stem: str, text: str) -> bool:
    """Whether the word a stem came from is a capitalised word before a lower-case one:
    "276 Nigerian girls", "two Canadian soldiers" count girls and soldiers, the name says
    whose (in a headline's Title Case every word is capitalised, and none is skipped)."""
    word = _in_words(stem, text)
    return bool(word[:1].isupper() and re.search(re.escape(word) + r"\s+[a-z]", text))


def _slot(before: str, after: str) -> tuple[str, str]:
    """What is counted and what happened: the noun after the number, the nearest event;
    as stems to compare, and in the sentence's words to show.

    An event right after the number wins ("2,700 more injured"), then one right before
    it ("killed seven people"), then one further on in the same clause ("troops were
    later killed", but not "surrounding 400 soldiers, which led to the death of 300"); an
    event after "and" or after another figure has a subject of its own ("killed three people
    and injured 264", "two soldiers were run over - one of them killed").
    """
    after = _AND.split(_CLAUSE_END.split(after, maxsplit=1)[0], maxsplit=1)[0]
    preceding = [w for w in terms(before)[-3:] if w in _EVENTS]
    head = ""
    event = ""
    following = terms(after)[:8]
    # Events past another figure are that figure's ("300 out of 400 soldiers" keeps its noun).
    own = len(terms(_ANY_NUMBER.split(after, maxsplit=1)[0]))
    for position, word in enumerate(following):
        if word in _EVENTS and position >= own:
            break
        if word in _EVENTS:
            event = word if position < 3 else ""
            break
        if not head and word not in _SKIP and "_" not in word and not _named(word, after):
            head = word
    if not event:
        event = preceding[-1] if preceding else next(
            (w for w in following[:own] if w in _EVENTS), "")
    head_words = _in_words(head, after)
    event_words = _in_words(event, after) or _in_words(event, before)
    return f"{head}:{event}", " ".join(w for w in (head_words, event_words) if w)


def quantities(text: str) -> list[Quantity]:
    """Every counted quantity and every measurement or price of a named thing in the
    sentence, years, dates and times excluded."""
    if not _ANY_NUMBER.search(text):
        return []
    masked = _mask(text)
    years = tuple(sorted({int(year) for year in _YEARS.findall(text)}))
    found: list[Quantity] = []
    measured, spans = measures(masked)
    for measure in measured:
        found.append(Quantity(f"{measure.aspect}:{measure.thing}", measure.low, measure.high,
                              measure.text, False, measure.label, years,
                              f"{measure.family}/{measure.unit}", measure.step))
    for start, end in spans:  # a measurement is not also a count ("280 pounds" of what?)
        masked = masked[:start] + " " * (end - start) + masked[end:]
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
        if _CODE.match(after) or _CODE_END.search(before):
            continue  # "9-1-1", "555-0199": a number to dial, not a figure
        low = value(first)
        high = value(second) if second else low
        if low is not None and high is not None and high < low:
            continue  # "9-1": a score or a code, not a range
        qualifier = (match.group("qual") or "").strip().lower()
        vague = low is None or high is None or bool(_INCREMENT.match(after))
        low_value = low or 0.0
        high_value = high if high is not None else low_value
        if not vague or qualifier not in AROUND:
            low_value, high_value = widen(low_value, high_value, qualifier)
            low_value, high_value = widen_after(low_value, high_value, after)
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

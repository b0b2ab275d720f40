"""Figures as numbers: "three hundred", "2.7 million", "$7m", "a dozen" are one value each,
"about 300" a span around it, "hundreds" no value at all.

Shared by counts (quantities.py) and measurements (measures.py), so "around 300 troops"
and "roughly 266 pounds" are read and widened the same way.
"""

from __future__ import annotations

import re

from text_to_num import text2num

UNIT_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
TEN_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9,
           "m": 1e6, "k": 1e3}
_FIGURE = re.compile(
    r"(?P<digits>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|bn|m|k)?$")
# Words that say "many" without a figure: a vague quantity, never a conflicting value.
VAGUE = frozenset(["dozens", "scores", "hundreds", "thousands", "millions", "billions",
                   "numerous", "several", "multiple", "countless"])

_BELOW_HUNDRED = (
    r"(?:(?:" + "|".join(TEN_WORDS) + r")(?:[-\s](?:" + "|".join(UNIT_WORDS[1:10]) + r"))?|"
    + "|".join(sorted(UNIT_WORDS, key=len, reverse=True)) + r")"
)
_WORD_NUMBER = (
    r"(?:(?:a|" + _BELOW_HUNDRED + r")\s+dozen|"
    r"(?:a\s+|" + _BELOW_HUNDRED + r"\s+)(?:hundred|thousand|million|billion)"
    r"(?:\s+(?:and\s+)?" + _BELOW_HUNDRED + r"(?:\s+(?:hundred|thousand|million|billion))?)*|"
    + _BELOW_HUNDRED + r"(?:\s+(?:hundred|thousand|million|billion)"
    r"(?:\s+(?:and\s+)?" + _BELOW_HUNDRED + r")?)*|" + "|".join(sorted(VAGUE)) + r")"
)
# Possessive quantifiers: "£4.2m" is one figure or none, never a "4" cut out of it.
_DIGITS = (
    r"(?:[$£€]\s?(?:\d{1,3}(?:,\d{3})++|\d++(?:\.\d++)?+)(?:\s*(?:thousand|million|billion)\b"
    r"|(?:m|bn|k)\b)?|(?:\d{1,3}(?:,\d{3})++|\d++(?:\.\d++)?+)"
    r"(?:\s*(?:thousand|million|billion|bn)\b)?)"
)
# A figure in digits with no sign before it: what a unit of measurement follows.
DIGITS = r"(?:(?:\d{1,3}(?:,\d{3})++|\d++)(?:\.\d++)?+)"
PLAIN = r"(?:" + DIGITS + r"(?:\s*(?:thousand|million)\b)?|" + _WORD_NUMBER + r")"
NUM = r"(?:" + _DIGITS + r"|" + _WORD_NUMBER + r")"
APPROX = (
    r"(?:about|around|some|roughly|approximately|nearly|almost|over|more than|"
    r"at least|up to|fewer than|less than|an estimated|as much as|as many as|as high as|"
    r"upwards? of)"
)
START = r"(?<![\w.,])"


def value(text: str) -> float | None:
    """The number a figure states ("2.7 million", "$7m", "three hundred", "a dozen"), or None
    for a figure that says "many" ("hundreds") or words no number reads."""
    cleaned = re.sub(r"[$£€]", "", text.lower()).strip()
    figure = _FIGURE.match(cleaned)
    if figure:
        scale = SCALES[figure["scale"]] if figure["scale"] else 1.0
        return float(figure["digits"].replace(",", "")) * scale
    words = cleaned.split()
    if not words or words[0] in VAGUE:
        return None
    if words[-1] == "dozen":
        return 12.0 * (1 if words[0] == "a" else (word_number(words[:-1]) or 0)) or None
    if words[0] == "a":
        words[0] = "one"
    return word_number(words)


def word_number(words: list[str]) -> float | None:
    """A number written in words; text2num reads compounds ("one hundred and twenty")."""
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


AROUND = frozenset(["about", "around", "some", "roughly", "approximately", "nearly",
                     "almost", "an estimated"])
_ABOVE = frozenset(["over", "more than", "at least", "upward of", "upwards of"])
_BELOW = frozenset(["up to", "fewer than", "less than", "as much as", "as many as",
                    "as high as"])
# Said after the figure: "$4,000 and up", "six or more", "$20 or less".
AFTER = re.compile(r"^\s*(?:(?P<above>and\s+(?:up|upwards?|above|higher|more)|or\s+(?:more|higher|"
                   r"above|over))|(?P<below>or\s+(?:less|fewer|lower|under|below)))\b", re.I)


def widen_after(low: float, high: float, after: str) -> tuple[float, float]:
    """The span a figure allows given the words after it ("$4,000 and up")."""
    found = AFTER.match(after)
    if not found:
        return low, high
    return (low, float("inf")) if found.group("above") else (0.0, high)


def widen(low: float, high: float, qualifier: str) -> tuple[float, float]:
    """The span a qualified figure allows: "about 300" 270 to 330, "more than 200" 200 and
    up, "up to 11" 0 to 11; a bare figure is itself."""
    qualifier = " ".join(qualifier.lower().split())
    if qualifier in AROUND:
        return low * 0.9, high * 1.1
    if qualifier in _ABOVE:
        return low, float("inf")
    if qualifier in _BELOW:
        return 0.0, high
    return low, high

"""The figures and months a text states, as keys search can match: "19 million", "19M" and
"19,000,000" are one key; "March" is one.

Matching terms leave numbers and month names out (normalize.terms), which suits grouping,
where numbers are compared as values of a slot (quantities.py). A search query is
different: "Apple will sell 19 million Watches in 2015" and "... 50 million watches in
2015" share every word, and only the figure tells the claims apart. Unlike quantities.py,
every figure counts here, ages and sizes too ("16-year-old", "a 12-inch MacBook").
"""

from __future__ import annotations

import re

_FIGURE = re.compile(
    r"(?<![\w.,])[$£€]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(million|billion|thousand)\b|(m|bn|k)\b)?",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
# "May" is left out: as a modal verb it is far more common than the month.
_MONTH = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|"
    r"december)\b",
    re.IGNORECASE,
)


def figures(text: str) -> frozenset[str]:
    """Keys of the figures ("#19000000") and month names ("#march") the text states."""
    keys = set()
    for match in _FIGURE.finditer(text):
        scale = _SCALE.get((match[2] or match[3] or "").lower(), 1.0)
        keys.add(f"#{float(match[1].replace(',', '')) * scale:g}")
    keys.update("#" + match[1].lower() for match in _MONTH.finditer(text))
    return frozenset(keys)

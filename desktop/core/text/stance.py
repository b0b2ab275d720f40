"""Cues of how an article holds a statement: hedged, or denied."""

from __future__ import annotations

import re

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
"""Strong cues only: plain negation ("did not", "wasn't") is everywhere in news prose and
flagged two thirds of FNC-1's neutral reports as contradicting (benchmarks/search_quality.py)."""


_REPORTING = re.compile(
    r"\b(?:claims?|claimed|claiming|according to|reports?|reported|reportedly|rumou?rs?|"
    r"said to|appears? to|seems? to|purported|viral|circulat\w+)\b",
    re.IGNORECASE,
)


def is_reported(sentence: str) -> bool:
    """The sentence passes a statement on ("claims", "according to", "reports") rather
    than making it: the mark of a neutral article in claim search."""
    return bool(_REPORTING.search(sentence)) or is_hedged(sentence)


def is_hedged(sentence: str) -> bool:
    """The article reports the statement without vouching for it."""
    return bool(_HEDGE.search(sentence))


def is_denial(sentence: str) -> bool:
    """The sentence denies or negates what it talks about."""
    return bool(_DENIAL.search(sentence))

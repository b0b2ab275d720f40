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
    r"\b(?:denied|denies|deny|false|fake|hoax|debunked|untrue|not true|no evidence|"
    r"refuted|dismissed|rejected|baseless|fabricated|never happened|did not|didn't|"
    r"has not|hasn't|was not|wasn't|is not|isn't|no longer)\b",
    re.IGNORECASE,
)


def is_hedged(sentence: str) -> bool:
    """The article reports the statement without vouching for it."""
    return bool(_HEDGE.search(sentence))


def is_denial(sentence: str) -> bool:
    """The sentence denies or negates what it talks about."""
    return bool(_DENIAL.search(sentence))

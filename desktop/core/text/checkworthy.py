"""Which sentences are claim candidates: checkable statements, not questions or chrome."""

from __future__ import annotations

import re

from desktop.core.text.lexicon import STOP_WORDS

_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]+")
_REPORTED = re.compile(
    r"\b(?:said|says|told|reported|according to|announced|confirmed|stated|claimed|vowed|"
    r"pledged|denied|accused|estimated?|acknowledged|warned|agreed|signed|killed|sent)\b",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|June|July|August|September|October|November|December|yesterday|last year)\b"
)


def is_checkworthy(sentence: str, terms: list[str]) -> bool:
    """A statement of fact someone could check: long enough, and with a number, a date, a
    named actor or reported speech; questions and headings (no final stop, short) are not.
    """
    stripped = sentence.strip()
    words = stripped.split()
    if len(words) < 6 or len(terms) < 3 or stripped.endswith("?"):
        return False
    if not stripped.endswith((".", "!", '"', "”", "'", "’", ")")) and len(words) < 10:
        return False
    if any("_" in t for t in terms):
        return True
    return bool(_DIGIT.search(stripped) or _TIME_WORD.search(stripped)
                or _REPORTED.search(stripped) or _has_name(stripped))


def _has_name(sentence: str) -> bool:
    """A capitalised word that is not a function word ("The", "During") names someone."""
    return any(m.group().lower() not in STOP_WORDS for m in _CAPITALISED.finditer(sentence))

"""Which sentences are claim candidates: checkable statements, not questions or chrome.

A sentence with a number, a name or a reporting verb is not yet a claim. Articles carry
lines that look like statements but give a fact-checker nothing to check, and because
many outlets carry the same lines they rank among the most-sourced "claims": calls to
watch or share ("Watch the video below."), newsroom boilerplate ("This article originally
appeared in...", "CNN cannot independently verify...", "did not respond to a request for
comment"), holding statements ("will provide additional information as and when
appropriate"), appeals and reactions ("Please be patient", "we are appalled", "keep them
in your thoughts and prayers") and first-person opinion ("I think", "you know"). The
patterns were chosen on hand-labelled FNC-1 claims (tests/data/checkworthy_fnc1.json) and
are reported on a part they were not chosen on (benchmarks/checkworthy_quality.py).
"""

from __future__ import annotations

import re

from desktop.core.text.lexicon import STOP_WORDS

_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]+")
_REPORTED = re.compile(
    r"\b(?:said|says|told|reported|according to|announced|confirmed|stated|claimed|vowed|"
    r"pledged|denied|accused|estimated?|acknowledged|warned|agreed|signed|killed|sent)\b",
)
_TIME_WORD = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|June|July|August|September|October|November|December|yesterday|last year)\b"
)
_CALL_TO_ACTION = re.compile(
    r"^[\W_]*(?:watch|see|click|share|read|scroll|subscribe|sign up|like us|tap|check out|"
    r"take a look|listen|download|please|don't miss|find out|let us know|tell us|follow)\b"
    r"(?!:)",
)
_BOILERPLATE = re.compile(
    r"\b(?:originally (?:appeared|published)|"
    r"(?:can|could|cannot|can't|couldn't)(?: not)? (?:independently|immediately) "
    r"(?:verify|confirm)|"
    r"(?:did not|didn't|has not|hasn't|have not|haven't) (?:yet )?(?:immediately )?"
    r"(?:respond|replied|reply|returned?) (?:to )?(?:a |an |our |multiple )?"
    r"(?:requests?|calls?|e-?mails?|messages?)(?: from \w+)? (?:for|seeking) comment|"
    r"(?:not|no longer) (?:currently )?accepting comments|contributed to this report|"
    r"all rights reserved|this (?:story|article|post) (?:is developing|has been updated|"
    r"will be updated)|please be patient|thoughts and prayers|as and when appropriate|"
    r"will (?:provide|release|share) (?:additional|more|further) (?:information|details)|"
    r"story continues below|sign up for|follow us on)\b",
)
_CREDIT_OR_LINK = re.compile(
    r"^\s*(?:more:|read more\b|image:)|"
    r"^\s*\([^()]*(?:getty|ap photo|reuters|afp|images?)[^()]*\)\s*$",
)
_OPINION = re.compile(
    r"\b(?:i|we)(?: (?:really|certainly|just|do|don't|do not|strongly|all))? "
    r"(?:think|believe|feel|need|needed|know how|call on|urge|ask that|could only imagine|"
    r"would recognize|would expect|will never know)\b|\b(?:i|we) ?'ll never know\b|"
    r"\b(?:we are appalled|our deepest condolences|profoundly grateful|mourn in peace|"
    r"it makes sense|you know|gonna)\b",
)
_RELATED_LINKS = re.compile(r"^\s*Related(?=[A-Z :])")


def is_checkworthy(sentence: str, terms: list[str], *, whole_text: bool = False) -> bool:
    """A statement of fact someone could check: long enough, and with a number, a date, a
    named actor or reported speech; questions, headings, calls to action, boilerplate and
    first-person opinion are not.

    A short line without a final stop is a heading inside an article, and a question there
    asks rather than states; but when the line is the whole text (a headline or a post
    imported as one row), it is what the text says, named actor or not: "Was the Batmobile
    stolen in Detroit?" spreads the claim it asks about, and "Four masked men break into
    a migrant's home" is a claim without a name in it.
    """
    stripped = sentence.strip()
    words = stripped.split()
    if len(words) < (4 if whole_text else 6) or len(terms) < 3:
        return False
    if stripped.endswith("?") and not whole_text:
        return False
    if (not whole_text and len(words) < 10
            and not stripped.endswith((".", "!", '"', "”", "'", "’", ")"))):
        return False
    lowered = stripped.replace("’", "'").lower()
    if _is_filler(stripped, lowered):
        return False
    if whole_text or any("_" in t for t in terms):
        return True
    return bool(_DIGIT.search(stripped) or _TIME_WORD.search(stripped)
                or _REPORTED.search(lowered) or _has_name(stripped))


def is_filler(sentence: str) -> bool:
    """Page furniture, a call to action, boilerplate, an appeal or an opinion: a line that
    states nothing a fact-checker could check, however many outlets carry it.
    """
    return _is_filler(sentence, sentence.replace("’", "'").lower())


def _is_filler(sentence: str, lowered: str) -> bool:
    # Case-sensitive patterns over lower-cased text: several times faster than IGNORECASE.
    return bool(_RELATED_LINKS.search(sentence) or _CALL_TO_ACTION.search(lowered)
                or _BOILERPLATE.search(lowered) or _CREDIT_OR_LINK.search(lowered)
                or _OPINION.search(lowered))


def _has_name(sentence: str) -> bool:
    """A capitalised word that is not a function word ("The", "During") names someone."""
    return any(m.group().lower() not in STOP_WORDS for m in _CAPITALISED.finditer(sentence))

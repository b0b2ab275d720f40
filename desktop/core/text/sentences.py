"""Sentence splitting with character offsets into the stored body.

nupunkt splits, paragraph by paragraph (a line break always ends a sentence in cleaned
bodies). It was chosen by measurement (../shared/MEASURED.md): 3.4 MB/s and 21 of 23 hard
cases, against 0.1 MB/s for pysbd, the only one better.

Its default model was trained on legal text, and its 5,865 abbreviations are that text's:
law reports' short names ("Month.", "Story.", "Car.", "Black.") and words learned there
("cancer", "crazy", "magnetosphere"). After an abbreviation nupunkt ends a sentence only before one
of the 709 words its model starts sentences with, so "... within the last month. Back in
October, ..." was one sentence, and a claim's wording held two (124 such sentence ends in
the 1,683 FNC-1 bodies). News is split here with the abbreviations news writes
(NEWS_ABBREVIATIONS) and, of the model's own, only initials and dotted ones ("J.",
"U.S.", "p.m.", "Ph.D."); its sentence starters, collocations and break rates are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nupunkt

_PARAGRAPH = re.compile(r"[^\n]+")

_BEFORE_A_NAME_OR_DAY = frozenset({
    # Titles and ranks ("Sgt. Bowe Bergdahl", "met Lt. Col. Lee", "Rear Adm. John Kirby").
    "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "rev", "hon", "msgr", "st",
    "adm", "brig", "capt", "cmdr", "col", "cpl", "det", "gen", "gov", "insp", "lt", "maj",
    "ofc", "pfc", "pvt", "rep", "sen", "sgt", "spc", "supt", "atty", "no",
    # Months before a day ("Sept. 5").
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
"""Abbreviations a name, a day or a number follows: a sentence never ends after them, even
before a word nupunkt's model starts sentences with ("John", "The")."""

NEWS_ABBREVIATIONS = _BEFORE_A_NAME_OR_DAY | frozenset({
    # Weekdays; not "Wed", "Sat" or "Sun", words too.
    "mon", "tue", "tues", "thu", "thur", "thurs", "fri", "jr", "sr",
    # Places and companies ("Seaport Blvd.", "Warner Bros.", "Google Inc.").
    "ave", "blvd", "rd", "hwy", "pkwy", "mt", "ft", "apt", "ste", "bldg", "dept", "univ",
    "assn", "bros", "co", "corp", "inc", "ltd", "plc",
    # US states as news writes them ("Mountain View, Calif.").
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "penn", "tenn", "tex", "vt", "va", "wash", "wis", "wyo",
    # Before a number or a reference ("DIRECTV Ch. 349", "9th Cir. 1987", "roughly Rs.
    # 21,700" in rupees; rupiah, shillings, dirhams, taka), in a list ("etc.", "vs.",
    # "et al.") and other common short forms ("esp.", "govt.").
    "nos", "vol", "ch", "sec", "art", "pp", "fig", "cir", "ct", "approx", "ca", "est", "rs",
    "rp", "ksh", "dhs", "tk", "etc", "vs", "al", "cf", "viz", "esp", "govt", "intl", "natl",
    "misc",
    # Measures after a number, before the word they measure ("a 28 oz. bone-in rib eye").
    "oz", "lb", "lbs", "kg", "km", "mi", "yd", "yds", "hr", "hrs", "min", "mins", "sq",
    "gal", "qt", "tbsp", "tsp",
})
"""Words written with a period that does not end the sentence, in news prose."""

_ENDS_BEFORE_A_NAME_OR_DAY = re.compile(
    r"(?:^|\s)(?:" + "|".join(sorted(a.capitalize() for a in _BEFORE_A_NAME_OR_DAY)) + r")\.$")

_SHAPED = re.compile(r"[a-z]|[a-z]{1,3}(?:\.[a-z]{1,3})+|\.\.\.")
"""An abbreviation by its shape: an initial, letters between periods, the ellipsis."""


@lru_cache(maxsize=1)
def _tokenizer() -> nupunkt.PunktSentenceTokenizer:
    """nupunkt's default model with the abbreviations of news (see the module's docstring),
    built once; nupunkt.sent_spans's own shared model is left as it is."""
    tokenizer = nupunkt.load_default_model()
    for abbreviation in tokenizer.abbreviations:
        if not _SHAPED.fullmatch(abbreviation):
            tokenizer.remove_abbreviation(abbreviation)
    tokenizer.add_abbreviations(sorted(NEWS_ABBREVIATIONS))
    return tokenizer


def split(body: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, trimmed of surrounding white space."""
    tokenizer = _tokenizer()
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(body):
        offset, text = paragraph.start(), paragraph.group()
        pending: int | None = None
        for _, (start, end) in tokenizer.tokenize_with_spans(text):
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail <= lead:
                continue
            s, e = offset + start + lead, offset + start + trail
            if pending is not None:
                s, pending = pending, None
            if _ENDS_BEFORE_A_NAME_OR_DAY.search(body[s:e]):
                pending = s
                continue
            spans.append((s, e))
        if pending is not None:
            spans.append((pending, offset + len(text.rstrip())))
    return spans

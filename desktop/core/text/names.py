"""Which terms of a sentence are written as names: the actors a story keeps repeating.

Within one story most sentences name the same people, places and titles ("Batman v
Superman: Dawn of Justice", "Anna Wintour", "Kim ... Shoigu"), so two sentences that share
only names may state different things about the same actors. Grouping lets names weigh
less (matching.ClaimIndex's ``name_weight``); this module only says which terms they are.
"""

from __future__ import annotations

import re

from desktop.core.text.normalize import terms

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def written_terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The terms the sentence writes as names, and those it writes otherwise.

    A word is written as a name when capitalised inside the sentence or in capitals
    ("DPRK"). The first word's capital tells nothing, so it counts as written otherwise:
    ClaimIndex takes a term for a name only while no mention writes it otherwise, and a
    name is seldom only ever the first word. A Title Case headline marks all its words;
    a plain use elsewhere in the project undoes that.
    """
    named: set[str] = set()
    plain: set[str] = set()
    for i, word in enumerate(_WORD.findall(text)):
        if (len(word) > 1 and word.isupper()) or (i > 0 and word[0].isupper()):
            named.update(terms(word))
        else:
            plain.update(terms(word))
    return frozenset(named - plain), frozenset(plain)

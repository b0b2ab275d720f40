"""How rare a term is in news prose, from background counts shipped with FactDesk.

See scripts/build_term_frequencies.py for why a background is used and how it is built.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, int]]:
    packaged = resources.files("desktop.core.text").joinpath("term_frequencies.json.gz")
    data = json.loads(gzip.decompress(packaged.read_bytes()))
    return int(data["sentences"]), data["frequencies"]


@lru_cache(maxsize=200_000)
def weight(term: str, *forms: str) -> float:
    """Inverse document frequency of ``term`` over the background sentences, counting its
    other ``forms`` as the term ("steal" with "stolen": grouping compares them as one).

    Terms the background never saw (names, places) weigh the most.
    """
    total, frequencies = _table()
    count = frequencies.get(term, 0) + sum(frequencies.get(form, 0) for form in forms)
    return math.log(1.0 + total / (count + 1))

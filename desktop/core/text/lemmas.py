"""Inflected stems to their lemma's stem ("stolen" -> "steal", "sold" -> "sell").

The stemmer joins regular forms only; the table, built by scripts/build_lemma_stems.py from
a lemma dictionary, joins the irregular ones for grouping. It is applied where mentions
are compared (matching.ClaimIndex), not to the stored terms that search reads.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def lemma_stems() -> dict[str, str]:
    """The shipped table, read once."""
    packaged = resources.files("desktop.core.text").joinpath("lemma_stems.json.gz")
    stems: dict[str, str] = json.loads(gzip.decompress(packaged.read_bytes()))["stems"]
    return stems


@lru_cache(maxsize=1)
def inflected_stems() -> dict[str, tuple[str, ...]]:
    """Lemma stem -> the stems the table folds into it ("steal" -> ("stolen",)): their
    background counts are the lemma's too (matching weighs terms by rarity)."""
    forms: dict[str, list[str]] = defaultdict(list)
    for stem, lemma in sorted(lemma_stems().items()):
        forms[lemma].append(stem)
    return {lemma: tuple(stems) for lemma, stems in forms.items()}

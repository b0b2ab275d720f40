"""Build desktop/core/text/lemma_stems.json.gz: the stem of an inflected form -> the stem of
its lemma, for the forms the stemmer leaves apart from their lemma.

The Snowball stemmer already joins regular forms ("supported" / "support", "killing" /
"killed"), but not irregular ones: "stolen" is not "steal", "sold" is not "sell", "caught"
is not "catch". simplemma's English dictionary (form -> lemma) gives them. Each form and
its lemma go through the same terms() pipeline matching uses (stems, synonyms, name keys),
and a stem is kept when every form with that stem has one lemma stem, other than itself:
"stole" (also a garment) and "found" (also to found) are left as they are. Grouping reads
the table (matching.ClaimIndex); benchmarks/grouping_quality.py measures it out of fold.
Rerun after changing normalize.py, lexicon.py or aliases.py (simplemma is needed only here):

    pip install simplemma==2.0.0
    python scripts/build_lemma_stems.py
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from simplemma.strategies.dictionaries import DefaultDictionaryFactory

from desktop.core.text.normalize import terms

TARGET = Path(__file__).resolve().parents[1] / "desktop/core/text/lemma_stems.json.gz"


def _term(word: str) -> str:
    """The one term a single word becomes, or "" (a stop word, or more than one term)."""
    found = terms(word)
    return found[0] if len(found) == 1 else ""


def lemma_stems() -> dict[str, str]:
    """Stem -> lemma stem, where the dictionary's forms with that stem agree (docstring)."""
    targets: dict[str, set[str]] = defaultdict(set)
    for form, lemma in DefaultDictionaryFactory().get_dictionary("en").items():
        if form.isalpha() and form.islower() and lemma.isalpha():
            stem, root = _term(form), _term(lemma.lower())
            if stem and root:
                targets[stem].add(root)
    return {stem: next(iter(roots)) for stem, roots in sorted(targets.items())
            if len(roots) == 1 and stem not in roots}


def main() -> None:
    """Write the table, deterministically (sorted keys, no gzip timestamp)."""
    table = {"source": f"simplemma {version('simplemma')}, English dictionary",
             "stems": lemma_stems()}
    data = json.dumps(table, sort_keys=True, separators=(",", ":")).encode()
    TARGET.write_bytes(gzip.compress(data, mtime=0))
    print(f"{len(table['stems'])} stems -> {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

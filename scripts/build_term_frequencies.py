"""Build desktop/core/text/term_frequencies.json.gz: how common each term is in news prose.

Matching weighs shared terms by rarity. Within one small project (five articles) the
project's own counts are noise: "particularly" looks as rare as "unconditionally". So
rarity comes from a background of 1,683 real news bodies (FNC-1 train), counted per
sentence with the same terms() pipeline that matching uses. Only counts of stems are
kept, never text. Rerun after changing normalize.py, lexicon.py or aliases.py:

    python scripts/build_term_frequencies.py ../shared/data/fnc1/train_bodies.csv
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from desktop.core.text.normalize import learn_aliases, terms
from desktop.core.text.sentences import split

MIN_COUNT = 2


def main(source: Path) -> None:
    """Count sentence frequencies of terms over the bodies in ``source``."""
    csv.field_size_limit(sys.maxsize)
    frequencies: Counter[str] = Counter()
    sentences = 0
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            body = row["articleBody"]
            aliases = learn_aliases(body)
            for start, end in split(body):
                frequencies.update(set(terms(body[start:end], aliases)))
                sentences += 1
    kept = {t: n for t, n in sorted(frequencies.items()) if n >= MIN_COUNT}
    target = Path(__file__).resolve().parents[1] / "desktop/core/text/term_frequencies.json.gz"
    with gzip.open(target, "wt", encoding="utf-8") as out:
        json.dump({"sentences": sentences, "frequencies": kept}, out, separators=(",", ":"))
    print(f"{sentences} sentences, {len(kept)} terms -> {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""Claims contradicted by their own words: how often a claim's "contradicts" count comes
from sentences that say what the claim says.

    python benchmarks/self_contradiction.py [--fnc ../shared/data/fnc1] [--db fnc.sqlite]

Imports the FNC-1 bodies (or reads --db, a project of them) and counts, over the claims
with at least one independent origin:

- claims every one of whose origins contradicts them ("0 state it, N contradict it");
- of those, the ones held by a single origin, whose only mention is the sentence the
  claim's wording was taken from;
- mentions read "contradicts" whose sentence restates the claim: it states all of the
  claim's keys and adds no word of denial, negation or refutation to the claim's own
  (stance.restates): the reading the denial rule "stated denial only" forbids.

trial11 found 1,219 of 10,300 single-origin FNC-1 claims "contradicted" by their only
mention ("He said it is still not clear if the meteorite disintegrated", "The assertion
that ISIS-affiliated terrorists were arrested ... is 'categorically false'"). Run it on two
checkouts to compare the readings (the importer's stance is what changes).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from shared_data import FNC1

from desktop.core.service import Service
from desktop.core.text.stance import restates


def main() -> None:
    """Print the counts as a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fnc", type=Path, default=FNC1)
    parser.add_argument("--db", type=Path, help="a project of the FNC-1 bodies, imported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "fnc.sqlite"
        service = Service.open(path)
        if args.db is None:
            started = time.perf_counter()
            service.import_paths([args.fnc / "train_bodies.csv"], id_column="Body ID")
            print(f"FNC-1 bodies imported in {time.perf_counter() - started:.0f} s")
        claims = [c for c in service.claims() if c.n_origins]
        every = [c for c in claims if c.n_contradict == c.n_origins]
        single = [c for c in claims if c.n_origins == 1]
        single_every = [c for c in every if c.n_origins == 1]
        mentions = service.mentions([c.id for c in claims])
        text_of = {c.id: c.text for c in claims}
        contradicting = [m for m in mentions if m.stance == "contradicts"]
        restating = [m for m in contradicting if restates(text_of[m.claim_id], m.sentence)]
        service.close()
    print("| measure | count |\n|---|---:|")
    print(f"| claims with an origin | {len(claims):,} |")
    print(f"| claims every origin contradicts | {len(every):,} |")
    print(f"| single-origin claims contradicted by their only origin | {len(single_every):,} "
          f"of {len(single):,} |")
    print(f"| mentions read contradicts | {len(contradicting):,} of {len(mentions):,} |")
    print(f"| of those, restating the claim | {len(restating):,} |")


if __name__ == "__main__":
    main()

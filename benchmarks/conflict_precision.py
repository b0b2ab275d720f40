"""Conflicts that are real: every conflict FactDesk flags on the FNC-1 bodies, scored against
labels made by reading the mentions (tests/data/fnc1_conflict_labels.json).

    python benchmarks/conflict_precision.py [--fnc ../shared/data/fnc1] [--db fnc.sqlite]
                                            [--list] [--dev-list N]

A label says whether the flagged values are sources disagreeing on one quantity of one
event (true), or not (false: two quantities, two events, a figure misread). Labels are keyed
by the claim's text, the slot and the values, so they outlive claim ids; a flagged conflict
without a label is counted apart and shown by --list with its sentences, to be labelled by
reading them. Next to FactDesk, in the same run, the rule a spreadsheet user would apply:
a claim whose sentences carry different numbers (digits) is a conflict. Two samples of that
rule's claims are labelled: a development sample (--dev-list, the rules were written from
its errors) and a held-out one of 40, on which recall is reported.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from shared_data import FNC1

from desktop.core.dto import ClaimFilter, ClaimRow, MentionRow
from desktop.core.service import Service

LABELS = Path(__file__).resolve().parents[1] / "tests/data/fnc1_conflict_labels.json"
DIGITS = re.compile(r"\d[\d,.]*")


def conflict_key(claim: ClaimRow) -> list[str]:
    """What a label is attached to: the claim's words and each slot with its values."""
    parts = [claim.text]
    for conflict in claim.conflicts:
        parts.append(f"{conflict.slot}={'|'.join(conflict.values)}")
    return parts


def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion: how far a precision from few labels can be trusted."""
    if total == 0:
        return 0.0, 1.0
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return centre - half, centre + half


def naive_flags(service: Service) -> list[tuple[ClaimRow, list[MentionRow]]]:
    """Claims stated by two independent origins whose sentences hold different digits."""
    rows = {row.id: row for row in service.claims() if row.n_origins >= 2}
    ids = sorted(rows)
    by_claim: dict[int, list[MentionRow]] = {}
    for start in range(0, len(ids), 500):
        for mention in service.mentions(ids[start:start + 500]):
            by_claim.setdefault(mention.claim_id, []).append(mention)
    flagged = []
    for claim_id, mentions in sorted(by_claim.items()):
        numbers = {frozenset(DIGITS.findall(m.sentence)) for m in mentions}
        numbers.discard(frozenset())
        if len(numbers) > 1:
            flagged.append((rows[claim_id], mentions))
    return flagged


def recall(service: Service, sampled: list[dict[str, object]],
           flagged: list[ClaimRow]) -> tuple[int, int]:
    """Real disagreements of the held-out sample that FactDesk flags: a flagged claim holds
    a sentence of each side (the claims are found by their sentences, so regrouping does
    not lose them)."""
    real = [item for item in sampled if item["real"]]
    sentences = {claim.id: [m.sentence for m in service.mentions([claim.id])]
                 for claim in flagged}
    caught = 0
    for item in real:
        sides = item.get("sides") or []
        if any(all(any(part in sentence for part in side for sentence in held)
                   for side in sides) for held in sentences.values()):
            caught += 1
    return caught, len(real)


def main() -> None:
    """Print the table; with --list, the unlabelled conflicts for reading."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fnc", type=Path,
                        default=FNC1)
    parser.add_argument("--db", type=Path, help="reuse a database that already holds FNC-1")
    parser.add_argument("--list", action="store_true", help="print unlabelled conflicts")
    parser.add_argument("--dev-list", type=int, metavar="N",
                        help="print N claims of the digit rule drawn with the dev seed, to label")
    args = parser.parse_args()
    service = Service.open(args.db or Path(tempfile.mkdtemp()) / "fnc.sqlite")
    if service.stats().articles == 0:
        bodies = args.fnc / "train_bodies.csv"
        if not bodies.exists():
            sys.exit(f"{bodies} not found: give the FNC-1 folder with --fnc")
        started = time.perf_counter()
        service.import_paths([bodies], source="FNC-1", id_column="Body ID")
        print(f"imported FNC-1 bodies in {time.perf_counter() - started:.1f} s\n")
    stored = json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.exists() else {}
    labels: dict[str, bool] = {json.dumps(item["key"]): item["real"]
                               for item in stored.get("labels", [])}
    held_out = stored.get("digit_rule_sample", [])
    dev = {item["claim"]: item["real"] for item in stored.get("dev", [])}
    flagged = service.claims(ClaimFilter(conflicts_only=True))
    judged: list[tuple[ClaimRow, bool]] = []
    unlabelled: list[ClaimRow] = []
    for claim in flagged:
        label = labels.get(json.dumps(conflict_key(claim)))
        if label is None:
            unlabelled.append(claim)
        else:
            judged.append((claim, label))
    real = sum(label for _, label in judged)
    low, high = wilson(real, len(judged))
    apart = [(claim, label) for claim, label in judged if claim.text not in dev]
    apart_real = sum(label for _, label in apart)
    a_low, a_high = wilson(apart_real, len(apart))
    naive = naive_flags(service)
    naive_real = sum(bool(item["real"]) for item in held_out)
    n_low, n_high = wilson(naive_real, len(held_out))
    caught, in_sample = recall(service, held_out, flagged)
    print("| measure | FactDesk | different digits in the sentences |")
    print("|---|---:|---:|")
    print(f"| claims flagged as conflicts | {len(flagged)} | {len(naive)} |")
    print(f"| labelled by reading | {len(judged)} | {len(held_out)} (a random sample) |")
    print(f"| real conflicts among them | {real} | {naive_real} |")
    print(f"| precision (95% interval) | {real / len(judged) if judged else 0:.3f} "
          f"({low:.2f}-{high:.2f}) | {naive_real / len(held_out) if held_out else 0:.3f} "
          f"({n_low:.2f}-{n_high:.2f}) |")
    print(f"| same, claims outside the dev sample | {apart_real} of {len(apart)}: "
          f"{apart_real / len(apart) if apart else 0:.3f} ({a_low:.2f}-{a_high:.2f}) | — |")
    print(f"| real conflicts of the held-out sample that FactDesk flags | {caught} of "
          f"{in_sample} | — |")
    dev_rows = {row.text: row for row in service.claims() if row.text in dev}
    dev_caught = sum(row.has_conflict and dev[text] for text, row in dev_rows.items())
    dev_false = sum(row.has_conflict and not dev[text] for text, row in dev_rows.items())
    print(f"| dev sample ({len(dev)} claims, {sum(dev.values())} real): real flagged, "
          f"false flagged | {dev_caught}, {dev_false} | — |")
    print(f"| flagged, not yet labelled | {len(unlabelled)} | — |")
    if args.list:
        for claim in unlabelled:
            print("\n" + json.dumps(conflict_key(claim)))
            for mention in service.mentions([claim.id]):
                print(f"  [{mention.article_id}] {mention.sentence}")
    if args.dev_list:
        known = {item["claim"] for item in held_out}
        pool = [(row, mentions) for row, mentions in naive if row.text not in known]
        seed = int(stored.get("dev_seed", 1))
        for row, mentions in random.Random(seed).sample(pool, min(args.dev_list, len(pool))):
            print("\nDEV " + json.dumps(row.text))
            for mention in mentions:
                print(f"  [{mention.article_id}] {mention.sentence}")
    service.close()
    sys.exit(0)


if __name__ == "__main__":
    main()

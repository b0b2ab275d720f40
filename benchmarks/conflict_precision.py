"""Conflicts that are real: every conflict FactDesk flags on the FNC-1 bodies, scored against
labels made by reading the mentions (tests/data/fnc1_conflict_labels.json).

    python benchmarks/conflict_precision.py [--fnc ../shared/data/fnc1] [--db fnc.sqlite]
                                            [--list]

A label says whether the flagged values are sources disagreeing on one quantity of one
event (true), or not (false: two quantities, two events, a figure misread). Labels are keyed
by the claim's text, the slot and the values, so they outlive claim ids; a flagged conflict
without a label is counted apart and shown by --list with its sentences, to be labelled by
reading them. Next to FactDesk, in the same run, the rule a spreadsheet user would apply:
a claim whose sentences carry different numbers (digits) is a conflict.
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


def main() -> None:
    """Print the table; with --list, the unlabelled conflicts for reading."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fnc", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared/data/fnc1")
    parser.add_argument("--db", type=Path, help="reuse a database that already holds FNC-1")
    parser.add_argument("--list", action="store_true", help="print unlabelled conflicts")
    parser.add_argument("--sample", type=int, default=40,
                        help="how many of the digit rule's claims are labelled (recall)")
    args = parser.parse_args()
    service = Service.open(args.db or Path(tempfile.mkdtemp()) / "fnc.sqlite")
    if service.stats().articles == 0:
        started = time.perf_counter()
        service.import_paths([args.fnc / "train_bodies.csv"], source="FNC-1",
                             id_column="Body ID")
        print(f"imported FNC-1 bodies in {time.perf_counter() - started:.1f} s\n")
    stored = json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.exists() else {}
    labels: dict[str, bool] = {json.dumps(item["key"]): item["real"]
                               for item in stored.get("labels", [])}
    sampled: dict[str, bool] = {item["claim"]: item["real"]
                                for item in stored.get("digit_rule_sample", [])}
    flagged = service.claims(ClaimFilter(conflicts_only=True))
    real = false = 0
    unlabelled: list[ClaimRow] = []
    for claim in flagged:
        label = labels.get(json.dumps(conflict_key(claim)))
        if label is None:
            unlabelled.append(claim)
        elif label:
            real += 1
        else:
            false += 1
    labelled = real + false
    low, high = wilson(real, labelled)
    naive = naive_flags(service)
    sample = random.Random(0).sample(naive, min(args.sample, len(naive)))
    judged = [(row, sampled[row.text]) for row, _ in sample if row.text in sampled]
    naive_real = [row for row, is_real in judged if is_real]
    n_low, n_high = wilson(len(naive_real), len(judged))
    caught = sum(row.has_conflict for row in naive_real)
    print("| measure | FactDesk | different digits in the sentences |")
    print("|---|---:|---:|")
    print(f"| claims flagged as conflicts | {len(flagged)} | {len(naive)} |")
    print(f"| labelled by reading | {labelled} | {len(judged)} (a random sample) |")
    print(f"| real conflicts among them | {real} | {len(naive_real)} |")
    print(f"| precision (95% interval) | {real / labelled if labelled else 0:.3f} "
          f"({low:.2f}-{high:.2f}) | {len(naive_real) / len(judged) if judged else 0:.3f} "
          f"({n_low:.2f}-{n_high:.2f}) |")
    print(f"| real conflicts of the sample that FactDesk flags | {caught} of "
          f"{len(naive_real)} | — |")
    print(f"| flagged, not yet labelled | {len(unlabelled)} | "
          f"{len(sample) - len(judged)} of the sample |")
    if args.list:
        for claim in unlabelled:
            print("\n" + json.dumps(conflict_key(claim)))
            for mention in service.mentions([claim.id]):
                print(f"  [{mention.article_id}] {mention.sentence}")
        for row, mentions in sample:
            if row.text not in sampled:
                print("\nDIGITS " + json.dumps(row.text))
                for mention in mentions:
                    print(f"  [{mention.article_id}] {mention.sentence}")
    service.close()
    sys.exit(0)


if __name__ == "__main__":
    main()

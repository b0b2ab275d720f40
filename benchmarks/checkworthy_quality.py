"""Are FactDesk's most-sourced claims worth checking? Hand labels against the filler filter.

    python benchmarks/checkworthy_quality.py [--db fnc.sqlite] [--fnc ../shared/data/fnc1]

tests/data/checkworthy_fnc1.json holds 300 claims of FNC-1 train labelled by reading them
(150 with the most sources, 150 at random), made before the filter existed. The filter's
patterns were chosen on the random sample and the even ranks of the top sample ("chosen
on"); the odd ranks of the top sample are reported apart ("held out"). Then the FNC-1
bodies are imported with today's code (or --db names such a project, imported without
--source so every origin counts as a source) and the share of check-worthy claims among
the 100 with most sources is counted; claims whose text the labels do not hold are
printed for labelling and counted as unknown.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from desktop.core.service import Service
from desktop.core.text.checkworthy import is_filler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import SHARED  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "checkworthy_fnc1.json"


def part_of(item: dict[str, object]) -> str:
    """Where a label was used: to choose the patterns, or only to report them."""
    if item["sample"] == "top" and int(item["rank"]) % 2 == 1:  # type: ignore[call-overload]
        return "held out"
    return "chosen on"


def filter_rows(labels: list[dict[str, object]]) -> list[str]:
    """Table rows: per part, the share of real claims before and after the filter."""
    rows = []
    for part in ("chosen on", "held out"):
        items = [i for i in labels if part_of(i) == part]
        worthy = [bool(i["checkworthy"]) for i in items]
        dropped = [is_filler(str(i["text"])) for i in items]
        kept = [w for w, d in zip(worthy, dropped, strict=True) if not d]
        caught = sum(d and not w for w, d in zip(worthy, dropped, strict=True))
        wrong = sum(d and w for w, d in zip(worthy, dropped, strict=True))
        rows.append(f"| {part} | {len(items)} | {sum(worthy) / len(items):.1%} | "
                    f"{sum(kept) / max(len(kept), 1):.1%} | {caught}/{worthy.count(False)} | "
                    f"{wrong}/{sum(worthy)} |")
    return rows


def top_claims(db: Path | None, fnc: Path, limit: int) -> list[tuple[str, int]]:
    """The texts and source counts of the ``limit`` claims with most sources."""
    if db is None:
        db = Path(tempfile.mkdtemp()) / "fnc.sqlite"
        print(f"importing FNC-1 into {db}")
        service = Service.open(db)
        service.import_paths([fnc / "train_bodies.csv"], id_column="Body ID")
    else:
        service = Service.open(db)
    rows = service.claims(limit=limit, sort="sources")
    service.close()
    return [(row.text, row.n_sources) for row in rows]


def main() -> None:
    """Print both tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--fnc", type=Path,
                        default=SHARED / "fnc1")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["claims"]
    print("Hand-labelled claims: share that are check-worthy, without and with the filter\n")
    print("| part | claims | check-worthy, no filter | check-worthy among kept | "
          "non-claims dropped | real claims dropped |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(filter_rows(labels)))

    known = {str(i["text"]): bool(i["checkworthy"]) for i in labels}
    top = top_claims(args.db, args.fnc, 100)
    worthy = sum(known.get(text) is True for text, _ in top)
    not_worthy = [text for text, _ in top if known.get(text) is False]
    unknown = [(text, n) for text, n in top if text not in known]
    print(f"\nFNC-1 train imported now: of the {len(top)} claims with most sources, {worthy} "
          f"check-worthy, {len(not_worthy)} not, {len(unknown)} not labelled "
          f"(share check-worthy: {worthy / len(top):.0%} to "
          f"{(worthy + len(unknown)) / len(top):.0%})")
    for text in not_worthy:
        print(f"  not: {text[:110]}")
    for text, n in unknown:
        print(f"  unlabelled ({n} sources): {text[:110]}")


if __name__ == "__main__":
    main()

"""The stance of a claim's mentions in articles, scored against labels made by reading them.

    python benchmarks/mention_stance.py [--data ../shared/data] [--folds]

A claim's "N state it, M contradict it" is the sum of its mentions' stances: each a
sentence of an article read against the claim's wording by the sentence model, which is
trained on Emergent's headlines. Emergent scores it on headlines; this scores it on what
the app reads, sentences of article bodies. tests/data/fnc1_mention_stance.json holds 250
mentions of an import of the FNC-1 bodies (claims of two sources or more, a sentence other
than the one the claim's wording comes from, copies left out), labelled by a reader who saw
the claim and the sentence only, never FactDesk's reading: 150 drawn at random, and 100
drawn among the mentions then read "contradicts", to measure what a "contradicts" count is
worth. "unrelated" marks a sentence that is not about the claim (a grouping error); it is
left out of the stance scores and counted apart.

Each pair of a denial rule and a restated rule (stance.DENIAL_RULES, RESTATED_RULES) is
scored, and one is chosen out of fold: the gold's
mentions are dealt into folds by story (evaluation.story_groups), the rule is chosen on the
other folds by accuracy over all their labelled mentions, and scored on the fold. With
--folds the sentence model is also trained per fold without the fold's stories (the stories
of Emergent and FNC-1 share topics: a word such as "bale" carries its story's labels), as
benchmarks/claim_quality.py trains it; without, the shipped model reads every mention.
Baseline in the same run: the majority class of the random sample.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from shared_data import SHARED

from desktop.core.evaluation import folds, load_emergent, load_fnc, story_groups
from desktop.core.text.stance import (
    BODY_DENIAL_RULE,
    DENIAL_RULES,
    LABELS,
    RESTATED_RULE,
    RESTATED_RULES,
    StanceModel,
    shipped_model,
)

GOLD = Path(__file__).resolve().parents[1] / "tests/data/fnc1_mention_stance.json"
RANDOM, PREDICTED = "random", "predicted contradicts"


def load_gold(path: Path = GOLD) -> list[dict[str, object]]:
    """The labelled mentions."""
    return list(json.loads(path.read_text(encoding="utf-8"))["items"])


def body_stories(data: Path) -> dict[int, str]:
    """Each FNC-1 body -> the story of a headline it is related to (a body related to none
    is a story of its own)."""
    emergent = load_emergent(data / "emergent/emergent_dev.csv")
    _, pairs = load_fnc(data / "fnc1")
    story = story_groups(emergent, pairs)
    return {int(p.body_id): story["h:" + p.headline] for p in pairs if p.stance != "unrelated"}


def macro_f1(truth: list[str], guesses: list[str]) -> float:
    """Mean F1 over the three labels."""
    scores = []
    for label in LABELS:
        hit = sum(t == g == label for t, g in zip(truth, guesses, strict=True))
        guessed, true = guesses.count(label), truth.count(label)
        scores.append(2 * hit / (guessed + true) if guessed + true else 0.0)
    return sum(scores) / len(scores)


def scores(items: list[dict[str, object]], guesses: list[str]) -> dict[str, str]:
    """Accuracy, macro-F1, and precision / recall of "contradicts", over stance labels."""
    kept = [(str(i["label"]), g) for i, g in zip(items, guesses, strict=True)
            if i["label"] != "unrelated"]
    truth, guessed = [t for t, _ in kept], [g for _, g in kept]
    if not kept:
        return {"accuracy": "-", "macro-F1": "-", "contradicts P": "-", "contradicts R": "-"}
    hits = sum(t == g == "contradicts" for t, g in kept)
    said, true = guessed.count("contradicts"), truth.count("contradicts")
    return {"accuracy": f"{sum(t == g for t, g in kept) / len(kept):.3f}",
            "macro-F1": f"{macro_f1(truth, guessed):.3f}",
            "contradicts P": f"{hits / said:.2f} ({hits}/{said})" if said else "- (0/0)",
            "contradicts R": f"{hits / true:.2f} ({hits}/{true})" if true else "-"}


def fold_readers(data: Path, parts: list[frozenset[str]]) -> dict[frozenset[str], StanceModel]:
    """The stance model trained without each fold's stories, as claim_quality.py does."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_stance

    examples = train_stance.examples(data / "emergent/emergent_dev.csv", data / "fnc1")
    readers = {}
    for part in parts:
        train = [e for e in examples if e.group not in part]
        readers[part] = train_stance.fit(train, train_stance.choose(train))
    return readers


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--folds", action="store_true",
                        help="train the model per fold without the fold's stories")
    args = parser.parse_args()
    started = time.perf_counter()
    items = load_gold(args.gold)
    stories = body_stories(args.data)
    groups = [stories.get(int(str(i["body_id"])), f"b:{i['body_id']}") for i in items]
    parts = folds(groups, args.k)
    part_of = {g: part for part in parts for g in part}
    readers = fold_readers(args.data, parts) if args.folds else {}
    model = shipped_model()
    rules = [(denial, restated) for restated in RESTATED_RULES for denial in DENIAL_RULES]
    read = {rule: [(readers.get(part_of[g]) or model).predict(
        str(i["claim"]), str(i["sentence"]), denial=rule[0], restated=rule[1])
        for i, g in zip(items, groups, strict=True)] for rule in rules}
    labelled = [n for n, i in enumerate(items) if i["label"] != "unrelated"]
    chosen, picked = [""] * len(items), []
    for part in parts:
        others = [n for n in labelled if groups[n] not in part]
        pick = max(rules, key=lambda rule: sum(read[rule][n] == items[n]["label"]
                                                     for n in others))
        picked.append(pick)
        for n, g in enumerate(groups):
            if g in part:
                chosen[n] = read[pick][n]
    samples = {name: [n for n, i in enumerate(items) if i["sample"] == name]
               for name in (RANDOM, PREDICTED)}
    labels = Counter(str(items[n]["label"]) for n in samples[RANDOM])
    majority = max(LABELS, key=lambda label: labels[label])
    shipped = (BODY_DENIAL_RULE, RESTATED_RULE)
    rows: list[tuple[str, list[str]]] = [
        (" / ".join(rule) + (" (shipped)" if rule == shipped else ""), guesses)
        for rule, guesses in read.items()]
    rows.append((f"chosen out of fold ({'; '.join(' / '.join(p) for p in picked)})", chosen))
    rows.append((f"baseline: majority class ({majority})", [majority] * len(items)))
    drawn = ", ".join(f"{name} {len(chosen_items)}" for name, chosen_items in samples.items())
    print(f"{len(items)} labelled mentions ({drawn}); {len(set(groups))} stories in {args.k} "
          "folds; model: "
          + ("trained per fold" if args.folds else "shipped"))
    print("labels, random sample: " + ", ".join(f"{k} {v}" for k, v in labels.most_common())
          + f"; unrelated to their claim: {labels['unrelated']} of {len(samples[RANDOM])}")
    print("labels, predicted-contradicts sample: " + ", ".join(
        f"{k} {v}" for k, v in Counter(str(items[n]["label"])
                                       for n in samples[PREDICTED]).most_common()))
    unread = {name: [n for n in chosen_items if not items[n]["read_while_writing_rules"]]
              for name, chosen_items in samples.items()}
    for name in samples:
        print(f"\n{name} sample: all {len(samples[name])} | never read while writing the rules,"
              f" {len(unread[name])}")
        print("| denial / restated rule | accuracy | macro-F1 | contradicts P | contradicts R "
              "| accuracy | macro-F1 | contradicts P | contradicts R |")
        print("|---|" + "---:|" * 8)
        for title, guesses in rows:
            got = [value for part in (samples[name], unread[name]) for value in scores(
                [items[n] for n in part], [guesses[n] for n in part]).values()]
            print(f"| {title} | {' | '.join(got)} |")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

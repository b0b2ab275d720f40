"""Claim grouping at scale, on data it was not tuned on: FNC-1 articles of one story should
share claims, articles of different stories should not.

    python benchmarks/story_coherence.py [--fnc ../shared/data/fnc1] [--db fnc.sqlite]

FNC-1 pairs each headline with bodies of its own story (agree, disagree, discuss) and with
bodies of other stories (unrelated). Two bodies that both agree with a headline state its
claim, so FactDesk should put a sentence of each into one claim; a body of the headline's
story and an unrelated body belong to different stories, and a claim holding both is a
wrong link (or a claim generic enough to be true of both). Near-copies are left out of
the pairs: they share claims trivially. Next to FactDesk, the same two rates for grouping
only sentences that are identical after folding case and spaces (what "find duplicates"
in a spreadsheet does).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from desktop.core.models import Article, Claim, Mention, Sentence
from desktop.core.service import Service

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import RELATED, fnc_arguments, fnc_project, load_labels  # noqa: E402

SPACE = re.compile(r"\W+")


def groups_per_body(service: Service) -> tuple[dict[str, set[int]], dict[str, set[str]],
                                               dict[str, int], dict[int, str]]:
    """Per body: FactDesk's claims, its folded sentences; its copy set; claim texts."""
    claims: dict[str, set[int]] = defaultdict(set)
    sentences: dict[str, set[str]] = defaultdict(set)
    origin: dict[str, int] = {}
    with service.db.read() as session:
        for external_id, origin_id, article_id in session.execute(
                select(Article.external_id, Article.origin_id, Article.id)):
            origin[external_id] = origin_id or article_id
        for external_id, claim_id in session.execute(
                select(Article.external_id, Mention.claim_id)
                .join(Mention, Mention.article_id == Article.id)):
            claims[external_id].add(claim_id)
        for external_id, text in session.execute(
                select(Article.external_id, Sentence.text)
                .join(Sentence, Sentence.article_id == Article.id)
                .where(Sentence.checkworthy.is_(True))):
            sentences[external_id].add(SPACE.sub(" ", text.lower()).strip())
        texts = {claim_id: text for claim_id, text in session.execute(
            select(Claim.id, Claim.text))}
    return claims, sentences, origin, texts


def main() -> None:
    """Print the table."""
    args = fnc_arguments()
    stances = load_labels(args.fnc)
    service = fnc_project(args.fnc, args.db)
    claims, sentences, origin, texts = groups_per_body(service)

    same: set[tuple[str, str]] = set()
    cross: set[tuple[str, str]] = set()
    for pairs in stances.values():
        agree = sorted(b for b, s in pairs.items() if s == "agree" and b in origin)
        story = [b for b, s in pairs.items() if s in RELATED and b in origin]
        other = [b for b, s in pairs.items() if s == "unrelated" and b in origin]
        same.update((a, b) for a, b in combinations(agree, 2) if origin[a] != origin[b])
        cross.update(tuple(sorted((a, b))) for a in story for b in other)  # type: ignore[misc]

    def rate(pairs: set[tuple[str, str]], groups: dict[str, set]) -> float:  # type: ignore[type-arg]
        return sum(1 for a, b in pairs if groups[a] & groups[b]) / max(len(pairs), 1)

    print(f"{len(same):,} pairs of bodies agreeing with one headline (not copies); "
          f"{len(cross):,} pairs of bodies of different stories\n")
    print("| grouping | same story: share a claim | different stories: share a claim |")
    print("|---|---:|---:|")
    print(f"| FactDesk claims | {rate(same, claims):.1%} | {rate(cross, claims):.2%} |")
    print(f"| identical sentences | {rate(same, sentences):.1%} | "
          f"{rate(cross, sentences):.2%} |")

    linking: Counter[int] = Counter()
    for a, b in cross:
        linking.update(claims[a] & claims[b])
    print("\nClaims that most often link different stories:")
    for claim_id, n in linking.most_common(5):
        print(f"  {n:>5} pairs  #{claim_id}: {texts[claim_id][:110]}")


if __name__ == "__main__":
    main()

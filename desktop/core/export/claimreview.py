"""Reviewed claims as schema.org ClaimReview JSON-LD, the markup fact-checking sites
publish (and search engines read).

Only claims with a verdict are reviews; unreviewed claims are left out. The rating uses a
1-5 scale where the verdict is ordinal (false 1, disputed 3, confirmed 5); "unverifiable"
is not a point on that scale, so it carries its name (alternateName) without a value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.dto import MentionRow
from desktop.core.export.records import ClaimMentions, ExportSource
from desktop.core.progress import NULL_PROGRESS, Progress

RATINGS: dict[str, tuple[str, int | None]] = {
    "false": ("False", 1),
    "disputed": ("Disputed", 3),
    "confirmed": ("True", 5),
    "unverifiable": ("Unverifiable", None),
}


def _appearance(mention: MentionRow) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": mention.title,
                            "publisher": {"@type": "Organization", "name": mention.source}}
    if mention.url:
        work["url"] = mention.url
    if mention.published:
        work["datePublished"] = mention.published.isoformat()
    return work


def claim_review(item: ClaimMentions, organisation: str) -> dict[str, Any] | None:
    """One ClaimReview, or None for an unreviewed claim."""
    claim, note = item.claim.row, item.claim.latest_note
    if claim.verdict not in RATINGS:
        return None
    name, value = RATINGS[claim.verdict]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": name}
    if value is not None:
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    seen: dict[int, MentionRow] = {}
    for mention in sorted(item.mentions, key=lambda m: (m.published is None, m.published,
                                                         m.article_id)):
        seen.setdefault(mention.article_id, mention)
    appearances = [_appearance(m) for m in seen.values()]
    reviewed: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    if appearances:
        reviewed["firstAppearance"] = appearances[0]
    if claim.attribution:
        reviewed["author"] = {"@type": "Organization", "name": claim.attribution}
    if claim.first_seen:
        reviewed["datePublished"] = claim.first_seen.isoformat()
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": rating,
        "itemReviewed": reviewed,
        "author": {"@type": "Organization", "name": organisation},
    }
    if claim.verdict_as_of:
        review["datePublished"] = claim.verdict_as_of.isoformat()
    if note:
        review["reviewBody"] = note
    return review


def write_claimreview(source: ExportSource, path: Path, progress: Progress = NULL_PROGRESS,
                      organisation: str = "FactDesk team") -> None:
    """A JSON array of ClaimReview objects (one per reviewed claim)."""
    reviews = []
    done = 0
    for page in source.claims_with_mentions():
        progress.check()
        reviews += [r for item in page if (r := claim_review(item, organisation)) is not None]
        done += len(page)
        progress.report(done, max(done, 1), "Writing reviews")
    path.write_text(json.dumps(reviews, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

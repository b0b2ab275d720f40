"""Reviewed claims as schema.org ClaimReview JSON-LD, the markup fact-checking sites
publish (Google's Fact Check Explorer reads it).

Only what a site can publish as it is: claims whose review is done and whose verdict is
on the scale, each with the URL of its review page (Google requires it), the team as
author, and the public explanation as reviewBody. Internal notes never leave FactDesk.
A review that would be half-formed (no URL) is skipped and reported, never written.

The rating uses a 1-5 scale where the verdict is ordinal (false 1, disputed 3, confirmed
5); "unverifiable" is not a point on that scale, so it carries its name (alternateName,
the field Google shows) without a value.

The schema.org context is given inline (``@vocab``) rather than as the URL
"https://schema.org", which a JSON-LD processor must download before it can expand it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from desktop.core.dto import MentionRow
from desktop.core.errors import FactDeskError
from desktop.core.export.cells import web_url
from desktop.core.export.records import (
    UNKNOWN_SOURCE,
    ClaimMentions,
    ExportOptions,
    ExportSource,
    WriteReport,
)
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.vocabulary import ReviewState

CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "url": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
}
"""schema.org's vocabulary, inline: every term is a schema.org IRI, URLs are IRIs."""

RATINGS: dict[str, tuple[str, int | None]] = {
    "false": ("False", 1),
    "disputed": ("Disputed", 3),
    "confirmed": ("True", 5),
    "unverifiable": ("Unverifiable", None),
}

_ORGANISATION = re.compile(
    r"\b(?:agency|ministry|media|news|intelligence|government|office|embassy|service|"
    r"council|army|military|police|committee|party|press|times|post|daily|tass|yonhap|"
    r"reuters|associated|department|command|forces|institute|university|bank|"
    r"court|parliament|assembly|kremlin|pentagon|white house)\b", re.IGNORECASE)
_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you", "one", "group",
                       "officials", "sources"])


def review_url(base: str, claim_id: int) -> str | None:
    """The published review's URL: "{id}" in the base replaced, else an anchor on it."""
    url = base.replace("{id}", str(claim_id)) if "{id}" in base else f"{base}#claim-{claim_id}"
    return web_url(url)


def check_options(options: ExportOptions) -> None:
    """Refuse URLs that could never be published, naming the setting."""
    if options.review_url and review_url(options.review_url, 1) is None:
        raise FactDeskError(f"review URL {options.review_url!r}: not an http(s) address")
    if options.author_url and web_url(options.author_url) is None:
        raise FactDeskError(f"author URL {options.author_url!r}: not an http(s) address")


def claim_author(attribution: str | None) -> dict[str, Any] | None:
    """Who made the claim, when the attribution names someone: an outlet or body is an
    Organization (so is a name with an acronym: KCNA, UN), a name of two to four
    capitalised words a Person; "She", "officials"
    or a phrase FactDesk cannot type is left out rather than published wrongly."""
    if not attribution:
        return None
    name = attribution.strip()
    words = name.split()
    if not words or name.lower() in _PRONOUNS or not name[0].isupper():
        return None
    if _ORGANISATION.search(name) or any(w.isalpha() and w.isupper() and len(w) > 1 for w in words):
        return {"@type": "Organization", "name": name}
    if 2 <= len(words) <= 4 and all(w[0].isupper() and w.isalpha() for w in words):
        return {"@type": "Person", "name": name}
    return None


def _appearance(mention: MentionRow) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if mention.title:
        work["headline"] = mention.title
    if url := web_url(mention.url):
        work["url"] = url
    if mention.source and mention.source != UNKNOWN_SOURCE:
        work["publisher"] = {"@type": "Organization", "name": mention.source}
    if mention.published:
        work["datePublished"] = mention.published.isoformat()
    return work


def publishable(item: ClaimMentions) -> bool:
    """Whether the team finished this review with a verdict on the scale."""
    row = item.claim.row
    return row.review_state == ReviewState.DONE.value and row.verdict in RATINGS


def claim_review(item: ClaimMentions, options: ExportOptions) -> dict[str, Any] | None:
    """One ClaimReview, or None when the claim's review has no URL to be published at."""
    record = item.claim
    claim = record.row
    url = review_url(options.review_url, claim.id) if options.review_url else None
    if url is None:
        return None
    name, value = RATINGS[claim.verdict]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": name, "name": name}
    if value is not None:
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    first: dict[int, MentionRow] = {}
    # The claim appears where it is stated or reported; an article that contradicts it
    # (another figure, a denial) is where it is disputed, not where it appeared.
    stating = (m for m in item.mentions if m.stance != "contradicts")
    for mention in sorted(stating, key=lambda m: (m.published is None, m.published,
                                                  m.article_id)):
        first.setdefault(mention.article_id, mention)
    appearances = [_appearance(m) for m in first.values()]
    reviewed: dict[str, Any] = {"@type": "Claim"}
    if appearances:
        reviewed["appearance"] = appearances
        reviewed["firstAppearance"] = appearances[0]
    if made_by := claim_author(claim.attribution):
        reviewed["author"] = made_by
    if claim.first_seen:
        reviewed["datePublished"] = claim.first_seen.isoformat()
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "reviewRating": rating,
        "itemReviewed": reviewed,
    }
    if options.author:
        author: dict[str, Any] = {"@type": "Organization", "name": options.author}
        if options.author_url:
            author["url"] = options.author_url
        review["author"] = author
    if claim.verdict_as_of:
        review["datePublished"] = claim.verdict_as_of.isoformat()
    if record.explanation:
        review["reviewBody"] = record.explanation
    return review


def write_claimreview(source: ExportSource, path: Path, progress: Progress = NULL_PROGRESS,
                      options: ExportOptions = ExportOptions()) -> WriteReport:
    """A JSON array of ClaimReview objects, one per finished review with a URL."""
    check_options(options)
    reviews: list[dict[str, Any]] = []
    without_url: list[int] = []
    unfinished = 0
    done = 0
    for page in source.claims_with_mentions():
        progress.check()
        for item in page:
            if not publishable(item):
                unfinished += item.claim.row.verdict in RATINGS
                continue
            review = claim_review(item, options)
            if review is None:
                without_url.append(item.claim.row.id)
            else:
                reviews.append(review)
        done += len(page)
        progress.report(done, max(done, 1), "Writing reviews")
    path.write_text(json.dumps(reviews, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return WriteReport(len(reviews), tuple(without_url), unfinished,
                       bool(reviews) and not options.author)

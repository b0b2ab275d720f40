"""ClaimReview JSON-LD a fact-checking site can publish: checked against the fields
Google's Fact Check documentation requires, and expanded offline with a JSON-LD
processor that is refused any download."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from desktop.cli import main
from desktop.core.errors import FactDeskError
from desktop.core.export.claimreview import claim_author
from desktop.core.export.records import ExportOptions
from desktop.core.service import Service
from desktop.core.wording import CLI, WINDOW, export_notes, export_summary

SCHEMA = "https://schema.org/"
SITE = ExportOptions(review_url="https://checks.example/claims/{id}", author="Desk Checks",
                     author_url="https://checks.example")


def _offline(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the JSON-LD needed a download: {url}")


def google_problems(review: dict[str, Any]) -> list[str]:
    """What Google's ClaimReview documentation requires (claimReviewed, reviewRating
    with alternateName, url) and how it shapes the recommended fields we write."""
    problems = []
    if review.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    if not isinstance(review.get("claimReviewed"), str) or not review["claimReviewed"]:
        problems.append("claimReviewed missing")
    url = review.get("url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        problems.append("url missing")
    rating = review.get("reviewRating") or {}
    if rating.get("@type") != "Rating" or not rating.get("alternateName"):
        problems.append("reviewRating.alternateName missing")
    if "ratingValue" in rating and not (
            rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]):
        problems.append("ratingValue outside worstRating..bestRating")
    author = review.get("author")
    if author is not None and (author.get("@type") not in ("Organization", "Person")
                               or not author.get("name")):
        problems.append("author without a type or name")
    item = review.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    for work in item.get("appearance", []):
        if work.get("@type") != "CreativeWork":
            problems.append("appearance is not a CreativeWork")
    return problems


@pytest.fixture
def published(seeded: Service) -> Service:
    """Three finished reviews, one unfinished verdict, notes and explanations."""
    conflict = seeded.claims()[0].id
    for claim in seeded.claims():
        if claim.has_conflict:
            conflict = claim.id
    seeded.set_verdict(conflict, "disputed", note="-- no second source; @desk please check",
                       by="ana")
    seeded.add_evidence(conflict, text="Two outlets give 300, one gives 600.", by="ana",
                        public=True)
    seeded.add_evidence(conflict, text="internal: call the ministry", by="ana")
    seeded.set_verdict(1, "confirmed", by="ben")
    seeded.set_verdict(2, "unverifiable", by="ben")
    seeded.set_verdict(3, "false", by="ben")
    for claim_id in (conflict, 1, 2):
        seeded.set_review_state(claim_id, "done", by="ben")
    return seeded


def _reviews(service: Service, path: Path, options: ExportOptions = SITE) -> list[Any]:
    result = service.export(path, options=options)
    return list(json.loads(result.path.read_text("utf-8")))


def test_reviews_meet_googles_required_fields(published: Service, tmp_path: Path) -> None:
    reviews = _reviews(published, tmp_path / "reviews.json")
    assert len(reviews) == 3
    for review in reviews:
        assert google_problems(review) == []
    by_rating = {r["reviewRating"]["alternateName"]: r for r in reviews}
    assert set(by_rating) == {"True", "Disputed", "Unverifiable"}  # "false" is not done
    assert "ratingValue" not in by_rating["Unverifiable"]["reviewRating"]
    assert by_rating["True"]["reviewRating"]["ratingValue"] == 5
    assert by_rating["True"]["url"] == "https://checks.example/claims/1"
    assert by_rating["True"]["author"] == {"@type": "Organization", "name": "Desk Checks",
                                           "url": "https://checks.example"}
    disputed = by_rating["Disputed"]
    assert disputed["reviewBody"] == "Two outlets give 300, one gives 600."
    text = json.dumps(reviews)
    assert "@desk" not in text and "call the ministry" not in text
    appearance = disputed["itemReviewed"]["appearance"]
    # The two articles giving 300 (the claim), not the one giving 600 against it.
    assert len(appearance) == 2 and disputed["itemReviewed"]["firstAppearance"] == appearance[0]
    conflict = next(c for c in published.claims() if c.has_conflict)
    against = {m.title for m in published.claim(conflict.id).mentions
               if m.stance == "contradicts"}
    assert against and not against & {work["headline"] for work in appearance}
    assert all("publisher" not in work for work in appearance)  # the outlet is "unknown"
    assert "reviewBody" not in by_rating["True"]


def test_context_is_inline_and_expands_offline(published: Service, tmp_path: Path) -> None:
    reviews = _reviews(published, tmp_path / "reviews.json")
    expanded = jsonld.expand(reviews, {"documentLoader": _offline})
    assert len(expanded) == 3
    for node, review in zip(expanded, reviews, strict=True):
        assert node["@type"] == [SCHEMA + "ClaimReview"]
        assert node[SCHEMA + "url"] == [{"@id": review["url"]}]
        kept = {key.removeprefix(SCHEMA) for key in node if not key.startswith("@")}
        assert kept == {key for key in review if not key.startswith("@")}
        rating = node[SCHEMA + "reviewRating"][0]
        assert rating[SCHEMA + "alternateName"][0]["@value"]


def test_reviews_without_a_url_are_reported_not_published(published: Service,
                                                         tmp_path: Path) -> None:
    result = published.export(tmp_path / "reviews.json")
    assert json.loads(result.path.read_text("utf-8")) == []
    assert len(result.report.skipped_without_url) == 3 and result.report.unfinished == 1
    said = export_summary(result, "claims", CLI)
    assert said.startswith(f"{result.path}: no review published, 3 done reviews skipped "
                           "because they have no review URL (pass --review-url)")
    notes = export_notes(result, WINDOW)
    assert "1 claim with a verdict left out: its review is not marked done (press R on the "\
        "claim)" in notes
    page = ExportOptions(review_url="https://checks.example/june-2025")
    reviews = _reviews(published, tmp_path / "page.json", page)
    assert {r["url"] for r in reviews} >= {"https://checks.example/june-2025#claim-1"}
    with pytest.raises(FactDeskError, match="review URL 'javascript:x'"):
        published.export(tmp_path / "bad.json", options=ExportOptions(review_url="javascript:x"))


@pytest.mark.parametrize(("attribution", "author"), [
    ("She", None), ("It", None), ("Group", None), ("officials said", None),
    ("KCNA", {"@type": "Organization", "name": "KCNA"}),
    ("North Korean state media", {"@type": "Organization", "name": "North Korean state media"}),
    ("Kim Jong Un", {"@type": "Person", "name": "Kim Jong Un"}),
    ("Estimates from South Korean and U.S. officials", None),
])
def test_the_claims_author_is_typed_only_when_known(attribution: str,
                                                     author: dict[str, str] | None) -> None:
    assert claim_author(attribution) == author


def test_command_line_publishes_a_finished_review(seeded_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(seeded_path)]
    assert main(["tag", "1", "false", "--note", "internal: ask Seoul", "--explanation",
                 "The ministry's own figures say otherwise.", "--done", *db]) == 0
    assert main(["tag", "2", "confirmed", *db]) == 0
    target = tmp_path / "reviews.jsonld"
    assert main(["export", str(target), "--review-url", "https://checks.example/c/{id}",
                 "--author", "Desk Checks", "--author-url", "https://checks.example",
                 *db]) == 0
    [review] = json.loads(target.read_text("utf-8"))
    assert google_problems(review) == []
    assert (review["url"], review["reviewBody"], review["author"]["name"]) == (
        "https://checks.example/c/1", "The ministry's own figures say otherwise.",
        "Desk Checks")
    assert "1 claim with a verdict left out" in capsys.readouterr().err

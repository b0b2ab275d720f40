"""Verdicts, notes, evidence, merges, moves, spans and article edits, with their history."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.dto import ClaimFilter
from desktop.core.errors import InvalidValue, NotFound, StaleVersion
from desktop.core.service import Service


def _conflict_claim(service: Service) -> int:
    return service.claims(ClaimFilter(conflicts_only=True))[0].id


def test_verdict_is_recorded_with_who_when_old_and_new(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    version = seeded.claim(claim_id).claim.version
    changes = seeded.set_verdict(claim_id, "disputed", note="300 vs 600", by="ana",
                                 as_of=date(2025, 6, 7))
    assert (changes.changed, changes.added, changes.removed) == (
        frozenset([claim_id]), frozenset(), frozenset())
    assert changes.description == f"Mark claim {claim_id} as disputed"
    assert changes.step_id is not None and not changes.structure_changed
    assert changes.version == version + 1, "one edit moves the version on once"
    detail = seeded.claim(claim_id)
    assert detail.claim.verdict == "disputed"
    assert detail.claim.version == version + 1
    assert detail.claim.verdict_as_of == date(2025, 6, 7)
    assert detail.claim.review_state == "in progress"
    assert detail.verdict_note == "300 vs 600"
    assert [(h.author, h.action, h.old, h.new) for h in detail.history] == [
        ("ana", "verdict", "unreviewed", "disputed"), ("ana", "verdict", None, "2025-06-07"),
        ("ana", "note", None, "300 vs 600"), ("ana", "review", "new", "in progress")]
    assert seeded.stats().by_verdict["disputed"] == 1


def test_a_new_verdict_does_not_inherit_the_old_verdicts_note(seeded: Service) -> None:
    seeded.set_verdict(11, "disputed", note="600 per NIS", by="ana")
    seeded.set_verdict(11, "disputed", by="ana", as_of=date(2025, 6, 8))
    assert seeded.claim(11).verdict_note == "600 per NIS", "same verdict: its note stays"
    changed = seeded.set_verdict(11, "false", by="ben")
    assert seeded.claim(11).verdict_note is None
    assert ("ben", "note", "600 per NIS", None) in [
        (h.author, h.action, h.old, h.new) for h in seeded.claim(11).history]
    assert changed.step_id is not None
    seeded.undo(changed.step_id, by="ben")
    assert (seeded.claim(11).claim.verdict, seeded.claim(11).verdict_note) == (
        "disputed", "600 per NIS")


def test_stale_version_fails_cleanly_and_changes_nothing(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    version = seeded.claim(claim_id).claim.version
    seeded.set_verdict(claim_id, "confirmed", by="ana", expected_version=version)
    with pytest.raises(StaleVersion, match=f"claim {claim_id} was changed by ana"):
        seeded.set_verdict(claim_id, "false", by="ben", expected_version=version)
    assert seeded.claim(claim_id).claim.verdict == "confirmed"


def test_unknown_verdict_and_claim(seeded: Service) -> None:
    with pytest.raises(InvalidValue, match="unknown verdict 'maybe'"):
        seeded.set_verdict(1, "maybe")
    with pytest.raises(NotFound, match="claim 9999"):
        seeded.set_verdict(9999, "confirmed")


def test_review_state_is_apart_from_the_verdict(seeded: Service) -> None:
    seeded.set_review_state(1, "done", by="ana")
    claim = seeded.claim(1).claim
    assert (claim.review_state, claim.verdict) == ("done", "unreviewed")


def test_notes_and_links(seeded: Service) -> None:
    seeded.add_evidence(1, text="KCNA statement archived", by="ana")
    seeded.add_evidence(1, text="Original", url="https://kcna.example/2025/06/05", by="ben")
    evidence = seeded.claim(1).evidence
    assert [(e.kind, e.author) for e in evidence] == [("note", "ana"), ("link", "ben")]
    with pytest.raises(InvalidValue):
        seeded.add_evidence(1)


def test_merge_moves_mentions_and_evidence_and_recounts(seeded: Service) -> None:
    claims = seeded.claims()
    target, other = claims[0], claims[1]
    expected = len(seeded.mentions([target.id])) + len(seeded.mentions([other.id]))
    seeded.add_evidence(other.id, text="keep me", by="ana")
    seeded.merge_claims(target.id, [other.id], by="ana")
    merged = seeded.claim(target.id)
    assert len(merged.mentions) == expected
    assert [e.text for e in merged.evidence] == ["keep me"]
    assert merged.claim.n_articles >= max(target.n_articles, other.n_articles)
    with pytest.raises(NotFound):
        seeded.claim(other.id)
    assert any(h.action == "merge" for h in merged.history)


def test_move_a_mention_to_a_new_claim_and_back(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    mention = next(m for m in seeded.claim(claim_id).mentions if "600" in m.sentence)
    new_id = seeded.move_mentions([mention.id], None, by="ana").claim_id
    assert new_id is not None
    assert new_id != claim_id
    assert not seeded.claim(claim_id).claim.has_conflict
    assert seeded.claim(new_id).claim.text.startswith("Around 600 DPRK soldiers")
    seeded.move_mentions([mention.id], claim_id, by="ana")
    assert seeded.claim(claim_id).claim.has_conflict
    with pytest.raises(NotFound):
        seeded.claim(new_id)


def test_claim_from_a_span(seeded: Service) -> None:
    body = seeded.article_body(4)
    start = body.index("Kim oversaw tests of new anti-aircraft missiles")
    end = start + len("Kim oversaw tests of new anti-aircraft missiles")
    claim_id = seeded.add_span(4, start, end, by="ana").claim_id
    assert claim_id is not None
    detail = seeded.claim(claim_id)
    assert detail.claim.text == "Kim oversaw tests of new anti-aircraft missiles"
    assert [(m.origin, m.start, m.end) for m in detail.mentions] == [("manual", start, end)]
    with pytest.raises(InvalidValue, match="select some text"):
        seeded.add_span(4, 10, 10)


def test_article_edits_update_counts(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    before = seeded.claim(claim_id).claim
    seeded.edit_article(1, source="Press TV", published=date(2025, 6, 5))
    seeded.edit_article(2, source="Press TV")
    seeded.edit_article(5, source="Al Mayadeen English", title="DPRK's Kim vows support")
    after = seeded.claim(claim_id).claim
    assert (before.n_sources, after.n_sources) == (2, 2)
    assert after.first_seen == date(2025, 6, 5)
    seeded.edit_article(5, source="Press TV")
    assert seeded.claim(claim_id).claim.n_sources == 1
    assert {a.source for a in seeded.articles()} >= {"Press TV", "unknown"}


def test_stance_correction_recounts(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    mention = next(m for m in seeded.claim(claim_id).mentions if "600" in m.sentence)
    changes = seeded.set_stance(mention.id, "supports", by="ana")
    assert [(e.old, e.new) for e in changes.edits] == [("contradicts", "supports")]
    claim = seeded.claim(claim_id).claim
    assert (claim.n_support, claim.n_contradict) == (2, 0)

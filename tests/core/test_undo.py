"""Undo in the core: each undo restores exactly what its step changed, in the audit trail,
and is refused when someone has since built on it."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

import pytest

from desktop.core.dto import ClaimDetail, ClaimFilter
from desktop.core.errors import NotFound, StaleVersion, UndoConflict
from desktop.core.service import Service


def _conflict_claim(service: Service) -> int:
    return service.claims(ClaimFilter(conflicts_only=True))[0].id


def _state(service: Service, claim_id: int) -> dict[str, Any]:
    """A claim as a user sees it, minus what every edit moves on (version, when, who)."""
    detail = service.claim(claim_id)
    claim = replace(detail.claim, version=0, updated_at=datetime.min, updated_by=None)
    return {"claim": asdict(claim), "note": detail.verdict_note,
            "mentions": [asdict(m) for m in detail.mentions],
            "evidence": [asdict(e) for e in detail.evidence]}


def _history(detail: ClaimDetail) -> list[tuple[Any, ...]]:
    return [tuple(asdict(h).values()) for h in detail.history]


def test_undo_a_verdict_restores_note_date_and_review_state(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    seeded.set_verdict(claim_id, "confirmed", note="KCNA text", by="ana",
                       as_of=date(2025, 6, 1))
    before, history = _state(seeded, claim_id), _history(seeded.claim(claim_id))
    changes = seeded.set_verdict(claim_id, "disputed", note="300 vs 600", by="ben",
                                 as_of=date(2025, 6, 7))
    assert changes.step_id is not None
    seeded.set_review_state(claim_id, "done", by="ben")
    undone_review = seeded.undo(seeded.set_review_state(claim_id, "new", by="ben").step_id
                                or 0, by="ben")
    assert undone_review.changed == {claim_id}
    assert seeded.claim(claim_id).claim.review_state == "done"
    with pytest.raises(UndoConflict, match="ben has since done “Set claim .* to done”"):
        seeded.undo(changes.step_id, by="ben")
    seeded.set_review_state(claim_id, "in progress", by="ben")
    undone = seeded.undo(changes.step_id, by="ben")
    assert undone.description == f"Undo: Mark claim {claim_id} as disputed"
    assert undone.changed == {claim_id} and not undone.structure_changed
    assert _state(seeded, claim_id) == before
    after = seeded.claim(claim_id)
    assert _history(after)[:len(history)] == history, "history is appended to, never rewritten"
    assert {(h.action, h.field, h.new) for h in after.history[len(history):]} >= {
        ("undo", "verdict", "confirmed"), ("undo", "verdict_note", "KCNA text"),
        ("undo", "verdict_as_of", "2025-06-01")}
    seeded.redo(changes.step_id, by="ben")
    redone = seeded.claim(claim_id)
    assert (redone.claim.verdict, redone.verdict_note, redone.claim.verdict_as_of) == (
        "disputed", "300 vs 600", date(2025, 6, 7))
    with pytest.raises(UndoConflict, match="already applied"):
        seeded.redo(changes.step_id)


def test_undo_a_first_verdict_puts_the_review_back_to_new(seeded: Service) -> None:
    before = _state(seeded, 1)
    step = seeded.set_verdict(1, "false", by="ana").step_id
    assert step is not None
    seeded.undo(step, by="ana")
    assert _state(seeded, 1) == before
    assert seeded.claim(1).claim.verdict_as_of is None


def test_undo_a_merge_restores_the_claims_with_their_ids(seeded: Service) -> None:
    claims = seeded.claims()
    target, other = claims[0].id, claims[1].id
    seeded.add_evidence(other, text="keep me", by="ana")
    seeded.set_verdict(other, "confirmed", by="ana")
    before = {c: _state(seeded, c) for c in (target, other)}
    histories = {c: _history(seeded.claim(c)) for c in (target, other)}
    merge = seeded.merge_claims(target, [other], by="ben")
    assert (merge.changed, merge.removed, merge.structure_changed) == (
        {target}, {other}, True)
    with pytest.raises(NotFound):
        seeded.claim(other)
    assert merge.step_id is not None
    undone = seeded.undo(merge.step_id, by="ben")
    assert (undone.added, undone.changed, undone.structure_changed) == (
        {other}, {target}, True)
    for claim_id in (target, other):
        assert _state(seeded, claim_id) == before[claim_id]
        restored = _history(seeded.claim(claim_id))
        assert restored[:len(histories[claim_id])] == histories[claim_id]
    newer = seeded.claim(other).claim.version
    assert newer > 1, "a restored claim never goes back to a version a window may hold"
    seeded.redo(merge.step_id, by="ben")
    with pytest.raises(NotFound):
        seeded.claim(other)


def test_undo_a_move_that_emptied_a_claim_brings_it_back(seeded: Service) -> None:
    conflict = _conflict_claim(seeded)
    mention = next(m for m in seeded.claim(conflict).mentions if "600" in m.sentence)
    moved = seeded.move_mentions([mention.id], None, by="ana")
    new_id = moved.claim_id
    assert new_id is not None and moved.added == {new_id}
    before = _state(seeded, new_id)
    back = seeded.move_mentions([mention.id], conflict, by="ana")
    assert back.removed == {new_id}, "the claim the move emptied is gone"
    assert back.step_id is not None
    seeded.undo(back.step_id, by="ana")
    assert _state(seeded, new_id) == before
    assert not seeded.claim(conflict).claim.has_conflict
    assert moved.step_id is not None
    seeded.undo(moved.step_id, by="ana")
    assert seeded.claim(conflict).claim.has_conflict
    assert [m.origin for m in seeded.claim(conflict).mentions].count("manual") == 0
    with pytest.raises(NotFound):
        seeded.claim(new_id)


def test_undo_is_refused_after_a_colleague_changed_the_claim(seeded_path: Any,
                                                             seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    mine = seeded.set_verdict(claim_id, "disputed", by="ana").step_id
    assert mine is not None
    colleague = Service.open(seeded_path)
    try:
        colleague.set_verdict(claim_id, "false", note="checked with the ministry", by="ben")
    finally:
        colleague.close()
    with pytest.raises(UndoConflict, match=f"ben has since done “Mark claim {claim_id} as "
                                           "false”.*Nothing was changed"):
        seeded.undo(mine, by="ana")
    assert seeded.claim(claim_id).claim.verdict == "false"


def test_stale_edit_says_what_the_colleague_did(seeded: Service) -> None:
    claim_id = _conflict_claim(seeded)
    seen = seeded.claim(claim_id).claim.version
    seeded.set_verdict(claim_id, "confirmed", by="ben")
    with pytest.raises(StaleVersion) as stale:
        seeded.set_verdict(claim_id, "false", by="ana", expected_version=seen)
    error = stale.value
    assert (error.by, error.claim_id) == ("ben", claim_id)
    assert ("verdict", "unreviewed", "confirmed") in [
        (e.field, e.old, e.new) for e in error.theirs]
    assert error.current is not None and error.current.verdict == "confirmed"
    applied = seeded.set_verdict(claim_id, "false", by="ana",
                                 expected_version=error.current.version)
    assert applied.version == error.current.version + 1
    with pytest.raises(StaleVersion, match=f"claim {claim_id} was changed by ben, ana"):
        seeded.add_evidence(claim_id, text="late", by="ben", expected_version=seen)


def test_notes_are_editable_and_removable_and_undoable(seeded: Service) -> None:
    added = seeded.add_evidence(1, text="KCNA statement", by="ana")
    evidence_id = added.evidence_id
    assert evidence_id is not None
    edited = seeded.edit_evidence(evidence_id, text="KCNA statement, archived",
                                  url="https://kcna.example/1", by="ben")
    assert [(e.kind, e.text, e.url) for e in seeded.claim(1).evidence] == [
        ("link", "KCNA statement, archived", "https://kcna.example/1")]
    removed = seeded.remove_evidence(evidence_id, by="ben")
    assert seeded.claim(1).evidence == ()
    assert removed.step_id is not None and edited.step_id is not None
    seeded.undo(removed.step_id, by="ben")
    (back,) = seeded.claim(1).evidence
    assert (back.id, back.author, back.text) == (evidence_id, "ana", "KCNA statement, archived")
    seeded.undo(edited.step_id, by="ben")
    assert [(e.kind, e.text, e.url) for e in seeded.claim(1).evidence] == [
        ("note", "KCNA statement", None)]
    assert added.step_id is not None
    seeded.undo(added.step_id, by="ana")
    assert seeded.claim(1).evidence == ()


def test_stance_and_span_edits_undo(seeded: Service) -> None:
    conflict = _conflict_claim(seeded)
    before = _state(seeded, conflict)
    mention = next(m for m in seeded.claim(conflict).mentions if "600" in m.sentence)
    stance = seeded.set_stance(mention.id, "supports", by="ana").step_id
    body = seeded.article_body(4)
    start = body.index("Kim oversaw tests")
    span = seeded.add_span(4, start, start + 17, conflict, by="ana").step_id
    assert stance is not None and span is not None
    seeded.undo(span, by="ana")
    seeded.undo(stance, by="ana")
    assert _state(seeded, conflict) == before
    fresh = seeded.add_span(4, start, start + 17, None, by="ana")
    assert fresh.claim_id is not None and fresh.step_id is not None
    seeded.undo(fresh.step_id, by="ana")
    with pytest.raises(NotFound):
        seeded.claim(fresh.claim_id)
    seeded.redo(fresh.step_id, by="ana")
    assert seeded.claim(fresh.claim_id).claim.text == "Kim oversaw tests"


def test_article_edits_keep_an_undated_article_undated_and_undo(seeded: Service) -> None:
    undated = next(a for a in seeded.articles() if a.published is None)
    changes = seeded.edit_article(undated.id, source="Press TV", by="ana",
                                  expected_version=undated.version)
    row = seeded.article(undated.id)
    assert (row.source, row.published, row.version) == ("Press TV", None,
                                                        undated.version + 1)
    assert changes.articles_changed and changes.step_id is not None
    assert changes.description == f"Edit article {undated.id}: source Press TV"
    with pytest.raises(StaleVersion, match=f"article {undated.id} was changed by ana"):
        seeded.edit_article(undated.id, title="late", expected_version=undated.version)
    seeded.undo(changes.step_id, by="ana")
    assert seeded.article(undated.id).source == undated.source
    dated = seeded.edit_article(undated.id, published=date(2025, 3, 14))
    assert seeded.article(undated.id).published == date(2025, 3, 14)
    cleared = seeded.edit_article(undated.id, clear_published=True)
    assert seeded.article(undated.id).published is None
    assert dated.step_id is not None and cleared.step_id is not None
    seeded.undo(cleared.step_id)
    assert seeded.article(undated.id).published == date(2025, 3, 14)


def test_an_edit_that_changes_nothing_leaves_no_step(seeded: Service) -> None:
    seeded.set_claim_text(1, "Same words", by="ana")
    version = seeded.claim(1).claim.version
    again = seeded.set_claim_text(1, "Same words", by="ana")
    assert again.step_id is None and seeded.claim(1).claim.version == version


def test_undo_keeps_a_claim_that_has_since_gained_a_note(seeded: Service) -> None:
    body = seeded.article_body(4)
    start = body.index("Kim oversaw tests")
    span = seeded.add_span(4, start, start + 17, None, by="ana")
    assert span.claim_id is not None and span.step_id is not None
    seeded.add_evidence(span.claim_id, text="ask the ministry", by="ben")
    with pytest.raises(UndoConflict, match=f"claim {span.claim_id} has since gained evidence"):
        seeded.undo(span.step_id, by="ana")
    assert seeded.claim(span.claim_id).evidence[0].text == "ask the ministry"


def test_steps_of_one_action_undo_together_or_not_at_all(seeded_path: Any,
                                                         seeded: Service) -> None:
    steps = [seeded.set_verdict(c, "confirmed", by="ana").step_id for c in (1, 2, 3)]
    assert None not in steps
    colleague = Service.open(seeded_path)
    try:
        colleague.set_verdict(3, "false", by="ben")
    finally:
        colleague.close()
    with pytest.raises(UndoConflict, match="ben has since done “Mark claim 3 as false”"):
        seeded.undo_steps([s for s in steps if s is not None], by="ana")
    assert [seeded.claim(c).claim.verdict for c in (1, 2, 3)] == ["confirmed", "confirmed",
                                                                   "false"]
    both = seeded.undo_steps([s for s in steps[:2] if s is not None], by="ana")
    assert both.changed == {1, 2} and both.step_id is None
    assert [seeded.claim(c).claim.verdict for c in (1, 2)] == ["unreviewed", "unreviewed"]
    seeded.redo_steps([s for s in steps[:2] if s is not None], by="ana")
    assert [seeded.claim(c).claim.verdict for c in (1, 2)] == ["confirmed", "confirmed"]


def test_redo_is_refused_after_a_colleague_changed_the_claim(seeded: Service) -> None:
    step = seeded.set_claim_text(1, "Kim met Shoigu", by="ana").step_id
    assert step is not None
    seeded.undo(step, by="ana")
    seeded.set_claim_text(1, "Kim Jong Un met Sergei Shoigu", by="ben")
    with pytest.raises(UndoConflict, match="cannot redo .*ben has since done “Reword claim 1”"):
        seeded.redo(step, by="ana")
    assert seeded.claim(1).claim.text == "Kim Jong Un met Sergei Shoigu"


def test_an_edit_on_a_mention_a_colleague_moved_meanwhile_is_stale(seeded: Service) -> None:
    conflict = _conflict_claim(seeded)
    shown = seeded.claim(conflict)
    mention = next(m for m in shown.mentions if "600" in m.sentence)
    moved_to = seeded.move_mentions([mention.id], None, by="ben").claim_id
    with pytest.raises(StaleVersion, match=f"mention {mention.id} was moved from claim "
                                           f"{conflict} to claim {moved_to}"):
        seeded.set_stance(mention.id, "supports", by="ana", claim_id=conflict,
                          claim_version=shown.claim.version)
    with pytest.raises(StaleVersion, match=f"moved from claim {conflict}"):
        seeded.move_mentions([mention.id], 1, by="ana",
                             expected_versions={conflict: shown.claim.version})
    assert seeded.claim(moved_to or 0).mentions[0].stance == "contradicts"

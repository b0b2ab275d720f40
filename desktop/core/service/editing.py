"""Write-side use cases on claims, evidence and articles. Each runs inside the caller's
transaction as one undo step (undo.Step): it locks what it edits, refuses a version the
user did not see, records who changed what in the audit trail, refreshes the cached
counts it affects, and returns the Changes it made."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.core.dto import Changes, EventRow
from desktop.core.errors import InvalidValue, NotFound, StaleVersion
from desktop.core.models import (
    Article,
    Claim,
    Evidence,
    Mention,
    MentionOrigin,
    ReviewState,
    Sentence,
    Source,
    Stance,
    UndoRow,
    UndoStep,
    Verdict,
)
from desktop.core.service import counts, reading
from desktop.core.service.undo import Step
from desktop.core.text.attribution import strip_attribution

Versions = Mapping[int, int]
"""The version of each claim the user saw when asking for the edit (claim id -> version);
claims left out are not checked."""
UNCHECKED: Versions = MappingProxyType({})


def _choice(value: str, allowed: type[Verdict] | type[ReviewState] | type[Stance],
            what: str) -> str:
    choices = [v.value for v in allowed]
    if value not in choices:
        raise InvalidValue(f"unknown {what} {value!r} (use {', '.join(choices)})")
    return value


def set_verdict(session: Session, claim_id: int, verdict: str, *, note: str | None = None,
                by: str | None = None, expected: Versions = UNCHECKED,
                as_of: date | None = None) -> Changes:
    """Give a claim a verdict, with an as-of date (today unless given) and an optional
    note; a first verdict moves a new claim's review to "in progress". A new verdict
    without a note clears the old verdict's note: it explained that verdict, not this one
    (the history keeps it, and undo brings it back)."""
    verdict = _choice(verdict, Verdict, "verdict")
    step = Step(session, by, f"Mark claim {claim_id} as {verdict}")
    claim = step.lock(claim_id, expected.get(claim_id))
    kept = claim.verdict_note if verdict == claim.verdict else None
    new_note = kept if note is None else note or None
    if verdict != claim.verdict:
        step.record(claim_id, "verdict", "verdict", claim.verdict, verdict)
        claim.verdict = verdict
    as_of = as_of or step.at.date()
    if as_of != claim.verdict_as_of:
        step.record(claim_id, "verdict", "verdict_as_of", claim.verdict_as_of, as_of)
        claim.verdict_as_of = as_of
    if new_note != claim.verdict_note:
        step.record(claim_id, "note", "verdict_note", claim.verdict_note, new_note)
        claim.verdict_note = new_note
    if verdict != Verdict.UNREVIEWED.value and claim.review_state == ReviewState.NEW.value:
        step.record(claim_id, "review", "review_state", claim.review_state,
                    ReviewState.IN_PROGRESS.value)
        claim.review_state = ReviewState.IN_PROGRESS.value
    return step.finish(claim_id=claim_id)


def set_review_state(session: Session, claim_id: int, state: str, *, by: str | None = None,
                     expected: Versions = UNCHECKED) -> Changes:
    """Move a claim through new / in progress / done, independent of its verdict."""
    state = _choice(state, ReviewState, "review state")
    step = Step(session, by, f"Set claim {claim_id} to {state}")
    claim = step.lock(claim_id, expected.get(claim_id))
    if claim.review_state != state:
        step.record(claim_id, "review", "review_state", claim.review_state, state)
        claim.review_state = state
    return step.finish(claim_id=claim_id)


def set_claim_text(session: Session, claim_id: int, text: str, *, by: str | None = None,
                   expected: Versions = UNCHECKED) -> Changes:
    """Reword a claim's canonical text."""
    text = text.strip()
    if not text:
        raise InvalidValue(f"claim {claim_id}: the text cannot be empty")
    step = Step(session, by, f"Reword claim {claim_id}")
    claim = step.lock(claim_id, expected.get(claim_id))
    if claim.text != text:
        step.record(claim_id, "edit", "text", claim.text, text)
        claim.text = text
    return step.finish(claim_id=claim_id)


def add_evidence(session: Session, claim_id: int, *, text: str = "", url: str | None = None,
                 by: str | None = None, expected: Versions = UNCHECKED,
                 public: bool = False) -> Changes:
    """Attach a note (text) or a link (url, with optional text) to a claim; a public one is
    the explanation of the verdict that may be published, kept apart from internal notes."""
    text, url = text.strip(), (url or "").strip() or None
    if not text and not url:
        raise InvalidValue(f"claim {claim_id}: evidence needs a note or a link")
    kind = "public" if public else "link" if url else "note"
    step = Step(session, by, f"Add a {'public explanation' if public else kind} to claim "
                             f"{claim_id}")
    step.lock(claim_id, expected.get(claim_id))
    evidence_id = int(session.scalar(insert(Evidence).values(  # type: ignore[arg-type]
        claim_id=claim_id, kind=kind, text=text, url=url, author=by,
        created_at=step.at).returning(Evidence.id)))
    step.created("evidence", evidence_id)
    step.record(claim_id, "evidence", kind, None, url or text)
    return step.finish(claim_id=claim_id, evidence_id=evidence_id)


def on_claim(session: Session, kind: str, row_id: int, seen_on: int | None) -> int:
    """The claim a mention or note is on now; StaleVersion if the user saw it on another
    (``seen_on``), because a colleague moved it meanwhile."""
    model = Mention if kind == "mention" else Evidence
    claim_id = session.scalar(select(model.claim_id).where(model.id == row_id))
    if claim_id is None:
        raise NotFound(f"{kind} {row_id} does not exist")
    if seen_on is not None and claim_id != seen_on:
        raise _moved(session, kind, row_id, seen_on, claim_id)
    return claim_id


def _moved(session: Session, kind: str, row_id: int, seen_on: int,
           claim_id: int) -> StaleVersion:
    current = reading.claims_by_ids(session, [claim_id])
    return StaleVersion(f"{kind} {row_id} was moved from claim {seen_on} to claim "
                        f"{claim_id} since you opened it", claim_id=claim_id,
                        current=current[0] if current else None)


def _still_on(session: Session, row: Mention | Evidence, claim_id: int) -> None:
    """Re-read a mention or note once its claim is locked: if a colleague's move or merge
    took it to another claim meanwhile, the edit was made on a stale view."""
    session.refresh(row)
    if row.claim_id != claim_id:
        raise _moved(session, type(row).__name__.lower(), row.id, claim_id, row.claim_id)


def _evidence(session: Session, evidence_id: int) -> Evidence:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"evidence {evidence_id} does not exist")
    return evidence


def edit_evidence(session: Session, evidence_id: int, *, text: str,
                  url: str | None = None, by: str | None = None,
                  expected: Versions = UNCHECKED) -> Changes:
    """Correct a note or link; a link edited to no url becomes a note."""
    text, url = text.strip(), (url or "").strip() or None
    evidence = _evidence(session, evidence_id)
    claim_id = evidence.claim_id
    if not text and not url:
        raise InvalidValue(f"claim {claim_id}: evidence needs a note or a link "
                           "(remove it instead)")
    step = Step(session, by, f"Edit a {evidence.kind} on claim {claim_id}")
    step.lock(claim_id, expected.get(claim_id))
    step.watch("evidence", [evidence_id])
    _still_on(session, evidence, claim_id)
    old = evidence.url or evidence.text
    if (evidence.text, evidence.url) != (text, url):
        public = evidence.kind == "public"
        evidence.text, evidence.url = text, url
        evidence.kind = "public" if public else "link" if url else "note"
        step.record(claim_id, "evidence", f"evidence {evidence_id}", old, url or text)
    return step.finish(claim_id=claim_id, evidence_id=evidence_id)


def remove_evidence(session: Session, evidence_id: int, *, by: str | None = None,
                    expected: Versions = UNCHECKED) -> Changes:
    """Remove a note or link (undo brings it back with its id, author and date)."""
    evidence = _evidence(session, evidence_id)
    claim_id = evidence.claim_id
    step = Step(session, by, f"Remove a {evidence.kind} from claim {claim_id}")
    step.lock(claim_id, expected.get(claim_id))
    step.watch("evidence", [evidence_id])
    _still_on(session, evidence, claim_id)
    step.record(claim_id, "evidence", f"evidence {evidence_id}",
                evidence.url or evidence.text, None)
    session.delete(evidence)
    return step.finish(claim_id=claim_id, evidence_id=evidence_id)


def set_stance(session: Session, mention_id: int, stance: str, *, by: str | None = None,
               expected: Versions = UNCHECKED) -> Changes:
    """Correct how a mention stands toward its claim."""
    stance = _choice(stance, Stance, "stance")
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound(f"mention {mention_id} does not exist")
    claim_id = mention.claim_id
    step = Step(session, by, f"Mark a mention of claim {claim_id} as {stance}")
    step.lock(claim_id, expected.get(claim_id))
    step.watch("mention", [mention_id])
    _still_on(session, mention, claim_id)
    if mention.stance != stance:
        step.record(claim_id, "stance", f"mention {mention_id}", mention.stance, stance)
        mention.stance = stance
        session.flush()
        counts.refresh(session, [claim_id])
    return step.finish(claim_id=claim_id, counted=[claim_id])


def merge_claims(session: Session, target_id: int, other_ids: list[int], *,
                 by: str | None = None, expected: Versions = UNCHECKED) -> Changes:
    """Fold other claims into the target: their mentions and evidence move, they go (undo
    brings them back under their ids, with their history)."""
    others = [o for o in dict.fromkeys(other_ids) if o != target_id]
    if not others:
        raise InvalidValue("choose at least two different claims to merge")
    step = Step(session, by, f"Merge {len(others) + 1} claims into claim {target_id}")
    for claim_id in sorted([target_id, *others]):
        step.lock(claim_id, expected.get(claim_id))
    for other_id in others:
        other = step.lock(other_id)
        step.watch("mention", session.scalars(select(Mention.id).where(
            Mention.claim_id == other_id)))
        step.watch("evidence", session.scalars(select(Evidence.id).where(
            Evidence.claim_id == other_id)))
        session.execute(update(Mention).where(Mention.claim_id == other_id)
                        .values(claim_id=target_id).execution_options(synchronize_session=False))
        session.execute(update(Evidence).where(Evidence.claim_id == other_id)
                        .values(claim_id=target_id).execution_options(synchronize_session=False))
        step.record(target_id, "merge", "claim", other_id, other.text)
        step.record(other_id, "merged", "into", None, target_id)
        session.delete(other)
    session.flush()
    counts.refresh(session, [target_id])
    return step.finish(claim_id=target_id, counted=[target_id])


def _new_claim(session: Session, step: Step, text: str) -> Claim:
    claim = Claim(text=text, created_at=step.at, updated_at=step.at, updated_by=step.by)
    session.add(claim)
    session.flush()
    step.created("claim", claim.id, claim.version)
    step.record(claim.id, "create", "text", None, text)
    return claim


def move_mentions(session: Session, mention_ids: list[int], to_claim_id: int | None, *,
                  by: str | None = None, expected: Versions = UNCHECKED) -> Changes:
    """Move mentions to another claim, or to a new one (None); ``Changes.claim_id`` is
    where they landed. A claim the move empties goes, unless the team worked on it."""
    mentions = list(session.scalars(select(Mention).where(Mention.id.in_(mention_ids))))
    missing = set(mention_ids) - {m.id for m in mentions}
    if missing:
        raise NotFound(f"mention {min(missing)} does not exist")
    sources = {m.claim_id for m in mentions}
    left = sorted(set(expected) - sources - {to_claim_id})
    if left:  # the user saw these mentions on a claim a colleague has moved them off
        raise _moved(session, "mention", mentions[0].id, left[0], mentions[0].claim_id)
    where = f"claim {to_claim_id}" if to_claim_id is not None else "a new claim"
    step = Step(session, by, f"Move {'a mention' if len(mentions) == 1 else 'mentions'} of "
                             f"claim {', '.join(map(str, sorted(sources)))} to {where}")
    # Claims are locked before their mentions, in id order, as merges and undo do, so two
    # colleagues' structural edits wait for each other instead of deadlocking.
    for claim_id in sorted(sources | ({to_claim_id} if to_claim_id is not None else set())):
        step.lock(claim_id, expected.get(claim_id))
    for mention in mentions:
        seen_on = mention.claim_id
        _still_on(session, mention, seen_on)
    step.watch("mention", [m.id for m in mentions])
    if to_claim_id is None:
        first = mentions[0]
        article = session.get(Article, first.article_id)
        assert article is not None
        target = _new_claim(session, step,
                            strip_attribution(article.body[first.start:first.end]).claim_text)
    else:
        target = step.lock(to_claim_id)
    for mention in mentions:
        if mention.claim_id != target.id:
            step.record(mention.claim_id, "move out", f"mention {mention.id}",
                        mention.claim_id, target.id)
            step.record(target.id, "move in", f"mention {mention.id}", mention.claim_id,
                        target.id)
            mention.claim_id = target.id
            mention.origin = MentionOrigin.MANUAL.value
    session.flush()
    counts.refresh(session, sources | {target.id})
    return step.finish(claim_id=target.id, counted=sources | {target.id})


def add_span(session: Session, article_id: int, start: int, end: int, claim_id: int | None, *,
             by: str | None = None, expected: Versions = UNCHECKED) -> Changes:
    """Make a span of an article a mention: of an existing claim, or of a new one (None);
    ``Changes.claim_id`` is the claim."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"article {article_id} does not exist")
    if not 0 <= start < end <= len(article.body) or not article.body[start:end].strip():
        raise InvalidValue(f"article {article_id}: select some text first "
                           f"(characters {start}-{end} are outside or empty)")
    where = f"claim {claim_id}" if claim_id is not None else "a new claim"
    step = Step(session, by, f"Make a span of article {article_id} {where}")
    sentence_id = session.scalar(select(Sentence.id).where(
        Sentence.article_id == article_id, Sentence.start <= start, Sentence.end >= start))
    text = " ".join(article.body[start:end].split())
    claim = (_new_claim(session, step, text) if claim_id is None
             else step.lock(claim_id, expected.get(claim_id)))
    mention_id = int(session.scalar(insert(Mention).values(  # type: ignore[arg-type]
        claim_id=claim.id, article_id=article_id, sentence_id=sentence_id, start=start,
        end=end, stance=Stance.SUPPORTS.value, origin=MentionOrigin.MANUAL.value, score=1.0,
    ).returning(Mention.id)))
    step.created("mention", mention_id)
    step.record(claim.id, "add mention", f"mention {mention_id}", None,
                f"article {article_id} [{start}:{end}]")
    session.flush()
    counts.refresh(session, [claim.id])
    return step.finish(claim_id=claim.id, counted=[claim.id])


def edit_article(session: Session, article_id: int, *, source: str | None = None,
                 title: str | None = None, published: date | None = None,
                 clear_published: bool = False, by: str | None = None,
                 expected_version: int | None = None) -> Changes:
    """Correct an article's source, title or date; the counts of its claims follow. The
    date changes only when given (or cleared with ``clear_published``): an undated
    article stays undated when only its source is corrected."""
    article = session.get(Article, article_id, with_for_update=True, populate_existing=True)
    if article is None:
        raise NotFound(f"article {article_id} does not exist")
    if expected_version is not None and article.version != expected_version:
        raise _stale_article(session, article_id)
    step = Step(session, by, f"Edit article {article_id}")
    step.watch("article", [article_id])
    what = []
    if source is not None:
        name = source.strip()
        if not name:
            raise InvalidValue(f"article {article_id}: the source name cannot be empty")
        source_id = session.scalar(select(Source.id).where(Source.name == name))
        if source_id is None:
            source_id = session.execute(
                insert(Source).values(name=name).returning(Source.id)).scalar_one()
        if source_id != article.source_id:
            what.append(f"source {name}")
        article.source_id = source_id
    if title is not None and title.strip() != article.title:
        article.title = title.strip()
        what.append("title")
    if (published is not None or clear_published) and published != article.published:
        article.published = published
        what.append(f"date {published}" if published else "no date")
    step.description = f"Edit article {article_id}: {', '.join(what)}"
    session.flush()
    claim_ids = set(session.scalars(select(Mention.claim_id).where(
        Mention.article_id == article_id)))
    changes = step.finish(counted=claim_ids)
    if changes.articles_changed:
        result = session.execute(
            update(Article).where(Article.id == article_id,
                                  Article.version == article.version)
            .values(version=article.version + 1).execution_options(synchronize_session=False))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise _stale_article(session, article_id)
        counts.refresh(session, claim_ids)
    return changes


def _stale_article(session: Session, article_id: int) -> StaleVersion:
    """What changed an article since it was read: the newest applied step on it."""
    last = session.execute(
        select(UndoStep.at, UndoStep.author, UndoStep.description, UndoRow.before,
               UndoRow.after)
        .join(UndoRow, UndoRow.step_id == UndoStep.id)
        .where(UndoRow.kind == "article", UndoRow.row_id == article_id)
        .order_by(UndoStep.id.desc()).limit(1)).first()
    theirs: tuple[EventRow, ...] = ()
    who = "someone else"
    if last is not None:
        at, author, description, before, after = last
        who = author or who
        theirs = (EventRow(at, author, description, "article", before, after),)
    return StaleVersion(f"article {article_id} was changed by {who} since you opened it",
                        article_id=article_id, theirs=theirs,
                        current=reading.article_row(session, article_id))

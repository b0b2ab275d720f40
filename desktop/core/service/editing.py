"""Write-side use cases on claims and articles; each runs inside the caller's transaction,
records who changed what in the audit trail, and refreshes the cached counts it affects."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.core.dto import Changes, VerdictChange
from desktop.core.errors import InvalidValue, NotFound, StaleVersion
from desktop.core.models import (
    Article,
    Claim,
    ClaimEvent,
    Evidence,
    Mention,
    MentionOrigin,
    ReviewState,
    Sentence,
    Source,
    Stance,
    Verdict,
)
from desktop.core.service import counts
from desktop.core.service.importing import now
from desktop.core.text.attribution import strip_attribution


def _claim(session: Session, claim_id: int, expected_version: int | None = None) -> Claim:
    claim = session.get(Claim, claim_id, with_for_update=expected_version is not None)
    if claim is None:
        raise NotFound(f"claim {claim_id} does not exist")
    if expected_version is not None and claim.version != expected_version:
        raise StaleVersion(
            f"claim {claim_id} was changed by {claim.updated_by or 'someone else'} at "
            f"{claim.updated_at:%Y-%m-%d %H:%M} since you opened it; reload and try again")
    return claim


def _record(session: Session, claim: Claim, by: str | None, action: str,
            field: str | None = None, old: str | None = None, new: str | None = None) -> None:
    stamp = now()
    session.execute(insert(ClaimEvent).values(claim_id=claim.id, at=stamp, author=by,
                                              action=action, field=field, old=old, new=new))
    claim.updated_at = stamp
    claim.updated_by = by
    claim.version += 1


def _choice(value: str, allowed: type[Verdict] | type[ReviewState] | type[Stance],
            what: str) -> str:
    choices = [v.value for v in allowed]
    if value not in choices:
        raise InvalidValue(f"unknown {what} {value!r} (use {', '.join(choices)})")
    return value


def set_verdict(session: Session, claim_id: int, verdict: str, *, note: str | None = None,
                by: str | None = None, expected_version: int | None = None,
                as_of: date | None = None) -> VerdictChange:
    """Give a claim a verdict (with an as-of date and an optional note)."""
    verdict = _choice(verdict, Verdict, "verdict")
    claim = _claim(session, claim_id, expected_version)
    before, note_before = claim.verdict, claim.verdict_note
    if verdict != before:
        _record(session, claim, by, "verdict", "verdict", before, verdict)
    claim.verdict = verdict
    claim.verdict_as_of = as_of or now().date()
    if note is not None and note != note_before:
        _record(session, claim, by, "note", "verdict_note", note_before, note)
        claim.verdict_note = note
    if verdict != Verdict.UNREVIEWED.value and claim.review_state == ReviewState.NEW.value:
        claim.review_state = ReviewState.IN_PROGRESS.value
    return VerdictChange(claim_id, before, verdict, claim.version, note_before)


def set_review_state(session: Session, claim_id: int, state: str, *, by: str | None = None,
                     expected_version: int | None = None) -> Changes:
    """Move a claim through new / in progress / done, independent of its verdict."""
    state = _choice(state, ReviewState, "review state")
    claim = _claim(session, claim_id, expected_version)
    if claim.review_state != state:
        _record(session, claim, by, "review", "review_state", claim.review_state, state)
        claim.review_state = state
    return Changes(frozenset([claim_id]))


def set_claim_text(session: Session, claim_id: int, text: str, *, by: str | None = None,
                   expected_version: int | None = None) -> Changes:
    """Reword a claim's canonical text."""
    text = text.strip()
    if not text:
        raise InvalidValue(f"claim {claim_id}: the text cannot be empty")
    claim = _claim(session, claim_id, expected_version)
    if claim.text != text:
        _record(session, claim, by, "edit", "text", claim.text, text)
        claim.text = text
    return Changes(frozenset([claim_id]))


def add_evidence(session: Session, claim_id: int, *, text: str = "", url: str | None = None,
                 by: str | None = None) -> int:
    """Attach a note (text) or a link (url, with optional text) to a claim."""
    if not text.strip() and not (url and url.strip()):
        raise InvalidValue(f"claim {claim_id}: evidence needs a note or a link")
    claim = _claim(session, claim_id)
    kind = "link" if url else "note"
    evidence_id = session.scalar(insert(Evidence).values(
        claim_id=claim_id, kind=kind, text=text.strip(), url=url, author=by,
        created_at=now()).returning(Evidence.id))
    _record(session, claim, by, "evidence", kind, None, url or text.strip())
    return int(evidence_id)  # type: ignore[arg-type]


def set_stance(session: Session, mention_id: int, stance: str, *,
               by: str | None = None) -> tuple[Changes, str]:
    """Correct how a mention stands toward its claim; returns the stance it had."""
    stance = _choice(stance, Stance, "stance")
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound(f"mention {mention_id} does not exist")
    before = mention.stance
    if before != stance:
        mention.stance = stance
        session.flush()
        _record(session, _claim(session, mention.claim_id), by, "stance",
                f"mention {mention_id}", before, stance)
        counts.refresh(session, [mention.claim_id])
    return Changes(frozenset([mention.claim_id])), before


def merge_claims(session: Session, target_id: int, other_ids: list[int], *,
                 by: str | None = None) -> Changes:
    """Fold other claims into the target: their mentions and evidence move, they go."""
    target = _claim(session, target_id)
    others = [o for o in dict.fromkeys(other_ids) if o != target_id]
    if not others:
        raise InvalidValue("choose at least two different claims to merge")
    for other_id in others:
        other = _claim(session, other_id)
        session.execute(update(Mention).where(Mention.claim_id == other_id)
                        .values(claim_id=target_id))
        session.execute(update(Evidence).where(Evidence.claim_id == other_id)
                        .values(claim_id=target_id))
        _record(session, target, by, "merge", "claim", str(other_id), other.text)
        _record(session, other, by, "merged", "into", None, str(target_id))
        session.delete(other)
    session.flush()
    counts.refresh(session, [target_id])
    return Changes(frozenset([target_id, *others]), structure_changed=True)


def _new_claim(session: Session, text: str, by: str | None) -> Claim:
    stamp = now()
    claim = Claim(text=text, created_at=stamp, updated_at=stamp, updated_by=by)
    session.add(claim)
    session.flush()
    _record(session, claim, by, "create", "text", None, text)
    return claim


def move_mentions(session: Session, mention_ids: list[int], to_claim_id: int | None, *,
                  by: str | None = None) -> tuple[Changes, int]:
    """Move mentions to another claim, or to a new one (None); returns the claim id."""
    mentions = list(session.scalars(select(Mention).where(Mention.id.in_(mention_ids))))
    missing = set(mention_ids) - {m.id for m in mentions}
    if missing:
        raise NotFound(f"mention {min(missing)} does not exist")
    if to_claim_id is None:
        first = mentions[0]
        article = session.get(Article, first.article_id)
        assert article is not None
        text = strip_attribution(article.body[first.start:first.end]).claim_text
        target = _new_claim(session, text, by)
    else:
        target = _claim(session, to_claim_id)
    sources = {m.claim_id for m in mentions}
    for mention in mentions:
        if mention.claim_id != target.id:
            _record(session, _claim(session, mention.claim_id), by, "move out",
                    f"mention {mention.id}", str(mention.claim_id), str(target.id))
            _record(session, target, by, "move in", f"mention {mention.id}",
                    str(mention.claim_id), str(target.id))
            mention.claim_id = target.id
            mention.origin = MentionOrigin.MANUAL.value
    session.flush()
    counts.refresh(session, sources | {target.id})
    return Changes(frozenset(sources | {target.id}), structure_changed=True), target.id


def add_span(session: Session, article_id: int, start: int, end: int, claim_id: int | None, *,
             by: str | None = None) -> tuple[Changes, int]:
    """Make a span of an article a mention: of an existing claim, or of a new one (None)."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"article {article_id} does not exist")
    if not 0 <= start < end <= len(article.body) or not article.body[start:end].strip():
        raise InvalidValue(f"article {article_id}: select some text first "
                           f"(characters {start}-{end} are outside or empty)")
    sentence_id = session.scalar(select(Sentence.id).where(
        Sentence.article_id == article_id, Sentence.start <= start, Sentence.end >= start))
    text = " ".join(article.body[start:end].split())
    claim = _new_claim(session, text, by) if claim_id is None else _claim(session, claim_id)
    mention_id = session.scalar(insert(Mention).values(
        claim_id=claim.id, article_id=article_id, sentence_id=sentence_id, start=start,
        end=end, stance=Stance.SUPPORTS.value, origin=MentionOrigin.MANUAL.value, score=1.0,
    ).returning(Mention.id))
    _record(session, claim, by, "add mention", f"mention {mention_id}", None,
            f"article {article_id} [{start}:{end}]")
    session.flush()
    counts.refresh(session, [claim.id])
    return Changes(frozenset([claim.id]), structure_changed=claim_id is None), claim.id


def edit_article(session: Session, article_id: int, *, source: str | None = None,
                 title: str | None = None, published: date | None = None,
                 clear_published: bool = False) -> Changes:
    """Correct an article's source, title or date; the counts of its claims follow."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"article {article_id} does not exist")
    if source is not None:
        name = source.strip()
        if not name:
            raise InvalidValue(f"article {article_id}: the source name cannot be empty")
        source_id = session.scalar(select(Source.id).where(Source.name == name))
        if source_id is None:
            source_id = session.execute(
                insert(Source).values(name=name).returning(Source.id)).scalar_one()
        article.source_id = source_id
    if title is not None:
        article.title = title.strip()
    if published is not None or clear_published:
        article.published = published
    session.flush()
    claim_ids = set(session.scalars(select(Mention.claim_id).where(
        Mention.article_id == article_id)))
    counts.refresh(session, claim_ids)
    return Changes(frozenset(claim_ids), articles_changed=True)

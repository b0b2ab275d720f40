"""Read-side queries: claim pages with filter and keyset paging, claim detail, stats."""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, SQLColumnExpression, and_, false, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.core.dto import (
    ArticleRow,
    ClaimDetail,
    ClaimFilter,
    ClaimRow,
    ConflictValue,
    EventRow,
    EvidenceRow,
    MentionRow,
    MentionSpan,
    Stats,
)
from desktop.core.errors import InvalidValue, NotFound
from desktop.core.models import (
    Article,
    Claim,
    ClaimEvent,
    Evidence,
    Mention,
    MentionOrigin,
    Sentence,
    Source,
    Verdict,
)
from desktop.core.service.counts import UNKNOWN_SOURCE, source_key
from desktop.core.text.normalize import terms as text_terms
from desktop.core.text_search import sentence_ids

SORT_KEYS: dict[str, SQLColumnExpression[Any]] = {
    "id": Claim.id,
    "text": Claim.text,
    "verdict": Claim.verdict,
    "sources": Claim.n_sources,
    "articles": Claim.n_articles,
    "origins": Claim.n_origins,
    "support": Claim.n_support,
    "contradict": Claim.n_contradict,
    "conflict": Claim.has_conflict,
    "first_seen": func.coalesce(Claim.first_seen, literal(date(1, 1, 1))),
    "attribution": func.coalesce(Claim.attribution, literal("")),
    "updated_at": Claim.updated_at,
}


@dataclass(frozen=True)
class ClaimPage:
    """One page of claims and the cursor that continues after it (None at the end)."""

    rows: tuple[ClaimRow, ...]
    cursor: tuple[Any, int] | None


def claim_row(claim: Claim) -> ClaimRow:
    """ORM row to the plain row the GUI and CLI see."""
    conflicts = tuple(ConflictValue(c["slot"], tuple(c["values"]),
                                    c.get("label") or c["slot"].replace(":", " ").strip())
                      for c in json.loads(claim.conflict_values or "[]"))
    return ClaimRow(
        id=claim.id, text=claim.text, verdict=claim.verdict, review_state=claim.review_state,
        n_sources=claim.n_sources, n_articles=claim.n_articles, n_origins=claim.n_origins,
        n_support=claim.n_support, n_contradict=claim.n_contradict,
        has_conflict=claim.has_conflict, conflicts=conflicts, first_seen=claim.first_seen,
        attribution=claim.attribution, verdict_as_of=claim.verdict_as_of,
        updated_at=claim.updated_at, updated_by=claim.updated_by, version=claim.version,
    )


def filtered(session: Session, flt: ClaimFilter) -> Select[Claim]:
    """The claims a filter keeps, as a statement (no order, no limit)."""
    stmt = select(Claim)
    if flt.verdicts:
        unknown = set(flt.verdicts) - {v.value for v in Verdict}
        if unknown:
            raise InvalidValue(f"unknown verdict {sorted(unknown)[0]!r} "
                               f"(use {', '.join(v.value for v in Verdict)})")
        stmt = stmt.where(Claim.verdict.in_(flt.verdicts))
    if flt.conflicts_only:
        stmt = stmt.where(Claim.has_conflict.is_(True))
    if flt.min_sources:
        stmt = stmt.where(Claim.n_sources >= flt.min_sources)
    if flt.article_id is not None:
        stmt = stmt.where(Claim.id.in_(
            select(Mention.claim_id).where(Mention.article_id == flt.article_id)))
    if flt.text.strip():
        wanted, numbers = text_terms(flt.text), _NUMBER.findall(flt.text)
        if not wanted and not numbers:
            return stmt.where(false())
        sentences = select(Sentence.id)
        if wanted:
            hits = sentence_ids(session, wanted, any_term=False).subquery()
            sentences = sentences.where(Sentence.id.in_(select(hits)))
        for number in numbers:
            sentences = sentences.where(or_(*(Sentence.text.contains(form, autoescape=True)
                                              for form in _written(number))))
        stmt = stmt.where(Claim.id.in_(
            select(Mention.claim_id).where(Mention.sentence_id.in_(sentences))))
    return stmt


_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
"""A figure typed in the claims filter ("300", "2,700"): the index holds words only, and a
filter "300 North" listed every claim with "North" in it."""


def _written(number: str) -> set[str]:
    """The ways a text may write a typed figure: as typed, without its thousands commas,
    and with them ("2700" finds "2,700")."""
    bare = number.replace(",", "")
    forms = {number, bare}
    if bare.isdigit():
        forms.add(f"{int(bare):,}")
    return forms


def claims_page(session: Session, flt: ClaimFilter, *, sort: str = "sources",
                descending: bool = True, after: tuple[Any, int] | None = None,
                limit: int = 500) -> ClaimPage:
    """A page of claims in a stable order (the sort key, then id), continuing after a cursor.

    Keyset paging: the cursor is the last row's (sort value, id), so page 1,000 costs what
    page 1 costs, unlike OFFSET.
    """
    if sort not in SORT_KEYS:
        raise InvalidValue(f"cannot sort by {sort!r} (use {', '.join(SORT_KEYS)})")
    key = SORT_KEYS[sort]
    stmt = filtered(session, flt)
    if after is not None:
        value, last_id = after
        beyond = key < value if descending else key > value
        stmt = stmt.where(or_(beyond, and_(key == value, Claim.id > last_id)))
    stmt = stmt.order_by(key.desc() if descending else key.asc(), Claim.id).limit(limit + 1)
    claims = list(session.scalars(stmt))
    more = len(claims) > limit
    claims = claims[:limit]
    cursor = None
    if more and claims:
        last = claims[-1]
        cursor = (session.scalar(select(key).where(Claim.id == last.id)), last.id)
    return ClaimPage(tuple(claim_row(c) for c in claims), cursor)


def claim_ids(session: Session, flt: ClaimFilter, *, sort: str = "sources",
              descending: bool = True) -> array[int]:
    """Ids of every claim the filter keeps, in table order: the key list a lazy table
    pages through (8 bytes a claim: 8 MB for a million)."""
    if sort not in SORT_KEYS:
        raise InvalidValue(f"cannot sort by {sort!r} (use {', '.join(SORT_KEYS)})")
    key = SORT_KEYS[sort]
    stmt = filtered(session, flt).with_only_columns(Claim.id).order_by(
        key.desc() if descending else key.asc(), Claim.id)
    return array("q", session.scalars(stmt))


def claims_by_ids(session: Session, ids: list[int]) -> list[ClaimRow]:
    """These claims, in the order given (missing ones left out)."""
    found = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    return [claim_row(found[i]) for i in ids if i in found]


def count_claims(session: Session, flt: ClaimFilter) -> int:
    """How many claims the filter keeps."""
    return session.scalar(select(func.count()).select_from(filtered(session, flt).subquery())) or 0


def mentions_of(session: Session, claim_ids: list[int]) -> list[MentionRow]:
    """Mentions of these claims with their article, source and sentence.

    A span is listed once per claim: merging a claim into the other claim of a sentence
    that states both leaves two mentions of that sentence in one claim (both kept, so the
    merge can be undone), and the one that joined by matching is the one shown.
    """
    if not claim_ids:
        return []
    origin = aliased(Article)
    rows = session.execute(
        select(Mention, Article, Source.name, Sentence.attribution, origin.id)
        .join(Article, Article.id == Mention.article_id)
        .join(Source, Source.id == Article.source_id)
        .outerjoin(Sentence, Sentence.id == Mention.sentence_id)
        .outerjoin(origin, and_(origin.id == Article.origin_id, origin.id != Article.id))
        .where(Mention.claim_id.in_(claim_ids))
        .order_by(Mention.claim_id, Article.published, Mention.article_id, Mention.start)
    ).all()
    shown: dict[tuple[int, int, int, int], MentionRow] = {}
    for m, a, source, attribution, copy_of in rows:
        key = (m.claim_id, a.id, m.start, m.end)
        if key in shown and m.origin == MentionOrigin.ALSO:
            continue
        shown[key] = MentionRow(
            id=m.id, claim_id=m.claim_id, article_id=a.id, external_id=a.external_id,
            source=source, title=a.title, published=a.published, url=a.url, path=a.path,
            start=m.start, end=m.end, sentence=a.body[m.start:m.end], stance=m.stance,
            hedged=m.hedged, attribution=attribution, origin=m.origin, score=m.score,
            copy_of=copy_of,
        )
    return list(shown.values())


def claim_detail(session: Session, claim_id: int) -> ClaimDetail:
    """One claim with mentions, evidence and history."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"claim {claim_id} does not exist")
    evidence = session.scalars(select(Evidence).where(Evidence.claim_id == claim_id)
                               .order_by(Evidence.created_at, Evidence.id))
    history = session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim_id)
                              .order_by(ClaimEvent.at, ClaimEvent.id))
    return ClaimDetail(
        claim=claim_row(claim),
        verdict_note=claim.verdict_note,
        mentions=tuple(mentions_of(session, [claim_id])),
        evidence=tuple(EvidenceRow(e.id, e.kind, e.text, e.url, e.author, e.created_at)
                       for e in evidence),
        history=tuple(EventRow(h.at, h.author, h.action, h.field, h.old, h.new)
                      for h in history),
    )


def article_spans(session: Session, article_id: int) -> list[MentionSpan]:
    """The mention spans of one article with their claims' verdicts, in text order."""
    return [MentionSpan(start, end, claim_id, verdict) for start, end, claim_id, verdict in
            session.execute(select(Mention.start, Mention.end, Mention.claim_id, Claim.verdict)
                            .join(Claim, Claim.id == Mention.claim_id)
                            .where(Mention.article_id == article_id)
                            .order_by(Mention.start, Mention.id))]


def article_row(session: Session, article_id: int) -> ArticleRow:
    """One article's row (source, title, date, copy mark), without claim counts."""
    row = session.execute(
        select(Article.id, Source.name, Article.title, Article.published, Article.url,
               Article.external_id, Article.path, Article.origin_id, Article.version)
        .join(Source, Source.id == Article.source_id).where(Article.id == article_id)).first()
    if row is None:
        raise NotFound(f"article {article_id} does not exist")
    i, source, title, published, url, external, path, origin, version = row
    return ArticleRow(i, source, title, published, url, external, path,
                      origin if origin != i else None, 0, version)


def articles(session: Session, *, with_claims: bool = True) -> list[ArticleRow]:
    """Every article with its source and copy mark, and (unless asked not to) its number
    of claims, which costs a pass over all mentions (n_claims is then 0)."""
    columns = [Article.id, Source.name, Article.title, Article.published, Article.url,
               Article.external_id, Article.path, Article.origin_id, Article.version]
    stmt = select(*columns, literal(0)).join(Source, Source.id == Article.source_id)
    if with_claims:
        claims = (select(Mention.article_id,
                         func.count(func.distinct(Mention.claim_id)).label("n"))
                  .group_by(Mention.article_id).subquery())
        stmt = (select(*columns, func.coalesce(claims.c.n, 0))
                .join(Source, Source.id == Article.source_id)
                .outerjoin(claims, claims.c.article_id == Article.id))
    # The column list is built at run time, so the row's types are not known statically.
    rows: Iterable[Any] = session.execute(
        stmt.order_by(Source.name, Article.published, Article.id))
    return [ArticleRow(i, s, t, p, u, x, path, o if o != i else None, n, v)
            for i, s, t, p, u, x, path, o, v, n in rows]


def claim_totals(session: Session) -> tuple[int, int, dict[str, int]]:
    """Claims, claims with a conflict, and claims by verdict: the totals a verdict edit
    changes, without counting articles and sentences again."""
    by_verdict = {v.value: 0 for v in Verdict}
    for verdict, n in session.execute(select(Claim.verdict, func.count()).group_by(Claim.verdict)):
        by_verdict[verdict] = n
    conflicts = session.scalar(
        select(func.count()).select_from(Claim).where(Claim.has_conflict.is_(True))) or 0
    return sum(by_verdict.values()), conflicts, by_verdict


def change_marker(session: Session) -> tuple[int, int]:
    """The newest claim event and the newest article (0 when there are none)."""
    return (session.scalar(select(func.max(ClaimEvent.id))) or 0,
            session.scalar(select(func.max(Article.id))) or 0)


def stats(session: Session) -> Stats:
    """Totals for the status bar and `factdesk stats`."""
    def count(stmt: Select[Any]) -> int:
        return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0

    claims, conflicts, by_verdict = claim_totals(session)
    return Stats(
        articles=count(select(Article.id)),
        sources=count(select(source_key()).distinct()),
        origins=count(select(Article.origin_id).distinct()),
        sentences=count(select(Sentence.id)),
        claims=claims,
        mentions=count(select(Mention.id)),
        conflicts=conflicts,
        by_verdict=by_verdict,
        unknown_sources=count(
            select(Article.origin_id).distinct().join(Source, Source.id == Article.source_id)
            .where(Source.name == UNKNOWN_SOURCE)),
    )

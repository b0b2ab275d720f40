"""Keeping a claim's cached source counts and conflict flag true, in the caller's transaction.

Counts are cached on the claim row so a table of a million claims sorts and filters by
them without aggregating; every write that changes mentions or articles calls refresh().
Supporting and contradicting count independent origins, as n_origins does: a copy of an
article is not a second confirmation; the origins that are neither report the claim without
taking a side (stance_counts). Articles whose outlet is unknown count as sources by
origin: two unattributed articles that are not copies of each other are two sources as far
as anyone can tell, and a copy is not a second one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    BindParameter,
    Select,
    bindparam,
    case,
    delete,
    distinct,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session

from desktop.core.matching import conflicting_values
from desktop.core.models import (
    Article,
    Claim,
    Evidence,
    Mention,
    Sentence,
    Source,
    Stance,
    Verdict,
)
from desktop.core.text.quantities import Quantity

_CHUNK = 500
UNKNOWN_SOURCE = "unknown"


def refresh(session: Session, claim_ids: Iterable[int]) -> None:
    """Recompute counts, first-seen date, attribution and conflicts of these claims.

    A claim left without mentions is deleted unless the team already worked on it (a
    verdict or evidence); then it stays, with zero counts, for the team to decide.
    """
    ids = sorted(set(claim_ids))
    for start in range(0, len(ids), _CHUNK):
        _refresh_chunk(session, ids[start:start + _CHUNK])


def source_key() -> Any:
    """What tells one source from another: the outlet, or for an article of unknown outlet
    its copy set (negated, so it never equals an outlet's id)."""
    unknown = select(Source.id).where(Source.name == UNKNOWN_SOURCE).scalar_subquery()
    return case((Article.source_id == unknown, -Article.origin_id), else_=Article.source_id)


def stance_counts(stances: Iterable[tuple[int, str]]) -> tuple[int, int]:
    """(supporting, contradicting) origins, from (origin, stance) of a claim's mentions.

    Each independent origin counts once, under its strongest word on the claim: any
    mention that contradicts makes it contradicting, else any that states the claim makes
    it supporting, else it reports the claim without taking a side. So the claim's
    origins split into supporting + contradicting + reporting (n_origins minus the two),
    and a claim three origins report reads "3 report it", never "0 supporting" alone.
    """
    supporting: set[int] = set()
    contradicting: set[int] = set()
    for origin, stance in stances:
        if stance == Stance.CONTRADICTS.value:
            contradicting.add(origin)
        elif stance == Stance.SUPPORTS.value:
            supporting.add(origin)
    return len(supporting - contradicting), len(contradicting)


def _statements() -> tuple[Select[*tuple[Any, ...]], Select[*tuple[Any, ...]]]:
    """The two aggregate queries, built once with an expanding list of claim ids."""
    ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
    counted = (
        select(
            Mention.claim_id,
            func.count(distinct(source_key())),
            func.count(distinct(Mention.article_id)),
            func.count(distinct(Article.origin_id)),
            func.min(Article.published),
        )
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.claim_id.in_(ids))
        .group_by(Mention.claim_id)
    )
    details = (
        select(Mention.claim_id, Sentence.quantities, Sentence.attribution, Article.origin_id,
               Mention.stance)
        .join(Sentence, Sentence.id == Mention.sentence_id)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.claim_id.in_(ids))
        .order_by(Mention.id)
    )
    return counted, details


_COUNTED, _DETAILS = _statements()


def computed(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """What the cached columns of these claims should hold; claims without mentions are
    left out (their counts are zero)."""
    connection = session.connection()
    rows = connection.execute(_COUNTED, {"ids": ids}).all()
    details: dict[int, list[tuple[str, str | None, int, str]]] = defaultdict(list)
    for claim_id, stored, attribution, origin, stance in connection.execute(
            _DETAILS, {"ids": ids}):
        details[claim_id].append((stored, attribution, origin, stance))
    updates: list[dict[str, Any]] = []
    for claim_id, sources, articles, origins, first_seen in rows:
        conflicts = conflicting_values([
            (origin, [Quantity.from_json(q) for q in json.loads(stored)])
            for stored, _, origin, _ in details[claim_id]])
        attributions = Counter(a for _, a, _, _ in details[claim_id] if a)
        n_support, n_contra = stance_counts((o, s) for _, _, o, s in details[claim_id])
        updates.append({
            "claim_id": claim_id, "n_sources": sources, "n_articles": articles,
            "n_origins": origins,
            "n_support": n_support, "n_contradict": n_contra, "first_seen": first_seen,
            "has_conflict": bool(conflicts), "conflict_values": json.dumps(conflicts),
            "attribution": attributions.most_common(1)[0][0] if attributions else None,
        })
    return updates


def _refresh_chunk(session: Session, ids: list[int]) -> None:
    updates = computed(session, ids)
    seen = {row["claim_id"] for row in updates}
    if updates:
        table = Claim.table()
        columns: dict[str, BindParameter[Any]] = {
            key: bindparam(key) for key in updates[0] if key != "claim_id"}
        session.connection().execute(
            update(table).where(table.c.id == bindparam("claim_id")).values(columns), updates)
    empty = [claim_id for claim_id in ids if claim_id not in seen]
    if not empty:
        return
    worked_on = set(session.scalars(select(Evidence.claim_id).where(Evidence.claim_id.in_(empty))))
    worked_on |= set(session.scalars(select(Claim.id).where(
        Claim.id.in_(empty), Claim.verdict != Verdict.UNREVIEWED.value)))
    session.execute(update(Claim).where(Claim.id.in_(empty)).values(
        n_sources=0, n_articles=0, n_origins=0, n_support=0, n_contradict=0,
        has_conflict=False, conflict_values="[]"))
    unused = [claim_id for claim_id in empty if claim_id not in worked_on]
    if unused:
        session.execute(delete(Claim).where(Claim.id.in_(unused)))

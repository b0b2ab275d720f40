"""The in-memory indexes an import works against, loaded from the database it writes to.

Loaded at the start of each import (so a colleague's additions on a shared server are
seen) and reloaded after a rolled-back article, so memory never holds what the database
does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.ingest.dedupe import CopyIndex, decode_fingerprint
from desktop.core.matching import ClaimIndex
from desktop.core.models import Article, Claim, Mention, MentionOrigin, Sentence, Source, Stance
from desktop.core.text.analysis import SentenceFeatures
from desktop.core.text.dates import When
from desktop.core.text.quantities import Quantity
from desktop.core.text.stance import BODY_DENIAL_RULE, DENIAL_RULE, shipped_model


@dataclass(frozen=True)
class Canonical:
    """What a claim's first mention says, the reference that stances are judged against."""

    text: str
    quantities: tuple[Quantity, ...]


def stance_toward(canonical: Canonical, feature: SentenceFeatures, in_body: bool) -> Stance:
    """How a sentence stands toward a claim, by the trained stance model: it states it
    (supports), denies it or gives another figure (contradicts), or reports it without
    taking a side (neutral: "reportedly", "estimates", a question). ``in_body``: the
    sentence is one of an article of several, read by the rule for those (stance's
    BODY_DENIAL_RULE), not as a headline or a post."""
    return Stance(shipped_model().predict(
        canonical.text, feature.text, feature.stance_scores, canonical.quantities,
        feature.quantities, feature.plain, BODY_DENIAL_RULE if in_body else DENIAL_RULE))


@dataclass
class ImportState:
    """Copy index, claim index, canonical mentions and source ids."""

    copies: CopyIndex = field(default_factory=CopyIndex)
    claims: ClaimIndex = field(default_factory=ClaimIndex)
    canonical: dict[int, Canonical] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)


def load_state(session: Session) -> ImportState:
    """Build the indexes from what the database holds, in id order (deterministic)."""
    state = ImportState()
    state.sources = {name: id_ for name, id_ in session.execute(select(Source.name, Source.id))}
    for article_id, origin_id, stored in session.execute(
        select(Article.id, Article.origin_id, Article.fingerprint).order_by(Article.id)
    ):
        state.copies.add(article_id, origin_id or article_id, decode_fingerprint(stored))
    for claim_id, terms, when, stored, text in session.execute(
        select(Mention.claim_id, Sentence.terms, Sentence.when, Sentence.quantities,
               Claim.text)
        .join(Sentence, Sentence.id == Mention.sentence_id)
        .join(Claim, Claim.id == Mention.claim_id)
        .where(Mention.origin != MentionOrigin.ALSO.value)
        .order_by(Mention.id)
    ):
        state.claims.add(claim_id, frozenset(terms.split()), When.from_json(json.loads(when)))
        if claim_id not in state.canonical:
            state.canonical[claim_id] = Canonical(
                text, tuple(Quantity.from_json(q) for q in json.loads(stored)))
    return state

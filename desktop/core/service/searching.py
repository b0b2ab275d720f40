"""Free-text claim search: which articles state or discuss the claim in a query.

Candidates come from the full-text index (BM25 / ts_rank over normalised terms); each is
then scored by how much of the query's weight (IDF) it covers, per sentence and over the
article's matching sentences. Only articles above a threshold are hits: the number of hits
is the app's answer to "how many articles carry this" (benchmarks/search_quality.py).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.dto import SearchHit
from desktop.core.models import Article, Mention, Sentence, Source, Stance
from desktop.core.text.normalize import terms as text_terms
from desktop.core.text.quantities import Quantity, quantities
from desktop.core.text.stance import is_denial, is_reported
from desktop.core.text_search import document_frequency, ranked_sentence_ids

HIT_THRESHOLD = 0.3
CANDIDATE_SENTENCES = 1500


@dataclass
class ArticleMatch:
    """One candidate article for a query: its score, best sentence and stance cues."""

    article_id: int
    score: float = 0.0
    sentence_id: int = 0
    best: float = 0.0
    covered: set[str] = field(default_factory=set)
    denial: bool = False
    hedged: bool = False
    quantities: list[Quantity] = field(default_factory=list)

    def stance(self, query_quantities: list[Quantity], query_denial: bool) -> Stance:
        """How the article stands toward the query's claim.

        A denial the query does not make, or another value for the same quantity,
        contradicts; an article that only reports it ("reportedly", "estimates") is
        neutral; otherwise it supports.
        """
        conflicting = any(q.disagrees(f) for q in query_quantities for f in self.quantities)
        if conflicting or self.denial != query_denial:
            return Stance.CONTRADICTS
        return Stance.NEUTRAL if self.hedged else Stance.SUPPORTS


class Searcher:
    """Answers many queries against one database, caching term frequencies between them."""

    def __init__(self, session: Session, threshold: float = HIT_THRESHOLD) -> None:
        self.session = session
        self.threshold = threshold
        self._df: dict[str, int] = {}
        self._n = session.scalar(select(func.count(Sentence.id))) or 0

    def _weight(self, term: str) -> float:
        if term not in self._df:
            self._df[term] = document_frequency(self.session, term)
        return math.log(1.0 + (self._n + 1) / (self._df[term] + 1))

    def scored(self, query: str) -> list[ArticleMatch]:
        """Every candidate article, best first, scored by how much of the query it covers.

        The score is the mean of the best sentence's coverage of the query's weight and
        the coverage by all the article's matching sentences together.
        """
        wanted = list(dict.fromkeys(text_terms(query)))
        if not wanted:
            return []
        weights = {t: self._weight(t) for t in wanted}
        total = sum(weights.values()) or 1.0
        ids = ranked_sentence_ids(self.session, wanted, CANDIDATE_SENTENCES)
        if not ids:
            return []
        per_article: dict[int, ArticleMatch] = {}
        rows = self.session.execute(
            select(Sentence.id, Sentence.article_id, Sentence.terms, Sentence.text,
                   Sentence.quantities)
            .where(Sentence.id.in_(ids)).order_by(Sentence.id))
        for sentence_id, article_id, stored, text, stored_quantities in rows:
            present = set(stored.split()) & weights.keys()
            coverage = sum(weights[t] for t in present) / total
            match = per_article.setdefault(article_id, ArticleMatch(article_id))
            match.covered |= present
            if coverage > match.best:
                match.best, match.sentence_id = coverage, sentence_id
            # Reporting cues anywhere near the claim make the article neutral; a denial or
            # another figure contradicts only in a sentence that states the claim itself
            # (on FNC-1, macro-F1 of stance 0.441 -> 0.450: benchmarks/search_quality.py).
            if coverage >= self.threshold / 2:
                match.hedged = match.hedged or is_reported(text)
            if coverage >= self.threshold:
                match.denial = match.denial or is_denial(text)
                match.quantities += [Quantity.from_json(q) for q in json.loads(stored_quantities)]
        for match in per_article.values():
            spread = sum(weights[t] for t in match.covered) / total
            match.score = 0.5 * match.best + 0.5 * spread
        return sorted(per_article.values(), key=lambda m: (-m.score, m.article_id))

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles judged to state or discuss the query's claim, best first."""
        hits = [m for m in self.scored(query) if m.score >= self.threshold][:limit]
        if not hits:
            return []
        rows = {row.id: row for row in self.session.execute(
            select(Sentence.id, Sentence.start, Sentence.end, Sentence.text,
                   Article.external_id, Article.title, Source.name.label("source"),
                   Mention.claim_id)
            .join(Article, Article.id == Sentence.article_id)
            .join(Source, Source.id == Article.source_id)
            .outerjoin(Mention, Mention.sentence_id == Sentence.id)
            .where(Sentence.id.in_([m.sentence_id for m in hits])))}
        query_quantities = quantities(query)
        query_denial = is_denial(query)
        out: list[SearchHit] = []
        for match in hits:
            row = rows[match.sentence_id]
            out.append(SearchHit(
                article_id=match.article_id, external_id=row.external_id, source=row.source,
                title=row.title, sentence=row.text, start=row.start, end=row.end,
                claim_id=row.claim_id, score=round(match.score, 4),
                stance=match.stance(query_quantities, query_denial).value))
        return out

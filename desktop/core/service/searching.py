"""Free-text claim search: which articles state or discuss the claim in a query.

Candidates come from the full-text index (BM25 / ts_rank over normalised terms); each is
then scored by how much of the query's weight (IDF) it covers, per sentence and over the
article's matching sentences. Only articles above a threshold are hits: the number of hits
is the app's answer to "how many articles carry this" (benchmarks/search_quality.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.dto import SearchHit
from desktop.core.models import Article, Mention, Sentence, Source, Stance
from desktop.core.text.normalize import terms as text_terms
from desktop.core.text.quantities import quantities
from desktop.core.text.stance import is_denial, is_hedged
from desktop.core.text_search import document_frequency, ranked_sentence_ids

HIT_THRESHOLD = 0.45
CANDIDATE_SENTENCES = 1500


@dataclass
class _ArticleScore:
    best: float = 0.0
    best_sentence: int = 0
    covered: set[str] | None = None
    denial: bool = False


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

    def scored(self, query: str) -> list[tuple[int, float, int, bool]]:
        """(article id, score, best sentence id, denial seen) for every candidate article."""
        wanted = list(dict.fromkeys(text_terms(query)))
        if not wanted:
            return []
        weights = {t: self._weight(t) for t in wanted}
        total = sum(weights.values()) or 1.0
        ids = ranked_sentence_ids(self.session, wanted, CANDIDATE_SENTENCES)
        if not ids:
            return []
        per_article: dict[int, _ArticleScore] = defaultdict(_ArticleScore)
        rows = self.session.execute(
            select(Sentence.id, Sentence.article_id, Sentence.terms, Sentence.text)
            .where(Sentence.id.in_(ids)))
        for sentence_id, article_id, stored, text in rows:
            present = set(stored.split()) & weights.keys()
            coverage = sum(weights[t] for t in present) / total
            entry = per_article[article_id]
            entry.covered = (entry.covered or set()) | present
            better = coverage > entry.best
            if better or (coverage == entry.best and sentence_id < entry.best_sentence):
                entry.best, entry.best_sentence = coverage, sentence_id
            if coverage >= self.threshold / 2 and is_denial(text):
                entry.denial = True
        scored = []
        for article_id, entry in per_article.items():
            spread = sum(weights[t] for t in entry.covered or ()) / total
            scored.append((article_id, 0.5 * entry.best + 0.5 * spread, entry.best_sentence,
                           entry.denial))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles judged to state or discuss the query's claim, best first."""
        hits = [s for s in self.scored(query) if s[1] >= self.threshold][:limit]
        if not hits:
            return []
        sentence_ids = [h[2] for h in hits]
        rows = {row.id: row for row in self.session.execute(
            select(Sentence.id, Sentence.start, Sentence.end, Sentence.text,
                   Sentence.quantities, Article.id.label("article_id"), Article.external_id,
                   Article.title, Source.name.label("source"), Mention.claim_id)
            .join(Article, Article.id == Sentence.article_id)
            .join(Source, Source.id == Article.source_id)
            .outerjoin(Mention, Mention.sentence_id == Sentence.id)
            .where(Sentence.id.in_(sentence_ids)))}
        query_quantities = quantities(query)
        query_denial = is_denial(query)
        out: list[SearchHit] = []
        for article_id, score, sentence_id, denial in hits:
            row = rows[sentence_id]
            found = quantities(row.text)
            if denial != query_denial or any(q.disagrees(f) for q in query_quantities
                                              for f in found):
                stance = Stance.CONTRADICTS
            elif is_hedged(row.text):
                stance = Stance.NEUTRAL
            else:
                stance = Stance.SUPPORTS
            out.append(SearchHit(
                article_id=article_id, external_id=row.external_id, source=row.source,
                title=row.title, sentence=row.text, start=row.start, end=row.end,
                claim_id=row.claim_id, score=round(score, 4), stance=stance.value))
        return out

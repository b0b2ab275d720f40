"""Full-text search over normalised sentence terms: SQLite FTS5 or PostgreSQL text search.

Both index ``sentence.terms`` (names already folded to keys, words stemmed), so a search
for "DPRK soldiers died" finds "North Korean troops were killed". This is the one place
that knows the two backends differ.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, literal_column, select, text
from sqlalchemy.orm import Session

from desktop.core.models import Sentence


def _fts5_query(terms: list[str], any_term: bool) -> str:
    quoted = [f'"{t}"' for t in terms]
    return (" OR " if any_term else " AND ").join(quoted)


def _ts_query(terms: list[str], any_term: bool) -> str:
    return (" | " if any_term else " & ").join(terms)


def sentence_ids(session: Session, terms: list[str], *, any_term: bool) -> Select[int]:
    """Statement selecting ids of sentences holding all (or any) of the terms."""
    if session.get_bind().dialect.name == "sqlite":
        return select(literal_column("rowid").label("id")).select_from(text("sentence_fts")).where(
            text("sentence_fts MATCH :q").bindparams(q=_fts5_query(terms, any_term)))
    vector = func.to_tsvector("simple", Sentence.terms)
    return select(Sentence.id).where(
        vector.op("@@")(func.to_tsquery("simple", _ts_query(terms, any_term))))


def ranked_sentence_ids(session: Session, terms: list[str], limit: int) -> list[int]:
    """Ids of the sentences best matching any of the terms, best first (BM25 / ts_rank)."""
    if not terms:
        return []
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(
            text("SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH :q "
                 "ORDER BY rank LIMIT :n"),
            {"q": _fts5_query(terms, True), "n": limit})
        return [row[0] for row in rows]
    vector = func.to_tsvector("simple", Sentence.terms)
    query = func.to_tsquery("simple", _ts_query(terms, True))
    rows = session.execute(
        select(Sentence.id).where(vector.op("@@")(query))
        .order_by(func.ts_rank(vector, query).desc(), Sentence.id).limit(limit))
    return [row[0] for row in rows]


def document_frequency(session: Session, forms: Sequence[str]) -> int:
    """How many sentences hold any of the forms of one term ("meet", "met")."""
    stmt = sentence_ids(session, list(forms), any_term=True).subquery()
    return session.scalar(select(func.count()).select_from(stmt)) or 0


def sentence_counts(session: Session) -> dict[str, int]:
    """How many sentences hold each term of the project, from the index's own vocabulary
    (SQLite: an fts5vocab table; PostgreSQL: ts_stat). Both index a term joined by "_"
    ("united_states") as its parts: such a term gets the count of its rarest part, a
    bound from above."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_vocab "
                             "USING fts5vocab(main, 'sentence_fts', 'row')"))
        rows = session.execute(text("SELECT term, doc FROM temp.sentence_vocab"))
    else:
        rows = session.execute(text(
            "SELECT word, ndoc FROM ts_stat('SELECT to_tsvector(''simple'', terms) "
            "FROM sentence')"))
    return {term: count for term, count in rows}


def joined_count(counts: dict[str, int], term: str) -> int:
    """A term's sentence count in ``counts`` (sentence_counts), a joined term by its
    rarest part."""
    parts = [part for part in term.split("_") if part]
    return min((counts.get(part, 0) for part in parts), default=0)

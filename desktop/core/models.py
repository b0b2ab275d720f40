"""The tables (SQLAlchemy 2 typed ORM). Tables only: behaviour lives in service and matching."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import text

# The stored values come from the shared vocabulary; re-exported for the core that reads them.
from desktop.core.vocabulary import MentionOrigin as MentionOrigin
from desktop.core.vocabulary import ReviewState as ReviewState
from desktop.core.vocabulary import Stance as Stance
from desktop.core.vocabulary import Verdict as Verdict

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with constraint names Alembic can refer to on every backend."""

    metadata = MetaData(naming_convention=NAMING)

    @classmethod
    def table(cls) -> Table:
        """The model's Core table, for bulk statements: ``__table__`` is typed as any
        FromClause, which Core's insert and update do not accept."""
        return cls.metadata.tables[cls.__tablename__]


class Source(Base):
    """An outlet or publisher."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    kind: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)


class Article(Base):
    """One imported document; ``origin_id`` is the first article of its copy set."""

    __tablename__ = "article"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    title: Mapped[str] = mapped_column(String(1000), default="")
    published: Mapped[date | None] = mapped_column(Date, index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
    path: Mapped[str | None] = mapped_column(String(2000))
    byline: Mapped[str | None] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    body: Mapped[str] = mapped_column(Text)
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("article.id"), index=True)
    copy_similarity: Mapped[float | None] = mapped_column(Float)
    # Sampled word-shingle hashes: the near-duplicate index is rebuilt from these.
    fingerprint: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    # Optimistic lock for metadata edits, as on claims: an edit names the version it saw.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


class Sentence(Base):
    """A span of an article body; ``terms`` is its normalised text, the matching key."""

    __tablename__ = "sentence"
    __table_args__ = (Index("ix_sentence_article_ordinal", "article_id", "ordinal"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    checkworthy: Mapped[bool] = mapped_column(Boolean, default=False)
    attribution: Mapped[str | None] = mapped_column(String(300))
    terms: Mapped[str] = mapped_column(Text, default="")
    quantities: Mapped[str] = mapped_column(Text, default="[]")
    when: Mapped[str] = mapped_column(Text, default="{}")


class Claim(Base):
    """One factual assertion tracked across the corpus, with its cached source counts."""

    __tablename__ = "claim"
    # The claims table opens sorted by sources, most first: this index serves that order
    # without sorting a million rows (benchmarks/window.py).
    __table_args__ = (Index("ix_claim_sources_order", text("n_sources DESC"), "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16), default=Verdict.UNREVIEWED.value, index=True)
    verdict_as_of: Mapped[date | None] = mapped_column(Date)
    verdict_note: Mapped[str | None] = mapped_column(Text)
    review_state: Mapped[str] = mapped_column(String(16), default=ReviewState.NEW.value)
    attribution: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)
    n_sources: Mapped[int] = mapped_column(Integer, default=0, index=True)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    n_origins: Mapped[int] = mapped_column(Integer, default=0)
    n_support: Mapped[int] = mapped_column(Integer, default=0)
    n_contradict: Mapped[int] = mapped_column(Integer, default=0)
    has_conflict: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    conflict_values: Mapped[str] = mapped_column(Text, default="[]")
    first_seen: Mapped[date | None] = mapped_column(Date)


class Mention(Base):
    """A span of one article that states a claim."""

    __tablename__ = "mention"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentence.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(16), default=Stance.SUPPORTS.value)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(8), default=MentionOrigin.AUTO.value)
    score: Mapped[float] = mapped_column(Float, default=1.0)


class Evidence(Base):
    """A note or a link the team attached to a claim."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(2000))
    author: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ClaimEvent(Base):
    """Append-only audit trail: who changed what on which claim, and when.

    ``version`` is the claim version the event produced, so "what changed since the
    version you saw" is one range query; ``step_id`` is the undo step it belongs to (an
    edit, or the undo or redo of one), so undo can tell a colleague's later work from
    steps that were themselves undone."""

    __tablename__ = "claim_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    author: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int | None] = mapped_column(Integer)
    step_id: Mapped[int | None] = mapped_column(Integer, index=True)


class UndoStep(Base):
    """One undoable edit as the team sees it: who, when, what ("Mark claim 11 as
    disputed"), and whether it is currently applied (``done``) or ``undone``. Kept in the
    database, not the window, so every window and the command line share one history."""

    __tablename__ = "undo_step"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    author: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(8))


class UndoRow(Base):
    """A row one step changed, as it was before and after (JSON of its editable columns;
    null when the row did not exist): undo writes ``before`` back, redo ``after``, each
    only while the row still reads as the step left it."""

    __tablename__ = "undo_row"
    __table_args__ = (Index("ix_undo_row_kind_row", "kind", "row_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("undo_step.id", ondelete="CASCADE"),
                                         index=True)
    kind: Mapped[str] = mapped_column(String(8))
    row_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

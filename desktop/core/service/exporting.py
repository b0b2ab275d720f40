"""The export use case: the filtered claims streamed from the database to a writer, into a
temporary file renamed over the target at the end."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, case, distinct, func, literal_column, select
from sqlalchemy.orm import Session

from desktop.core.db import Database
from desktop.core.dto import ArticleRow, ClaimFilter, ClaimRow, EventRow, EvidenceRow
from desktop.core.errors import FactDeskError
from desktop.core.export.atomic import atomic_target
from desktop.core.export.claimreview import write_claimreview
from desktop.core.export.csv_writer import write_csv
from desktop.core.export.records import (
    UNKNOWN_SOURCE,
    ClaimMentions,
    ClaimRecord,
    ClaimTrail,
    ExportOptions,
    ExportResult,
    ExportSource,
    Summary,
    WriteReport,
    project_label,
    source_column,
)
from desktop.core.export.xlsx import write_xlsx
from desktop.core.models import Article, Claim, ClaimEvent, Evidence, Mention, Source
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.service import reading

PAGE = 2000
WRITERS: dict[str, Callable[[ExportSource, Path, Progress, ExportOptions], WriteReport]] = {
    ".xlsx": write_xlsx,
    ".csv": write_csv,
    ".json": write_claimreview,
    ".jsonld": write_claimreview,
}


class DatabaseExport:
    """ExportSource over the database: every method streams page by page."""

    def __init__(self, db: Database, flt: ClaimFilter, project: str, version: str,
                 sort: str = "id", descending: bool = False) -> None:
        self.db, self.flt, self.project, self.version = db, flt, project, version
        self.sort, self.descending = sort, descending

    def _pages(self) -> Iterator[list[ClaimRow]]:
        cursor = None
        while True:
            with self.db.read() as session:
                page = reading.claims_page(session, self.flt, sort=self.sort,
                                           descending=self.descending, after=cursor, limit=PAGE)
            if page.rows:
                yield list(page.rows)
            if page.cursor is None:
                return
            cursor = page.cursor

    def claims(self) -> Iterator[list[ClaimRecord]]:
        for rows in self._pages():
            yield self._records(rows)

    def _records(self, rows: list[ClaimRow]) -> list[ClaimRecord]:
        ids = [r.id for r in rows]
        outlets: dict[int, list[str]] = defaultdict(list)
        notes: dict[int, str] = {}
        explanations: dict[int, str] = {}
        with self.db.read() as session:
            for claim_id, name in session.execute(
                    select(Mention.claim_id, Source.name).distinct()
                    .join(Article, Article.id == Mention.article_id)
                    .join(Source, Source.id == Article.source_id)
                    .where(Mention.claim_id.in_(ids)).order_by(Mention.claim_id, Source.name)):
                outlets[claim_id].append(name)
            # A link with its words is a note too (the window's note box takes both).
            for claim_id, kind, text, url in session.execute(
                    select(Evidence.claim_id, Evidence.kind, Evidence.text, Evidence.url)
                    .where(Evidence.claim_id.in_(ids),
                           Evidence.kind.in_(("note", "link", "public")))
                    .order_by(Evidence.created_at, Evidence.id)):
                written = " ".join(part for part in (text, url) if part)
                (explanations if kind == "public" else notes)[claim_id] = written
            for claim_id, note in session.execute(
                    select(Claim.id, Claim.verdict_note)
                    .where(Claim.id.in_(ids), Claim.verdict_note.is_not(None))):
                if note is not None:
                    notes.setdefault(claim_id, note)
        return [ClaimRecord(r, tuple(outlets.get(r.id, ())), notes.get(r.id),
                            explanations.get(r.id)) for r in rows]

    def claims_with_mentions(self) -> Iterator[list[ClaimMentions]]:
        for rows in self._pages():
            records = self._records(rows)
            with self.db.read() as session:
                mentions = reading.mentions_of(session, [r.id for r in rows])
            by_claim: dict[int, list[Any]] = defaultdict(list)
            for mention in mentions:
                by_claim[mention.claim_id].append(mention)
            yield [ClaimMentions(r, tuple(by_claim[r.row.id])) for r in records]

    def articles(self) -> Iterator[ArticleRow]:
        with self.db.read() as session:
            exported = select(Mention.article_id).where(
                Mention.claim_id.in_(self._exported_ids(session)))
            wanted = set(session.scalars(exported.distinct()))
            yield from (row for row in reading.articles(session) if row.id in wanted)

    def _exported_ids(self, session: Session) -> Select[tuple[int]]:
        return reading.filtered(session, self.flt).with_only_columns(Claim.id)

    def sources(self) -> list[str]:
        with self.db.read() as session:
            keys = session.execute(
                select(Source.name, _unknown_origin()).distinct()
                .join(Article, Article.source_id == Source.id)
                .join(Mention, Mention.article_id == Article.id)
                .where(Mention.claim_id.in_(self._exported_ids(session)))).all()
        return [source_column(name, origin or 0)
                for name, origin in sorted(keys, key=lambda k: (k[1] is not None, k[1] or 0,
                                                                 k[0]))]

    def trails(self) -> Iterator[list[ClaimTrail]]:
        for rows in self._pages():
            ids = [r.id for r in rows]
            history: dict[int, list[EventRow]] = defaultdict(list)
            evidence: dict[int, list[EvidenceRow]] = defaultdict(list)
            with self.db.read() as session:
                for h in session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id.in_(ids))
                                         .order_by(ClaimEvent.at, ClaimEvent.id)):
                    history[h.claim_id].append(EventRow(h.at, h.author, h.action, h.field,
                                                        h.old, h.new))
                for e in session.scalars(select(Evidence).where(Evidence.claim_id.in_(ids))
                                         .order_by(Evidence.created_at, Evidence.id)):
                    evidence[e.claim_id].append(EvidenceRow(e.id, e.kind, e.text, e.url,
                                                            e.author, e.created_at))
            yield [ClaimTrail(r.id, r.text, tuple(history[r.id]), tuple(evidence[r.id]))
                   for r in rows if r.id in history or r.id in evidence]

    def summary(self) -> Summary:
        with self.db.read() as session:
            claims = reading.filtered(session, self.flt).subquery()
            by_verdict: dict[str, int] = dict(session.execute(
                select(claims.c.verdict, func.count()).group_by(claims.c.verdict)).all())
            origin = _unknown_origin()
            sources = session.execute(
                select(Source.name, origin, func.count(distinct(Article.id)),
                       func.count(distinct(Mention.claim_id)))
                .join(Article, Article.source_id == Source.id)
                .join(Mention, Mention.article_id == Article.id)
                .where(Mention.claim_id.in_(select(claims.c.id)))
                .group_by(Source.name, origin)).all()
            total = session.scalar(select(func.count()).select_from(claims)) or 0
        return Summary(
            project=project_label(self.project),
            exported_at=datetime.now().astimezone().replace(microsecond=0),
            version=self.version, flt=self.flt, claims=total, by_verdict=by_verdict,
            by_source={source_column(name, key or 0): (articles, reported)
                       for name, key, articles, reported in sources},
            unknown_sources=sum(1 for _, key, _, _ in sources if key is not None),
        )


def _unknown_origin() -> Any:
    """An article's independent origin when its outlet is unknown (it then counts as a
    source of its own, as service.counts.source_key counts it), else NULL."""
    # A literal, not a bound parameter: PostgreSQL must see the same expression in the
    # SELECT and the GROUP BY.
    return case((Source.name == literal_column(f"'{UNKNOWN_SOURCE}'"),
                 func.coalesce(Article.origin_id, Article.id)), else_=None)


def export(db: Database, target: Path, flt: ClaimFilter, *, project: str, version: str,
           sort: str = "id", descending: bool = False,
           options: ExportOptions = ExportOptions(),
           progress: Progress = NULL_PROGRESS) -> ExportResult:
    """Write the claims the filter keeps to ``target``, by its suffix, in the order of
    ``sort`` (a claims-table key: the window exports in the order it shows)."""
    writer = WRITERS.get(target.suffix.lower())
    if writer is None:
        kind = target.suffix or "a file without a suffix"
        raise FactDeskError(f"{target}: cannot export to {kind} (use .xlsx, .csv or .json)")
    target = target.expanduser().resolve()
    source = DatabaseExport(db, flt, project, version, sort, descending)
    with atomic_target(target) as temporary:
        report = writer(source, temporary, progress, options)
    with db.read() as session:
        matched = reading.count_claims(session, flt)
    return ExportResult(target, report, matched, flt != ClaimFilter())

"""The export use case: the filtered claims streamed from the database to a writer, into a
temporary file renamed over the target at the end."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, case, distinct, func, literal_column, select
from sqlalchemy.orm import Session, aliased

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
    SourceColumn,
    Summary,
    WriteReport,
    project_label,
)
from desktop.core.export.xlsx import write_xlsx
from desktop.core.models import Article, Claim, ClaimEvent, Evidence, Mention, Source
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.service import reading
from desktop.core.wording import article_name, shortened

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

    def sources(self) -> list[SourceColumn]:
        with self.db.read() as session:
            return self._sources(session)

    def _sources(self, session: Session) -> list[SourceColumn]:
        """The exported claims' sources, in the matrix's order: each unknown outlet named
        by its origin's first article, fetched with the keys (one query, not one a column)."""
        origin, first = _unknown_origin(), aliased(Article)
        keys = session.execute(
            select(Source.name, origin, first.title, first.external_id, first.path).distinct()
            .join(Article, Article.source_id == Source.id)
            .join(Mention, Mention.article_id == Article.id)
            .outerjoin(first, first.id == origin)
            .where(Mention.claim_id.in_(self._exported_ids(session)))).all()
        return source_columns(sorted(keys, key=lambda k: (k[1] is not None, k[1] or 0, k[0])))

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
            origin, first = _unknown_origin(), aliased(Article)
            named = (Source.name, origin, first.title, first.external_id, first.path)
            sources = session.execute(
                select(*named, func.count(distinct(Article.id)),
                       func.count(distinct(Mention.claim_id)))
                .join(Article, Article.source_id == Source.id)
                .join(Mention, Mention.article_id == Article.id)
                .outerjoin(first, first.id == origin)
                .where(Mention.claim_id.in_(select(claims.c.id)))
                .group_by(*named)).all()
            total = session.scalar(select(func.count()).select_from(claims)) or 0
        columns = source_columns([row[:5] for row in sources])
        return Summary(
            project=project_label(self.project),
            exported_at=datetime.now().astimezone().replace(microsecond=0),
            version=self.version, flt=self.flt, claims=total, by_verdict=by_verdict,
            by_source={column: (row[5], row[6])
                       for column, row in zip(columns, sources, strict=True)},
        )


def _unknown_origin() -> Any:
    """An article's independent origin when its outlet is unknown (it then counts as a
    source of its own, as service.counts.source_key counts it), else NULL."""
    # A literal, not a bound parameter: PostgreSQL must see the same expression in the
    # SELECT and the GROUP BY.
    return case((Source.name == literal_column(f"'{UNKNOWN_SOURCE}'"),
                 func.coalesce(Article.origin_id, Article.id)), else_=None)


HEADER_CHARS = 50
"""An unknown outlet's header is its article's name cut to this length (in full in the
header's note): a title of 200 characters made a header of nine lines."""


def source_columns(keys: Sequence[Sequence[Any]]) -> list[SourceColumn]:
    """Columns for these (outlet, unknown outlet's origin, and the title, external id and
    file of that origin's first article), in their order. An unknown outlet is named as
    the window names the article (wording.article_name); a name another column's also
    reads (two files both "report.txt", an article titled as an outlet is named) says
    which article it is, "report.txt (article 12)": a reader must tell them apart, and a
    table's headers must differ."""
    articles = ["" if origin is None else article_name(title, external_id, origin, path)
                for _, origin, title, external_id, path in keys]
    names = [outlet if origin is None else shortened(article, HEADER_CHARS)
             for (outlet, origin, *_), article in zip(keys, articles, strict=True)]
    seen = Counter(_folded(name) for name in names)
    return [SourceColumn(name if origin is None or seen[_folded(name)] == 1
                         else f"{name} (article {origin})", outlet, origin, article)
            for name, article, (outlet, origin, *_) in zip(names, articles, keys, strict=True)]


def _folded(name: str) -> str:
    """A header as Excel compares table headers: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


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

"""The one API the window and the command line call: every use case, one transaction each.

Methods take and return plain values (dto), never ORM objects, so nothing lazy-loads on the
GUI thread and a session never crosses threads.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop import __version__
from desktop.core.db import Database, Upgrade, open_database
from desktop.core.dto import (
    ArticleRow,
    Changes,
    ClaimDetail,
    ClaimFilter,
    ClaimRow,
    ImportReport,
    MentionRow,
    MentionSpan,
    SearchHit,
    Stats,
)
from desktop.core.errors import NotFound
from desktop.core.export.records import ExportOptions, ExportResult
from desktop.core.ingest.csv_reader import CsvOptions
from desktop.core.models import Article
from desktop.core.paths import database_url
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.service import editing, reading, undo
from desktop.core.service.checking import CheckReport, check
from desktop.core.service.exporting import export
from desktop.core.service.importing import import_paths
from desktop.core.service.reading import ClaimPage
from desktop.core.service.searching import Searcher


class Service:
    """FactDesk's use cases over one open database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, db: str | Path | None = None) -> Service:
        """Open (creating or migrating) the database named by --db, FACTDESK_DB or default."""
        return cls(open_database(database_url(db)))

    @property
    def upgraded(self) -> Upgrade | None:
        """The schema upgrade opening this project made, if any: the front ends say it once,
        since the FactDesk that wrote the project can no longer open it."""
        return self.db.upgraded

    def close(self) -> None:
        """Release the database."""
        self.db.close()

    # Import -----------------------------------------------------------------------------
    def import_paths(self, paths: Iterable[Path | str], *, source: str | None = None,
                     text_column: str | None = None, id_column: str | None = None,
                     title_column: str | None = None,
                     progress: Progress = NULL_PROGRESS) -> ImportReport:
        """Import files and folders; one transaction per article."""
        return import_paths(self.db, [Path(p) for p in paths], source=source,
                            csv_options=CsvOptions(text_column, id_column, title_column),
                            progress=progress)

    # Reading ----------------------------------------------------------------------------
    def claims(self, flt: ClaimFilter = ClaimFilter(), *, limit: int | None = None,
               sort: str = "sources", descending: bool = True) -> list[ClaimRow]:
        """Claims the filter keeps, in the given order, at most ``limit``."""
        out: list[ClaimRow] = []
        cursor = None
        with self.db.read() as session:
            while True:
                page = reading.claims_page(session, flt, sort=sort, descending=descending,
                                           after=cursor, limit=min(limit or 1000, 1000))
                out.extend(page.rows)
                cursor = page.cursor
                if cursor is None or (limit is not None and len(out) >= limit):
                    return out[:limit] if limit is not None else out

    def claims_page(self, flt: ClaimFilter, *, sort: str = "sources", descending: bool = True,
                    after: tuple[Any, int] | None = None, limit: int = 500) -> ClaimPage:
        """One keyset page of claims, for lazy tables."""
        with self.db.read() as session:
            return reading.claims_page(session, flt, sort=sort, descending=descending,
                                       after=after, limit=limit)

    def claim_ids(self, flt: ClaimFilter = ClaimFilter(), *, sort: str = "sources",
                  descending: bool = True) -> array[int]:
        """Ids of the claims the filter keeps, in order (for lazy tables)."""
        with self.db.read() as session:
            return reading.claim_ids(session, flt, sort=sort, descending=descending)

    def claims_by_ids(self, ids: list[int]) -> list[ClaimRow]:
        """These claims' rows, in the order given."""
        with self.db.read() as session:
            return reading.claims_by_ids(session, ids)

    def count_claims(self, flt: ClaimFilter = ClaimFilter()) -> int:
        """How many claims the filter keeps."""
        with self.db.read() as session:
            return reading.count_claims(session, flt)

    def mentions(self, claim_ids: list[int]) -> list[MentionRow]:
        """Mentions of these claims."""
        with self.db.read() as session:
            return reading.mentions_of(session, claim_ids)

    def claim(self, claim_id: int) -> ClaimDetail:
        """One claim with its mentions, evidence and history."""
        with self.db.read() as session:
            return reading.claim_detail(session, claim_id)

    def articles(self, *, with_claims: bool = True) -> list[ArticleRow]:
        """Every article, grouped by source (claim counts cost a pass over mentions)."""
        with self.db.read() as session:
            return reading.articles(session, with_claims=with_claims)

    def article(self, article_id: int) -> ArticleRow:
        """One article's metadata."""
        with self.db.read() as session:
            return reading.article_row(session, article_id)

    def article_spans(self, article_id: int) -> list[MentionSpan]:
        """Where the article states claims, with their verdicts: what its text highlights."""
        with self.db.read() as session:
            return reading.article_spans(session, article_id)

    def article_body(self, article_id: int) -> str:
        """The stored text an article's offsets point into."""
        with self.db.read() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise NotFound(f"article {article_id} does not exist")
            return article.body

    def stats(self) -> Stats:
        """Totals."""
        with self.db.read() as session:
            return reading.stats(session)

    def claim_totals(self) -> Stats:
        """``stats`` with only the claim figures fresh (cheap after a verdict edit);
        articles, sources, sentences and mentions are 0."""
        with self.db.read() as session:
            claims, conflicts, by_verdict = reading.claim_totals(session)
        return Stats(0, 0, 0, 0, claims, 0, conflicts, by_verdict)

    def change_marker(self) -> tuple[int, int]:
        """Something that moves whenever anyone changes the project: the newest history
        entry (every claim edit writes one) and the newest article. Two primary-key
        maxima, cheap enough to poll on a shared server."""
        with self.db.read() as session:
            return reading.change_marker(session)

    def search(self, query: str, limit: int = 20, passing: bool = False) -> list[SearchHit]:
        """Articles judged to state or discuss the query's claim, best first; with
        ``passing``, then those holding its words in passing (Searcher.search)."""
        with self.db.read() as session:
            return Searcher(session).search(query, limit, passing)

    def searches(self, queries: Iterable[str], limit: int = 20,
                 passing: bool = False) -> Iterable[tuple[str, list[SearchHit]]]:
        """Many searches in one session, sharing term statistics (``search -``); each
        query is answered as soon as it is read."""
        with self.db.read() as session:
            searcher = Searcher(session)
            for query in queries:
                yield query, searcher.search(query, limit, passing)

    def check(self) -> CheckReport:
        """The database's own checks and a recount of every cached count."""
        return check(self.db)

    # Writing ----------------------------------------------------------------------------
    # Every write is one transaction and one undo step, and returns the Changes it made.
    # ``expected_version`` is the version of the claim (for edit_article: the article) the
    # user saw; a write over a newer one raises StaleVersion, which says what the
    # colleague did and carries the row as it is now ("apply mine" = the same call with
    # ``error.current.version``). None skips the check (the command line without
    # --expect-version), never the lock: the audit trail stays an unbroken chain.

    def _edit(self, write: Callable[[Session], Changes]) -> Changes:
        """One edit in one transaction, with the project's Marker read on both sides of
        it (Changes.marks)."""
        with self.db.write(exclusive=True) as session:
            before = reading.change_marker(session)
            changes = write(session)
            session.flush()
            return replace(changes, marks=((before, reading.change_marker(session)),))

    @staticmethod
    def _seen(claim_id: int, version: int | None) -> dict[int, int]:
        return {} if version is None else {claim_id: version}

    def set_verdict(self, claim_id: int, verdict: str, *, note: str | None = None,
                    by: str | None = None, expected_version: int | None = None,
                    as_of: date | None = None) -> Changes:
        """Give a claim a verdict (as of ``as_of``, else today), with an optional note."""
        return self._edit(lambda session: editing.set_verdict(
            session, claim_id, verdict, note=note, by=by,
            expected=self._seen(claim_id, expected_version), as_of=as_of))

    def set_review_state(self, claim_id: int, state: str, *, by: str | None = None,
                         expected_version: int | None = None) -> Changes:
        """new / in progress / done."""
        return self._edit(lambda session: editing.set_review_state(
            session, claim_id, state, by=by, expected=self._seen(claim_id, expected_version)))

    def set_claim_text(self, claim_id: int, text: str, *, by: str | None = None,
                       expected_version: int | None = None) -> Changes:
        """Reword a claim."""
        return self._edit(lambda session: editing.set_claim_text(
            session, claim_id, text, by=by, expected=self._seen(claim_id, expected_version)))

    def add_evidence(self, claim_id: int, *, text: str = "", url: str | None = None,
                     by: str | None = None, expected_version: int | None = None,
                     public: bool = False) -> Changes:
        """Attach a note or a link; ``Changes.evidence_id`` names it. ``public``: the
        verdict's published explanation, kept apart from internal notes."""
        return self._edit(lambda session: editing.add_evidence(
            session, claim_id, text=text, url=url, by=by,
            expected=self._seen(claim_id, expected_version), public=public))

    def edit_evidence(self, evidence_id: int, *, text: str, url: str | None = None,
                      by: str | None = None, claim_version: int | None = None,
                      claim_id: int | None = None) -> Changes:
        """Correct a note or link (``claim_id``, ``claim_version``: the claim the user saw
        it on, and that claim's version)."""
        def write(session: Session) -> Changes:
            on = editing.on_claim(session, "evidence", evidence_id, claim_id)
            return editing.edit_evidence(session, evidence_id, text=text, url=url, by=by,
                                         expected=self._seen(on, claim_version))

        return self._edit(write)

    def remove_evidence(self, evidence_id: int, *, by: str | None = None,
                        claim_version: int | None = None,
                        claim_id: int | None = None) -> Changes:
        """Remove a note or link (``claim_id``, ``claim_version`` as for edit_evidence)."""
        def write(session: Session) -> Changes:
            on = editing.on_claim(session, "evidence", evidence_id, claim_id)
            return editing.remove_evidence(session, evidence_id, by=by,
                                           expected=self._seen(on, claim_version))

        return self._edit(write)

    def set_stance(self, mention_id: int, stance: str, *, by: str | None = None,
                   claim_version: int | None = None, claim_id: int | None = None) -> Changes:
        """Correct a mention's stance (``claim_id``, ``claim_version``: the claim the user
        saw it on, and that claim's version; a mention moved since is a stale edit)."""
        def write(session: Session) -> Changes:
            on = editing.on_claim(session, "mention", mention_id, claim_id)
            return editing.set_stance(session, mention_id, stance, by=by,
                                      expected=self._seen(on, claim_version))

        return self._edit(write)

    def merge_claims(self, target_id: int, other_ids: list[int], *, by: str | None = None,
                     expected_versions: Mapping[int, int] | None = None) -> Changes:
        """Fold claims into one (``expected_versions``: claim id -> version seen)."""
        return self._edit(lambda session: editing.merge_claims(
            session, target_id, other_ids, by=by, expected=expected_versions or {}))

    def move_mentions(self, mention_ids: list[int], to_claim_id: int | None, *,
                      by: str | None = None,
                      expected_versions: Mapping[int, int] | None = None) -> Changes:
        """Move mentions to another claim or a new one (``Changes.claim_id``)."""
        return self._edit(lambda session: editing.move_mentions(
            session, mention_ids, to_claim_id, by=by, expected=expected_versions or {}))

    def add_span(self, article_id: int, start: int, end: int, claim_id: int | None = None, *,
                 by: str | None = None, expected_version: int | None = None) -> Changes:
        """A span of an article as a mention of a claim (a new one if None); the claim is
        ``Changes.claim_id``."""
        def write(session: Session) -> Changes:
            seen = {} if claim_id is None else self._seen(claim_id, expected_version)
            return editing.add_span(session, article_id, start, end, claim_id, by=by,
                                    expected=seen)

        return self._edit(write)

    def undo(self, step_id: int, *, by: str | None = None) -> Changes:
        """Undo one step exactly, in one transaction; UndoConflict (naming who changed
        what) if someone has since changed what it changed."""
        return self._edit(lambda session: undo.undo(session, step_id, by=by))

    def redo(self, step_id: int, *, by: str | None = None) -> Changes:
        """Apply an undone step again, on the same terms as undo."""
        return self._edit(lambda session: undo.undo(session, step_id, by=by, redo=True))

    def undo_steps(self, step_ids: list[int], *, by: str | None = None) -> Changes:
        """Undo several steps made as one user action (verdicts on several selected
        claims), newest first, all in one transaction: all are undone or none."""
        return self._edit(lambda session: undo.undo_all(session, step_ids, by=by))

    def redo_steps(self, step_ids: list[int], *, by: str | None = None) -> Changes:
        """Redo several steps, oldest first, all or none."""
        return self._edit(lambda session: undo.undo_all(session, step_ids, by=by, redo=True))

    def export(self, target: Path | str, flt: ClaimFilter = ClaimFilter(), *,
               sort: str = "id", descending: bool = False,
               options: ExportOptions = ExportOptions(),
               progress: Progress = NULL_PROGRESS) -> ExportResult:
        """Export the claims the filter keeps to .xlsx, .csv or ClaimReview .json, in the
        order of ``sort`` (any key of ``claims``; by id unless given)."""
        return export(self.db, Path(target), flt, project=self.project_name(),
                      version=__version__, sort=sort, descending=descending,
                      options=options, progress=progress)

    def project_name(self) -> str:
        """The database as a user would name it: the file, or the server URL sans password."""
        url = self.db.engine.url
        if url.get_backend_name() == "sqlite":
            return str(url.database)
        return url.render_as_string(hide_password=True)

    def edit_article(self, article_id: int, *, source: str | None = None,
                     title: str | None = None, published: date | None = None,
                     clear_published: bool = False, by: str | None = None,
                     expected_version: int | None = None) -> Changes:
        """Correct an article's metadata; counts follow. The date changes only when given
        or cleared; ``expected_version`` is the article's (ArticleRow.version)."""
        return self._edit(lambda session: editing.edit_article(
            session, article_id, source=source, title=title, published=published,
            clear_published=clear_published, by=by, expected_version=expected_version))

"""The import use case: files to articles, sentences, mentions and claims; one article per
transaction, so a failure or a cancel never leaves half an article behind.

Whatever fails on one article (its cleanup, its analysis in a worker, its matching and
stance here) fails that article alone, reported in one line: the batch goes on. Only the
storage failing (a full disk, a damaged or read-only project) stops an import, as every
later article would fail the same way."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TypeVar

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from desktop.core import ingest
from desktop.core.db import Database
from desktop.core.dto import ImportItem, ImportReport
from desktop.core.errors import Cancelled, FactDeskError, InputError, StorageFull, shown_path
from desktop.core.ingest.cleanup import clean
from desktop.core.ingest.csv_reader import CsvOptions
from desktop.core.ingest.dedupe import TITLE_MAX, content_hash, encode_fingerprint
from desktop.core.ingest.document import Document
from desktop.core.models import Article, Claim, Mention, MentionOrigin, Sentence, Source
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.service import counts
from desktop.core.service.analysis_pool import (
    Analyse,
    Analysis,
    AnalysisPool,
    Outcome,
    Unanalysed,
    analyse_article,
    describe,
)
from desktop.core.service.counts import UNKNOWN_SOURCE
from desktop.core.service.state import Canonical, ImportState, load_state, stance_toward
from desktop.core.text.analysis import SentenceFeatures
from desktop.core.text.dates import When

_ARTICLE = Article.table()
# Built once: statements rebuilt per article cost more in SQLAlchemy than SQLite's work.
_INSERT_ARTICLE = insert(_ARTICLE).returning(_ARTICLE.c.id)
_SET_ORIGIN = (update(_ARTICLE).where(_ARTICLE.c.id == bindparam("article"))
               .values(origin_id=bindparam("origin")))
_FIND_HASH = select(_ARTICLE.c.id).where(_ARTICLE.c.content_hash == bindparam("digest"))
_SENTENCE, _CLAIM = Sentence.table(), Claim.table()
_INSERT_SENTENCES = insert(_SENTENCE).returning(_SENTENCE.c.id, sort_by_parameter_order=True)
_INSERT_CLAIMS = insert(_CLAIM).returning(_CLAIM.c.id, sort_by_parameter_order=True)
_INSERT_MENTIONS = insert(Mention.table())

T = TypeVar("T")
BATCH = 128
"""Articles read, cleaned and analysed together before they are stored one by one."""


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@lru_cache(maxsize=1024)
def _when_json(when: When) -> str:
    """A sentence's date in store form. Most sentences of an article share one (none, or
    the article's own day), so the JSON is written once per distinct date."""
    return json.dumps(when.to_json())


def now() -> datetime:
    """Naive UTC: what every backend stores the same way."""
    return datetime.now(UTC).replace(tzinfo=None)


def unanalysed(where: str, reason: str) -> ImportItem:
    """The report of an article whose text could not be processed."""
    return ImportItem(where, "failed", reason=f"could not be analysed: {reason}")


def cleaned(documents: Iterable[Document]) -> Iterator[Document | ImportItem]:
    """Each document cleaned up, or the report of why its cleanup failed."""
    for doc in documents:
        try:
            result = clean(doc)
        except Exception as error:
            yield unanalysed(doc.where, describe(error))
        else:
            yield result


class Importer:
    """Runs one import over a list of paths; see import_paths()."""

    def __init__(self, db: Database, source: str | None, csv_options: CsvOptions,
                 analyse_one: Analyse = analyse_article) -> None:
        self.db = db
        self.analyse_one = analyse_one
        self.source = source.strip() if source and source.strip() else None
        self.csv_options = csv_options
        with db.read() as session:
            self.state: ImportState = load_state(session)
        self._writing = ""
        """The file or row being stored, for a message if the disk fills up."""

    def run(self, paths: Iterable[Path], progress: Progress) -> ImportReport:
        """Import every file (folders recursed); a bad file is reported, never fatal."""
        try:
            return self._run(paths, progress)
        finally:
            # The objects frozen batch by batch (see _import_file) are the collector's again.
            gc.unfreeze()

    def _run(self, paths: Iterable[Path], progress: Progress) -> ImportReport:
        files = ingest.expand(paths)
        total = sum(ingest.count_documents(path) for path in files)
        items: list[ImportItem] = []
        pool = AnalysisPool(analyse_one=self.analyse_one)
        try:
            for path in files:
                progress.check()
                progress.report(len(items), total, f"Importing {path.name}")
                for item in self._import_file(path, pool, progress, total, len(items)):
                    items.append(item)
            progress.report(total, total, "Import finished")
        except Cancelled:
            pool.abandon()
            return ImportReport(tuple(items), cancelled=True)
        except StorageFull as full:
            pool.abandon()
            kept = sum(1 for item in items if item.status == "imported")
            raise StorageFull(
                f"{self.db.name}: the disk is full (writing {self._writing}); the {kept:,} "
                "articles imported before it are kept, it and the rest were not imported. "
                "Free some space and import again: what is kept is skipped as duplicate"
            ) from full
        except BaseException:
            pool.abandon()
            raise
        pool.close()
        return ImportReport(tuple(items))

    def _import_file(self, path: Path, pool: AnalysisPool, progress: Progress, total: int,
                     done: int) -> Iterator[ImportItem]:
        try:
            batches = batched(cleaned(ingest.read(path, self.csv_options)), BATCH)
            current = self._submit(pool, next(batches, []))
            while current[0]:
                following = self._submit(pool, next(batches, []))  # analysed meanwhile
                documents, wait = current
                outcomes = iter(wait())
                for doc in documents:
                    progress.check()
                    if isinstance(doc, ImportItem):
                        yield doc
                    elif not doc.text.strip():
                        yield ImportItem(doc.where, "failed",
                                         reason="no article text after cleanup")
                    else:
                        item = self._import_outcome(doc, next(outcomes), path)
                        yield replace(item, warning=doc.warning) if doc.warning else item
                    done += 1
                    progress.report(done, total, f"Importing {path.name}")
                    # What an article adds to the claim index lives as long as the import:
                    # frozen, the collector stops scanning it again and again (collections
                    # took 8% of the importing process's CPU on the FNC-1 bodies, 2% so);
                    # run() unfreezes it. Nothing else lives past an article, so nothing
                    # collectable waits: after the FNC-1 import a collection finds nothing.
                    gc.freeze()
                current = following
        except InputError as error:
            yield ImportItem(error.path, "failed", reason=error.reason)

    @staticmethod
    def _submit(pool: AnalysisPool, documents: list[Document | ImportItem]
                ) -> tuple[list[Document | ImportItem], Callable[[], list[Outcome]]]:
        jobs = [(doc.text, doc.published) for doc in documents
                if isinstance(doc, Document) and doc.text.strip()]
        return documents, pool.submit(jobs)

    def _import_outcome(self, doc: Document, outcome: Outcome, path: Path) -> ImportItem:
        if isinstance(outcome, Unanalysed):
            return unanalysed(doc.where, outcome.reason)
        return self._import_document(doc, outcome, path)

    def _import_document(self, doc: Document, analysis: Analysis, path: Path) -> ImportItem:
        self._writing = doc.where
        digest = content_hash(doc.title, doc.text)
        try:
            # The duplicate check shares the article's transaction: one session, and no
            # window in which a colleague's import of the same text could slip between.
            with self.db.write() as session:
                existing = session.connection().execute(_FIND_HASH, {"digest": digest}).scalar()
                if existing is not None:
                    return ImportItem(doc.where, "duplicate", article_id=existing,
                                      reason=f"same text as article {existing}")
                return self._store(session, doc, digest, path, analysis)
        except (FactDeskError, SQLAlchemyError):  # the storage: every article would fail
            self._forget_rolled_back()
            raise
        except Exception as error:  # matching or stance: this article alone
            self._forget_rolled_back()
            return unanalysed(doc.where, describe(error))
        except BaseException:
            self._forget_rolled_back()
            raise

    def _forget_rolled_back(self) -> None:
        """The transaction rolled back: drop whatever the indexes learned from it."""
        with self.db.read() as session:
            self.state = load_state(session)

    def _source_id(self, session: Session, doc: Document) -> int:
        name = (self.source or doc.source or UNKNOWN_SOURCE)[:200]
        if name not in self.state.sources:
            self.state.sources[name] = session.execute(
                insert(Source).values(name=name).returning(Source.id)).scalar_one()
        return self.state.sources[name]

    def _store(self, session: Session, doc: Document, digest: str, path: Path,
               analysis: Analysis) -> ImportItem:
        hashes = analysis.fingerprint
        copy = self.state.copies.find_copy(hashes)
        connection = session.connection()
        article_id = connection.execute(_INSERT_ARTICLE, {
            "source_id": self._source_id(session, doc), "title": doc.title[:TITLE_MAX],
            "published": doc.published, "url": doc.url, "external_id": doc.external_id,
            "path": shown_path(path), "byline": doc.byline, "content_hash": digest,
            "body": doc.text, "copy_similarity": copy.containment if copy else None,
            "fingerprint": encode_fingerprint(hashes), "imported_at": now(),
        }).scalar_one()
        origin_id = copy.origin_id if copy else article_id
        rerooted: set[int] = set()
        if copy and self._dated_before(session, doc.published, copy.origin_id):
            rerooted = self._reroot(session, copy.origin_id, article_id)
            origin_id = article_id
        connection.execute(_SET_ORIGIN, {"article": article_id, "origin": origin_id})
        features = analysis.features
        sentence_ids = self._store_sentences(session, article_id, features)
        touched = self._store_mentions(session, article_id, features, sentence_ids)
        counts.refresh(session, touched | rerooted)
        self.state.copies.add(article_id, origin_id, hashes)
        return ImportItem(doc.where, "imported", article_id=article_id,
                          copy_of=copy.article_id if copy else None, claims=len(touched))

    @staticmethod
    def _dated_before(session: Session, published: date | None, origin_id: int) -> bool:
        """Whether a new near-copy is dated before its copy set's origin: then it is the
        original, whatever order the files came in (an undated article is never taken
        for the earlier one)."""
        if published is None:
            return False
        first = session.execute(select(Article.published).where(Article.id == origin_id))
        origin_date = first.scalar_one()
        return origin_date is not None and published < origin_date

    def _reroot(self, session: Session, old_origin: int, new_origin: int) -> set[int]:
        """Make ``new_origin`` the origin of ``old_origin``'s copy set; the claims those
        articles mention, whose counts by origin must be taken again."""
        members = select(Article.id).where(Article.origin_id == old_origin)
        claims = set(session.execute(
            select(Mention.claim_id).where(Mention.article_id.in_(members)).distinct()
        ).scalars())
        session.execute(update(Article).where(Article.origin_id == old_origin)
                        .values(origin_id=new_origin))
        self.state.copies.reroot(old_origin, new_origin)
        return claims

    def _store_sentences(self, session: Session, article_id: int,
                         features: list[SentenceFeatures]) -> list[int]:
        if not features:
            return []
        rows = [{
            "article_id": article_id, "ordinal": f.ordinal, "start": f.start, "end": f.end,
            "text": f.text, "checkworthy": f.checkworthy, "attribution": f.attribution,
            "terms": " ".join(f.terms),
            "quantities": json.dumps([q.to_json() for q in f.quantities]) if f.quantities
            else "[]",
            "when": _when_json(f.when),
        } for f in features]
        # Core statements on the session's connection: the ORM's bulk layer doubled the
        # cost of these, the largest inserts of an import (benchmarks/import_speed.py).
        result = session.connection().execute(_INSERT_SENTENCES, rows)
        return list(result.scalars())

    def _store_mentions(self, session: Session, article_id: int,
                        features: list[SentenceFeatures], sentence_ids: list[int]) -> set[int]:
        """Match each check-worthy sentence to a claim, creating claims in one batch.

        New claims get provisional negative ids while the article is matched (a later
        sentence of the same article may join them), then the ids the database assigns.
        """
        rows: list[dict[str, object]] = []
        created: list[tuple[int, SentenceFeatures]] = []
        in_body = len(features) > 1
        for feature, sentence_id in zip(features, sentence_ids, strict=True):
            if not feature.checkworthy:
                continue
            terms = frozenset(feature.terms)
            placement = self.state.claims.place(terms, feature.when)
            match, also = placement.join, placement.also
            if match is None:
                claim_id = -1 - len(created)
                created.append((claim_id, feature))
                self.state.canonical[claim_id] = Canonical(feature.claim_text,
                                                           feature.quantities)
                score = 1.0
            else:
                claim_id, score = match.claim_id, match.score
            stance = stance_toward(self.state.canonical[claim_id], feature, in_body)
            self.state.claims.add(claim_id, terms, feature.when)
            rows.append({
                "claim_id": claim_id, "article_id": article_id, "sentence_id": sentence_id,
                "start": feature.start, "end": feature.end, "stance": stance.value,
                "hedged": feature.hedged, "origin": MentionOrigin.AUTO.value,
                "score": round(score, 4),
            })
            if also is not None:
                rows.append({**rows[-1], "claim_id": also.claim_id,
                             "origin": MentionOrigin.ALSO.value, "score": round(also.score, 4),
                             "stance": stance_toward(self.state.canonical[also.claim_id],
                                                     feature, in_body).value})
        stored = self._create_claims(session, created)
        for row in rows:
            row["claim_id"] = stored.get(row["claim_id"], row["claim_id"])  # type: ignore[call-overload]
        if rows:
            session.connection().execute(_INSERT_MENTIONS, rows)
        return {row["claim_id"] for row in rows}  # type: ignore[misc]

    def _create_claims(self, session: Session,
                       created: list[tuple[int, SentenceFeatures]]) -> dict[int, int]:
        """Insert new claims in one statement; provisional id -> stored id."""
        if not created:
            return {}
        stamp = now()
        ids = session.connection().execute(
            _INSERT_CLAIMS,
            [{"text": f.claim_text, "attribution": f.attribution, "created_at": stamp,
              "updated_at": stamp} for _, f in created]).scalars()
        mapping = dict(zip((p for p, _ in created), ids, strict=True))
        for provisional, stored in mapping.items():
            self.state.claims.rename(provisional, stored)
            self.state.canonical[stored] = self.state.canonical.pop(provisional)
        return mapping


def import_paths(db: Database, paths: Iterable[Path], *, source: str | None = None,
                 csv_options: CsvOptions = CsvOptions(),
                 progress: Progress = NULL_PROGRESS,
                 analyse_one: Analyse = analyse_article) -> ImportReport:
    """Import files and folders; each article is committed on its own.

    ``analyse_one`` is the analysis of one article (see analysis_pool.Analyse): only
    tests replace it, to make one article's analysis fail where it really runs."""
    return Importer(db, source, csv_options, analyse_one).run(paths, progress)

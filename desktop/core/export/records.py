"""The rows an export writes, and the source that streams them: plain data, no database.

The service implements ExportSource over the database; the writers only iterate, so each
sheet streams from a query and memory stays flat whatever the number of claims.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from desktop.core.dto import (
    ArticleRow,
    ClaimFilter,
    ClaimRow,
    EventRow,
    EvidenceRow,
    MentionRow,
)
from desktop.core.project_file import DEMO_FOLDER_PREFIX
from desktop.core.vocabulary import VERDICT_FILL, VERDICT_MEANING, Verdict

VERDICT_STYLE: dict[str, tuple[str, str]] = {
    verdict.value: (VERDICT_FILL[verdict].lstrip("#"), VERDICT_MEANING[verdict])
    for verdict in Verdict
}
"""Fill colour (RGB) and meaning of each verdict, shared by the sheets and the legend."""


@dataclass(frozen=True)
class ClaimRecord:
    """A claim as exported: its table row, plus the outlets reporting it and the latest
    note, which the table itself does not show."""

    row: ClaimRow
    outlets: tuple[str, ...]
    latest_note: str | None
    explanation: str | None = None
    """The public explanation of the verdict: the only text of the team's that may be
    published (ClaimReview's reviewBody); notes stay internal."""

    @property
    def conflict(self) -> str:
        """What the figures disagree on, "troops killed: around 300 vs around 600; ..."."""
        return "; ".join(f"{c.label or c.slot}: {' vs '.join(c.values)}"
                         for c in self.row.conflicts)


@dataclass(frozen=True)
class ClaimMentions:
    """A claim with its mentions, for the Mentions sheet, the matrix and ClaimReview."""

    claim: ClaimRecord
    mentions: tuple[MentionRow, ...]


@dataclass(frozen=True)
class ClaimTrail:
    """A claim's history and evidence."""

    claim_id: int
    claim: str
    history: tuple[EventRow, ...]
    evidence: tuple[EvidenceRow, ...]


@dataclass(frozen=True)
class Summary:
    """What was exported, and the counts the Summary sheet shows."""

    project: str
    exported_at: datetime
    version: str
    flt: ClaimFilter
    claims: int
    by_verdict: dict[str, int] = field(default_factory=dict)
    by_source: dict[SourceColumn, tuple[int, int]] = field(default_factory=dict)
    """Source -> (articles, exported claims it reports)."""

    @property
    def unknown_sources(self) -> int:
        """How many of by_source stand for unknown outlets, one per independent origin."""
        return sum(1 for source in self.by_source if source.origin is not None)


UNKNOWN_SOURCE = "unknown"
"""The outlet of an article whose outlet is unknown (service.counts.UNKNOWN_SOURCE)."""


@dataclass(frozen=True)
class SourceColumn:
    """A source as the workbook counts it, as the window does: an outlet; or, for
    articles of unknown outlet, one independent origin, so different unknown outlets are
    never merged into one."""

    name: str
    """The header: the outlet's name, or the origin's first article as the window names
    it (its title, else its file), shortened and made unique among the columns."""
    outlet: str
    origin: int | None = None
    """The origin's first article when the outlet is unknown, else None."""
    article: str = ""
    """That article's name in full, for the header's note."""

    @property
    def key(self) -> tuple[str, int | None]:
        """What a mention's source_key must equal to be counted in this column."""
        return self.outlet, self.origin


def source_key(outlet: str, origin: int) -> tuple[str, int | None]:
    """Which source an article of this outlet and independent origin counts as
    (SourceColumn.key): its outlet, or its origin when the outlet is unknown."""
    return outlet, origin if outlet == UNKNOWN_SOURCE else None


def project_label(project: str) -> str:
    """The project as the Summary names it: the demo's temporary path means nothing to a
    reader of the workbook."""
    folder = Path(project).parent.name
    return "demo project" if folder.startswith(DEMO_FOLDER_PREFIX) else project


@dataclass(frozen=True)
class ExportOptions:
    """What the user chose beyond the filter: the CSV's table and delimiter, and who
    publishes the ClaimReview and where."""

    what: str = "claims"
    """The CSV's table: claims, mentions or articles (the workbook holds all three)."""
    delimiter: str = ","
    """The CSV's field separator; ";" for spreadsheets in locales with a decimal comma."""
    review_url: str = ""
    """Where the team publishes its reviews: a URL holding "{id}" (the claim id goes
    there), or a page whose "#claim-ID" anchors hold the reviews."""
    author: str = ""
    """The organisation publishing the reviews."""
    author_url: str = ""
    """Its web site."""


@dataclass(frozen=True)
class WriteReport:
    """What a writer wrote, and what it left out and why: facts, not sentences, so each
    front end words them its own way (Preferences in the window, --review-url on the
    command line)."""

    written: int
    skipped_without_url: tuple[int, ...] = ()
    """Claims whose review is done but has no URL to be published at (ClaimReview)."""
    unfinished: int = 0
    """Claims with a verdict whose review is not marked done, so not published."""
    no_author: bool = False
    """Reviews were published naming no author."""


@dataclass(frozen=True)
class ExportResult:
    """A finished export: where it is, how many rows or reviews it holds, how many claims
    the filter kept, and what was left out and why (core.wording.export_summary says it)."""

    path: Path
    report: WriteReport
    matched: int
    """Claims the filter kept: none is a different answer from none published."""
    filtered: bool
    """Whether a filter was set (else "no claim" means the project holds none)."""

    @property
    def written(self) -> int:
        """Rows or reviews the file holds."""
        return self.report.written


class ExportSource(Protocol):
    """Streams what an export writes; every method may be called more than once."""

    def summary(self) -> Summary:
        """Counts and metadata."""

    def claims(self) -> Iterator[list[ClaimRecord]]:
        """Claims the filter keeps, in pages."""

    def claims_with_mentions(self) -> Iterator[list[ClaimMentions]]:
        """The same claims with their mentions, in pages."""

    def articles(self) -> Iterator[ArticleRow]:
        """Articles holding mentions of the exported claims."""

    def sources(self) -> list[SourceColumn]:
        """The sources of the exported claims, for the matrix: the outlets by name, then
        the unknown outlets by origin."""

    def trails(self) -> Iterator[list[ClaimTrail]]:
        """History and evidence of the exported claims, in pages."""

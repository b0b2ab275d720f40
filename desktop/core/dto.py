"""Plain, frozen data crossing from core to the GUI and the command line (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ImportItem:
    """What happened to one file, or one CSV row."""

    path: str
    status: str  # imported | duplicate | failed
    article_id: int | None = None
    copy_of: int | None = None
    reason: str | None = None
    claims: int = 0
    warning: str | None = None  # imported, but changed on the way (NUL bytes dropped)


@dataclass(frozen=True)
class ImportReport:
    """A whole import: every item, and whether the user cancelled it part way."""

    items: tuple[ImportItem, ...]
    cancelled: bool = False

    def count(self, status: str) -> int:
        """How many items ended with this status."""
        return sum(1 for item in self.items if item.status == status)

    @property
    def copies(self) -> int:
        """Imported articles recorded as near-copies of earlier ones."""
        return sum(1 for item in self.items if item.copy_of is not None)


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list or export; the same filter the window and the CLI build."""

    verdicts: tuple[str, ...] = ()
    conflicts_only: bool = False
    min_sources: int = 0
    text: str = ""
    article_id: int | None = None


@dataclass(frozen=True)
class ConflictValue:
    """One quantity that mentions of a claim disagree on, and the values they give."""

    slot: str
    values: tuple[str, ...]
    label: str = ""
    """The slot in words ("troops killed"); in projects imported before labels were kept,
    the slot's stems ("soldier kill")."""


@dataclass(frozen=True)
class ClaimRow:
    """A claim as the claims table shows it."""

    id: int
    text: str
    verdict: str
    review_state: str
    n_sources: int
    n_articles: int
    n_origins: int
    n_support: int
    n_contradict: int
    has_conflict: bool
    conflicts: tuple[ConflictValue, ...]
    first_seen: date | None
    attribution: str | None
    verdict_as_of: date | None
    updated_at: datetime
    updated_by: str | None
    version: int


@dataclass(frozen=True)
class MentionRow:
    """A mention with what the reader needs to judge it: where, who, and the sentence."""

    id: int
    claim_id: int
    article_id: int
    external_id: str | None
    source: str
    title: str
    published: date | None
    url: str | None
    path: str | None
    """The file the article was imported from: it names an untitled one
    (wording.article_name)."""
    start: int
    end: int
    sentence: str
    stance: str
    hedged: bool
    attribution: str | None
    origin: str
    score: float
    copy_of: int | None


@dataclass(frozen=True)
class EventRow:
    """One line of a claim's audit trail."""

    at: datetime
    author: str | None
    action: str
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True)
class EvidenceRow:
    """A note or link attached to a claim."""

    id: int
    kind: str
    text: str
    url: str | None
    author: str | None
    created_at: datetime


@dataclass(frozen=True)
class ClaimDetail:
    """Everything about one claim: the row, its mentions, evidence and history."""

    claim: ClaimRow
    verdict_note: str | None
    mentions: tuple[MentionRow, ...]
    evidence: tuple[EvidenceRow, ...]
    history: tuple[EventRow, ...]


@dataclass(frozen=True)
class ArticleRow:
    """An imported article as the article list shows it."""

    id: int
    source: str
    title: str
    published: date | None
    url: str | None
    external_id: str | None
    path: str | None
    copy_of: int | None
    n_claims: int
    version: int


@dataclass(frozen=True)
class MentionSpan:
    """Where a claim is stated in an article, for highlighting it in the text."""

    start: int
    end: int
    claim_id: int
    verdict: str


@dataclass(frozen=True)
class SearchHit:
    """An article sentence judged to state or discuss the query's claim."""

    article_id: int
    external_id: str | None
    source: str
    title: str
    sentence: str
    start: int
    end: int
    claim_id: int | None
    score: float
    stance: str
    published: date | None = None
    copy_of: int | None = None
    """The first article of its copy set, if it is a copy: a copy is no confirmation."""
    path: str | None = None
    """The file the article was imported from, as shown (wording.article_name)."""
    about: bool = True
    """Whether the article is about the claim (it carries it) or only holds its words in
    passing, being about something else: only the first kind is counted."""


@dataclass(frozen=True)
class Stats:
    """Totals for the status bar and `factdesk stats`."""

    articles: int
    sources: int
    origins: int
    sentences: int
    claims: int
    mentions: int
    conflicts: int
    by_verdict: dict[str, int] = field(default_factory=dict)
    unknown_sources: int = 0
    """Of ``sources``, how many stand for an unknown outlet: each independent origin of
    the articles whose outlet is not known counts as one source."""


Marker = tuple[int, int]
"""Where the project stands: its newest claim event and its newest article (0 for none)."""


@dataclass(frozen=True)
class FieldEdit:
    """One field one write changed on a claim, as the audit trail records it."""

    claim_id: int
    action: str
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Changes:
    """What one write did, returned by every Service write so that one hub can announce it
    once and each pane refreshes only what it shows (the design of Anki's operations).

    ``changed`` claims still exist and show something new; ``added`` claims did not exist
    before (a span made a claim, a move to a new claim, an undone merge restoring a folded
    claim under its old id); ``removed`` claims are gone (merged away, emptied by a move).
    ``structure_changed`` says mentions changed claims, so counts and groupings of other
    rows may have moved. ``step_id`` is the undo step the write recorded (None when it
    changed nothing) and ``description`` names it for an undo menu ("Mark claim 11 as
    disputed"). ``claim_id`` is the claim the edit is about or landed on (the new claim of
    a span or a move) and ``version`` that claim's version afterwards: the next edit's
    ``expected_version``. ``marks`` holds, for each transaction of the write, the
    project's Marker just before and just after it, read inside it: a window whose last
    known Marker is not the first "before" missed someone else's change (trial10: a
    colleague's verdict saved 0.4 s before this window's was taken for its own).
    """

    changed: frozenset[int] = frozenset()
    added: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()
    articles_changed: bool = False
    structure_changed: bool = False
    step_id: int | None = None
    description: str = ""
    by: str | None = None
    claim_id: int | None = None
    version: int | None = None
    evidence_id: int | None = None
    edits: tuple[FieldEdit, ...] = ()
    marks: tuple[tuple[Marker, Marker], ...] = ()

    @property
    def claim_ids(self) -> frozenset[int]:
        """Every claim the write touched: changed, added or removed."""
        return self.changed | self.added | self.removed

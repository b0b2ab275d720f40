"""When a sentence says its event happened: weekdays, months and dates, resolved.

Relative expressions ("Wednesday", "the previous day") are resolved against the article's
date when it is known. Events are compared by weekday and month, and by date only where
both dates are written out: a republished copy can carry a later date than the original
(seed 000 is dated three weeks after seed 001, its near-copy), which would move every
resolved "Wednesday" by weeks, while the weekday itself stays right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil import parser as date_parser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_NAMES = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                r"Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_MONTH = r"(?:" + _MONTH_NAMES + r")\.?"
FULL_DATE = re.compile(
    r"\b(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+" + _MONTH +
    r",?\s+\d{4}|\d{4}-\d{2}-\d{2})\b"
)
DAY_MONTH = re.compile(r"\b(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\s+" + _MONTH +
                       r")\b(?!,?\s+\d{4})")
_WEEKDAY = re.compile(r"\b(" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b")
_MONTH_NAME = re.compile(r"\b(?i:in|last|this|since|from|until|by|early|late|mid)[- ](" +
                         "|".join(m.capitalize() for m in MONTHS if m != "may") + r")\b")
_RELATIVE = {
    "the previous day": -1, "the day before": -1, "yesterday": -1, "today": 0,
    "the following day": 1, "the next day": 1,
}
_ANY_DAY = re.compile(
    r"\d{4}-\d{2}|\b(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + r"|" + _MONTH_NAMES +
    r"|yesterday|today|previous day|day before|following day|next day)", re.IGNORECASE)
_RELATIVE_RE = re.compile(r"\b(" + "|".join(_RELATIVE) + r")\b", re.IGNORECASE)


OWN, EVENT, CONTEXT = "own", "event", "context"


@dataclass(frozen=True)
class When:
    """What a sentence tells about the date of its event."""

    dates: frozenset[str] = field(default_factory=frozenset)
    weekdays: frozenset[int] = field(default_factory=frozenset)
    months: frozenset[int] = field(default_factory=frozenset)
    kind: str = OWN
    """OWN: the sentence names the day; EVENT: ... of a meeting or visit; CONTEXT: the
    sentence names no day and takes the day of its article's main event."""
    written: bool = False
    """The sentence writes a date or a month out; a month inferred from a bare weekday
    and the article's date is not written."""

    @property
    def empty(self) -> bool:
        """Nothing is known about the day."""
        return not (self.dates or self.weekdays or self.months)

    def to_json(self) -> dict[str, object]:
        """Plain form for the database."""
        return {"dates": sorted(self.dates), "weekdays": sorted(self.weekdays),
                "months": sorted(self.months), "kind": self.kind, "written": self.written}

    @classmethod
    def from_json(cls, data: dict[str, list]) -> When:
        """Inverse of to_json; rows stored before ``written`` existed count any month."""
        dates, months = frozenset(data.get("dates", ())), frozenset(data.get("months", ()))
        return cls(dates, frozenset(data.get("weekdays", ())), months,
                   str(data.get("kind", OWN)), bool(data.get("written", dates or months)))

    def differs(self, other: When) -> bool:
        """Whether the two sentences speak of events on different days.

        A day taken from the article's context is not weighed against a bare weekday a
        sentence gives for some other, incidental event ("the spokesperson said on
        Thursday"); it is against a written date or month.
        """
        if {self.kind, other.kind} == {CONTEXT, OWN}:
            own = self if self.kind == OWN else other
            if not own.written:
                return False
        if self.dates and other.dates and not self.dates & other.dates:
            return True
        if self.weekdays and other.weekdays and not self.weekdays & other.weekdays:
            return True
        return bool(self.months and other.months and not self.months & other.months)


def _parse(text: str) -> date | None:
    try:
        # ignoretz: the day is all we keep; an unknown zone ("EDT") would warn on stderr.
        return date_parser.parse(text.replace(".", " "), ignoretz=True).date()
    except (ValueError, OverflowError):
        return None


def resolve_weekday(anchor: date, weekday: int) -> date:
    """News convention: a bare weekday is the latest such day on or before the article."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def event_when(text: str, published: date | None) -> When:
    """The dates, weekdays and months the sentence's event is placed on."""
    if not _ANY_DAY.search(text):
        return When()
    dates: set[str] = set()
    weekdays: set[int] = set()
    months: set[int] = set()
    written = False
    for match in FULL_DATE.finditer(text):
        parsed = _parse(match.group())
        if parsed:
            dates.add(parsed.isoformat())
            weekdays.add(parsed.weekday())
            months.add(parsed.month)
            written = True
    for match in DAY_MONTH.finditer(text):
        parsed = _parse(match.group() + (f" {published.year}" if published else " 2000"))
        if parsed:
            months.add(parsed.month)
            written = True
            if published:
                weekdays.add(parsed.weekday())
    for match in _WEEKDAY.finditer(text):
        weekday = WEEKDAYS.index(match.group(1).lower())
        weekdays.add(weekday)
        if published and not months:
            months.add(resolve_weekday(published, weekday).month)
    for match in _RELATIVE_RE.finditer(text):
        if published:
            resolved = published + timedelta(days=_RELATIVE[match.group(1).lower()])
            weekdays.add(resolved.weekday())
    for match in _MONTH_NAME.finditer(text):
        months.add(MONTHS.index(match.group(1).lower()) + 1)
        written = True
    return When(frozenset(dates), frozenset(weekdays), frozenset(months), written=written)


def article_context(whens: list[When], event_sentences: list[bool]) -> When:
    """The day of the article's main event, for sentences that name no day themselves.

    An article about one meeting says "on Friday" once and then "the talks", "both
    leaders": those sentences happen on Friday too. Taken only when the event sentences
    agree on a single weekday; otherwise nothing is assumed.
    """
    days: set[int] = set()
    months: set[int] = set()
    for when, is_event in zip(whens, event_sentences, strict=True):
        if is_event:
            days |= when.weekdays
            months |= when.months
    if len(days) != 1:
        return When()
    return When(frozenset(), frozenset(days),
                frozenset(months) if len(months) == 1 else frozenset(), CONTEXT)

"""Metadata found in the text itself: header lines, dateline, byline, title."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as date_parser

_SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*\S)\s*$")
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|date)\s*:?\s*(?P<when>.{6,40}?)\s*$", re.IGNORECASE
)
_BYLINE = re.compile(r"^\s*(?i:by)\s+[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]*){0,6}\s*$")


_APART = (datetime(2001, 1, 1), datetime(2002, 2, 2))
"""Two defaults with no field in common: dateutil fills what a string lacks from its
default, so a string that parses to two different days under them gives no whole date."""


def parse_date(text: str) -> date | None:
    """A calendar date from a date-like string ("05 Jun. 2025, 11:05"), else None.

    Only a string that gives year, month and day is a date: "Updated at 11:45 p.m. ET"
    (an FNC-1 body) would otherwise be dated the day it was imported, and "June 2025"
    on the 1st of a month nobody wrote.
    """
    cleaned = text.replace(".", " ")
    try:
        # ignoretz: only the day is kept, and a zone name dateutil does not know ("EDT" in
        # FNC-1) would otherwise print an UnknownTimezoneWarning at the user's terminal.
        first, second = (date_parser.parse(cleaned, default=default, fuzzy=False,
                                           dayfirst=False, ignoretz=True)
                         for default in _APART)
    except Exception:  # ValueError, OverflowError, and others on hostile strings
        return None
    if first.date() != second.date():
        return None
    return first.date() if 1900 < first.year < 2200 else None


def seed_header(line: str) -> tuple[date | None, str] | None:
    """The seed format's first line, `` date YYYY-MM-DD Title``, as (date, title)."""
    match = _SEED_HEADER.match(line)
    if not match:
        return None
    return date.fromisoformat(match.group(1)), match.group(2)


def is_sentence(line: str) -> bool:
    """Whether a header "title" is really the article's first sentence (seed 001)."""
    return len(line.split()) > 15 and line.rstrip().endswith((".", "!", "?", "”", '"'))


def dateline(line: str) -> date | None:
    """A "Published: 05 Jun. 2025, 11:05" line's date."""
    match = _PUBLISHED.match(line)
    return parse_date(match.group("when")) if match else None


def is_byline(line: str) -> bool:
    """Whether the line is a byline ("By Staff, Agencies"), kept as metadata."""
    return bool(_BYLINE.match(line)) and len(line) < 120


def looks_like_title(line: str) -> bool:
    """A first line short enough, and unpunctuated enough, to be a headline."""
    words = line.split()
    return 2 <= len(words) <= 25 and not line.rstrip().endswith((".", ":", ";", ","))

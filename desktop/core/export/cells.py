"""Making any text an article can hold safe for a spreadsheet cell.

A claim that starts with "=" must stay text (never a formula a colleague's Excel runs),
characters XML 1.0 forbids must go (openpyxl refuses them), and Excel cuts nothing
silently: a cell holds at most 32,767 characters, so longer text is cut with a mark.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

EXCEL_CELL_LIMIT = 32_767
EXCEL_ROW_LIMIT = 1_048_576
SHEET_NAME_LIMIT = 31
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LINK_LIMIT = 2000
"""Longest link target written (Excel refuses hyperlinks past about 2,080 characters)."""
_NOT_IN_URL = re.compile(r"[\s\"<>\\^`{|}\x00-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Text with XML-forbidden characters removed and cut to Excel's cell limit."""
    text = _ILLEGAL_XML.sub("", value)
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    mark = f" … [cut: {len(text):,} characters in all]"
    return text[:EXCEL_CELL_LIMIT - len(mark)] + mark


def csv_text(value: str) -> str:
    """Text for a CSV cell: a leading formula character is neutralised with an apostrophe,
    as OWASP recommends against CSV injection."""
    text = _ILLEGAL_XML.sub("", value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unused sheet name: no []:*?/\\, not empty, at most 31 characters."""
    base = _SHEET_FORBIDDEN.sub(" ", name).strip("' ") or "Sheet"
    candidate = base[:SHEET_NAME_LIMIT]
    number = 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        candidate = base[:SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    taken.add(candidate)
    return candidate


def web_url(value: str | None) -> str | None:
    """The value if it is an absolute http(s) address a cell can link to, else None.

    Only these become links: a "javascript:" or "file:" target, or text with spaces or
    quotes in it, stays plain text a colleague can read but not click.
    """
    if not value or len(value) > LINK_LIMIT or _NOT_IN_URL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname else None

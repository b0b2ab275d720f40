"""Names a colleague reads in an export, for the internal keys the database stores."""

from __future__ import annotations

FIELD_NAMES = {
    "verdict": "Verdict", "verdict_note": "Verdict note", "review_state": "Review",
    "text": "Claim text", "note": "Note", "link": "Link", "public": "Public explanation",
    "stance": "Stance", "source": "Source", "title": "Title", "published": "Date",
    "claim": "Claim", "into": "Merged into",
}
"""History's field and action keys as words."""


def field_name(key: str | None) -> str:
    """A History key as words; an unknown key is shown as it is, never hidden."""
    if not key:
        return ""
    return FIELD_NAMES.get(key, key.replace("_", " ").capitalize())

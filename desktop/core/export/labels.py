"""Names a colleague reads in an export, for the internal keys the database stores."""

from __future__ import annotations

_EVENT_WORDS = {
    "kill": "killed", "wound": "wounded", "dispatch": "dispatched", "captur": "captured",
    "arrest": "arrested", "evacu": "evacuated", "displac": "displaced", "miss": "missing",
    "injur": "injured", "die": "died", "fire": "fired", "launch": "launched", "sell": "sold",
    "transport": "transported", "shipment": "shipped", "produc": "produced",
    "export": "exported", "import": "imported", "spend": "spent", "cost": "cost",
    "pay": "paid", "vote": "votes", "elect": "elected",
}
"""The events quantities are read as (desktop.core.text.quantities), as a reader says them."""

FIELD_NAMES = {
    "verdict": "Verdict", "verdict_note": "Verdict note", "review_state": "Review",
    "text": "Claim text", "note": "Note", "link": "Link", "public": "Public explanation",
    "stance": "Stance", "source": "Source", "title": "Title", "published": "Date",
    "claim": "Claim", "into": "Merged into",
}
"""History's field and action keys as words."""


def slot_label(slot: str) -> str:
    """What a quantity counts, in words: "soldier:kill" is "soldiers killed".

    The slot holds word stems; a plural "s" and the event's participle read well enough
    for the nouns news counts (soldiers, people, troops, missiles) and say which figure
    two mentions disagree on.
    """
    share = slot.startswith("%")
    head, _, event = slot.lstrip("%").partition(":")
    if head and not head.endswith("s"):
        head += "s"
    words = " ".join(filter(None, (head, _EVENT_WORDS.get(event, event))))
    return f"share of {words}" if share else (words or "figure")


def field_name(key: str | None) -> str:
    """A History key as words; an unknown key is shown as it is, never hidden."""
    if not key:
        return ""
    return FIELD_NAMES.get(key, key.replace("_", " ").capitalize())

"""Counts and names in plain English for the window, the command line and exports:
"1 source", "2 sources", "Verdict as of"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and the noun in the form that number takes (plural: noun + "s" unless
    given)."""
    return f"1 {noun}" if number == 1 else f"{number:,} {plural or noun + 's'}"


def stance_breakdown(origins: int, supporting: int, contradicting: int) -> str:
    """How a claim's independent origins stand on it, every origin counted once:
    "3 independent origins: 1 states it, 1 reports it without taking a side, 1 contradicts
    it" (service.counts.stance_counts). Hedged reports are counted, not left out."""
    reporting = max(origins - supporting - contradicting, 0)
    parts = [f"{supporting:,} {'states' if supporting == 1 else 'state'} it",
             f"{reporting:,} {'reports' if reporting == 1 else 'report'} it without taking "
             "a side",
             f"{contradicting:,} {'contradicts' if contradicting == 1 else 'contradict'} it"]
    return f"{counted(origins, 'independent origin')}: " + ", ".join(parts)


def sources_counted(sources: int, unknown: int) -> str:
    """"4 sources", saying how many of them stand for unknown outlets: those are counted
    one per independent origin, and a reader comparing with the outlets listed must know."""
    text = counted(sources, "source")
    if unknown:
        text += f" ({unknown:,} of unknown outlet, one per independent origin)"
    return text


FIELD_NAMES = {
    "verdict": "Verdict", "verdict_note": "Verdict note", "review_state": "Review",
    "text": "Claim text", "note": "Note", "link": "Link", "public": "Public explanation",
    "stance": "Stance", "source": "Source", "title": "Title", "published": "Date",
    "claim": "Claim", "into": "Merged into",
}
"""History's field and action keys as words, in exports, the window and the command line."""


def field_name(key: str | None) -> str:
    """A History key as words ("verdict_as_of": "Verdict as of"); an unknown key is
    shown as it is, never hidden."""
    if not key:
        return ""
    return FIELD_NAMES.get(key, key.replace("_", " ").capitalize())

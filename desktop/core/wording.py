"""Counts and names in plain English for the window, the command line and exports:
"1 source", "2 sources", "Verdict as of"."""

from __future__ import annotations

from pathlib import Path


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


def export_summary(path: Path, written: int, what: str, mark_done: str) -> str:
    """What an export holds, in the words of its format; ``mark_done`` tells how this
    front end marks a review done ("factdesk tag ID VERDICT --done", "R on the claim").

    An export with nothing in it is still an answer (no claim has that verdict yet, no
    review is done): the file is written, valid and empty; the line says so, so an empty
    file is never taken for a full one."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        if written:
            return f"exported {counted(written, 'review')} to {path}"
        return (f"{path}: no review to publish, the file holds an empty list (a review is a "
                f"claim with a verdict whose review is marked done: {mark_done})")
    unit = {"claims": "claim", "mentions": "mention", "articles": "article"}[
        what if suffix == ".csv" else "claims"]
    if written:
        return f"exported {counted(written, unit)} to {path}"
    holds = "the column headers" if suffix == ".csv" else "its sheets' headers"
    return f"{path}: no {unit} to export, the file holds {holds} only"

"""Counts and names in plain English for the window, the command line and exports:
"1 source", "2 sources", "Verdict as of"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from desktop.core.export.records import UNKNOWN_SOURCE, ExportResult


def capitalised(text: str) -> str:
    """A phrase as a window writes it, first letter capital: the command line's lines
    start in lower case after "factdesk:" or a file name."""
    return text[:1].upper() + text[1:]


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


TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
"""Files that hold many articles, one a row: their name names none of them."""


def article_name(title: str | None, external_id: str | None, article_id: int,
                 path: str | None = None) -> str:
    """What an article is called wherever it is listed: its title; else, for an untitled
    row of a CSV, the id the user gave it (--id-column, FNC-1's Body ID: "Article id 199",
    the number they will look up in their file); else, for an untitled file of its own,
    the file's name (trial11: seven .txt files listed as "Article #1" to "#7", nothing
    telling which file a claim came from); else its number in the project ("Article
    #133"). One name, so a hit, the sources pane, the Article tab and `factdesk search`
    all say the same."""
    if title and title.strip():
        return title.strip()
    if external_id and external_id.strip():
        return f"Article id {external_id.strip()}"
    if path and PurePath(path).suffix.lower() not in TABLE_SUFFIXES:
        return PurePath(path).name
    return f"Article #{article_id}"


def shortened(text: str, limit: int) -> str:
    """The text on one line, cut at a word (or within a word as long as the limit) to at
    most ``limit`` characters, an ellipsis last."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def outlet_name(source: str, article: str) -> str:
    """Who published an article, on a line about one of its sentences: its outlet; an
    unknown outlet by the article (as article_name names it), "meteorite.txt (outlet
    unknown)". Each unknown outlet counts as a source of its own, and "unknown" alone
    told none of them apart (the workbook's Sources x Claims names them by article too)."""
    return f"{article} (outlet unknown)" if source == UNKNOWN_SOURCE else source


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


@dataclass(frozen=True)
class FrontEnd:
    """How one front end tells the user to do what an export message asks."""

    mark_done: str
    set_review_url: str
    set_author: str


CLI = FrontEnd("factdesk tag ID VERDICT --done", "pass --review-url", "pass --author")
WINDOW = FrontEnd("press R on the claim", "set the review URL in Preferences",
                  "set the author in Preferences")


def export_summary(result: ExportResult, what: str, words: FrontEnd) -> str:
    """What an export holds, in the words of its format, and when it holds nothing, the
    real reason first: no claim matched the filter; done reviews skipped for lack of a
    review URL; no review marked done. ``what`` is the CSV's table.

    An export with nothing in it is still an answer: the file is written, valid and empty;
    the line says so, so an empty file is never taken for a full one."""
    path, written = result.path, result.written
    no_claim = "no claim matches the filter" if result.filtered else "the project holds no claim"
    if path.suffix.lower() in (".json", ".jsonld"):
        skipped = len(result.report.skipped_without_url)
        why = (f"{counted(skipped, 'done review')} skipped because "
               f"{'it has' if skipped == 1 else 'they have'} no review URL "
               f"({words.set_review_url})")
        if written:
            done = f"exported {counted(written, 'review')} to {path}"
            return f"{done}; {why}" if skipped else done
        if not result.matched:
            return f"{path}: {no_claim}, the file holds an empty list"
        if skipped:
            return f"{path}: no review published, {why}; the file holds an empty list"
        return (f"{path}: no review is marked done, the file holds an empty list (a claim's "
                f"review is published once it has a verdict and is marked done: "
                f"{words.mark_done})")
    unit = {"claims": "claim", "mentions": "mention", "articles": "article"}[
        what if path.suffix.lower() == ".csv" else "claims"]
    if written:
        return f"exported {counted(written, unit)} to {path}"
    holds = "the column headers" if path.suffix.lower() == ".csv" else "its sheets' headers"
    if not result.matched:
        return f"{path}: {no_claim}, the file holds {holds} only"
    return f"{path}: no {unit} to export, the file holds {holds} only"


def export_notes(result: ExportResult, words: FrontEnd) -> tuple[str, ...]:
    """What else the user must read after the summary: which claims were skipped, reviews
    left out, an unnamed publisher."""
    report, notes = result.report, []
    if report.skipped_without_url:
        ids = report.skipped_without_url
        shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
        notes.append(f"done reviews without a review URL: claim{'s' * (len(ids) > 1)} {shown}")
    if report.unfinished:
        notes.append(f"{counted(report.unfinished, 'claim')} with a verdict left out: "
                     f"{'its' if report.unfinished == 1 else 'their'} review is not marked "
                     f"done ({words.mark_done})")
    if report.no_author:
        notes.append(f"the reviews name no author ({words.set_author})")
    return tuple(notes)

"""How often a claim's wording is cut wrong, over the 1,683 FNC-1 bodies as imported.

    python benchmarks/wording_faults.py [--fnc ../shared/data/fnc1] [--show 5]

A wording is a sentence (text/sentences.py) with its attribution taken off
(text/attribution.py). Four faults found in user trials, each counted by its mark:

- two sentences in one wording: a period, "!" or "?" after a word that is no abbreviation,
  then a capital ("... within the last month. Back in October, ...");
- a figure cut from the abbreviation before it: a sentence ending in one written before a
  figure, the next starting with a digit or in lower case ("roughly Rs." | "21,700) ...",
  "300 km." | "from Kobani");
- an attribution's name holding a dash: the name ran on past a dash and took the rest of
  the sentence with it ("People back in November - isn't going away");
- a clause that held an attribution left without it ("News of the meal, which was first,
  surfaced ...", "As previously, a cruel death hoax ...").

The marks are patterns, not a reading: run it before and after a change, and read what
changed (--show prints examples of each).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from shared_data import FNC1

from desktop.core.ingest import read
from desktop.core.ingest.cleanup import clean
from desktop.core.text.attribution import strip_attribution
from desktop.core.text.sentences import split

NOT_AN_END = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "rev", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
    "maj", "adm", "cmdr", "cpl", "det", "insp", "ofc", "brig", "gov", "sen", "rep", "no", "vs",
    "inc", "corp", "co", "ft", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "calif", "mass", "mo", "kan"])
"""Abbreviations before a name or a day: a capital after them does not start a sentence.
Listed here, not read from the splitter, so that any commit is measured the same way."""
BEFORE_A_FIGURE = re.compile(
    r"(?:^|[\s(])(?:No|Nos|Vol|Ch|Cir|Sec|Art|Fig|pp|approx|Rs|Rp|Ksh|Dhs|Tk|km|mi|kg|lbs?|oz)"
    r"\.$")
"""Abbreviations written before a figure, or after one and before the word it measures."""

TWO_SENTENCES = re.compile(
    r"(?<![A-Za-z]\.)\b([A-Za-z][a-z]+|[A-Z]{2,})[.!?][\"”’')]*\s+[\"“‘(]*[A-Z]")
DASH = re.compile(r"\s-{1,2}\s|[–—]")
LEFT_CLAUSE = re.compile(
    r"\b(?:which|that|who)\s+(?:was|were|is|are|ha[sd]\s+been)(?:\s+(?:first|also|\w+ly))?"
    r"\s*[,.;]|(?:^|,\s*)[Aa]s(?:\s+\w+ly)?\s*[,.]|\s[-–—]{1,2}\s*[.,]|[–—],")


def faults(bodies: list[str]) -> dict[str, list[str]]:
    """Each fault's examples (the wording, or the two sentences split apart)."""
    found: dict[str, list[str]] = {"sentences": [], "two sentences in one wording": [],
                                   "a figure cut from its abbreviation": [],
                                   "an attribution's name holding a dash": [],
                                   "a clause left without its attribution": []}
    for body in bodies:
        spans = split(body)
        for index, (start, end) in enumerate(spans):
            sentence = body[start:end]
            found["sentences"].append(sentence)
            following = spans[index + 1] if index + 1 < len(spans) else None
            if (following and "\n" not in body[end:following[0]]
                    and BEFORE_A_FIGURE.search(sentence)
                    and re.match(r"[\d a-z]", body[following[0]])):
                found["a figure cut from its abbreviation"].append(
                    f"{sentence[-40:]} | {body[following[0]:following[1]][:30]}")
            result = strip_attribution(sentence)
            two = next((m for m in TWO_SENTENCES.finditer(result.claim_text)
                        if m.group(1).lower() not in NOT_AN_END), None)
            if two:
                found["two sentences in one wording"].append(result.claim_text)
            if result.source and DASH.search(result.source):
                found["an attribution's name holding a dash"].append(
                    f"{result.claim_text} | {result.source}")
            if LEFT_CLAUSE.search(result.claim_text) and not LEFT_CLAUSE.search(sentence):
                found["a clause left without its attribution"].append(result.claim_text)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, default=FNC1)
    parser.add_argument("--show", type=int, default=0, help="examples of each fault")
    args = parser.parse_args()
    bodies = [clean(doc).text for doc in read(args.fnc / "train_bodies.csv")]
    print(f"{len(bodies):,} FNC-1 bodies")
    for name, examples in faults(bodies).items():
        print(f"{name}: {len(examples):,}")
        if name != "sentences":
            for example in examples[:args.show]:
                print(f"    {example[:200]}")


if __name__ == "__main__":
    main()

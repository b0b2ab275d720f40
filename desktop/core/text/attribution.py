"""Who an article says a claim comes from; stripped from the sentence before comparing.

"KCNA reported on Thursday" and "according to South Korean intelligence" belong to the
mention, not to the claim: two outlets quoting different sources still state one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (r"(?:said|says|reported|reports|told|stated|announced|added|noted|claimed|"
          r"confirmed|wrote|quoted|cited|estimated?|estimates|believes?|believed|"
          r"suggested?|suggests|indicated?|indicates|alleged|alleges|warned|reiterated|stressed|"
          r"emphasi[sz]ed|insisted|argued|acknowledged)")
_WHEN = r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|" \
        r"today|yesterday|earlier|late|last\s+\w+))?"
_WHO = r"(?P<who>(?:the\s+)?[\w'’().,\- ]{2,90}?)"

_ACCORDING = re.compile(r",?\s*\b[Aa]ccording to " + _WHO + r"(?=[,.;]|$)")
_CITING = re.compile(r",\s*citing " + _WHO + r"(?=[,.;]|$)")
_SPEAKER = r"(?P<who>(?:the\s+)?[\w'’().\- ]{2,90}?(?:,[\w'’().\- ]{2,60},)?)"
"""Who speaks before a trailing "said": within one clause, or a name with its title set off
by commas ("Kirby, a Pentagon spokesman,"); a span back to an earlier comma took in the
sentence's own clauses ("Which includes a video service, the Post")."""
_TRAILING = re.compile(
    r",(?!\d)[\"”']?\s*" + _SPEAKER + r"\s+" + _VERBS + _WHEN + r"\s*(?=[,.;]?[\"”']?\s*$)"
)
_MIDDLE = re.compile(r",\s*(?P<who>it|he|she|they|the agency|the report)\s+" + _VERBS +
                     _WHEN + r"\s*,")
_TOLD = (r"(?:told|tells|informed)\s+(?:the\s+)?(?:reporters|journalists|media|lawmakers|"
         r"him|her|them|us|me|[A-Z0-9][\w'’.&-]*(?:\s+[A-Z0-9][\w'’.&-]*){0,4})[:,]?")
""""told" and whom: the listener goes with the attribution ("Base police told Business
Insider there was no evidence" read "Business Insider there was no evidence"; trial11)."""
_LEADING = re.compile(
    r"^(?P<who>(?:the\s+)?[A-Za-z'’().\- ]{2,90}?)\s+(?:" + _TOLD + "|" + _VERBS + ")" + _WHEN
    + r"\s+(?:that\s+)?(?=\S)"
)
_SOURCE_NOUNS = re.compile(r"\b(?:sources?|intelligence|media|agency|officials?|reports?|"
                           r"lawmakers?|ministry|spokes\w+|analysts?|experts?|estimates?|"
                           r"observers?|monitors?|government|police|military|army|"
                           r"department)\b", re.I)
_PASSIVE = re.compile(r",?\s*(?:were |was )?reported(?:\s+on)?(?:\s+(?:Monday|Tuesday|Wednesday|"
                      r"Thursday|Friday|Saturday|Sunday))?\s+by\s+(?P<who>[\w'’().\- ]{2,80}?)"
                      r"(?:\s+on\s+\w+day)?(?=[,.;]|\s+following|\s+after|$)")
_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")
_ENUMERATOR = re.compile(r"^\(?\d{1,2}[.)]\s+(?=[A-Z\"“‘'])")
"""A list's number before its item ("3. No one expects ..."): no part of the claim
(trial11: "2. There is no-such thing ..." as a claim's wording)."""
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "this", "that"})
_NOT_A_SPEAKER = re.compile(r"^(?:according to|citing)\b|\b(?:is|are|was|were|be|been|being)\b"
                            r"|\bas$", re.I)
"""A "who" that is no speaker: "according to" before the verb "reports" ("..., according
to reports."), a passive clause ("Police are believed to", "couldn’t be independently
confirmed"), "as reported"."""
_TRAILING_WORDS = re.compile(r"(?:\s+(?:also|had|has|have|earlier|originally|initially|"
                             r"previously|later|too|again|first))+$", re.I)
"""Words between a speaker and its verb that are not its name ("The source also told",
"U.S. officials had said")."""


@dataclass(frozen=True)
class Attribution:
    """A sentence with its attribution removed, and the attribution's short name."""

    claim_text: str
    source: str | None


def _short(who: str) -> str:
    acronym = _ACRONYM.search(who)
    if acronym:
        return acronym.group(1)
    who = _TRAILING_WORDS.sub("", who.strip(" ,."))
    who = re.sub(r"^(?:(?:as|but|and)\s+)?(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)
    return who[:1].upper() + who[1:]


def _names_someone(who: str) -> bool:
    """False for "he", "it" or "the group": they point at a speaker named in another
    sentence, so as an attribution they would tell a reader nothing ("the Pentagon" is a
    name and stays)."""
    words = who.strip(" ,.\"”'").split()
    if len(words) == 1:
        return words[0].lower() not in _PRONOUNS
    return not (len(words) == 2 and words[0].lower() in {"the", "this", "that"}
                and words[1].islower())


def _speaks(who: str) -> bool:
    """Whether the words before a reporting verb can be who said it: the verb of a passive
    clause or of "according to reports" has none."""
    return not _NOT_A_SPEAKER.search(who)


def strip_attribution(sentence: str) -> Attribution:
    """Remove "according to X", ", citing X", ", X said", "X estimate that" clauses."""
    text = sentence
    sources: list[str] = []
    # The speaker of a reporting verb is the nearer source ("KCNA reported ..., according
    # to Press TV": KCNA), so it is listed before "according to" and "citing".
    found = True
    while found:
        found = False
        for pattern in (_TRAILING, _ACCORDING, _CITING, _PASSIVE):
            match = next((m for m in pattern.finditer(text)
                          if pattern is not _TRAILING or _speaks(m.group("who"))), None)
            if match:
                who = _short(match.group("who")) if _names_someone(match.group("who")) else ""
                sources.insert(0, who) if pattern is _TRAILING else sources.append(who)
                text = text[:match.start()] + text[match.end():]
                found = True
    text = _MIDDLE.sub(",", text)
    leading = _LEADING.match(text)
    if (leading and _speaks(leading.group("who")) and len(leading.group("who").split()) <= 8
            and leading.end() < len(text) - 20):
        who = leading.group("who")
        # "X said that" keeps X when X is the actor ("North Korea confirmed that it had
        # sent troops"); only a source ("intelligence sources estimate") is taken out.
        pronoun = who.split()[0].lower() in {"it", "this", "he", "she", "they", "we"}
        if _SOURCE_NOUNS.search(who) and not pronoun:
            sources.insert(0, _short(who))
            text = text[leading.end():]
            text = text[:1].upper() + text[1:]
    cleaned = _ENUMERATOR.sub("", re.sub(r"\s+([,.;])", r"\1", text).strip(" ,"))
    if cleaned[:1].islower() and sentence[:1].isupper():
        # What was left after a leading "According to a French website," starts the claim.
        cleaned = cleaned[:1].upper() + cleaned[1:]
    source = next((s for s in sources if s), None)
    return Attribution(cleaned or sentence, source)

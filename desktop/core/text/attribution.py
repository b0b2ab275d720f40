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
_WHO_ENDS = r",(?!\d)|;|\s+-{1,2}\s|\s*[–—]|[.!?]?[\"”’')]*\s*$"
"""Where the name of a source ends: at a comma or semicolon, a dash, or the sentence's end;
not at a period inside the sentence, an initial's or an abbreviation's ("according to
Benjamin T. Decker" left "... doctors in Mosul. Decker, an intelligence analyst ..." as the
claim, and "according to the U.S. military" "... soldiers. military."). A spaced hyphen is
a dash: "according to the UN - then left to Iraq" took "then left to Iraq" with the name."""

_ACCORDING = re.compile(r",?\s*\b[Aa]ccording to " + _WHO + "(?=" + _WHO_ENDS + ")")
_CITING = re.compile(r",\s*citing " + _WHO + "(?=" + _WHO_ENDS + ")")
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
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|"
           r"December")
_PASSIVE = re.compile(r"reported(?:\s+on)?(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                      r"Saturday|Sunday))?\s+by\s+(?P<who>[\w'’().\- ]{2,80}?)"
                      r"(?:\s+(?:back\s+)?(?:on|in)\s+(?:\w+day|" + _MONTHS + "))?"
                      r"(?=\s+following|\s+after|" + _WHO_ENDS + ")")
_PASSIVE_LEAD = re.compile(r",?\s*(?:(?P<verb>\b(?:were|was)\s+)|"
                           r"(?P<lead>(?:\b(?:which|that|who)\s+(?:was|were|is|are|ha[sd]\s+been)|"
                           r"\b[Aa]s)\s+)?(?:(?:first|also|\w+ly)\s+)?)$")
"""The words before 'reported by X' that go with it: those that set it off from the clause
it is about ("which was first reported by X", "as previously reported by X", ", first
reported Sunday by X,"; alone they left "News of the meal, which was first, surfaced" and
"As previously, a cruel death hoax ..."), or the sentence's own "were" ("The remarks were
reported Thursday by KCNA following a meeting ...": the claim is about the meeting, and
grouping compares it without KCNA). "details first reported by X", neither, stays. Read
backwards from each "reported by": a pattern trying them at every position cost a third
more time than all the other attribution patterns together."""
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


_OPENS = re.compile(r"(?:,|\s-{1,2}|[–—])\s*$")
_CLOSES = re.compile(r"\s*(?:(?P<comma>,)|-{1,2}\s|[–—])")
_NOT_GOING_ON = frozenset({
    # A new clause, a relative one, or a coordinate one.
    "who", "whom", "whose", "which", "where", "when", "while", "and", "but", "or", "so",
    "yet", "it", "he", "she", "they", "we", "i", "you", "there", "this", "that", "these",
    "those", "the", "a", "an", "its", "his", "her", "their", "our", "if", "although",
    "though", "because", "since", "unless", "whereas", "whether", "once", "however",
    # A phrase that may be about the source as well as the claim.
    "about", "after", "against", "along", "amid", "among", "around", "as", "at", "before",
    "by", "despite", "down", "during", "for", "from", "in", "into", "like", "near", "of",
    "on", "over", "per", "than", "through", "to", "under", "unlike", "until", "up", "with",
    "within", "without", "according", "citing",
})


def _goes_on(rest: str) -> bool:
    """Whether what follows the comma after an attribution is the rest of the clause it
    interrupted, most often its verb ("That flight, according to Lana, | left her"), not a
    new clause, a relative one, a phrase or words about the source ("In 2012, according to
    X, | the company ..."; "..., according to one friend, | who said"; "..., according to
    Remco Breuker, | professor of Korean studies"; "..., | citing the report")."""
    word = re.match(r"\s*([a-z][\w'’]*)(\s+of\b)?", rest)
    return (word is not None and not word.group(2) and not word.group(1).endswith("ing")
            and word.group(1) not in _NOT_GOING_ON)


_DASH_AFTER = re.compile(r"\s*(?:-{1,2}\s|[–—])")


def _ends_at_its_comma(according: re.Match[str]) -> bool:
    """An "According to X" that starts the sentence ends at its comma, not at a dash: in
    "According to some Russians this dark figure ... is a Yeti - and they even have a
    footprint" (Emergent) the words before the dash are the claim."""
    return according.start() > 0 or not _DASH_AFTER.match(according.string, according.end())


def _passive(text: str, passive: re.Match[str]) -> int | None:
    """Where a "reported by" attribution starts with the words that go with it (see
    _PASSIVE_LEAD), or None when it is not set off from its sentence."""
    lead = _PASSIVE_LEAD.search(text, 0, passive.start())
    start = lead.start() if lead else passive.start()
    set_off = lead is not None and bool(lead.group("verb") or lead.group("lead")
                                        or lead.group().startswith(","))
    if set_off or not text[:start].strip() or _OPENS.search(text[:start]):
        return start
    return None


def _start(pattern: re.Pattern[str], text: str, match: re.Match[str]) -> int | None:
    """Where the attribution ``pattern`` found in ``text`` starts, or None if it is none."""
    if pattern is _TRAILING and not _speaks(match.group("who")):
        return None
    if pattern is _ACCORDING and not _ends_at_its_comma(match):
        return None
    return _passive(text, match) if pattern is _PASSIVE else match.start()


def _cut(text: str, start: int, end: int) -> str:
    """``text`` without the attribution at ``start:end``. One set off like a parenthesis
    takes its closing comma or dash along, so that the sentence reads on: "The reported
    rodent situation - which was first reported by People back in November - isn't going
    away" -> "The reported rodent situation isn't going away" (it was "The reported rodent
    situation - which was first."); "That flight, according to Lana, left her" -> "That
    flight left her"; "the tables — according to the report, he had won" -> "the tables —
    he had won"."""
    before, removed, after = text[:start], text[start:end], text[end:]
    opens = _OPENS.search(before)
    dash = opens is not None and "," not in opens.group()
    if opens is not None and dash and not after.strip(" .!?\"”’'"):
        # The attribution ended the sentence after a dash ("... in the 1970s - according
        # to The Wrap."): the dash goes too.
        return before[:opens.start()].rstrip() + after.strip()
    closes = _CLOSES.match(after)
    if closes is None:
        return before + after
    rest = after[closes.end():]
    if closes.group("comma"):
        if dash or ((opens or removed.startswith(",")) and _goes_on(rest)):
            return before.rstrip() + " " + rest.lstrip()
    elif opens is not None and dash:
        return before[:opens.start()].rstrip() + " " + rest.lstrip()
    return before + after


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
            found_at = next(((m, start) for m in pattern.finditer(text)
                             if (start := _start(pattern, text, m)) is not None), None)
            if found_at:
                match, start = found_at
                who = _short(match.group("who")) if _names_someone(match.group("who")) else ""
                sources.insert(0, who) if pattern is _TRAILING else sources.append(who)
                text = _cut(text, start, match.end())
                found = True
    text = _MIDDLE.sub(lambda m: "" if _goes_on(m.string[m.end():]) else ",", text)
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

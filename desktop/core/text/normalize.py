"""Text to matching terms: names folded to one key, stop words out, stems, synonyms.

Two sentences about the same fact rarely share their words ("Kim Jong-un" / "Kim Jong Un"
/ "Kim"; "North Korea" / "DPRK" / "Pyongyang"; "troops were killed" / "soldiers died").
Terms are what both sides of a comparison are reduced to, and what the full-text index
holds, so search and grouping see the same names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from desktop.core.text.aliases import alias_table
from desktop.core.text.lexicon import SPEECH_ACT_STEMS, STOP_WORDS, SYNONYM_STEMS, TITLE_WORDS

_HYPHEN = re.compile(r"(?<=\w)[-‐‑–](?=\w)")
_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"[a-z_]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,4}\b")
_HYPHEN_CAPITAL = re.compile(r"\b([A-Z][a-z]+)-([a-z])")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_DEFINED_ACRONYM = re.compile(
    r"\b((?:[A-Z][\w'’]+\s+)(?:(?:of|the|for|and|[A-Z][\w'’]+)\s+){0,7}[A-Z][\w'’]+)\s+"
    r"\(([A-Z]{2,8})\)"
)


_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
"""İ (lower-cased to two characters), dotless ı and long ſ (matched by re.IGNORECASE as
i and s, not lower-cased to them) and the Kelvin sign."""


def _fold(text: str) -> str:
    return _POSSESSIVE.sub("", _HYPHEN.sub(" ", text.replace("’", "'")))


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return r"(?<![\w_])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w_])"


class _Aliases:
    """The built-in alias table compiled once: acronyms case-sensitive, the rest not."""

    def __init__(self) -> None:
        table = {_fold(k): v for k, v in alias_table().items()}
        self.acronyms = {p: k for p, k in table.items() if not any(c.islower() for c in p)}
        self.words = {p.lower(): k for p, k in table.items() if p not in self.acronyms}
        self.keys = frozenset(self.words.values())
        self.acronym_re = re.compile(_alternation(list(self.acronyms)))
        self.word_re = re.compile(_alternation(list(self.words)), re.IGNORECASE)
        # terms() works on lower-cased text, where a case-sensitive pattern is much faster.
        self.lower_word_re = re.compile(_alternation(list(self.words)))

    def words_to_keys(self, text: str) -> str:
        """Every alias word of ``text``, in any case, replaced by its key.

        The case-insensitive pattern scans two and a half times slower than the lower-case
        one, so the matches are found in the lower-cased text and replaced in ``text``:
        the same spans, as lower() keeps each character's place and whether it is a word
        character. It does not for the few characters that lower() and re.IGNORECASE
        read differently (CASE_TRAPS); a text holding one is scanned case-insensitively.
        """
        if _CASE_TRAPS.search(text):
            return self.word_re.sub(lambda m: f" {self.words[m.group().lower()]} ", text)
        pieces: list[str] = []
        end = 0
        for match in self.lower_word_re.finditer(text.lower()):
            pieces += (text[end:match.start()], f" {self.words[match.group()]} ")
            end = match.end()
        pieces.append(text[end:])
        return "".join(pieces)


@lru_cache(maxsize=1)
def _aliases() -> _Aliases:
    return _Aliases()


@dataclass
class ArticleAliases:
    """Aliases learned from one article: short names of people, acronyms it defines."""

    phrases: dict[str, str] = field(default_factory=dict)
    _regex: re.Pattern[str] | None = None

    def apply(self, lowered: str) -> str:
        """Replace every learned phrase in lower-cased, folded text by its key."""
        if not self.phrases:
            return lowered
        if self._regex is None:
            self._regex = re.compile(_alternation(list(self.phrases)))
        return self._regex.sub(lambda m: f" {self.phrases[m.group()]} ", lowered)


def _acronym_long_name(long_name: str, acronym: str) -> str:
    """The last words of ``long_name`` that the acronym's letters account for."""
    words = long_name.split()
    significant = 0
    for index in range(len(words) - 1, -1, -1):
        if words[index][0].isupper():
            significant += 1
        if significant == len(acronym):
            return " ".join(words[index:])
    return long_name


def learn_aliases(body: str) -> ArticleAliases:
    """Learn this article's aliases.

    A multi-word name whose word also stands alone in the article ("Kim Jong Un" ...
    "Kim said") is folded to that word; "Long Name (LN)" makes the long name an alias of
    the acronym. Leading titles and country words stay outside the name ("Russian
    President Vladimir Putin" -> "russia president putin").
    """
    table = _aliases()
    folded = _fold(_HYPHEN_CAPITAL.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", body))
    learned: dict[str, str] = {}
    for long_name, acronym in _DEFINED_ACRONYM.findall(folded):
        key = table.acronyms.get(acronym, acronym.lower())
        learned[_acronym_long_name(long_name, acronym).lower()] = key
    # Country names become lower-case keys first, so they never read as people's names.
    folded = table.acronym_re.sub(lambda m: f" {table.acronyms[m.group()]} ", folded)
    folded = table.words_to_keys(folded)
    alone = Counter(m.group() for m in _CAPITALISED.finditer(folded))
    inside: Counter[str] = Counter()
    names: list[list[str]] = []
    for match in _NAME.finditer(folded):
        words = match.group().split()
        while words and _is_common(words[0]):
            words.pop(0)
        if len(words) >= 2 and not any(_is_common(w) for w in words):
            names.append(words)
        for word in match.group().split():
            inside[word] += 1
    short_names: dict[str, set[str]] = {}
    for words in names:
        standalone = [(alone[w] - inside[w], w) for w in words if alone[w] > inside[w]]
        if standalone:
            short_names.setdefault(max(standalone)[1].lower(), set()).add(" ".join(words).lower())
    for short, full_names in short_names.items():
        # "Lee" alone is ambiguous when the article names two Lees: keep both full names.
        if len(full_names) == 1 or all(a in b or b in a for a in full_names for b in full_names):
            for full in full_names:
                learned.setdefault(full, short)
    return ArticleAliases(learned)


def _is_common(word: str) -> bool:
    lowered = word.lower()
    return lowered in STOP_WORDS or lowered in TITLE_WORDS


_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _term(token: str) -> str:
    """The term one token becomes: a name key as it is, a word as its stem (synonyms
    folded), or "" for a stop word, a single letter or a verb of speech. Cached per token:
    an article repeats most of its words, and the stemmer is pure Python."""
    if "_" in token or token in _aliases().keys:
        return token
    if len(token) < 2 or token in STOP_WORDS:
        return ""
    stem = _stemmer.stemWord(token)
    stem = SYNONYM_STEMS.get(stem, stem)
    return "" if stem in SPEECH_ACT_STEMS else stem


def terms(text: str, aliases: ArticleAliases | None = None) -> list[str]:
    """The matching terms of a sentence, in order; names replaced by their keys."""
    table = _aliases()
    folded = table.acronym_re.sub(lambda m: f" {table.acronyms[m.group()]} ", _fold(text))
    lowered = folded.lower()
    if aliases is not None:
        lowered = aliases.apply(lowered)
    lowered = table.lower_word_re.sub(lambda m: f" {table.words[m.group()]} ", lowered)
    return [term for term in map(_term, _TOKEN.findall(lowered)) if term]

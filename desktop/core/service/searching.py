"""Free-text claim search: which articles state or discuss the claim in a query.

Candidates come from the full-text index (BM25 / ts_rank over normalised terms); each is
then scored by how much of the query's weight (IDF) it covers, per sentence and over the
article's matching sentences, and for an article of several sentences by the query's keys
it repeats and by its length. Terms are compared by lemma on both sides ("met" is "meet",
"stolen" is "steal": text/lemmas.py, as grouping compares them); the stored terms stay as
they are, and the index is asked for every form of a lemma. Only articles above a
threshold are hits; of those of several sentences, the ones whose own heaviest terms are
not the query's and none of whose sentences states it hold its words in passing and are
set apart (HitRule.topic_share): the number of the others is the app's answer to "how
many articles carry this", whatever side they take. The hit rule (threshold, figure
weight, length awareness, the body rules) and the stance model are chosen and measured
out of fold in benchmarks/claim_quality.py, the topic filter in
benchmarks/search_all_bodies.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.dto import SearchHit
from desktop.core.models import Article, Mention, Sentence, Source, Stance
from desktop.core.text.figures import figures
from desktop.core.text.lemmas import inflected_stems, lemma_stems
from desktop.core.text.normalize import terms as text_terms
from desktop.core.text.rarity import weight as background_weight
from desktop.core.text.stance import (
    article_stance,
    closest_sentences,
    gives_other_figure,
    passage,
    shipped_model,
)
from desktop.core.text_search import (
    document_frequency,
    joined_count,
    ranked_sentence_ids,
    sentence_counts,
)

CANDIDATE_SENTENCES = 1500


@dataclass(frozen=True)
class HitRule:
    """What makes a candidate article a hit."""

    threshold: float = 0.275
    figure_weight: float = 1.5
    """A figure or month of the query weighs this many times its rarest word: the
    figure is often all that tells two claims apart ("sell 19 million" / "50 million")."""
    length_aware: float = 1.0
    """How far coverage is judged against what the text could hold (0: not at all, 1:
    fully). A headline of eight terms cannot cover a claim of fifteen: its coverage is
    divided by the share of the query's weight its eight heaviest terms carry."""
    rarity_power: float = 1.5
    """A term weighs its rarity (IDF) to this power: above 1, a text that misses the
    query's rarest word (the name, the thing) loses more than one that misses a common
    one ("Apple is buying Path": "path", not "buy")."""
    other_figure: float = 0.3
    """A text of one sentence (a headline, a post) that gives a figure the query does not,
    and misses one the query gives, states another claim ("Apple Watch Gold Edition may
    cost as much as 5,000" for "... will cost under 4,500 USD"; "Apple Watch to sell 15M
    units in 2015" for "Apple will sell 19 million Apple Watches in 2015": the year is
    shared, the number is not): its score is cut by this share. In a longer text another
    figure is often a detail beside the claim, and counts for nothing."""
    name_weight: float = 2.0
    """A multi-word name of the query ("Kim Jong Un", "Abu Bakr al-Baghdadi") is one key
    that weighs this many times its rarest word (at most all its words together); 0
    keeps its words apart. As three keys, "Kim Jong Un" carried half the weight of "Kim
    Jong Un is ill because he eats too much cheese", and every headline about Kim's
    ankles or sister covered half the claim."""
    one_key: float = 0.5
    """A text holding only one of the query's keys (of two or more) loses this share of
    its score: one key is not a claim. In three words ("ISIS Getting Ebola") any word is
    a third of the query, and "get" alone made a body about a KFC a hit; "Jose Canseco
    was shot" found every headline with "shot" in it."""
    repeated: float = 0.3
    """A text of several sentences: this share of its score is the weight of the query's
    keys it states in two sentences or more, as a share of the query's. An article about
    the story repeats its names and its thing; one about another story names them in
    passing ("A video posted on YouTube shows ..." in a body about a pizza tip, for
    "Islamic Militants Post Video Claiming to Show Beheading of U.S. Journalist"). A text
    of one sentence (a headline, a post) is judged as before."""
    body_scale: float = 1.4
    """A text of several sentences has its score multiplied by this: one threshold serves
    headlines and bodies, whose scores are read off different evidence (with repeats
    counted and length marked down, a body's score runs lower than a headline's of the
    same claim)."""
    length_prior: float = 0.3
    """A body longer than ``long_body`` sentences has its score multiplied by
    (long_body / its sentences) to this power: the longer the body, the likelier it holds
    the query's words by chance (a long ISIS story names a video, a journalist and
    militants without being about a beheading)."""
    long_body: int = 10
    topic_terms: int = 30
    """How many of a body's heaviest terms (TF-IDF: sentences holding the term, damped,
    times its rarity) say what the body is about (``topic_share``)."""
    topic_share: float = 0.15
    """A text of several sentences is *about* the query when the query's words among its
    ``topic_terms`` heaviest terms weigh at least this share of the query's words; a hit
    that is not only mentions the claim's words in passing, and is not counted among
    the articles that carry it (0: every hit counts). A long body of another story names
    the query's actors and common words ("terror", "group", "leader" and "Somalia" in a
    body about Emwazi) and scores as a hit; what it is about is its own heaviest terms.
    A text of one sentence (a headline, a post) is its own topic."""
    stated: float = 1.0
    """A text whose best sentence covers at least this much of the query (as
    ArticleMatch.best) states the claim, and carries it whatever its topic: an article on
    Kim's talks with Shoigu that says "around 600 North Korean soldiers were killed in
    Kursk" carries that claim, though its heaviest terms are the talks'."""
    other_figure_carries: bool = True
    """A text whose sentence closest to the query gives another figure for the query's
    quantity states the claim with a conflicting figure (its stance: contradicts) and
    carries it, whatever its topic: the seeds' article on Kim's pledge whose "around 600
    DPRK soldiers have been killed" contradicts "Around 300 North Korean troops were
    killed fighting in Kursk, with 2,700 more injured" covers too little of that query to
    state it, and its heaviest terms are the talks' (trial9: it was set apart as "in
    passing", and the claim read 2 articles, none contradicting)."""
    topic_rarity: Literal["background", "project"] = "background"
    """Where a body term's rarity comes from: "background" (desktop.core.text.rarity, news
    prose shipped with FactDesk: nothing to read per project) or "project" (how many of
    the project's sentences hold it, read once per searcher from the full-text index)."""
    lemmas: bool = True
    """Query and text terms are compared by lemma ("met" / "meets", "stolen" / "steal"),
    as grouping compares them: the stemmer joins regular forms only, and a user searching
    "Kim met Shoigu in Pyongyang" found one article of the five that say "meeting"."""

    @property
    def reads_bodies(self) -> bool:
        """Whether the rule judges a text of several sentences by its whole body."""
        return bool(self.repeated or self.body_scale != 1.0 or self.length_prior)


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")
_CASE_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")
_TITLE_CASE_SMALL = frozenset({"and", "but", "for", "nor", "the", "yet", "via"})
"""Words a title-case headline leaves in lower case ("... and the Army"): they tell
nothing of the case the query is written in."""


def query_names(query: str, wanted: Iterable[str],
                fold: Mapping[str, str] | None = None) -> list[frozenset[str]]:
    """The terms of each multi-word capitalised name in a query written in sentence case
    (each term folded to its lemma by ``fold``, as ``wanted`` was).

    A query in title case ("Kim Jong Un Broke Both Ankles", as many headlines are) marks
    no name by its capitals: most of its words are capitalised and it gives none.
    """
    words = [w for w in _CASE_WORD.findall(query) if w.lower() not in _TITLE_CASE_SMALL]
    if words and sum(w[0].isupper() for w in words) > 0.75 * len(words):
        return []
    asked = set(wanted)
    names = []
    for match in _NAME_RUN.finditer(query):
        parts = frozenset(t for t in (fold.get(t, t) if fold else t
                                      for t in text_terms(match.group())) if t in asked)
        if len(parts) > 1:
            names.append(parts)
    return names


@dataclass(frozen=True)
class Body:
    """An article's whole body as search judges it: its terms and figures, and in how
    many of its sentences each one is."""

    sentences: int
    counts: dict[str, int]


SHIPPED = HitRule()
HIT_THRESHOLD = SHIPPED.threshold


@dataclass
class ArticleMatch:
    """One candidate article for a query: its score, best sentence, and the sentences
    that state part of the query (what its stance is read from)."""

    article_id: int
    score: float = 0.0
    sentence_id: int = 0
    best: float = 0.0
    covered: set[str] = field(default_factory=set)
    sentences: list[tuple[float, int, str]] = field(default_factory=list)
    topic: float = 1.0
    """The share of the query's words among the body's heaviest terms (HitRule.topic_share),
    worked out for a hit; 1 for a text of one sentence, which is its own topic."""
    topic_ranks: tuple[tuple[float, float], ...] | None = None
    """For each of the query's words (a name as one), its place among the body's terms,
    heaviest first (inf: not in the body), and its share of the query's words: the topic
    at any number of terms (topic_at), so a benchmark compares them over one search."""
    about: bool = True
    """Whether the article carries the query's claim (HitRule.topic_share, stated), not
    only mentioning its words in passing."""

    def topic_at(self, terms: int) -> float:
        """The share of the query's words among the body's ``terms`` heaviest terms."""
        if self.topic_ranks is None:
            return self.topic
        return sum(share for place, share in self.topic_ranks if place < terms)

    def carries(self, query: str, rule: HitRule) -> bool:
        """Whether the article carries the query's claim under ``rule``'s topic filter, not
        only mentioning its words in passing: it is about the claim (HitRule.topic_share),
        one of its sentences states it (HitRule.stated), or its closest sentence gives
        another figure for it (HitRule.other_figure_carries)."""
        return (self.topic_at(rule.topic_terms) >= rule.topic_share or self.best >= rule.stated
                or (rule.other_figure_carries and bool(self.sentences) and gives_other_figure(
                    query, closest_sentences(self.sentences)[0][2])))

    @property
    def passage(self) -> str:
        """The article's sentences that state most of the query, in reading order."""
        return passage(self.sentences)

    def stance(self, query: str) -> Stance:
        """How the article stands toward the query's claim, by the trained stance model
        read over its sentences closest to the query (desktop.core.text.stance)."""
        return Stance(article_stance(shipped_model(), query, self.sentences))


def _forms(term: str) -> tuple[str, ...]:
    """A lemma's stem and the inflected stems the lemma table folds into it ("meet",
    "met"): the stored terms are not folded, so the index is asked for each."""
    return (term, *inflected_stems().get(term, ()))


def _folded(terms: Iterable[str], fold: Mapping[str, str]) -> set[str]:
    """Stored terms as search compares them: each by its lemma's stem."""
    return {fold.get(t, t) for t in terms} if fold else set(terms)


class Searcher:
    """Answers many queries against one database, caching term frequencies between them."""

    def __init__(self, session: Session, rule: HitRule = SHIPPED) -> None:
        self.session = session
        self.rule = rule
        self.threshold = rule.threshold
        self._df: dict[tuple[str, ...], int] = {}
        self._figures: dict[int, frozenset[str]] = {}
        self._terms: dict[tuple[bool, int], frozenset[str]] = {}
        self._bodies: dict[tuple[bool, int], Body] = {}
        self._ranked: dict[tuple[bool, str, int], tuple[str, ...]] = {}
        self._vocabulary: dict[str, int] | None = None
        self._n = session.scalar(select(func.count(Sentence.id))) or 0

    def _count(self, forms: tuple[str, ...]) -> int:
        """How many sentences hold any of a term's forms."""
        if forms not in self._df:
            self._df[forms] = document_frequency(self.session, forms)
        return self._df[forms]

    def _weight(self, forms: tuple[str, ...]) -> float:
        """A term's rarity (IDF) over the sentences holding any of its forms."""
        return math.log(1.0 + (self._n + 1) / (self._count(forms) + 1))

    def scored(self, query: str, rule: HitRule | None = None) -> list[ArticleMatch]:
        """Every candidate article, best first, scored by how much of the query it covers.

        The score is the mean of the best sentence's coverage of the query's weight and
        the coverage by all the article's matching sentences together, each judged
        against what that text could hold (HitRule.length_aware). The query's figures
        and months count as terms (HitRule.figure_weight); a multi-word name counts as one
        (HitRule.name_weight). A text of several sentences is judged by the query's keys
        its whole body repeats as well, and by its length (HitRule.repeated,
        HitRule.body_scale, HitRule.length_prior). ``rule`` overrides the searcher's own
        (benchmarks compare rules over one set of term statistics).
        """
        rule = rule or self.rule
        fold = lemma_stems() if rule.lemmas else {}
        wanted = list(dict.fromkeys(fold.get(t, t) for t in text_terms(query)))
        if not wanted:
            return []
        forms = {t: _forms(t) if rule.lemmas else (t,) for t in wanted}
        weights = {t: self._weight(forms[t]) ** rule.rarity_power for t in wanted}
        figure_weight = rule.figure_weight * max(weights.values())
        weights.update({f: figure_weight for f in figures(query)})
        names = query_names(query, wanted, fold) if rule.name_weight else []
        named = {t for name in names for t in name}
        keys = [(frozenset([t]), w) for t, w in weights.items() if t not in named]
        keys += [(name, min(rule.name_weight * max(weights[t] for t in name),
                            sum(weights[t] for t in name))) for name in names]
        total = sum(w for _, w in keys) or 1.0
        heaviest = sorted((w for _, w in keys), reverse=True)
        # What a sentence states of the query's words, for stance: of the words some text
        # holds, a name stated by any of its words. An article names Kim Jong Un once, then
        # "Kim": its sentences state "Kim met Shoigu" in full, whether or not another text
        # of the project spells out "Jong Un" (trial7: such a row made every article
        # neutral toward "Kim Jong Un did not meet Shoigu").
        word_keys = [(parts, sum(weights[t] for t in parts if self._count(forms[t])))
                     for parts, _ in keys if not any(t[0] == "#" for t in parts)]
        word_total = sum(w for _, w in word_keys) or 1.0

        def credit(present: AbstractSet[str]) -> float:
            """The query's weight the terms cover; a name's words share its one weight."""
            got = 0.0
            for parts, weight in keys:
                held = parts & present
                if held == parts:
                    got += weight
                elif held:
                    got += weight * sum(weights[t] for t in held) / sum(weights[t] for t in parts)
            return got

        def capacity(size: int) -> float:
            """The share of the query's weight a text of ``size`` terms could cover."""
            return (sum(heaviest[:max(size, 1)]) / total) ** rule.length_aware

        per_article: dict[int, ArticleMatch] = {}
        sizes: dict[int, set[str]] = {}
        asked = [f for t in wanted for f in forms[t]]
        for sentence_id, article_id, stored, text in self._candidates(asked):
            own = self._own(sentence_id, stored, text, fold)
            present = own & weights.keys()
            coverage = credit(present) / total / capacity(len(own))
            match = per_article.setdefault(article_id, ArticleMatch(article_id))
            match.covered |= present
            sizes.setdefault(article_id, set()).update(own)
            if coverage > match.best:
                match.best, match.sentence_id = coverage, sentence_id
            # The stance passage is chosen by the words alone, as the stance model was
            # trained (desktop.core.evaluation.fnc_passages).
            words = sum(w for parts, w in word_keys if parts & present) / word_total
            match.sentences.append((words, sentence_id, text))
        bodies = self._read_bodies(list(per_article), fold) if rule.reads_bodies else {}

        def as_body(score: float, body: Body) -> float:
            """A text of several sentences judged by the keys its body repeats, and its length."""
            again = {t for t in weights if body.counts.get(t, 0) > 1}
            repeated = sum(w for parts, w in keys if parts & again) / total
            score = rule.body_scale * ((1.0 - rule.repeated) * score + rule.repeated * repeated)
            if rule.length_prior and body.sentences > rule.long_body:
                score *= (rule.long_body / body.sentences) ** rule.length_prior
            return score

        # The query's words weighed by the rarity the bodies' terms are ranked by: the
        # project's own would make the words every article of a one-story project shares
        # ("Shoigu" in the seeds) weigh nothing, and those are what its articles are about.
        rarity = self._rarity(rule, fold)
        heft = {t: rarity(t) ** rule.rarity_power for t in wanted}
        topic_keys = [(parts, min(rule.name_weight * max(heft[t] for t in parts),
                                  sum(heft[t] for t in parts)))
                      for parts, _ in keys if not any(t[0] == "#" for t in parts)]
        topic_total = sum(w for _, w in topic_keys) or 1.0

        def topic(article_id: int, body: Body) -> tuple[tuple[float, float], ...]:
            """Each of the query's words' place among the body's terms, heaviest first, and
            its share of the query's words; a name is there by its best-placed word (an
            article names Kim Jong Un once, then "Kim")."""
            place = {t: i for i, t in
                     enumerate(self._ranked_terms(article_id, body, rule, fold, rarity))}
            return tuple((min((place[t] for t in parts if t in place), default=math.inf),
                          w / topic_total) for parts, w in topic_keys)

        for article_id, match in per_article.items():
            spread = credit(match.covered) / total / capacity(len(sizes[article_id]))
            match.score = 0.5 * match.best + 0.5 * spread
            body = bodies.get(article_id)
            if body is not None and body.sentences > 1:
                match.score = as_body(match.score, body)
            if rule.one_key and len(keys) > 1 and sum(
                    1 for parts, _ in keys if parts & match.covered) == 1:
                match.score *= 1.0 - rule.one_key
        if rule.other_figure:
            for article_id in self._other_figure(per_article, weights.keys()):
                per_article[article_id].score *= 1.0 - rule.other_figure
        if rule.topic_share:
            # Only a hit's topic matters: ranking the terms of every candidate body, most of
            # them far below the threshold, was most of the filter's cost.
            for article_id, match in per_article.items():
                body = bodies.get(article_id)
                if body is not None and body.sentences > 1 and match.score >= rule.threshold:
                    match.topic_ranks = topic(article_id, body)
                    match.topic = match.topic_at(rule.topic_terms)
                    match.about = match.carries(query, rule)
        return sorted(per_article.values(), key=lambda m: (-m.score, m.article_id))

    def _own(self, sentence_id: int, stored: str, text: str, fold: Mapping[str, str]
             ) -> frozenset[str]:
        """A sentence's terms, each by its lemma (``fold``), and its figures: worked out
        once per searcher, as the same sentences come back for many queries."""
        key = (bool(fold), sentence_id)
        own = self._terms.get(key)
        if own is None:
            if sentence_id not in self._figures:
                self._figures[sentence_id] = figures(text)
            own = self._terms[key] = frozenset(_folded(stored.split(), fold)
                                               | self._figures[sentence_id])
        return own

    def _read_bodies(self, article_ids: list[int], fold: Mapping[str, str]
                     ) -> dict[int, Body]:
        """The articles' whole bodies, their terms folded by ``fold`` (read once per
        searcher)."""
        lemmas = bool(fold)
        unread = [a for a in article_ids if (lemmas, a) not in self._bodies]
        if unread:
            counts: dict[int, Counter[str]] = {a: Counter() for a in unread}
            sentences: Counter[int] = Counter()
            rows = self.session.execute(
                select(Sentence.article_id, Sentence.id, Sentence.terms, Sentence.text)
                .where(Sentence.article_id.in_(unread)))
            for article_id, sentence_id, stored, text in rows:
                counts[article_id].update(self._own(sentence_id, stored, text, fold))
                sentences[article_id] += 1
            self._bodies.update({(lemmas, a): Body(sentences[a], dict(counts[a]))
                                 for a in unread})
        return {a: self._bodies[(lemmas, a)] for a in article_ids}

    def _ranked_terms(self, article_id: int, body: Body, rule: HitRule,
                      fold: Mapping[str, str], rarity: Callable[[str], float]
                      ) -> tuple[str, ...]:
        """A body's words, heaviest first: the sentences holding each, damped (1 + log),
        times its ``rarity`` (HitRule.topic_rarity, looked up once per search); worked out
        once per searcher."""
        key = (bool(fold), rule.topic_rarity, article_id)
        if key not in self._ranked:
            heft = {t: (1.0 + math.log(n)) * rarity(t)
                    for t, n in body.counts.items() if t[0] != "#"}
            self._ranked[key] = tuple(sorted(heft, key=lambda t: (-heft[t], t)))
        return self._ranked[key]

    def _rarity(self, rule: HitRule, fold: Mapping[str, str]) -> Callable[[str], float]:
        """A term's rarity as HitRule.topic_rarity says."""
        if rule.topic_rarity == "project":
            return self._project_rarity
        return lambda term: background_weight(*_forms(term)) if fold else background_weight(term)

    def _project_rarity(self, term: str) -> float:
        """A lemma's rarity (IDF) over the project's sentences, from the index's vocabulary
        read once per searcher (a lemma counts its forms' sentences)."""
        if self._vocabulary is None:
            self._vocabulary = sentence_counts(self.session)
        count = sum(joined_count(self._vocabulary, form) for form in _forms(term))
        return math.log(1.0 + (self._n + 1) / (count + 1))

    def _candidates(self, wanted: list[str]) -> list[tuple[int, int, str, str]]:
        """The sentences best matching any of the terms: (id, article id, terms, text)."""
        ids = ranked_sentence_ids(self.session, wanted, CANDIDATE_SENTENCES)
        if not ids:
            return []
        rows = self.session.execute(
            select(Sentence.id, Sentence.article_id, Sentence.terms, Sentence.text)
            .where(Sentence.id.in_(ids)).order_by(Sentence.id))
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    def _other_figure(self, matches: dict[int, ArticleMatch],
                      wanted: Iterable[str]) -> list[int]:
        """Articles of one sentence that give a figure the query does not and miss one it
        gives."""
        asked = {t for t in wanted if t.startswith("#")}
        if not asked:
            return []
        suspects = [a for a, m in matches.items() if len(m.sentences) == 1
                    and self._figures[m.sentences[0][1]] - asked
                    and not asked <= self._figures[m.sentences[0][1]]]
        if not suspects:
            return []
        counts = self.session.execute(
            select(Sentence.article_id, func.count(Sentence.id))
            .where(Sentence.article_id.in_(suspects)).group_by(Sentence.article_id))
        return [article_id for article_id, n in counts if n == 1]

    def search(self, query: str, limit: int = 20, passing: bool = False) -> list[SearchHit]:
        """Articles judged to state or discuss the query's claim, best first (at most
        ``limit``: these are the articles that carry it); with ``passing``, then those that
        hold its words but are about something else, best first (at most ``limit``,
        ``about`` False), for a user to see what was set apart."""
        scored = [m for m in self.scored(query) if m.score >= self.threshold]
        hits = ([m for m in scored if m.about][:limit]
                + ([m for m in scored if not m.about][:limit] if passing else []))
        if not hits:
            return []
        rows = {row.id: row for row in self.session.execute(
            select(Sentence.id, Sentence.start, Sentence.end, Sentence.text,
                   Article.external_id, Article.title, Article.published, Article.origin_id,
                   Article.path,
                   Source.name.label("source"), Mention.claim_id)
            .join(Article, Article.id == Sentence.article_id)
            .join(Source, Source.id == Article.source_id)
            .outerjoin(Mention, Mention.sentence_id == Sentence.id)
            .where(Sentence.id.in_([m.sentence_id for m in hits])))}
        out: list[SearchHit] = []
        for match in hits:
            row = rows[match.sentence_id]
            out.append(SearchHit(
                article_id=match.article_id, external_id=row.external_id, source=row.source,
                title=row.title, sentence=row.text, start=row.start, end=row.end,
                claim_id=row.claim_id, score=round(match.score, 4),
                stance=match.stance(query).value, published=row.published, path=row.path,
                about=match.about,
                copy_of=row.origin_id if row.origin_id not in (None, match.article_id)
                else None))
        return out

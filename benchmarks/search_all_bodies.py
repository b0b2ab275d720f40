"""How many of search's hits belong to the query's story when every article is a candidate.

    python benchmarks/search_all_bodies.py [--data ../shared/data] [--every 4] [--db fnc.sqlite]

claim_quality.py scores FNC-1 search on the labelled (headline, body) pairs only: about 30
bodies a headline, most of them unrelated ones drawn at random. In the app every article of
the project is a candidate, and "N articles carry this" counts hits among all of them. This
script searches FNC-1 headlines (every --every-th, in a fixed order) over all 1,683 bodies
and sorts each hit by story (desktop.core.evaluation.story_groups: the connected parts of
headline - related body links): a hit on a body of another story is certainly false, so
"hits in the story" is an upper bound on precision. Printed beside it: the labelled
related bodies a headline has (the count a user would want), the hits on them (recall),
and the same for TF-IDF 1-2-gram cosine, whose threshold is chosen out of fold (5 folds of
stories) by F1 on the labelled pairs, as claim_quality.py chooses it.
Thresholds are swept to show what a stricter hit rule would give.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select

from desktop.core.evaluation import FncPair, folds, load_fnc, story_groups
from desktop.core.models import Article
from desktop.core.service import Service
from desktop.core.service.searching import SHIPPED, Searcher

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import SHARED  # noqa: E402

SWEEP = (0.2, 0.275, 0.35, 0.45, 0.55, 0.7, 0.85, 1.0)
ABOUT = [(k, c) for k in (30, 60, 100) for c in (0.1, 0.2, 0.3)]
"""Measured, not shipped: a hit must be about the query, i.e. the query's words (weighted
by rarity^1.5) among the body's own k heaviest terms (TF-IDF over the bodies, English stop
words and terms in more than 30% of bodies left out) must weigh at least c of the query's."""
TFIDF_THRESHOLDS = [round(0.025 * i, 3) for i in range(1, 29)]
RULES = [replace(SHIPPED, threshold=0.0),
         *(replace(SHIPPED, threshold=0.0, body_scale=scale, repeated=repeated,
                   length_prior=prior, long_body=10)
           for scale in (1.4, 1.0, 0.7) for repeated in (0.3, 0.6) for prior in (0.3, 0.6)
           if (scale, repeated, prior) != (1.4, 0.3, 0.3))]
"""The shipped rule first, then stricter readings of a text of several sentences (a body
scaled down, more of its score from the keys it repeats, a stronger length mark-down).
A text of one sentence scores the same under every one of them, so Emergent is
unchanged by construction."""


@dataclass
class Headline:
    """One query: its story, the bodies labelled related to it, and each method's scores
    over every body."""

    text: str
    story: str
    related: set[str]
    labelled: set[str]
    story_bodies: set[str]
    by_rule: list[dict[str, float]]
    """FactDesk's scores under each of RULES."""
    tfidf: dict[str, float]


def story_bodies(pairs: list[FncPair], story: dict[str, str]) -> dict[str, set[str]]:
    """Each story -> the bodies related to any of its headlines. FNC-1 labels "related" by
    story and pairs each headline with only some of its story's bodies (8 of 15 on
    average), so a story's bodies are what a headline's search should find."""
    found: dict[str, set[str]] = {}
    for p in pairs:
        if p.stance != "unrelated":
            found.setdefault(story["h:" + p.headline], set()).add(p.body_id)
    return found


def stored_bodies(service: Service) -> dict[int, str]:
    """Article id -> FNC-1 Body ID (an exact duplicate row is stored once)."""
    with service.db.read() as session:
        return {a: str(e) for a, e in session.execute(select(Article.id, Article.external_id))}


def topic_terms(bodies: dict[str, str], k_values: Iterable[int]
                ) -> tuple[Callable[[str], list[str]], dict[str, int], list[float],
                           dict[int, dict[str, set[int]]]]:
    """Each body's k heaviest terms by TF-IDF, for each k: what the body is about."""
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2,
                                 max_df=0.3)
    ids = list(bodies)
    matrix = vectorizer.fit_transform([bodies[b] for b in ids]).tocsr()
    tops: dict[int, dict[str, set[int]]] = {k: {} for k in k_values}
    for i, body in enumerate(ids):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        order = np.argsort(-matrix.data[start:end])
        for k, top in tops.items():
            top[body] = set(matrix.indices[start:end][order[:k]].tolist())
    return (vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_.tolist(),
            tops)


def about_filtered(heads: list[Headline], topics: tuple[Callable[[str], list[str]],
                   dict[str, int], list[float], dict[int, dict[str, set[int]]]],
                   k: int, share: float) -> list[dict[str, float]]:
    """The shipped scores, with a hit whose body is not about the query scored 0."""
    analyzer, vocabulary, idf, tops = topics
    filtered = []
    for h in heads:
        terms = {vocabulary[t] for t in analyzer(h.text) if t in vocabulary}
        weight = {t: idf[t] ** 1.5 for t in terms}
        total = sum(weight.values()) or 1.0
        filtered.append({b: s if sum(w for t, w in weight.items() if t in tops[k][b])
                         >= share * total else 0.0 for b, s in h.by_rule[0].items()})
    return filtered


def labelled_f1(heads: list[Headline], method: str, threshold: float) -> float:
    """F1 over the labelled pairs only, as claim_quality.py scores FNC-1 search."""
    tp = fp = fn = 0
    for h in heads:
        hits = {b for b, s in getattr(h, method).items() if s >= threshold and b in h.labelled}
        tp += len(hits & h.related)
        fp += len(hits - h.related)
        fn += len(h.related - hits)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def story_f1(heads: list[Headline], scores: list[dict[str, float]], threshold: float) -> float:
    """F1 over all bodies, a hit right when its body is of the headline's story."""
    tp = fp = fn = 0
    for h, by_body in zip(heads, scores, strict=True):
        hits = {b for b, s in by_body.items() if s >= threshold}
        tp += len(hits & h.story_bodies)
        fp += len(hits - h.story_bodies)
        fn += len(h.story_bodies - hits)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def row(name: str, heads: list[Headline], scores: list[dict[str, float]],
        thresholds: dict[str, float]) -> str:
    """Hits over all bodies: per headline on average, the story's bodies, the share of
    hits in the story, recall of the labelled related bodies, mean |hits - story bodies|,
    F1 against the story's bodies and F1 over the labelled pairs."""
    hits_n, in_story, found, related, errors = [], 0, 0, 0, []
    tp = fp = fn = 0
    for h, by_body in zip(heads, scores, strict=True):
        hits = {b for b, s in by_body.items() if s >= thresholds[h.story]}
        hits_n.append(len(hits))
        in_story += len(hits & h.story_bodies)
        found += len(hits & h.related)
        related += len(h.related)
        errors.append(abs(len(hits) - len(h.story_bodies)))
        scored = hits & h.labelled
        tp += len(scored & h.related)
        fp += len(scored - h.related)
        fn += len(h.related - scored)
    total, story_total = sum(hits_n), sum(len(h.story_bodies) for h in heads)
    precision, recall = in_story / max(total, 1), in_story / max(story_total, 1)
    return (f"| {name} | {statistics.mean(hits_n):.1f} | {story_total / len(heads):.1f} | "
            f"{precision:.3f} | {recall:.3f} | "
            f"{2 * precision * recall / max(precision + recall, 1e-9):.3f} | "
            f"{found / max(related, 1):.3f} | {statistics.mean(errors):.1f} | "
            f"{2 * tp / max(2 * tp + fp + fn, 1):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--db", type=Path, help="an FNC-1 project already imported "
                        "(--source FNC-1 --id-column 'Body ID'); else imported afresh")
    args = parser.parse_args()

    bodies, pairs = load_fnc(args.data / "fnc1")
    story = story_groups([], pairs)
    of_story = story_bodies(pairs, story)
    labels: dict[str, dict[str, str]] = {}
    for p in pairs:
        labels.setdefault(p.headline, {})[p.body_id] = p.stance
    chosen = sorted(labels)[::args.every]

    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "fnc.sqlite"
        service = Service.open(path)
        if args.db is None:
            started = time.perf_counter()
            service.import_paths([args.data / "fnc1/train_bodies.csv"], source="FNC-1",
                                 id_column="Body ID")
            print(f"FNC-1: bodies imported in {time.perf_counter() - started:.0f} s")
        body_of = stored_bodies(service)
        body_ids = list(bodies)
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        matrix = vectorizer.fit_transform([bodies[b] for b in body_ids])
        heads: list[Headline] = []
        started = time.perf_counter()
        with service.db.read() as session:
            searcher = Searcher(session)
            for text in chosen:
                in_story = of_story.get(story["h:" + text], set())
                scores = [{body_of[m.article_id]: m.score for m in searcher.scored(text, rule)}
                          for rule in RULES]
                cosine = (matrix @ vectorizer.transform([text]).T).toarray().ravel()
                heads.append(Headline(text, story["h:" + text],
                                      {b for b, s in labels[text].items() if s != "unrelated"},
                                      set(labels[text]), in_story, scores,
                                      dict(zip(body_ids, cosine.tolist(), strict=True))))
        service.close()
    print(f"{len(heads)} of {len(labels)} FNC-1 headlines searched over {len(body_of):,} "
          f"articles in {time.perf_counter() - started:.0f} s")

    parts = folds([h.story for h in heads])
    tfidf_at: dict[str, float] = {}
    factdesk_at: dict[str, tuple[int, float]] = {}
    for part in parts:
        fitting = [h for h in heads if h.story not in part]
        best = max(TFIDF_THRESHOLDS, key=lambda t: labelled_f1(fitting, "tfidf", t))
        tfidf_at.update({s: best for s in part})
        rule, threshold = max(((r, t) for r in range(len(RULES)) for t in SWEEP),
                              key=lambda rt: story_f1(fitting, [h.by_rule[rt[0]]
                                                                for h in fitting], rt[1]))
        factdesk_at.update({s: (rule, threshold) for s in part})
    print("\n| method, threshold | hits a headline, mean | story bodies, mean | precision: "
          "hits in the story | recall of the story's bodies | F1, story | recall of labelled "
          "related | mean abs(hits - story bodies) | F1 on labelled pairs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    stories = {h.story for h in heads}
    shipped = [h.by_rule[0] for h in heads]
    for t in SWEEP:
        mark = " (shipped)" if t == SHIPPED.threshold else ""
        print(row(f"FactDesk {t}{mark}", heads, shipped, dict.fromkeys(stories, t)))
    oof = [h.by_rule[factdesk_at[h.story][0]] for h in heads]
    picked = sorted({f"{RULES[r].body_scale}/{RULES[r].repeated}/{RULES[r].length_prior}"
                     f" at {t}" for r, t in factdesk_at.values()})
    print(row(f"FactDesk, body rule and threshold out of fold by story F1 ({'; '.join(picked)})",
              heads, oof, {s: t for s, (_, t) in factdesk_at.items()}))
    print(row("TF-IDF 1-2-gram, out of fold "
              f"({'/'.join(sorted({f'{t:g}' for t in tfidf_at.values()}))})",
              heads, [h.tfidf for h in heads], tfidf_at))

    topics = topic_terms(bodies, {k for k, _ in ABOUT})
    filtered = {kc: about_filtered(heads, topics, *kc) for kc in ABOUT}
    at_shipped = dict.fromkeys(stories, SHIPPED.threshold)
    for (k, c), scores in filtered.items():
        print(row(f"FactDesk shipped + about the query (top {k} terms, share {c}; all stories)",
                  heads, scores, at_shipped))
    about_at: dict[str, tuple[int, float]] = {}
    for part in parts:
        fitting = [i for i, h in enumerate(heads) if h.story not in part]
        best_kc = max(ABOUT, key=lambda kc: story_f1(
            [heads[i] for i in fitting], [filtered[kc][i] for i in fitting],
            SHIPPED.threshold))
        about_at.update({s: best_kc for s in part})
    oof_about = [filtered[about_at[h.story]][i] for i, h in enumerate(heads)]
    picked_kc = "; ".join(sorted({f"top {k}, share {c}" for k, c in about_at.values()}))
    print(row(f"FactDesk shipped + about the query, out of fold by story F1 ({picked_kc})",
              heads, oof_about, at_shipped))


if __name__ == "__main__":
    main()

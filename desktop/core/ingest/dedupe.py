"""Exact and near-duplicate detection: content hashes and sampled word shingles.

Near-copies are found by containment, not Jaccard: a syndicated copy often adds or drops a
lead paragraph or a footer (seeds 000 and 001), which lowers Jaccard but keeps most of the
shorter text inside the longer one. Shingles are sampled by hash value (keep h % 8 == 0),
so both texts keep the same shingles and containment stays estimable from the samples.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

SHINGLE = 5
SAMPLE_MOD = 8
COPY_THRESHOLD = 0.5
MIN_SAMPLES = 4
_WORD = re.compile(r"\w+")
_SAMPLED_BITS = (SAMPLE_MOD - 1) << 1
"""The bits of a digest's first byte that (value >> 1) % SAMPLE_MOD reads."""


TITLE_MAX = 1000
"""The longest title stored (article.title); the key hashes the stored title, so that a
key recomputed from the database (migration 0005) is the key an import computes."""


def content_hash(title: str, body: str) -> str:
    """The exact-duplicate key: the article's title and body, case and white space folded.

    The title is part of the text a user sees: cleanup lifts a first line without a final
    period into it, so two rows that differ only in that line (FNC-1 bodies 54 and 433)
    have one body and are two articles. Folded text holds no line break, so the one
    between title and body keeps ("a b", "c") and ("a", "b c") apart. Byline and date
    stay out: readers find them in different places (an HTML page's meta tags, a text's
    "By" line), and the same article as .txt and .html must keep one key.
    """
    folded = "\n".join(" ".join(part.casefold().split()) for part in (title[:TITLE_MAX], body))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def fingerprint(text: str) -> frozenset[int]:
    """The sampled 5-word shingle hashes of a text.

    A shingle is kept when its hash, read as a little-endian integer and halved, is a
    multiple of SAMPLE_MOD: when bits 1 to 3 of the digest's first byte are zero. That
    byte is tested before the integer is made, which 7 shingles in 8 then skip.
    """
    words = _WORD.findall(text.casefold())
    blake2b = hashlib.blake2b
    sample: set[int] = set()
    # Not strict: the word lists shifted by 1 to 4 run out first, at the last whole shingle.
    shingles = zip(*(words[i:] for i in range(SHINGLE)), strict=False)
    for shingle in map(" ".join, shingles):
        digest = blake2b(shingle.encode(), digest_size=8).digest()
        if not digest[0] & _SAMPLED_BITS:
            sample.add(int.from_bytes(digest, "little") >> 1)  # fits a signed 64-bit integer
    return frozenset(sample)


def encode_fingerprint(hashes: frozenset[int]) -> str:
    """Store form: hex numbers separated by spaces, sorted for stable files."""
    return " ".join(format(h, "x") for h in sorted(hashes))


def decode_fingerprint(stored: str) -> frozenset[int]:
    """Inverse of encode_fingerprint."""
    return frozenset(int(h, 16) for h in stored.split())


@dataclass(frozen=True)
class Copy:
    """The earlier article a new one nearly copies, and how much of it they share."""

    article_id: int
    origin_id: int
    containment: float


class CopyIndex:
    """Inverted index from shingle sample to articles, for near-copy lookup."""

    def __init__(self) -> None:
        self._postings: dict[int, list[int]] = defaultdict(list)
        self._sizes: dict[int, int] = {}
        self._origins: dict[int, int] = {}

    def add(self, article_id: int, origin_id: int, hashes: frozenset[int]) -> None:
        """Index an article under its own id, remembering the origin of its copy set."""
        self._sizes[article_id] = len(hashes)
        self._origins[article_id] = origin_id
        for h in hashes:
            self._postings[h].append(article_id)

    def reroot(self, old_origin: int, new_origin: int) -> None:
        """Every article of ``old_origin``'s copy set now counts ``new_origin`` as its
        origin (an earlier-dated copy arrived after the article first taken for it)."""
        for article_id, origin in self._origins.items():
            if origin == old_origin:
                self._origins[article_id] = new_origin

    def find_copy(self, hashes: frozenset[int]) -> Copy | None:
        """The indexed article this text nearly copies, best first, or None."""
        if len(hashes) < MIN_SAMPLES:
            return None
        shared: dict[int, int] = defaultdict(int)
        for h in hashes:
            for article_id in self._postings.get(h, ()):
                shared[article_id] += 1
        best: Copy | None = None
        for article_id, count in sorted(shared.items()):
            smaller = min(len(hashes), self._sizes[article_id])
            if smaller < MIN_SAMPLES:
                continue
            containment = count / smaller
            if containment >= COPY_THRESHOLD and (best is None or containment > best.containment):
                best = Copy(article_id, self._origins[article_id], containment)
        return best

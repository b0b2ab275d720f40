"""Sentence vectors from a static embedding model shipped inside a package (the
``semantic`` extra: ``pip install -e .[semantic]``).

WordLlama's 256-dimension model is a token-embedding table (16 MB, in the wheel) averaged
over a sentence's tokens: no neural network runs, so 20,000 sentences take under a second,
where a transformer such as all-MiniLM-L6-v2 needs PyTorch and minutes
(benchmarks/grouping_quality.py measures both quality and cost). The weights and tokenizer
are read from the installed package's own folder; nothing is ever downloaded, so the
library's loader (which fetches the tokenizer from the network when its cache is empty)
is not used. Without the extra, ``load()`` returns None and FactDesk matches by words
alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
MAX_TOKENS = 128


@dataclass(frozen=True)
class Embedder:
    """A token-embedding table and its tokenizer: sentences to unit vectors."""

    table: Any
    tokenizer: Any

    def vectors(self, sentences: list[str]) -> Any:
        """One L2-normalised row per sentence (a numpy array); the mean of its tokens."""
        import numpy as np

        out = np.zeros((len(sentences), self.table.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(self.tokenizer.encode_batch(sentences)):
            ids = encoding.ids[:MAX_TOKENS]
            if ids:
                out[row] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


@lru_cache(maxsize=1)
def load() -> Embedder | None:
    """The embedder, or None when the ``semantic`` extra is not installed."""
    spec = find_spec("wordllama")
    if spec is None or spec.origin is None:
        return None
    from safetensors import safe_open
    from tokenizers import Tokenizer

    folder = Path(spec.origin).parent
    if not (folder / WEIGHTS).exists() or not (folder / TOKENIZER).exists():
        return None
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    tokenizer.no_padding()
    with safe_open(str(folder / WEIGHTS), framework="np") as handle:
        table = handle.get_tensor("embedding.weight")
    return Embedder(table, tokenizer)

"""Generated and mutated files of every readable format, reproducible from one seed.

The same cases feed the short hypothesis run in the test suite and the long run of
benchmarks/fuzz_readers.py, so a failure found by either is replayed by its seed.
"""

from __future__ import annotations

import csv
import io
import random
import zlib
from collections.abc import Callable

from tests.fuzz.files import document_xml, docx_bytes, html_page, page_pdf, replace_part, text_pdf

KINDS = ("txt", "md", "html", "docx", "pdf", "csv")

_WORDS = ("Kim", "Shoigu", "Pyongyang", "met", "said", "300", "soldiers", "killed", "near",
          "Kursk", "on", "Wednesday", "the", "treaty", "U.S.", "according", "to", "officials",
          "“quoted”", "'single'", "2025-06-05", "05 Jun. 2025", "$1,200", "three hundred",
          "Share", "Advertisement", "×", "—", "é", "ü", "中文", "😀", "\t", "&amp;", "<b>", "#",
          "**", "[link](http://x)", '"', '""', ",", ";", "|", "EDT", "11:05", "By Staff")
_TOKENS = (b'"', b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\r", b"\n", b"<", b">",
           b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"%%EOF", b"endstream", b"stream\n",
           b"PK\x03\x04", b"obj", b"/Length 999999999", b"<w:p>", b"</w:t>", b"\\", b"(",
           b"Published: 32 Foo 99999", b"\xed\xa0\x80", b"\xc3", b"A" * 5000)


def sentence(rng: random.Random) -> str:
    """A news-like line: words, figures, quotes, symbols, sometimes no final period."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 25))]
    return " ".join(words) + rng.choice((".", ".", "", "?", "!", ":", "…"))


def paragraphs(rng: random.Random) -> list[str]:
    """Up to a dozen paragraphs, some empty."""
    return [sentence(rng) if rng.random() > 0.1 else "" for _ in range(rng.randint(0, 12))]


def _csv(rng: random.Random) -> bytes:
    """A valid CSV (quoted as csv.writer quotes) with one of the header shapes FactDesk reads."""
    header = rng.choice((["id", "text"], ["Body ID", "articleBody"], ["id", "title", "body"],
                         ["text"], ["Headline", "text", "date", "source"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=rng.choice((",", ",", ";", "\t")),
                        quoting=rng.choice((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)))
    writer.writerow(header)
    for n in range(rng.randint(0, 30)):
        writer.writerow([str(n), *("\n\n".join(paragraphs(rng)[:3]) or sentence(rng)
                                   for _ in header[1:])])
    return buffer.getvalue().encode(rng.choice(("utf-8", "utf-8", "cp1252", "utf-16")),
                                    "replace")


def generate(kind: str, rng: random.Random) -> bytes:
    """A well-formed file of this kind with generated content."""
    paras = paragraphs(rng)
    if kind == "txt":
        header = rng.choice(("", f" date 2025-06-05 {sentence(rng)}\n", "Published: 05 Jun. "
                             "2025, 11:05\n", "By Staff, Agencies\n"))
        return (header + "\n\n".join(paras)).encode(rng.choice(("utf-8", "cp1252", "utf-16")),
                                                    "replace")
    if kind == "md":
        return "\n\n".join(f"{'#' * rng.randint(0, 3)} {p}" for p in paras).encode()
    if kind == "html":
        return html_page(sentence(rng), paras).encode()
    if kind == "docx":
        return docx_bytes(paras, title=sentence(rng))
    if kind == "pdf":
        return text_pdf(paras)
    return _csv(rng)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to four byte-level mutations: flips, cuts, inserted tokens, copies, deletions."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(out))
        choice = rng.random()
        if choice < 0.25 and out:
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif choice < 0.4:
            del out[at:]
        elif choice < 0.7:
            out[at:at] = rng.choice(_TOKENS) * rng.choice((1, 1, 2, 50))
        elif choice < 0.85 and out:
            start = rng.randrange(len(out))
            out[at:at] = out[start:start + rng.randint(1, 400)]
        else:
            del out[at:at + rng.randint(1, 400)]
    return bytes(out)


def _mutate_inside(kind: str, data: bytes, rng: random.Random) -> bytes:
    """Mutate the content inside the container, keeping the container valid."""
    if kind == "docx":
        return replace_part(data, "word/document.xml", mutate_bytes(document_xml(data), rng))
    if kind == "pdf":
        start, end = data.index(b"stream\n") + 7, data.index(b"\nendstream")
        return page_pdf(mutate_bytes(zlib.decompress(data[start:end]), rng))
    return mutate_bytes(data, rng)


MUTATORS: tuple[Callable[[str, bytes, random.Random], bytes], ...] = (
    lambda _kind, data, _rng: data,
    lambda _kind, data, rng: mutate_bytes(data, rng),
    _mutate_inside,
)


def case(seed: int) -> tuple[str, bytes]:
    """The file name and bytes of fuzz case ``seed``: generated, then maybe mutated."""
    rng = random.Random(seed)
    kind = KINDS[seed % len(KINDS)]
    data = generate(kind, rng)
    mutator = rng.choices(MUTATORS, weights=(1, 2, 2))[0]
    return f"case{seed}.{kind}", mutator(kind, data, rng)

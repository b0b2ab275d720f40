"""Separating the article from page chrome: share buttons, galleries, lone symbols."""

from __future__ import annotations

import re

from desktop.core.ingest.document import Document
from desktop.core.ingest.metadata import (
    dateline,
    is_byline,
    is_sentence,
    looks_like_title,
    seed_header,
)

_CHROME_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "gallery",
        "galleries",
        "video",
        "videos",
        "photo",
        "photos",
        "whatsapp",
        "facebook",
        "twitter",
        "x",
        "telegram",
        "linkedin",
        "reddit",
        "email",
        "e-mail",
        "print",
        "copy",
        "link",
        "links",
        "on",
        "via",
        "comment",
        "comments",
        "read",
        "more",
        "follow",
        "us",
        "subscribe",
        "newsletter",
        "sign",
        "up",
        "log",
        "in",
        "menu",
        "search",
        "home",
        "advertisement",
        "ad",
        "ads",
        "sponsored",
        "related",
        "stories",
        "story",
        "next",
        "previous",
        "close",
        "open",
        "tweet",
        "pin",
        "it",
        "skip",
        "to",
        "content",
        "main",
        "back",
        "top",
        "listen",
        "article",
        "download",
        "app",
        "cookies",
        "accept",
    ]
)
_WORD = re.compile(r"[\w'’-]+")


def is_chrome(line: str) -> bool:
    """Whether a line is page furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return False
    if not any(ch.isalnum() for ch in stripped):
        return True
    words = [w.lower() for w in _WORD.findall(stripped)]
    if not words or stripped.endswith((".", "!", "?", '"', "”")):
        return False
    chrome = sum(1 for w in words if w in _CHROME_WORDS)
    return chrome / len(words) >= 0.6


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """Text without what databases refuse: NUL (PostgreSQL) and lone surrogates (UTF-8)."""
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def _storable_fields(doc: Document) -> None:
    doc.text, doc.title = storable(doc.text), storable(doc.title)
    for name in ("source", "url", "external_id", "byline"):
        value = getattr(doc, name)
        if value is not None:
            setattr(doc, name, storable(value))


def clean(doc: Document) -> Document:
    """Drop chrome lines, lift the header, dateline, byline and title into metadata.

    The body that remains is what sentences' offsets point into. A text that is only a
    headline-like line (a post, a headline in a CSV row, one sentence without a final
    period) keeps that line as its body: it is the article.
    """
    _storable_fields(doc)
    lines = doc.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    lifted = ""
    for index, line in enumerate(lines):
        if is_chrome(line):
            continue
        stripped = line.strip()
        if not kept and not stripped:
            continue
        if index == 0 and (header := seed_header(line)):
            doc.published = doc.published or header[0]
            doc.title = doc.title or header[1]
            if is_sentence(header[1]):
                kept.append(header[1])
            continue
        if len(kept) < 6 and (when := dateline(stripped)):
            doc.published = doc.published or when
            continue
        if len(kept) < 6 and is_byline(stripped):
            doc.byline = doc.byline or stripped
            continue
        if not doc.title and not any(k.strip() for k in kept) and looks_like_title(stripped):
            doc.title = lifted = stripped
            continue
        kept.append(line.rstrip())
    body = "\n".join(kept).strip("\n")
    if not body.strip() and lifted:
        body = lifted
    doc.text = re.sub(r"\n{3,}", "\n\n", body)
    return doc

"""Plain text and Markdown articles (including the seed format)."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.errors import shown_path
from desktop.core.ingest.decoding import read_text
from desktop.core.ingest.document import Document

_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def read_txt(path: Path) -> list[Document]:
    """One document per text file."""
    return [Document(text=read_text(path), where=shown_path(path))]


def read_md(path: Path) -> list[Document]:
    """One document per Markdown file, with heading marks, emphasis and link targets removed."""
    text = read_text(path)
    text = _MD_LINK.sub(r"\1", _MD_EMPHASIS.sub(r"\2", _MD_HEADING.sub("", text)))
    return [Document(text=text, where=shown_path(path))]

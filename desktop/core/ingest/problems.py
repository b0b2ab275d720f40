"""Turning whatever a parsing library raises into one line a user can act on."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.errors import InputError

_DETAIL_CHARS = 160
_LXML_WHERE = re.compile(r" \(<string>, line \d+\)")


def one_line(exc: BaseException) -> str:
    """An exception as a short single line: libraries put file dumps and newlines in theirs."""
    detail = _LXML_WHERE.sub("", " ".join(str(exc).split())) or type(exc).__name__
    if len(detail) > _DETAIL_CHARS:
        detail = detail[:_DETAIL_CHARS - 1] + "…"
    return detail


def damaged(path: Path, kind: str, exc: BaseException,
            remedy: str = "the rest of the import goes on") -> InputError:
    """The error for a file its library could not parse, whatever the exception's type.

    Parsers of hostile files fail in ways nobody lists in advance (KeyError, IndexError,
    RecursionError, a library's own classes...); each becomes one line for that file.
    """
    if isinstance(exc, MemoryError):
        return InputError(path, f"{kind} too large to read in memory: {remedy}")
    if isinstance(exc, RecursionError):
        return InputError(path, f"damaged {kind} (nested too deeply to read): {remedy}")
    return InputError(path, f"damaged {kind} ({one_line(exc)}): {remedy}")

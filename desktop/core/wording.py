"""Counts in plain English for the window and the command line: "1 source", "2 sources"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and the noun in the form that number takes (plural: noun + "s" unless
    given)."""
    return f"1 {noun}" if number == 1 else f"{number:,} {plural or noun + 's'}"

"""The plain document every reader produces, whatever the file format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class Document:
    """An article as read from a file, before cleanup and storage.

    ``where`` names the file (and row, for CSV) in messages and reports; ``warning`` says
    what was changed to import it (NUL bytes dropped), for the report.
    """

    text: str
    where: str
    title: str = ""
    published: date | None = None
    source: str | None = None
    url: str | None = None
    external_id: str | None = None
    byline: str | None = None
    warning: str | None = None

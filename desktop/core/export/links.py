"""Cell hyperlinks in a streamed sheet without holding them all in memory.

A hyperlink is written after the sheet's rows (in ``<hyperlinks>``, each pointing at a
relationship that holds its target), so openpyxl keeps every one in a list until the
sheet closes: 2.4 GB at a million mentions (benchmarks/README.md). Here each link goes
to a temporary file as its cell is written, one relationship is made per distinct URL
(mentions of one article share it), and the links are streamed from the file at the end:
memory grows with the number of distinct URLs, not of links.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Any

from openpyxl.packaging.relationship import Relationship
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import REL_NS
from openpyxl.xml.functions import Element


class SpilledLinks:
    """Stands in for the sheet's list of hyperlinks: ``append`` is all openpyxl calls."""

    def __init__(self) -> None:
        # Open for the sheet's life: read() closes it once the links are written.
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.targets: dict[str, int] = {}
        self.count = 0

    def append(self, link: Any) -> None:
        """Keep an openpyxl hyperlink: its cell and target."""
        self.add(link.ref, link.target)

    def add(self, ref: str, target: str) -> None:
        """Keep a link on disk: its cell, and its target once, by number."""
        number = self.targets.setdefault(target, len(self.targets))
        self._file.write(f"{ref}\t{number}\n")
        self.count += 1

    def __bool__(self) -> bool:
        return self.count > 0

    def read(self) -> Iterator[tuple[str, int]]:
        """Every link written, in order: its cell and its target's number."""
        self._file.seek(0)
        for line in self._file:
            ref, number = line.rstrip("\n").split("\t")
            yield ref, int(number)
        self._file.close()


class SpillingWriter(WorksheetWriter):
    """openpyxl's sheet writer with hyperlinks streamed from a SpilledLinks."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        super().__init__(ws)
        self.links = SpilledLinks()
        ws._hyperlinks = self.links

    def write_hyperlinks(self) -> None:
        """One relationship per distinct URL, then the links, streamed."""
        if not self.links:
            return
        ids = []
        for target in self.links.targets:
            relation = Relationship(type="hyperlink", TargetMode="External", Target=target)
            self._rels.append(relation)
            ids.append(relation.id)
        xf = self.xf.send(True)
        with xf.element("hyperlinks"):
            for ref, number in self.links.read():
                xf.write(Element("hyperlink", {"ref": ref, f"{{{REL_NS}}}id": ids[number]}))
        self.xf.send(None)


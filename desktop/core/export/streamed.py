"""Data rows written straight into a streamed sheet as XML, one element per row.

openpyxl's write-only sheet makes a cell object of every value, binds its type, looks up
its style and writes it through nested context managers: two thirds of the Claims
sheet's time under cProfile at 20,000 claims (benchmarks/README.md, "Issue 10"). A row
rendered here is one ``<row>`` element built by lxml from values already cleaned, with
style ids looked up once per kind of cell, dates converted once per distinct value and
links handed to the spilled list directly. openpyxl still writes everything around the
rows: the header (with its comments), columns, panes, table, validations and links.

Every text is an inline string: no value can become a formula on this path.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.functions import Element, SubElement

from desktop.core.export.cells import clean_text, web_url
from desktop.core.export.links import SpilledLinks, SpillingWriter
from desktop.core.export.localtime import local_time

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CACHE_LIMIT = 100_000
"""Distinct dates and times remembered per sheet before the cache starts over."""


class RenderedRow(tuple[Any, ...]):
    """A row already rendered: a one-item tuple holding its ``<row>`` element (a tuple
    because that is what the sheet's ``append`` accepts)."""


class StreamedSheet(WriteOnlyWorksheet):
    """A write-only sheet that takes rendered rows as well as openpyxl's values, and
    spills its links to disk (export/links.py)."""

    _writer: StreamWriter | None = None

    def _get_writer(self) -> None:
        if self._writer is None:
            writer = self._writer = StreamWriter(self)
            writer.write_top()

    @property
    def links(self) -> SpilledLinks:
        """The sheet's links, spilled as its rows are written (from its first row on)."""
        if self._writer is None:
            raise RuntimeError(f"sheet {self.title!r} has no rows yet")
        return self._writer.links

    def _values_to_row(self, values: Any, row_idx: int) -> Any:
        if isinstance(values, RenderedRow):
            return values
        return super()._values_to_row(values, row_idx)


class StreamWriter(SpillingWriter):
    """The sheet's writer: a rendered row is written as it is, other rows as openpyxl
    writes them."""

    def write_row(self, xf: Any, row: Any, row_idx: int) -> None:
        """Write one row to the sheet's XML stream."""
        if isinstance(row, RenderedRow):
            xf.write(row[0])
        else:
            super().write_row(xf, row, row_idx)


def new_sheet(workbook: Workbook, title: str) -> StreamedSheet:
    """A streamed sheet added to the workbook: its columns, panes and page setup are set
    before its first row, which starts the stream."""
    sheet = StreamedSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


class RowRenderer:
    """Renders a sheet's data rows: cell kinds per column (export/xlsx.py's Column.kind)
    and the style id of each kind of cell, asked once per kind."""

    def __init__(self, sheet: StreamedSheet, kinds: Sequence[str],
                 style_id: Callable[[str], str]) -> None:
        self.links = sheet.links
        self.epoch = sheet.parent.epoch
        self.columns = [(get_column_letter(i), kind) for i, kind in enumerate(kinds, start=1)]
        self.style_id = style_id
        plain = style_id("plain")
        self.ids = {kind: style_id(kind) for kind in ("wrap", "link", "verdict")}
        self.ids.update(plain=plain, number=plain, date=plain, datetime=plain)
        """The style of a value that is not a date, per kind of column."""
        self.date_style = style_id("date")
        self.times: dict[date, tuple[str, str]] = {}

    def render(self, number: int, values: Sequence[Any], height: float | None) -> RenderedRow:
        """Row ``number`` of the sheet, ``height`` points tall when given."""
        suffix = str(number)
        attrs = {"r": suffix}
        if height is not None:
            attrs["ht"], attrs["customHeight"] = f"{height:g}", "1"
        row = Element("row", attrs)
        for (letter, kind), value in zip(self.columns, values, strict=True):
            if value is None or value == "":
                continue  # an absent cell: nothing written, nothing to parse
            ref = letter + suffix
            if isinstance(value, str):
                text = clean_text(value)
                style = self.ids[kind]
                if kind == "link":
                    target = web_url(text)
                    if target is None:
                        style = self.ids["wrap"]
                    else:
                        self.links.add(ref, target)
                cell = SubElement(row, "c", {"r": ref, "s": style, "t": "inlineStr"})
                line = SubElement(SubElement(cell, "is"), "t")
                line.text = text
                if text != text.strip():
                    line.set(XML_SPACE, "preserve")
                continue
            if isinstance(value, date):
                serial, style = self._moment(value, kind)
                kind_type = "n"
            elif isinstance(value, bool):
                serial, style, kind_type = ("1" if value else "0"), self.ids[kind], "b"
            elif isinstance(value, int):
                serial, style, kind_type = str(value), self.ids[kind], "n"
            elif isinstance(value, float):
                if not math.isfinite(value):
                    continue  # Excel has no NaN or infinity: the cell stays empty
                serial, style, kind_type = f"{value:.16g}", self.ids[kind], "n"
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a sheet")
            cell = SubElement(row, "c", {"r": ref, "s": style, "t": kind_type})
            SubElement(cell, "v").text = serial
        return RenderedRow((row,))

    def _moment(self, value: date, kind: str) -> tuple[str, str]:
        """A date or time as Excel's serial number and its cell style, worked out once
        per distinct value: a time is shown in local time, with its offset in the
        style, unless its column holds dates."""
        key = value.date() if kind == "date" and isinstance(value, datetime) else value
        known = self.times.get(key)
        if known is None:
            if len(self.times) >= _CACHE_LIMIT:
                self.times.clear()
            if isinstance(key, datetime):
                local, offset = local_time(key)
                known = (f"{to_excel(local, self.epoch):.16g}", self.style_id(f"datetime{offset}"))
            else:
                known = (f"{to_excel(key, self.epoch):.16g}", self.date_style)
            self.times[key] = known
        return known


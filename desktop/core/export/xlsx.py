"""The Excel workbook colleagues open: claims, mentions, articles, a sources-by-claims
matrix, history, evidence and a summary with a chart.

openpyxl in write-only mode streams rows to disk, so memory stays flat at a million
claims (benchmarks/export_speed.py). Cells are styled per column, never per value type:
one WriteOnlyCell per styled cell, plain values elsewhere. Every value from the data goes
through ``guarded`` or ``text_cell``, headers included, so no text ever becomes a formula;
FactDesk writes no formulas at all. A link is its URL as the cell's text (what pandas and
previews read) with a cell hyperlink on it, made only from checked http(s) URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.core.export.cells import EXCEL_ROW_LIMIT, clean_text, sheet_name, web_url
from desktop.core.export.records import (
    VERDICT_STYLE,
    ClaimRecord,
    ExportSource,
    Summary,
)
from desktop.core.progress import NULL_PROGRESS, Progress

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5D8A")
WRAP = Alignment(wrap_text=True, vertical="top")
LINK_FONT = Font(color="0563C1", underline="single")
FILLS = {v: PatternFill("solid", fgColor=colour) for v, (colour, _) in VERDICT_STYLE.items()}
MARKS = {"supports": "S", "contradicts": "X", "neutral": "R"}


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """A cell that holds the text as text, whatever it starts with."""
    cell = WriteOnlyCell(sheet, value=clean_text(text))
    cell.data_type = "s"
    return cell


def guarded(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value ready to append: None for nothing, text that cannot become a formula.

    Text not starting with "=" is appended as is (openpyxl only reads "=" as a formula),
    the cheap path for a million cells; the rest gets a cell forced to text.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return text_cell(sheet, text) if text.startswith("=") else text


@dataclass(frozen=True)
class Column:
    """A column: header, width in characters, and how its cells are made."""

    header: str
    width: float
    kind: str = "plain"  # plain | wrap | verdict | link | date | datetime


CLAIM_COLUMNS = (
    Column("Claim id", 9), Column("Claim", 70, "wrap"), Column("Verdict", 13, "verdict"),
    Column("Review", 11), Column("Verdict as of", 12, "date"), Column("Sources", 9),
    Column("Independent origins", 11), Column("Articles", 9),
    Column("Origins stating it", 11), Column("Origins contradicting it", 13),
    Column("Conflict", 28, "wrap"), Column("First seen", 12, "date"),
    Column("Attribution", 24, "wrap"), Column("Outlets", 30, "wrap"),
    Column("Latest note", 40, "wrap"), Column("Last changed by", 15),
    Column("Last changed", 17, "datetime"),
)
MENTION_COLUMNS = (
    Column("Claim id", 9), Column("Claim", 50, "wrap"), Column("Source", 22),
    Column("Article title", 40, "wrap"), Column("Date", 12, "date"),
    Column("Sentence", 70, "wrap"), Column("Stance", 12), Column("Hedged", 8),
    Column("Attribution", 22, "wrap"), Column("Article id", 9), Column("External id", 12),
    Column("URL", 40, "link"),
)
ARTICLE_COLUMNS = (
    Column("Article id", 9), Column("Source", 24), Column("Title", 60, "wrap"),
    Column("Date", 12, "date"), Column("URL", 40, "link"), Column("Copy of", 9),
    Column("Claims", 8),
)
HISTORY_COLUMNS = (
    Column("When", 17, "datetime"), Column("Who", 15), Column("Claim id", 9),
    Column("Claim", 50, "wrap"), Column("What changed", 16), Column("Field", 14),
    Column("Old", 30, "wrap"), Column("New", 30, "wrap"),
)
EVIDENCE_COLUMNS = (
    Column("Claim id", 9), Column("Claim", 50, "wrap"), Column("Kind", 8),
    Column("Note", 60, "wrap"), Column("Link", 40, "link"), Column("Author", 15),
    Column("Added", 17, "datetime"),
)


class SheetWriter:
    """Appends rows to a sheet, continuing in "Name (2)" past Excel's row limit."""

    def __init__(self, workbook: Workbook, title: str, columns: tuple[Column, ...],
                 taken: set[str]) -> None:
        self.workbook, self.title, self.columns, self.taken = workbook, title, columns, taken
        self.rows = 0
        self.sheet: WriteOnlyWorksheet = self._start()
        self._styles = {kind: self._template(kind) for kind in
                        ("plain", "wrap", "link", "date", "datetime", *FILLS)}

    def _template(self, kind: str) -> Any:
        """The style of one kind of cell, registered with the workbook once.

        Setting font, fill and alignment on every cell costs a style lookup per cell, the
        largest part of writing a styled sheet; copying a registered style array does not.
        """
        cell = WriteOnlyCell(self.sheet)
        if kind == "wrap":
            cell.alignment = WRAP
        elif kind == "link":
            cell.font = LINK_FONT
        elif kind == "date":
            cell.number_format = "yyyy-mm-dd"
        elif kind == "datetime":
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif kind in FILLS:
            cell.fill = FILLS[kind]
        return cell._style

    def _start(self) -> WriteOnlyWorksheet:
        sheet = self.workbook.create_sheet(sheet_name(self.title, self.taken))
        for index, column in enumerate(self.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        header = []
        for column in self.columns:
            cell = text_cell(sheet, column.header)
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
            header.append(cell)
        sheet.append(header)
        self.rows = 1
        return sheet

    def _finish(self) -> None:
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A1:{last}{max(self.rows, 1)}"

    def append(self, values: Iterable[Any]) -> None:
        """One row; text is cleaned and kept as text."""
        if self.rows >= EXCEL_ROW_LIMIT:
            self._finish()
            self.sheet = self._start()
        self.sheet.append([self._cell(v, c) for v, c in zip(values, self.columns, strict=True)])
        self.rows += 1

    def _cell(self, value: Any, column: Column) -> Any:
        kind = column.kind
        if kind == "plain":
            return guarded(self.sheet, value)
        if value is None or value == "":
            return None  # an absent cell: nothing written, nothing to parse
        if isinstance(value, str):
            value = clean_text(value)
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        if kind == "verdict":
            kind = str(value) if value in FILLS else "unreviewed"
        elif kind == "link":
            target = web_url(value) if isinstance(value, str) else None
            if target is None:
                kind = "plain"
            else:
                cell.hyperlink = target
        elif (kind == "date" and not isinstance(value, date)) or (
                kind == "datetime" and not isinstance(value, datetime)):
            kind = "plain"
        cell._style = copy(self._styles[kind])
        return cell

    def close(self) -> None:
        """Set the auto-filter over what was written."""
        self._finish()


def claim_values(record: ClaimRecord) -> tuple[Any, ...]:
    """A claim as the Claims sheet (and the CSV export) lays it out."""
    claim = record.row
    return (claim.id, claim.text, claim.verdict, claim.review_state, claim.verdict_as_of,
            claim.n_sources, claim.n_origins, claim.n_articles, claim.n_support,
            claim.n_contradict, record.conflict, claim.first_seen, claim.attribution or "",
            ", ".join(record.outlets), record.latest_note or "", claim.updated_by or "",
            claim.updated_at)


def write_xlsx(source: ExportSource, path: Path, progress: Progress = NULL_PROGRESS) -> None:
    """Write the workbook to ``path`` (the caller makes that atomic)."""
    summary = source.summary()
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    steps = 6
    done = 0

    def step(label: str) -> None:
        nonlocal done
        progress.check()
        progress.report(done, steps, label)
        done += 1

    step("Claims")
    _write_claims(workbook, taken, source, progress, summary.claims)
    step("Mentions and sources")
    _write_mentions_and_matrix(workbook, taken, source, progress)
    step("Articles")
    articles = SheetWriter(workbook, "Articles", ARTICLE_COLUMNS, taken)
    for article in source.articles():
        articles.append((article.id, article.source, article.title, article.published,
                         article.url or "", article.copy_of, article.n_claims))
    articles.close()
    step("History and evidence")
    _write_trails(workbook, taken, source, progress)
    step("Summary")
    _write_summary(workbook, taken, summary)
    progress.check()
    workbook.save(path)
    progress.report(steps, steps, "Saved")


def _paged(progress: Progress, total: int, label: str) -> Callable[[int], None]:
    seen = 0

    def advance(count: int) -> None:
        nonlocal seen
        seen += count
        progress.check()
        progress.report(seen, max(total, seen), label)

    return advance


def _write_claims(workbook: Workbook, taken: set[str], source: ExportSource,
                  progress: Progress, total: int) -> None:
    sheet = SheetWriter(workbook, "Claims", CLAIM_COLUMNS, taken)
    advance = _paged(progress, total, "Writing claims")
    for page in source.claims():
        for claim in page:
            sheet.append(claim_values(claim))
        advance(len(page))
    sheet.close()


def _write_mentions_and_matrix(workbook: Workbook, taken: set[str], source: ExportSource,
                               progress: Progress) -> None:
    mentions = SheetWriter(workbook, "Mentions", MENTION_COLUMNS, taken)
    names = source.sources()
    matrix_columns = (Column("Claim id", 9), Column("Claim", 60, "wrap"),
                      *(Column(name, max(6, min(len(name) + 2, 24))) for name in names))
    matrix = SheetWriter(workbook, "Sources x Claims", matrix_columns, taken)
    for page in source.claims_with_mentions():
        progress.check()
        for item in page:
            marks: dict[str, set[str]] = {}
            for m in item.mentions:
                mentions.append((item.claim.row.id, item.claim.row.text, m.source, m.title,
                                 m.published, m.sentence, m.stance,
                                 "yes" if m.hedged else "", m.attribution or "", m.article_id,
                                 m.external_id or "", m.url or ""))
                marks.setdefault(m.source, set()).add(MARKS[m.stance])
            matrix.append((item.claim.row.id, item.claim.row.text,
                           *("".join(sorted(marks[n], key="SXR".index)) if n in marks else ""
                             for n in names)))
    mentions.close()
    matrix.close()


def _write_trails(workbook: Workbook, taken: set[str], source: ExportSource,
                  progress: Progress) -> None:
    history = SheetWriter(workbook, "History", HISTORY_COLUMNS, taken)
    evidence = SheetWriter(workbook, "Evidence", EVIDENCE_COLUMNS, taken)
    for page in source.trails():
        progress.check()
        for trail in page:
            for h in trail.history:
                history.append((h.at, h.author or "", trail.claim_id, trail.claim, h.action,
                                h.field or "", h.old or "", h.new or ""))
            for e in trail.evidence:
                evidence.append((trail.claim_id, trail.claim, e.kind, e.text, e.url or "",
                                 e.author or "", e.created_at))
    history.close()
    evidence.close()


def _write_summary(workbook: Workbook, taken: set[str], summary: Summary) -> None:
    sheet = workbook.create_sheet(sheet_name("Summary", taken))
    for letter, width in zip("ABCD", (26, 14, 14, 60), strict=True):
        sheet.column_dimensions[letter].width = width

    def heading(text: str) -> None:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True, size=12)
        sheet.append([cell])

    heading("Claims by verdict")
    sheet.append(["Verdict", "Claims"])
    first = 3
    for verdict in VERDICT_STYLE:
        cell = WriteOnlyCell(sheet, value=verdict)
        cell.fill = FILLS[verdict]
        sheet.append([cell, summary.by_verdict.get(verdict, 0)])
    last = first + len(VERDICT_STYLE) - 1
    chart = BarChart()
    chart.type, chart.style, chart.legend = "bar", 10, None
    chart.title = "Claims by verdict"
    chart.add_data(Reference(sheet, min_col=2, min_row=first - 1, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    chart.height, chart.width = 7, 14
    sheet.add_chart(chart, "F2")
    sheet.append([])
    heading("Sources")
    sheet.append(["Source", "Articles", "Claims reported"])
    for name, (articles, claims) in sorted(summary.by_source.items(),
                                           key=lambda item: (-item[1][1], item[0])):
        sheet.append([guarded(sheet, name), articles, claims])
    sheet.append([])
    heading("Verdict scale")
    for verdict, (_, meaning) in VERDICT_STYLE.items():
        cell = WriteOnlyCell(sheet, value=verdict)
        cell.fill = FILLS[verdict]
        sheet.append([cell, None, None, meaning])
    sheet.append([])
    heading("This export")
    flt = summary.flt
    described = ", ".join(filter(None, [
        f"verdicts: {', '.join(flt.verdicts)}" if flt.verdicts else "",
        "conflicts only" if flt.conflicts_only else "",
        f"at least {flt.min_sources} sources" if flt.min_sources else "",
        f"text: {flt.text}" if flt.text else "",
    ])) or "all claims"
    for label, value in (("Filter", described), ("Claims exported", summary.claims),
                         ("Exported at", summary.exported_at), ("Project", summary.project),
                         ("FactDesk version", summary.version)):
        value_cell = (text_cell(sheet, value) if isinstance(value, str)
                      else WriteOnlyCell(sheet, value=value))
        if isinstance(value, datetime):
            value_cell.number_format = "yyyy-mm-dd hh:mm"
        sheet.append([label, value_cell])

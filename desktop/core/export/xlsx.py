"""The Excel workbook colleagues open: claims, mentions, articles, a sources-by-claims
matrix, history, evidence and a summary with a chart.

openpyxl in write-only mode streams rows to disk, so memory stays flat at a million
claims (benchmarks/export_speed.py). Cells are styled per column, never per value type.
Data rows are rendered straight to XML (export/streamed.py), every text an inline
string; headers and the Summary go through ``text_cell`` or ``guarded``; so no text from
the data ever becomes a formula, and FactDesk writes no formulas at all. A link is its
URL as the cell's text (what pandas and previews read) with a cell hyperlink on it, made
only from checked http(s) URLs; the links are spilled to disk as they are written
(export/links.py), so memory stays flat.

Each sheet is an Excel table (filter buttons, a name to refer to), prints landscape at
the page's width with its header on every page, and gives wrapped rows the height their
text needs up to a bound, since LibreOffice does not grow them itself. Verdicts are
coloured by conditional formatting and chosen from a drop-down, so a colleague who
changes one sees the right colour. Times are local, with their UTC offset shown.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from desktop.core.dto import ArticleRow, ClaimRow, MentionRow
from desktop.core.export.cells import EXCEL_ROW_LIMIT, clean_text, sheet_name
from desktop.core.export.localtime import local_time
from desktop.core.export.records import (
    VERDICT_STYLE,
    ClaimRecord,
    ExportOptions,
    ExportSource,
    SourceColumn,
    Summary,
    WriteReport,
    source_key,
)
from desktop.core.export.streamed import RowRenderer, new_sheet
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.wording import article_name, field_name, sources_counted

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5D8A")
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
TOP = Alignment(vertical="top")
LINK_FONT = Font(color="0563C1", underline="single")
FILLS = {v: PatternFill("solid", fgColor=colour) for v, (colour, _) in VERDICT_STYLE.items()}
MARKS = {"supports": "S", "contradicts": "X", "neutral": "R"}
MARKS_LEGEND = ("S: an article of this outlet supports the claim; X: one contradicts it; "
                "R: one reports it without taking a side. Blank: the outlet does not "
                "mention it.")
LINE_POINTS = 15
"""Height of one line of 11-point text."""
MAX_LINES = 8
"""Wrapped rows grow to this many lines at most; the rest shows in the cell's editor."""
DATE_FORMAT = "yyyy-mm-dd"
PAGE_CHARS = 200
"""Characters of column width one landscape page prints at about 8 points or more."""
NOTE_CHARS, NOTE_LINE = 40, 16
"""Characters a line of a header's note holds in its 260-point box, and that line's
height: an unknown outlet's note, naming its article in full, outgrew the 90 points that
hold the others."""
_TABLE_NAME = re.compile(r"[^A-Za-z0-9_]")


def pages_wide(widths: list[float]) -> int:
    """Landscape pages a sheet prints across: one while its columns fit in PAGE_CHARS, so
    a wide sheet (Claims, Mentions) prints at a readable size, not squeezed to 4 points."""
    return max(1, math.ceil(sum(widths) / PAGE_CHARS))


@dataclass(frozen=True)
class Column:
    """A column: header, width in characters, how its cells are made, and what a reader
    should know about it (shown as the header's comment)."""

    header: str
    width: float
    kind: str = "plain"  # plain | number | wrap | verdict | link | date | datetime
    note: str = ""


UNKNOWN_NOTE = ("Articles whose outlet is unknown count as one source per independent "
                "origin, as in the window: a column each, named after the origin's first "
                "article as the window lists it (its title, else its file). Two unknown "
                "outlets are never merged into one column.")
CLAIM_COLUMNS = (
    Column("Claim id", 9, "number"), Column("Claim", 70, "wrap"),
    Column("Verdict", 14, "verdict", "The team's conclusion; pick it from the list."),
    Column("Review", 11, note="Where the review stands: new, in progress or done."),
    Column("Verdict as of", 12, "date"),
    Column("Sources", 10, "number", "Outlets with an article that mentions the claim: "
           "states it, reports it or contradicts it. Articles of unknown outlet count one "
           "source per independent origin."),
    Column("Independent origins", 13, "number", "Articles that mention the claim (state, report "
           "or contradict it), counting copies of one article (syndicated or near-identical "
           "text) once: a copy is not a confirmation."),
    Column("Articles", 10, "number", "Articles that mention the claim, copies included."),
    Column("Origins stating it", 12, "number", "Independent origins whose articles state the "
           "claim. Each origin counts once, under its strongest stance (contradicts, then "
           "states, then only reports), so origins = stating + reporting + contradicting."),
    Column("Origins reporting it", 12, "number", "Independent origins whose articles report "
           "the claim without taking a side (\"reportedly\", \"may have\", \"has not been "
           "confirmed\", a question; naming who said it, \"KCNA reported\", is stating it) "
           "and neither state nor contradict it: origins minus stating minus contradicting, "
           "as the window's claim pane counts them."),
    Column("Origins contradicting it", 15, "number", "Independent origins with an article that "
           "contradicts the claim."),
    Column("Conflict", 34, "wrap", "The figure the articles disagree on, and the values "
           "they give."),
    Column("First seen", 12, "date"), Column("Attribution", 24, "wrap"),
    Column("Outlets", 30, "wrap", "Every outlet with an article mentioning the "
           "claim; one per row in the Mentions sheet."),
    Column("Public explanation", 40, "wrap", "What may be published with the verdict "
           "(ClaimReview's text)."),
    Column("Latest note (internal)", 40, "wrap", "The team's latest note: internal, never "
           "published."),
    Column("Last changed by", 16), Column("Last changed (local time)", 26, "datetime"),
)
MENTION_COLUMNS = (
    Column("Mention id", 10, "number"), Column("Claim id", 9, "number"),
    Column("Claim", 50, "wrap"),
    Column("Article id", 10, "number"), Column("External id", 12), Column("Source", 22),
    Column("Article title", 40, "wrap", "As the window lists the article: its title; an "
           "untitled one by its file, or by its id in the CSV it came from."),
    Column("Date", 12, "date"),
    Column("URL", 40, "link"),
    Column("Start", 8, "number", "Character offset of the sentence in the article's stored text."),
    Column("End", 8, "number", "Offset just after the sentence."),
    Column("Sentence", 70, "wrap"), Column("Stance", 12),
    Column("Hedged", 9, note="TRUE when the sentence hedges (a qualifier such as "
           "\"reportedly\" or \"may\")."),
    Column("Origin", 9, note="auto: matched at import; also: its sentence joined another "
           "claim and states this one too; manual: placed by a reviewer."),
    Column("Copy of", 9, "number", "The earlier article this one nearly copies."),
    Column("Attribution", 22, "wrap"),
)
ARTICLE_COLUMNS = (
    Column("Article id", 10, "number"), Column("Source", 24), Column("Title", 50, "wrap"),
    Column("Date", 12, "date"), Column("URL", 35, "link"),
    Column("Copy of", 9, "number", "The earlier article this one nearly copies."),
    Column("Claims", 9, "number", "Claims this article states."), Column("External id", 12),
    Column("File", 35, "wrap", "The file it was imported from."),
)
HISTORY_COLUMNS = (
    Column("When (local time)", 22, "datetime"), Column("Who", 16), Column("Claim id", 9, "number"),
    Column("Claim", 50, "wrap"), Column("What changed", 16), Column("Field", 18),
    Column("Old", 30, "wrap"), Column("New", 30, "wrap"),
)
EVIDENCE_COLUMNS = (
    Column("Claim id", 9, "number"), Column("Claim", 45, "wrap"), Column("Kind", 18),
    Column("Note", 55, "wrap"), Column("Link", 35, "link"), Column("Author", 16),
    Column("Added (local time)", 22, "datetime"),
)


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


def lines_needed(text: str, width: float) -> int:
    """How many lines wrapped text takes in a column this many characters wide."""
    per_line = max(1.0, width - 1)
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


class SheetWriter:
    """Appends rows to a sheet, starting a continuation sheet at Excel's row limit."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column],
                 taken: set[str], verdict_column: int | None = None) -> None:
        self.workbook, self.title, self.columns, self.taken = workbook, title, columns, taken
        self.verdict_column = verdict_column
        self.headers = _unique([clean_text(" ".join(c.header.split())) or "Column"
                                for c in columns])
        self.widths = [max(c.width, *(len(word) + 2 for word in h.split()))
                       for c, h in zip(columns, self.headers, strict=True)]
        self.wrapped = [(i, self.widths[i]) for i, c in enumerate(columns) if c.kind == "wrap"]
        self.part = 0
        self._style_ids: dict[str, str] = {}
        self._start()

    def _style_id(self, kind: str) -> str:
        """The workbook's id of one kind of cell's style, registered once; a time's kind
        carries its UTC offset, "datetime+02:00", shown by its number format."""
        known = self._style_ids.get(kind)
        if known is None:
            cell = WriteOnlyCell(self.sheet)
            cell.alignment = WRAP if kind == "wrap" else TOP
            if kind == "link":
                cell.font = LINK_FONT
            elif kind == "date":
                cell.number_format = DATE_FORMAT
            elif kind.startswith("datetime"):
                cell.number_format = f'yyyy-mm-dd hh:mm "{kind.removeprefix("datetime")}"'
            known = self._style_ids[kind] = str(cell.style_id)
        return known

    def _start(self) -> None:
        """Begin the sheet, or its next part past Excel's row limit, with its header."""
        self.part += 1
        self.sheet = sheet = new_sheet(self.workbook, sheet_name(self.title, self.taken))
        for index, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = pages = pages_wide(self.widths)
        if pages > 1:
            sheet.print_title_cols = "A:A"  # each page says which claim (or mention) a row is
            sheet.page_setup.pageOrder = "overThenDown"  # a row's pages one after another
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.gridLines = True
        header = []
        for column, text in zip(self.columns, self.headers, strict=True):
            cell = text_cell(sheet, text)
            # A number sits at its cell's right edge: a header on the left would stand
            # over the next column's figures once gridlines are gone (LibreOffice's PDF).
            alignment = WRAP_RIGHT if column.kind == "number" else WRAP
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, alignment
            if column.note:
                cell.comment = Comment(column.note, "FactDesk", width=260,
                                       height=max(90, NOTE_LINE * math.ceil(len(column.note)
                                                                            / NOTE_CHARS)))
            header.append(cell)
        lines = max(lines_needed(h, w) for h, w in zip(self.headers, self.widths, strict=True))
        if lines > 1:
            sheet.row_dimensions[1].height = lines * LINE_POINTS
        sheet.append(header)
        self.rows = 1
        self.renderer = RowRenderer(sheet, [c.kind for c in self.columns], self._style_id)

    def _finish(self) -> None:
        last = get_column_letter(len(self.columns))
        if self.rows < 2:
            self.sheet.auto_filter.ref = f"A1:{last}1"
            return
        ref = f"A1:{last}{self.rows}"
        name = _TABLE_NAME.sub("", self.title.title()) or "Table"
        table = Table(displayName=f"{name}{self.part}" if self.part > 1 else name, ref=ref,
                      tableStyleInfo=TableStyleInfo(name="TableStyleLight1",
                                                    showRowStripes=False))
        table._initialise_columns()
        for number, (column, header) in enumerate(zip(table.tableColumns, self.headers,
                                                      strict=True), start=1):
            column.name = header
            column.id = number
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
            self.sheet.add_table(table)  # its columns are named above, as it asks
        if self.verdict_column is not None:
            self._verdict_rules(get_column_letter(self.verdict_column + 1))

    def _verdict_rules(self, letter: str) -> None:
        cells = f"{letter}2:{letter}{self.rows}"
        choice = DataValidation(type="list", formula1=f'"{",".join(VERDICT_STYLE)}"',
                                allow_blank=False, showErrorMessage=True,
                                errorTitle="Verdict", error="Pick a verdict from the list.")
        choice.add(cells)
        self.sheet.data_validations.append(choice)
        for verdict, fill in FILLS.items():
            self.sheet.conditional_formatting.add(
                cells, CellIsRule(operator="equal", formula=[f'"{verdict}"'], fill=fill))

    def append(self, values: Sequence[Any]) -> None:
        """One row; text is cleaned and kept as text, wrapped rows get the height their
        longest text needs, up to MAX_LINES."""
        if self.rows >= EXCEL_ROW_LIMIT:
            self._finish()
            self._start()
        lines = max((lines_needed(values[i], width) for i, width in self.wrapped
                     if isinstance(values[i], str)), default=1)
        self.rows += 1
        height = min(lines, MAX_LINES) * LINE_POINTS if lines > 1 else None
        self.sheet.append(self.renderer.render(self.rows, values, height))

    def close(self) -> None:
        """Make the table (or filter) over what was written."""
        self._finish()


def _unique(names: list[str]) -> list[str]:
    """Table columns need distinct names: a repeated one gets " (2)", " (3)"..."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, number = name, 2
        while candidate.lower() in seen:
            candidate = f"{name} ({number})"
            number += 1
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def claim_values(record: ClaimRecord) -> tuple[Any, ...]:
    """A claim as the Claims sheet (and the CSV export) lays it out."""
    claim = record.row
    return (claim.id, claim.text, claim.verdict, claim.review_state, claim.verdict_as_of,
            claim.n_sources, claim.n_origins, claim.n_articles, claim.n_support,
            reporting(claim), claim.n_contradict, record.conflict, claim.first_seen,
            claim.attribution or "", ", ".join(record.outlets), record.explanation or "",
            record.latest_note or "", claim.updated_by or "", claim.updated_at)


def reporting(claim: ClaimRow) -> int:
    """Origins that report the claim without taking a side: each origin counts once under
    its strongest stance, so they are what the stating and contradicting ones leave."""
    return max(claim.n_origins - claim.n_support - claim.n_contradict, 0)


def mention_values(claim: ClaimRow, m: MentionRow) -> tuple[Any, ...]:
    """A mention as the Mentions sheet (and the CSV export) lays it out."""
    return (m.id, claim.id, claim.text, m.article_id, m.external_id or "", m.source,
            article_name(m.title, m.external_id, m.article_id, m.path), m.published,
            m.url or "", m.start, m.end, m.sentence, m.stance, m.hedged, m.origin, m.copy_of,
            m.attribution or "")


def article_values(article: ArticleRow) -> tuple[Any, ...]:
    """An article as the Articles sheet (and the CSV export) lays it out."""
    return (article.id, article.source, article.title, article.published, article.url or "",
            article.copy_of, article.n_claims, article.external_id or "", article.path or "")


def write_xlsx(source: ExportSource, path: Path, progress: Progress = NULL_PROGRESS,
               options: ExportOptions = ExportOptions()) -> WriteReport:
    """Write the workbook to ``path`` (the caller makes that atomic)."""
    del options  # the workbook holds every table; the options shape CSV and ClaimReview
    summary = source.summary()
    workbook = Workbook(write_only=True)
    _properties(workbook, summary)
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
        articles.append(article_values(article))
    articles.close()
    step("History and evidence")
    _write_trails(workbook, taken, source, progress)
    step("Summary")
    _write_summary(workbook, taken, summary)
    progress.check()
    workbook.save(path)
    progress.report(steps, steps, "Saved")
    return WriteReport(summary.claims)


def _properties(workbook: Workbook, summary: Summary) -> None:
    """File > Properties: what this is, from which project, written by which FactDesk."""
    props = workbook.properties
    props.title = clean_text(f"FactDesk claims: {summary.project}")[:250]
    props.subject = clean_text(summary.project)[:250]
    props.creator = f"FactDesk {summary.version}"
    props.lastModifiedBy = props.creator
    props.description = clean_text(f"Claims exported by FactDesk {summary.version} from "
                                   f"{summary.project}: {describe_filter(summary)}.")[:1000]
    props.keywords = "FactDesk; fact-checking; claims"


def _paged(progress: Progress, total: int, label: str) -> Any:
    seen = 0

    def advance(count: int) -> None:
        nonlocal seen
        seen += count
        progress.check()
        progress.report(seen, max(total, seen), label)

    return advance


def _write_claims(workbook: Workbook, taken: set[str], source: ExportSource,
                  progress: Progress, total: int) -> None:
    sheet = SheetWriter(workbook, "Claims", CLAIM_COLUMNS, taken, verdict_column=2)
    advance = _paged(progress, total, "Writing claims")
    for page in source.claims():
        for claim in page:
            sheet.append(claim_values(claim))
        advance(len(page))
    sheet.close()


def _write_mentions_and_matrix(workbook: Workbook, taken: set[str], source: ExportSource,
                               progress: Progress) -> None:
    mentions = SheetWriter(workbook, "Mentions", MENTION_COLUMNS, taken)
    sources = source.sources()
    at = {column.key: index for index, column in enumerate(sources)}
    matrix_columns = (Column("Claim id", 9, "number"), Column("Claim", 60, "wrap", MARKS_LEGEND),
                      *(Column(c.name, max(6, min(len(c.name) + 2, 24)), note=source_note(c))
                        for c in sources))
    matrix = SheetWriter(workbook, "Sources x Claims", matrix_columns, taken)
    for page in source.claims_with_mentions():
        progress.check()
        for item in page:
            claim = item.claim.row
            marks: dict[int, set[str]] = {}
            for m in item.mentions:
                mentions.append(mention_values(claim, m))
                # Marks go by the source's place, not its name: no two sources share one.
                column = at.get(source_key(m.source, m.copy_of or m.article_id))
                if column is not None:  # None: a mention a colleague added since
                    marks.setdefault(column, set()).add(MARKS[m.stance])
            matrix.append((claim.id, claim.text,
                           *("".join(sorted(marks[i], key="SXR".index)) if i in marks else ""
                             for i in range(len(sources)))))
    mentions.close()
    matrix.close()


def source_note(column: SourceColumn) -> str:
    """The note on a source's header: an unknown outlet's says which article the column
    stands for, in full, and how such columns count."""
    if column.origin is None:
        return ""
    article = f"Article {column.origin} and its copies (“{column.article}”)"
    return f"{article}: outlet unknown. {UNKNOWN_NOTE}"


def _write_trails(workbook: Workbook, taken: set[str], source: ExportSource,
                  progress: Progress) -> None:
    history = SheetWriter(workbook, "History", HISTORY_COLUMNS, taken)
    evidence = SheetWriter(workbook, "Evidence", EVIDENCE_COLUMNS, taken)
    for page in source.trails():
        progress.check()
        for trail in page:
            for h in trail.history:
                history.append((h.at, h.author or "", trail.claim_id, trail.claim,
                                h.action.capitalize(), field_name(h.field), h.old or "",
                                h.new or ""))
            for e in trail.evidence:
                evidence.append((trail.claim_id, trail.claim, field_name(e.kind), e.text,
                                 e.url or "", e.author or "", e.created_at))
    history.close()
    evidence.close()


def describe_filter(summary: Summary) -> str:
    """The filter in words, "all claims" when there is none."""
    flt = summary.flt
    return ", ".join(filter(None, [
        f"verdicts: {', '.join(flt.verdicts)}" if flt.verdicts else "",
        "conflicts only" if flt.conflicts_only else "",
        f"at least {flt.min_sources} sources" if flt.min_sources else "",
        f"text: {flt.text}" if flt.text else "",
    ])) or "all claims"


def _write_summary(workbook: Workbook, taken: set[str], summary: Summary) -> None:
    sheet = workbook.create_sheet(sheet_name("Summary", taken))
    for letter, width in zip("ABCD", (26, 22, 16, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    row = 0

    def append(values: list[Any]) -> None:
        nonlocal row
        sheet.append(values)
        row += 1

    def heading(text: str) -> None:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True, size=12)
        append([cell])

    def label(text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        return cell

    heading("This export")
    exported, offset = local_time(summary.exported_at)
    stamp = WriteOnlyCell(sheet, value=exported)
    stamp.number_format = f'yyyy-mm-dd hh:mm "{offset}"'
    stamp.alignment = Alignment(horizontal="left")
    for name, value in (("Project", text_cell(sheet, summary.project)),
                        ("Filter", text_cell(sheet, describe_filter(summary))),
                        ("Claims exported", summary.claims), ("Exported at", stamp),
                        ("FactDesk version", text_cell(sheet, summary.version))):
        append([label(name), value])
    append([])
    heading("Claims by verdict")
    append([label("Verdict"), label("Claims"), None, label("Meaning")])
    first = row + 1
    for verdict, (_, meaning) in VERDICT_STYLE.items():
        cell = WriteOnlyCell(sheet, value=verdict)
        cell.fill = FILLS[verdict]
        append([cell, summary.by_verdict.get(verdict, 0), None, meaning])
    _verdict_chart(sheet, first, summary)
    append([])
    heading("Sources in this export")
    append([text_cell(sheet, sources_counted(len(summary.by_source), summary.unknown_sources))])
    append([label("Source"), label("Articles"), label("Claims reported")])
    for column, (articles, claims) in sorted(summary.by_source.items(),
                                             key=lambda item: (-item[1][1], item[0].name)):
        # An unknown outlet is listed by its article's name: say that it is no outlet's.
        unknown = (f"Article {column.origin} and its copies: outlet unknown."
                   if column.origin is not None else None)
        append([guarded(sheet, column.name), articles, claims, unknown])
    append([])
    heading("How to read the sheets")
    for name, text in (
            ("Sources x Claims", MARKS_LEGEND),
            ("Unknown outlets", UNKNOWN_NOTE),
            *((c.header, c.note) for c in CLAIM_COLUMNS if "origins" in c.header.lower()),
            ("Times", "Local time of the computer that exported, with its offset from UTC."),
            ("Comments", "A header with a red corner has a note on what its column holds.")):
        append([label(name), None, None, text])


def _verdict_chart(sheet: WriteOnlyWorksheet, first: int, summary: Summary) -> None:
    """Bars of the reviewed verdicts, each in its verdict's colour; unreviewed claims,
    usually most of them, are left out so they do not flatten the rest."""
    verdicts = list(VERDICT_STYLE)
    reviewed = [i for i, v in enumerate(verdicts) if v != "unreviewed"]
    low, high = first + reviewed[0], first + reviewed[-1]
    chart = BarChart()
    chart.type, chart.legend = "bar", None
    unreviewed = summary.by_verdict.get("unreviewed", 0)
    chart.title = f"Reviewed claims by verdict ({unreviewed:,} unreviewed not shown)"
    chart.add_data(Reference(sheet, min_col=2, min_row=low, max_row=high),
                   titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=1, min_row=low, max_row=high))
    series = chart.series[0]
    for point, index in enumerate(reviewed):
        colour = VERDICT_STYLE[verdicts[index]][0]
        data_point = DataPoint(idx=point)
        data_point.graphicalProperties.solidFill = colour
        data_point.graphicalProperties.line.solidFill = "7F7F7F"
        series.dPt.append(data_point)
    chart.y_axis.majorGridlines = None
    # Claims are counted whole: no 0.2 steps on the axis when only a few are reviewed.
    most = max((n for v, n in summary.by_verdict.items() if v != "unreviewed"), default=0)
    chart.y_axis.number_format, chart.y_axis.majorUnit = "0", max(1, most // 5)
    chart.height, chart.width = 7, 14
    sheet.add_chart(chart, "F2")

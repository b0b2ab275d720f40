"""An article's full text with every claim mention highlighted in its verdict's colour.

Clicking a highlight selects its claim; a text selection becomes a new claim, or joins
the selected one. The chosen claim's mentions are darker and underlined: most sentences of a
news article are mentions, so colour alone cannot say which one is being reviewed.

Offsets are Python string positions; Qt counts UTF-16 units, so the two are converted
wherever they meet (they differ after an emoji).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import MentionSpan
from desktop.core.vocabulary import HIGHLIGHT, HIGHLIGHT_INK, Verdict, verdict_label
from desktop.ui.dialogs import dialog_buttons
from desktop.ui.style import is_dark
from desktop.ui.widgets.sizing import roomy

CURRENT_SHIFT = 130
"""How much darker (percent; lighter on a dark window) the chosen claim's fill is than the
others'."""


def legend(dark: bool) -> str:
    """What the highlight colours mean, drawn in the same colours (rich text)."""
    ink = HIGHLIGHT_INK.on(dark)
    chips = " ".join(f"<span style='background:{HIGHLIGHT[v].on(dark)}; color:{ink}'>"
                     f"&nbsp;{verdict_label(v)}&nbsp;</span>" for v in Verdict)
    return f"Claims by verdict: {chips} · <u>underlined</u>: the claim shown"


def to_qt(text: str, index: int) -> int:
    """Python index -> Qt (UTF-16) position."""
    return len(text[:index].encode("utf-16-le")) // 2


def from_qt(text: str, position: int) -> int:
    """Qt (UTF-16) position -> Python index."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class ArticleText(QPlainTextEdit):
    """Read-only text that reports clicks on highlights and offers selection actions."""

    clicked_at = Signal(int)
    selection_to_new_claim = Signal(int, int)
    selection_to_claim = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body = ""

    def selection(self) -> tuple[int, int] | None:
        """The selected span as Python offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (from_qt(self.body, cursor.selectionStart()),
                from_qt(self.body, cursor.selectionEnd()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.clicked_at.emit(from_qt(self.body, position))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        span = self.selection()
        new = menu.addAction("New claim from selection")
        add = menu.addAction("Add selection to claim…")
        new.setEnabled(span is not None)
        add.setEnabled(span is not None)
        if span is not None:
            new.triggered.connect(lambda: self.selection_to_new_claim.emit(*span))
            add.triggered.connect(lambda: self.selection_to_claim.emit(*span))
        menu.addSeparator()
        menu.addAction("Copy", self.copy)
        menu.exec(event.globalPos())


class ArticleDialog(QDialog):
    """Edit an article's source, title and date; an undated article stays undated unless a
    date is chosen ("No date" unticked)."""

    def __init__(self, source: str, title: str, published: date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit article")
        form = QFormLayout(self)
        self.source = QLineEdit(source)
        self.title = QLineEdit(title)
        self.published = QDateEdit()
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("yyyy-MM-dd")
        shown = published or date.today()
        self.published.setDate(QDate(shown.year, shown.month, shown.day))
        self.undated = QCheckBox("No date")
        self.undated.toggled.connect(lambda on: self.published.setEnabled(not on))
        self.undated.setChecked(published is None)
        dated = QHBoxLayout()
        dated.addWidget(self.published, 1)
        dated.addWidget(self.undated)
        form.addRow("Source", self.source)
        form.addRow("Title", self.title)
        form.addRow("Date", dated)
        buttons, _ = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        roomy(self)

    def values(self) -> tuple[str, str, date | None]:
        """Source, title, date as entered (None: no date)."""
        if self.undated.isChecked():
            return self.source.text(), self.title.text(), None
        chosen = self.published.date()
        return (self.source.text(), self.title.text(),
                date(chosen.year(), chosen.month(), chosen.day()))


class ArticleView(QWidget):
    """Header (title, source, date, edit) over the highlighted text."""

    claim_clicked = Signal(int)
    span_to_new_claim = Signal(int, int, int)
    span_to_claim = Signal(int, int, int)
    edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article_id: int | None = None
        self.highlights: list[MentionSpan] = []
        self.current_claim: int | None = None
        self._centre_when_shown = False
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.heading = QLabel("No article open")
        self.heading.setWordWrap(True)
        self.edit = QPushButton("Edit article…")
        self.edit.setEnabled(False)
        self.edit.clicked.connect(lambda: self.article_id and self.edit_requested.emit(
            self.article_id))
        header.addWidget(self.heading, 1)
        header.addWidget(self.edit)
        layout.addLayout(header)
        self.legend = QLabel(legend(is_dark(self.palette())))
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)
        self.text = ArticleText()
        layout.addWidget(self.text, 1)
        self.text.clicked_at.connect(self._on_clicked_at)
        self.text.selection_to_new_claim.connect(
            lambda s, e: self.article_id and self.span_to_new_claim.emit(self.article_id, s, e))
        self.text.selection_to_claim.connect(
            lambda s, e: self.article_id and self.span_to_claim.emit(self.article_id, s, e))

    def show_article(self, article_id: int, heading: str, body: str,
                     highlights: list[MentionSpan], focus: tuple[int, int] | None = None) -> None:
        """Show a body with its mentions highlighted; ``focus``, if given, is scrolled to
        and selected."""
        self.article_id = article_id
        self.highlights = highlights
        self.heading.setText(heading)
        self.edit.setEnabled(True)
        self.text.body = body
        self.text.setPlainText(body)
        self._paint()
        if focus is not None:
            # The span selected, not just scrolled to: in a long article the reader must
            # see which sentence was meant (a search hit is often no claim's mention).
            cursor = self.text.textCursor()
            cursor.setPosition(to_qt(body, focus[1]))
            cursor.setPosition(to_qt(body, focus[0]), QTextCursor.MoveMode.KeepAnchor)
            self.text.setTextCursor(cursor)
            self._centre_focus()

    def _centre_focus(self) -> None:
        """The selected span to the middle of the view. Behind the Claim tab the view has
        no size of its own (the tabs size only the page in front), so the text, wrapped
        at another width, was scrolled wrong and the reader saw the article's top: it is
        centred once the tab shows it."""
        self._centre_when_shown = not self.text.isVisible()
        if not self._centre_when_shown:
            self.text.centerCursor()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._centre_when_shown:
            self._centre_when_shown = False
            # After the pending resize has wrapped the text at the shown width.
            QTimer.singleShot(0, self.text.centerCursor)

    def clear(self) -> None:
        """Show nothing (another project was opened)."""
        self.article_id, self.highlights, self.current_claim = None, [], None
        self.heading.setText("No article open")
        self.edit.setEnabled(False)
        self.text.body = ""
        self.text.setPlainText("")
        self.text.setExtraSelections([])

    def set_current_claim(self, claim_id: int | None) -> None:
        """Mark the mentions of the claim being reviewed."""
        if claim_id != self.current_claim:
            self.current_claim = claim_id
            self._paint()

    def _paint(self) -> None:
        body = self.text.body
        dark = is_dark(self.palette())
        selections = []
        for mark in self.highlights:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(to_qt(body, mark.start))
            cursor.setPosition(to_qt(body, mark.end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fill = QColor(HIGHLIGHT[Verdict(mark.verdict)].on(dark))
            fmt.setForeground(QColor(HIGHLIGHT_INK.on(dark)))
            fmt.setToolTip(f"Claim {mark.claim_id} ({mark.verdict})")
            if mark.claim_id == self.current_claim:
                fill = fill.lighter(CURRENT_SHIFT) if dark else fill.darker(CURRENT_SHIFT)
                fmt.setFontUnderline(True)
            fmt.setBackground(fill)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def changeEvent(self, event: QEvent) -> None:
        """Repaint highlights and legend in the other scheme's shades when the system
        switches between light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.legend.setText(legend(is_dark(self.palette())))
            self._paint()

    def claim_at(self, index: int) -> int | None:
        """The claim of the mention covering this offset.

        A sentence that states two claims is covered twice: the one after the chosen
        claim comes first, so clicking the sentence again steps to its other claim.
        """
        covering = list(dict.fromkeys(h.claim_id for h in self.highlights
                                      if h.start <= index < h.end))
        if not covering:
            return None
        if self.current_claim in covering:
            return covering[(covering.index(self.current_claim) + 1) % len(covering)]
        return covering[0]

    def _on_clicked_at(self, index: int) -> None:
        claim_id = self.claim_at(index)
        if claim_id is not None:
            self.claim_clicked.emit(claim_id)

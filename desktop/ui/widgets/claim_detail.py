"""One claim in full: its wording, verdict, review state, mentions by stance, notes, history.

The mentions get the room: notes and history share a tab below them, so a laptop screen
still shows three mentions side by side with their figures, which is where a conflict is
judged. What is typed and not saved (wording, a note) belongs to its claim: choosing
another claim puts it aside, and coming back brings it back.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import ClaimDetail, ClaimRow, ConflictValue
from desktop.core.vocabulary import (
    INK_ON_FILL,
    REVIEW_DONE_KEY,
    VERDICT_KEYS,
    ReviewState,
    verdict_label,
)
from desktop.core.wording import counted, field_name, stance_breakdown
from desktop.ui.style import VERDICT_COLOURS, alert_colour, is_dark
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.mentions_view import MentionsView
from desktop.ui.widgets.notes_pane import NoteDraft, NotesPane

WORDING_LINES = (2, 8)
"""The claim's wording box grows with the wording, from two lines to eight: at three (54 px)
a claim wrapped at a 720 px window's pane read "...a volcanologist with the Nicaraguan
Institute of Territorial" and the rest was behind a scroll bar, while the table beside it
shows the claim's first 15 characters."""
NOTES_HEIGHT = 96
NARROW = 360
"""Pane width below which "Save wording" goes under the claim's text, not beside it."""
"""Height the notes and history start with: the rest of the pane goes to the mentions."""


@dataclass(frozen=True)
class Draft:
    """Unsaved input of one claim, kept while another claim is shown."""

    wording: str | None
    note: NoteDraft


def conflict_text(conflict: ConflictValue) -> str:
    """"soldiers killed: around 300 vs about 600"."""
    return f"{conflict.label}: {' vs '.join(conflict.values)}"


class WordingBox(QPlainTextEdit):
    """The claim's wording, as many lines tall as it takes wrapped (``WORDING_LINES``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self.fit())
        self.fit()

    def fit(self) -> None:
        """Height for the wording as laid out at the present width (the layout counts
        its wrapped lines; their height is the blocks' own, a little over the font's
        line spacing)."""
        document = self.document()
        lines = int(document.documentLayout().documentSize().height())
        block, laid = document.firstBlock(), 0.0
        while block.isValid():
            laid += self.blockBoundingRect(block).height()
            block = block.next()
        per_line = laid / lines if lines and laid else self.fontMetrics().lineSpacing()
        least, most = WORDING_LINES
        shown = min(max(lines, least), most) * per_line
        self.setFixedHeight(math.ceil(shown + 2 * document.documentMargin())
                            + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrowed with the window, the wording wraps onto more lines: the layout does
        not say so by itself until it is painted."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()


def _buttons(row: FlowLayout, labels: dict[str, str], tip: str) -> dict[str, QPushButton]:
    """Checkable buttons, whole words each: in a narrow pane the row wraps instead of
    cutting them ("nfirmed (") or widening the window past the screen."""
    buttons = {}
    for value, label in labels.items():
        button = QPushButton(label)
        button.setCheckable(True)
        button.setToolTip(tip.format(value=value))
        row.addWidget(button)
        buttons[value] = button
    return buttons


class ClaimDetailWidget(QWidget):
    """Shows a claim; every edit is a signal the window turns into an undoable step."""

    verdict_chosen = Signal(str)
    review_state_chosen = Signal(str)
    text_edited = Signal(str)
    stance_changed = Signal(int, str)
    mention_to_new_claim = Signal(int)
    mention_to_chosen_claim = Signal(int)
    article_requested = Signal(int, int, int)
    evidence_added = Signal(str, str)
    evidence_edited = Signal(int, str, str)
    evidence_removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ClaimDetail | None = None
        self._drafts: dict[int, Draft] = {}
        self._dark = is_dark(self.palette())
        layout = QVBoxLayout(self)
        self.title = QLabel("Select a claim")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.title)

        self.text = WordingBox()
        # Tab goes on to the buttons: a claim's wording holds no tabs, and Tab typed them
        # into it, the pane below out of the keyboard's reach.
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._on_wording_typed)
        self.save_text = QPushButton("Save wording")
        self.save_text.clicked.connect(lambda: self.text_edited.emit(self.text.toPlainText()))
        self.text_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.text_row.addWidget(self.text, 1)
        self.text_row.addWidget(self.save_text, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(self.text_row)

        verdicts = FlowLayout()
        self.verdict_buttons = _buttons(
            verdicts, {v.value: f"{verdict_label(v)} ({k})" for v, k in VERDICT_KEYS.items()},
            "Mark the selected claims {value}")
        for verdict, button in self.verdict_buttons.items():
            button.clicked.connect(lambda _=False, v=verdict: self.verdict_chosen.emit(v))
        layout.addLayout(verdicts)
        review = FlowLayout()
        review_label = QLabel("Review:")
        review.addWidget(review_label)
        self.review_buttons = _buttons(
            review, {s.value: s.value.capitalize() + (f" ({REVIEW_DONE_KEY})"
                                                     if s == ReviewState.DONE else "")
                     for s in ReviewState}, "Set the review state: {value}")
        for state, button in self.review_buttons.items():
            button.clicked.connect(lambda _=False, s=state: self.review_state_chosen.emit(s))
        # Level with the buttons beside it, on a line of its own or not.
        review_label.setMinimumHeight(self.review_buttons[ReviewState.NEW.value].sizeHint().height())
        layout.addLayout(review)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)

        mentions_box = QWidget()
        mentions_layout = QVBoxLayout(mentions_box)
        mentions_layout.setContentsMargins(0, 0, 0, 0)
        self.mentions = MentionsView()
        self.mentions.delegate.chosen.connect(self.stance_changed)
        self.mentions.opened.connect(
            lambda m: self.article_requested.emit(m.article_id, m.start, m.end))
        self.mentions.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mentions.customContextMenuRequested.connect(
            lambda point: self.mention_menu(self.mentions.rowAt(point.y())).exec(
                self.mentions.viewport().mapToGlobal(point)))
        self.move_to = QPushButton("Move to claim…")
        self.move_to.clicked.connect(lambda: self._with_selected(self.mention_to_chosen_claim))
        self.move_out = QPushButton("Move to a new claim")
        self.move_out.clicked.connect(lambda: self._with_selected(self.mention_to_new_claim))
        move_row = FlowLayout()
        move_row.addWidget(self.move_to)
        move_row.addWidget(self.move_out)
        mentions_layout.addWidget(self.mentions, 1)
        mentions_layout.addLayout(move_row)

        self.notes = NotesPane()
        self.notes.added.connect(self.evidence_added)
        self.notes.edited.connect(self.evidence_edited)
        self.notes.removed.connect(self.evidence_removed)
        self.history = QTreeWidget()
        self.history.setHeaderLabels(["When", "Who", "What", "Old", "New"])
        self.history.setRootIsDecorated(False)
        self.below = QTabWidget()
        self.below.addTab(self.notes, "Notes and evidence")
        self.below.addTab(self.history, "History")
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(mentions_box)
        self.split.addWidget(self.below)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([400, NOTES_HEIGHT])
        self.split.setChildrenCollapsible(False)
        layout.addWidget(self.split, 1)
        self.show_claim(None)

    def show_claim(self, detail: ClaimDetail | None) -> None:
        """Fill every part from ``detail`` (None: nothing selected). What was typed for
        the claim shown is put aside, even when nothing is selected next: a filter that
        hid every claim dropped a wording typed and not saved (trial10)."""
        if self.detail is not None:
            self._put_aside(self.detail.claim)
        self.detail = detail
        for widget in (self.text, self.mentions, self.move_out, self.move_to, self.notes,
                       *self.verdict_buttons.values(), *self.review_buttons.values()):
            widget.setEnabled(detail is not None)
        self.history.clear()
        self.save_text.setEnabled(False)
        if detail is None:
            self.title.setText("Select a claim")
            self.text.setPlainText("")
            self.counts.setText("")
            self.mentions.show_mentions((), [], alert_colour(self.palette()), self._dark)
            self.notes.show_notes(())
            self.notes.restore(NoteDraft("", "", None))
            return
        claim = detail.claim
        self.title.setText(f"Claim {claim.id} — {claim.verdict}, {claim.review_state}")
        draft = self._drafts.pop(claim.id, Draft(None, NoteDraft("", "", None)))
        self.text.setPlainText(claim.text if draft.wording is None else draft.wording)
        self._on_wording_typed()
        self.notes.restore(draft.note)
        self._paint_choices(claim)
        self.counts.setText(self._counts(claim))
        values = [v for c in claim.conflicts for v in c.values]
        self.mentions.show_mentions(detail.mentions, values, alert_colour(self.palette()),
                                    self._dark)
        self.notes.show_notes(detail.evidence, claim.verdict, detail.verdict_note)
        notes = len(detail.evidence) + bool(detail.verdict_note)
        self.below.setTabText(0, f"Notes and evidence ({notes})")
        self.below.setTabText(1, f"History ({len(detail.history)})")
        for event in detail.history:
            self.history.addTopLevelItem(QTreeWidgetItem([
                f"{event.at:%Y-%m-%d %H:%M}", event.author or "",
                field_name(event.field) or field_name(event.action), event.old or "",
                event.new or ""]))

    def forget_drafts(self) -> None:
        """Another project is open: what was typed belongs to the old one's claims."""
        self.detail = None
        self._drafts.clear()

    def drafts_state(self) -> QByteArray:
        """What was typed and not saved, the claim shown included, as JSON for the
        project's saved layout: kept across a restart (trial12: Ctrl+Q dropped a typed
        wording without a word)."""
        drafts = dict(self._drafts)
        typed = self._typed() if self.detail is not None else None
        if self.detail is not None and typed is not None:
            drafts[self.detail.claim.id] = typed
        return QByteArray(json.dumps({
            str(claim_id): {"wording": d.wording, "note": d.note.text, "link": d.note.url}
            for claim_id, d in drafts.items()}, sort_keys=True).encode())

    def restore_drafts(self, state: QByteArray | None) -> None:
        """Drafts saved when the project was last closed, shown as their claims are
        (a correction of a note in progress comes back as a new note); unreadable: none."""
        try:
            saved = json.loads(bytes(state.data()).decode()) if state is not None else {}
            self._drafts = {int(claim_id): Draft(d.get("wording"), NoteDraft(
                d.get("note") or "", d.get("link") or "", None)) for claim_id, d in saved.items()}
        except (ValueError, AttributeError, TypeError):
            self._drafts = {}

    def unsaved_wording(self) -> bool:
        """Whether the wording box holds text that differs from the claim's."""
        return (self.detail is not None
                and self.text.toPlainText().strip() != self.detail.claim.text)

    def drop_wording(self, claim_id: int) -> None:
        """Forget the wording typed for a claim: the box shows the claim's own (a
        colleague's rewording was kept over it)."""
        self._drafts.pop(claim_id, None)
        if self.detail is not None and self.detail.claim.id == claim_id:
            self.text.setPlainText(self.detail.claim.text)
            self._on_wording_typed()

    def _put_aside(self, claim: ClaimRow) -> None:
        typed = self._typed()
        if typed is not None:
            self._drafts[claim.id] = typed

    def _typed(self) -> Draft | None:
        """What is typed and not saved for the claim shown, if anything."""
        wording = self.text.toPlainText() if self.unsaved_wording() else None
        note = self.notes.draft()
        return Draft(wording, note) if wording is not None or not note.empty else None

    def _on_wording_typed(self) -> None:
        self.save_text.setEnabled(self.unsaved_wording())

    def _paint_choices(self, claim: ClaimRow) -> None:
        for verdict, button in self.verdict_buttons.items():
            button.setChecked(verdict == claim.verdict)
            colour = VERDICT_COLOURS.get(verdict) if verdict == claim.verdict else None
            button.setStyleSheet(f"background:{colour}; color:{INK_ON_FILL};" if colour else "")
        for state, button in self.review_buttons.items():
            button.setChecked(state == claim.review_state)

    def _counts(self, claim: ClaimRow) -> str:
        conflict = "; ".join(conflict_text(c) for c in claim.conflicts)
        return (f"{counted(claim.n_sources, 'source')} · "
                f"{counted(claim.n_articles, 'article')} · "
                f"{stance_breakdown(claim.n_origins, claim.n_support, claim.n_contradict)}"
                + (f" · <b style='color:{alert_colour(self.palette())}'>"
                   f"conflict: {html.escape(conflict)}</b>" if conflict else ""))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a narrow pane "Save wording" goes under the claim's text, which keeps the
        pane's width: beside it the text would show two words a line."""
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW
        self.text_row.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                   else QBoxLayout.Direction.LeftToRight)

    def changeEvent(self, event: QEvent) -> None:
        """Redraw the stance and conflict colours when the system switches light/dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and is_dark(self.palette()) != self._dark:
            self._dark = not self._dark
            self.show_claim(self.detail)

    def mention_menu(self, row: int) -> QMenu:
        """What can be done with the mention in this row (right-click)."""
        menu = QMenu(self)
        mention = self.mentions.mentions.mention_at(row)
        if mention is None:
            return menu
        self.mentions.selectRow(row)
        menu.addAction("Open in its article", lambda: self.article_requested.emit(
            mention.article_id, mention.start, mention.end))
        menu.addSeparator()
        menu.addAction("Move to claim…", lambda: self.mention_to_chosen_claim.emit(mention.id))
        menu.addAction("Move to a new claim", lambda: self.mention_to_new_claim.emit(mention.id))
        return menu

    def _with_selected(self, signal: SignalInstance) -> None:
        mention = self.mentions.selected_mention()
        if mention is not None:
            signal.emit(mention.id)

"""One claim in full: its text, verdict, every mention with stance, evidence, history."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import ClaimDetail, MentionRow
from desktop.core.vocabulary import INK_ON_FILL, VERDICT_KEYS, MentionOrigin, Stance
from desktop.core.wording import counted
from desktop.ui.style import VERDICT_COLOURS, alert_colour, is_dark, stance_colour

MentionIdRole = Qt.ItemDataRole.UserRole + 3
SOURCE, ATTRIBUTION, STANCE, SENTENCE = range(4)
"""Columns of the mentions table; the date sits under the source so the sentence, which
is what a reviewer reads, gets the width."""


def highlighted(sentence: str, values: list[str], colour: str) -> str:
    """The sentence as HTML with the conflicting figures marked in ``colour``."""
    text = html.escape(sentence)
    for value in sorted(values, key=len, reverse=True):
        number = re.escape(html.escape(value.split()[-1]))
        text = re.sub(rf"\b{number}\b", lambda m: f"<b style='color:{colour}'>{m.group()}</b>",
                      text)
    return text


class StanceDelegate(QStyledItemDelegate):
    """A mention's stance edited in place with a drop-down (double-click, or F2).

    One editor at a time instead of a drop-down widget on every row: a claim with a hundred
    mentions lays out in a fraction of the time. The choice leaves as ``chosen`` on the next
    turn of the event loop, once the editor is closed, because the undoable edit that
    follows rebuilds the table.
    """

    chosen = Signal(int, str)

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,
                     _index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QComboBox(parent)
        for value in Stance:
            editor.addItem(value.value, value.value)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data()))

    def setModelData(self, editor: QWidget, _model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        value = editor.currentData() if isinstance(editor, QComboBox) else None
        if value is None or value == index.data():
            return
        mention_id = int(index.model().index(index.row(), SOURCE).data(MentionIdRole))
        QTimer.singleShot(0, self, lambda: self.chosen.emit(mention_id, value))


class ClaimDetailWidget(QWidget):
    """Shows a claim; every edit is a signal the window turns into an undoable command."""

    verdict_chosen = Signal(str)
    text_edited = Signal(str)
    stance_changed = Signal(int, str)
    mention_to_new_claim = Signal(int)
    mention_to_claim = Signal(int, int)
    mention_to_chosen_claim = Signal(int)
    article_requested = Signal(int, int, int)
    evidence_added = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ClaimDetail | None = None
        self._dark = is_dark(self.palette())
        layout = QVBoxLayout(self)
        self.title = QLabel("Select a claim")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.title)

        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(70)
        self.save_text = QPushButton("Save wording")
        self.save_text.clicked.connect(lambda: self.text_edited.emit(self.text.toPlainText()))
        text_row = QHBoxLayout()
        text_row.addWidget(self.text, 1)
        text_row.addWidget(self.save_text)
        layout.addLayout(text_row)

        verdicts = QHBoxLayout()
        self.verdict_buttons: dict[str, QPushButton] = {}
        for verdict, key in VERDICT_KEYS.items():
            button = QPushButton(f"{verdict.capitalize()} ({key})")
            button.setCheckable(True)
            # Let the row shrink on small screens instead of widening the window.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(60)
            button.setToolTip(f"Mark the selected claims {verdict} — key {key}")
            button.clicked.connect(lambda _=False, v=verdict: self.verdict_chosen.emit(v))
            verdicts.addWidget(button)
            self.verdict_buttons[verdict] = button
        layout.addLayout(verdicts)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)

        mentions_box = QGroupBox("Mentions")
        mentions_layout = QVBoxLayout(mentions_box)
        self.mentions = QTableWidget(0, 4)
        self.mentions.setHorizontalHeaderLabels(["Source, date", "Attribution", "Stance",
                                                 "Sentence"])
        mention_header = self.mentions.horizontalHeader()
        mention_header.setSectionResizeMode(SENTENCE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SOURCE, 96), (ATTRIBUTION, 104), (STANCE, 104)):
            mention_header.resizeSection(column, width)
        mention_header.sectionResized.connect(self._fit_rows)
        self.mentions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mentions.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                      | QAbstractItemView.EditTrigger.SelectedClicked
                                      | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.stance_editor = StanceDelegate(self.mentions)
        self.stance_editor.chosen.connect(self.stance_changed)
        self.mentions.setItemDelegateForColumn(STANCE, self.stance_editor)
        self.mentions.verticalHeader().setVisible(False)
        self.mentions.cellDoubleClicked.connect(self._on_mention_opened)
        self.mentions.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mentions.customContextMenuRequested.connect(
            lambda point: self.mention_menu(self.mentions.rowAt(point.y())).exec(
                self.mentions.viewport().mapToGlobal(point)))
        self.move_out = QPushButton("Move mention to a new claim")
        self.move_out.clicked.connect(self._on_move_out)
        self.target = QSpinBox(minimum=1, maximum=2_000_000_000, prefix="claim #")
        self.move_to = QPushButton("Move mention to")
        self.move_to.clicked.connect(self._on_move_to)
        move_row = QHBoxLayout()
        move_row.addStretch(1)
        move_row.addWidget(self.move_to)
        move_row.addWidget(self.target)
        move_row.addWidget(self.move_out)
        mentions_layout.addWidget(self.mentions)
        mentions_layout.addLayout(move_row)
        layout.addWidget(mentions_box, 3)

        evidence_box = QGroupBox("Notes and evidence")
        evidence_layout = QVBoxLayout(evidence_box)
        self.evidence = QListWidget()
        self.note = QLineEdit(placeholderText="Note")
        self.link = QLineEdit(placeholderText="https://… (optional link)")
        self.add_evidence = QPushButton("Add")
        self.add_evidence.clicked.connect(self._on_add_evidence)
        add_row = QHBoxLayout()
        add_row.addWidget(self.note, 2)
        add_row.addWidget(self.link, 2)
        add_row.addWidget(self.add_evidence)
        evidence_layout.addWidget(self.evidence)
        evidence_layout.addLayout(add_row)
        layout.addWidget(evidence_box, 1)

        history_box = QGroupBox("History")
        history_layout = QVBoxLayout(history_box)
        self.history = QTreeWidget()
        self.history.setHeaderLabels(["When", "Who", "What", "Old", "New"])
        self.history.setRootIsDecorated(False)
        history_layout.addWidget(self.history)
        layout.addWidget(history_box, 1)
        self.show_claim(None)

    def show_claim(self, detail: ClaimDetail | None) -> None:
        """Fill every part from ``detail`` (None: nothing selected)."""
        self.detail = detail
        enabled = detail is not None
        for widget in (self.text, self.save_text, self.mentions, self.move_out, self.move_to,
                       self.target, self.note,
                       self.link, self.add_evidence, *self.verdict_buttons.values()):
            widget.setEnabled(enabled)
        self.mentions.setRowCount(0)
        self.evidence.clear()
        self.history.clear()
        if detail is None:
            self.title.setText("Select a claim")
            self.text.setPlainText("")
            self.counts.setText("")
            return
        claim = detail.claim
        self.title.setText(f"Claim {claim.id} — {claim.verdict}, {claim.review_state}")
        self.text.setPlainText(claim.text)
        for verdict, button in self.verdict_buttons.items():
            button.setChecked(verdict == claim.verdict)
            colour = VERDICT_COLOURS.get(verdict) if verdict == claim.verdict else None
            button.setStyleSheet(f"background:{colour}; color:{INK_ON_FILL};" if colour else "")
        conflict = "; ".join(f"{c.slot.replace(':', ' ')}: {' vs '.join(c.values)}"
                             for c in claim.conflicts)
        self.counts.setText(
            f"{counted(claim.n_sources, 'source')} · "
            f"{counted(claim.n_origins, 'independent origin')} · "
            f"{counted(claim.n_articles, 'article')} · {claim.n_support} supporting · "
            f"{claim.n_contradict} contradicting"
            + (f" · <b style='color:{alert_colour(self.palette())}'>"
               f"conflict: {html.escape(conflict)}</b>"
               if conflict else ""))
        values = [v for c in claim.conflicts for v in c.values]
        for mention in detail.mentions:
            self._add_mention(mention, values)
        self._fit_rows()
        if detail.verdict_note:
            self.evidence.addItem(f"Note with the verdict ({claim.verdict}): "
                                  f"{detail.verdict_note}")
        for item in detail.evidence:
            self.evidence.addItem(f"{item.created_at:%Y-%m-%d} {item.author or ''}: "
                                  f"{item.text} {item.url or ''}".strip())
        for event in detail.history:
            self.history.addTopLevelItem(QTreeWidgetItem([
                f"{event.at:%Y-%m-%d %H:%M}", event.author or "", event.action,
                event.old or "", event.new or ""]))

    def changeEvent(self, event: QEvent) -> None:
        """Redraw the stance and conflict colours when the system switches light/dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and is_dark(self.palette()) != self._dark:
            self._dark = not self._dark
            self.show_claim(self.detail)

    def _add_mention(self, mention: MentionRow, values: list[str]) -> None:
        row = self.mentions.rowCount()
        self.mentions.insertRow(row)
        source = QTableWidgetItem(
            mention.source + (" (copy)" if mention.copy_of else "") + "\n"
            + (mention.published.isoformat() if mention.published else "undated")
            + ("\nalso another claim" if mention.origin == MentionOrigin.ALSO else ""))
        if mention.origin == MentionOrigin.ALSO:
            source.setToolTip("This sentence states two claims; it joined the other one "
                              "and counts for this one too.")
        source.setData(MentionIdRole, mention.id)
        attribution = QTableWidgetItem(mention.attribution or "")
        stance = QTableWidgetItem(mention.stance)
        stance.setForeground(QColor(stance_colour(mention.stance, self.palette())))
        stance.setToolTip("Double-click or F2 to change")
        for column, item in ((SOURCE, source), (ATTRIBUTION, attribution), (STANCE, stance)):
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if column != STANCE:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mentions.setItem(row, column, item)
        sentence = QLabel(highlighted(mention.sentence, values, alert_colour(self.palette())))
        sentence.setWordWrap(True)
        sentence.setTextFormat(Qt.TextFormat.RichText)
        sentence.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        sentence.setContentsMargins(3, 2, 3, 2)
        self.mentions.setCellWidget(row, SENTENCE, sentence)

    def _fit_rows(self) -> None:
        """Each row as tall as its sentence wrapped at the sentence column's width: a label's
        own size hint knows nothing of the column it sits in."""
        width = self.mentions.columnWidth(SENTENCE)
        for row in range(self.mentions.rowCount()):
            self.mentions.resizeRowToContents(row)
            label = self.mentions.cellWidget(row, SENTENCE)
            if isinstance(label, QLabel):
                needed = label.heightForWidth(width) + 4
                if needed > self.mentions.rowHeight(row):
                    self.mentions.setRowHeight(row, needed)

    def mention_menu(self, row: int) -> QMenu:
        """What can be done with the mention in this row (right-click)."""
        menu = QMenu(self)
        item = self.mentions.item(row, SOURCE) if row >= 0 else None
        if item is None or self.detail is None:
            return menu
        self.mentions.selectRow(row)
        mention_id = int(item.data(MentionIdRole))
        menu.addAction("Open in its article", lambda: self._on_mention_opened(row, SOURCE))
        menu.addSeparator()
        menu.addAction("Move to claim…", lambda: self.mention_to_chosen_claim.emit(mention_id))
        menu.addAction("Move to a new claim", lambda: self.mention_to_new_claim.emit(mention_id))
        return menu

    def selected_mention(self) -> MentionRow | None:
        """The mention whose row is selected."""
        if self.detail is None:
            return None
        rows = self.mentions.selectionModel().selectedRows()
        if not rows:
            return None
        mention_id = rows[0].siblingAtColumn(0).data(MentionIdRole)
        return next((m for m in self.detail.mentions if m.id == mention_id), None)

    def _on_move_out(self) -> None:
        mention = self.selected_mention()
        if mention is not None:
            self.mention_to_new_claim.emit(mention.id)

    def _on_move_to(self) -> None:
        mention = self.selected_mention()
        if mention is not None and self.target.value() != mention.claim_id:
            self.mention_to_claim.emit(mention.id, self.target.value())

    def _on_mention_opened(self, row: int, column: int) -> None:
        if column == STANCE:  # a double-click there edits the stance
            return
        if self.detail is not None and row < len(self.detail.mentions):
            mention_id = self.mentions.model().index(row, 0).data(MentionIdRole)
            mention = next(m for m in self.detail.mentions if m.id == mention_id)
            self.article_requested.emit(mention.article_id, mention.start, mention.end)

    def _on_add_evidence(self) -> None:
        text, url = self.note.text().strip(), self.link.text().strip()
        if text or url:
            self.evidence_added.emit(text, url)
            self.note.clear()
            self.link.clear()

"""A claim's notes and evidence: read with clickable links, added, corrected, removed.

The notes are one rich-text page rather than a widget per note: each note carries its own
"edit" and "remove" links, and every web address in it opens in the browser.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dto import EvidenceRow

WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+")
FIELD_LEAST = 200
"""The width below which the note and its link stop sharing a line."""
ACTION_SCHEME = "note"
"""Links of the form note:edit/ID and note:remove/ID act on a note instead of opening."""


@dataclass(frozen=True)
class NoteDraft:
    """What was typed into the note fields and not yet saved."""

    text: str
    url: str
    editing: int | None

    @property
    def empty(self) -> bool:
        """Nothing typed, nothing being corrected."""
        return not (self.text or self.url or self.editing is not None)


def linked(text: str) -> str:
    """Escaped text whose web addresses are links."""
    out, last = [], 0
    for match in WEB_ADDRESS.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        address = html.escape(match.group())
        out.append(f"<a href='{address}'>{address}</a>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


class NotesPane(QWidget):
    """Emits ``added(text, url)``, ``edited(id, text, url)`` and ``removed(id)``."""

    added = Signal(str, str)
    edited = Signal(int, str, str)
    removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.evidence: tuple[EvidenceRow, ...] = ()
        self.editing: int | None = None
        self._lines: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self.follow)
        self.note = QLineEdit(placeholderText="Note")
        self.link = QLineEdit(placeholderText="https://… (optional link)")
        self.save = QPushButton("Add")
        self.cancel = QPushButton("Cancel")
        self.cancel.setVisible(False)
        self.save.clicked.connect(self._on_save)
        self.cancel.clicked.connect(lambda: self.restore(NoteDraft("", "", None)))
        self.note.returnPressed.connect(self._on_save)
        self.link.returnPressed.connect(self._on_save)
        self.fields = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.fields.addWidget(self.note, 1)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.save)
        link_row.addWidget(self.cancel)
        self.fields.addLayout(link_row, 1)
        layout.addWidget(self.page, 1)
        layout.addLayout(self.fields)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a narrow pane the note gets a line of its own, the link and the button
        below it: side by side each field had 90 px at 720 px of window."""
        super().resizeEvent(event)
        one_line = event.size().width() >= 2 * FIELD_LEAST + self.save.sizeHint().width()
        self.fields.setDirection(QBoxLayout.Direction.LeftToRight if one_line
                                 else QBoxLayout.Direction.TopToBottom)

    def show_notes(self, evidence: tuple[EvidenceRow, ...], verdict: str | None = None,
                   verdict_note: str | None = None) -> None:
        """The verdict's own note first, then every note and link, oldest first."""
        self.evidence = evidence
        self._lines, parts = [], []
        if verdict_note:
            self._lines.append(f"Note with the verdict ({verdict}): {verdict_note}")
            parts.append(f"<p><i>Note with the verdict ({html.escape(verdict or '')}):</i> "
                         f"{linked(verdict_note)}</p>")
        for item in evidence:
            who = f"{item.created_at:%Y-%m-%d} {item.author or ''}".strip()
            self._lines.append(f"{who}: {item.text} {item.url or ''}".strip())
            link = f" {linked(item.url)}" if item.url else ""
            parts.append(
                f"<p><b>{html.escape(who)}</b>: {linked(item.text)}{link}"
                f" &nbsp;<small><a href='{ACTION_SCHEME}:edit/{item.id}'>edit</a> · "
                f"<a href='{ACTION_SCHEME}:remove/{item.id}'>remove</a></small></p>")
        self.page.setHtml("".join(parts) or "<p><i>No notes yet.</i></p>")

    def lines(self) -> list[str]:
        """The notes as plain text, in the order shown."""
        return list(self._lines)

    def follow(self, url: QUrl) -> None:
        """Act on a note's edit/remove link, or open a web address in the browser."""
        if url.scheme() != ACTION_SCHEME:
            QDesktopServices.openUrl(url)
            return
        action, _, number = url.path().partition("/")
        item = next((e for e in self.evidence if str(e.id) == number), None)
        if item is None:
            return
        if action == "remove":
            self.removed.emit(item.id)
        elif action == "edit":
            self.restore(NoteDraft(item.text, item.url or "", item.id))
            self.note.setFocus()

    def draft(self) -> NoteDraft:
        """What is typed now."""
        return NoteDraft(self.note.text(), self.link.text(), self.editing)

    def restore(self, draft: NoteDraft) -> None:
        """Put a draft back into the fields (an empty one clears them)."""
        self.note.setText(draft.text)
        self.link.setText(draft.url)
        self.editing = draft.editing
        self.save.setText("Add" if draft.editing is None else "Save note")
        self.cancel.setVisible(draft.editing is not None)

    def _on_save(self) -> None:
        text, url = self.note.text().strip(), self.link.text().strip()
        if not (text or url):
            return
        if self.editing is None:
            self.added.emit(text, url)
        else:
            self.edited.emit(self.editing, text, url)
        self.restore(NoteDraft("", "", None))

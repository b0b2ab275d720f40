"""The articles a claim search found, one row each: title, where and when, stance, and the
best sentence with the query's words marked.

The marks are found in the worker (``marked_spans``), where the query's terms are read the
way search reads them: "troops were killed" marks both words for "soldiers died", and
"North Korean" is one mark for "DPRK".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.dto import SearchHit
from desktop.core.text.normalize import terms
from desktop.core.vocabulary import STANCE_COLOUR, Stance
from desktop.core.wording import article_name

HitRole = Qt.ItemDataRole.UserRole + 20
"""The FoundArticle of a row."""
HtmlRole = Qt.ItemDataRole.UserRole + 21
"""The row as rich text, for the delegate."""
SelectedHtmlRole = Qt.ItemDataRole.UserRole + 22
"""The same without colours: on a selected row's fill everything takes the palette's
highlighted text colour (a grey stance on the selection's blue could not be read)."""
Index = QModelIndex | QPersistentModelIndex

STANCE_WORDS = {
    Stance.SUPPORTS: "states it",
    Stance.CONTRADICTS: "contradicts it",
    Stance.NEUTRAL: "reports it without taking a side",
}
"""A hit's stance toward the query, in the words the claim pane counts origins with."""

_WORD = re.compile(r"\w(?:[\w'’-]*\w)?")
_NUMBER = re.compile(r"\d[\d,.]*")
WIDEST_NAME = 3
"""Words looked at together for one mark: names run to three ("Kim Jong Un")."""


def marked_spans(sentence: str, query: str) -> list[tuple[int, int]]:
    """Where the sentence says what the query says: runs of up to three words whose terms
    are all the query's (a name folded to one key spans its words), and the query's
    figures as written."""
    wanted = set(terms(query))
    figures = {n.rstrip(",.") for n in _NUMBER.findall(query)}
    words = list(_WORD.finditer(sentence))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for width in range(min(WIDEST_NAME, len(words) - i), 0, -1):
            run = words[i:i + width]
            found = terms(sentence[run[0].start():run[-1].end()])
            # Every word of a longer run must weigh something: "wounded while fighting"
            # marks two words, not the "while" between them.
            words_only = width == 1 or all(terms(word.group()) for word in run)
            if found and words_only and set(found) <= wanted:
                spans.append((run[0].start(), run[-1].end()))
                i += width
                break
        else:
            i += 1
    spans += [(m.start(), m.start() + len(m.group().rstrip(",.")))
              for m in _NUMBER.finditer(sentence) if m.group().rstrip(",.") in figures]
    return sorted(spans)


def marked_html(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence as HTML, its marked spans in bold."""
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        out.append(html.escape(sentence[at:start]))
        out.append(f"<b>{html.escape(sentence[start:end])}</b>")
        at = end
    out.append(html.escape(sentence[at:]))
    return "".join(out)


@dataclass(frozen=True)
class FoundArticle:
    """One hit with what the list shows beside it."""

    hit: SearchHit
    marks: tuple[tuple[int, int], ...]

    @property
    def origin(self) -> int:
        """Its independent origin: the copy set's first article."""
        return self.hit.copy_of or self.hit.article_id

    @property
    def where(self) -> str:
        """"Source (copy of #2) · 2025-06-05 · claim 11": the line under the title."""
        hit = self.hit
        source = hit.source + (f" (copy of #{hit.copy_of})" if hit.copy_of else "")
        parts = [source, hit.published.isoformat() if hit.published else "undated"]
        if hit.claim_id is not None:
            parts.append(f"claim {hit.claim_id}")
        if not hit.about:
            parts.insert(0, "In passing, about something else")
        return " · ".join(parts)

    @property
    def name(self) -> str:
        """The article's title, else the id the user knows an untitled CSV row by."""
        return article_name(self.hit.title, self.hit.external_id, self.hit.article_id,
                            self.hit.path)

    @property
    def stance_words(self) -> str:
        """The stance toward the query, as words."""
        return STANCE_WORDS[Stance(self.hit.stance)]


class HitsModel(QAbstractListModel):
    """The found articles, best first; nothing is read here (the search read it all)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FoundArticle] = []
        self._dark = False

    def show(self, found: list[FoundArticle], dark: bool) -> None:
        """Show these articles, stance names in the shades of a light or dark window."""
        self.beginResetModel()
        self._rows, self._dark = list(found), dark
        self.endResetModel()

    def set_dark(self, dark: bool) -> None:
        """Stance names in the other scheme's shades (the system switched)."""
        if dark != self._dark:
            self._dark = dark
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def found_at(self, row: int) -> FoundArticle | None:
        """The article in this row, or None outside."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        """The row of this article, if the search found it."""
        return next((r for r, f in enumerate(self._rows) if f.hit.article_id == article_id),
                    None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.found_at(index.row()) if index.isValid() else None
        if found is None:
            return None
        hit = found.hit
        if role == HitRole:
            return found
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{found.name}\n{found.where} · {found.stance_words}\n{hit.sentence}"
        if role in (HtmlRole, SelectedHtmlRole):
            colour = STANCE_COLOUR[Stance(hit.stance)].on(self._dark)
            stance = html.escape(found.stance_words)
            if role == HtmlRole:
                stance = f"<span style='color:{colour}'>{stance}</span>"
            return (f"<b>{html.escape(found.name)}</b><br>"
                    f"<small>{html.escape(found.where)} · {stance}</small><br>"
                    + marked_html(hit.sentence, list(found.marks)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Enter or double-click: read this sentence in its article"
        return None

"""The question a stale edit asks: a colleague changed this claim after you looked at it;
keep their change, or apply yours over it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.core.dto import ClaimRow
from desktop.core.wording import field_name
from desktop.ui.edits import Stale
from desktop.ui.widgets.sizing import roomy

RECENT = 6
"""History lines shown: enough to see what the colleague did, not the claim's life story."""
TEXT_WIDTH = 440
"""The dialog's least width: the claim's text and history lines read on few lines."""


class StaleEditDialog(QDialog):
    """Shows the colleague's change; "Apply mine" writes over it, "Keep theirs" drops the
    edit. Either way nothing is overwritten without the user having seen it."""

    def __init__(self, stale: Stale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stale = stale
        current = stale.current
        what = (f"claim {current.id}" if isinstance(current, ClaimRow)
                else f"article {current.id}" if current is not None else "this")
        self.setWindowTitle(f"{what.capitalize()} was changed meanwhile")
        roomy(self, TEXT_WIDTH)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        who = stale.theirs[-1].author if stale.theirs else None
        lines = "".join(
            f"<li>{event.at:%Y-%m-%d %H:%M} {html.escape(event.author or 'someone')}: "
            + (f"{html.escape(field_name(event.field))} {html.escape(event.old or '—')} → "
               f"{html.escape(event.new or '—')}" if event.field
               else html.escape(event.action)) + "</li>"
            for event in stale.theirs[-RECENT:])
        now = (f" It is now <b>{html.escape(current.verdict)}</b>:<br>"
               f"“{html.escape(current.text)}”" if isinstance(current, ClaimRow) else "")
        self.summary = QLabel(
            f"<p><b>{html.escape(who or 'Someone else')}</b> changed {what} after you "
            f"looked at it.{now}</p><ul>{lines}</ul>"
            f"<p>You wanted to {html.escape(stale.mine)}.</p>")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox()
        self.keep_theirs = buttons.addButton("Keep theirs",
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_mine = buttons.addButton("Apply mine", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.keep_theirs.setDefault(True)
        if stale.keep_theirs is not None:
            self.rejected.connect(stale.keep_theirs)
        if current is None:
            self.apply_mine.setEnabled(False)  # gone meanwhile: nothing to apply it over
        else:
            self.accepted.connect(lambda: stale.apply_mine(current.version))

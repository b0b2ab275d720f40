"""From what the user did (a key, a button, a menu) to the edit it means.

Each handler reads what the window shows (the chosen claims and the versions shown) and
hands one operation to ``Edits``; nothing here touches the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.core.dto import ArticleRow, Changes, ClaimRow
from desktop.core.vocabulary import ReviewState
from desktop.ui.dialogs import ClaimChooser
from desktop.ui.hub import Origin
from desktop.ui.stale import StaleEditDialog
from desktop.ui.widgets.article_view import ArticleDialog

if TYPE_CHECKING:
    from desktop.ui.edits import Stale
    from desktop.ui.main_window import MainWindow


class EditDispatch(QObject):
    """Connects the panes' edit signals to the window's edits."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        edits, detail, article = window.edits, window.detail, window.article
        edits.on_stale = self.ask_stale
        detail.verdict_chosen.connect(window.mark_selected)
        detail.review_state_chosen.connect(window.set_review_state)
        window.table.review_done.connect(lambda: window.set_review_state(ReviewState.DONE))
        detail.text_edited.connect(self.reword)
        detail.stance_changed.connect(self.set_stance)
        detail.mention_to_new_claim.connect(lambda m: self.move_mention(m, None))
        detail.mention_to_chosen_claim.connect(self.choose_claim_for_mention)
        detail.evidence_added.connect(self.add_evidence)
        detail.evidence_edited.connect(self.edit_evidence)
        detail.evidence_removed.connect(self.remove_evidence)
        article.span_to_new_claim.connect(lambda a, s, e: self.add_span(a, s, e, None))
        article.span_to_claim.connect(self.choose_claim_for_span)
        article.edit_requested.connect(self.ask_article)

    def _shown(self) -> tuple[int, int] | None:
        """The claim the detail pane shows and the version it shows."""
        detail = self.window.detail.detail
        return (detail.claim.id, detail.claim.version) if detail is not None else None

    def reword(self, text: str) -> None:
        """Save the wording typed for the shown claim."""
        shown = self._shown()
        if shown is not None:
            claim_id = shown[0]
            self.window.edits.set_text(
                *shown, text, kept=lambda: self.window.detail.drop_wording(claim_id))

    def set_stance(self, mention_id: int, stance: str) -> None:
        """Correct a mention's stance."""
        shown = self._shown()
        if shown is not None:
            self.window.edits.set_stance(*shown, mention_id, stance)

    def move_mention(self, mention_id: int, target_id: int | None) -> None:
        """Move a mention of the shown claim to ``target_id``, or to a new claim (None)."""
        shown = self._shown()
        if shown is not None:
            self.window.edits.move_mention(mention_id, shown, target_id)

    def choose_claim_for_mention(self, mention_id: int) -> None:
        """Ask which claim the mention belongs to, by the claim's words."""
        chooser = ClaimChooser(self.window.service, self.window.runner, None, self.window)
        chooser.setWindowTitle("Move mention to claim")

        def move() -> None:
            target_id = chooser.chosen()
            if target_id is not None and target_id != self.window.current_claim_id():
                self.move_mention(mention_id, target_id)

        chooser.accepted.connect(move)
        chooser.open()

    def add_evidence(self, text: str, url: str) -> None:
        """Attach the note to the claim the pane shows (the one it was typed for)."""
        shown = self._shown()
        if shown is not None:
            self.window.edits.add_evidence(*shown, text, url)

    def edit_evidence(self, evidence_id: int, text: str, url: str) -> None:
        """Correct a note of the shown claim."""
        shown = self._shown()
        if shown is not None:
            self.window.edits.edit_evidence(*shown, evidence_id, text, url)

    def remove_evidence(self, evidence_id: int) -> None:
        """Remove a note of the shown claim."""
        shown = self._shown()
        if shown is not None:
            self.window.edits.remove_evidence(*shown, evidence_id)

    def choose_claim_for_span(self, article_id: int, start: int, end: int) -> None:
        """Ask which claim the selected span states (the shown claim offered first)."""
        window = self.window
        chooser = ClaimChooser(window.service, window.runner, window.current_claim_id(),
                               window)

        def add() -> None:
            claim_id = chooser.chosen()
            if claim_id is not None:
                self.add_span(article_id, start, end, claim_id)

        chooser.accepted.connect(add)
        chooser.open()

    def add_span(self, article_id: int, start: int, end: int, claim_id: int | None) -> None:
        """A span of an article as a mention of a claim, which is then shown. The chooser
        lists claims by their words, not their versions: the span is added to the claim as
        it is now."""
        def show(changes: Changes) -> None:
            if changes.claim_id is not None:
                self.window.select_claim(changes.claim_id)

        self.window.edits.add_span(
            article_id, start, end, (claim_id, None) if claim_id is not None else None, show)

    def ask_article(self, article_id: int) -> None:
        """The article's metadata in a dialog, from a read in a worker."""
        window = self.window
        service = window.service

        def ask(row: ArticleRow) -> None:
            dialog = ArticleDialog(row.source, row.title, row.published, window)
            dialog.accepted.connect(
                lambda: window.edits.edit_article(article_id, row.version, *dialog.values()))
            dialog.open()

        window.runner.run(lambda _p: service.article(article_id), "Reading article",
                          write=False, shown=False, on_success=ask,
                          on_failure=window.notices.task_failed)

    def ask_stale(self, stale: Stale) -> None:
        """A colleague changed it first: show theirs, ask whether to apply mine."""
        window = self.window
        if stale.current is not None:
            window.hub.announce(Changes(changed=frozenset([stale.current.id]))
                                if isinstance(stale.current, ClaimRow)
                                else Changes(articles_changed=True), Origin.COLLEAGUE)
        StaleEditDialog(stale, window).open()

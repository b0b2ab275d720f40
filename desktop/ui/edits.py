"""Edit operations: every edit the window offers, run in the writer thread.

Each write carries the version of the claim the user saw; the core refuses a write over a
newer one (StaleVersion), and the window then asks whether to keep the colleague's change
or apply its own (``stale.py``). A successful write is one core undo step: it is recorded
for Undo and its Changes are announced once, through the hub.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from PySide6.QtCore import QObject

from desktop.core.dto import ArticleRow, Changes, ClaimRow, EventRow
from desktop.core.errors import StaleVersion
from desktop.core.service import Service
from desktop.ui.hub import ChangeHub, Origin
from desktop.ui.notices import Notices
from desktop.ui.tasks import TaskRunner
from desktop.ui.undo import Step, UndoHistory

Write = Callable[[Service, int | None], Changes]
"""One service write over the version given (None: unchecked)."""


@dataclass(frozen=True)
class Stale:
    """An edit refused because a colleague changed the row after this window showed it:
    what they did, the row as it is now, and how to apply this window's edit over it."""

    current: ClaimRow | ArticleRow | None
    theirs: tuple[EventRow, ...]
    message: str
    mine: str
    apply_mine: Callable[[int], None]
    keep_theirs: Callable[[], None] | None = None
    """What keeping the colleague's change undoes in this window: the wording typed and
    refused is dropped from the box, or it would stay there ready to be saved over theirs
    (trial9: a second Save wrote it over the colleague's without asking)."""


@dataclass
class Outcome:
    """What an operation did in the writer thread."""

    changes: list[Changes] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)


def merged(changes: list[Changes]) -> Changes:
    """One announcement for the parts of a multi-claim edit."""
    return Changes(changed=frozenset().union(*(c.changed for c in changes)),
                   added=frozenset().union(*(c.added for c in changes)),
                   removed=frozenset().union(*(c.removed for c in changes)),
                   articles_changed=any(c.articles_changed for c in changes),
                   structure_changed=any(c.structure_changed for c in changes),
                   marks=tuple(mark for c in changes for mark in c.marks))


class Edits(QObject):
    """Runs the window's edits; ``by`` is the reviewer the audit trail names."""

    def __init__(self, runner: TaskRunner, hub: ChangeHub, history: UndoHistory,
                 notices: Notices, service: Callable[[], Service],
                 by: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner, self._hub, self._history = runner, hub, history
        self._notices, self._service, self._by = notices, service, by
        self.on_stale: Callable[[Stale], None] = lambda _stale: None

    def run(self, label: str, writes: list[tuple[int | None, int | None, str, Write,
                                                Callable[[int], None]]],
            then: Callable[[Changes], None] | None = None,
            kept: Callable[[], None] | None = None) -> None:
        """Run each write (claim id, version shown, what it does in words, the write, how
        to retry it over a newer version) in the writer thread as one undo step; then
        record, announce, ask about stale ones, and call ``then`` with the Changes.
        ``kept``: what to undo in the window when the user keeps a colleague's change
        over a refused write (Stale.keep_theirs)."""
        service, by = self._service(), self._by()

        def work(_progress: object) -> Outcome:
            outcome = Outcome()
            for claim_id, shown, mine, write, retry in writes:
                expected = self._history.own.expected(claim_id, shown)
                try:
                    changes = write(service, expected)
                except StaleVersion as error:
                    outcome.stale.append(Stale(error.current, error.theirs, str(error), mine,
                                               retry, kept))
                    continue
                if claim_id is not None and expected is not None and changes.version:
                    self._history.own.note(claim_id, expected, changes.version)
                outcome.changes.append(changes)
            return outcome

        def done(outcome: Outcome) -> None:
            steps = [c.step_id for c in outcome.changes if c.step_id is not None]
            if steps:
                description = (outcome.changes[0].description if len(steps) == 1 else label)
                self._history.record(Step(
                    description or label,
                    lambda s: s.undo_steps(steps, by=by),
                    lambda s: s.redo_steps(steps, by=by),
                    {c.claim_id: c.version for c in outcome.changes
                     if c.claim_id is not None and c.version is not None}))
            if outcome.changes:
                self._hub.announce(merged(outcome.changes), Origin.EDIT)
            for stale in outcome.stale:
                self.on_stale(stale)
            if then is not None and outcome.changes:
                then(outcome.changes[-1])

        self._runner.run(work, label, write=True, on_success=done,
                         on_failure=self._notices.task_failed, shown=False)

    # The edits ---------------------------------------------------------------------------
    def set_verdict(self, claims: dict[int, int | None], verdict: str) -> None:
        """Give claims (id: version shown) a verdict, as one undo step."""
        by = self._by()

        def write(claim_id: int, service: Service, version: int | None) -> Changes:
            return service.set_verdict(claim_id, verdict, by=by, expected_version=version)

        def retry(claim_id: int, version: int) -> None:
            self.set_verdict({claim_id: version}, verdict)

        self.run(f"Mark {len(claims)} claims {verdict}", [
            (claim_id, shown, f"mark it {verdict}", partial(write, claim_id),
             partial(retry, claim_id)) for claim_id, shown in claims.items()])

    def set_review_state(self, claims: dict[int, int | None], state: str) -> None:
        """Move claims (id: version shown) to a review state, as one undo step."""
        by = self._by()

        def write(claim_id: int, service: Service, version: int | None) -> Changes:
            return service.set_review_state(claim_id, state, by=by, expected_version=version)

        def retry(claim_id: int, version: int) -> None:
            self.set_review_state({claim_id: version}, state)

        self.run(f"Mark {len(claims)} claims {state}", [
            (claim_id, shown, f"mark it {state}", partial(write, claim_id),
             partial(retry, claim_id)) for claim_id, shown in claims.items()])

    def set_text(self, claim_id: int, shown: int | None, text: str,
                 kept: Callable[[], None] | None = None) -> None:
        """Reword a claim; ``kept``: what to do when a colleague reworded it first and the
        user keeps their wording."""
        by = self._by()
        self.run(f"Reword claim {claim_id}", [(
            claim_id, shown, f"reword it as “{text}”",
            lambda s, v: s.set_claim_text(claim_id, text, by=by, expected_version=v),
            lambda now: self.set_text(claim_id, now, text, kept))], kept=kept)

    def set_stance(self, claim_id: int, shown: int | None, mention_id: int,
                   stance: str) -> None:
        """Correct a mention's stance."""
        by = self._by()
        self.run(f"Mark a mention of claim {claim_id} as {stance}", [(
            claim_id, shown, f"mark a mention {stance}",
            lambda s, v: s.set_stance(mention_id, stance, by=by, claim_version=v,
                                      claim_id=claim_id),
            lambda now: self.set_stance(claim_id, now, mention_id, stance))])

    def move_mention(self, mention_id: int, source: tuple[int, int | None],
                     target_id: int | None) -> None:
        """Move a mention of the claim ``source`` (id, version shown) to another claim, or
        to a new claim of its own (None)."""
        by = self._by()
        claim_id, shown = source
        where = f"claim {target_id}" if target_id else "a new claim"
        self.run(f"Move a mention of claim {claim_id} to {where}", [(
            claim_id, shown, f"move a mention to {where}",
            lambda s, v: s.move_mentions([mention_id], target_id, by=by,
                                         expected_versions={} if v is None
                                         else {claim_id: v}),
            lambda now: self.move_mention(mention_id, (claim_id, now), target_id))])

    def merge(self, target_id: int, claims: dict[int, int | None]) -> None:
        """Fold claims (id: version shown) into the first."""
        by = self._by()
        others = [c for c in claims if c != target_id]
        seen = {c: v for c, v in claims.items() if v is not None}
        self.run(f"Merge {len(claims)} claims into claim {target_id}", [(
            None, None, f"merge them into claim {target_id}",
            lambda s, _v: s.merge_claims(target_id, others, by=by, expected_versions=seen),
            lambda _now: self.merge(target_id, dict.fromkeys(claims)))])

    def add_evidence(self, claim_id: int, shown: int | None, text: str, url: str) -> None:
        """Attach a note or a link. A new note overwrites nothing, so a colleague's change
        to the claim meanwhile is no reason to stop it (the pane then shows that change)."""
        by = self._by()
        self.run(f"Add a note to claim {claim_id}", [(
            claim_id, shown, f"add the note “{text or url}”",
            lambda s, _v: s.add_evidence(claim_id, text=text, url=url or None, by=by),
            lambda now: self.add_evidence(claim_id, now, text, url))])

    def edit_evidence(self, claim_id: int, shown: int | None, evidence_id: int, text: str,
                      url: str) -> None:
        """Correct a note or link."""
        by = self._by()
        self.run(f"Edit a note of claim {claim_id}", [(
            claim_id, shown, f"change the note to “{text or url}”",
            lambda s, v: s.edit_evidence(evidence_id, text=text, url=url or None, by=by,
                                         claim_version=v, claim_id=claim_id),
            lambda now: self.edit_evidence(claim_id, now, evidence_id, text, url))])

    def remove_evidence(self, claim_id: int, shown: int | None, evidence_id: int) -> None:
        """Remove a note or link."""
        by = self._by()
        self.run(f"Remove a note of claim {claim_id}", [(
            claim_id, shown, "remove the note",
            lambda s, v: s.remove_evidence(evidence_id, by=by, claim_version=v,
                                           claim_id=claim_id),
            lambda now: self.remove_evidence(claim_id, now, evidence_id))])

    def add_span(self, article_id: int, start: int, end: int,
                 target: tuple[int, int | None] | None,
                 then: Callable[[Changes], None]) -> None:
        """A span of an article as a mention of ``target`` (id, version shown), or of a
        new claim (None); ``then`` gets the Changes (its claim_id is where it landed)."""
        by = self._by()
        claim_id, shown = target if target is not None else (None, None)
        self.run("Add a mention", [(
            claim_id, shown, "add the selection as a mention",
            lambda s, v: s.add_span(article_id, start, end, claim_id, by=by,
                                    expected_version=v),
            lambda now: self.add_span(article_id, start, end,
                                      (claim_id, now) if claim_id else None, then))], then)

    def set_source(self, articles: dict[int, int | None], source: str) -> None:
        """Name the outlet of articles (id: version shown), as one undo step."""
        by = self._by()

        def write(article_id: int, service: Service, version: int | None) -> Changes:
            return service.edit_article(article_id, source=source, by=by,
                                        expected_version=version)

        def retry(article_id: int, version: int) -> None:
            self.set_source({article_id: version}, source)

        self.run(f"Set the source of {len(articles)} articles to {source}", [
            (None, shown, f"set its source to {source}", partial(write, article_id),
             partial(retry, article_id)) for article_id, shown in articles.items()])

    def edit_article(self, article_id: int, shown: int | None, source: str, title: str,
                     published: date | None) -> None:
        """Correct an article's metadata; an empty date stays empty."""
        by = self._by()
        self.run(f"Edit article {article_id}", [(
            None, shown, "change its source, title or date",
            lambda s, v: s.edit_article(article_id, source=source, title=title,
                                        published=published,
                                        clear_published=published is None, by=by,
                                        expected_version=v),
            lambda now: self.edit_article(article_id, now, source, title, published))])

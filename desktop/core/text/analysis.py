"""One article body to the sentence features that storage, matching and search use."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop.core.text.attribution import strip_attribution
from desktop.core.text.checkworthy import is_checkworthy
from desktop.core.text.dates import EVENT, When, article_context, event_when
from desktop.core.text.normalize import learn_aliases, terms
from desktop.core.text.quantities import Quantity, quantities
from desktop.core.text.sentences import split
from desktop.core.text.stance import is_hedged, shipped_model, states_plainly

EVENT_TERMS = frozenset({"meet", "visit"})
"""Stems of the meeting-like events whose day becomes the article's context."""


@dataclass(frozen=True)
class SentenceFeatures:
    """A sentence, its offsets in the body, and what matching needs to know about it."""

    ordinal: int
    start: int
    end: int
    text: str
    claim_text: str
    attribution: str | None
    terms: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    when: When
    checkworthy: bool
    hedged: bool
    stance_scores: tuple[float, ...]
    """The stance model's scores from the sentence alone (stance.StanceModel.text_scores);
    empty for a sentence that is not a claim candidate."""
    plain: bool
    """It states what it says as true (stance.states_plainly); False for a sentence that is
    not a claim candidate. Read here, in the analysis worker, to spare the importer."""


def analyse(body: str, published: date | None) -> list[SentenceFeatures]:
    """Split the body and describe every sentence; the same input gives the same output."""
    aliases = learn_aliases(body)
    spans = split(body)
    attributions = [strip_attribution(body[start:end]) for start, end in spans]
    term_lists = [tuple(terms(a.claim_text, aliases)) for a in attributions]
    whens = [event_when(a.claim_text, published) for a in attributions]
    is_event = [bool(EVENT_TERMS & set(t)) for t in term_lists]
    whens = [replace(w, kind=EVENT) if event and not w.empty else w
             for w, event in zip(whens, is_event, strict=True)]
    context = article_context(whens, is_event)
    out: list[SentenceFeatures] = []
    for ordinal, (start, end) in enumerate(spans):
        text = body[start:end]
        attributed = attributions[ordinal]
        sentence_terms = term_lists[ordinal]
        when = context if whens[ordinal].empty else whens[ordinal]
        checkworthy = is_checkworthy(text, list(sentence_terms), whole_text=len(spans) == 1)
        out.append(SentenceFeatures(
            ordinal=ordinal,
            start=start,
            end=end,
            text=text,
            claim_text=attributed.claim_text,
            attribution=attributed.source,
            terms=sentence_terms,
            quantities=tuple(quantities(attributed.claim_text)),
            when=when,
            checkworthy=checkworthy,
            hedged=is_hedged(text) or text.rstrip().endswith("?"),
            # Only a claim candidate becomes a mention with a stance.
            stance_scores=shipped_model().text_scores(text) if checkworthy else (),
            plain=checkworthy and states_plainly(text),
        ))
    return out

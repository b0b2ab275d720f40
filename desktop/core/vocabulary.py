"""The words FactDesk judges with, and how each looks and is typed: one Qt-free place.

The database stores these values, the command line accepts them, the workbook colours its
cells by them and the window draws and binds keys by them. Kept together, a new verdict or
a changed colour reaches every one of those at once, and the workbook and the window can
never disagree on what yellow means.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Verdict(enum.StrEnum):
    """The team's conclusion on a claim: one fixed scale, mapped to ClaimReview on export."""

    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"


class ReviewState(enum.StrEnum):
    """Where the team is in checking a claim, independent of what it concluded."""

    NEW = "new"
    IN_PROGRESS = "in progress"
    DONE = "done"


class Stance(enum.StrEnum):
    """How a mention relates to its claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    NEUTRAL = "neutral"


class MentionOrigin(enum.StrEnum):
    """How a mention came to its claim."""

    AUTO = "auto"
    """Matched at import."""
    ALSO = "also"
    """The sentence joined another claim and states this one too: counted for this claim,
    never used to match later sentences (a compound sentence would pull the claim toward
    its other half)."""
    MANUAL = "manual"
    """Placed by a reviewer (a span made a claim, or a mention moved)."""


@dataclass(frozen=True)
class Shade:
    """One colour ("#RRGGBB") for a light window and one for a dark window."""

    light: str
    dark: str

    def on(self, dark: bool) -> str:
        """The colour for this scheme."""
        return self.dark if dark else self.light


VERDICT_MEANING = {
    Verdict.UNREVIEWED: "Not looked at yet.",
    Verdict.CONFIRMED: "The team checked it against primary evidence: it holds.",
    Verdict.DISPUTED: "Credible sources disagree, or the evidence is contested.",
    Verdict.FALSE: "Contradicted by primary evidence.",
    Verdict.UNVERIFIABLE: "Cannot be checked with the evidence available.",
}

VERDICT_FILL = {
    Verdict.UNREVIEWED: "#FFFFFF",
    Verdict.CONFIRMED: "#C6EFCE",
    Verdict.DISPUTED: "#FFEB9C",
    Verdict.FALSE: "#FFC7CE",
    Verdict.UNVERIFIABLE: "#D9D9D9",
}
"""Cell fills: pastels that carry INK_ON_FILL in either scheme, the same in the workbook
and in the window's verdict column."""

INK_ON_FILL = "#1D2B38"

HIGHLIGHT = {
    Verdict.UNREVIEWED: Shade("#DCE8F5", "#2C3E50"),
    Verdict.CONFIRMED: Shade("#C6EFCE", "#1E4D2B"),
    Verdict.DISPUTED: Shade("#FFEB9C", "#5C4A00"),
    Verdict.FALSE: Shade("#FFC7CE", "#6B1F2A"),
    Verdict.UNVERIFIABLE: Shade("#D9D9D9", "#454545"),
}
"""Fills of claim mentions in an article's text. On a dark window a pastel fill under
the window's light text would be unreadable and, sentence after sentence, turn the page
into a bright block; there each fill is a deep shade of the same hue under light text."""

HIGHLIGHT_INK = Shade(INK_ON_FILL, "#ECEFF1")

STANCE_COLOUR = {
    Stance.SUPPORTS: Shade("#2E7D32", "#81C784"),
    Stance.CONTRADICTS: Shade("#C62828", "#EF9A9A"),
    Stance.NEUTRAL: Shade("#616161", "#BDBDBD"),
}
"""A stance's name drawn straight on the window: dark on light, light on dark."""

STANCE_HEADING = {
    Stance.SUPPORTS: "Supports",
    Stance.CONTRADICTS: "Contradicts",
    Stance.NEUTRAL: "Neutral (reports it, takes no side)",
}
"""The groups of a claim's mentions, in the order Emergent.info showed them: for, against,
observing."""

ALERT = Shade("#C62828", "#FF8A80")
"""Conflicting figures and the conflict mark."""

CONFLICT_ROW = Shade("#FDECEA", "#4A2326")
"""Background of a claims-table row whose mentions disagree on a figure."""

VERDICT_KEYS = {
    Verdict.CONFIRMED: "C",
    Verdict.DISPUTED: "D",
    Verdict.FALSE: "F",
    Verdict.UNVERIFIABLE: "U",
    Verdict.UNREVIEWED: "0",
}
"""One key each, pressed on the claims table (and named on the detail's buttons)."""

REVIEW_DONE_KEY = "R"
"""Marks the selected claims reviewed ("done")."""


def verdict_label(verdict: str) -> str:
    """How a verdict is named on screen."""
    return verdict.capitalize()

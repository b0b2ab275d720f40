"""The shared vocabulary: every verdict is typed, coloured and readable in both schemes."""

from __future__ import annotations

from desktop.core.export.records import VERDICT_STYLE
from desktop.core.vocabulary import (
    ALERT,
    CONFLICT_ROW,
    HIGHLIGHT,
    HIGHLIGHT_INK,
    INK_ON_FILL,
    REVIEW_DONE_KEY,
    STANCE_COLOUR,
    VERDICT_FILL,
    VERDICT_KEYS,
    Stance,
    Verdict,
)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_verdict_has_its_own_key_and_colours() -> None:
    assert set(VERDICT_KEYS) == set(VERDICT_FILL) == set(HIGHLIGHT) == set(Verdict)
    keys = [*VERDICT_KEYS.values(), REVIEW_DONE_KEY]
    assert len(set(keys)) == len(keys)


def test_workbook_and_window_fill_verdicts_alike() -> None:
    assert {v: f"#{fill}" for v, (fill, _) in VERDICT_STYLE.items()} == {
        v.value: fill for v, fill in VERDICT_FILL.items()}


def test_highlighted_text_is_readable_in_light_and_dark() -> None:
    for verdict in Verdict:
        for dark in (False, True):
            fill = HIGHLIGHT[verdict].on(dark)
            assert contrast(fill, HIGHLIGHT_INK.on(dark)) >= 4.5, (verdict, dark)
        assert contrast(VERDICT_FILL[verdict], INK_ON_FILL) >= 4.5


def test_dark_scheme_highlights_are_not_bright() -> None:
    """A dark window must not turn an article into a page of light blocks."""
    for verdict in Verdict:
        assert _luminance(HIGHLIGHT[verdict].dark) < 0.1, verdict


def test_marks_drawn_on_the_window_keep_contrast() -> None:
    light_base, dark_base = "#FFFFFF", "#2B2B2B"
    for stance in Stance:
        assert contrast(STANCE_COLOUR[stance].light, light_base) >= 4.5
        assert contrast(STANCE_COLOUR[stance].dark, dark_base) >= 4.5
    assert contrast(ALERT.light, CONFLICT_ROW.light) >= 4.5
    assert contrast(ALERT.dark, CONFLICT_ROW.dark) >= 3

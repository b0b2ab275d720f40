"""Figures read as one value each, and conflicts only where sources really disagree."""

from __future__ import annotations

import pytest

from desktop.core.matching import conflicting_values
from desktop.core.service import Service
from desktop.core.text.quantities import Quantity, quantities


def values(sentence: str) -> list[tuple[str, float, float]]:
    """(slot, low, high) of each figure the sentence states."""
    return [(q.slot, q.low, q.high) for q in quantities(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Three hundred soldiers were killed in Saqlawiya.", 300),
    ("One hundred and twenty people were arrested on Sunday.", 120),
    ("Twenty-five soldiers were killed in the attack.", 25),
    ("A dozen people were arrested after the march.", 12),
    ("2.7 million people were evacuated before the storm.", 2_700_000),
    ("The US offered a $7m reward for his arrest.", 7_000_000),
])
def test_numbers_written_in_words_or_with_a_scale_are_one_value(sentence: str,
                                                                 expected: float) -> None:
    found = quantities(sentence)
    assert len(found) == 1
    assert found[0].low == found[0].high == expected


def test_a_range_is_one_value() -> None:
    assert values("Gold sells for between $1,200 and $1,300 an ounce, traders sold it.") == [
        ("ounc:sell", 1200, 1300)]
    assert values("Apple pays $30 to $40 for each sapphire case.") == [("sapphir:pay", 30, 40)]


@pytest.mark.parametrize("sentence", [
    "The 52-year-old singer was found dead after he was killed.",
    "They paid $690,000 for a four-bedroom home.",
    "Shots fired at 9:52am today, police said.",
    "Getting into the top apps costs RMB 70,000 (US$11,200) for a week.",
    "Keeping it there costs about six times as much.",
])
def test_ages_sizes_times_conversions_and_ratios_are_not_counts(sentence: str) -> None:
    assert all(q.low not in {52, 4, 9, 11_200, 6} for q in quantities(sentence))


def test_the_total_after_a_part_is_not_the_count() -> None:
    assert values("ISIS killed 300 out of 400 soldiers they besieged.") == [
        ("soldier:kill", 300, 300)]


def test_an_increment_is_not_a_total() -> None:
    (found,) = quantities("Mr Karam said 14 more police officers had been arrested.")
    assert found.vague


def q(slot: str, value: float, text: str = "") -> Quantity:
    """A precise figure of one slot."""
    return Quantity(slot, value, value, text or str(value), False)


def test_two_sources_with_different_figures_conflict() -> None:
    conflicts = conflicting_values([(1, [q("soldier:kill", 300, "around 300")]),
                                    (2, [q("soldier:kill", 600, "around 600")])])
    assert conflicts == [{"slot": "soldier:kill", "label": "",
                          "values": ["around 300", "around 600"]}]


def test_values_of_different_slots_never_conflict() -> None:
    assert conflicting_values([(1, [q("soldier:kill", 300)]),
                               (2, [q("soldier:wound", 600)])]) == []


def test_figures_side_by_side_in_one_sentence_and_its_copy_do_not_conflict() -> None:
    sentence = [q("hostag:kill", 2), q("hostag:kill", 3)]
    assert conflicting_values([(1, sentence), (2, list(sentence))]) == []
    assert conflicting_values([(1, [q("shot:fire", 10), q("shot:fire", 11)]),
                               (2, [q("shot:fire", 11)])]) == []


def test_one_origin_giving_two_figures_is_not_sources_disagreeing() -> None:
    assert conflicting_values([(1, [q("ounc:sell", 1250)]), (1, [q("ounc:sell", 905)])]) == []


def test_figures_of_different_years_do_not_conflict() -> None:
    (sales_2016,) = quantities("Bachman believes Apple will sell 36.5 million watches in 2016.")
    (sales_2018,) = quantities("By 2018 Apple will be selling 67.6 million watches a year.")
    assert not sales_2016.disagrees(sales_2018)
    assert sales_2016.slot == sales_2018.slot


def test_an_event_in_another_clause_is_not_the_figure_s_event() -> None:
    (surrounded, *_) = quantities(
        "Daash surrounded more than 400 soldiers, which led to the death of hundreds of them.")
    assert surrounded.slot != "soldier:kill"


def test_the_seed_casualty_figures_still_conflict(seeded: Service) -> None:
    rows = [row for row in seeded.claims() if row.has_conflict]
    assert [(c.slot, c.values) for row in rows for c in row.conflicts] == [
        ("soldier:kill", ("around 300", "around 600"))]

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
    ("A $7m mansion was sold at auction on Sunday.", 7_000_000),
])
def test_numbers_written_in_words_or_with_a_scale_are_one_value(sentence: str,
                                                                 expected: float) -> None:
    found = quantities(sentence)
    assert len(found) == 1
    assert found[0].low == found[0].high == expected


def test_a_range_is_one_value() -> None:
    assert values("Gold sells for between $1,200 and $1,300 an ounce, traders sold it.") == [
        ("price:ounc", 1200, 1300)]
    assert values("Apple pays $30 to $40 for each sapphire case.") == [
        ("price:sapphir", 30, 40)]
    assert values("Police said 10,000 to 12,000 people were evacuated.") == [
        ("peopl:evacu", 10_000, 12_000)]


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


def conflicts_between(*sentences: str) -> list[tuple[str, list[str]]]:
    """The conflicts FactDesk finds between sentences of independent origins (one each)."""
    found = conflicting_values([(origin, quantities(sentence))
                                for origin, sentence in enumerate(sentences)])
    return [(str(c["slot"]), list(c["values"])) for c in found]  # type: ignore[call-overload]


def test_one_thing_weighed_differently_by_two_sources_conflicts() -> None:
    # FNC-1 bodies 684 and 1424 on one schoolboy's catfish; stones written two ways.
    assert conflicts_between(
        "In December schoolboy Sam Lee, 14, caught an 8ft 14 stone catfish while on a fishing "
        "holiday in Spain with his father Peter.",
        "In December 14-year-old Sam Lee caught a 15st catfish while on holiday in Spain.",
    ) == [("weight:catfish", ["14 stone", "15st"])]


def test_a_price_per_bottle_against_a_higher_price_for_the_bottles_conflicts() -> None:
    assert conflicts_between(
        "Liquor flowed freely, with some bottles of wine costing more than $20,000.",
        "The lion's share of the cost probably went on wine, which, the FT reports, cost "
        "$15,000 a bottle.",
    ) == [("price:bottl", ["more than $20,000", "$15,000"])]


def test_one_figure_in_two_units_does_not_conflict() -> None:
    assert conflicts_between(
        "The crater left by the meteorite has a radius of 12 metres and is 5 metres deep.",
        "The crater left by the meteorite had a radius of 39 feet and a depth of 16 feet.",
    ) == []
    (metres,) = quantities("The crater left by the meteorite has a radius of 12 metres.")
    (feet,) = quantities("The crater left by the meteorite had a radius of 45 feet.")
    assert metres.disagrees(feet)


def test_one_price_in_two_currencies_does_not_conflict() -> None:
    assert conflicts_between(
        "It all began with a picture of a penis on the hood of a $2.5 million Bugatti Veyron.",
        "A photograph has emerged of a penis-shaped graffiti drawn on a £1.5million Bugatti "
        "Veyron.",
    ) == []


def test_approximate_and_open_figures_are_ranges_that_can_agree() -> None:
    assert conflicts_between(
        "Gruber predicts that the gold Apple Watch would cost $5,000.",
        "According to John Gruber, Apple's 18-karat gold Apple Watch Edition may sell for as "
        "much as $4,999.",
    ) == []
    assert conflicts_between(
        "A car bomb killed at least 10 people at a crowded bus stop in Gombe on Friday.",
        "A triple bombing of a bus station in Gombe on Friday killed at least eight people.",
    ) == []
    (gold,) = quantities("MacRumors says gold watches could cost $4,000 and up.")
    assert (gold.low, gold.high) == (4000, float("inf"))


def test_a_record_or_a_model_named_by_its_size_is_not_the_thing_measured() -> None:
    assert values(
        "While the catfish caught by Ferrari was 8.7 feet in length and weighed 280 pounds, "
        "the largest catfish ever caught weighed 300 pounds.") == [
        ("length:catfish", pytest.approx(2.652, abs=0.001), pytest.approx(2.652, abs=0.001)),
        ("weight:catfish", pytest.approx(127.0, abs=0.01), pytest.approx(127.0, abs=0.01))]
    assert values("The 12-inch MacBook Air (L) is much slimmer than its 11-inch counterpart.") \
        == []
    assert values("The US offered a $7 million reward for information on his whereabouts.") \
        == []


def test_a_figure_an_origin_also_states_elsewhere_agrees() -> None:
    conflicts = conflicting_values([
        (1, quantities("Sources say the catfish weighed 280 pounds.")),
        (2, quantities("The catfish weighed 266 pounds, its owner said.")),
        (2, quantities("Earlier reports said the catfish weighed 280 pounds.")),
    ])
    assert conflicts == []


def test_an_origin_that_also_gives_a_vague_figure_gives_no_total() -> None:
    assert conflicts_between(
        "Wilson fired one and perhaps two isolated shots in his police cruiser before numerous "
        "shots were fired outside of the car.",
        "We had been told that at least six shots were fired at Michael Brown.",
    ) == []


def test_an_event_after_and_or_after_another_figure_is_not_this_figure_s() -> None:
    assert [q.slot for q in quantities(
        "The bombings killed three people and reportedly injured as many as 264 others.")][0] \
        == "peopl:kill"
    assert "canadian:kill" not in [q.slot for q in quantities(
        "Two days after two Canadian soldiers were run down — one of them killed — in Quebec.")]


def test_a_person_given_two_ages_by_two_sources_conflicts() -> None:
    # FNC-1 bodies 1031 and 1482 on the soldier shot in Ottawa.
    assert conflicts_between(
        "Michael Zehaf-Bibeau fatally shot Corporal Nathan Cirillo, a 24-year-old father, as "
        "he stood guard at the War Memorial on Wednesday morning.",
        "It was chance that brought the two men together, when Michael Zehaf-Bibeau, 32, "
        "launched his attack as Corporal Nathan Cirillo, 25, stood guard at Ottawa's war "
        "memorial.",
    ) == [("age:cirillo", ["24", "25"])]


def test_two_men_of_one_surname_are_told_apart_by_their_given_names() -> None:
    assert conflicts_between(
        "Also under investigation is Abu Hussain Al-Britani, 20, a computer hacker from "
        "Birmingham.",
        "The Mirror reported that Abu Abdullah al-Britani, 23, from Portsmouth, is also being "
        "investigated.",
    ) == []


def test_a_named_nationality_does_not_hide_what_is_counted() -> None:
    assert conflicts_between(
        "On April 14, 276 Nigerian girls were kidnapped by Boko Haram militants from a school "
        "in Chibok, northern Nigeria, according to official figures.",
        "The Nigerian government said Friday that it reached a cease-fire agreement with Boko "
        "Haram, the jihadist organization that kidnapped 219 girls in April.",
    ) == [("girl:kidnap", ["276", "219"])]


def test_a_title_case_headline_keeps_the_noun_after_its_figure() -> None:
    # Emergent: the steel watch's 500 is not read against the gold watch's price.
    claim = quantities("The gold Apple Watch Edition will cost between 4,000 and 5,000 USD")
    headline = quantities("Rumor: Stainless Steel Apple Watch Will Cost 500, Gold 4,000")
    assert not any(q.disagrees(s) for q in headline for s in claim)


def test_a_number_to_dial_is_no_figure() -> None:
    """trial11: "called 9-1-1" read as the figures 9-1 and 1 of one slot, and the claim's
    own sentence contradicted itself by them."""
    assert quantities("A Phoenix boy is behind bars after his mother called 9-1-1 when "
                      "she found him") == []

"""Claim search over short texts: a headline is judged by what it could hold, and the
query's figure counts."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.service import Service
from desktop.core.service.searching import HitRule, Searcher

# Emergent development headlines (../shared/data/emergent), one a row as a user imports
# a CSV of headlines: four claims about burgers and watches.
HEADLINES = [
    "World's oldest burger",
    "Two blokes dared to eat 20-year-old burger for charity",
    "20-year-old burger: McDonald's Quarter Pounder looks eerily new after 2 decades",
    "20-Year-Old Quarter Pounder Looks About the Same",
    "McDonald's Removing Big Mac, Apple Pies And Eliminating Large Size Options",
    "McDonald's Big Mac Hoax: Removing Apple Pies And Eliminating Large Size Options "
    "Report isn't Real",
    "You can still order a McPizza at these two McDonald's locations",
    "There Are Still Two McDonald's That Serve McPizza From the 90s",
    "BMO forecasts 19M Apple Watch sales in 2015, with more than half selling in holiday "
    "season",
    "Apple hopes to sell over 50 million watches in 2015",
    "Apple Watch to sell 15M units in 2015 and ignite global smartwatch market",
    "Apple Watch Pricing to Reportedly Start at 500 for Stainless Steel, 4,000 for Gold",
    "Apple Watch Gold Edition may cost as much as 5,000",
    "Results: 80 expect the 18-karat gold Apple Watch Edition to cost under 4500, but will "
    "it?",
]


@pytest.fixture
def headlines(service: Service, tmp_path: Path) -> Service:
    path = tmp_path / "headlines.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, text] for i, text in enumerate(HEADLINES, start=1))
    report = service.import_paths([path], source="Emergent", id_column="id",
                                  text_column="text")
    assert report.count("imported") == len(HEADLINES)
    return service


def found(service: Service, query: str) -> set[str]:
    return {hit.external_id or "" for hit in service.search(query)}


def test_a_short_headline_of_a_long_claim_is_found(headlines: Service) -> None:
    claim = "Two Australian men kept a McDonald's Quarter Pounder with Cheese for 20 years"
    assert {"3", "4"} <= found(headlines, claim)
    assert not {"5", "6", "7", "8"} & found(headlines, claim)
    # Judged by the share of the claim's weight it holds, as before, the eight-word
    # headline fell short: it cannot hold the claim's other words.
    with headlines.db.read() as session:
        before = HitRule(threshold=0.3, figure_weight=0.0, length_aware=0.0, rarity_power=1.0,
                         other_figure=0.0)
        scores = {m.article_id: m.score for m in Searcher(session, before).scored(claim)}
    assert scores[4] < before.threshold


def test_the_headline_with_the_claims_figure_ranks_first(headlines: Service) -> None:
    hits = headlines.search("Apple will sell 19 million Apple Watches in 2015")
    assert hits[0].external_id == "9"
    others = [h.score for h in hits if h.external_id in {"10", "11"}]
    assert others and max(others) < hits[0].score


def test_a_headline_giving_another_price_counts_less(headlines: Service) -> None:
    query = "The gold Apple Watch edition will cost under 4,500 USD"
    with headlines.db.read() as session:
        searcher = Searcher(session)
        scores = {m.article_id: m.score for m in searcher.scored(query)}
        blind = {m.article_id: m.score
                 for m in searcher.scored(query, replace(searcher.rule, other_figure=0.0))}
    assert max(scores, key=scores.__getitem__) == 14
    # "may cost as much as 5,000": another price, none of the query's figures.
    assert scores[13] <= 0.7 * blind[13]
    assert scores[14] == blind[14]

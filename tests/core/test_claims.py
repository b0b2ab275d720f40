"""Claims over the seeds: grouping quality, conflicts, events, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.dto import ClaimFilter
from desktop.core.evaluation import score_grouping
from desktop.core.service import Service
from tests.conftest import DATA, SEEDS


def _claim_with(service: Service, words: str) -> list[int]:
    return [m.claim_id for c in service.claims() for m in service.mentions([c.id])
            if words in m.sentence]


def test_casualty_figures_are_one_claim_with_a_conflict(seeded: Service) -> None:
    conflicts = seeded.claims(ClaimFilter(conflicts_only=True))
    assert len(conflicts) == 1
    claim = conflicts[0]
    assert claim.conflicts[0].values == ("around 300", "around 600")
    mentions = seeded.mentions([claim.id])
    assert {m.article_id for m in mentions} == {1, 2, 5}
    assert claim.n_origins == 2 and claim.n_contradict == 1
    assert claim.attribution == "South Korean intelligence sources"


def test_friday_meeting_in_march_is_not_the_june_meeting(seeded: Service) -> None:
    march = set(_claim_with(seeded, "in Pyongyang on Friday"))
    june = set(_claim_with(seeded, "meeting with Shoigu on Wednesday in Pyongyang"))
    assert march and june and not march & june
    assert not any(c.has_conflict for c in seeded.claims() if c.id in march | june)


def test_copies_are_not_independent_confirmations(seeded: Service) -> None:
    (claim_id,) = set(_claim_with(seeded, "largest-ever prisoner swap"))
    claim = seeded.claim(claim_id).claim
    assert (claim.n_articles, claim.n_origins, claim.n_support) == (2, 1, 1)


def test_same_claim_in_other_words_across_outlets(seeded: Service) -> None:
    april = set(_claim_with(seeded, "sent troops to Russia under the mutual defense treaty"))
    assert april == set(_claim_with(seeded, "it had deployed troops to Russia"))
    assert seeded.claim(april.pop()).claim.n_origins == 3


def test_a_sentence_stating_two_claims_counts_for_both(seeded: Service, seeded_path: Path,
                                                      tmp_path: Path) -> None:
    compound = "has vowed to \"unconditionally\" support Russia over the war against Ukraine"
    support = _claim_with(seeded, "reiterated Pyongyang's \"unconditional support\"")[0]
    treaty = _claim_with(seeded, "also vowed to \"responsibly\" observe the articles")[0]
    assert set(_claim_with(seeded, compound)) == {support, treaty}
    origins = {m.claim_id: m.origin for c in (support, treaty) for m in seeded.mentions([c])
               if compound in m.sentence}
    assert sorted(origins.values()) == ["also", "auto"]
    seeded_mentions = seeded.mentions([treaty])
    seeded.close()
    retold = tmp_path / "retold.txt"
    retold.write_text("Seoul desk summary.\n\n" + "\n".join(
        line for line in (SEEDS / "002_dcfad5aa4b6c51f2.txt").read_text(
            encoding="utf-8").splitlines()[2:4]), encoding="utf-8")
    reopened = Service.open(seeded_path)  # the claim index is rebuilt from the database
    try:
        assert reopened.import_paths([retold]).count("imported") == 1
        assert {c for c in _claim_with(reopened, compound)} == {support, treaty}
        assert len(reopened.mentions([treaty])) == len(seeded_mentions) + 1
    finally:
        reopened.close()


def test_merging_the_two_claims_of_one_sentence_lists_it_once(seeded: Service) -> None:
    compound = "has vowed to \"unconditionally\" support Russia over the war against Ukraine"
    first, second = sorted(set(_claim_with(seeded, compound)))
    together = len(seeded.mentions([first])) + len(seeded.mentions([second]))
    seeded.merge_claims(first, [second])
    assert _claim_with(seeded, compound) == [first]
    assert len(seeded.mentions([first])) == together - 1
    assert seeded.claim(first).claim.n_articles == len(
        {m.article_id for m in seeded.mentions([first])})


def test_grouping_quality_on_the_seed_gold(seeded: Service) -> None:
    """Regression floor for benchmarks/grouping_quality.py (measured P 0.986, R 0.932)."""
    scores = score_grouping(seeded.db, DATA / "seeds_gold.json")
    assert scores.precision >= 0.95
    assert scores.recall >= 0.88
    assert (scores.conflicts_found, scores.false_conflicts) == (1, 0)


def test_grouping_quality_on_the_independent_seed_gold(seeded: Service) -> None:
    """Floor for the second gold, made without the first (measured P 0.808, R 0.711): the
    constants were not chosen on it, so it reads lower."""
    scores = score_grouping(seeded.db, DATA / "seeds_gold_2.json")
    assert scores.precision >= 0.78
    assert scores.recall >= 0.65
    assert (scores.conflicts_found, scores.false_conflicts) == (1, 0)


def test_filters(seeded: Service) -> None:
    everything = seeded.count_claims()
    assert seeded.count_claims(ClaimFilter(min_sources=3)) < everything
    kursk = seeded.claims(ClaimFilter(text="Kursk"))
    assert kursk and all(any("Kursk" in m.sentence for m in seeded.mentions([c.id]))
                         for c in kursk)
    assert any(c.has_conflict for c in seeded.claims(ClaimFilter(text="DPRK soldiers died")))


@pytest.mark.parametrize("typed", ["300 North", "2700", "2,700 injured"])
def test_a_figure_in_the_filter_keeps_the_claims_that_give_it(seeded: Service,
                                                             typed: str) -> None:
    # The index holds words only: "300 North" listed every claim with "North" in it.
    kept = seeded.claims(ClaimFilter(text=typed))
    assert [c.text for c in kept] == [
        "Around 300 North Korean troops were killed fighting in Kursk, with 2,700 more "
        "injured."]
    assert not seeded.claims(ClaimFilter(text="301 North"))


def test_keyset_pages_cover_every_claim_once(seeded: Service) -> None:
    seen: list[int] = []
    cursor = None
    while True:
        page = seeded.claims_page(ClaimFilter(), sort="first_seen", descending=False,
                                  after=cursor, limit=7)
        seen += [r.id for r in page.rows]
        cursor = page.cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(c.id for c in seeded.claims())


def test_an_article_repeating_one_sentence_many_times(service: Service, tmp_path) -> None:
    """A claim created and mentioned over and over within one article, then met again."""
    line = "Around 300 North Korean troops were killed fighting in Kursk, officials said."
    (tmp_path / "a.txt").write_text("\n".join([line] * 30), encoding="utf-8")
    (tmp_path / "b.txt").write_text(line.replace("300", "600") + "\nMore text here today.",
                                    encoding="utf-8")
    report = service.import_paths([tmp_path])
    assert report.count("imported") == 2
    (claim,) = service.claims()
    assert claim.n_articles == 2 and claim.has_conflict


def test_a_headline_imported_as_the_whole_text_is_a_claim_candidate() -> None:
    from desktop.core.text.analysis import analyse

    headline = "Zack Snyder Kills Stolen Batmobile Rumor With Great Photo"
    assert [f.checkworthy for f in analyse(headline, None)] == [True]
    unnamed = "Four masked men break into migrant's home after he had affairs with local women"
    assert [f.checkworthy for f in analyse(unnamed, None)] == [True]
    asked = analyse("Has The Batman Vs. Superman Batmobile Been Stolen In Detroit?", None)
    assert [(f.checkworthy, f.hedged) for f in asked] == [(True, True)]
    in_article = analyse(f"{headline}\nThe Batmobile was stolen in Detroit on Friday, "
                         "Bleeding Cool reported.", None)
    assert [f.checkworthy for f in in_article] == [False, True]


def test_embedding_reader_puts_paraphrases_closer_than_neighbouring_claims() -> None:
    import pytest

    from desktop.core.text.embedding import load

    embedder = load()
    if embedder is None:
        pytest.skip("the semantic extra is not installed")
    rows = embedder.vectors([
        "Kim expressed hope for Russia's eternal victory.",
        "Kim voiced his conviction that Russia would surely win victory.",
        "Apple Watch will ship with a diagnostics port.",
    ])
    assert rows.shape == (3, 256)
    assert abs(float(rows[0] @ rows[0]) - 1.0) < 1e-4
    assert float(rows[0] @ rows[1]) > float(rows[0] @ rows[2]) + 0.2


def test_the_semantic_weight_lets_a_paraphrase_join_its_claim() -> None:
    import pytest

    from desktop.core.matching import ClaimIndex
    from desktop.core.text.dates import When
    from desktop.core.text.embedding import load
    from desktop.core.text.normalize import terms

    embedder = load()
    if embedder is None:
        pytest.skip("the semantic extra is not installed")
    first = "North Korea hopes Russia wins an eternal victory in the war, Kim told Shoigu."
    second = "Kim told Shoigu of North Korea's conviction that Russia would surely win the war."
    vectors = embedder.vectors([first, second])
    for weight, joins in ((0.0, False), (0.75, True)):
        index = ClaimIndex(threshold=0.6, semantic_weight=weight)
        index.add(1, frozenset(terms(first)), When(), vectors[0])
        placed = index.place(frozenset(terms(second)), When(), vectors[1])
        assert (placed.join is not None) is joins


def test_without_embeddings_the_matcher_falls_back_to_words() -> None:
    """What CI runs (the semantic extra is not installed there): no vector, no change."""
    from desktop.core.matching import ClaimIndex
    from desktop.core.text.dates import When
    from desktop.core.text.normalize import terms

    first = "North Korea hopes Russia wins an eternal victory in the war, Kim told Shoigu."
    second = "Kim told Shoigu of North Korea's conviction that Russia would surely win the war."
    scores = []
    for weight in (0.0, 0.75):
        index = ClaimIndex(threshold=0.4, semantic_weight=weight)
        index.add(1, frozenset(terms(first)), When())
        placed = index.place(frozenset(terms(second)), When())
        assert placed.join is not None
        scores.append(placed.join.score)
    assert scores[0] == scores[1]

"""The shipped stance model read back and applied, and the folds that keep its training
stories apart from its scoring stories."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from desktop.core.dto import ClaimRow
from desktop.core.evaluation import EmergentRow, FncPair, folds, story_groups
from desktop.core.service import Service
from desktop.core.service.counts import stance_counts
from desktop.core.text.stance import (
    BODY_DENIAL_RULE,
    DENIAL_RULE,
    StanceModel,
    gives_other_figure,
    shipped_model,
)
from desktop.core.wording import stance_breakdown

CLAIM = "A man in Florida was arrested for training his dog to steal cars"


@pytest.mark.parametrize(("text", "expected"), [
    # Emergent's meanings: states it, debunks it, reports it without taking a side.
    ("Florida police arrest man who trained his dog to steal cars", "supports"),
    ("Hoax: no, a Florida man did not train his dog to steal cars", "contradicts"),
    ("Did a Florida man really train his dog to steal cars?", "neutral"),
    ("A Florida man reportedly trained his dog to steal cars, unconfirmed reports claim",
     "neutral"),
])
def test_shipped_model_reads_the_three_stances(text: str, expected: str) -> None:
    assert shipped_model().predict(CLAIM, text) == expected


def test_another_figure_for_the_claims_quantity_contradicts() -> None:
    claim = "Around 300 North Korean soldiers were killed in Kursk"
    assert shipped_model().predict(
        claim, "About 600 North Korean soldiers were killed in Kursk") == "contradicts"
    assert shipped_model().predict(
        claim, "Some 300 North Korean soldiers were killed in Kursk") == "supports"


@pytest.mark.parametrize(("claim", "text"), [
    # Headlines round a claim's figure: that is stating it, not giving another one.
    ("A Michigan pizza delivery guy received a 2,084 tip",
     "Pizza delivery man gets 2,000 tip"),
    ("The Indian government fired an employee who hadn't been to work in 24 years",
     "Indian official sacked for absence from duty for 25 years"),
])
def test_a_rounded_figure_does_not_contradict(claim: str, text: str) -> None:
    assert shipped_model().predict(claim, text) != "contradicts"


def test_precomputed_sentence_scores_give_the_same_answer() -> None:
    model = shipped_model()
    for text in ("Two men kept a burger for 20 years?", "The burger story is a hoax.",
                 "Apple will sell 19 million watches.\nAnalysts disagree.\nNo one knows."):
        assert (model.probabilities(CLAIM, text, model.text_scores(text))
                == model.probabilities(CLAIM, text))


def test_passages_and_sentences_use_their_own_weights() -> None:
    model = StanceModel(sentence={"bias": (1.0, 0.0, 0.0)}, passage={"bias": (0.0, 0.0, 1.0)})
    assert model.predict(CLAIM, "One sentence.") == "supports"
    assert model.predict(CLAIM, "First sentence.\nSecond sentence.") == "neutral"


def test_weights_with_other_labels_are_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "weights.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump({"labels": ["agree", "disagree"], "sentence": {}, "passage": {}}, handle)
    with pytest.raises(ValueError, match="weights.json.gz"):
        StanceModel.load(path)


def _emergent(claim_id: str, headline: str) -> EmergentRow:
    return EmergentRow(claim_id, "claim " + claim_id, "a-" + headline, headline, "supports")


def test_story_groups_join_headlines_that_share_a_related_body() -> None:
    fnc = [FncPair("H1", "B1", "supports"), FncPair("H2", "B1", "neutral"),
           FncPair("H3", "B1", "unrelated"), FncPair("H3", "B2", "contradicts")]
    emergent = [_emergent("c1", "h2"), _emergent("c2", "Something else")]
    story = story_groups(emergent, fnc)
    assert story["h:H1"] == story["h:H2"] == story["e:c1"]  # c1's headline is H2 (case folded)
    assert story["h:H3"] != story["h:H1"]  # an unrelated label links nothing
    assert story["e:c2"] not in {story["h:H1"], story["h:H3"]}


def test_folds_put_every_story_in_exactly_one_fold() -> None:
    groups = ["a"] * 50 + ["b"] * 30 + ["c"] * 20 + ["d"] * 20 + ["e"] * 5 + ["f"]
    parts = folds(groups, k=3)
    assert sorted(g for part in parts for g in part) == sorted(set(groups))
    sizes = [sum(1 for g in groups if g in part) for part in parts]
    assert max(sizes) - min(sizes) <= 20
    assert parts == folds(list(reversed(groups)), k=3)


def test_each_origin_counts_once_under_its_strongest_word() -> None:
    mentions = [(1, "neutral"), (2, "neutral"), (3, "contradicts"), (3, "supports"),
                (4, "supports"), (4, "neutral")]
    assert stance_counts(mentions) == (1, 1)  # origin 4 states it; 3 contradicts; 1, 2 report
    assert stance_breakdown(4, 1, 1) == ("4 independent origins: 1 states it, 2 report it "
                                         "without taking a side, 1 contradicts it")


def imported_claim(service: Service, folder: Path, texts: dict[str, str],
                   words: str) -> ClaimRow:
    """The one claim holding ``words`` once the texts are imported as files."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    service.import_paths(sorted(folder.iterdir()))
    (claim,) = [c for c in service.claims() if words in c.text]
    return claim


def test_a_claim_two_outlets_report_and_one_denies_reads_true(service: Service,
                                                              tmp_path: Path) -> None:
    texts = {
        "a.txt": "Rumours say that Apple will sell 19 million Apple Watches in 2015.",
        "b.txt": "Apple will reportedly sell 19 million Apple Watches in 2015, analysts claim.",
        "c.txt": "Apple denied it will sell 19 million Apple Watches in 2015, calling the "
                 "report false.",
    }
    claim = imported_claim(service, tmp_path, texts, "Apple")
    stances = sorted(m.stance for m in service.mentions([claim.id]))
    assert stances == ["contradicts", "neutral", "neutral"]
    assert (claim.n_origins, claim.n_support, claim.n_contradict) == (3, 0, 1)
    assert "2 report it without taking a side, 1 contradicts it" in stance_breakdown(
        claim.n_origins, claim.n_support, claim.n_contradict)


def test_the_seeds_counts_read_true(seeded: Service) -> None:
    claims = {c.text: c for c in seeded.claims()}
    # The claim in its own words, stated as fact, supports it; so does every outlet that
    # states it without hedging.
    (kim,) = [c for t, c in claims.items() if t.startswith("North Korea's leader Kim Jong-un "
                                                           "has reiterated")]
    stances = {m.sentence: m.stance for m in seeded.mentions([kim.id])}
    assert stances[kim.text] == "supports"
    assert kim.n_support >= 2
    # Naming who said it is not taking a side: "South Korean intelligence sources estimate
    # that around 300 ..." states 300 killed (two copies, one origin); 600 contradicts it.
    (killed,) = [c for t, c in claims.items() if t.startswith("Around 300 North Korean")]
    mentions = seeded.mentions([killed.id])
    assert {m.stance for m in mentions if "estimate that around 300" in m.sentence} == {
        "supports"}
    assert [m.stance for m in mentions if "around 600" in m.sentence] == ["contradicts"]
    assert (killed.n_support, killed.n_contradict) == (1, 1)
    # "Experts speculate they may have discussed ..." reports without taking a side.
    (speculation,) = [c for t, c in claims.items() if "experts speculate" in t]
    assert {m.stance for m in seeded.mentions([speculation.id])
            if "experts speculate" in m.sentence} == {"neutral"}
    # "on May 31" is a date, not the hedge "may": the bridges collapsed, stated as fact.
    (bridges,) = [c for t, c in claims.items() if "two bridges" in t]
    assert bridges.n_support == 1


def test_search_reads_an_article_stating_the_claim_plainly_as_supporting_it(
        seeded: Service) -> None:
    # The seeds' first claim in other words: the article that states Kim's vow plainly in
    # its closest sentences supports it; the others (Moscow for Russia, "pledged" for
    # "vowed") are left to the passage model, and no article contradicts it.
    hits = seeded.search("Kim Jong-un has vowed to unconditionally support Russia")
    stances = {hit.sentence: hit.stance for hit in hits}
    (vow,) = [s for s in stances if 'vowed to "unconditionally" support Russia' in s]
    assert stances[vow] == "supports"
    assert "contradicts" not in stances.values()
    # Another figure still contradicts: the article giving 600 killed, against 300.
    hits = seeded.search("Around 300 North Korean soldiers were killed in Kursk")
    assert [h.stance for h in hits if "600" in h.sentence] == ["contradicts"]


DENIAL = ("North Korea denied that Kim Jong Un met Shoigu in Pyongyang, calling the reports "
          "false.")


def test_a_row_denying_the_claim_contradicts_it_in_search(seeded: Service,
                                                          tmp_path: Path) -> None:
    # A trial user's row: the sentence model read the names as a hint of "neutral".
    (tmp_path / "denial.txt").write_text(DENIAL, encoding="utf-8")
    seeded.import_paths([tmp_path / "denial.txt"])
    (denial,) = [h for h in seeded.search("Kim Jong Un met Shoigu") if h.sentence == DENIAL]
    assert denial.stance == "contradicts"
    # It agrees with a query that denies the meeting; the seed articles reporting the
    # meeting do not.
    negated = {h.sentence: h.stance for h in seeded.search("Kim Jong Un did not meet Shoigu")}
    assert negated.pop(DENIAL) == "supports"
    assert "supports" not in negated.values()


@pytest.mark.parametrize("claim", ["Kim Jong Un met Shoigu", "Kim met Shoigu",
                                   "Kim Jong-un met Shoigu"])
def test_a_sentence_denying_the_claim_contradicts_it(claim: str) -> None:
    # "Kim" is Kim Jong Un in full, and the other way round.
    assert shipped_model().predict(claim, DENIAL) == "contradicts"


def _negated_stances(service: Service) -> dict[str, str]:
    """The seed articles' stances toward a query denying the meeting, by article title."""
    return {h.title: h.stance for h in service.search("Kim Jong Un did not meet Shoigu")}


def test_a_negated_querys_stance_does_not_move_with_unrelated_rows(seeded: Service,
                                                                  tmp_path: Path) -> None:
    before = _negated_stances(seeded)
    assert list(before.values()).count("contradicts") >= 3
    # A row spelling the meeting out changes every word's weight in search; it is no
    # reason for any seed article to read otherwise toward the denial (trial7: one turned
    # neutral). The row itself states the meeting: it contradicts the denial too.
    (tmp_path / "row.txt").write_text("Kim Jong Un met Sergei Shoigu", encoding="utf-8")
    seeded.import_paths([tmp_path / "row.txt"])
    hits = {h.sentence: h.stance for h in seeded.search("Kim Jong Un did not meet Shoigu")}
    assert hits["Kim Jong Un met Sergei Shoigu"] == "contradicts"
    after = _negated_stances(seeded)
    assert {t: after.get(t) for t in before} == before


def test_the_articles_contradicting_a_denial_support_the_claim_itself(seeded: Service,
                                                                      tmp_path: Path) -> None:
    # An article that states the meeting plainly in its closest sentences contradicts
    # "Kim Jong Un did not meet Shoigu" and supports "Kim Jong Un met Shoigu": the two
    # readings take the same sentences, read from the article alone (all five read
    # neutral toward the meeting: "Kim" did not state "Kim Jong Un").
    def stances(query: str) -> dict[str, str]:
        return {h.title: h.stance for h in seeded.search(query)}

    denied = stances("Kim Jong Un did not meet Shoigu")
    met = stances("Kim Jong Un met Shoigu")
    assert {t for t, s in denied.items() if s == "contradicts"} == {
        t for t, s in met.items() if s == "supports"}
    assert list(met.values()).count("supports") >= 3
    (tmp_path / "row.txt").write_text("Kim Jong Un met Sergei Shoigu", encoding="utf-8")
    seeded.import_paths([tmp_path / "row.txt"])
    assert {t: stances("Kim Jong Un met Shoigu").get(t) for t in met} == met


def test_articles_reporting_the_deaths_contradict_a_query_denying_them(seeded: Service) -> None:
    # A trial user's query: the articles giving "around 300 North Korean troops were
    # killed fighting in Kursk" (South Korean intelligence's estimate) read neutral, as
    # toward the deaths themselves. They state the deaths in other words (North Korean
    # for DPRK, troops for soldiers, killed for died), which search already folds; a
    # denial of the deaths is contradicted by an article reporting them, and the one
    # giving 600 killed contradicts it too.
    hits = seeded.search("DPRK soldiers did not die in Kursk")
    reporting = [h.stance for h in hits
                 if "300 North Korean troops were killed" in h.sentence or "600" in h.sentence]
    assert reporting == ["contradicts"] * 3


def test_copies_of_an_article_read_alike_toward_a_denied_meeting(seeded: Service) -> None:
    # Two copies of one report (the second ending "..., according to Press TV") read
    # apart toward "Kim Jong Un did not meet Shoigu": a closer sentence of the copy that
    # says nothing of the meeting ("his nation would continue its unwavering support")
    # hedged, and turned it neutral. Every seed article states the meeting plainly ("during
    # a meeting with Shoigu", "holds talks with ... Shoigu"): each contradicts the denial.
    hits = seeded.search("Kim Jong Un did not meet Shoigu")
    copies = [h.stance for h in hits if h.sentence.startswith(
        "Kim reiterated his country's support during a meeting with Shoigu")]
    assert copies == ["contradicts", "contradicts"]
    assert [h.stance for h in hits] == ["contradicts"] * 5


@pytest.mark.parametrize("claim", [
    # trial11: FNC-1 claims "contradicted" by their only mention, their own sentence.
    "He said it is still not clear if the meteorite disintegrated or was buried.",
    "Phoenix, AZ — A Phoenix boy is behind bars tonight after his mother called 9-1-1 when "
    "she found her son in his room.",
    "Around 300 North Korean troops were killed, with 2,700 more injured, of 11,000 sent.",
])
def test_a_claims_own_sentence_does_not_contradict_it(claim: str) -> None:
    assert shipped_model().predict(claim, claim) != "contradicts"


@pytest.mark.parametrize(("claim", "text"), [
    # trial12: FNC-1 sentences denying what a denying claim denies read as contradicting.
    ("Christian Bale will not be playing Steve Jobs after all.",
     "Christian Bale will not be Steve Jobs after all."),
    ("Boko Haram has denied agreeing to a ceasefire with Nigeria.",
     "Boko Haram has denied agreeing to any cease-fire."),
])
def test_a_sentence_denying_what_the_claim_denies_does_not_contradict_it(claim: str,
                                                                       text: str) -> None:
    assert shipped_model().predict(claim, text) != "contradicts"
    assert shipped_model().predict(claim.replace(" not", "").replace("denied", "admitted"),
                                   text) == "contradicts", "the claim affirmed, it does"


def test_an_article_saying_the_figure_is_not_confirmed_does_not_contradict_it(
        service: Service, tmp_path: Path) -> None:
    # benchmarks/mention_stance.py: 15% of the FNC-1 mentions read "contradicts" did.
    texts = {
        "a.txt": "Police in Ferguson arrested 12 protesters on Saturday night. The protest "
                 "began after dark. Officers used tear gas near the store.",
        "b.txt": "Police in Ferguson arrested 12 protesters on Saturday night, though the city "
                 "has not confirmed the arrests. The protest began after dark.",
    }
    claim = imported_claim(service, tmp_path, texts, "12 protesters")
    assert claim.n_origins == 2
    assert claim.n_contradict == 0
    stances = sorted(m.stance for m in service.mentions([claim.id]))
    assert stances == ["neutral", "supports"], "not confirmed: reported without vouching"


@pytest.mark.parametrize(("claim", "text"), [
    # FNC-1 sentences read as contradicting by a negation that denies nothing of the claim.
    ("The White House said it was working to establish the video's authenticity, but if it "
     "was genuine, the US would be “appalled by the brutal murder”.",
     "American officials said they were looking into the report, and the White House said it "
     "did not have immediate comment."),
    ("State TV in a rare admission on Thursday showed footage of Kim limping and admitted he "
     "is ill.",
     "His absence from the assembly was followed by a rare admission by state TV, which not "
     "only showed footage of him limping but also stated that he was ill."),
    # trial13: the claim's own "not", or a "not ... available for comment", is no denial.
    ("Islam himself did not respond to our email this morning requesting the numbers.",
     "The North Korean Embassy in London did not respond to requests for a comment."),
    ("No comment was immediately available from the University of Westminster.",
     "Amazon was not immediately available for comment."),
    ("American journalist James Foley was the victim executed by Islamic State militants as "
     "shown in a grisly video released Tuesday.",
     "Experts believe that British forces had likely identified Abdel-Majed Abdel Bary not "
     "long after the video was released."),
])
def test_an_articles_sentence_negating_something_else_does_not_contradict(claim: str,
                                                                          text: str) -> None:
    model = shipped_model()
    assert model.predict(claim, text, denial=BODY_DENIAL_RULE) != "contradicts"
    assert model.predict(claim, text, denial="model") == "contradicts", "the weights alone do"


def test_a_denial_still_contradicts_in_an_article_and_in_a_headline() -> None:
    model = shipped_model()
    assert model.predict(
        "Some Islamic State (ISIS) militants in Mosul, Iraq, have contracted the deadly Ebola "
        "virus.", "Iraq's Ministry of Health also denied that anyone in Mosul had contracted "
        "the Ebola virus, which broke out in March in West Africa.",
        denial=BODY_DENIAL_RULE) == "contradicts"
    assert model.predict("There is a case of Ebola in Kansas City",
                         "Hospital: Man not being treated for Ebola in Kansas City",
                         denial=DENIAL_RULE) == "contradicts"


def test_a_copy_of_a_negated_claim_naming_its_speaker_supports_it() -> None:
    claim = ("“There was no evidence of drug abuse or alcohol and no signs of foul play,” said "
             "Det. Aldeson.")
    copy = ('"There was no evidence of drug abuse or alcohol and no signs of foul play," said '
            "Det. Aldeson at the scene.")
    assert shipped_model().predict(claim, copy) == "supports"
    rumour = "Rumours say that Apple will sell 19 million Apple Watches in 2015."
    assert shipped_model().predict(rumour, rumour) == "neutral", "a rumour repeated is reported"


def test_a_figure_the_claim_gives_itself_is_no_other_figure() -> None:
    claim = ("Oberholtzer has run the company for 32 years and said he took the truck to an "
             "AutoNation dealership three years ago.")
    text = "Oberholtzer said he traded in the truck to an AutoNation dealership three years ago."
    assert not gives_other_figure(claim, text)
    assert gives_other_figure(claim, text.replace("three", "five"))


def test_a_denial_in_other_words_of_what_the_claim_denies_does_not_contradict_it() -> None:
    # trial13: an FNC-1 sentence denying, in its own words, what its claim denies.
    claim = ("The assertion that ISIS-affiliated terrorists were arrested while crossing the "
             "U.S.-Mexico border is “categorically false and not supported by any credible "
             "intelligence or facts on the ground.”")
    text = ("The Department of Homeland Security definitively debunked the persistent "
            "right-wing media conspiracy theory that Islamic State fighters have attempted to "
            "cross the U.S.-Mexico border, saying the rumor is not supported by any \"credible "
            "intelligence\" and knocking the claim that the terrorists have been apprehended "
            "at the border as \"categorically false.\"")
    model = shipped_model()
    assert model.predict(claim, text, denial=BODY_DENIAL_RULE) != "contradicts"
    assert model.predict("ISIS-affiliated terrorists were arrested while crossing the "
                         "U.S.-Mexico border.", text,
                         denial=BODY_DENIAL_RULE) == "contradicts", "a claim that states it"

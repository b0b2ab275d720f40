"""Claim search: a headline is judged by what it could hold, the query's figure counts, a
name of several words is one key, and a body by the query's keys it repeats and by its
length."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.models import Sentence
from desktop.core.service import Service
from desktop.core.service.searching import HitRule, Searcher, query_names
from desktop.core.text.normalize import terms
from desktop.core.text_search import joined_count, sentence_counts
from tests.conftest import SEEDS

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

# Emergent headlines of five claims about Kim Jong Un (cheese, sister, snake wine, ankles,
# his name), numbered on from HEADLINES.
KIM = [
    "Kim Jong-un's discomfort down to cheese addiction",
    "Fat dictator Kim Jong-un dying from cheese addiction",
    "North Korean dictator Kim Jong-un may be seriously ill from eating too much Emmental "
    "cheese: report",
    "Kim Jong-Un's Sister Takes Control in North Korea",
    "Kim Jong-un drinks rare snake wine to boost love life",
    "Kim Jong-un: North Korean leader recovering from ankle surgery",
    "Kim Jong-un so fat he has fractured his ankles",
    "North Korea reportedly bans anyone sharing Kim Jong Un's name",
]


def imported(service: Service, folder: Path, texts: list[str]) -> Service:
    path = folder / "headlines.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([i, text] for i, text in enumerate(texts, start=1))
    report = service.import_paths([path], source="Emergent", id_column="id",
                                  text_column="text")
    assert report.count("imported") == len(texts)
    return service


@pytest.fixture
def headlines(service: Service, tmp_path: Path) -> Service:
    return imported(service, tmp_path, HEADLINES)


@pytest.fixture
def kim_headlines(service: Service, tmp_path: Path) -> Service:
    return imported(service, tmp_path, HEADLINES + KIM)


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


def test_a_headline_giving_another_figure_of_the_same_year_counts_less(
        headlines: Service) -> None:
    query = "Apple will sell 19 million Apple Watches in 2015"
    with headlines.db.read() as session:
        searcher = Searcher(session)
        scores = {m.article_id: m.score for m in searcher.scored(query)}
        blind = {m.article_id: m.score
                 for m in searcher.scored(query, replace(searcher.rule, other_figure=0.0))}
    # "Apple Watch to sell 15M units in 2015": the year is the query's, the number is not.
    assert scores[11] <= 0.7 * blind[11]
    assert scores[9] == blind[9]


def test_a_shared_name_alone_does_not_make_a_hit(kim_headlines: Service) -> None:
    ankles = "Kim Jong Un broke both of his ankles"
    assert {"20", "21"} == found(kim_headlines, ankles)
    cheese = "Kim Jong Un is ill because he eats too much cheese"
    assert {"15", "16", "17"} <= found(kim_headlines, cheese)
    assert not {"18", "19", "20", "21", "22"} & found(kim_headlines, cheese)
    # With "Kim", "Jong" and "Un" as three keys the name was half of the ankles claim,
    # and the sister, snake wine, cheese and name headlines were hits too.
    with kim_headlines.db.read() as session:
        searcher = Searcher(session)
        apart = replace(searcher.rule, name_weight=0.0)
        hits = {m.article_id for m in searcher.scored(ankles, apart)
                if m.score >= apart.threshold}
    assert {15, 18, 19, 22} <= hits


def test_names_are_read_from_a_query_in_sentence_case_only() -> None:
    claim = "Kim Jong Un's sister has been put in charge of the country"
    assert query_names(claim, terms(claim)) == [frozenset({"kim", "jong", "un"})]
    # A headline in title case capitalises every word: no run of capitals is a name.
    title = "Kim Jong-un 'Had Surgery on Fractured Ankles'"
    assert query_names(title, terms(title)) == []
    # A short verb is a word of a sentence too: "met" left only "Jong" and "Shoigu" to
    # judge the case by, so the query read as title case and its name was lost (2
    # articles carried "Kim Jong Un met Shoigu" on the seeds, 5 "Kim Jong Un meets Shoigu").
    short = "Kim Jong Un met Shoigu"
    assert query_names(short, terms(short)) == [frozenset({"kim", "jong", "un"})]


def test_a_headline_holding_one_key_of_the_claim_counts_half(headlines: Service) -> None:
    query = "The Big Mac is a hoax"
    with headlines.db.read() as session:
        searcher = Searcher(session)
        scores = {m.article_id: m.score for m in searcher.scored(query)}
        blind = {m.article_id: m.score
                 for m in searcher.scored(query, replace(searcher.rule, one_key=0.0))}
    # "McDonald's Big Mac Hoax: ..." holds the claim; "McDonald's Removing Big Mac, ..."
    # only its name.
    assert scores[6] == blind[6]
    assert scores[5] == pytest.approx(0.5 * blind[5])


# FNC-1 train bodies (../shared/data/fnc1), excerpts: body 1358 names a video posted and
# shown once, in passing; body 456 is the Foley beheading story the headline is about.
PIZZA_TIP = (
    "It's not every night that a pizza delivery driver receives a $2,000 tip.\n\n"
    "But that's what happened Thursday to one Ann Arbor driver who delivered a single pizza "
    "to a conference room full of more than 200 realtors from Michigan and northern Ohio on "
    "Thursday.\n\nLeFevre said his driver was escorted to a conference room where a man was "
    "up front with a microphone.\n\nA video posted on YouTube shows the deliverer being "
    "stopped as he handed over the pizza and then presented with $2,084, letters of "
    "encouragement, a Visa gift card and lottery tickets -- all to cheers from the crowd.")
FOLEY = (
    "Editors' note: There are images in this post that some readers may find distressing."
    "\n\nIslamic State militants on Tuesday released a video that purported to show the "
    "beheading of James Foley, an American freelance journalist who has been missing since "
    "he was kidnapped in Syria in November 2012.\n\nThe authenticity of the video could not "
    "be immediately verified.\n\nWhen contacted by Mashable, NSC spokesperson Caitlin Hayden "
    "said, “We have seen a video that purports to be the murder of U.S. citizen James Foley "
    "by ISIL. The intelligence community is working as quickly as possible to determine its "
    "authenticity. If genuine, we are appalled by the brutal murder of an innocent American "
    "journalist and we express our deepest condolences to his family and friends.”")
BEHEADING = "Islamic Militants Post Video Claiming to Show Beheading of U.S. Journalist"


@pytest.fixture
def bodies(service: Service, tmp_path: Path) -> Service:
    return imported(service, tmp_path, HEADLINES + KIM + [PIZZA_TIP, FOLEY])


def test_a_body_naming_the_query_in_passing_counts_less_than_its_story(
        bodies: Service) -> None:
    with bodies.db.read() as session:
        searcher = Searcher(session)
        scores = {m.article_id: m.score for m in searcher.scored(BEHEADING)}
        once = {m.article_id: m.score
                for m in searcher.scored(BEHEADING, replace(searcher.rule, repeated=0.0))}
    pizza, foley = 23, 24
    # The pizza body states "video", "post" and "show" once each: none of the query's
    # keys twice, so the share of its score that repeats carry is lost.
    rule = searcher.rule
    assert scores[pizza] == pytest.approx((1.0 - rule.repeated) * once[pizza])
    # The Foley story repeats the video, the journalist and the militants.
    assert scores[foley] > (1.0 - rule.repeated) * once[foley]
    assert scores[foley] > 2 * scores[pizza]


def test_a_headline_is_judged_as_before_the_body_rules(bodies: Service) -> None:
    query = "Apple will sell 19 million Apple Watches in 2015"
    with bodies.db.read() as session:
        searcher = Searcher(session)
        scores = {m.article_id: m.score for m in searcher.scored(query)}
        before = {m.article_id: m.score for m in searcher.scored(
            query, replace(searcher.rule, repeated=0.0, body_scale=1.0))}
    headlines = {a for a in scores if a <= len(HEADLINES + KIM)}
    assert headlines and all(scores[a] == before[a] for a in headlines)


# FNC-1 train body 1385, whole (34 sentences): an ISIS story of another event, which names
# the group, Iraq and beheadings, labelled unrelated to "ISIL Beheads American
# Photojournalist in Iraq".
ISIS_MOTHER = (
    'A DESPERATE mother was tricked into feasting on cooked meat from the body of her son'
    ' by Islamic State militants, it has been claimed.\n\nThe famished Kurdish mother had g'
    'one to plead with the jihadists to release her son.\n\nCruel militants delayed talks w'
    'ith the elderly mum – feeding her a meal made with the corpse of her offspring while'
    ' she waited.\n\nThe depraved story was relayed by a brave Briton fighting on the front'
    ' line with Kurdish forces against the Islamic State, also referred to as IS, ISIS an'
    'd ISIL.\n\nYasir Abdulla left behind his wife and children at their Yorkshire home for'
    ' six months to battle for his Kurdish homeland.\n\nThe 36-year-old said the disturbing'
    ' story was the cause of his hatred against IS – and one of the reasons he has vowed '
    'to return to his war-ravaged native county and "finish the job".\n\nThe father-of-four'
    ' told The Sun: "I hate IS because of what happened to an old Kurdish woman from a ne'
    'arby tribe.\n\n"Her son was captured by IS fighters and taken as a prisoner to Mosul. '
    'She was determined to find her son and went to IS headquarters and asked to see him.'
    '\n\n"The IS men told her to sit down because she had travelled a long way and said she'
    ' should have some food before they took her to meet her son.\n\n"They brought her cups'
    ' of tea and fed her a meal of cooked meat, rice and soup. She thought they were so k'
    'ind.\n\nBut security guard Mr Abdulla then adds: "They had killed him and chopped him '
    "up and after she finished the meal and asked to see her son they laughed and said, '"
    'You\'ve just EATEN him\'."\n\n"They burn people alive, they chop off people\'s heads, the'
    're is no limit to their depravity.\n\n"They are not Muslims, they have hijacked Islam.'
    ' All they do is hate."\n\nThe shocking account is just the latest in a string of distu'
    'rbing executions and punishments administered by the immoral group.\n\nIn February, IS'
    ' released a highly-choreographed propaganda film showing Jordanian fighter pilot Lie'
    'utenant Mouath al-Kasaesbeh soaked in fuel and being burned alive inside a cage.\n\nAn'
    'other video from the organisation showed a man believed to be gay thrown from a seve'
    'n-storey building. The 50-year-old man, who was blindfolded throughout his sickening'
    ' fall, is seen to be still alive after hitting the ground below.\n\nHe was later stone'
    'd to his death by a waiting mob.\n\nSome have interpreted the perceived increase in br'
    'utality from the Islamic State as a sign of their weakness.\n\nThe terror organisation'
    ' have suffered a number of defeats recently, including the loss of two strongholds i'
    'n Iraq.\n\nLast week, Kurdish gunmen stormed the town of Tel Hamis and fought back con'
    'trol from Islamic State rebels.\n\nThe group, aided by US-led coalition airstrikes, pr'
    'eviously won back the seized border town of Kobani.\n\nInfamous Islamic State militant'
    ' Jihadi John, who is believed to have orchestrated the beheadings of dozens of hosta'
    'ges, was last week unmasked as a hypocritical cannabis smoker from west London.\n\nFea'
    'rless Mr Abdulla, speaking after temporarily returning to his family home in Keighle'
    'y, West Yorkshire, said: "IS are very good at making people scared.\n\n"If they make o'
    'ne person scared then that person will make another person scared and soon everyone '
    'is scared of IS.\n\n"But the Kurds are not scared of them. Someone has to stand and fi'
    'ght. We have got thousands of people in many villages and towns behind us.\n\n"If we f'
    "all then all of those places fall, and that can't happen. The Peshmerga [Military fo"
    'rces of Iraqi Kurdistan] can\'t wait to take the fight to IS.\n\n"We know we can win."')


def test_a_long_body_is_marked_down_by_its_length(service: Service, tmp_path: Path) -> None:
    long = imported(service, tmp_path, [FOLEY, ISIS_MOTHER])
    query = "ISIL Beheads American Photojournalist in Iraq"
    with long.db.read() as session:
        searcher = Searcher(session)
        rule = searcher.rule
        sentences = session.scalar(
            select(func.count()).select_from(Sentence).where(Sentence.article_id == 2))
        scores = {m.article_id: m.score for m in searcher.scored(query)}
        flat = {m.article_id: m.score
                for m in searcher.scored(query, replace(rule, length_prior=0.0))}
    # The Foley excerpt has fewer sentences than long_body: its score is untouched. The
    # long body is marked down by (long_body / its sentences) to the rule's power.
    assert sentences and sentences > rule.long_body
    assert scores[1] == flat[1]
    assert scores[2] == pytest.approx(
        flat[2] * (rule.long_body / sentences) ** rule.length_prior)
    assert scores[2] < flat[2] and scores[1] > scores[2]


def test_a_verb_in_another_form_finds_the_same_articles(seeded: Service) -> None:
    # "met" and "meets" are the lemma "meet", as grouping reads them: the stemmer alone
    # made "met" another word, and "Kim met Shoigu" ranked the article saying "Kim and
    # Shoigu met" first, ahead of the four that report "a meeting with Shoigu".
    with seeded.db.read() as session:
        searcher = Searcher(session)
        met = [(m.article_id, m.score) for m in searcher.scored("Kim met Shoigu")]
        meets = [(m.article_id, m.score) for m in searcher.scored("Kim meets Shoigu")]
        stems = [m.article_id for m in searcher.scored("Kim met Shoigu",
                                                        HitRule(lemmas=False))]
    assert [a for a, _ in met] == [a for a, _ in meets] != stems
    assert [s for _, s in met] == pytest.approx([s for _, s in meets], abs=0.01)


def test_a_negated_query_reads_the_same_whatever_else_the_project_holds(tmp_path: Path
                                                                        ) -> None:
    # A row spelling out "Kim Jong Un" made "jong" a word some text holds; the articles
    # that name him "Kim" then no longer stated the whole claim, and every one read
    # neutral toward its denial (a user trial).
    row = tmp_path / "posts.csv"
    row.write_text("id,text\n199,\"Kim Jong Un met Sergei Shoigu in Pyongyang on Wednesday, "
                   "state media KCNA reported.\"\n", encoding="utf-8")
    service = Service.open(tmp_path / "project.sqlite")
    service.import_paths([SEEDS, row], id_column="id", text_column="text")
    stances = {h.article_id: h.stance for h in service.search("Kim Jong Un did not meet Shoigu")}
    service.close()
    # The three seed articles that contradict it without the row still do, and so does the
    # row: which sentences are closest to the claim is read from the text alone.
    assert list(stances.values()).count("contradicts") >= 4
    assert "supports" not in stances.values()


def test_a_negated_query_is_contradicted_by_the_articles_stating_it(seeded: Service) -> None:
    # Every seed article reports the meeting: a query denying it is contradicted by those
    # that state it, and supported by none.
    hits = seeded.search("Kim Jong Un did not meet Shoigu")
    stances = [h.stance for h in hits]
    assert len(hits) == 5
    assert stances.count("contradicts") >= 3 and "supports" not in stances
    # Asked as it is, the same articles do not contradict it.
    assert "contradicts" not in {h.stance for h in seeded.search("Kim Jong Un met Shoigu")}
    assert (len(seeded.search("Kim Jong Un met Shoigu"))
            == len(seeded.search("Kim Jong Un meets Shoigu")))


def test_a_headline_rows_stance_is_its_mentions_in_search(kim_headlines: Service) -> None:
    # A headline is read by the sentence model in search as at import: searching a claim's
    # text gives each of its headlines the stance `factdesk show` gives its mention.
    compared = 0
    for claim in kim_headlines.claims():
        hits = {h.article_id: h.stance for h in kim_headlines.search(claim.text)}
        for mention in kim_headlines.mentions([claim.id]):
            if mention.article_id in hits:
                assert hits[mention.article_id] == mention.stance, mention.sentence
                compared += 1
    assert compared >= 15



def test_a_body_of_another_story_holding_the_querys_words_is_said_apart(
        service: Service, tmp_path: Path) -> None:
    project = imported(service, tmp_path, [FOLEY, ISIS_MOTHER])
    with project.db.read() as session:
        scores = {m.article_id: m.score for m in Searcher(session).scored(BEHEADING)}
    # The Kurdish mother's story names the group, Iraq and beheadings: it scores as a hit,
    # but its own heaviest terms are its story's, not the query's.
    assert scores[2] >= HitRule().threshold
    assert [(h.article_id, h.about) for h in project.search(BEHEADING, passing=True)] == [
        (1, True), (2, False)]
    assert [h.article_id for h in project.search(BEHEADING)] == [1]


def test_the_articles_in_passing_are_listed_after_those_about_the_claim(
        service: Service, tmp_path: Path) -> None:
    project = imported(service, tmp_path, [ISIS_MOTHER, FOLEY])
    hits = project.search(BEHEADING, limit=1, passing=True)
    assert [(h.article_id, h.about) for h in hits] == [(2, True), (1, False)]


def test_a_headline_is_its_own_topic(headlines: Service) -> None:
    query = "Apple will sell 19 million Apple Watches in 2015"
    hits = headlines.search(query)
    assert hits and all(h.about for h in hits)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_projects_rarity_counts_a_terms_sentences_on_either_backend(
        backend: str, service: Service, tmp_path: Path, request: pytest.FixtureRequest
        ) -> None:
    project = service if backend == "sqlite" else Service.open(
        request.getfixturevalue("pg_url"))
    try:
        imported(project, tmp_path, [FOLEY, ISIS_MOTHER])
        with project.db.read() as session:
            counts = sentence_counts(session)
            rows = session.scalars(select(Sentence.terms)).all()
    finally:
        if project is not service:
            project.close()
    holding = sum("kurdish" in stored.split() for stored in rows)
    assert holding > 1 and counts["kurdish"] == holding
    # A name joined by "_" is indexed as its words; none of them stands alone here.
    joined = sum("united_states" in stored.split() for stored in rows)
    assert joined and joined_count(counts, "united_states") == joined


def test_an_article_stating_the_claim_beside_its_story_carries_it(seeded: Service) -> None:
    # The prisoner swap is one sentence of two articles about Kim's talks with Shoigu:
    # their heaviest terms are the talks', but a sentence states the whole claim.
    query = "largest-ever prisoner swap"
    with seeded.db.read() as session:
        searcher = Searcher(session)
        matches = {m.article_id: m for m in searcher.scored(query)}
        topic_only = {m.article_id: m.about for m in searcher.scored(
            query, replace(searcher.rule, stated=float("inf")))}
    for article_id in (1, 2):
        match = matches[article_id]
        assert match.topic < searcher.rule.topic_share <= 1.0 <= match.best
        assert match.about and not topic_only[article_id]
    assert {h.article_id for h in seeded.search(query)} == {1, 2}


def test_an_article_giving_another_figure_for_the_claim_carries_it(seeded: Service) -> None:
    # Seed 5 says "around 600 DPRK soldiers have been killed": it contradicts the 300
    # killed, so it is one of the articles that carry that claim, though it covers too
    # little of the query to state it and its heaviest terms are the talks' (trial9: it
    # was set apart as "in passing", and the claim read two articles, none contradicting).
    query = ("Around 300 North Korean troops were killed fighting in Kursk, with 2,700 more "
             "injured.")
    hits = {h.article_id: h.stance for h in seeded.search(query)}
    assert hits == {1: "supports", 2: "supports", 5: "contradicts"}
    with seeded.db.read() as session:
        searcher = Searcher(session)
        ignored = {m.article_id: m.about for m in searcher.scored(
            query, replace(searcher.rule, other_figure_carries=False))}
    assert ignored[5] is False

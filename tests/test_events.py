"""Events stage: PLOVER/CAMEO coding from the parse, with hand-set actors.

The stage reads only the Document, so most tests build one with actors,
places and timexes set by hand (`make_doc`) and run the stage on the spaCy
parse.  The last tests go end to end through `dragoman.code` and need every
stage in place.  All sentences here are written for these tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dragoman.events import create, resources
from dragoman.model import Actor, Document, Mention, Place, Quote, RawArticle, Timex

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def stage():
    return create(None)


# --------------------------------------------------------------------------- helpers

#: name → (kind, country, sector, surface strings)
CAST = {
    "Anna Berg": ("person", "DEU", "GOV", ["Chancellor Anna Berg", "Anna Berg", "Berg"]),
    "Luis Ortega": ("person", "ESP", "GOV", ["Prime Minister Luis Ortega", "Luis Ortega", "Ortega"]),
    "Germany": ("country", "DEU", None, ["Germany", "German", "Berlin", "the federal government"]),
    "Spain": ("country", "ESP", None, ["Spain", "Spanish", "Madrid"]),
    "France": ("country", "FRA", None, ["France", "French"]),
    "Norway": ("country", "NOR", None, ["Norway"]),
    "Canada": ("country", "CAN", None, ["Canada"]),
    "Ghana": ("country", "GHA", None, ["Ghana"]),
    "Poland": ("country", "POL", None, ["Poland"]),
    "Lithuania": ("country", "LTU", None, ["Lithuania"]),
    "Japan": ("country", "JPN", None, ["Japan", "Tokyo"]),
    "Nepal": ("country", "NPL", None, ["Nepal"]),
    "Armenia": ("country", "ARM", None, ["Armenia"]),
    "European Union": ("organization", "IGO", "IGO", ["The European Union", "European Union"]),
    "Serbia": ("country", "SRB", None, ["Serbia"]),
    "Egypt": ("country", "EGY", None, ["Egypt", "Cairo"]),
    "Israel": ("country", "ISR", None, ["Israel", "Israeli"]),
    "Iran": ("country", "IRN", None, ["Iran", "Iranian"]),
    "Russia": ("country", "RUS", None, ["Russia", "Russian"]),
    "Moldova": ("country", "MDA", None, ["Moldova"]),
    "farmers": ("group", "FRA", "CVL", ["Thousands of farmers", "farmers"]),
    "United States": ("country", "USA", None, ["The United States", "United States"]),
    "Venezuela": ("country", "VEN", None, ["Venezuela"]),
    "China": ("country", "CHN", None, ["China", "Chinese"]),
    "police": ("organization", "TUR", "COP", ["Turkish police", "Police", "police"]),
    "Sam Kiza": ("person", "UGA", "OPP", ["opposition leader Sam Kiza", "Sam Kiza"]),
    "Tom Reed": ("person", "GBR", "MED", ["The journalist Tom Reed", "Tom Reed"]),
    "Syria": ("country", "SYR", None, ["Syria", "Syrian"]),
    "rebels": ("group", "SYR", "REB", ["rebel", "rebels"]),
    "Kim Ho": ("person", "KOR", "GOV", ["President Kim Ho", "Kim Ho"]),
    "Ali Omar": ("person", "SDN", "GOV", ["Ali Omar"]),
    "Spain's army": ("organization", "ESP", "MIL", []),
    "Morocco": ("country", "MAR", None, ["Morocco"]),
    "Haiti": ("country", "HTI", None, ["Haiti"]),
    "Mali": ("country", "MLI", None, ["Mali"]),
    "Qatar": ("country", "QAT", None, ["Qatar"]),
    "Finance Ministry": ("organization", "DEU", "GOV", ["the Finance Ministry"]),
    "German cricket team": ("organization", "DEU", None, ["The German cricket team"]),
    "Spanish soccer team": ("organization", "ESP", None, ["The Spanish soccer team"]),
    "Spanish diplomats": ("group", "ESP", "GOV", ["three Spanish diplomats"]),
    "Real Oviedo": ("organization", "ESP", None, ["Real Oviedo"]),
    "Sporting Lisboa": ("organization", "PRT", None, ["Sporting Lisboa"]),
    "Jon Arriaga": ("person", "ESP", None, ["Jon Arriaga"]),
}

CITIES = {"Madrid": ("ESP", 40.42, -3.70), "Tokyo": ("JPN", 35.68, 139.69), "Cairo": ("EGY", 30.04, 31.24),
          "Lisbon": ("PRT", 38.72, -9.14), "Paris": ("FRA", 48.86, 2.35)}


def make_doc(text: str, timexes: dict[str, str] | None = None, published: str = "2024-05-10") -> Document:
    """A Document whose actors and places are found by their surface strings."""
    doc = Document(id="test", text=text, published=published)
    taken: set[tuple[int, int]] = set()
    # longest surfaces first, so "Chancellor Anna Berg" wins over "Berg"
    surfaces = sorted(((s, name) for name, (_k, _c, _s, ss) in CAST.items() for s in ss), key=lambda p: -len(p[0]))
    by_name: dict[str, Actor] = {}
    for surface, name in surfaces:
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            taken.add((m.start(), m.end()))
            if name not in by_name:
                kind, country, sector, _ = CAST[name]
                by_name[name] = Actor(id=f"a{len(by_name) + 1}", name=name, kind=kind, country=country, sector=sector)
            by_name[name].mentions.append(Mention(m.start(), m.end(), surface))
    doc.actors = list(by_name.values())
    for city, (country, lat, lon) in CITIES.items():
        for m in re.finditer(r"(?<!\w)" + re.escape(city) + r"(?!\w)", text):
            doc.places.append(Place(city, m.start(), m.end(), city, country, lat, lon))
    for surface, value in (timexes or {}).items():
        for m in re.finditer(re.escape(surface), text):
            precision = {10: "day", 7: "month", 4: "year"}[len(value)]
            doc.timexes.append(Timex(surface, m.start(), m.end(), value, precision))
    return doc


def run(nlp, stage, text: str, **kw) -> Document:
    doc = make_doc(text, **kw)
    stage(doc, nlp(doc.text))
    return doc


def names(doc: Document, ids: list[str]) -> list[str]:
    return [doc.actor(i).name for i in ids]


def only(doc: Document, type_: str):
    found = [e for e in doc.events if e.type == type_]
    assert len(found) == 1, [(e.type, names(doc, e.actors), names(doc, e.recipients)) for e in doc.events]
    return found[0]


# --------------------------------------------------------------------------- every PLOVER type

TYPE_CASES = [
    ("AGREE", "Norway agreed to host peace talks between the rivals.", ["Norway"], []),
    ("CONSULT", "Chancellor Anna Berg met Prime Minister Luis Ortega on Tuesday.", ["Anna Berg"], ["Luis Ortega"]),
    ("SUPPORT", "Canada praised Ghana for its calm handling of the vote.", ["Canada"], ["Ghana"]),
    ("CONCEDE", "Egypt lifted the curfew in the border towns.", ["Egypt"], []),
    ("COOPERATE", "Poland and Lithuania held joint military exercises near the border.", ["Poland", "Lithuania"], []),
    ("AID", "Japan provided humanitarian aid to Nepal.", ["Japan"], ["Nepal"]),
    ("RETREAT", "Armenia withdrew its troops from the disputed village.", ["Armenia"], []),
    ("REQUEST", "The European Union urged Serbia to free the detained reporters.", ["European Union"], ["Serbia"]),
    ("ACCUSE", "Egypt condemned the Israeli raid.", ["Egypt"], ["Israel"]),
    ("REJECT", "Iran rejected the French proposal.", ["Iran"], ["France"]),
    ("THREATEN", "Russia threatened to cut gas supplies to Moldova.", ["Russia"], []),
    ("PROTEST", "Thousands of farmers protested outside the parliament.", ["farmers"], []),
    ("SANCTION", "The United States imposed sanctions on Venezuela.", ["United States"], ["Venezuela"]),
    ("MOBILIZE", "China deployed warships near the disputed islands.", ["China"], []),
    ("COERCE", "Police arrested opposition leader Sam Kiza.", ["police"], ["Sam Kiza"]),
    ("ASSAULT", "Syrian aircraft bombed rebel positions overnight.", ["Syria"], ["rebels"]),
]


@pytest.mark.parametrize("type_,text,actors,recipients", TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_every_plover_type(nlp, stage, type_, text, actors, recipients):
    doc = run(nlp, stage, text)
    event = only(doc, type_)
    assert names(doc, event.actors) == actors
    if recipients:
        assert names(doc, event.recipients) == recipients
    assert event.status == "asserted"
    assert event.cameo and event.quad_class in (1, 2, 3, 4)
    assert event.goldstein is not None and event.plover_score is not None
    assert event.evidence.text == doc.text[event.evidence.start:event.evidence.end]


def test_type_cases_cover_all_sixteen_types():
    assert {c[0] for c in TYPE_CASES} == set(resources.PLOVER_TYPES)


@pytest.mark.parametrize("text, type_, actor, recipient", [
    # phrasal and rarer criticism verbs (CAMEO's 111 blocks) and insults by naming
    ("Chancellor Anna Berg tore into Prime Minister Luis Ortega over the fishing quotas.", "ACCUSE", "Anna Berg", "Luis Ortega"),
    ("Chancellor Anna Berg derided Prime Minister Luis Ortega as a lightweight.", "ACCUSE", "Anna Berg", "Luis Ortega"),
    ("Chancellor Anna Berg took aim at Prime Minister Luis Ortega in a speech on Friday.", "ACCUSE", "Anna Berg", "Luis Ortega"),
    ("Chancellor Anna Berg called Prime Minister Luis Ortega a liar.", "ACCUSE", "Anna Berg", "Luis Ortega"),
    # halting ties, aid or trade, whichever halting verb says it
    ("Poland suspended all high-level contacts with Russia.", "SANCTION", "Poland", "Russia"),
    ("Germany froze development aid to Mali after the coup.", "SANCTION", "Germany", "Mali"),
    ("Japan halted military cooperation with China.", "SANCTION", "Japan", "China"),
    ("Canada paused trade talks with Ghana.", "SANCTION", "Canada", "Ghana"),
    # the subject of "faced", "drew", "received" receives the act; the "from" object does it
    ("Chancellor Anna Berg faced criticism from Prime Minister Luis Ortega.", "ACCUSE", "Luis Ortega", "Anna Berg"),
    ("Chancellor Anna Berg drew praise from Prime Minister Luis Ortega.", "SUPPORT", "Luis Ortega", "Anna Berg"),
    ("Japan received humanitarian aid from Canada.", "AID", "Canada", "Japan"),
])
def test_other_words_for_a_type(nlp, stage, text, type_, actor, recipient):
    doc = run(nlp, stage, text)
    event = only(doc, type_)
    assert (names(doc, event.actors), names(doc, event.recipients)) == ([actor], [recipient])


@pytest.mark.parametrize("text, expected", [
    ("Serbia vowed to expel Moldova's diplomats.", ["THREATEN"]),  # a vow to punish is a threat
    ("Poland and Lithuania vowed to deepen military cooperation.", ["AGREE"]),  # a vow to cooperate, a promise
    ("Russia vowed countermeasures against Moldova.", ["THREATEN"]),      # a bare vow against someone
    ("Japan vowed to work closely with China.", ["AGREE"]),               # no act named, no one opposed: a promise
    ("Russia vowed revenge against Moldova.", ["THREATEN"]),
    ("President Kim Ho swore in a new cabinet on Monday.", []),           # an inauguration, not a pledge
])
def test_a_vow_is_what_it_promises(nlp, stage, text, expected):
    assert [e.type for e in run(nlp, stage, text).events] == expected


@pytest.mark.parametrize("text, expected", [
    ("Egypt jailed opposition leader Sam Kiza for five years.", "SANCTION"),  # a sentence, not an arrest
    ("Egypt ordered the arrest of Sam Kiza.", "COERCE"),                         # the order yields to the act
    ("Japan announced a suspension of flights to China.", "SANCTION"),
])
def test_corpus_checked_rows(nlp, stage, text, expected):
    assert [e.type for e in run(nlp, stage, text).events] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("A judge in Madrid ordered a fresh hearing in the case.", []),          # an order to no party named
    ("The German cricket team attacked Spain relentlessly in the semifinal.", []),  # the game's attack
    ("The Spanish soccer team attacked Germany from the first whistle.", []),        # "soccer" read whole
    ("Germany attacked Spain's border posts overnight.", ["ASSAULT"]),              # the same words, a war
    ("Syrian rebels attacked a bus carrying the German cricket team.", ["ASSAULT"]),  # a sports target
])
def test_words_that_name_no_political_act_here(nlp, stage, text, expected):
    assert [e.type for e in run(nlp, stage, text).events] == expected


def test_a_suspension_from_office_is_not_a_sanction(nlp, stage):
    assert not run(nlp, stage, "The scandal led to the suspension of Sam Kiza from the party.").events


@pytest.mark.parametrize("text", ["Chancellor Anna Berg flew to Lisbon for talks with Prime Minister Luis Ortega.",
                                  "Chancellor Anna Berg stopped in Lisbon for talks with Prime Minister Luis Ortega."])
def test_travelling_for_talks_is_the_traveller_meeting_the_host(nlp, stage, text):
    doc = run(nlp, stage, text)
    event = only(doc, "CONSULT")
    assert (names(doc, event.actors), names(doc, event.recipients)) == (["Anna Berg"], ["Luis Ortega"])


@pytest.mark.parametrize("text, type_, recipients", [
    # one's own state is a recipient only when the act aims at it
    ("Chancellor Anna Berg accused the federal government of hiding the report.", "ACCUSE", ["Germany"]),
    ("Chancellor Anna Berg agreed to meet Prime Minister Luis Ortega in Berlin.", "AGREE", ["Luis Ortega"]),
    # a show of force is aimed at whoever is near
    ("Russia massed troops near the border with Moldova.", "MOBILIZE", ["Moldova"]),
    ("Chinese warships held drills off the coast of Japan.", "MOBILIZE", ["Japan"]),
    # an evaluative adjective is criticism of the labelled act's actor
    ("Germany called the Russian strikes illegal.", "ACCUSE", ["Russia"]),
    ("Spain said the Iranian tests were reckless.", "ACCUSE", ["Iran"]),
    # an attitude or aid is aimed at whom it is for; whose solidarity is the actor's side
    ("Berg expressed Germany's solidarity with Spain.", "SUPPORT", ["Spain"]),
    ("Norway voiced support for Nepal on Monday.", "SUPPORT", ["Nepal"]),
    ("Japan approved a loan for Ghana on Monday.", "AID", ["Ghana"]),
    ("Japan pledged new aid for Ghana on Monday.", "AID", ["Ghana"]),
])
def test_the_recipient_an_act_is_aimed_at(nlp, stage, text, type_, recipients):
    doc = run(nlp, stage, text)
    assert names(doc, only(doc, type_).recipients) == recipients


@pytest.mark.parametrize("text, type_, actors, recipients", [
    # the owner of an object that is no actor
    ("Police raided the offices of Sam Kiza on Monday.", "COERCE", ["police"], ["Sam Kiza"]),
    # the one something is taken or recalled from
    ("Syria recaptured the town from the rebels.", "ASSAULT", ["Syria"], ["rebels"]),
    ("Canada recalled its ambassador from Tokyo.", "SANCTION", ["Canada"], ["Japan"]),
    ("Canada recalled its envoys from Egypt and Japan.", "SANCTION", ["Canada"], ["Egypt", "Japan"]),  # not its envoys
    # an event noun's "of" is its patient, unless its row says the "of" acts
    ("Russia ordered the invasion of Moldova.", "ASSAULT", ["Russia"], ["Moldova"]),
    # the subject of a demanded clause is the one asked
    ("Chancellor Anna Berg demanded that Spain free the reporters.", "REQUEST", ["Anna Berg"], ["Spain"]),
    # a response in a conjoined clause answers the first clause's actor
    ("Germany urged Iran to free the reporters, but Iran refused.", "REJECT", ["Iran"], ["Germany"]),
    ("Egypt accused Israel of spying, and Israel dismissed the claim.", "REJECT", ["Israel"], ["Egypt"]),
    # the demanded clause's subject, not its object
    ("The European Union demanded that Serbia recognise Moldova.", "REQUEST", ["European Union"], ["Serbia"]),
    # an object pronoun in a clause sharing its head's subject is not that subject
    ("Russia expelled three Spanish diplomats, accusing them of spying.", "ACCUSE", ["Russia"], ["Spanish diplomats"]),
    ("Iran banned all imports from Japan, accusing it of dumping steel.", "ACCUSE", ["Iran"], ["Japan"]),
    # a demand is its own act, even as a protest's aim
    ("Thousands of farmers blocked roads in Madrid, demanding that Spain cut fuel taxes.", "REQUEST",
     ["farmers"], ["Spain"]),
    # the agent of the act a warning is about
    ("Iran warned that any attack by Israel would be met with force.", "THREATEN", ["Iran"], ["Israel"]),
    # talks "with" someone in a phrase on the clause are its subject's
    ("Chancellor Anna Berg lifted the ban after talks with Prime Minister Luis Ortega.", "CONSULT",
     ["Anna Berg"], ["Luis Ortega"]),
    # "is due to" raises the copula's subject
    ("Chancellor Anna Berg is due to visit Madrid next week.", "AGREE", ["Anna Berg"], ["Spain"]),
])
def test_recipients_named_outside_the_object(nlp, stage, text, type_, actors, recipients):
    doc = run(nlp, stage, text)
    event = only(doc, type_)
    assert (names(doc, event.actors), names(doc, event.recipients)) == (actors, recipients)


def test_own_state_named_only_as_a_place_is_no_recipient(nlp, stage):
    """Neither the rules nor the role model make the actor's own state the recipient here."""
    doc = run(nlp, stage, "Chancellor Anna Berg threatened to arrest protesters in Germany.")
    assert all("Germany" not in names(doc, e.recipients) for e in doc.events)


def test_an_act_that_drew_criticism_keeps_its_own_actor(nlp, stage):
    doc = run(nlp, stage, "The Russian attack on Moldova drew condemnation from Germany.")
    assert names(doc, only(doc, "ASSAULT").actors) == ["Russia"]


def test_envoys_from_several_states_stand_for_them(nlp, stage):
    doc = run(nlp, stage, "Negotiators from Spain and Morocco met in Lisbon.")
    assert names(doc, only(doc, "CONSULT").actors) == ["Spain", "Morocco"]


def test_scores_follow_cameo_and_plover(nlp, stage):
    doc = run(nlp, stage, "Syrian aircraft bombed rebel positions overnight.")
    event = only(doc, "ASSAULT")
    assert event.quad_class == 4 and event.goldstein <= -9
    doc = run(nlp, stage, "Japan provided humanitarian aid to Nepal.")
    event = only(doc, "AID")
    assert (event.cameo, event.quad_class, event.plover_score) == ("073", 2, 10.0)
    assert "humanitarian" in event.context


# --------------------------------------------------------------------------- status

def test_future_meeting_is_agree_with_intent_to_meet(nlp, stage):
    doc = run(nlp, stage, "Chancellor Anna Berg will meet Prime Minister Luis Ortega next week.")
    event = only(doc, "AGREE")
    assert (event.status, event.cameo, event.quad_class) == ("future", "036", 1)
    assert names(doc, event.actors) == ["Anna Berg"] and names(doc, event.recipients) == ["Luis Ortega"]


@pytest.mark.parametrize("text", [
    "Chancellor Anna Berg is set to visit Madrid in June.",
    "Chancellor Anna Berg is expected to visit Madrid in June.",
    "Chancellor Anna Berg plans to visit Madrid in June.",
])
def test_future_cues(nlp, stage, text):
    doc = run(nlp, stage, text)
    event = only(doc, "AGREE")
    assert event.status == "future"
    assert names(doc, event.recipients) == ["Spain"]


def test_ahead_of_marks_future(nlp, stage):
    doc = run(nlp, stage, "Chancellor Anna Berg arrived in Madrid ahead of talks with Prime Minister Luis Ortega.")
    visit = only(doc, "CONSULT")
    assert visit.status == "asserted" and visit.mode == "visit"
    talks = only(doc, "AGREE")
    assert talks.status == "future" and names(doc, talks.recipients) == ["Luis Ortega"]


def test_hypothetical(nlp, stage):
    doc = run(nlp, stage, "Canada might send aid to Haiti.")
    event = only(doc, "AID")
    assert event.status == "hypothetical"


def test_conditional_hostile_act_is_a_threat(nlp, stage):
    doc = run(nlp, stage, "The United States will impose sanctions on Venezuela unless the vote is held.")
    event = only(doc, "THREATEN")
    assert event.status == "future" and event.cameo.startswith("13")


def test_negated(nlp, stage):
    doc = run(nlp, stage, "Spain did not criticize Morocco.")
    event = only(doc, "ACCUSE")
    assert event.status == "negated"


def test_no_doubt_does_not_negate_what_follows(nlp, stage):
    # "no" before a noun of certainty affirms the clause it governs; before an act it negates
    affirmed = run(nlp, stage, "The president of Serbia left no doubt that Serbia backs Moldova.")
    assert only(affirmed, "SUPPORT").status == "asserted"
    denied = run(nlp, stage, "There were no talks between Serbia and Moldova.")
    assert only(denied, "CONSULT").status == "negated"


@pytest.mark.parametrize("text, type_, actor", [
    ("Chancellor Anna Berg was barred from visiting Egypt by the parliament.", "CONSULT", "Anna Berg"),
    ("Spain stopped Morocco from expelling the French diplomats.", "SANCTION", "Morocco"),
])
def test_an_act_prevented_did_not_happen_and_is_the_held_ones(nlp, stage, text, type_, actor):
    event = only(doc := run(nlp, stage, text), type_)
    assert event.status == "negated" and names(doc, event.actors) == [actor]


def test_abusing_power_is_no_assault(nlp, stage):
    assert not run(nlp, stage, "Prime Minister Luis Ortega abused his power, a court in Madrid ruled.").events


def test_refusal_is_reject_and_swallows_its_content(nlp, stage):
    doc = run(nlp, stage, "Iran refused to release the French sailors.")
    assert [e.type for e in doc.events] == ["REJECT"]
    assert names(doc, doc.events[0].actors) == ["Iran"]


def test_will_not_accept_is_reject(nlp, stage):
    doc = run(nlp, stage, "Norway will not accept the French offer.")
    event = only(doc, "REJECT")
    assert names(doc, event.actors) == ["Norway"]


def test_future_retreat_is_concede(nlp, stage):
    doc = run(nlp, stage, "Armenia will withdraw its troops from the village.")
    event = only(doc, "CONCEDE")
    assert event.status == "future" and event.cameo == "035"


# --------------------------------------------------------------------------- roles

def test_compound_actors_make_one_event(nlp, stage):
    doc = run(nlp, stage, "France and Germany condemned the attack on Mali.")
    event = only(doc, "ACCUSE")
    assert names(doc, event.actors) == ["France", "Germany"]


def test_reciprocal_meeting_has_actors_only(nlp, stage):
    doc = run(nlp, stage, "Berg and Ortega met in Lisbon on Friday.")
    event = only(doc, "CONSULT")
    assert names(doc, event.actors) == ["Anna Berg", "Luis Ortega"] and event.recipients == []
    assert event.location is not None and event.location.name == "Lisbon"


def test_passive_agent_is_the_actor(nlp, stage):
    doc = run(nlp, stage, "The journalist Tom Reed was detained by Turkish police.")
    event = only(doc, "COERCE")
    assert names(doc, event.actors) == ["police"] and names(doc, event.recipients) == ["Tom Reed"]


def test_visitor_acts_and_host_country_receives(nlp, stage):
    doc = run(nlp, stage, "President Kim Ho visited Tokyo on Monday.")
    event = only(doc, "CONSULT")
    assert (event.mode, event.cameo) == ("visit", "042")
    assert names(doc, event.actors) == ["Kim Ho"] and names(doc, event.recipients) == ["Japan"]


def test_host_receives_the_guest(nlp, stage):
    doc = run(nlp, stage, "Egypt hosted Ali Omar in Cairo.")
    event = only(doc, "CONSULT")
    assert names(doc, event.actors) == ["Ali Omar"] and names(doc, event.recipients) == ["Egypt"]


def test_possessive_gives_the_recipient(nlp, stage):
    doc = run(nlp, stage, "Qatar condemned Israel's bombardment of the camp.")
    event = only(doc, "ACCUSE")
    assert names(doc, event.recipients) == ["Israel"]


def test_clause_without_political_actor_is_skipped(nlp, stage):
    doc = run(nlp, stage, "The storm destroyed the bridge and the river flooded the village.")
    assert doc.events == []


def test_state_forces_blocking_roads_coerce(nlp, stage):
    doc = run(nlp, stage, "Police blocked the roads to the parliament.")
    assert [e.type for e in doc.events] == ["COERCE"]
    doc = run(nlp, stage, "Thousands of farmers blocked the roads to the parliament.")
    assert [e.type for e in doc.events] == ["PROTEST"]


# --------------------------------------------------------------------------- speech acts and background

def test_labelling_as_provocation_is_criticism(nlp, stage):
    doc = run(nlp, stage, 'Chancellor Anna Berg called the Spain-Morocco exercise "a reckless provocation".')
    event = only(doc, "ACCUSE")
    assert names(doc, event.actors) == ["Anna Berg"]
    assert sorted(names(doc, event.recipients)) == ["Morocco", "Spain"]


def test_reported_threat_label_is_criticism_by_the_speaker(nlp, stage):
    doc = run(nlp, stage, 'Berg said Ortega\'s remarks were "a threat" to the talks.')
    event = only(doc, "ACCUSE")
    assert names(doc, event.actors) == ["Anna Berg"] and names(doc, event.recipients) == ["Luis Ortega"]


def test_must_under_a_speech_verb_is_a_demand(nlp, stage):
    doc = run(nlp, stage, "Berg told Ortega that Morocco must stop the raids and lift the blockade.")
    event = only(doc, "REQUEST")
    assert names(doc, event.actors) == ["Anna Berg"] and names(doc, event.recipients) == ["Morocco"]
    assert [e.type for e in doc.events] == ["REQUEST"]


def test_time_for_a_ceasefire_is_a_call(nlp, stage):
    doc = run(nlp, stage, "Chancellor Anna Berg told Prime Minister Luis Ortega it was time for a ceasefire.")
    event = only(doc, "REQUEST")
    assert names(doc, event.actors) == ["Anna Berg"] and event.mode == "yield"


def test_intent_adjective_is_agree(nlp, stage):
    doc = run(nlp, stage, "Norway is ready to send monitors to Serbia.")
    event = only(doc, "AGREE")
    assert names(doc, event.actors) == ["Norway"]


def test_relative_clause_and_long_past_background_are_skipped(nlp, stage):
    doc = run(nlp, stage, "Berg, who has often criticised Ortega, arrived in Madrid.")
    assert [e.type for e in doc.events] == ["CONSULT"]
    doc = run(nlp, stage, "Canada praised Ghana two years after Ghana expelled the Canadian ambassador.")
    assert [e.type for e in doc.events] == ["SUPPORT"]


def test_resignation_of_names_the_actor(nlp, stage):
    doc = run(nlp, stage, "The parliament accepted the resignation of Chancellor Anna Berg.")
    event = only(doc, "RETREAT")
    assert names(doc, event.actors) == ["Anna Berg"] and event.mode == "resign"


def test_hostile_act_needs_a_known_target(nlp, stage):
    doc = run(nlp, stage, "Police dispersed them with tear gas.")
    assert doc.events == []


# --------------------------------------------------------------------------- when, where, who said

def test_date_from_the_clause_and_location(nlp, stage):
    doc = run(nlp, stage, "Chancellor Anna Berg met Prime Minister Luis Ortega in Madrid on Tuesday.",
              timexes={"on Tuesday": "2024-05-07"})
    event = only(doc, "CONSULT")
    assert (event.date, event.date_text, event.date_precision) == ("2024-05-07", "on Tuesday", "day")
    assert event.location.name == "Madrid" and event.location.country == "ESP"


def test_date_falls_back_to_publication_for_news_of_the_day(nlp, stage):
    doc = run(nlp, stage, "Egypt condemned the Israeli raid.")
    event = only(doc, "ACCUSE")
    assert (event.date, event.date_precision) == ("2024-05-10", "day")
    doc = run(nlp, stage, "Chancellor Anna Berg will meet Prime Minister Luis Ortega.")
    assert only(doc, "AGREE").date_precision == "unknown"


def test_event_in_a_quote_is_reported_by_the_speaker(nlp, stage):
    text = "“Germany will never forget it: Spain sent aid to Nepal,” Berg said."
    doc = make_doc(text)
    start, end = 1, text.index("”")
    berg = next(a for a in doc.actors if a.name == "Anna Berg")
    doc.quotes = [Quote(id="q1", text=text[start:end], kind="direct", speaker=berg.id, start=start, end=end)]
    stage(doc, nlp(doc.text))
    event = only(doc, "AID")
    assert event.reported_by == berg.id


# --------------------------------------------------------------------------- one event per action

def test_repeated_report_merges_with_fuller_details(nlp, stage):
    text = ("Chancellor Anna Berg met Prime Minister Luis Ortega on Tuesday.\n\n"
            "The talks covered trade.\n\nBerg met Ortega in Madrid, officials said.")
    doc = run(nlp, stage, text, timexes={"on Tuesday": "2024-05-07"})
    event = only(doc, "CONSULT")
    assert event.date == "2024-05-07"
    assert event.location is not None and event.location.name == "Madrid"
    assert event.evidence.start == 0


def test_different_recipients_stay_apart(nlp, stage):
    text = "Chancellor Anna Berg met Prime Minister Luis Ortega.\n\nLater, Berg met President Kim Ho."
    doc = run(nlp, stage, text)
    assert len([e for e in doc.events if e.type == "CONSULT"]) == 2


def test_ids_and_offsets(nlp, stage):
    text = "Egypt condemned the Israeli raid. Canada praised Ghana."
    doc = run(nlp, stage, text)
    assert [e.id for e in doc.events] == ["e1", "e2"]
    for e in doc.events:
        assert doc.text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert 0.0 <= e.confidence <= 1.0
    assert json.loads(doc.to_json())["events"][0]["type"] == "ACCUSE"


# --------------------------------------------------------------------------- data files

def test_data_files_are_valid():
    res = resources.load()
    spec_modes = {(t, m) for (t, m) in res.scores}
    used_types = set()
    for rows in res.patterns.values():
        for row in rows:
            if row.type == "NONE":
                continue
            used_types.add(row.type)
            assert row.cameo and row.cameo in res.goldstein, (row.line, row.cameo)
            assert row.mode is None or (row.type, row.mode) in spec_modes, (row.line, row.mode)
            assert set(row.flags) <= {"swap", "visit", "speaker", "stative", "ofagent", "foreign"}, row.line
    assert used_types == set(resources.PLOVER_TYPES)
    for t in resources.PLOVER_TYPES:
        assert (t, None) in res.scores
    assert res.scores[("ACCUSE", None)] == -3.0
    assert resources.quad_class("036") == 1 and resources.quad_class("062") == 2
    assert resources.quad_class("111") == 3 and resources.quad_class("195") == 4
    assert res.goldstein["036"] == 4.0 and res.goldstein["195"] == -10.0
    assert resources.goldstein_of(res, "0849") == res.goldstein["084"]  # parent code fallback
    cues = res.cues
    for key in ("light_verbs", "future_verbs", "hypothetical_aux", "negation_words", "speech_verbs",
                "request_modes", "context_words", "negative_types", "evaluative_nouns"):
        assert cues.get(key), key
    assert set(cues["negative_types"]) <= set(resources.PLOVER_TYPES)
    for type_, mode in cues["threat_modes"].items():
        assert ("THREATEN", mode) in spec_modes


def test_bad_pattern_rows_are_refused():
    header = "pos\tlemma\tcues\ttype\tmode\tcameo\tcontext\tflags\n"
    with pytest.raises(ValueError):
        resources.parse_patterns(header + "V\tmeet\t-\tMEETING\t-\t040\t-\t-\n")
    with pytest.raises(ValueError):
        resources.parse_patterns(header + "V\tmeet\twith:x\tCONSULT\t-\t040\t-\t-\n")
    with pytest.raises(ValueError):
        resources.parse_patterns(header + "V\tmeet\t-\tCONSULT\n")


# --------------------------------------------------------------------------- end to end (all stages)

def test_end_to_end_visit_and_criticism():
    import dragoman

    text = ("Spanish Prime Minister Luis Ortega arrived in Berlin on Monday for talks with "
            "German Chancellor Anna Berg.\n\n"
            "Ortega criticised Russia over the detention of two Spanish aid workers.")
    doc = dragoman.code(text, published="2024-05-06")
    by_type = {e.type: e for e in doc.events}
    assert "CONSULT" in by_type and "ACCUSE" in by_type
    visit = by_type["CONSULT"]
    assert doc.actor(visit.actors[0]).country == "ESP"
    assert any(doc.actor(r).country == "DEU" for r in visit.recipients)
    accuse = by_type["ACCUSE"]
    assert any(doc.actor(r).country == "RUS" for r in accuse.recipients)


def test_end_to_end_future_meeting():
    import dragoman

    text = "French President Paul Martin will meet Japanese Prime Minister Aiko Sato in Paris next week."
    doc = dragoman.code(text, published="2024-05-06")
    agree = [e for e in doc.events if e.type == "AGREE"]
    assert len(agree) == 1 and agree[0].status == "future" and agree[0].cameo == "036"
    assert doc.actor(agree[0].actors[0]).country == "FRA"
    assert doc.actor(agree[0].recipients[0]).country == "JPN"


@pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "seed-ynet-gantz-ankara.json").exists(), reason="no shared corpus")
def test_end_to_end_seed_article_required_events():
    from dragoman.evaluation.scoring import score_events

    import dragoman

    gold = json.loads((SHARED / "corpus" / "dev" / "seed-ynet-gantz-ankara.json").read_text("utf-8"))
    doc = dragoman.code(gold["text"], published=gold["meta"]["published"])
    scores = score_events(doc.to_dict(), gold["gold"]["events"], gold["gold"]["actors"])
    assert scores["tp"] == scores["gold_required"] == 7
    assert scores["fp"] <= 2


@pytest.mark.parametrize("text", [
    "Poland's bowlers struck twice in the first over against Lithuania.",   # sport
    "The Egypt striker struck the post twice before half-time against Ghana.",
    "Japan released new figures on exports to China.",                     # a document, not prisoners
    "China released a new smartphone for buyers in Japan.",                # a product
    "Berg's campaign released an ad about Ortega on Monday.",              # an advert
    "Spain struck a deal with Morocco on fishing quotas.",                 # an agreement, not an attack
])
def test_hard_negatives_are_not_attacks_or_releases(nlp, stage, text):
    assert not any(e.type in ("ASSAULT", "RETREAT") for e in run(nlp, stage, text).events)


@pytest.mark.parametrize("text", ["", "...", "\n\n", "Yes.", "“ ” — –", "word " * 400])
def test_odd_texts_give_no_events_and_no_errors(nlp, stage, text):
    doc = Document(id="odd", text=text)
    stage(doc, nlp(text))
    assert doc.events == []


# --- implied participants (sentences written for these tests; full pipeline) ---

def _coded(text: str):
    import dragoman

    doc = dragoman.code("Headline\n\n" + text, published="2024-05-06")
    return doc, [(e.type, [doc.actor(a).name for a in e.actors], [doc.actor(r).name for r in e.recipients])
                 for e in doc.events]


def test_whoever_must_meet_a_threats_condition_is_its_target():
    _doc, events = _coded("Ghana threatened to impose sanctions on Monday unless Togo reopens the border by Friday.")
    assert ("THREATEN", ["Ghana"], ["Togo"]) in events


def test_force_used_despite_a_march_targets_the_marchers():
    _doc, events = _coded("Thousands of protesters marched on the ministry in Lima despite volleys of tear gas "
                          "fired by police.")
    assert ("ASSAULT", ["police"], ["protesters"]) in events


def test_plural_pronoun_object_is_the_group_of_the_other_clause():
    _doc, events = _coded("In Lima, several protesters tried to climb the gates before riot police dispersed "
                          "them with tear gas.")
    assert ("ASSAULT", ["riot police"], ["several protesters"]) in events


def test_sender_of_a_handed_over_convoy_is_the_aid_actor():
    doc, events = _coded("Forty trucks organised by the World Food Programme crossed into Chad on Sunday and "
                         "were handed over to the Chadian government.")
    assert ("AID", ["World Food Programme"], ["Chad"]) in events


def test_regional_leaders_sanction_as_their_body():
    _doc, events = _coded("West African leaders on Sunday imposed sanctions on Guinea. The Economic Community "
                          "of West African States also suspended Guinea from its bodies.")
    assert any(t == "SANCTION" and a == ["Economic Community of West African States"] and r == ["Guinea"]
               for t, a, r in events), events


# --------------------------------------------------------------------------- broadened vocabulary

#: one sentence per verb/noun family added to patterns.tsv: (expected type, expected CAMEO prefix, text)
VOCABULARY_CASES = [
    ("CONSULT", "043", "Chancellor Anna Berg received the Spanish delegation in Berlin."),
    ("AGREE", "030", "Japan consented to the Spanish terms."),
    ("THREATEN", "138", "Iran pledged to retaliate against Israel."),
    ("SUPPORT", "051", "Canada saluted Ghana for the peaceful vote."),
    ("SUPPORT", "057", "Poland ratified the border treaty with Lithuania."),
    ("SUPPORT", "051", "Spain expressed solidarity with Morocco after the floods."),
    ("COOPERATE", "060", "France teamed up with Germany to track the smugglers."),
    ("AID", "071", "The European Union approved a loan to Moldova."),
    ("AID", "073", "Japan airlifted tents and blankets to Nepal."),
    ("RETREAT", "0873", "The rebels laid down their weapons."),
    ("RETREAT", "0841", "Armenia and Serbia exchanged prisoners on Friday."),
    ("RETREAT", "0863", "Egypt reopened the border crossing for the convoys."),
    ("CONCEDE", "056", "Serbia granted an amnesty to the jailed protesters."),
    ("CONCEDE", "080", "Prime Minister Luis Ortega caved in to the farmers."),
    ("REQUEST", "100", "Iran insisted on the release of the French reporters by Serbia."),
    ("REQUEST", "020", "Canada pressured Venezuela to hold a fair vote."),
    ("ACCUSE", "111", "Germany lambasted Russia over the cyber campaign."),
    ("ACCUSE", "114", "Poland summoned the Russian ambassador over the drone."),
    ("ACCUSE", "090", "The European Union dispatched inspectors to monitor the Iranian nuclear facility."),
    ("REJECT", "120", "Venezuela turned down the Canadian offer of talks."),
    ("REJECT", "128", "Serbia ignored the European Union ultimatum."),
    ("PROTEST", "145", "Syrian rebels threw stones at the Israeli patrol."),
    ("PROTEST", "143", "Thousands of farmers walked out of the French factories."),
    ("SANCTION", "163", "The United States blacklisted Venezuela's oil company."),
    ("SANCTION", "164", "Russia abandoned the talks with Moldova."),
    ("MOBILIZE", "154", "China dispatched warships to the islands near Japan."),
    ("MOBILIZE", "152", "Japan raised the alert level of its forces after China fired missiles."),
    ("COERCE", "173", "Turkish police took opposition leader Sam Kiza into custody."),
    ("COERCE", "176", "Iran hacked the Israeli water system."),
    ("COERCE", "175", "Turkish police cracked down on opposition leader Sam Kiza."),
    ("ASSAULT", "192", "Syria recaptured the town from the rebels."),
    ("ASSAULT", "183", "Syrian rebels detonated a car bomb at the Israeli checkpoint."),
    ("ASSAULT", "181", "Syrian rebels took the journalist Tom Reed hostage."),
    ("REJECT", "129", "Russia blocked the Norwegian resolution on Syria."),
    ("PROTEST", "141", "Thousands of farmers took to the streets of Paris."),
    ("MOBILIZE", "154", "Russia amassed tanks near Moldova."),
    ("SANCTION", "162", "The United States withheld aid from Venezuela."),
    ("COERCE", "172", "Turkish police restricted access to opposition leader Sam Kiza."),
    ("THREATEN", "138", "Iran vowed revenge against Israel."),
    ("ASSAULT", "182", "Turkish police assaulted the journalist Tom Reed."),
    ("REJECT", "125", "France delayed the summit with Iran."),
    ("SUPPORT", "057", "Poland approved the defence pact with Lithuania."),
    ("REQUEST", "020", "Spain sought an explanation from Morocco."),
]


@pytest.mark.parametrize("type_,cameo,text", VOCABULARY_CASES, ids=[f"{c[0]}-{c[1]}" for c in VOCABULARY_CASES])
def test_broadened_vocabulary(nlp, stage, type_, cameo, text):
    doc = run(nlp, stage, text)
    found = [(e.type, e.cameo) for e in doc.events]
    assert any(t == type_ and c.startswith(cameo) for t, c in found), found


def test_brokering_a_deal_is_third_party_consultation(nlp):
    from dragoman.events.detect import match_pattern

    res = resources.load()
    hits = [(t.text, p.type, p.cameo) for t in nlp("Norway brokered a truce between Serbia and Moldova.")
            if (p := match_pattern(res, t))]
    assert ("brokered", "CONSULT", "045") in hits


@pytest.mark.parametrize("type_,cameo,text", [
    ("RETREAT", "080", "Prime Minister Luis Ortega stepped down on Friday."),
    ("SANCTION", "164", "Russia pulled out of the gas treaty with Moldova."),
    ("REJECT", "125", "Iran walked out of the talks with France."),
], ids=["stepped-down-advmod", "pulled-out-of", "walked-out-of"])
def test_phrasal_verbs_parsed_with_adverb_or_preposition(nlp, stage, type_, cameo, text):
    doc = run(nlp, stage, text)
    assert any(e.type == type_ and e.cameo.startswith(cameo) for e in doc.events), [(e.type, e.cameo) for e in doc.events]


def test_the_agent_of_a_demanded_act_is_the_recipient(nlp, stage):
    doc = run(nlp, stage, "Iran insisted on the release of the French reporters by Serbia.")
    event = only(doc, "REQUEST")
    assert names(doc, event.actors) == ["Iran"] and names(doc, event.recipients) == ["Serbia"]


def test_an_object_pronoun_that_disagrees_in_number_is_not_resolved(nlp, stage):
    doc = run(nlp, stage, "Russia expelled three Spanish diplomats, accusing it of spying.")
    assert not any(e.type == "ACCUSE" and "Spanish diplomats" in names(doc, e.recipients) for e in doc.events)


def test_a_call_given_as_a_cause_is_not_the_subjects_talks(nlp, stage):
    doc = run(nlp, stage, "Norway suspended Chancellor Anna Berg over a call with Prime Minister Luis Ortega.")
    assert not any(e.type == "CONSULT" and "Norway" in names(doc, e.actors) for e in doc.events)


@pytest.mark.parametrize("text", [
    "Real Oviedo attacked Sporting Lisboa down the left and won 2-0.",
    "Jon Arriaga struck twice with the new ball to win the match for Spain.",
])
def test_force_words_in_a_game_between_non_state_sides_are_no_attack(nlp, stage, text):
    doc = run(nlp, stage, text)
    assert not any(e.type == "ASSAULT" for e in doc.events), [(e.type, names(doc, e.actors)) for e in doc.events]


def test_armed_actors_at_a_game_still_attack(nlp, stage):
    doc = run(nlp, stage, "Syrian rebels attacked Real Oviedo fans after the match in Madrid.")
    assert any(e.type == "ASSAULT" and names(doc, e.actors) == ["rebels"] for e in doc.events)


def test_a_drill_with_no_foreign_party_is_no_event(nlp, stage):
    doc = run(nlp, stage, "Turkish police held a drill in Madrid on Monday.")
    assert not any(e.type == "MOBILIZE" for e in doc.events)


def test_an_armed_gang_storming_a_building_is_an_attack(nlp, stage):
    doc = run(nlp, stage, "Syrian rebel gangs stormed the Spanish embassy.")
    assert any(e.type == "ASSAULT" for e in doc.events), [(e.type, names(doc, e.actors)) for e in doc.events]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Berg said Ortega was unfit to lead the talks.", "Anna Berg", "Luis Ortega"),               # a verdict on a person
    ("Berg said Ortega is weak and incompetent.", "Anna Berg", "Luis Ortega"),                   # a later conjunct
    ("Anna Berg called Ortega a corrupt leader.", "Anna Berg", "Luis Ortega"),                   # on the label noun
    ("Anna Berg described Ortega as a danger to the union.", "Anna Berg", "Luis Ortega"),        # "as" after a naming verb
    ("Germany said Iran was behind the bombing of the depot.", "Germany", "Iran"),               # blame: behind a wrong
    ("Germany said Russia was responsible for the strikes on Kyiv.", "Germany", "Russia"),       # responsible for a wrong
])
def test_a_verdict_or_blame_in_speech_is_criticism_by_the_speaker(nlp, stage, text, actor, recipient):
    doc = run(nlp, stage, text)
    event = only(doc, "ACCUSE")
    assert names(doc, event.actors) == [actor] and names(doc, event.recipients) == [recipient]


@pytest.mark.parametrize("text", [
    "Germany denied that Iran was behind the bombing of the depot.",  # a denial is no charge
    "Berg did not say that Ortega was unfit.",                        # negated
    "Germany said France was responsible for security at the summit.",  # a duty, not a wrong
    "Iran said it was behind the bombing of the depot.",              # a claim of one's own act
    "Syrian rebels said their fighters were behind the bombing of the depot.",  # one's own fighters
    "Berg said the Russian economy was weak.",                        # a mild word on no actor itself
    "Berg said Ortega was neither corrupt nor dishonest.",            # "neither … nor" denies both
    "Germany said Turkish police were responsible for the arrests.",  # coercion is no wrong "responsible for"
])
def test_no_criticism_where_the_verdict_is_denied_or_no_wrong_is_blamed(nlp, stage, text):
    doc = run(nlp, stage, text)
    assert not [e for e in doc.events if e.type == "ACCUSE"], [(e.type, names(doc, e.recipients)) for e in doc.events]


def test_a_pronoun_subject_of_a_coordinated_clause_is_the_first_subject(nlp, stage):
    doc = run(nlp, stage, "Germany said on Monday that it would not appeal the ruling, but it urged Iran to free the crew.")
    assert names(doc, only(doc, "REQUEST").actors) == ["Germany"]


def test_the_one_punished_or_praised_for_an_act_did_it(nlp, stage):
    """ "sentenced X for -ing", "praised X for -ing": X acts; a finite verb after the gerund
    does not ("accused Iran of X-ing and recalled its envoy": Germany recalled)."""
    doc = run(nlp, stage, "A court in Madrid sentenced opposition leader Sam Kiza to life for shooting dead a Spanish officer.")
    assert names(doc, only(doc, "ASSAULT").actors) == ["Sam Kiza"]
    doc = run(nlp, stage, "Germany accused Iran of shooting down a drone near the border and recalled its ambassador "
                          "from Iran.")
    assert names(doc, only(doc, "ACCUSE").actors) == ["Germany"]
    assert names(doc, only(doc, "SANCTION").actors) == ["Germany"]  # the parse makes "recalled" a conjunct of "shooting"
    doc = run(nlp, stage, "Turkish police arrested a teenager for throwing stones at Syrian rebels.")
    assert not [e for e in doc.events if names(doc, e.actors) == ["police"] and e.type != "COERCE"]


@pytest.mark.parametrize("text, type_", [
    ("Berg said Ortega was the right choice for the union.", "SUPPORT"),   # praise on a head noun
    ("Anna Berg called Ortega a strong leader.", "SUPPORT"),
    ("Berg said Ortega was honest and qualified.", "SUPPORT"),            # a praise verdict
    ("Berg said Ortega lacks the judgment to lead the union.", "ACCUSE"),  # lacking a virtue
    ("Berg said Ortega was not honest.", "ACCUSE"),                        # praise denied is criticism
    ("Berg said Ortega was neither honest nor qualified.", "ACCUSE"),
    ("Berg said Ortega was not only honest but also brave.", "SUPPORT"),  # "not only" denies nothing
])
def test_a_verdict_of_praise_or_of_lack_in_speech(nlp, stage, text, type_):
    doc = run(nlp, stage, text)
    event = only(doc, type_)
    assert names(doc, event.actors) == ["Anna Berg"] and names(doc, event.recipients) == ["Luis Ortega"]


@pytest.mark.parametrize("text", [
    "Berg said Germany was a reliable partner.",        # praise of one's own state is no act aimed at anyone
    "Berg said the Spanish economy was remarkable.",    # a mild word on no actor itself
    "Berg admitted that Ortega had been right.",        # "right" said of someone concedes; only "the right man" praises
    "Berg said Ortega was not corrupt but honest.",     # the "not" denies only "corrupt": no flip to criticism
    "Berg said Germany could not have been more reliable.",  # a negated comparative praises
    "Berg said that if Ortega was not honest, voters would know.",  # a condition, not a verdict
    "Berg said the Spanish economy was strong.",        # a mild word on no person-like head
    "Berg said Ortega lacks the funds to finish the road.",  # lacking money is no verdict
])
def test_no_verdict_where_denied_or_no_person_is_judged(nlp, stage, text):
    doc = run(nlp, stage, text)
    assert not [e for e in doc.events if e.type in ("SUPPORT", "ACCUSE")], [(e.type, names(doc, e.recipients)) for e in doc.events]


def test_a_quoted_verdict_on_a_pronoun_judges_whom_it_was_said_of(nlp, stage):
    doc = run(nlp, stage, '"He is dishonest and unfit," Berg said of Ortega.')
    event = only(doc, "ACCUSE")
    assert names(doc, event.actors) == ["Anna Berg"] and names(doc, event.recipients) == ["Luis Ortega"]
    doc = run(nlp, stage, '"We were naive," Berg said of Germany.')  # "we" is the speaker's side
    assert not [e for e in doc.events if e.type == "ACCUSE"]


@pytest.mark.parametrize("text, recipient", [
    ("Berg said her rival Luis Ortega was unfit to lead.", "Luis Ortega"),        # a rival, not one's own
    ("Opposition leader Sam Kiza said Spain was behind the bombing.", "Spain"),  # not his own state
    ("Germany said Iran was behind the arrests of the French sailors.", "Iran"),  # coercion "behind"
])
def test_blame_of_a_rival_or_by_a_non_official_is_kept(nlp, stage, text, recipient):
    doc = run(nlp, stage, text)
    assert names(doc, only(doc, "ACCUSE").recipients) == [recipient]


def test_an_impeachment_is_a_formal_charge(nlp, stage):
    doc = run(nlp, stage, "The Spanish parliament voted to impeach Prime Minister Luis Ortega.")
    assert names(doc, only(doc, "ACCUSE").recipients) == ["Luis Ortega"]


def test_praise_from_someone_is_theirs_and_aimed_at_the_holder(nlp, stage):
    """ "cited his endorsements from X", "unveiled a list of endorsements from X": X supports him."""
    for text in ("Ortega cited his own endorsements from Norway and Canada.",
                 "Ortega unveiled a list of endorsements from Norway and Canada."):
        doc = run(nlp, stage, text)
        event = only(doc, "SUPPORT")
        assert sorted(names(doc, event.actors)) == ["Canada", "Norway"] and names(doc, event.recipients) == ["Luis Ortega"]
    # a verb that passes praise on does not receive it
    doc = run(nlp, stage, "Ortega relayed praise from Norway to Ghana.")
    assert names(doc, only(doc, "SUPPORT").recipients) == ["Ghana"]


def test_the_labelled_act_is_not_the_namers_own(nlp, stage):
    """ "called the strikes illegal" is no strike called by Germany."""
    doc = run(nlp, stage, "Germany called the Russian strikes illegal.")
    assert [e.type for e in doc.events] == ["ACCUSE"]


@pytest.mark.parametrize("text, type_", [
    ("Thousands of farmers called a general strike for Friday.", "PROTEST"),
    ("Thousands of farmers called off the walkout after Spain raised its offer.", "CONCEDE"),
])
def test_calling_a_strike_is_the_protest_and_calling_it_off_a_concession(nlp, stage, text, type_):
    doc = run(nlp, stage, text)
    assert any(e.type == type_ and names(doc, e.actors) == ["farmers"] for e in doc.events), \
        [(e.type, names(doc, e.actors)) for e in doc.events]


def test_over_names_a_cause_except_for_a_grievance(nlp, stage):
    doc = run(nlp, stage, "Germany supported Spain over France in the vote.")
    assert names(doc, only(doc, "SUPPORT").recipients) == ["Spain"]
    doc = run(nlp, stage, "Egypt complained to the European Union over Israeli air raids.")
    assert "Israel" in names(doc, only(doc, "ACCUSE").recipients)


# ---- counter-examples an independent reviewer found for this session's rules

def test_an_object_pronoun_of_a_verb_of_force_is_not_resolved_to_a_party(nlp, stage):
    doc = run(nlp, stage, "Israel intercepted a drone launched from Egypt and shot it down.")
    assert not any("Egypt" in names(doc, e.recipients) for e in doc.events if e.type == "ASSAULT")


def test_an_object_pronoun_takes_a_whole_list(nlp, stage):
    doc = run(nlp, stage, "Germany blocked the bids of Spain and France, accusing them of fraud.")
    assert names(doc, only(doc, "ACCUSE").recipients) == ["Spain", "France"]


@pytest.mark.parametrize("text, score", [
    ("Herders killed 12-15 farmers on Sunday.", False),
    ("A mob of 30-40 youths beat two reporters.", False),
    ("Madrid won 2-0 on Sunday.", True),
    ("Madrid came back for a 3-1 win.", True),
])
def test_a_range_of_people_is_no_scoreline(nlp, text, score):
    from dragoman.events.build import EventBuilder

    builder = EventBuilder(resources.load())
    assert builder._has_score(next(iter(nlp(text).sents))) is score


def test_leaving_talks_is_not_taking_part_in_them(nlp, stage):
    doc = run(nlp, stage, "Iran withdrew from talks with Germany.")
    assert not any(e.type == "CONSULT" for e in doc.events)


def test_drills_with_a_partner_are_cooperation(nlp, stage):
    doc = run(nlp, stage, "Japan held exercises with the United States.")
    assert [e.type for e in doc.events] == ["COOPERATE"]


@pytest.mark.parametrize("text", [
    "Russia ordered three Spanish diplomats to leave the country within 72 hours.",
    "Russia ordered the Spanish ambassador out of the country.",
])
def test_ordering_envoys_to_leave_is_an_expulsion(nlp, stage, text):
    doc = run(nlp, stage, text)
    assert any(e.type == "SANCTION" for e in doc.events), [(e.type, e.cameo) for e in doc.events]


@pytest.mark.parametrize("text, type_", [
    ("Thousands of farmers occupied the main square in Madrid.", "PROTEST"),   # the counted noun acts
    ("Spain's Supreme Court struck down the fuel tax decree.", "REJECT"),      # a court annuls
    ("Syrian rebels torched dozens of homes in the village.", "ASSAULT"),     # armed men burn homes
])
def test_subject_and_particle_readings_of_force_words(nlp, stage, text, type_):
    doc = run(nlp, stage, text)
    assert any(e.type == type_ for e in doc.events), [(e.type, names(doc, e.actors)) for e in doc.events]


def test_backed_by_describes_and_reports_no_support(nlp, stage):
    doc = run(nlp, stage, "Syrian rebels backed by Iran recaptured the town.")
    assert not any(e.type == "SUPPORT" for e in doc.events)


@pytest.mark.parametrize("text, type_, recipients", [
    # a "with" that is no party: the show of force keeps its target
    ("China held exercises near Japan with its new aircraft carrier.", "MOBILIZE", ["Japan"]),
    # an attack verb's object pronoun
    ("Russia massed troops on the border with Moldova and later invaded it.", "ASSAULT", ["Moldova"]),
    # returning from talks is having held them
    ("Chancellor Anna Berg returned from talks with Prime Minister Luis Ortega.", "CONSULT", ["Luis Ortega"]),
])
def test_second_review_counter_examples(nlp, stage, text, type_, recipients):
    doc = run(nlp, stage, text)
    assert any(e.type == type_ and names(doc, e.recipients) == recipients for e in doc.events), \
        [(e.type, names(doc, e.actors), names(doc, e.recipients)) for e in doc.events]


def test_the_condition_of_a_threat_is_no_act(nlp, stage):
    doc = run(nlp, stage, "Russia threatened to quit the talks if the United States goes ahead with the deployment.")
    assert not any(names(doc, e.actors) == ["United States"] for e in doc.events)


def test_the_label_a_naming_verb_gives_is_no_second_act(nlp, stage):
    doc = run(nlp, stage, "Iran called the Israeli raid a massacre.")
    assert [(e.type, names(doc, e.actors), names(doc, e.recipients)) for e in doc.events] == \
        [("ACCUSE", ["Iran"], ["Israel"])]


def test_a_passive_agent_satisfies_a_subject_cue(nlp, stage):
    doc = run(nlp, stage, "Dozens of houses were torched by Syrian rebels.")
    assert any(e.type == "ASSAULT" and names(doc, e.actors) == ["rebels"] for e in doc.events), \
        [(e.type, names(doc, e.actors)) for e in doc.events]


@pytest.mark.parametrize("sentence, word, expected", [
    ("Diplomats hoping to meet the envoy waited.", "hoping", "hope"),
    ("The rebels waged war on the capital.", "waged", "wage"),
    ("Workers staged a sit-in.", "staged", "stage"),
    ("The court fined the party.", "fined", "fine"),
    ("Crews scraped the paint off.", "scraped", "scrape"),
    ("Soldiers hopped over the wall.", "hopped", "hop"),   # doubled: the short stem itself
    ("Police scrapped the plan.", "scrapped", "scrap"),
    ("The buses stopped.", "buses", "bus"),                  # a sibilant takes -es
    ("Officials visited the camp.", "visited", "visit"),     # two syllables: no silent e
])
def test_lemmas_of_silent_e_verbs(nlp, sentence, word, expected):
    from dragoman.events.detect import lemma

    tok = next(t for t in nlp(sentence) if t.text == word)
    assert lemma(tok) == expected


@pytest.mark.parametrize("sentence, type_, recipient", [
    ("Students in Lima demanded the resignation of Prime Minister Ana Jara.", "REQUEST", "Ana Jara"),
    ("Tbilisi welcomed the withdrawal of Russian troops from the valley.", "SUPPORT", "Russian troops"),
])
def test_the_doer_of_an_act_only_its_doer_performs_is_the_recipient(coder, sentence, type_, recipient):
    doc = coder.code(RawArticle(text=sentence, origin="test", published="2024-03-05"))
    wanted = {a.id for a in doc.actors if recipient in a.name or any(recipient in m.text for m in a.mentions)}
    assert any(e.type == type_ and set(e.recipients) & wanted for e in doc.events)


@pytest.mark.parametrize("sentence, type_", [
    ("Militiamen raped dozens of women in Tawila, survivors told reporters.", "ASSAULT"),
    ("The junta has waged war on the Karen rebels since 2021.", "ASSAULT"),
])
def test_a_silent_e_trigger_the_lemmatizer_cut_short_is_still_found(coder, sentence, type_):
    doc = coder.code(RawArticle(text=sentence, origin="test", published="2024-03-05"))
    assert any(e.type == type_ for e in doc.events)


@pytest.mark.parametrize("sentence, violent", [
    ("Nurses waged a campaign for higher pay in Nairobi.", False),
    ("The opposition waged a campaign against President Ruto.", False),
    ("The army waged a bombing campaign against the rebels in Darfur.", True),
])
def test_waging_a_campaign_is_violence_only_when_armed(coder, sentence, violent):
    doc = coder.code(RawArticle(text=sentence, origin="test", published="2024-03-05"))
    assert any(e.type == "ASSAULT" for e in doc.events) == violent

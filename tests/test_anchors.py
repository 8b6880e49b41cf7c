"""When and where an event is, and on what basis (SPEC §2 `date_source`,
`location.source`; issue 12 parts 4 and 6).  Articles written for these tests."""

from __future__ import annotations

import pytest

from dragoman.events import anchor
from dragoman.model import Document, Event, Location, RawArticle
from dragoman.store import queries
from dragoman.store.db import connect
from dragoman.store.writer import event_day, write_documents

PUBLISHED = "2024-06-27"  # a Thursday

BACKGROUND = ("Chancellor Anna Berg met Prime Minister Luis Ortega in Madrid on Tuesday, officials said.\n\n"
              "Berg had visited Portugal in the spring, and the two leaders had previously signed a trade pact.\n\n"
              "Portugal's president earlier criticised Spain over fishing quotas.")
LEAD = ("Kenyan President William Ruto has withdrawn the finance bill after deadly protests, his office said.\n\n"
        "The opposition welcomed the decision.")
PARAGRAPH = ("Thousands of protesters gathered in Tbilisi on Sunday, chanting against the government. "
             "Police fired tear gas at the demonstrators.\n\nThe opposition condemned the police.")
DATELINE = ("NAIROBI, June 26 -- Kenyan President William Ruto dropped the finance bill on Wednesday after "
            "weeks of protests.\n\nThe opposition praised Ruto for the decision.")
NO_PLACE = ("The government of Georgia criticised the European Union on Monday, officials said.\n\n"
            "Prime Minister Irakli Kobakhidze accused the opposition of lying. Georgia and Armenia later "
            "signed an agreement. Georgian officials said Georgia would not back down.")


def code(coder, text: str, doc_id: str = "t") -> Document:
    return coder.code(RawArticle(text=text, published=PUBLISHED, id=doc_id, title="A headline about politics"))


def event_in(doc: Document, words: str, type_: str | None = None) -> Event:
    found = [e for e in doc.events if words in e.evidence.text and (type_ is None or e.type == type_)]
    assert found, [(e.type, e.evidence.text) for e in doc.events]
    return found[0]


# --------------------------------------------------------------------------- dates

def test_a_day_in_the_clause_is_text(coder):
    event = event_in(code(coder, BACKGROUND), "on Tuesday", "CONSULT")
    assert (event.date, event.date_text, event.date_source) == ("2024-06-25", "on Tuesday", "text")
    assert event.to_dict()["date_source"] == "text"


def test_past_perfect_background_has_no_date(coder):
    doc = code(coder, BACKGROUND)
    for event in [e for e in doc.events if "had previously signed" in e.evidence.text]:
        assert event.date is None and event.date_source == "none" and event.date_precision == "unknown"


def test_background_adverb_has_no_date(coder):
    event = event_in(code(coder, BACKGROUND), "earlier criticised", "ACCUSE")
    assert (event.date, event.date_source) == (None, "none")


def test_present_perfect_lead_without_a_date_takes_the_publication_day(coder):
    event = event_in(code(coder, LEAD), "has withdrawn", "RETREAT")
    assert (event.date, event.date_text, event.date_source) == (PUBLISHED, None, "published")


def test_dateline_date_for_news_without_its_own(coder):
    event = event_in(code(coder, DATELINE), "praised Ruto")
    assert (event.date, event.date_source) == ("2024-06-26", "dateline")


def test_last_year_without_a_day_is_background(coder):
    doc = code(coder, "Chancellor Anna Berg criticised Prime Minister Luis Ortega last year over the canal.")
    event = event_in(doc, "last year")
    assert (event.date, event.date_source) == (None, "none")


def _parse(coder, text):
    parsed = coder.parse(text)
    return parsed, {t.lower_: t for t in parsed}


def test_past_perfect_reading(coder):
    words = anchor.anchor_words()
    parsed, tok = _parse(coder, "The rebels had attacked the base.")
    assert anchor.is_background(tok["attacked"], words)
    parsed, tok = _parse(coder, "The rebels have attacked the base.")
    assert not anchor.is_background(tok["attacked"], words)
    # reported speech: the past perfect is only backshifted from "have withdrawn"
    parsed, tok = _parse(coder, "The minister said the troops had withdrawn from the border.")
    assert not anchor.is_background(tok["withdrawn"], words)


def test_background_words_are_data():
    words = anchor.anchor_words()
    assert "previously" in words.adverbs and " last year " in words.phrases
    assert anchor.relative_past("last year", "year", words) and not anchor.relative_past("this year", "year", words)
    assert not anchor.relative_past("last Tuesday", "day", words)


# --------------------------------------------------------------------------- places

def test_clause_place(coder):
    event = event_in(code(coder, BACKGROUND), "on Tuesday", "CONSULT")
    assert (event.location.name, event.location.source) == ("Madrid", "clause")


def test_place_from_the_previous_sentence_of_the_paragraph(coder):
    doc = code(coder, PARAGRAPH)
    event = event_in(doc, "fired tear gas", "ASSAULT")
    assert (event.location.name, event.location.source) == ("Tbilisi", "paragraph")
    first = event_in(doc, "gathered in Tbilisi")
    assert first.location.name == "Tbilisi" and first.location.source in ("clause", "sentence")


def test_another_paragraph_does_not_lend_its_place(coder):
    event = event_in(code(coder, PARAGRAPH), "condemned the police")
    assert event.location is None or event.location.source not in ("clause", "sentence", "paragraph")


def test_dateline_place_when_no_sentence_names_one(coder):
    event = event_in(code(coder, DATELINE), "praised Ruto")
    assert (event.location.name, event.location.source) == ("Nairobi", "dateline")


def test_article_place_when_nothing_closer(coder):
    doc = code(coder, NO_PLACE)
    event = event_in(doc, "accused the opposition", "ACCUSE")
    assert (event.location.name, event.location.country, event.location.source) == ("Georgia", "GEO", "article")


def test_no_place_at_all_means_no_location(coder):
    doc = code(coder, "Chancellor Anna Berg criticised Prime Minister Luis Ortega on Monday over the canal works.")
    assert doc.events and all(e.location is None for e in doc.events)


# --------------------------------------------------------------------------- record and store

def test_record_round_trip_and_old_records():
    event = Event("e1", "CONSULT", date=None, date_source="none",
                  location=Location("Tbilisi", "GEO", 41.7, 44.8, "paragraph"))
    again = Event.from_dict(event.to_dict())
    assert again == event and again.location.source == "paragraph"
    old = Event.from_dict({"id": "e1", "type": "CONSULT", "date": "2024-06-27", "date_text": None})
    assert old.date_source == "published"
    assert Event.from_dict({"id": "e1", "type": "CONSULT", "date": None}).date_source == "none"


def test_event_day_follows_the_date_source():
    assert event_day(None, PUBLISHED, "none") is None
    assert event_day("2024-06", PUBLISHED, "text") is None  # no day of its own: not filed on the publication day
    assert str(event_day("2024-06-25", PUBLISHED, "text")) == "2024-06-25"
    assert str(event_day(PUBLISHED, PUBLISHED, "published")) == PUBLISHED
    assert str(event_day(None, PUBLISHED, None)) == PUBLISHED  # a record from before date_source


def test_undated_events_stay_out_of_time_series(coder):
    doc = code(coder, BACKGROUND, "bg")
    con = connect(":memory:")
    try:
        write_documents(con, [doc])
        rows = con.execute("SELECT date_source, day, location_source FROM events ORDER BY id").fetchall()
        assert ("text", "clause") in {(r[0], r[2]) for r in rows}
        assert all(r[1] is None for r in rows if r[0] == "none")
        undated = queries.events(con, queries.EventFilter(undated=True, reports=True))
        assert undated and all(r["day"] is None and r["date_source"] == "none" for r in undated)
        dated = queries.events(con, queries.EventFilter(reports=True))
        assert len(dated) > len(undated)
        # dyads are a time series: the background CONSULT between the two leaders is not in it
        series = queries.dyads(con, "Anna Berg", "Luis Ortega", freq="day")
        assert sum(p["events"] for p in series) == 1
    finally:
        con.close()


def test_old_store_gets_the_new_columns(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE events (article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, day DATE)")
    old.execute("INSERT INTO events VALUES ('a', 'e1', DATE '2024-06-27')")
    old.close()
    con = connect(path)
    try:
        cols = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
        assert {"date_source", "location_source"} <= cols
        assert con.execute("SELECT date_source, day FROM events").fetchone()[0] is None
    finally:
        con.close()


def test_eval_splits_location_accuracy_by_source():
    from dragoman.evaluation import scoring

    counts = scoring._anchor_counts([
        ({"date": "2024-06"}, {"date": "2024-06-25", "date_source": "text",
                               "location": {"name": "Tbilisi", "source": "paragraph"}}),
        ({"location": "Tbilisi"}, {"location": {"name": "Tbilisi", "source": "paragraph"}}),
        ({"location": "Madrid"}, {"location": {"name": "Spain", "source": "article"}}),
    ])
    assert counts["location_gold@paragraph"] == 1 and counts["location_correct@paragraph"] == 1
    assert counts["location_gold@article"] == 1 and counts["location_correct@article"] == 0
    assert counts["date_correct@text"] == 1

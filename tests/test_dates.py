"""The dates stage: every kind of expression, resolved against a fixed publication date."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from dragoman.dates import calendar_math as cm
from dragoman.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PUBLISHED = "2024-03-14"  # a Thursday


@pytest.fixture(scope="session")
def nlp_model():
    from dragoman import nlp

    return nlp.load()


@pytest.fixture(scope="session")
def dates_stage():
    from dragoman import dates

    return dates.create(None)


def timexes(text, nlp_model, dates_stage, published=PUBLISHED):
    doc = Document(id="t", text=text, published=published)
    dates_stage(doc, nlp_model(text))
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text  # offsets are exact
    return [(t.text, t.value, t.precision) for t in doc.timexes]


def values(text, nlp_model, dates_stage, published=PUBLISHED):
    return [v for _t, v, _p in timexes(text, nlp_model, dates_stage, published)]


@pytest.mark.parametrize("text, expected", [
    ("The two ministers met on Monday in the capital.", ["2024-03-11"]),
    ("Talks ended Thursday afternoon without a deal.", ["2024-03-14"]),
    ("Rebels shelled the border town last night.", ["2024-03-13"]),
    ("The court ruled yesterday that the vote was valid.", ["2024-03-13"]),
    ("Protesters gathered again today outside parliament.", ["2024-03-14"]),
    ("Earlier this year, the council approved the budget.", ["2024"]),
    ("Prices rose sharply this month, the bank said.", ["2024-03"]),
    ("The envoy visited the region last week.", ["2024-03"]),
    ("The army first deployed there in 2012.", ["2012"]),
    ("The treaty was signed on March 3, 2021, in the old palace.", ["2021-03-03"]),
    ("Inspectors arrived on March 3 and left soon after.", ["2024-03-03"]),
    ("Fighting flared in late February near the river.", ["2024-02"]),
    ("The ceasefire collapsed two days ago.", ["2024-03-12"]),
    ("The tribunal had on Friday last week ordered a halt.", ["2024-03-08"]),
    ("Two rockets were fired early on Sunday from the coast.", ["2024-03-10"]),
    ("The minister has been detained since Wednesday.", ["2024-03-13"]),
    ("Parliament first met in 1998 after the accord.", ["1998"]),
    ("The deadline passed on Jan. 5 with no reply.", ["2024-01-05"]),
    ("The party announced its candidate last Wednesday.", ["2024-03-13"]),
    ("The party announced its candidate last Thursday.", ["2024-03-07"]),
    ("The election is held next year.", ["2025"]),
    ("Unemployment fell last year.", ["2023"]),
])
def test_expressions(text, expected, nlp_model, dates_stage):
    assert values(text, nlp_model, dates_stage) == expected


def test_future_weekday_points_ahead(nlp_model, dates_stage):
    assert values("The leaders will meet on Monday in Geneva.", nlp_model, dates_stage) == ["2024-03-18"]
    assert values("He said the parliament would vote on Saturday.", nlp_model, dates_stage) == ["2024-03-16"]


def test_past_weekday_points_back(nlp_model, dates_stage):
    assert values("The leaders met on Monday in Geneva.", nlp_model, dates_stage) == ["2024-03-11"]
    assert values("Shops reopened on Saturday.", nlp_model, dates_stage) == ["2024-03-09"]


def test_text_keeps_the_words_as_written(nlp_model, dates_stage):
    found = timexes("Officials said on Friday morning that talks had stalled.", nlp_model, dates_stage)
    assert found == [("on Friday morning", "2024-03-08", "day")]


def test_not_calendar_values_are_none(nlp_model, dates_stage):
    found = timexes("Profits doubled in the third quarter, as in the 1990s.", nlp_model, dates_stage)
    assert [v for _t, v, _p in found] == [None, None]


def test_without_publication_date(nlp_model, dates_stage):
    found = timexes("The envoy arrived on Monday; the pact dates from May 26, 1980.", nlp_model, dates_stage, None)
    assert [v for _t, v, _p in found] == [None, "1980-05-26"]


def test_names_and_counts_are_not_dates(nlp_model, dates_stage):
    assert values("Theresa May said 2000 people had signed.", nlp_model, dates_stage) == []


def test_anaphoric_year(nlp_model, dates_stage):
    text = "He was promoted in 1995, and the following year he moved abroad."
    assert values(text, nlp_model, dates_stage) == ["1995", "1996"]


def test_calendar_arithmetic():
    thursday = date(2024, 3, 14)
    assert cm.weekday_date(thursday, 3, cm.PAST) == thursday
    assert cm.weekday_date(thursday, 3, cm.PAST, strict=True) == date(2024, 3, 7)
    assert cm.weekday_date(thursday, 0, cm.FUTURE) == date(2024, 3, 18)
    assert cm.month_year(thursday, 12, cm.PAST) == 2023
    assert cm.month_year(thursday, 5, cm.PAST) == 2024  # soon ahead: a deadline
    assert cm.month_year(thursday, 12, cm.FUTURE) == 2024
    assert cm.month_day_date(date(2023, 11, 2), 1, 2, cm.NEAREST) == date(2024, 1, 2)
    assert cm.safe_date(2023, 2, 30) is None


def test_lexicon_is_valid():
    lexicon = json.loads((resources.files("dragoman") / "data" / "dates" / "lexicon.json").read_text())
    assert set(lexicon["months"].values()) == set(range(1, 13))
    assert sorted(lexicon["weekdays"].values()) == list(range(7))
    assert sorted(lexicon["ordinals"].values()) == list(range(1, 32))
    assert all(isinstance(v, int) for v in lexicon["numbers"].values())


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not present")
def test_tempeval_dev_recall(nlp_model, dates_stage):
    """Calendar value recall on the TempEval-3 dev half, scored as SPEC §4 says."""
    hit = total = 0
    for path in sorted((SHARED / "benchmarks" / "tempeval3" / "dev").glob("*.json")):
        data = json.loads(path.read_text())
        doc = Document(id=path.stem, text=data["text"], published=data["meta"]["published"])
        dates_stage(doc, nlp_model(doc.text))
        for gold in data["gold"]["timexes"]:
            if not gold.get("calendar", True):
                continue
            total += 1
            g = gold["text"].lower()
            hit += any(t.value == gold["value"] and (t.text.lower() in g or g in t.text.lower()) for t in doc.timexes)
    assert hit / total >= 0.88

"""The one dateline reader (`nlp.datelines`) that actors, places and event anchors share."""

from __future__ import annotations

import pytest

from dragoman.nlp.datelines import early_datelines, opening_dateline


@pytest.mark.parametrize("text, place, region", [
    ("HARARE: The court ruled.", "HARARE", None),
    ("SAN SALVADOR (Isthmus Wire) - The court ruled.", "SAN SALVADOR", None),
    ("BOISE, Idaho — The court ruled.", "BOISE", "Idaho"),
    ("LAGOS, Nigeria, March 3 -- The court ruled.", "LAGOS", "Nigeria"),
    ("Valletta: The court ruled.", "Valletta", None),
])
def test_opening_dateline_shapes(text, place, region):
    line = opening_dateline(text)
    assert (line.place, line.region) == (place, region)
    assert text[line.place_start:line.place_end] == place
    assert text[line.end:].lstrip().startswith("The court")


def test_ordinary_openings_are_no_dateline():
    assert opening_dateline("The court in Harare ruled on Monday.") is None
    assert opening_dateline("Harare - based lawyers said the court ruled.") is None


def test_early_datelines_look_past_a_headline_only():
    text = "Court rules on land law\n\nHARARE (Zambezi Post) - The court ruled.\nLUSAKA - Later news."
    assert [d.place for d in early_datelines(text)] == ["HARARE"]
    lead = "The court in Harare ruled on the land law on Monday.\n\nLUSAKA - Later news."
    assert early_datelines(lead) == []


def test_a_compound_hyphen_and_a_line_break_end_no_dateline():
    assert opening_dateline("US-led strikes hit the port.") is None
    found = early_datelines("BREAKING NEWS\nKYIV (Reuters) - The army said.")
    assert [d.place for d in found] == ["KYIV"]

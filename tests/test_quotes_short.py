"""Issue 12, part 5: quoted words shorter than four words with no speech cue near
them are not quotes (scare quotes, titles of books, slogans).  Texts written for
the test."""

from __future__ import annotations

import pytest

from dragoman.model import Document
from dragoman.quotes.attribution import MIN_WORDS_WITHOUT_CUE, find_quotes
from dragoman.quotes.cues import load_cues


@pytest.fixture(scope="module")
def cues():
    return load_cues()


def quoted(nlp, cues, text: str) -> list[str]:
    doc = Document(id="t", text=text, actors=[])
    return [q.text for q in find_quotes(doc, nlp(text), cues)]


@pytest.mark.parametrize("text,words", [
    # scare quotes in a later sentence of a quoting paragraph: no cue of their own
    ("“The border stays open,” the governor of Velsa said. Traders doubt the “opening” will last.", "opening"),
    # a label word before the marks makes the words a name
    ("“We are ready to talk,” the envoy said. Critics dismissed the so-called “harbour plan” as theatre.",
     "harbour plan"),
    ("In her memoir “Salt and iron”, the former envoy recalls the talks in Velsa.", "Salt and iron"),
    ("Farmers carried banners reading “Fair prices now” through Velsa on Sunday.", "Fair prices now"),
    ("The army called the offensive, codenamed “Northern gate”, a success, the ministry said.", "Northern gate"),
])
def test_short_uncued_words_in_marks_are_not_quotes(nlp, cues, text, words):
    assert words not in quoted(nlp, cues, text)


@pytest.mark.parametrize("text,words", [
    ("“We will never accept this,” the mayor of Velsa said. “Never.”", "Never."),   # a sentence of its own
    ("“We are ready,” the envoy said, “to talk.”", "to talk."),                       # split by the cue
    ("The general called the offensive “a success”.", "a success"),                  # a fragment verb is a cue
    ("“Not yet,” the minister said when asked about the talks.", "Not yet"),          # cue right after
])
def test_short_quotes_with_a_cue_stay(nlp, cues, text, words):
    assert words in quoted(nlp, cues, text)


def test_four_words_in_marks_stay_a_quote(nlp, cues):
    text = ("“The border stays open,” the governor of Velsa said. "
            "Traders fear “this will not last” once the harvest ends.")
    assert MIN_WORDS_WITHOUT_CUE == 4
    assert "this will not last" in quoted(nlp, cues, text)


def test_label_words_are_data(cues):
    assert ("so-called",) in cues.labels and ("memoir",) in cues.labels

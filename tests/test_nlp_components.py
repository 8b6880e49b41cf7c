"""The array attribute ruler and lemmatizer give every token what spaCy's own give."""

from __future__ import annotations

import pytest

TEXTS = [
    "The finance minister said on Tuesday that the cabinet hasn't approved the budget, "
    "and that it would not do so before the vote.",
    "There are 40 soldiers at the post, aren't there? Y'all know nothin' about it, she said.",
    "We're gonna hold talks in Nairobi, I'm sure, whether or not the rebels attend.\n\n"
    "Those who'd left came back; this is what they'd wanted.",
    "  Police detained   three protesters.\nThe mayor, who is 61, denied it: \"That's false.\"",
    "Is it true?  Did the envoys meet, or did they not?  Let's see what Ankara does.",
    "",
]


@pytest.fixture(scope="module")
def pipelines():
    import spacy

    from dragoman.config import SPACY_MODEL
    from dragoman.nlp.components import use_array_components

    return spacy.load(SPACY_MODEL), use_array_components(spacy.load(SPACY_MODEL))


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.norm_) for t in doc]


def test_the_array_components_replace_spacy_s_under_the_same_names(pipelines):
    plain, fast = pipelines
    assert plain.pipe_names == fast.pipe_names
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "TagMapFirstRuler"
    assert type(fast.get_pipe("lemmatizer")).__name__ == "ArrayRuleLemmatizer"


def test_every_token_is_annotated_the_same(pipelines):
    plain, fast = pipelines
    for expected, got in zip(plain.pipe(TEXTS), fast.pipe(TEXTS)):
        assert _annotations(got) == _annotations(expected)


def test_the_loaded_pipeline_uses_them():
    from dragoman import nlp

    assert type(nlp.load().get_pipe("attribute_ruler")).__name__ == "TagMapFirstRuler"


def test_a_cleared_ruler_does_nothing_and_does_not_fail(pipelines):
    import spacy

    from dragoman.config import SPACY_MODEL
    from dragoman.nlp.components import use_array_components

    fast = use_array_components(spacy.load(SPACY_MODEL))
    ruler = fast.get_pipe("attribute_ruler")
    fast("The envoys met in Oslo.")
    ruler.clear()
    doc = fast("The envoys met in Oslo.")
    assert len(doc) == 6


def test_the_frequent_one_token_rules_are_array_tests_and_the_lemma_index_is_sets(pipelines):
    """The rules that match thousands of tokens (auxiliaries, subordinators, pronoun determiners,
    spaces) are tested as array masks, not by the Matcher; the lemmatizer's index answers
    membership from a set and still serialises."""
    _plain, fast = pipelines
    ruler = fast.get_pipe("attribute_ruler")
    ruler._prepare()
    column_rules = [rule for rule, _key, _tests in ruler._by_columns]
    assert len(column_rules) >= 4
    assert len(ruler._rest) < 12  # only multi-token and regular-expression rules are left to it
    lemmatizer = fast.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(type(words).__name__ == "_IndexedList" for words in index.values())
    words = index["noun"]
    assert words[0] in words and "no-such-word-here" not in words
    assert lemmatizer.to_bytes()  # the lookups still serialise as spaCy's own

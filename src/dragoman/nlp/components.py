"""Faster drop-ins for two of spaCy's rule components, with the same output.

Measured on 150 benchmark articles (90,000 words; `benchmarks/throughput.py`
and a per-component timing), the English pipeline spends about a fifth of its
time in two rule components that do little per token but do it in Python, one
token at a time: the attribute ruler (2.0 s: it builds a Span and sets the
part of speech and morphology of every token through the tag map's one-token
rules) and the rule lemmatizer (1.7 s: a cached lookup, but through a Token
object and a string assignment per token).  The two classes here are spaCy's
own components, subclassed, with only the per-token loop changed:

- `TagMapFirstRuler` applies the leading tag-map rules (one ``{"TAG": …}``
  pattern setting POS and MORPH) as one array operation, finds the one-word
  exceptions that test a word's LOWER, TAG and DEP for equality (or
  membership of a list) by a table lookup on the word, tests the one-token rules over TAG, DEP and
  IS_SPACE (the part-of-speech fixes for auxiliaries, subordinators, pronoun determiners and spaces,
  which match thousands of tokens) as array masks, leaves the other rules to spaCy's `Matcher`, and
  applies all matches exactly as `AttributeRuler` does, later rules winning;
- `ArrayRuleLemmatizer` looks lemmas up in its cache by (orth, pos, morph),
  the key spaCy's rule lemmatizer caches by, and writes them as one array,
  calling the rule lemmatizer itself only for keys it has not seen, with each
  lemma-index list answering membership from a set (`_IndexedList`: membership
  is all the lemmatizer asks of it).

`use_array_components(nlp)` swaps them in by `Language.replace_pipe` under the
same names and with the loaded patterns and lookups;
`tests/test_nlp_components.py` checks that every token's tag, part of speech,
morphology and lemma are the same as with spaCy's classes.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc


#: Columns of ``doc.to_array([LOWER, TAG, DEP, IS_SPACE])`` by the pattern key they test
#: (LOWER, column 0, is looked up by word, not tested by column).
_COLUMNS = {"TAG": 1, "DEP": 2, "IS_SPACE": 3}


def _values(test) -> list[str] | None:
    """The strings a pattern value accepts: a string, or an ``{"IN": [...]}`` list; None otherwise."""
    if isinstance(test, str):
        return [test]
    if isinstance(test, dict) and set(test) == {"IN"} and all(isinstance(v, str) for v in test["IN"]):
        return list(test["IN"])
    return None


def _is_literal_token(pattern) -> bool:
    """A one-token pattern testing LOWER (and maybe TAG and DEP) for equality or membership."""
    return (len(pattern) == 1 and "LOWER" in pattern[0] and set(pattern[0]) <= {"LOWER", "TAG", "DEP"}
            and all(_values(v) is not None for v in pattern[0].values()))


def _column_tests(pattern, strings) -> list[tuple[int, bool, numpy.ndarray]] | None:
    """A one-token pattern over TAG, DEP and IS_SPACE as array tests (column, accept?, values):
    equality, ``IN`` and ``NOT_IN`` of strings, or a boolean; None for any other pattern."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= {"TAG", "DEP", "IS_SPACE"}:
        return None
    tests = []
    for name, test in pattern[0].items():
        if isinstance(test, bool):
            tests.append((_COLUMNS[name], True, numpy.array([int(test)], dtype="uint64")))
            continue
        accept = True
        if isinstance(test, dict) and set(test) == {"NOT_IN"} and all(isinstance(v, str) for v in test["NOT_IN"]):
            accept, words = False, list(test["NOT_IN"])
        else:
            words = _values(test)
        if words is None or name == "IS_SPACE":
            return None
        tests.append((_COLUMNS[name], accept, numpy.array([strings.add(w) for w in words], dtype="uint64")))
    return tests


class TagMapFirstRuler(AttributeRuler):
    """spaCy's attribute ruler with its leading tag-map rules applied as one array operation."""

    _tag_table: dict | None = None

    def _prepare(self) -> None:
        """Split the rules four ways: the leading run of one-token ``{"TAG": str}`` rules
        that set POS and MORPH becomes a table by tag; the one-token rules over TAG, DEP and
        IS_SPACE alone become array tests; the other one-token rules that only test LOWER,
        TAG and DEP for equality or membership become a table by LOWER; the rest go to a
        matcher keyed by their rule number, as in `AttributeRuler`."""
        strings = self.vocab.strings
        table: dict[int, tuple[int, int]] = {}
        first_other = len(self.attrs)
        for i, attrs in enumerate(self.attrs):
            _on_match, patterns = self.matcher.get(str(i))
            tag_only = (len(patterns) == 1 and len(patterns[0]) == 1 and set(patterns[0][0]) == {"TAG"}
                        and isinstance(patterns[0][0]["TAG"], str) and set(attrs) == {POS, MORPH}
                        and self.indices[i] == 0)
            if not tag_only:
                first_other = i
                break
            table[strings.add(patterns[0][0]["TAG"])] = (attrs[POS], attrs[MORPH])  # a later rule wins
        by_lower: dict[int, list[tuple[int, int, tuple[tuple[int, frozenset], ...]]]] = {}
        by_columns: list[tuple[int, int, list]] = []
        self._rest = Matcher(self.vocab, validate=False)
        for i in range(first_other, len(self.attrs)):
            _on_match, patterns = self.matcher.get(str(i))
            column_tests = [_column_tests(p, strings) for p in patterns] if self.indices[i] == 0 else [None]
            if all(t is not None for t in column_tests):
                by_columns.append((i, strings.add(str(i)), column_tests))
            elif self.indices[i] == 0 and all(_is_literal_token(p) for p in patterns):
                key = strings.add(str(i))
                for (token,) in patterns:
                    tests = tuple((_COLUMNS[name], frozenset(strings.add(v) for v in _values(value)))
                                  for name, value in token.items() if name != "LOWER")
                    for word in _values(token["LOWER"]):
                        by_lower.setdefault(strings.add(word), []).append((i, key, tests))
            else:
                self._rest.add(str(i), patterns)
        self._by_lower = by_lower
        self._by_columns = by_columns
        self._tag_table = table

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._tag_table = None

    def clear(self) -> None:
        super().clear()
        self._tag_table = None

    def match(self, doc: Doc):
        if self._tag_table is None:
            self._prepare()
        found = {(int(self.vocab.strings[m_id]), m_id, s, e)
                 for m_id, s, e in self._rest(doc, allow_missing=True, as_spans=False)}
        if (self._by_lower or self._by_columns) and len(doc):
            array = doc.to_array([LOWER, TAG, DEP, IS_SPACE])
            for rule, key, patterns in self._by_columns:
                hit = numpy.zeros(len(doc), dtype=bool)
                for tests in patterns:
                    one = numpy.ones(len(doc), dtype=bool)
                    for column, accept, values in tests:
                        inside = numpy.isin(array[:, column], values)
                        one &= inside if accept else ~inside
                    hit |= one
                found.update((rule, key, i, i + 1) for i in numpy.flatnonzero(hit).tolist())
            for i, row in enumerate(array[:, :3].tolist()):
                for rule, key, tests in self._by_lower.get(row[0], ()):
                    if all(row[column] in allowed for column, allowed in tests):
                        found.add((rule, key, i, i + 1))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        if self._tag_table is None:
            self._prepare()
        error_handler = self.get_error_handler()
        try:
            matches = self.match(doc)  # on the doc as it came, as spaCy matches before it sets anything
            if len(doc):
                values = doc.to_array([TAG, POS, MORPH])
                for tag in numpy.unique(values[:, 0]).tolist():
                    found = self._tag_table.get(tag)
                    if found is not None:
                        rows = values[:, 0] == tag
                        values[rows, 1] = found[0]
                        values[rows, 2] = found[1]
                doc.from_array([POS, MORPH], values[:, 1:])
            self.set_annotations(doc, matches)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)


class ArrayRuleLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, its cached lemmas written as one array."""

    #: Entries of the (orth, pos, morph) -> lemma cache before it starts again: it also holds the
    #: names and numbers spaCy's own cache skips, and a long ingest must keep flat memory.
    CACHE_LIMIT = 200_000

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lemma_strings: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            if not len(doc):
                return doc
            values = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = values[:, 3].copy()
            known = self._lemma_strings
            if len(known) > self.CACHE_LIMIT:
                known.clear()
            add = doc.vocab.strings.add
            for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
                if lemma and not self.overwrite:
                    continue
                key = (orth, pos, morph)
                text = known.get(key)
                if text is None:
                    text = known[key] = self.lemmatize(doc[i])[0]
                lemmas[i] = add(text)
            doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)


@Language.factory("dragoman_attribute_ruler", default_config={
    "validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_tag_map_first_ruler(nlp: Language, name: str, validate: bool, scorer):
    return TagMapFirstRuler(nlp.vocab, name, validate=validate, scorer=scorer)


@Language.factory("dragoman_lemmatizer", assigns=["token.lemma"], default_config={
    "model": None, "mode": "rule", "overwrite": False, "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_array_rule_lemmatizer(nlp: Language, model, name: str, mode: str, overwrite: bool, scorer):
    return ArrayRuleLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


class _IndexedList(list):
    """A list that answers ``in`` from a set of its items.

    spaCy's rule lemmatizer only asks whether a candidate form is in a part of speech's
    word index, and the tables ship lists (a scan per candidate form: three quarters of the
    lemmatizer's time on news).  A list subclass, not a set, so that the lookups still
    serialise (``nlp.to_bytes``, ``to_disk``) as spaCy's own."""

    def __init__(self, words=()):
        super().__init__(words)
        self._members = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._members


def _index_with_set_membership(lookups):
    """The lookups with each part of speech's word index answering membership from a set."""
    if lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        for key in list(index.keys()):
            index[key] = _IndexedList(index[key])
    return lookups


def use_array_components(nlp: Language) -> Language:
    """Swap spaCy's attribute ruler and English rule lemmatizer for the array versions,
    under the same names, with the loaded patterns and lookup tables (no-op otherwise)."""
    if "attribute_ruler" in nlp.pipe_names and type(nlp.get_pipe("attribute_ruler")) is AttributeRuler:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        ruler = nlp.replace_pipe("attribute_ruler", "dragoman_attribute_ruler")
        ruler.add_patterns(patterns)
    if "lemmatizer" in nlp.pipe_names:
        old = nlp.get_pipe("lemmatizer")
        if type(old) is EnglishLemmatizer and old.mode == "rule" and not old.overwrite:
            new = nlp.replace_pipe("lemmatizer", "dragoman_lemmatizer")
            new.lookups = _index_with_set_membership(old.lookups)
    return nlp

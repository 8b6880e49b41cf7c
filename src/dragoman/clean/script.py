"""Which writing system and which language a line is in.

Alt text and foreign captions are lines in another script (Hebrew, Hangul,
Arabic …) or, in the same Latin script, another language (French, Spanish
…) than the body.  Scripts come from Unicode character names; languages of
short Latin lines from function words, with py3langid as a second opinion
when the evidence is thin.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Optional

from dragoman.clean.data import load

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)
def char_script(ch: str) -> Optional[str]:
    """The script of a letter ('LATIN', 'HEBREW', 'CJK', …); None for non-letters."""
    if not ch.isalpha():
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    if first in ("FULLWIDTH", "HALFWIDTH"):
        first = name.split(" ", 2)[1]
    if first in ("HIRAGANA", "KATAKANA"):
        return "CJK"
    return first


_NOT_ASCII_LETTERS = re.compile(r"[^A-Za-z]+")


def script_counts(text: str) -> Counter:
    """Letters per script (ASCII letters counted at once, as most text is ASCII)."""
    counts: Counter = Counter()
    latin = len(_NOT_ASCII_LETTERS.sub("", text))
    if latin:
        counts["LATIN"] = latin
    if text.isascii():
        return counts
    for ch in text:
        if ch >= "\x80":
            script = char_script(ch)
            if script:
                counts[script] += 1
    return counts


def main_script(text: str) -> Optional[str]:
    """The script most letters of the text are written in."""
    counts = script_counts(text[:20000])
    return counts.most_common(1)[0][0] if counts else None


def in_other_script(line: str, body_script: Optional[str]) -> bool:
    """True when most letters of the line are in a script other than the body's."""
    if body_script is None or (body_script == "LATIN" and line.isascii()):
        return False
    counts = script_counts(line)
    total = sum(counts.values())
    return total > 0 and counts[body_script] * 2 < total


@lru_cache(maxsize=1)
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """Each listed function word and the languages that list it."""
    table: dict[str, list[str]] = {}
    for lang, listed in load().function_words.items():
        for word in listed:
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


def function_word_counts(line: str) -> Counter:
    """How many function words of each listed language the line holds."""
    table = _languages_of_words()
    counts: Counter = Counter()
    for word in _WORD.findall(line.lower()):
        for lang in table.get(word, ()):
            counts[lang] += 1
    return counts


def is_english(text: str) -> bool:
    """A text is English when its English function words outnumber any other list's."""
    counts = function_word_counts(text)
    english = counts.pop("en", 0)
    other = max(counts.values(), default=0)
    return english > 0 and english >= 2 * other


def in_other_language(line: str) -> Optional[str]:
    """The language of a short Latin-script line that is not English, else None.

    Needs no English function word and either two function words of one
    other language, or one and py3langid's agreement.
    """
    words = _WORD.findall(line)
    if not 2 <= len(words) <= 40:
        return None
    counts = function_word_counts(line)
    if counts.pop("en", 0):
        return None
    if not counts:
        return None
    lang, hits = counts.most_common(1)[0]
    if hits >= 2:
        return lang
    if hits == 1:
        import py3langid

        guess, _score = py3langid.classify(line)
        if guess != "en" and guess in counts and counts[guess] >= 1:
            return guess
    return None

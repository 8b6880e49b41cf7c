"""Which way a date without a year or week points: from the clause's tense.

A bare "Thursday" in "met on Thursday" is the last one; in "will meet on
Thursday" it is the next.  The clause's verb is found by walking up the
dependency parse from the date's first token.
"""

from __future__ import annotations

from dragoman.dates.calendar_math import FUTURE, PAST
from dragoman.nlp.syntax import clause_verb

PAST_TAGS = {"VBD", "VBN"}


def _has_future_aux(verb, future_aux) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in future_aux for c in verb.children)


def clause_direction(parsed, start: int, lexicon: dict, default: str = PAST) -> str:
    """PAST, FUTURE, or ``default`` when the tense does not say."""
    if parsed is None:
        return default
    token = parsed.char_span(start, start + 1, alignment_mode="expand")
    if token is None or len(token) == 0:
        return default
    token = token[0]
    before = token.doc[max(0, token.i - 4):token.i].text.lower()
    if any(before.rstrip().endswith(p) for p in lexicon["future_before"]):
        return FUTURE
    verb = clause_verb(token)
    future_aux = set(lexicon["future_aux"])
    future_heads = set(lexicon["future_heads"])
    if _has_future_aux(verb, future_aux):
        return FUTURE
    head = verb.head
    if verb.tag_ == "VB" and head.i != verb.i and (
        head.lemma_ in future_heads or _has_future_aux(head, future_aux)
    ):
        return FUTURE  # "plans to meet on Thursday", "will travel to sign on Friday"
    if verb.lemma_ in future_heads and _present_copula(verb):
        return FUTURE  # "the vote is scheduled for Monday"
    if verb.tag_ in PAST_TAGS or any(c.dep_ == "aux" and c.tag_ in PAST_TAGS for c in verb.children):
        return PAST
    return default


def _present_copula(verb) -> bool:
    """True for "is/are (set|due|scheduled)": a plan still ahead."""
    return verb.lower_ in ("is", "are") or any(
        c.lower_ in ("is", "are", "'s", "'re", "am") for c in verb.children
    )

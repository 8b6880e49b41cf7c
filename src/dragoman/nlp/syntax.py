"""Small questions about a spaCy parse that more than one stage asks.

Kept here, beside the pipeline that makes the parse, so that the dates and
events stages share one answer instead of each writing its own.
"""

from __future__ import annotations


def clause_verb(token):
    """The nearest verb or auxiliary at or above the token: the head of the clause it is in
    (the token itself when it is one; the root when no verb is above it).  Bounded, since a
    token's head chain ends at the root, whose head is itself."""
    current = token
    for _ in range(64):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current

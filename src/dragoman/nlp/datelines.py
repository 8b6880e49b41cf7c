"""Datelines: the "KYIV (Reuters) -", "ISLAMABAD:", "Muscat, Oman —" that open a wire story.

One home for how a news text marks where it was filed, read by three stages: actors (the
article's home country, and a dateline city is no organisation), places (the dateline as a
place of its own) and the events' anchors (the fallback place and date of an event). Why a
module of its own: each stage used to have its own reading, and one of them missed
"ISLAMABAD:" and "NEW DELHI -", so a Pakistani story about strikes in Iran made Pakistan's
Foreign Office Iranian.

The patterns only find the shape; whether the words are a place is the caller's question
("UPDATE:" and "Editor's note —" have the shape too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

#: Upper-case dateline: "SEOUL, March 13 --", "WASHINGTON (AP) —", "NEW DELHI -", "ISLAMABAD:"; never across
#: a line break, and a hyphen with a letter right after it is a compound ("US-led strikes"), not a dash.
UPPER_CASE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,3})"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?))?"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:—|–|--|-(?![A-Za-z])|_|:)",
    re.MULTILINE,
)

#: Title-case dateline ("Muscat: …", "Kyiv, Ukraine — …"): only a long dash or a colon ends it,
#: since "Kyiv - based" or "Some words -" are ordinary text.
TITLE_CASE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?))?"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:—|–|--|:)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Dateline:
    """Character offsets into the text: the whole dateline, its place and its optional region."""

    start: int
    end: int
    place_start: int
    place_end: int
    place: str
    region_start: Optional[int] = None
    region_end: Optional[int] = None
    region: Optional[str] = None


def _dateline(m: re.Match, offset: int = 0) -> Dateline:
    region = m["region"]
    return Dateline(offset + m.start(), offset + m.end(), offset + m.start("place"), offset + m.end("place"),
                    m["place"], offset + m.start("region") if region else None,
                    offset + m.end("region") if region else None, region)


def all_datelines(text: str) -> Iterator[Dateline]:
    """Every line that opens with a dateline's shape (a digest may hold several stories)."""
    for pattern in (UPPER_CASE, TITLE_CASE):
        for m in pattern.finditer(text):
            yield _dateline(m)


def opening_dateline(text: str) -> Optional[Dateline]:
    """The dateline that opens the body's first line, if that line has one."""
    lead = len(text) - len(text.lstrip())
    newline = text.find("\n", lead)
    first = text[lead:newline if newline >= 0 else len(text)]
    for pattern in (UPPER_CASE, TITLE_CASE):
        m = pattern.match(first)
        if m:
            return _dateline(m, lead)
    return None


def early_datelines(text: str) -> list[Dateline]:
    """The dateline opening the body: on its first non-blank line, or on the second when the first is
    a headline (short, with no full stop at its end) the cleaner left in place.

    Why not further: a later line opening with "France:" or "MANILA:" in a story that led with a
    sentence is a section of a digest, not where the story was filed.
    """
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()][:2]
    out: list[Dateline] = []
    for n, (start, line) in enumerate(lines):
        lead = start + (len(text[start:]) - len(text[start:].lstrip(" \t")))
        found = opening_dateline(line)  # offsets in the stripped line: shifted by where it starts
        if found is not None:
            shift = lead
            out.append(Dateline(found.start + shift, found.end + shift, found.place_start + shift,
                                found.place_end + shift, found.place,
                                found.region_start + shift if found.region else None,
                                found.region_end + shift if found.region else None, found.region))
        if n == 0 and (len(line.split()) > 15 or line.endswith((".", "!", "?"))):
            break  # a full first sentence: the story began there
    return out

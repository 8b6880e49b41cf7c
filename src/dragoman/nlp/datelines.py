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
    out: list[Dateline] = []
    for n, m in enumerate(re.finditer(r"[^\S\n]*(\S[^\n]*)", text)):  # lazily: only the first lines are read
        line = m.group(1).rstrip()
        found = opening_dateline(line)
        if found is not None:
            out.append(_shifted(found, m.start(1)))
        if n == 1 or len(line.split()) > 15 or line.endswith((".", "!", "?")):
            break  # a second line read, or a full first sentence: the story began there
    return out


def _shifted(found: Dateline, offset: int) -> Dateline:
    """A dateline found in one line, with its offsets moved to the whole text's."""
    region = found.region is not None
    return Dateline(found.start + offset, found.end + offset, found.place_start + offset,
                    found.place_end + offset, found.place,
                    found.region_start + offset if region else None,
                    found.region_end + offset if region else None, found.region)

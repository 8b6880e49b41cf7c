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

#: Upper-case dateline: "SEOUL, March 13 --", "WASHINGTON (AP) —", "NEW DELHI -", "ISLAMABAD:".
UPPER_CASE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|-|_|:)",
    re.MULTILINE,
)

#: Title-case dateline ("Muscat: …", "Kyiv, Ukraine — …"): only a long dash or a colon ends it,
#: since "Kyiv - based" or "Some words -" are ordinary text.
TITLE_CASE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|:)",
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


def early_datelines(text: str, lines: int = 2) -> list[Dateline]:
    """Datelines opening one of the first few non-blank lines, in text order (a headline the
    cleaner left in place may come before the lead's dateline)."""
    starts = [m.start() for m in re.finditer(r"^[ \t]*\S", text, re.MULTILINE)][:lines]
    if not starts:
        return []
    end = text.find("\n", starts[-1])
    head = text[:end if end >= 0 else len(text)]
    return sorted((d for d in all_datelines(head) if d.start in starts), key=lambda d: (d.start, -d.end))

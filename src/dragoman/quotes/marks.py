"""Quotation marks: which stretches of the text are inside them.

Works on characters, not on the parse, because taggers split and join
sentences at quotation marks unreliably.  A quote never runs past the end of
its paragraph: a quote that goes on in the next paragraph opens that paragraph
with a new mark, and an unbalanced mark must not swallow the rest of the
article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

#: Marks that only open or only close a quotation (double marks; single marks
#: are apostrophes too often to start a quotation on their own).
OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
ALL_MARKS = OPENING + CLOSING + STRAIGHT

OPEN, CLOSE, EITHER = "open", "close", "either"

#: A line ending like this finishes its paragraph even without a blank line.
_PARAGRAPH_END = re.compile(r"[.!?:;\"”’»)\]]\s*$")


@dataclass(frozen=True)
class Segment:
    """Words inside quotation marks.

    ``start``/``end`` bound the words (marks, outer spaces and a trailing
    comma left out); ``outer_start``/``outer_end`` include the marks.
    ``closed`` is False when the paragraph ended before a closing mark.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    paragraph: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines separate paragraphs, and so does a single
    line break after a finished sentence or before a quotation mark; a break
    in mid-sentence (a scraped line wrap) does not."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n\s*", text):
        before = text[start:match.start()]
        blank = match.group().count("\n") > 1
        opens_quote = text[match.end():match.end() + 1] in ALL_MARKS or text.startswith(
            DOUBLED_APOSTROPHE, match.end())
        if blank or opens_quote or _PARAGRAPH_END.search(before) or not before.strip():
            _add_span(spans, text, start, match.start())
            start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def mark_role(text: str, i: int, width: int = 1) -> str:
    """Whether the mark at ``text[i:i+width]`` opens, closes, or could do either.

    The spaces around a mark decide first (writers and converters swap “ and ”
    often enough); the mark's own shape decides when the spaces do not.
    """
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    space_before = prev.isspace() or prev in "([{—–-―/"
    space_after = nxt.isspace() or nxt in ".,;:!?)]}—–-―/"
    if space_before and not space_after:
        return OPEN
    if space_after and not space_before:
        return CLOSE
    if ch in OPENING:
        return OPEN
    if ch in CLOSING:
        return CLOSE
    return EITHER


#: Two apostrophes stand for a double mark in some newswire text (''like this'').
DOUBLED_APOSTROPHE = "''"


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(position, width, family) of every double mark in text[start:end]."""
    found = []
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENING or ch in CLOSING:
            found.append((i, 1, "curly"))
        elif ch == STRAIGHT:
            found.append((i, 1, "straight"))
        elif text.startswith(DOUBLED_APOSTROPHE, i) and i + 2 <= end:
            found.append((i, 2, "apostrophes"))
            i += 1
        i += 1
    return found


def find_segments(text: str) -> list[Segment]:
    """Every stretch of text inside double quotation marks, paragraph by paragraph."""
    segments: list[Segment] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        segments.extend(_paragraph_segments(text, p_start, p_end, number))
    return segments


def _paragraph_segments(text: str, p_start: int, p_end: int, number: int) -> list[Segment]:
    """Pair the marks of one paragraph.  Marks pair within their family (straight,
    curly, doubled apostrophes), so a quotation inside a quotation stays inside."""
    found: list[Segment] = []
    marks = _marks(text, p_start, p_end)
    opened = None  # (position, width, family) of the open mark
    for k, (i, width, family) in enumerate(marks):
        role = mark_role(text, i, width)
        if opened is None:
            if role != CLOSE:
                opened = (i, width, family)
            # a stray closing mark is ignored
            continue
        open_at, open_width, open_family = opened
        if family != open_family:
            # the other family: a quotation inside this one, unless the writer
            # mixed the families and no mark of the opening family follows
            same_family_later = any(f == open_family for _i, _w, f in marks[k + 1:])
            if role == OPEN or same_family_later:
                continue
        if role == OPEN and open_family == "curly":
            # a new opening mark before the old one closed: the old quote ends here
            _append(found, text, open_at + open_width, i, open_at, i, number, closed=False)
            opened = (i, width, family)
        else:
            _append(found, text, open_at + open_width, i, open_at, i + width, number, closed=True)
            opened = None
    if opened is not None:
        open_at, open_width, _family = opened
        _append(found, text, open_at + open_width, p_end, open_at, p_end, number, closed=False)
    return found


def _append(found: list[Segment], text: str, start: int, end: int, outer_start: int,
            outer_end: int, number: int, closed: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end > start and re.search(r"\w", text[start:end]):
        found.append(Segment(start, end, outer_start, outer_end, number, closed))


def paragraph_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph holding ``offset`` (the last one starting at or before it)."""
    return max(bisect_right(spans, offset, key=lambda span: span[0]) - 1, 0)

"""Quotation marks: which stretches of the text are inside them.

Works on characters, not on the parse, because taggers split and join
sentences at quotation marks unreliably.  A quote never runs past the end of
its paragraph: a quote that goes on in the next paragraph opens that paragraph
with a new mark, and an unbalanced mark must not swallow the rest of the
article.
"""

from __future__ import annotations

import re
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
        opens_quote = text[match.end():match.end() + 1] in ALL_MARKS
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


def mark_role(text: str, i: int) -> str:
    """Whether the mark at ``text[i]`` opens, closes, or could do either.

    The spaces around a mark decide first (writers and converters swap “ and ”
    often enough); the mark's own shape decides when the spaces do not.
    """
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
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


def find_segments(text: str) -> list[Segment]:
    """Every stretch of text inside double quotation marks, paragraph by paragraph."""
    segments: list[Segment] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        segments.extend(_paragraph_segments(text, p_start, p_end, number))
    return segments


def _paragraph_segments(text: str, p_start: int, p_end: int, number: int) -> list[Segment]:
    """Pair the marks of one paragraph.  Straight marks pair with straight ones
    and curly with curly, so a quotation inside a quotation stays inside."""
    found: list[Segment] = []
    open_at = None
    for i in range(p_start, p_end):
        if text[i] not in ALL_MARKS:
            continue
        role = mark_role(text, i)
        if open_at is None:
            if role != CLOSE:
                open_at = i
            # a stray closing mark is ignored
            continue
        straight_open = text[open_at] == STRAIGHT
        if straight_open != (text[i] == STRAIGHT):
            # the other family: a quotation inside this one, unless the writer
            # mixed the families and no mark of the opening family follows
            same_family_later = _has_family_mark(text, i + 1, p_end, straight_open)
            if role == OPEN or same_family_later:
                continue
        if role == OPEN and not straight_open:
            # a new opening mark before the old one closed: the old quote ends here
            _append(found, text, open_at, i, i, number, closed=False)
            open_at = i
        else:
            _append(found, text, open_at, i, i + 1, number, closed=True)
            open_at = None
    if open_at is not None:
        _append(found, text, open_at, p_end, p_end, number, closed=False)
    return found


def _has_family_mark(text: str, start: int, end: int, straight: bool) -> bool:
    marks = STRAIGHT if straight else OPENING + CLOSING
    return any(ch in marks for ch in text[start:end])


def _append(found: list[Segment], text: str, open_at: int, close_at: int, outer_end: int,
            number: int, closed: bool) -> None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end > start and re.search(r"\w", text[start:end]):
        found.append(Segment(start, end, open_at, outer_end, number, closed))


def paragraph_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph holding ``offset`` (the last one starting at or before it)."""
    index = 0
    for number, (start, _end) in enumerate(spans):
        if start <= offset:
            index = number
        else:
            break
    return index

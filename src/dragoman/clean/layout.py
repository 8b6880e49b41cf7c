"""Lines, blocks and paragraphs: what the cleaner keeps and how it rejoins it.

A *block* is a run of lines between blank lines.  Each line is classified
(kept, or removed with a reason); kept lines of a block are rejoined when a
stray newline broke a sentence, and every other kept line is a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from dragoman.clean.captions import parse_caption
from dragoman.clean.data import load
from dragoman.clean.script import in_other_language, in_other_script, is_english, main_script

#: Line breaks of every kind scraped text uses.
_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_WORDS = re.compile(r"\w+")
#: A line that ends a sentence: terminal punctuation, maybe inside closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…:]['\"’”»)\]]*$")
_OPEN_END = re.compile(r"(?:[,;(\[–—-]|\b(?:the|a|an|of|to|in|on|at|by|for|from|with|and|or|but|that|which|who|as|than|its|his|her|their|our|is|are|was|were|has|have|had|will|would|be)\b)$", re.I)
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
#: A short line after alt text, not a sentence: a caption without credit.
MAX_PLAIN_CAPTION_WORDS = 30


@dataclass
class Line:
    text: str
    block: int
    reason: Optional[str] = None   # None: kept in the body
    caption: Optional[str] = None
    credit: Optional[str] = None
    source: Optional[str] = None
    foreign: bool = False          # another script or language than the body

    @property
    def is_media(self) -> bool:
        return self.reason in ("caption", "credit") and (self.caption is not None or self.credit is not None)


def normalise_line(line: str) -> str:
    """One line with runs of whitespace made a single space (nothing else changes)."""
    return " ".join(line.split())


def split_blocks(text: str) -> list[Line]:
    """The non-blank lines of a text, each knowing its block (run between blank lines)."""
    lines: list[Line] = []
    block = 0
    for raw_line in _BREAKS.split(text):
        line = normalise_line(raw_line)
        if not line:
            block += 1
            continue
        lines.append(Line(line, block))
    return lines


def classify_lines(lines: list[Line]) -> list[Line]:
    """Mark every line kept or removed (caption|credit|alt_text|foreign_script|source_line|boilerplate)."""
    data = load()
    whole = "\n".join(l.text for l in lines)
    body_script = main_script(whole)
    english_body = body_script == "LATIN" and is_english(whole)
    for line in lines:
        words = _WORDS.findall(line.text)
        if len(line.text) <= 300 and data.boilerplate.fullmatch(line.text):
            line.reason = "boilerplate"
        elif len(words) <= 14 and (source := _source_name(line.text)):
            line.reason, line.source = "source_line", source
        elif english_body and in_other_script(line.text, body_script):
            line.foreign = True
        elif english_body and in_other_language(line.text):
            line.foreign = True
    for i, line in enumerate(lines):
        if line.reason or line.foreign:
            continue
        after_foreign = _same_block(lines, i - 1, i) and lines[i - 1].foreign
        parsed = parse_caption(line.text, after_alt_text=after_foreign)
        if parsed:
            line.caption, line.credit = parsed
            line.reason = "caption" if line.caption else "credit"
            if line.caption is None and _caption_before_credit(lines, i):
                caption_line = lines[i - 1]
                caption_line.reason, caption_line.caption, caption_line.credit = "caption", caption_line.text, line.credit
                line.credit = None  # one media item: the caption line carries the credit
        elif after_foreign and _plain_caption(line, lines, i):
            line.reason, line.caption = "caption", line.text
    for i, line in enumerate(lines):
        if line.foreign and not line.reason:
            line.reason = "alt_text" if _next_to_caption(lines, i) else "foreign_script"
        elif not line.reason and _english_alt_text(lines, i):
            line.reason = "alt_text"
    return lines


def _same_block(lines: list[Line], i: int, j: int) -> bool:
    return 0 <= i < len(lines) and 0 <= j < len(lines) and lines[i].block == lines[j].block


def _short(line: Line, limit: int = MAX_PLAIN_CAPTION_WORDS) -> bool:
    return len(_WORDS.findall(line.text)) <= limit


def _caption_before_credit(lines: list[Line], i: int) -> bool:
    """The kept line just above a bare credit line ("Photo: AFP") is its caption
    when it is short and either follows alt text or is not a sentence."""
    if not _same_block(lines, i - 1, i):
        return False
    above = lines[i - 1]
    if above.reason or above.foreign or not _short(above):
        return False
    after_alt = _same_block(lines, i - 2, i - 1) and lines[i - 2].foreign
    return after_alt or not _SENTENCE_END.search(above.text)


def _english_alt_text(lines: list[Line], i: int) -> bool:
    """A short line opening a block, right above a caption: the image's alt text
    (never the first line of the text, which may be the headline)."""
    line = lines[i]
    return (i > 0 and _same_block(lines, i, i + 1) and lines[i + 1].reason == "caption" and lines[i + 1].caption is not None
            and not _same_block(lines, i - 1, i) and _short(line, 15) and not _SENTENCE_END.search(line.text))


def _source_name(text: str) -> Optional[str]:
    match = load().source_line.fullmatch(text)
    if not match:
        return None
    name = match["name"].strip().rstrip(".").strip()
    return name if name and (name[0].isupper() or name[0].isdigit()) else None


def _plain_caption(line: Line, lines: list[Line], i: int) -> bool:
    """A short English line right after alt text, ending its block, not a sentence."""
    last_in_block = i + 1 == len(lines) or lines[i + 1].block != line.block
    n_words = len(_WORDS.findall(line.text))
    return last_in_block and n_words <= MAX_PLAIN_CAPTION_WORDS and not line.text.endswith(".")


def _next_to_caption(lines: list[Line], i: int) -> bool:
    """Alt text sits right before (or after) the caption of the same image."""
    for j in (i + 1, i - 1):
        if 0 <= j < len(lines) and lines[j].block == lines[i].block and lines[j].reason in ("caption", "credit"):
            return True
    return False


#: A line this long that does not end a sentence was broken mid-sentence.
MIN_BROKEN_WORDS = 10


def continues(previous: str, following: str, may_be_headline: bool = False) -> bool:
    """True when `following` continues the sentence `previous` broke off.

    A long line without final punctuation is a broken sentence, except the
    first line of a text, which may be a headline.
    """
    if _SENTENCE_END.search(previous):
        return False
    first = following[0]
    if first.islower() or first.isdigit():
        return True
    if _OPEN_END.search(previous):
        return True
    if previous.count("“") > previous.count("”") or previous.count('"') % 2 == 1:
        return True
    return not may_be_headline and len(_WORDS.findall(previous)) >= MIN_BROKEN_WORDS


def paragraphs_of(lines: list[Line]) -> list[str]:
    """Kept lines as paragraphs: lines of one block rejoined where a sentence was broken."""
    paragraphs: list[str] = []
    previous: Optional[Line] = None
    first_kept = next((l.text for l in lines if not l.reason), None)
    for line in lines:
        if line.reason:
            previous = None
            continue
        if previous is not None and previous.block == line.block and continues(
                paragraphs[-1], line.text, may_be_headline=len(paragraphs) == 1 and paragraphs[0] == first_kept):
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def looks_like_headline(text: str) -> bool:
    """Short, starts like a title, and does not end like a sentence."""
    words = _WORDS.findall(text)
    if not 2 <= len(words) <= 45 or len(text) > 320:
        return False
    first = text.lstrip("‘“'\"«")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    stripped = text.rstrip("'\"’”»")
    if stripped.endswith((".", ",", ";", ":")) and not _ABBREVIATION_END.search(stripped):
        return False
    return True


def _same_title(a: str, b: str) -> bool:
    return normalise_line(a).casefold() == normalise_line(b).casefold()


def take_title(paragraphs: list[str], title: Optional[str], detect: bool) -> tuple[Optional[str], list[str]]:
    """(title, body paragraphs): a given title is kept (and its repeat in the text
    dropped); otherwise the first paragraph is the title when it looks like a
    headline and more paragraphs follow."""
    if title:
        if paragraphs and len(paragraphs) > 1 and _same_title(paragraphs[0], title):
            return title, paragraphs[1:]
        return title, paragraphs
    if detect and len(paragraphs) > 1 and looks_like_headline(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs

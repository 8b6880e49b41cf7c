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
from dragoman.clean.widgets import is_more_heading, is_widget, media_label, names

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
        if len(line.text) <= 300 and (data.boilerplate.fullmatch(line.text) or is_widget(line.text)):
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
        labelled = media_label(line.text)
        if labelled:
            _label_media(lines, i, *labelled)
            continue
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
    _cut_trailing_story(lines)
    return lines


def _label_media(lines: list[Line], i: int, kind: str, value: str) -> None:
    """"Image copyright Name" / "Image caption Text": one media item when the two
    labels stand next to each other in a block, the caption carrying the credit."""
    line = lines[i]
    if kind == "credit":
        line.reason, line.credit = "credit", value
        partner = next((lines[j] for j in (i - 1, i + 1) if _same_block(lines, i, j)
                        and lines[j].reason == "caption" and lines[j].caption is not None and lines[j].credit is None), None)
        if partner is not None:
            partner.credit, line.credit = value, None
    else:
        line.reason, line.caption = "caption", value
        partner = next((lines[j] for j in (i - 1, i + 1) if _same_block(lines, i, j)
                        and lines[j].reason == "credit" and lines[j].caption is None and lines[j].credit), None)
        if partner is not None and media_label(partner.text):
            line.credit, partner.credit = partner.credit, None


#: Marks that end a story: "(END)", "-30-", "###", "End of story", a copyright line.
_END_MARK = re.compile(r"\(end\)|-+\s*end\s*-+|-\s*30\s*-|#{3}|\*{3}|end of (?:story|article)|(?:©|\(c\)|copyright\b).*",
                       re.I)
#: Capitalised words that open sentences or name nothing, left out when comparing names.
_NOT_NAMES = frozenset("""the a an and but this that these those it its he she they we i in on at for from with
as after before when while there here his her their our what who mr mrs ms dr""".split())


#: Both sides of an end mark must name this many things before they are compared.
MIN_NAMES_TO_COMPARE = 3


def _cut_trailing_story(lines: list[Line]) -> None:
    """Another story appended to the article is removed (reason boilerplate), when
    (a) a heading that lists other stories ("Related", "More stories", "Also read")
    stands on its own line in the second half of the article: all kept lines after
    it go; or (b) after an end mark ("(END)", "-30-", a copyright line) in the
    second half, the kept lines that follow name nobody and nothing the article
    before the mark names (each side naming at least MIN_NAMES_TO_COMPARE
    capitalised words, so that there is something to compare)."""
    kept = [i for i, l in enumerate(lines) if not l.reason and not l.foreign]
    if len(kept) < 3:
        return
    total = sum(len(_WORDS.findall(lines[i].text)) for i in kept)
    before_words = 0
    for i, line in enumerate(lines):
        if not line.reason and not line.foreign and not is_more_heading(line.text):
            before_words += len(_WORDS.findall(line.text))
            continue
        after = [j for j in kept if j > i]
        if not after or before_words * 2 < total or sum(1 for j in kept if j < i) < 2:
            continue
        if is_more_heading(line.text):
            line.reason = "boilerplate"
        elif line.reason == "boilerplate" and _END_MARK.fullmatch(line.text):
            earlier = set().union(*(names(lines[j].text) for j in kept if j < i)) - _NOT_NAMES
            later = set().union(*(names(lines[j].text) for j in after)) - _NOT_NAMES
            if len(earlier) < MIN_NAMES_TO_COMPARE or len(later) < MIN_NAMES_TO_COMPARE or earlier & later:
                continue
        else:
            continue
        for j in after:
            lines[j].reason = "boilerplate"
        return


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
    if detect and len(paragraphs) > 1 and not _credit_line(paragraphs[0]) and (
            looks_like_headline(paragraphs[0]) or headline_with_period(paragraphs[0], paragraphs[1])):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


#: Words a lead sentence has and a headline leaves out: the day of the news, and articles.
_DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split())
_ARTICLES = frozenset("the a an".split())
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or over per the to up via vs with".split())
MAX_PERIOD_HEADLINE_WORDS = 20


def headline_with_period(text: str, following: str) -> bool:
    """A headline some sites end with a full stop ("Britain expels 23 Russian diplomats.").

    It must be one short sentence, shorter than the paragraph after it, and read
    as a headline rather than a lead: written in title case, or in headline
    style: not opening with an article, at most one article in all, and no day
    of the news ("on Tuesday"), which a lead sentence nearly always has."""
    stripped = text.rstrip("'\"’”»")
    if not stripped.endswith(".") or stripped.endswith("..") or _ABBREVIATION_END.search(stripped):
        return False
    if re.search(r"[.!?;]['\"’”»]?\s+\S", stripped[:-1]):
        return False  # more than one sentence
    words = _WORDS.findall(text)
    if not 3 <= len(words) <= MAX_PERIOD_HEADLINE_WORDS or len(_WORDS.findall(following)) <= len(words):
        return False
    first = text.lstrip("‘“'\"«")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    content = [w for w in words[1:] if w.lower() not in _SMALL_WORDS and not w.isdigit()]
    title_case = bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)
    lowered = [w.lower() for w in words]
    headline_style = (lowered[0] not in _ARTICLES and sum(w in _ARTICLES for w in lowered) <= 1
                      and not any(w in _DAY_WORDS for w in lowered))
    return title_case or headline_style


def _credit_line(text: str) -> bool:
    """A photo credit on a line of its own ("Name – Pool – Reuters") is never a title."""
    parsed = parse_caption(text)
    return parsed is not None and parsed[0] is None

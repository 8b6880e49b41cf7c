"""Photo captions and credits: "Caption (Photo: Name, AP)", "Photo: AFP",
"Caption (Pic by Name)", "Caption REUTERS/Name", "Credit: Name",
"Caption. (Yonhap)".

`parse_caption` splits such a line into (caption, credit); the caption is
None for a bare credit line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from dragoman.clean.data import alternation, load

#: A caption is short; a longer line ending in "(AP)" is a paragraph.
MAX_CAPTION_WORDS = 60
_NAME_WORD = re.compile(r"^(?:[A-Z0-9À-Þ][\w.'’&/-]*|of|the|and|de|del|da|la|von|van|al|el|bin|for|/|\+)$")


@dataclass(frozen=True)
class CaptionPatterns:
    """Patterns for the *tail* of a line that holds the credit; the caption is
    what comes before.  Matching tails only keeps the cleaner linear in the
    line length."""

    paren_credit: re.Pattern      # (Photo: Name) | [Pic by Name]
    label: re.Pattern             # Photo: | Credit: | Pic by  (then the credit)
    label_prefix: re.Pattern      # what may stand before a label: nothing, or a sentence end / bar / dash
    slash_credit: re.Pattern      # REUTERS/Name | Name/AFP via Getty Images | Name via Reuters
    agency_slash_start: re.Pattern  # REUTERS/ at the start of a credit
    plain_paren: re.Pattern       # (Yonhap)
    bare_agency: re.Pattern       # (Reuters) | Getty Images, on a line of its own
    wire_credit: re.Pattern       # Name – Pool – Reuters | Name/Pool via AP | Photo by Name - Pool/Getty Images
    dash_credit: re.Pattern       # Caption. — APP
    agencies: frozenset


@lru_cache(maxsize=1)
def patterns() -> CaptionPatterns:
    data = load()
    words = alternation(data.credit_words)
    agencies = alternation(data.agencies)
    separator = r"(?:\s+by\b|\s+courtesy(?:\s+of)?\b|\s*[:：/]|\s+[–—-])"
    return CaptionPatterns(
        paren_credit=re.compile(
            rf"[(\[]\s*(?i:{words}){separator}\s*(?P<credit>[^()\[\]]{{1,150}}?)\s*[)\]]\W{{0,2}}"),
        label=re.compile(rf"(?<!\w)(?i:{words})(?:\s+by\b|\s+courtesy(?:\s+of)?\b|\s*[:：])\s*"),
        label_prefix=re.compile(r"(?:.*(?:[.!?]\s+|\s+[|–—-]\s+|\s*\|\s*))?"),
        slash_credit=re.compile(
            rf"(?P<open>[(\[])?\s*(?P<credit>(?i:{agencies})(?i:\s+(?:photo|images?|pictures?|pool))?\s*/\s*[^()\[\]/]{{1,60}}?"
            rf"|[^()\[\]/]{{1,60}}?\s*/\s*(?i:{agencies})(?:\s+via\s+[^()\[\]]{{1,40}})?"
            rf"|[^()\[\]]{{1,60}}?\s+via\s+(?i:{agencies}))\s*[)\]]?\W{{0,2}}"),
        agency_slash_start=re.compile(rf"(?i:{agencies})(?i:\s+(?:photo|images?|pictures?|pool))?\s*/"),
        plain_paren=re.compile(r"\(\s*(?P<credit>[^()]{1,60}?)\s*\)\W{0,2}"),
        bare_agency=re.compile(rf"[(\[]?\s*(?P<credit>(?i:{agencies})(?i:\s+(?:photo|images?|pictures?))?)\s*[)\]]?"),
        wire_credit=re.compile(
            rf"(?:(?i:{words})(?:\s+by\b|\s*[:：])\s*)?(?P<credit>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,4}}"
            rf"(?:\s*[/–—-]\s*|\s*,\s*|\s+)(?i:pool|handout)(?:\s*[/–—-]\s*|\s+via\s+|\s*,\s*)(?i:{agencies})"
            rf"(?:\s+via\s+(?i:{agencies}))?)\W{{0,2}}"),
        dash_credit=re.compile(r"(?P<caption>.*[.!?])\s+[—–]\s*(?P<credit>[^.—–]{1,40}?)\.?"),
        agencies=frozenset(a.lower() for a in data.agencies),
    )


#: A word of a photographer's name as wire credits print it ("Evan Vucci", "SAUL LOEB").
_CAPITALISED = r"[A-ZÀ-Þ][\w.'’-]*"


def _tidy_caption(caption: Optional[str]) -> Optional[str]:
    caption = (caption or "").strip().rstrip(" .,;:|–—-").strip()
    return caption or None


def _looks_like_name(credit: str) -> bool:
    """A credit is a few capitalised words (names, agencies), not a clause."""
    words = credit.replace(",", " ").split()
    return 1 <= len(words) <= 8 and all(_NAME_WORD.match(w) for w in words)


def parse_caption(line: str, after_alt_text: bool = False) -> Optional[tuple[Optional[str], str]]:
    """(caption, credit) when the line is a caption with a credit or a bare credit.

    A trailing "(Name)" counts as a credit only for a known agency, or right
    after an alt-text line (where a caption is expected).
    """
    if len(line.split()) > MAX_CAPTION_WORDS:
        return None
    p = patterns()
    if len(line) <= 60:
        match = p.bare_agency.fullmatch(line)
        if match:
            return None, match["credit"].strip()
    if len(line) <= 120:
        match = p.wire_credit.fullmatch(line)
        if match:
            return None, match["credit"].strip()
    match = p.dash_credit.fullmatch(line) if ("—" in line or "–" in line) else None
    if match and _looks_like_name(match["credit"]) and (
            after_alt_text or match["credit"].strip().lower() in p.agencies):
        return _tidy_caption(match["caption"]), match["credit"].strip()
    open_at = max(line.rfind("("), line.rfind("["))
    if open_at >= 0 and line.rstrip(" .!?,;:").endswith((")", "]")):
        caption, tail = line[:open_at], line[open_at:]
        match = p.paren_credit.fullmatch(tail)
        if match:
            return _tidy_caption(caption), match["credit"].strip()
        match = p.slash_credit.fullmatch(tail)
        if match and _looks_like_name(match["credit"].replace("/", " ")):
            return _tidy_caption(caption), match["credit"].strip()
        match = p.plain_paren.fullmatch(tail)
        if match and caption.strip():
            credit = match["credit"].strip()
            known = credit.lower() in p.agencies
            if known or (after_alt_text and _looks_like_name(credit) and len(credit.split()) <= 5):
                return _tidy_caption(caption), credit
    for label in p.label.finditer(line):
        credit = line[label.end():].strip().rstrip(".").strip()
        if credit and _looks_like_name(credit) and p.label_prefix.fullmatch(line[:label.start()]):
            return _tidy_caption(line[:label.start()]), credit
    if "/" in line or " via " in line:
        for start in _last_word_starts(line, 8):
            match = p.slash_credit.fullmatch(line, start)
            if match and not match["open"] and _looks_like_name(match["credit"].replace("/", " ")):
                caption, credit = line[:start], match["credit"].strip()
                # "Caption. REUTERS/Name" is the wire layout; "… said Name/AFP" after a sentence is not
                agency_first = p.agency_slash_start.match(credit) is not None
                if agency_first or not caption.rstrip().endswith((".", "!", "?")):
                    return _tidy_caption(caption), credit
    return None


def _last_word_starts(line: str, count: int) -> list[int]:
    """Offsets where the last `count` words of the line start, leftmost first."""
    starts = [m.start() for m in re.finditer(r"(?<!\S)\S", line)]
    return starts[-count:]

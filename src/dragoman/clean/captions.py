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

from dragoman.clean.data import _alternation, load

#: A caption is short; a longer line ending in "(AP)" is a paragraph.
MAX_CAPTION_WORDS = 60
_NAME_WORD = re.compile(r"^(?:[A-Z0-9À-Þ][\w.'’&/-]*|of|the|and|de|del|da|la|von|van|al|el|bin|for|/|\+)$")


@dataclass(frozen=True)
class CaptionPatterns:
    paren_credit: re.Pattern      # Caption (Photo: Name)
    labelled_credit: re.Pattern   # Caption. Photo: Name | Credit: Name
    agency_slash: re.Pattern      # Caption REUTERS/Name, Caption (Name/AFP via Getty Images)
    trailing_paren: re.Pattern    # Caption. (Yonhap)
    bare_agency: re.Pattern       # (Reuters) | Getty Images, on a line of its own
    agencies: frozenset


@lru_cache(maxsize=1)
def patterns() -> CaptionPatterns:
    data = load()
    words = _alternation(data.credit_words)
    agencies = _alternation(data.agencies)
    return CaptionPatterns(
        paren_credit=re.compile(
            rf"(?P<caption>.*?)[\s.,;:|–—-]*[(\[]\s*(?i:{words})(?:\s+by\b|\s+courtesy(?:\s+of)?\b|\s*[:：/]|\s+[–—-])\s*"
            rf"(?P<credit>[^()\[\]]{{1,150}}?)\s*[)\]]\W{{0,2}}"),
        labelled_credit=re.compile(
            rf"(?:(?P<caption>.*?)(?:[.!?]\s+|\s+[|–—-]\s+|\s*\|\s*))?(?i:{words})(?:\s+by\b|\s+courtesy(?:\s+of)?\b|\s*[:：])\s*"
            rf"(?P<credit>\S.{{0,100}}?)\.?"),
        agency_slash=re.compile(
            rf"(?P<caption>.*?)[\s.,;:|–—-]*(?P<open>[(\[])?\s*(?P<credit>(?:(?i:{agencies})\s*/\s*[^()\[\]/]{{1,60}}?"
            rf"|[^()\[\]/]{{1,60}}?\s*/\s*(?i:{agencies})(?:\s+via\s+[^()\[\]]{{1,40}})?"
            rf"|[^()\[\]]{{1,60}}?\s+via\s+(?i:{agencies})))\s*[)\]]?"),
        trailing_paren=re.compile(r"(?P<caption>.*?)[\s.,;:]*\(\s*(?P<credit>[^()]{1,60}?)\s*\)"),
        bare_agency=re.compile(rf"[(\[]?\s*(?P<credit>(?i:{agencies})(?i:\s+(?:photo|images?|pictures?))?)\s*[)\]]?"),
        agencies=frozenset(a.lower() for a in data.agencies),
    )


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
    match = p.bare_agency.fullmatch(line)
    if match:
        return None, match["credit"].strip()
    match = p.paren_credit.fullmatch(line)
    if match:
        return _tidy_caption(match["caption"]), match["credit"].strip()
    match = p.labelled_credit.fullmatch(line)
    if match and _looks_like_name(match["credit"]):
        return _tidy_caption(match["caption"]), match["credit"].strip()
    match = p.agency_slash.fullmatch(line)
    if match and (match["open"] or not match["caption"] or not match["caption"].rstrip().endswith((".", "!", "?"))):
        credit = match["credit"].strip()
        if _looks_like_name(credit.replace("/", " ")):
            return _tidy_caption(match["caption"]), credit
    match = p.trailing_paren.fullmatch(line)
    if match and match["caption"].strip():
        credit = match["credit"].strip()
        known = credit.lower() in p.agencies
        if known or (after_alt_text and _looks_like_name(credit) and len(credit.split()) <= 5):
            return _tidy_caption(match["caption"]), credit
    return None

"""Page widgets and picture labels, from the word lists in data/clean/.

* share bars and "read more" links in any language listed in ``widgets.tsv``
  ("Paylaş: Facebook | Twitter", "Lesen Sie auch: …", "Leer más") → boilerplate;
* "more stories" headings ("Related", "More stories", "Also read"): what follows
  such a heading on its own line, at the end of an article, is another story;
* picture labels without bracket or colon (``media_labels.tsv``):
  "Image copyright Reuters" is a credit, "Image caption …" a caption;
* a story appended after the article's end mark ("(END)", "-30-", a copyright
  line) that names nobody the article names is another story too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from dragoman.clean.data import alternation, load

#: What separates the networks of a share bar.
_SEPARATOR = r"(?:\s*[|/·•,;]\s*|\s+)"
#: Capitalised words that name someone or something (sentence openers included).
_NAME = re.compile(r"\b[A-ZÀ-Þ][\w’'-]{2,}")


@dataclass(frozen=True)
class WidgetPatterns:
    widget: re.Pattern        # a share bar or a read-more link (whole line)
    more_heading: re.Pattern  # a heading that introduces other stories (whole line)
    credit_label: re.Pattern  # "Image copyright NAME"
    caption_label: re.Pattern  # "Image caption TEXT"


@lru_cache(maxsize=1)
def patterns() -> WidgetPatterns:
    data = load()
    words = data.widgets
    network = rf"(?:{alternation(words['network'])})\b"
    networks = rf"{network}(?:{_SEPARATOR}{network})*"
    share = rf"(?:{alternation(words['share'])})\b"
    read_more = rf"(?:{alternation(words['read_more'])})\b"
    share_bar = rf"{share}(?:\s*[:：|\-–—]?\s*{networks})?\W{{0,3}}|{network}(?:{_SEPARATOR}{network})+\W{{0,3}}"
    link = rf"{read_more}(?:\s*[:：|\-–—»›>]\s*\S.{{0,200}}|\W{{0,3}})"
    return WidgetPatterns(
        widget=re.compile(rf"(?:{share_bar}|{link})", re.I),
        more_heading=re.compile(rf"(?:{alternation(words['more'])})\b\W{{0,3}}", re.I),
        credit_label=re.compile(rf"(?:{alternation(data.media_labels['credit'])})\s*[,:]?\s+(?P<value>\S.{{0,80}})", re.I),
        caption_label=re.compile(rf"(?:{alternation(data.media_labels['caption'])})\s*[,:]?\s+(?P<value>\S.{{0,400}})", re.I),
    )


def is_widget(text: str) -> bool:
    """A share bar or a "read more" link, in any listed language."""
    return len(text) <= 300 and patterns().widget.fullmatch(text) is not None


def is_more_heading(text: str) -> bool:
    """A line that only announces other stories ("Related", "More stories:")."""
    return len(text) <= 60 and patterns().more_heading.fullmatch(text) is not None


def media_label(text: str) -> Optional[tuple[str, str]]:
    """("credit", name) for "Image copyright Name", ("caption", text) for "Image caption Text"."""
    p = patterns()
    match = p.credit_label.fullmatch(text)
    if match and len(match["value"].split()) <= 8:
        return "credit", match["value"].strip().rstrip(".").strip()
    match = p.caption_label.fullmatch(text)
    if match:
        return "caption", match["value"].strip()
    return None


def names(text: str) -> set[str]:
    """The capitalised words of a text, casefolded (a crude stand-in for its actors)."""
    return {m.group().casefold() for m in _NAME.finditer(text)}

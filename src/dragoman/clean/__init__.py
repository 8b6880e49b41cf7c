"""Stage: clean scraped text into a body, a title, media and removed lines.

Scraped articles carry debris between their paragraphs: image alt text in
another script or language, captions with photo credits, "As reported by …"
source lines, and boilerplate (read-more links, ads, share and newsletter
prompts).  The cleaner classifies every line, keeps the body, rejoins
paragraphs broken by a stray newline, and records what it took out, so that
every word of the input is accounted for.  Only whitespace is normalised;
every other character stays as written.
"""

from __future__ import annotations

import hashlib
from typing import Optional

from dragoman.clean.layout import Line, classify_lines, paragraphs_of, split_blocks, take_title
from dragoman.errors import Skip
from dragoman.ingest.dates import normalise_date
from dragoman.model import Document, Media, RawArticle, Removed

__all__ = ["clean", "document_id"]


def document_id(text: str) -> str:
    """The first 16 hex digits of the sha256 of the normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def clean(raw: RawArticle) -> Document:
    """The Document of a raw article; Skip when it holds no article text."""
    text, title, published, source, from_html = _text_and_metadata(raw)
    if not text or not text.strip():
        raise Skip("empty" if not from_html else "no article text", raw.origin)
    lines = classify_lines(split_blocks(text))
    paragraphs = paragraphs_of(lines)
    title, paragraphs = take_title(paragraphs, title, detect=not from_html)
    if not paragraphs:
        raise Skip("no article text", raw.origin)
    body = "\n\n".join(paragraphs)
    source = _source_line_name(lines) or source
    return Document(
        id=raw.id or document_id(body), text=body, source=source, url=raw.url, title=title,
        published=normalise_date(published),
        media=[Media(caption=l.caption, credit=l.credit, language="en") for l in lines if l.is_media],
        removed=[Removed(text=l.text, reason=l.reason) for l in lines if l.reason],
    )


def _text_and_metadata(raw: RawArticle) -> tuple[Optional[str], Optional[str], Optional[str], Optional[str], bool]:
    """Text, title, published, source; text extracted from `html` when only HTML is given."""
    if raw.text and raw.text.strip():
        return raw.text, raw.title, raw.published, raw.source, bool(raw.html)
    if raw.html and raw.html.strip():
        from dragoman.ingest.html import extract

        text, title, published, sitename = extract(raw.html)
        return text, raw.title or title, raw.published or published, raw.source or sitename, True
    return None, raw.title, raw.published, raw.source, False


def _source_line_name(lines: list[Line]) -> Optional[str]:
    """The name a source line gives ("As reported by X"), the last one winning."""
    names = [l.source for l in lines if l.source]
    return names[-1] if names else None

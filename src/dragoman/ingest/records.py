"""Article objects (JSON, JSONL, gold files) and HTML pages into RawArticles.

Per-article metadata wins over the command-line defaults: an article's own
`published` and `source` are kept, the options fill only what is missing.
"""

from __future__ import annotations

from typing import Optional

from dragoman.errors import Skip
from dragoman.ingest.dates import normalise_date
from dragoman.ingest.html import extract
from dragoman.model import RawArticle


def _text_field(value: object) -> Optional[str]:
    return value if isinstance(value, str) and value.strip() else None


def _str_field(value: object) -> Optional[str]:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = " ".join(str(value).split())
    return value or None


def article_from_object(obj: object, origin: str, published: Optional[str], source: Optional[str],
                        problem_prefix: str = "") -> RawArticle:
    """A RawArticle from one JSON object (SPEC §1 fields, or a gold file with `meta`).

    Raises Skip with `problem_prefix` (e.g. 'line 3: ') before the reason.
    """
    if not isinstance(obj, dict):
        raise Skip(f"{problem_prefix}not an article object", origin)
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    text = _text_field(obj.get("text"))
    html = _text_field(obj.get("html"))
    if text is None and html is None:
        if isinstance(obj.get("text"), str) or isinstance(obj.get("html"), str):
            raise Skip(f"{problem_prefix}empty", origin)
        raise Skip(f"{problem_prefix}no text or html", origin)
    raw = RawArticle(
        text=text, html=html if text is None else None,  # a given text is read as plain text
        id=_str_field(obj.get("id")),
        title=_str_field(obj.get("title") or meta.get("title")),
        published=normalise_date(obj.get("published") or meta.get("published")),
        source=_str_field(obj.get("source") or meta.get("source")),
        url=_str_field(obj.get("url") or meta.get("url")),
        origin=origin,
    )
    if text is None:
        raw = with_html_extracted(raw, problem_prefix)
    return with_defaults(raw, published, source)


def article_from_html(html: str, origin: str, published: Optional[str], source: Optional[str],
                      **fields) -> RawArticle:
    """A RawArticle from an HTML page; Skip('no article text') when it has no main text."""
    raw = RawArticle(html=html, origin=origin, **fields)
    return with_defaults(with_html_extracted(raw), published, source)


def with_html_extracted(raw: RawArticle, problem_prefix: str = "") -> RawArticle:
    """Fill `text` (and missing title, date, site) from `raw.html`.

    The HTML is kept beside the text: the cleaner then knows the text came
    from a page, whose headline is in the metadata and not in the text.
    """
    text, title, published, sitename = extract(raw.html or "")
    if not text.strip():
        raise Skip(f"{problem_prefix}no article text", raw.origin)
    raw.text = text
    raw.title = raw.title or title
    raw.published = raw.published or published
    raw.source = raw.source or sitename
    return raw


def with_defaults(raw: RawArticle, published: Optional[str], source: Optional[str]) -> RawArticle:
    """Fill published and source from the reading options where the article gives none."""
    raw.published = normalise_date(raw.published) or published
    raw.source = raw.source or source
    return raw

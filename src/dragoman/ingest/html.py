"""Main text and metadata of an HTML page, through trafilatura.

Settings chosen by measurement on the scrapinghub dev pages (91 pages,
`benchmarks/extraction.py --compare`, body F1 of SPEC §4): trafilatura's
defaults 0.964, `favor_precision` 0.969, `favor_precision` without comments
0.977; with the cleaner after it 0.979.
"""

from __future__ import annotations

import logging
from typing import Optional

from dragoman.ingest.dates import normalise_date

#: trafilatura settings, measured (see module docstring).
TRAFILATURA_SETTINGS = dict(favor_precision=True, include_comments=False, include_tables=True,
                            include_images=False, include_links=False, deduplicate=False)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def extract(html: str) -> tuple[str, Optional[str], Optional[str], Optional[str]]:
    """(text, title, published YYYY-MM-DD, site name) of a page; text '' when none.

    Paragraphs in the returned text are separated by a blank line, as the
    cleaner expects of plain text.
    """
    import trafilatura

    if not html or not html.strip():
        return "", None, None, None
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, **TRAFILATURA_SETTINGS)
    except Exception:  # lxml and trafilatura raise on some broken pages
        result = None
    if result is None:
        return "", None, None, None
    if isinstance(result, dict):
        get = result.get
    else:
        def get(key):
            return getattr(result, key, None)
    text = get("text") or ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return ("\n\n".join(paragraphs), _clean(get("title")), normalise_date(get("date")),
            _clean(get("sitename")))


def _clean(value: Optional[str]) -> Optional[str]:
    value = " ".join((value or "").split())
    return value or None

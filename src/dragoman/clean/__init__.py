"""Stage: clean scraped text into a body, a title, media and removed lines."""

from __future__ import annotations

import hashlib
import re

from dragoman.errors import Skip
from dragoman.model import Document, RawArticle


def clean(raw: RawArticle) -> Document:
    """Placeholder cleaner: whitespace only (replaced by the real one)."""
    text = (raw.text or "").strip()
    if not text:
        raise Skip("empty", raw.origin)
    text = re.sub(r"[ \t]+", " ", text)
    doc_id = raw.id or hashlib.sha256(text.encode()).hexdigest()[:16]
    return Document(id=doc_id, text=text, title=raw.title, published=raw.published,
                    source=raw.source, url=raw.url)

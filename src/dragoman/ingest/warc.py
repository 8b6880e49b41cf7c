"""WARC archives (Common Crawl News layout): one article per HTML response."""

from __future__ import annotations

from typing import Iterator, Union

from dragoman.errors import Skip
from dragoman.ingest.decode import decode_bytes
from dragoman.ingest.records import article_from_html
from dragoman.model import RawArticle

_HTML_TYPES = ("text/html", "application/xhtml")


def read_warc(path: str, options) -> Iterator[Union[RawArticle, Skip]]:
    """RawArticles of the HTML response records; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = warc_records = 0
    with open(path, "rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                warc_records += str(getattr(record, "format", "")).startswith("warc")
                if record.rec_type != "response":
                    continue
                content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                if not any(t in (content_type or "").lower() for t in _HTML_TYPES):
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                origin = f"{path}:{record_id or number}"
                data = record.content_stream().read(options.max_bytes + 1)
                if len(data) > options.max_bytes:
                    yield Skip("too large", origin)
                    continue
                try:
                    html = decode_bytes(data, origin)
                    yield article_from_html(
                        html, origin, options.published, options.source,
                        id=record_id, url=record.rec_headers.get_header("WARC-Target-URI"))
                except Skip as skip:
                    yield skip
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Skip(f"not a readable WARC archive ({exc.__class__.__name__})", path)
            return
    if warc_records == 0:
        yield Skip("not a readable WARC archive (no records)", path)

"""WARC archives (Common Crawl News layout): one article per HTML response.

A download cut short leaves a last record with less than its declared
length, or trailing bytes that no longer form a record (warcio passes over
them silently in a .warc.gz).  Either is reported as a skip; the record is
never coded as if it were whole.
"""

from __future__ import annotations

import itertools
from typing import Iterator, Union

from dragoman.errors import Skip
from dragoman.ingest.decode import decode_bytes
from dragoman.ingest.records import article_from_html
from dragoman.model import RawArticle

_HTML_TYPES = ("text/html", "application/xhtml")

#: Bytes read past the last whole record to tell trailing blank lines from a cut-off record.
_TAIL_PROBE = 64


def read_warc(path: str, options) -> Iterator[Union[RawArticle, Skip]]:
    """RawArticles of the HTML response records; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator

    warc_records = 0
    end = 0  # where the last whole record ends
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        iterator = iter(records)
        for number in itertools.count(1):
            try:  # warcio raises many kinds of error (even AttributeError) on a broken record
                record = next(iterator, None)
                if record is None:
                    break
                is_warc = str(getattr(record, "format", "")).startswith("warc")
                warc_records += is_warc
                found = _response_content(path, number, record, options)
                records.read_to_end(record)
                if is_warc and _cut_short(record):
                    found = Skip(f"truncated record at byte {end}", path)
                end = records.get_record_offset() + records.get_record_length()
            except Exception as exc:
                if warc_records:
                    yield Skip(f"truncated or broken record at byte {end} ({exc.__class__.__name__})", path)
                else:
                    yield Skip(f"not a readable WARC archive ({exc.__class__.__name__})", path)
                return
            if isinstance(found, Skip):
                yield found
            elif found is not None:
                yield _article(found, options)
        if warc_records:
            stream.seek(end)
            if stream.read(_TAIL_PROBE).strip():
                yield Skip(f"truncated record at byte {end}", path)
    if warc_records == 0:
        yield Skip("not a readable WARC archive (no records)", path)


def _cut_short(record) -> bool:
    """True when the file ended inside the record: its headers cut before Content-Length,
    or fewer bytes than Content-Length declares (warcio then lowers ``length`` or leaves
    ``limit`` unread)."""
    declared = record.rec_headers.get_header("Content-Length") if record.rec_headers else None
    if declared is None or record.length is None:
        return True
    try:
        return int(declared) != record.length or bool(getattr(record.raw_stream, "limit", 0))
    except ValueError:
        return True


def _response_content(path: str, number: int, record, options) -> Union[None, Skip, tuple]:
    """(origin, bytes, record id, url) of an HTML response record; None for any other record,
    a Skip for one too large or cut off."""
    if record.rec_type != "response":
        return None
    content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    if not any(t in (content_type or "").lower() for t in _HTML_TYPES):
        return None
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    origin = f"{path}:{record_id or number}"
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return Skip("too large", origin)
    missing = getattr(record.raw_stream, "limit", 0)  # declared bytes the file did not hold
    if missing:
        return Skip(f"truncated record ({record.length - missing} of {record.length} bytes)", origin)
    return origin, data, record_id, record.rec_headers.get_header("WARC-Target-URI")


def _article(found: tuple, options) -> Union[RawArticle, Skip]:
    origin, data, record_id, url = found
    try:
        html = decode_bytes(data, origin)
        return article_from_html(html, origin, options.published, options.source, id=record_id, url=url)
    except Skip as skip:
        return skip

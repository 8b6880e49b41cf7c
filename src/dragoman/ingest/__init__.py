"""Stage: read articles from files, folders, archives and stdin (SPEC §1).

`read_paths` yields one RawArticle per article, or a Skip that says why an
input cannot be read; a bad input never stops the others.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

from dragoman.config import MAX_BYTES
from dragoman.errors import Skip
from dragoman.ingest.decode import decode_bytes
from dragoman.ingest.records import article_from_html, article_from_object, with_defaults
from dragoman.model import RawArticle

__all__ = ["ReadOptions", "read_paths", "read_text", "KNOWN_SUFFIXES"]

Item = Union[RawArticle, Skip]


@dataclass(frozen=True)
class ReadOptions:
    published: Optional[str] = None  # YYYY-MM-DD, used when the input has none
    source: Optional[str] = None
    max_bytes: int = MAX_BYTES
    stdin_jsonl: bool = False


#: File kinds a directory is searched for, longest suffix first.
KNOWN_SUFFIXES = (".jsonl.gz", ".warc.gz", ".txt.gz", ".html.gz", ".htm.gz",
                  ".txt", ".html", ".htm", ".jsonl", ".json", ".warc")


def kind_of(path: str) -> Optional[str]:
    """The known suffix the file name ends with (case-insensitive), or None."""
    name = path.lower()
    return next((s for s in KNOWN_SUFFIXES if name.endswith(s)), None)


def read_paths(paths: Iterable[str], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Every article of every path, in order; directories recursively, sorted."""
    for path in paths:
        path = str(path)
        if path == "-":
            yield from read_stdin(options)
        elif os.path.isdir(path):
            for file_path in files_under(path):
                yield from read_file(file_path, options)
        elif not os.path.exists(path):
            yield Skip("no such file", path)
        else:
            yield from read_file(path, options)


def files_under(directory: str, _seen: Optional[set] = None) -> Iterator[str]:
    """Files of known kinds below `directory`, sorted, hidden names left out
    (a folder reached twice through links is read once)."""
    seen = _seen if _seen is not None else set()
    real = os.path.realpath(directory)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from files_under(entry.path, seen)
        elif entry.is_file() and kind_of(entry.name):
            yield entry.path


def read_file(path: str, options: ReadOptions) -> Iterator[Item]:
    """Articles of one file, read by its kind; an unknown kind is read as text."""
    kind = kind_of(path) or ".txt"
    try:
        if kind in (".warc", ".warc.gz"):
            from dragoman.ingest.warc import read_warc

            yield from read_warc(path, options)
        elif kind in (".jsonl", ".jsonl.gz"):
            yield from read_jsonl(path, options)
        else:
            data = read_bytes(path, options.max_bytes, gzipped=kind.endswith(".gz"))
            yield from read_document(data, kind.removesuffix(".gz"), path, options)
    except Skip as skip:
        yield skip
    except OSError as exc:
        yield Skip(f"cannot read ({exc.strerror or exc.__class__.__name__})", path)


def read_bytes(path: str, max_bytes: int, gzipped: bool = False) -> bytes:
    """The file's bytes; the size is checked before reading (Skip 'too large')."""
    if os.path.getsize(path) > max_bytes:
        raise Skip("too large", path)
    if gzipped:
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise Skip(f"not a readable gzip file ({exc.__class__.__name__})", path)
    else:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Skip("too large", path)
    return data


def read_document(data: bytes, kind: str, origin: str, options: ReadOptions) -> Iterator[Item]:
    """One file's worth of bytes of a single-document kind (.txt, .html, .json)."""
    if not data.strip():
        raise Skip("empty", origin)
    text = decode_bytes(data, origin)
    if not text.strip():
        raise Skip("empty", origin)
    if kind in (".html", ".htm"):
        yield article_from_html(text, origin, options.published, options.source)
    elif kind == ".json":
        yield from read_json(text, origin, options)
    else:
        yield read_text(text, origin, options)


def read_text(text: str, origin: str, options: ReadOptions) -> RawArticle:
    """A plain-text article; Skip('empty') for nothing but whitespace."""
    if not text.strip():
        raise Skip("empty", origin)
    return with_defaults(RawArticle(text=text, origin=origin), options.published, options.source)


def read_json(text: str, origin: str, options: ReadOptions) -> Iterator[Item]:
    """A .json file: one article object (or gold file), or a list of them."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Skip(f"not JSON ({exc.msg} at line {exc.lineno})", origin)
    if isinstance(obj, list):
        for number, item in enumerate(obj, start=1):
            try:
                yield article_from_object(item, f"{origin}:{number}", options.published, options.source,
                                          f"item {number}: ")
            except Skip as skip:
                yield skip
    else:
        yield article_from_object(obj, origin, options.published, options.source)


def read_jsonl(path: str, options: ReadOptions) -> Iterator[Item]:
    """A .jsonl or .jsonl.gz file, one article per line; a bad line is one Skip."""
    if os.path.getsize(path) == 0:
        raise Skip("empty", path)
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        try:
            yield from read_jsonl_lines(fh, path, options)
        except (EOFError, gzip.BadGzipFile) as exc:
            yield Skip(f"not a readable gzip file ({exc.__class__.__name__})", path)


def read_jsonl_lines(lines: Iterable[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    """Articles of JSONL lines (bytes); blank lines are passed over."""
    seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{origin}:{number}"
        prefix = f"line {number}: "
        try:
            if len(line) > options.max_bytes:
                raise Skip(prefix + "too large", where)
            try:
                obj = json.loads(decode_bytes(line, where))
            except Skip as skip:
                raise Skip(prefix + skip.reason, where)
            except (json.JSONDecodeError, RecursionError):
                raise Skip(prefix + "not JSON", where)
            yield article_from_object(obj, where, options.published, options.source, prefix)
        except Skip as skip:
            yield skip
    if not seen:
        yield Skip("empty", origin)


def read_stdin(options: ReadOptions) -> Iterator[Item]:
    """Standard input, as one text article or as JSONL (options.stdin_jsonl)."""
    stream = sys.stdin.buffer
    if options.stdin_jsonl:
        yield from read_jsonl_lines(stream, "-", options)
        return
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield Skip("too large", "-")
        return
    try:
        yield from read_document(data, ".txt", "-", options)
    except Skip as skip:
        yield skip

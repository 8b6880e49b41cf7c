"""Stage: read articles from files, folders, archives and stdin (SPEC §1).

`read_paths` yields one RawArticle per article, or a Skip that says why an
input cannot be read; a bad input never stops the others.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

from dragoman.config import MAX_BYTES
from dragoman.errors import Skip
from dragoman.ingest.decode import decode_bytes
from dragoman.ingest.records import article_from_html, article_from_object, with_defaults
from dragoman.model import RawArticle

__all__ = ["ReadOptions", "read_paths", "read_text", "KNOWN_SUFFIXES"]

Item = Union[RawArticle, Skip]

#: Why JSON nested past the parser's recursion limit is skipped.
TOO_DEEP = "nested too deeply"


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
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            yield Skip("no such file" if exc.errno == errno.ENOENT else f"cannot read ({os_reason(exc)})", path)
            continue
        if is_dir:
            for found in files_under(path):
                if isinstance(found, Skip):
                    yield found
                else:
                    yield from read_file(found, options)
        else:
            yield from read_file(path, options)


def os_reason(exc: OSError) -> str:
    """A short reason for a failed file-system call, as a skip line shows it."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or exc.__class__.__name__).lower()


def files_under(directory: str, _seen: Optional[set] = None) -> Iterator[Union[str, Skip]]:
    """Files of known kinds below `directory`, sorted, hidden names left out
    (a folder reached twice through links is read once).

    A folder that cannot be listed, or an entry of a known kind that cannot be
    looked at (a link loop, say), comes out as a Skip in its place: the run
    reports it rather than silently reading less than it was given.
    """
    seen = _seen if _seen is not None else set()
    real = os.path.realpath(directory)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield Skip(f"cannot read folder ({os_reason(exc)})", directory)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            if kind_of(entry.name):
                yield Skip(f"cannot read ({os_reason(exc)})", entry.path)
            continue
        if is_dir:
            yield from files_under(entry.path, seen)
        elif is_file and kind_of(entry.name):
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
        yield Skip(f"cannot read ({os_reason(exc)})", path)


def read_bytes(path: str, max_bytes: int, gzipped: bool = False) -> bytes:
    """The file's bytes; the size is checked before reading (Skip 'too large')."""
    if os.path.getsize(path) > max_bytes:
        raise Skip("too large", path)
    if gzipped:
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise Skip(f"not a readable gzip file ({gzip_problem(exc)})", path)
    else:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Skip("too large", path)
    return data


def gzip_problem(exc: BaseException) -> str:
    """What is wrong with a gzip file, in a word or two (zlib's own class is just 'error')."""
    return "corrupt data" if isinstance(exc, zlib.error) else exc.__class__.__name__


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
    except RecursionError:  # the parser recurses once per level of nesting
        raise Skip(f"not JSON ({TOO_DEEP})", origin)
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
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield Skip(f"not a readable gzip file ({gzip_problem(exc)})", path)


#: Bytes read at a time while passing over the rest of a line that is too large.
_PASS_OVER_CHUNK = 1 << 20


def bounded_lines(lines, limit: int) -> Iterator[Optional[bytes]]:
    """The lines of a binary stream (or of an iterable of lines), each read only up to
    ``limit`` + 1 bytes: None stands for a line over the limit, whose rest is read in chunks
    and dropped, so a line of any length never takes more memory than the limit."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        for line in lines:
            yield line if len(line) <= limit else None
        return
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = readline(_PASS_OVER_CHUNK)
        yield None


def read_jsonl_lines(lines: Iterable[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    """Articles of JSONL lines (bytes, or a binary stream read line by line with the size
    checked before a line is held whole); blank lines are passed over."""
    seen = False
    for number, line in enumerate(bounded_lines(lines, options.max_bytes), start=1):
        if line is not None and not line.strip():
            continue
        seen = True
        where = f"{origin}:{number}"
        prefix = f"line {number}: "
        try:
            if line is None:
                raise Skip(prefix + "too large", where)
            try:
                obj = json.loads(decode_bytes(line, where))
            except Skip as skip:
                raise Skip(prefix + skip.reason, where)
            except json.JSONDecodeError:
                raise Skip(prefix + "not JSON", where)
            except RecursionError:
                raise Skip(prefix + f"not JSON ({TOO_DEEP})", where)
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

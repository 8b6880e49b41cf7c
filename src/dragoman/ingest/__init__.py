"""Stage: read articles from files, folders, archives and stdin (SPEC §1).

Placeholder reader for .txt only; replaced by the full readers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

from dragoman.config import MAX_BYTES
from dragoman.errors import Skip
from dragoman.model import RawArticle


@dataclass(frozen=True)
class ReadOptions:
    published: Optional[str] = None  # YYYY-MM-DD, used when the input has none
    source: Optional[str] = None
    max_bytes: int = MAX_BYTES
    stdin_jsonl: bool = False


def read_paths(paths: Iterable[str], options: ReadOptions = ReadOptions()) -> Iterator[Union[RawArticle, Skip]]:
    for path in paths:
        if not os.path.exists(path):
            yield Skip("no such file", path)
            continue
        with open(path, encoding="utf-8", errors="replace") as fh:
            yield RawArticle(text=fh.read(), published=options.published, source=options.source, origin=path)

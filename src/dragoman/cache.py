"""Indexes built once and kept between processes in the user's cache folder.

The city index (`places.gazetteer`) and the filtered Phoenix people
(`actors.kb`) take seconds to build from their sources and milliseconds to
read back; both are kept here as ``marshal`` files whose names carry what
they were built from, so a change of source or format builds them anew.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Optional


def cache_folder() -> Optional[Path]:
    """``$DRAGOMAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/dragoman``, else ``~/.cache/dragoman``;
    None when no home can be found."""
    base = os.environ.get("DRAGOMAN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(xdg) / "dragoman" if xdg else Path.home() / ".cache" / "dragoman"
    except RuntimeError:
        return None


def read_marshal(path: Path, kind: type):
    """The cached object if it is a ``kind``, else None (absent, unreadable or foreign: it is rebuilt)."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, kind) else None


def write_marshal(path: Path, data, stale: Optional[str] = None) -> None:
    """Write atomically (a parallel worker never reads half a file) and remove the files
    matching the ``stale`` glob beside it (older versions); a read-only home only
    costs the next process the build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
        for old in path.parent.glob(stale) if stale else ():
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass

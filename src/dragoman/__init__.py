"""Dragoman: political event data from news articles.

    >>> import dragoman
    >>> doc = dragoman.code("Text of an article ...", published="2022-10-27")
    >>> doc.to_dict()["events"]
    >>> events = dragoman.query("dragoman.duckdb", actor="ISR", status="asserted")  # a pyarrow Table
    >>> events.to_pandas()  # with pandas installed
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Union

from dragoman.model import Document, RawArticle

__all__ = ["code", "code_many", "query", "Document", "RawArticle"]
__version__ = "0.1.0"


def _raw(item: Union[str, dict, RawArticle], published: Optional[str], source: Optional[str]) -> RawArticle:
    if isinstance(item, RawArticle):
        return item
    if isinstance(item, str):
        return RawArticle(text=item, published=published, source=source)
    return RawArticle(
        text=item.get("text"), html=item.get("html"), id=item.get("id"), title=item.get("title"),
        published=item.get("published") or published, source=item.get("source") or source,
        url=item.get("url"), origin=str(item.get("id") or "-"),
    )


def code(text: Union[str, dict, RawArticle], published: Optional[str] = None,
         source: Optional[str] = None) -> Document:
    """Code one article (plain text, a dict of SPEC §1 fields, or a RawArticle).

    Raises dragoman.errors.Skip when it cannot be coded.
    """
    from dragoman.pipeline import default_coder

    return default_coder().code(_raw(text, published, source))


def code_many(items: Iterable[Union[str, dict, RawArticle]], published: Optional[str] = None,
              source: Optional[str] = None) -> Iterator[Document]:
    """Stream Documents; articles that cannot be coded are left out."""
    from dragoman.pipeline import default_coder

    raws = (_raw(i, published, source) for i in items)
    for out in default_coder().code_many(raws):
        if isinstance(out, Document):
            yield out


def query(db="dragoman.duckdb", *, actor: Optional[str] = None, recipient: Optional[str] = None,
          type: Optional[str] = None, status: Union[str, Iterable[str], None] = None,
          since: Optional[str] = None, until: Optional[str] = None, country: Optional[str] = None,
          place: Optional[str] = None, quad_class: Optional[int] = None, text: Optional[str] = None,
          article: Optional[str] = None, reports: bool = False, undated: bool = False, sort: str = "date",
          descending: bool = False, limit: Optional[int] = None, offset: int = 0):
    """Stored events as a ``pyarrow.Table`` (``.to_pandas()`` when pandas is installed).

    The same query as `dragoman events` and the explorer's API (`dragoman.store.queries`):
    asserted events unless ``status`` asks for others (``"asserted,future"``, ``"all"`` or a
    list), one row per deduplicated event unless ``reports=True``; ``undated=True`` keeps only
    events with no day (`dragoman events --undated`, API ``undated=true``). ``db`` is a store path
    (opened read-only) or an open DuckDB connection. A bad value raises
    ``dragoman.store.queries.FilterError`` (a ValueError) with the CLI's and the API's message;
    a missing store, FileNotFoundError.
    """
    from dragoman.store import queries

    flt = queries.EventFilter(actor=actor, recipient=recipient, type=type, status=status, since=since,
                              until=until, country=country, place=place, quad_class=quad_class, q=text,
                              article=article, reports=reports, undated=undated)
    if hasattr(db, "execute"):
        return queries.events_table(db, flt, sort=sort, descending=descending, limit=limit, offset=offset)
    from dragoman.store.db import connect

    con = connect(db, read_only=True)
    try:
        return queries.events_table(con, flt, sort=sort, descending=descending, limit=limit, offset=offset)
    finally:
        con.close()

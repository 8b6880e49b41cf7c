"""Dragoman: political event data from news articles.

    >>> import dragoman
    >>> doc = dragoman.code("Text of an article ...", published="2022-10-27")
    >>> doc.to_dict()["events"]
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Union

from dragoman.model import Document, RawArticle

__all__ = ["code", "code_many", "Document", "RawArticle"]
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

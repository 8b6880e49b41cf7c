"""The coding pipeline: ingest → clean → nlp → actors → quotes/dates/places → events.

Each stage after nlp is a small component made once per process by its
package's ``create(options)`` and called as ``stage(doc, parsed)``: it reads
what earlier stages put in the :class:`~dragoman.model.Document` and adds its
own part.  Data flows one way; no stage reaches into another.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from dragoman import nlp
from dragoman.clean import clean
from dragoman.config import BATCH_SIZE, SPACY_MODEL
from dragoman.errors import Skip
from dragoman.model import Document, RawArticle

#: Stage packages after parsing, in the order data flows.
STAGES = ["actors", "quotes", "dates", "places", "events"]

Stage = Callable[[Document, object], None]


@dataclass(frozen=True)
class CoderOptions:
    model: str = SPACY_MODEL
    kb_paths: tuple[str, ...] = ()
    language: Optional[str] = None  # None: detect
    stages: tuple[str, ...] = tuple(STAGES)


@dataclass
class Coder:
    """Codes raw articles into Documents; holds every loaded resource."""

    options: CoderOptions = field(default_factory=CoderOptions)

    def __post_init__(self) -> None:
        self.nlp = nlp.load(self.options.model)
        self.stages: list[tuple[str, Stage]] = [
            (name, importlib.import_module(f"dragoman.{name}").create(self.options))
            for name in self.options.stages
        ]

    def prepare(self, raw: RawArticle) -> Document:
        """Clean and check the language; raises Skip for what cannot be coded."""
        doc = clean(raw)
        lang = self.options.language or nlp.detect_language(doc.text)
        doc.language = lang
        if lang != "en":
            skip = Skip(f"language {lang} is not supported", raw.origin)
            skip.document = doc  # cleaned all the same (SPEC §1); nothing is coded from it
            raise skip
        return doc

    def annotate(self, doc: Document, parsed) -> Document:
        for _name, stage in self.stages:
            stage(doc, parsed)
        return doc

    def code(self, raw: RawArticle) -> Document:
        doc = self.prepare(raw)
        return self.annotate(doc, self.nlp(doc.text))

    def code_many(
        self, items: Iterable[Union[RawArticle, Skip]], batch_size: int = BATCH_SIZE
    ) -> Iterator[Union[Document, Skip]]:
        """Documents (or Skips) in input order; parses in batches with nlp.pipe."""
        batch: list[Union[Document, Skip]] = []
        for item in items:
            if isinstance(item, RawArticle):
                try:
                    item = self.prepare(item)
                except Skip as skip:
                    item = skip
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _flush(self, batch: list) -> list[Union[Document, Skip]]:
        """Parse and annotate one batch inside a spaCy memory zone.

        The zone frees the strings each batch adds to the vocabulary, so a
        long ingest keeps flat memory; stages copy what they need into the
        Document, so nothing of spaCy's outlives the zone.
        """
        docs = [d for d in batch if isinstance(d, Document)]
        with self.nlp.memory_zone():
            parsed = iter(self.nlp.pipe([d.text for d in docs]))
            return [self.annotate(item, next(parsed)) if isinstance(item, Document) else item
                    for item in batch]


_default: Optional[Coder] = None


def default_coder() -> Coder:
    global _default
    if _default is None:
        _default = Coder()
    return _default

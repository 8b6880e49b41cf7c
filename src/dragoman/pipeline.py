"""The coding pipeline: ingest → clean → nlp → actors → quotes/dates/places → events.

Each stage after nlp is a small component made once per process by its
package's ``create(options)`` and called as ``stage(doc, parsed)``: it reads
what earlier stages put in the :class:`~dragoman.model.Document` and adds its
own part.  Each declares what it requires and assigns (`dragoman.stage`), and
a coder checks the order when it is made.  Data flows one way; no stage
reaches into another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from dragoman import nlp
from dragoman.clean import clean
from dragoman.config import BATCH_SIZE, SPACY_MODEL
from dragoman.errors import Skip
from dragoman.model import Document, RawArticle
from dragoman.version import coder_version

# The stages, imported by name so that what runs is visible here; each
# registers its factory with what it requires and assigns (`dragoman.stage`).
import dragoman.actors  # noqa: F401
import dragoman.dates  # noqa: F401
import dragoman.events  # noqa: F401
import dragoman.places  # noqa: F401
import dragoman.quotes  # noqa: F401
from dragoman.stage import REGISTRY, check_order

#: Stages after parsing, in the order data flows.
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
        unknown = [name for name in self.options.stages if name not in REGISTRY]
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(STAGES)}")
        specs = [REGISTRY[name] for name in self.options.stages]
        check_order(specs)
        self.stages: list[tuple[str, Stage]] = [(spec.name, spec.factory(self.options)) for spec in specs]

    def prepare(self, raw: RawArticle) -> Document:
        """Clean and check the language; raises Skip for what cannot be coded."""
        doc = clean(raw)
        lang = self.options.language or nlp.detect_language(doc.text)
        doc.language = lang
        if lang == nlp.NO_LANGUAGE:  # digits, symbols or one unbroken run of letters: not a language
            raise Skip("no words", raw.origin)
        if lang != "en":
            skip = Skip(f"language {lang} is not supported", raw.origin)
            skip.document = doc  # cleaned all the same (SPEC §1); nothing is coded from it
            raise skip
        return doc

    def annotate(self, doc: Document, parsed) -> Document:
        for _name, stage in self.stages:
            stage(doc, parsed)
        doc.coder_version = coder_version(self.options.kb_paths)  # hashed once per process
        return doc

    def code(self, raw: RawArticle) -> Document:
        doc = self.prepare(raw)
        return self.annotate(doc, self.parse(doc.text))

    def parse(self, text: str):
        """The spaCy Doc of a text of any length.

        spaCy refuses texts over ``nlp.max_length`` (E088), and its parser's
        working memory grows with the characters parsed at once (about 3 KB a
        character, measured); a long text is parsed one paragraph-aligned
        section at a time and the sections joined back into one Doc whose
        text, and so every offset, is the text's own.
        """
        limit = min(SECTION_CHARS, self.nlp.max_length)
        if len(text) <= limit:
            return self.nlp(text)
        from spacy.tokens import Doc

        return Doc.from_docs(list(self.nlp.pipe(sections(text, limit), batch_size=1)), ensure_whitespace=False)

    def parse_many(self, texts: list[str]) -> Iterator:
        """spaCy Docs of the texts, in order: short ones through ``nlp.pipe`` in groups of at
        most BATCH_CHARS characters (parser memory grows with them), long ones by ``parse``."""
        limit = min(SECTION_CHARS, self.nlp.max_length)
        group: list[str] = []
        for text in texts:
            if len(text) > limit or sum(map(len, group)) + len(text) > BATCH_CHARS:
                yield from self.nlp.pipe(group)
                group = []
            if len(text) > limit:
                yield self.parse(text)
            else:
                group.append(text)
        yield from self.nlp.pipe(group)

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
            parsed = self.parse_many([d.text for d in docs])
            return [self.annotate(item, next(parsed)) if isinstance(item, Document) else item
                    for item in batch]


#: The most characters of one text parsed at once; a longer text is parsed in sections
#: (Coder.parse). With BATCH_CHARS it bounds the parser's working memory (~3 KB a character).
SECTION_CHARS = 20_000
#: The most characters of short texts parsed together in one ``nlp.pipe`` batch.
BATCH_CHARS = 100_000
#: Where a section may end, best first: after a paragraph, a line, a sentence, a word.
SECTION_BREAKS = ("\n\n", "\n", ". ", " ")


def sections(text: str, limit: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` of at most ``limit`` characters that join back into it,
    each ending at the best break in its last half (mid-word only where there is none)."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for mark in SECTION_BREAKS:
            found = window.rfind(mark, limit // 2)
            if found >= 0:
                cut = found + len(mark)
                break
        yield text[start:start + cut]
        start += cut
    yield text[start:]


_default: Optional[Coder] = None


def default_coder() -> Coder:
    global _default
    if _default is None:
        _default = Coder()
    return _default

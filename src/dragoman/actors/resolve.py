"""Recognise, code and resolve the actors of one article.

The work is done in three passes over the spaCy parse:

1. *recognise*: knowledge-base phrases, titles/agent words and spaCy entities
   become units (a country, a person name, an organisation, a group, an
   anonymous source, a definite description such as "the Turkish leader");
2. *home country*: the country whose officials the article names with a bare
   title ("Defense Minister Benny Gantz") is the article's own, the default for
   unmarked groups, ministries and sources;
3. *resolve*: units become actors; surnames join full names, descriptions and
   pronouns join the person they refer to.
"""


from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from dragoman.actors.kb import KnowledgeBase
from dragoman.actors.lexicon import Lexicon, fold_tokens
from dragoman.model import Actor, Document, Mention
from dragoman.actors.units import (DETERMINERS, Draft, Unit, cameo_actor_code, inside_quotes, parse_day)
from dragoman.actors.coreference import Coreference
from dragoman.actors.home import HomeCountry
from dragoman.actors.recognise import Recognition


#: Words an organisation's name may continue with that spaCy's small model ends an entity on.
NAME_LINKS = frozenset({"on", "for", "of", "against"})


def join_split_names(parsed) -> list:
    """spaCy's entities, with an ORG cut at a linking word joined to the ORG right after it
    ("the Ghana National Commission on" + "Civic Education").

    Why: the small model often ends a long body's name at "on" or "for"; the halves became two
    organisations, the second without its country.
    """
    ents = list(parsed.ents)
    out: list = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "ORG" and ent.label_ == "ORG" and prev.end == ent.start \
                and prev[-1].lower_ in NAME_LINKS:
            out[-1] = Span(parsed, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


class ArticleResolver(Recognition, HomeCountry, Coreference):
    """Codes the actors of one document; made per article, cheap to build.

    The state of one article lives here; the three passes are mixins kept in
    their own modules (`actors.recognise`, `actors.home`, `actors.coreference`).
    """

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, doc: Document, parsed) -> None:
        self.kb, self.lexicon, self.doc, self.parsed = kb, lexicon, doc, parsed
        self.tokens = list(parsed)
        self.texts = [t.text for t in self.tokens]
        self.spaces = [bool(t.whitespace_) for t in self.tokens]
        self.ents = join_split_names(parsed)
        self.quoted = inside_quotes(self.texts)
        self.folded = fold_tokens(self.texts)
        self.day = parse_day(doc.published)
        self.units: list[Unit] = []
        self.taken = [False] * len(self.tokens)  # tokens already inside a unit
        self.drafts: list[Draft] = []
        self.countries: dict[str, Draft] = {}
        self.persons: dict[str, Draft] = {}
        self.orgs: dict[tuple, Draft] = {}
        self.last_body: dict[str, tuple[int, Draft]] = {}  # body key -> (token index, draft) last mentioned
        self.anonymous: dict[str, Draft] = {}
        self.anonymous_order: list[Draft] = []  # most recently mentioned last
        self.person_mentions: list[tuple[int, int, Draft]] = []  # (token index, person) in text order
        self.home: Optional[str] = None
        self.home_is_strong = False  # set by officials named with a bare title
        self.body_home: Optional[str] = None  # the home as the body alone decides it (no dateline)
        self._dateline: Optional[tuple] = None  # see HomeCountry.dateline; () once looked for and absent
        self.dateline_line = None  # the nlp.datelines.Dateline found there
        self._surnames: Optional[set] = None  # see full_name_surnames
        self.pending_appos: list = []
        self.named_countries: set = set()
        self.place_words: set = set()
        self.unit_at: dict[int, Unit] = {}  # token index -> the unit covering it
        self.ignored_names: set = set()
        self.acronyms: dict[str, str] = {}  # "JCS" -> org key of "Joint Chiefs of Staff"
        self.unit_drafts: dict[int, Draft] = {}  # id(person unit) -> its draft, once resolved

    def run(self) -> list[Actor]:
        self.recognise()
        self.home = self.home_country()
        self.resolve()
        return self.actors()

    def actors(self) -> list[Actor]:
        drafts = [d for d in self.drafts if d.mentions]
        drafts.sort(key=lambda d: min(m[0] for m in d.mentions))
        out = []
        for n, d in enumerate(drafts, start=1):
            spans = sorted(set(d.mentions))
            mentions = [Mention(s, e, self.doc.text[s:e]) for s, e in spans]
            country = d.country
            sector = d.sector if d.kind != "country" else None
            out.append(Actor(id=f"a{n}", name=d.name, kind=d.kind, country=country, sector=sector,
                             role=d.role if d.kind == "person" else None,
                             code=cameo_actor_code(country, sector), mentions=mentions))
        return out

    def chars(self, a: int, b: int) -> tuple[int, int]:
        return self.tokens[a].idx, self.tokens[b - 1].idx + len(self.tokens[b - 1])

    def span_text(self, a: int, b: int, drop_det: bool = False) -> str:
        if drop_det:
            while a < b - 1 and self.tokens[a].lower_ in DETERMINERS:
                a += 1
        s, e = self.chars(a, b)
        return self.doc.text[s:e]

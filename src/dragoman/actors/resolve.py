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

import bisect
import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from dragoman.actors import evidence
from dragoman.actors.kb import KnowledgeBase, Office, Title, fold
from dragoman.actors.lexicon import Hit, Lexicon, fold_tokens
from dragoman.model import Actor, Document, Mention

#: Roles that make someone "the leader" of a country.
LEADER_ROLES = {"president", "prime minister", "king", "queen", "emir", "chancellor", "supreme leader",
                "leader", "head of state", "sultan", "premier", "crown prince", "junta leader"}
#: Adjectives that do not make a body generic ("the main opposition party").
PLAIN_ADJECTIVES = {"main", "ruling", "national", "federal", "state", "top", "senior", "official", "supreme",
                    "central", "interim", "new", "transitional", "foreign", "military", "royal", "presidential"}
STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
SEIZE_VERBS = {"seize", "take", "grab", "usurp", "assume"}  # "the officers who seized power"
DEMONSTRATIVES = {"this", "that", "these", "those", "such"}
MALE_WORDS = {"mr", "mr.", "he", "him", "his", "himself", "king", "spokesman", "congressman", "chairman", "prince",
              "emir", "sultan", "sheikh", "pope", "ayatollah", "imam", "rabbi"}
FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "she", "her", "hers", "herself", "queen", "spokeswoman",
                "congresswoman", "chairwoman", "princess"}
PLACE_NOUNS = {"region", "province", "border", "crossing", "river", "city", "town", "village", "territory", "area",
               "district", "strip", "valley", "state", "county", "island", "islands", "sea", "coast", "port"}
PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
SPEECH_VERBS = {"say", "add", "tell", "state", "declare", "write", "note", "insist", "warn", "stress", "claim",
                "argue", "explain", "announce", "comment", "reply", "respond", "continue", "conclude"}
DETERMINERS = {"the", "a", "an"}
INDEFINITE = {"a", "an", "another", "one", "any", "every", "each", "no", "some"}
LOCATIVE = {"in", "at", "inside", "outside", "near", "into", "from", "to", "toward", "towards"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
#: spaCy entities that are never actors however they are labelled.
JUNK_NAME = re.compile(r"^(?:[a-z].*|.*\d.*|\W+|.{1})$")


@dataclass
class Unit:
    """One recognised phrase, before it is tied to an actor."""

    kind: str  # country | person | organization | group | anonymous | description | pronoun
    start: int  # token indices
    end: int
    name: str = ""
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    title: Optional[Title] = None
    title_span: Optional[tuple[int, int]] = None  # tokens of "Turkish President" before a name
    explicit_country: bool = False  # the text itself gives the country
    key: Optional[str] = None  # KB person key, org name, or merge key
    definite: bool = False
    extra: list = field(default_factory=list)  # more token spans of the same actor ("(JCS)")
    body: Optional[str] = None


@dataclass
class Draft:
    """An actor being built."""

    name: str
    kind: str
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char offsets
    head: str = ""  # folded head words, for "the official", "the military"
    words: set = field(default_factory=set)  # folded name words (persons)
    gender: Optional[str] = None  # "m" or "f", from honorifics, gendered titles and pronouns


class ArticleResolver:
    """Codes the actors of one document; made per article, cheap to build."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, doc: Document, parsed) -> None:
        self.kb, self.lexicon, self.doc, self.parsed = kb, lexicon, doc, parsed
        self.tokens = list(parsed)
        self.texts = [t.text for t in self.tokens]
        self.spaces = [bool(t.whitespace_) for t in self.tokens]
        self.ents = list(parsed.ents)
        self.quoted = _inside_quotes(self.texts)
        self.folded = fold_tokens(self.texts)
        self.day = _parse_day(doc.published)
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
        self._surnames: Optional[set] = None  # see full_name_surnames
        self.pending_appos: list = []
        self.named_countries: set = set()
        self.place_words: set = set()
        self.unit_at: dict[int, Unit] = {}  # token index -> the unit covering it
        self.ignored_names: set = set()
        self.acronyms: dict[str, str] = {}  # "JCS" -> org key of "Joint Chiefs of Staff"

    # ------------------------------------------------------------------ run

    def run(self) -> list[Actor]:
        self.recognise()
        self.home = self.home_country()
        self.resolve()
        return self.actors()

    # ------------------------------------------------------------ recognise

    def recognise(self) -> None:
        self.ignore_source_name()
        names, titles = [], []
        for table, hit in self.lexicon.scan(self.tokens, self.folded, self.spaces, self.texts):
            (names if table == "name" else titles).append(hit)
        title_at = {h.start: h for h in titles}
        self.named_countries = {h.entry.value for h in names if h.entry.what in ("country", "adjective", "capital")}
        # named organisations first, then titles (they decide what a following name is), then the rest
        for hit in names:
            if hit.entry.what == "org" and not any(self.taken[hit.start:hit.end]):
                self.name_unit(hit)
        for hit in titles:
            if not any(self.taken[hit.start:hit.end]):
                self.title_unit(hit, names)
        for hit in names:
            if not any(self.taken[hit.start:hit.end]):
                self.name_unit(hit)
        self.context_country_units()
        self.place_words = self.find_place_words()
        self.ignore_dateline_agency()
        for ent in self.ents:
            if ent.label_ in NAME_LABELS and not any(self.taken[ent.start:ent.end]):
                self.entity_unit(ent, title_at)
        self.surname_units()
        self.igo_anaphor_units()
        for tok in self.tokens:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" and not self.taken[tok.i]:
                self.add(Unit("pronoun", tok.i, tok.i + 1, name=tok.text))
        self.units.sort(key=lambda u: u.start)
        self.apply_appositions()
        self.join_title_commas()
        self.apply_us_evidence()

    def apply_us_evidence(self) -> None:
        """US legislators and governors: "(R-Ohio)", ", D-Vt.,", "Senator X of Ohio", "Texas Gov. X" → USA.

        Why (issue 11): without this a US senator named in a story from or about another country took that
        country from the dateline or the article's home; the party-state tag is evidence and wins over both.
        """
        for unit in self.units:
            if unit.kind != "person":
                continue
            end = self.chars(unit.start, unit.end)[1]
            after = self.doc.text[end:end + 48]
            title = fold(unit.title.phrase) if unit.title else ""
            if evidence.us_party_state(after):
                unit.country, unit.explicit_country = "USA", True
                unit.sector = unit.sector or "LEG"
                unit.role = unit.role or "Member of Congress"
            elif title and evidence.is_state_title(title) and evidence.us_state_of(after):
                unit.country, unit.explicit_country = "USA", True
                self.drop_state_country(unit.end + 1)  # "of Georgia": the US state, no country mention
            elif title and self.state_before_title(unit, title):
                unit.country, unit.explicit_country = "USA", True
                self.drop_state_country(unit.title_span[0])

    def drop_state_country(self, k: int) -> None:
        """A US state read as a country ("Georgia") beside a legislator's name is no mention of that country."""
        unit = self.unit_at.get(k)
        if unit is not None and unit.kind == "country":
            unit.kind = "merged"

    def state_before_title(self, unit: Unit, title: str) -> bool:
        """True for "Ohio Senator X", "New York Gov. X": a US state name right before the title."""
        if unit.title_span is None:
            return False
        first = unit.title_span[0]
        title_start = unit.title_span[1] - len(title.split())
        words = self.texts[max(first, title_start - 2):title_start]
        return evidence.us_state_before(words, title)

    def join_title_commas(self) -> None:
        """ "met China's top diplomat, Wang Yi.": a title, a comma and a name closing the phrase are one person.

        spaCy often misses this apposition at a clause end; without it the title would go to an
        earlier holder of a similar office named in the article.
        """
        starts = {u.start: u for u in self.units if u.kind == "person"}
        for unit in self.units:
            if unit.kind != "description" or unit.title is None or unit.end >= len(self.tokens) \
                    or self.texts[unit.end] != ",":
                continue
            person = starts.get(unit.end + 1)
            if person is None or (person.end < len(self.tokens) and not self.tokens[person.end].is_punct):
                continue
            person.role = person.role or unit.title.role
            person.sector = person.sector or unit.title.sector
            if unit.explicit_country and unit.country and not person.country:
                person.country, person.explicit_country = unit.country, True
            person.extra.append((unit.start, unit.end))
            unit.kind = "merged"

    def find_place_words(self) -> set[str]:
        """Names the article uses as places: tagged GPE/LOC/FAC, or "X region", "the X crossing"."""
        words = {e.text for e in self.ents if e.label_ in ("GPE", "LOC", "FAC")}
        for tok in self.tokens:
            if tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.head.lower_ in PLACE_NOUNS:
                words.add(tok.text)
        return words

    def surname_units(self) -> None:
        """A lone surname spaCy did not tag ("Talmor said") when the article names its bearer in full."""
        surnames = {fold(u.name).split()[-1] for u in self.units if u.kind == "person" and len(u.name.split()) > 1}
        for tok in self.tokens:
            if not self.taken[tok.i] and tok.pos_ == "PROPN" and self.folded[tok.i] in surnames \
                    and tok.text[:1].isupper():
                self.add(Unit("person", tok.i, tok.i + 1, name=tok.text))

    def country_of(self, text: str) -> Optional[str]:
        """ISO3 for a name/adjective, including "the North" where the article names North Korea."""
        iso3 = self.kb.country_of(text)
        if iso3:
            return iso3
        key = fold(text).removeprefix("the ").removesuffix("'s")
        iso3 = self.kb.country_capitals.get(key) or self.kb.country_metonyms.get(key)
        if iso3:
            return iso3
        return self.compass_country(key)

    def compass_country(self, key: str) -> Optional[str]:
        """ "South" → the country the article names with that word (South Korea, South Sudan), else None."""
        candidates = self.kb.context_candidates.get(key, [])
        named = next((c for c in candidates if c in self.named_countries), None)
        if named or not candidates:
            return named
        # only the other half is named ("North Korea … the South's navy"): the candidate sharing its name
        bases = {_compass_base(self.kb.country_name(c)) for c in self.named_countries}
        return next((c for c in candidates if _compass_base(self.kb.country_name(c)) in bases), None)

    def context_country_units(self) -> None:
        """ "the North" / "the South" standing alone, as a country mention."""
        for i in range(len(self.tokens) - 1):
            if self.folded[i] == "the" and not self.taken[i + 1] and self.tokens[i + 1].text[:1].isupper():
                iso3 = self.compass_country(self.folded[i + 1])
                if iso3:
                    self.add(Unit("country", i, i + 2, name=self.kb.country_name(iso3) or iso3, country=iso3))

    def add(self, unit: Unit) -> Unit:
        if self.junk_unit(unit):
            return unit
        end = unit.end
        if unit.kind == "organization" and end + 2 < len(self.tokens) and self.tokens[end].text == "(" \
                and self.tokens[end + 2].text == ")" and self.tokens[end + 1].text.isupper() \
                and not self.taken[end + 1]:
            # the acronym spelled out right after: "Joint Chiefs of Staff (JCS)"
            self.acronyms[self.tokens[end + 1].text] = unit.body or unit.key or "org:" + fold(unit.name)
            unit.extra.append((end + 1, end + 2))
            self.taken[end + 1] = True
        self.units.append(unit)
        for i in range(unit.start, unit.end):
            self.taken[i] = True
            self.unit_at[i] = unit
        return unit

    def junk_unit(self, unit: Unit) -> bool:
        """A person, organisation or group whose name is on the not-actors list: its tokens are taken, no unit.

        Why (issue 11): venues, newsroom labels, "social media", a lone rank abbreviation, laws and trade
        agreements were output as persons and groups; the list is data (``not_actors.tsv``).
        """
        if unit.kind not in ("person", "organization", "group") or not evidence.is_not_actor(unit.name):
            return False
        self.mark(unit.start, unit.end)
        return True

    # a title or agent word: titled person, description, organisation, group, source
    def title_unit(self, hit: Hit, names: list[Hit]) -> None:
        title: Title = hit.entry.value
        last = self.tokens[hit.end - 1]
        if not self.is_agent_word(hit, title, last):
            return
        left, country, explicit = self.left_modifiers(hit.start)
        name_end = self.name_after(hit.end, names)
        if title.kind == "person" and name_end:
            name_start = hit.end
            if country is None:
                country, _ = self.country_after(name_end)
                explicit = country is not None
            self.add(Unit("person", name_start, name_end, name=self.span_text(name_start, name_end),
                          title=title, title_span=(left, hit.end), country=country,
                          explicit_country=explicit, sector=title.sector, role=title.role))
            self.mark(left, hit.end)
            return
        if last.dep_ in ("compound", "amod") and last.head.i >= hit.end and last.head.pos_ in ("NOUN", "PROPN"):
            return  # "police station", "military official": not the head of its phrase
        end = hit.end
        after_country, after_end = self.country_after(hit.end)
        if country is None and after_country:
            country, explicit = after_country, True
        det = self.tokens[left].lower_ if left < hit.start else ""
        if title.kind == "person":
            self.title_without_name(hit, title, left, end, country, explicit, det)
        elif country is None and title.kind == "group" and self.regional_unit(hit, title, left):
            return
        else:
            self.collective_unit(hit, title, left, end, country, explicit, det)

    def regional_unit(self, hit: Hit, title: Title, left: int) -> bool:
        """ "West African leaders", "Gulf rulers": the regional body the article names, else a group of no country."""
        words = " ".join(self.folded[left:hit.start]).removeprefix("the ").strip()
        region = next((r for r in self.kb.regional_words if re.search(rf"(^| ){re.escape(r)}$", words)), None)
        if region is None:
            return False
        body = self.regional_body(region)
        if body is not None:
            self.add(Unit("organization", left, hit.end, name=body.name, country=body.country, sector=body.sector,
                          key=body.key, explicit_country=True))
        else:
            self.add(Unit("group", left, hit.end, name=self.span_text(left, hit.end, drop_det=True), country=None,
                          explicit_country=True, sector=title.sector, key=fold(title.phrase)))
        return True

    def regional_body(self, region: str) -> Optional[Unit]:
        """The international organisation named in the article whose name holds the regional word."""
        pattern = re.compile(rf"\b{re.escape(region)}\b")
        for unit in self.units:
            if unit.kind == "organization" and unit.country == "IGO" and pattern.search(fold(unit.name)):
                return unit
        return None

    def igo_anaphor_units(self) -> None:
        """ "the bloc", "the alliance": the international organisation named last before it."""
        for i in range(1, len(self.tokens)):
            tok = self.tokens[i]
            if self.taken[i] or self.folded[i] not in self.kb.igo_anaphors or self.folded[i - 1] != "the" \
                    or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
                continue
            before = [u for u in self.units if u.end <= i and u.kind == "organization" and u.country == "IGO"]
            if before:
                body = max(before, key=lambda u: u.start)
                self.add(Unit("organization", i - 1, i + 1, name=body.name, country="IGO", sector=body.sector,
                              key=body.key, explicit_country=True))

    def is_agent_word(self, hit: Hit, title: Title, last) -> bool:
        """False for titles used as modifiers or headings rather than as the head of a phrase."""
        if last.pos_ not in ("NOUN", "PROPN") and not (title.kind == "person" and last.text[:1].isupper()):
            return False  # "official visit", "military channels"
        if hit.start > 0 and self.tokens[hit.start - 1].text in ("-", "–") and not self.spaces[hit.start - 1] or \
                hit.end < len(self.tokens) and self.tokens[hit.end].text == "-" and not self.spaces[hit.end - 1]:
            return False  # "security-military cooperation"
        return not (last.text.isupper() and len(last.text) > 3)  # "SUPER BOWL PARTY": a shouted heading

    def title_without_name(self, hit: Hit, title: Title, left: int, end: int, country: Optional[str],
                           explicit: bool, det: str) -> None:
        """ "the Turkish leader" (a description), "a spokesman for X" (a source), or nothing."""
        last = self.tokens[hit.end - 1]
        if self.apposition(hit, title, country):
            return
        before = self.tokens[hit.start - 1].lower_ if hit.start else ""
        if det in INDEFINITE or before in INDEFINITE:
            if title.role == "Spokesperson":
                end = max(end, self.attached_pp_end(hit.end - 1))
                sector = self.modifier_sector(left, hit.start, title.sector)
                self.add(Unit("anonymous", left, end, name=self.span_text(left, end, drop_det=True),
                              country=country, explicit_country=explicit, sector=sector, key=fold(title.phrase)))
            return  # "an Israeli defense minister": nobody in particular
        if left == hit.start and not last.text[:1].isupper() and hit.start > 0 \
                and self.tokens[hit.start - 1].lower_ not in ("the", "'s", "’s"):
            return  # a bare lower-case "minister" is not a reference
        self.add(Unit("description", left, hit.end, name=self.span_text(left, hit.end), title=title,
                      country=country, explicit_country=explicit, definite=True))

    def collective_unit(self, hit: Hit, title: Title, left: int, end: int, country: Optional[str],
                        explicit: bool, det: str) -> None:
        """Organisations, groups, anonymous sources and state words ("the Qatari government")."""
        last = self.tokens[hit.end - 1]
        sector = self.modifier_sector(left, hit.start, title.sector)
        if title.kind in ("anonymous", "group"):
            end = max(end, self.attached_pp_end(hit.end - 1))
        body = title.body
        seized = self.seized_power_end(end) if title.kind == "group" else None
        if seized:
            end, body = seized, "junta"  # "the officers who seized power": the junta
        possessor = self.tokens[left].lower_ if left < hit.start else ""
        if not explicit and possessor in ("its", "their"):
            country = self.latest_country_before(hit.start)
            explicit = country is not None
        if title.kind == "organization" and not explicit and not last.text[:1].isupper():
            if any(t.pos_ == "ADJ" and t.lower_ not in PLAIN_ADJECTIVES for t in self.tokens[left:hit.start]):
                return  # "the regional central bank": some body, not a named actor
            owned = possessor in ("his", "her", "their") or any(t.tag_ == "POS" for t in self.tokens[left:hit.start])
            if (title.sector not in STATE_SECTORS and not owned) or possessor in DEMONSTRATIVES:
                return  # "the rights group", "this party": unnamed, so no actor of its own
        if title.kind == "organization" and end == hit.end and end + 1 < len(self.tokens) \
                and self.tokens[end].lower_ == "of" and self.tokens[end + 1].text[:1].isupper():
            k = end + 1  # "the Ministry of External Affairs"
            while k < len(self.tokens) and (self.tokens[k].pos_ == "PROPN" or self.tokens[k].lower_ == "and") \
                    and self.tokens[k].text[:1].isupper() | (self.tokens[k].lower_ == "and"):
                k += 1
            if k > end + 1 and not self.country_of(self.span_text(end + 1, k)):
                end = k
        if title.kind == "country":
            if country:
                self.add(Unit("country", left, end, name=self.span_text(left, end), country=country, sector=sector))
            return
        self.add(Unit(title.kind, left, end, name=self.span_text(left, end, drop_det=True), country=country,
                      explicit_country=explicit, sector=sector, key=fold(title.phrase),
                      definite=det == "the", body=body))

    def seized_power_end(self, i: int) -> Optional[int]:
        """End of "who seized/took/grabbed power" right after token i, else None: coup makers are one junta."""
        if i + 3 > len(self.tokens) or self.folded[i] not in ("who", "that"):
            return None
        verb, obj = self.tokens[i + 1], self.tokens[i + 2]
        if verb.lemma_.lower() in SEIZE_VERBS and obj.lower_ == "power":
            return i + 3
        return None

    def attached_pp_end(self, i: int) -> int:
        """End of an "of/for/from ..." phrase hanging on token i ("a spokesman for the ministry")."""
        end = i + 1
        for child in self.tokens[i].rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from") and child.i == end:
                end = child.right_edge.i + 1
        return end if end - i <= 8 else i + 1

    def latest_country_before(self, i: int) -> Optional[str]:
        """The country of the last actor named before token i in this or the previous sentence ("its")."""
        start = self.previous_sentence_start(self.tokens[i].sent)
        for k in range(i - 1, start - 1, -1):
            unit = self.unit_at.get(k)
            if unit is None or unit.start != k or unit.kind not in ("country", "person", "organization"):
                continue
            if unit.kind == "organization" and not unit.explicit_country:
                continue
            country = unit.country if unit.kind != "person" else self.person_country_hint(unit)
            if country:
                return country
        return None

    def person_country_hint(self, unit: Unit) -> Optional[str]:
        if unit.explicit_country:
            return unit.country
        office = self.office(unit)
        return office[0].country if office else None

    def apposition(self, hit: Hit, title: Title, country: Optional[str]) -> bool:
        """ "Gotabaya Rajapaksa, the president," : the title codes the name it stands beside."""
        head = self.tokens[hit.end - 1]
        if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
            target = head.head
            unit = self.unit_at.get(target.i)
            if unit is not None and unit.kind == "person":
                unit.role = unit.role or title.role
                unit.sector = unit.sector or title.sector
                if country and not unit.country:
                    unit.country, unit.explicit_country = country, True
                return True
            self.pending_appos.append((target.i, title, country))
            return True
        return False

    def apply_appositions(self) -> None:
        for i, title, country in self.pending_appos:
            unit = self.unit_at.get(i)
            if unit is not None and unit.kind == "person":
                unit.role = unit.role or title.role
                unit.sector = unit.sector or title.sector
                if country and not unit.country:
                    unit.country, unit.explicit_country = country, True

    def name_after(self, i: int, names: list[Hit]) -> Optional[int]:
        """End of a personal name starting at token i, or None."""
        n = len(self.tokens)
        j = i
        while j < n and self.tokens[j].pos_ == "PROPN" and self.tokens[j].text[:1].isupper() \
                and self.folded[j] not in self.lexicon.titles:
            j += 1
        if j == i:
            return None
        tok = self.tokens[i]
        if tok.ent_type_ and tok.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
            return None
        if tok.ent_type_ in ("GPE", "NORP") and self.country_of(self.span_text(i, j)):
            return None  # "President of Turkey" is not a name
        if tok.ent_type_ == "PERSON" or tok.ent_iob_ == "B":
            while j < n and self.tokens[j].ent_iob_ == "I" and self.tokens[j].ent_type_ == "PERSON":
                j += 1
        return j

    def left_modifiers(self, i: int) -> tuple[int, Optional[str], bool]:
        """Start of the noun phrase ending at token i, and the country its modifiers give."""
        start, country = i, None
        k = i - 1
        while k >= 0:
            tok = self.tokens[k]
            if tok.is_punct and (tok.text != "-" or tok.whitespace_) or tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON") \
                    and tok.tag_ not in ("PRP$",) or tok.lower_ in ("and", "or", "by", "with", "of", "for"):
                break
            if tok.pos_ == "DET" or tok.tag_ == "PRP$":
                start = k
                break
            if self.person_unit_at(k) or tok.pos_ == "ADJ" and k > 0 and self.person_unit_at(k - 1):
                break  # "President X hosted leaders": a named person (or a verb misread after one) is no modifier
            if tok.tag_ == "POS":  # "Israel's"
                k -= 1
                continue
            if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "PART", "ADV") and tok.text != "-" or tok.is_space:
                break
            if tok.head.i == k or (tok.head.i < k and tok.dep_ not in ("conj", "cc", "appos")):
                break  # not a modifier of what follows ("Pakistan summons Indian envoy")
            start = k
            k -= 1
        for a in range(start, i):
            for b in range(min(i, a + 4), a, -1):
                iso3 = self.country_of(self.span_text(a, b))
                if iso3:
                    return start, iso3, True
        for k in range(start, i):  # "a State Department spokesperson"
            unit = self.unit_at.get(k)
            if unit is not None and unit.kind in ("organization", "group") and unit.country:
                return start, unit.country, True
        return start, country, False

    def person_unit_at(self, k: int) -> bool:
        unit = self.unit_at.get(k)
        return unit is not None and unit.kind == "person"

    def country_after(self, i: int) -> tuple[Optional[str], int]:
        """ "of Turkey", "in Tehran", "from Bazoum's government": the country a PP gives."""
        if i >= len(self.tokens) or self.tokens[i].lower_ not in ("of", "in", "from", "for"):
            return None, i
        j = i + 1
        if j < len(self.tokens) and self.tokens[j].lower_ == "the":
            j += 1
        for b in range(min(len(self.tokens), j + 4), j, -1):
            text = self.span_text(j, b)
            iso3 = self.country_of(text) or self.kb.cities.get(fold(text))
            if iso3:
                if self.tokens[i].lower_ == "of" or self.tokens[i].lower_ == "in":
                    return iso3, b
                return iso3, b
        return None, i

    def modifier_sector(self, a: int, b: int, default: Optional[str]) -> Optional[str]:
        """ "security official" → GOV, "military official" → MIL: an agent word before the head wins."""
        for k in range(a, b):
            entry = self.lexicon.titles.get(self.folded[k])
            if entry and entry.value.kind in ("organization", "group") and entry.value.sector:
                return entry.value.sector
        return default

    def mark(self, a: int, b: int) -> None:
        for i in range(a, b):
            self.taken[i] = True

    # a knowledge-base name
    def name_unit(self, hit: Hit) -> None:
        entry = hit.entry
        what = entry.what
        tok = self.tokens[hit.start]
        if what in ("country", "adjective", "capital", "metonym") and self.not_a_country_mention(hit):
            return
        if what == "person":
            if hit.end - hit.start == 1 and tok.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB"):
                return
            self.add(Unit("person", hit.start, hit.end, name=self.span_text(hit.start, hit.end), key=entry.value))
        elif what == "org":
            org = entry.value
            if org.kind == "ignore":
                self.mark(hit.start, hit.end)
                return
            country = org.country
            if country is None:
                country = self.left_modifiers(hit.start)[1]
            self.add(Unit(org.kind, hit.start, hit.end, name=org.name, country=country, sector=org.sector,
                          key="org:" + fold(org.name), explicit_country=True))
        elif what == "adjective":
            iso3 = entry.value
            text = tok.text
            after = self.tokens[hit.end] if hit.end < len(self.tokens) else None
            if after is not None and after.text.endswith("s") and after.pos_ in ("NOUN", "PROPN") and \
                    self.kb.country_adjectives.get(self.folded[after.i]) and after.dep_ not in ("amod", "compound"):
                return  # "Bosnian" in "Bosnian Serbs": the group takes it
            nominal = tok.dep_ not in ("amod", "compound", "nmod") and tok.pos_ in ("NOUN", "PROPN") \
                and text.endswith("s") and text.lower() != fold(self.kb.adjective_of(iso3) or "")
            if nominal:  # "Palestinians", "Israelis": people, not the state
                if hit.start > 0 and self.country_of(self.tokens[hit.start - 1].text) and \
                        not self.taken[hit.start - 1] and self.tokens[hit.start - 1].text[:1].isupper():
                    iso3 = self.country_of(self.tokens[hit.start - 1].text)  # "Bosnian Serbs"
                    hit = Hit(hit.start - 1, hit.end, entry)
                self.add(Unit("group", hit.start, hit.end, name=self.span_text(hit.start, hit.end), country=iso3,
                              sector="CVL", explicit_country=True, key=self.folded[hit.start]))
            else:
                self.add(Unit("country", hit.start, hit.end, name=self.kb.country_name(iso3) or iso3, country=iso3))
        else:  # country, capital, metonym
            self.add(Unit("country", hit.start, hit.end, name=self.kb.country_name(entry.value) or entry.value,
                          country=entry.value))

    def not_a_country_mention(self, hit: Hit) -> bool:
        """A country word inside a person's name ("Marcus Jordan") or a place inside a treaty's ("Kyoto Protocol").

        Why (issue 11): a US official whose surname is a country's name became that country, and a
        treaty named after a city gave that city's country to an agency in the same sentence. A treaty's
        place is marked taken so that no later rule reads it as a place either.
        """
        if what_is_place(hit.entry.what) and self.in_treaty_name(hit.end - 1):
            self.mark(hit.start, hit.end)
            return True
        return self.country_word_is_name(hit)

    def in_treaty_name(self, k: int) -> bool:
        """True when token k, a place, is followed by a treaty noun ("Paris Agreement", "Minsk accords")."""
        return k + 1 < len(self.tokens) and self.texts[k][:1].isupper() and evidence.names_treaty(self.texts[k + 1])

    def country_word_is_name(self, hit: Hit) -> bool:
        """True when a country word is part of a personal name: inside a longer PERSON entity, after an
        honorific, or the surname of a person the article names in full ("Harriet Chad … Chad said")."""
        tok = self.tokens[hit.start]
        if tok.ent_type_ == "PERSON":
            ent = next((e for e in self.ents if e.start <= hit.start < e.end), None)
            if ent is not None and (ent.start < hit.start or ent.end > hit.end) \
                    and not self.country_of(ent.text) and not self.kb.country_of(self.texts[ent.start]):
                return True
        if hit.end - hit.start != 1:
            return False
        before = self.folded[hit.start - 1] if hit.start else ""
        if evidence.honorific_gender(before) or before.rstrip(".") in ("dr", "sen", "rep", "gov"):
            return True
        return tok.ent_type_ in ("PERSON", "") and self.folded[hit.start] in self.full_name_surnames()

    def full_name_surnames(self) -> set:
        """Folded last words of the PERSON entities of two words or more ("Harriet Chad" → "chad"), once."""
        if self._surnames is None:
            self._surnames = {fold(e[-1].text) for e in self.ents if e.label_ == "PERSON" and len(e) > 1
                              and e[0].text[:1].isupper() and not self.kb.country_of(e[0].text)}
        return self._surnames

    # a spaCy entity the knowledge base does not know
    def entity_unit(self, ent, title_at: dict) -> None:
        start, end = ent.start, ent.end
        while start < end and self.tokens[start].lower_ in DETERMINERS:
            start += 1
        while end > start and (self.tokens[end - 1].tag_ == "POS" or self.tokens[end - 1].is_punct):
            end -= 1
        if start >= end:
            return
        label = ent.label_
        if self.doc.source and fold(self.span_text(start, end)) == fold(self.doc.source):
            return  # the publisher itself
        if self.span_text(start, end) in self.ignored_names:
            return
        if label in ("PERSON", "ORG") and self.span_text(start, end) in self.place_words:
            return  # named as a place elsewhere in the article ("the Essequibo region")
        if label == "ORG":
            for k in range(start, end - 1):
                if self.tokens[k].tag_ == "POS":
                    start = k + 1  # "the South's Joint Chiefs of Staff": the name starts after the possessor
        text = self.span_text(start, end)
        if JUNK_NAME.match(text) or not any(t.pos_ == "PROPN" for t in self.tokens[start:end]):
            return
        if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and self.known_person_word(start, end)):
            if end - start > 6 or "-" == text[-1]:
                return
            head = self.tokens[end - 1]
            if end - start == 1 and self.folded[start] in self.lexicon.titles:
                return  # "Department", "Senate": a common noun, not a name
            if end - start == 1 and head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
                return  # "the Rafah crossing", "the Essequibo region": a place word
            if start > 0 and self.tokens[start - 1].lower_ == "the" and label == "PERSON":
                return  # "the Essequibo remains ours": people do not take "the"
            if self.named_by_apposition(start, end, head):
                return
            self.add(Unit("person", start, end, name=text, country=self.context_country(head),
                          explicit_country=self.context_country(head) is not None))
        elif label == "ORG":
            self.org_entity(start, end, text)

    def named_by_apposition(self, start: int, end: int, head) -> bool:
        """ "The main opposition party, Samagi Jana Balawegaya": the name of the body beside it."""
        if head.dep_ != "appos":
            return False
        unit = self.unit_at.get(head.head.i)
        if unit is not None:
            if unit.kind == "description" and unit.title:
                # "the mayor of the town, Maria Okonkwo": the title is hers
                person = self.add(Unit("person", start, end, name=self.span_text(start, end), title=unit.title,
                                       role=unit.title.role, sector=unit.title.sector, country=unit.country,
                                       explicit_country=unit.explicit_country))
                person.extra.append((unit.start, unit.end))
                unit.kind = "merged"
                return True
            if unit.kind == "organization" and unit.start <= head.head.i < unit.end and not unit.extra:
                unit.name = self.span_text(start, end)
                unit.key = "org:" + fold(unit.name)
                unit.extra.append((start, end))
                self.mark(start, end)
                return True
        return False

    def context_country(self, head) -> Optional[str]:
        """ "two American hostages, Judith Raanan and her daughter Natalie": country of the noun a name stands beside."""
        tok = head
        for _ in range(3):
            if tok.dep_ not in ("appos", "conj") or tok.head.i == tok.i:
                return None
            tok = tok.head
            if tok.pos_ == "NOUN":
                for child in tok.lefts:
                    iso3 = self.country_of(child.text)
                    if iso3:
                        return iso3
        return None

    def known_person_word(self, start: int, end: int) -> bool:
        """A one-word entity spaCy mislabelled that is a person's surname in this article or the KB."""
        if end - start != 1:
            return False
        word = self.folded[start]
        if word in self.kb.person_names:
            return True
        return any(u.kind == "person" and word in fold(u.name).split() for u in self.units)

    def org_entity(self, start: int, end: int, text: str) -> None:
        k = start - 1
        while k >= 0 and self.tokens[k].lower_ in DETERMINERS:
            k -= 1
        if k >= 0 and self.tokens[k].lower_ in LOCATIVE and not self.has_agent_word(start, end):
            return  # "at the Presidency", "in the Essequibo": a place, not an actor
        if text in self.acronyms:
            self.add(Unit("organization", start, end, name=text, key=self.acronyms[text], explicit_country=True))
            return
        if text.isupper() and len(text) <= 5 and not self.defined_acronym(text):
            return  # an acronym the article never spells out: too often a credit or junk
        # "Human Rights Commission of Sri Lanka"
        if end + 1 < len(self.tokens) and self.tokens[end].lower_ == "of":
            for b in range(min(len(self.tokens), end + 5), end + 1, -1):
                if self.country_of(self.span_text(end + 1, b)):
                    end = b
                    text = self.span_text(start, end)
                    break
        country = None
        for a in range(start, end):
            for b in range(min(end, a + 4), a, -1):
                iso3 = self.country_of(self.span_text(a, b))
                if iso3:
                    country = iso3
                    break
            if country:
                break
        if country is None and self.folded[start] in self.kb.international_words:
            country = "IGO"  # "Asia-Pacific Economic Cooperation", "International Labour Organization"
        explicit = country is not None
        left, mod_country, mod_explicit = self.left_modifiers(start)
        if country is None and mod_explicit:
            country, explicit = mod_country, True
        sector = None
        for k in range(start, end):
            for b in range(min(end, k + 4), k, -1):
                entry = self.lexicon.titles.get(" ".join(self.folded[k:b]))
                if entry and entry.value.kind in ("organization", "group") and entry.value.sector:
                    sector = entry.value.sector
        if country == "IGO" and sector is None:
            sector = "IGO"
        self.add(Unit("organization", start, end, name=text, country=country, explicit_country=explicit,
                      sector=sector, key="org:" + fold(text)))

    def has_agent_word(self, start: int, end: int) -> bool:
        return any(self.folded[k] in self.lexicon.titles for k in range(start, end))

    def defined_acronym(self, text: str) -> bool:
        return f"({text})" in self.doc.text or f"({text}" in self.doc.text

    # ---------------------------------------------------------- home country

    def home_country(self) -> Optional[str]:
        """The article's own country, by weighted votes.

        A dateline ("BAMAKO (…) -") decides. Otherwise officials named with a
        bare title ("Defense Minister Benny Gantz") weigh most, then what the
        headline and lead name, then every country, city and known person.
        """
        dateline = self.dateline_country()
        self.body_home, body_strong = self.body_home_country()
        if dateline:
            self.home_is_strong = True
            return dateline
        self.home_is_strong = body_strong
        return self.body_home

    def body_home_country(self) -> tuple[Optional[str], bool]:
        """The article's own country by the body's votes alone, and whether bare titles confirm it."""
        votes: Counter = Counter()
        bare_title: Counter = Counter()
        lead_end = self.lead_end()
        dateline = self.dateline_index() if self.dateline_country() else None
        for unit in self.units:
            if unit.start == dateline:
                continue  # the dateline is no vote of the body
            weight = 2 if unit.start < lead_end else 1  # the lead says where the story is
            if unit.kind == "country" and unit.country and unit.country != "IGO":
                votes[unit.country] += weight
            elif unit.kind in ("organization", "group", "anonymous", "description") and unit.explicit_country \
                    and unit.country and unit.country != "IGO":
                votes[unit.country] += weight
            elif unit.kind == "person":
                office = self.office(unit)
                if office and len(unit.name.split()) == 1 and not self.topical(office):
                    office = None
                country = office[0].country if office else (unit.country if unit.explicit_country else None)
                if not country or country == "IGO":
                    continue
                votes[country] += 2 * weight
                if unit.title and not unit.explicit_country and unit.title_span \
                        and self.tokens[unit.title_span[1] - 1].text[:1].isupper():
                    bare_title[country] += 1
        for ent in self.ents:
            if ent.label_ == "GPE" and not self.taken[ent.start]:
                iso3 = self.kb.cities.get(fold(ent.text))
                if iso3:
                    votes[iso3] += 2 if ent.start < lead_end else 1
        for country, n in bare_title.items():
            votes[country] += 3 * n
        home = votes.most_common(1)[0][0] if votes else None
        # sure only when the bare titles and the overall count agree
        return home, bool(bare_title) and bare_title.most_common(1)[0][0] == home

    def ignore_source_name(self) -> None:
        """The publisher named in the text ("told Prague Daily Signal") is never an actor."""
        source = (self.doc.source or "").strip()
        if len(source) < 3:
            return
        for match in re.finditer(re.escape(source), self.doc.text):
            for tok in self.tokens:
                if match.start() <= tok.idx < match.end():
                    self.taken[tok.i] = True

    def ignore_dateline_agency(self) -> None:
        """ "OUAGADOUGOU (Sahel Wire) -": the agency in a dateline is a credit, never an actor."""
        if not self.dateline_country():
            return
        for tok in self.tokens[:40]:
            if tok.text == "(":
                close = next((t.i for t in self.tokens[tok.i + 1:tok.i + 8] if t.text == ")"), None)
                if close:
                    self.ignored_names.add(self.span_text(tok.i + 1, close))
                    self.mark(tok.i + 1, close)
                return

    def dateline_country(self) -> Optional[str]:
        """ "OUAGADOUGOU (Sahel Wire) -": the country of a capital written as a dateline."""
        i = self.dateline_index()
        if i is None:
            return None
        return self.kb.country_capitals.get(self.folded[i]) or self.kb.country_names.get(self.folded[i])

    def dateline_index(self) -> Optional[int]:
        """Token index of the first upper-case word followed by "(", a dash or a comma (a dateline), else None."""
        for tok in self.tokens[:40]:
            if tok.is_space or not tok.text.isupper() or len(tok.text) < 3:
                continue
            if tok.i + 1 < len(self.tokens) and self.tokens[tok.i + 1].text in ("(", "-", "—", "–", ","):
                return tok.i
        return None

    def lead_end(self) -> int:
        """Token index where the first two paragraphs (headline and lead) end."""
        seen = 0
        for tok in self.tokens:
            if "\n" in tok.text:
                seen += 1
                if seen == 2:
                    return tok.i
        return len(self.tokens)

    def office(self, unit: Unit) -> Optional[tuple[Office, bool]]:
        return self.kb.office_on(unit.key if unit.key and not unit.key.startswith("org:") else unit.name, self.day)

    # --------------------------------------------------------------- resolve

    def resolve(self) -> None:
        persons = [u for u in self.units if u.kind == "person"]
        canonical = self.canonical_names(persons)
        # named people first, so that "the speaker" can find someone named later
        for unit in persons:
            self.resolve_person(unit, canonical)
        for unit in self.units:
            if unit.kind == "country":
                self.country_draft(unit.country, unit.name).mentions.append(self.chars(unit.start, unit.end))
            elif unit.kind in ("organization", "group"):
                self.resolve_collective(unit)
            elif unit.kind == "anonymous":
                self.resolve_anonymous(unit)
            elif unit.kind == "description":
                self.resolve_description(unit)
            elif unit.kind == "pronoun":
                self.resolve_pronoun(unit)

    def note_person(self, i: int, draft: Draft) -> None:
        """Record a person mention at token i, keeping the list in text order."""
        bisect.insort(self.person_mentions, (i, id(draft), draft), key=lambda t: (t[0], t[1]))

    def canonical_names(self, persons: list[Unit]) -> dict[str, str]:
        """Folded name → folded longest name containing it ("gantz" → "benny gantz")."""
        full = {fold(u.name) for u in persons}
        canonical = {}
        for name in full:
            words = name.split()
            longer = [f for f in full if f != name and _contains(f.split(), words)]
            canonical[name] = max(longer, key=len) if len(longer) == 1 else name
            if len(longer) > 1:
                # "Kim": several Kims; keep the one named first
                canonical[name] = min(longer, key=lambda f: self.first_index(persons, f))
        return canonical

    @staticmethod
    def first_index(persons: list[Unit], folded_name: str) -> int:
        return min((u.start for u in persons if fold(u.name) == folded_name), default=10**9)

    def resolve_person(self, unit: Unit, canonical: dict[str, str]) -> None:
        name = fold(unit.name)
        key = canonical.get(name, name)
        draft = self.persons.get(key)
        if draft is None:
            # a KB alias may name someone already drafted under their full name
            kb_key = self.kb.person_names.get(key)
            draft = next((d for k, d in self.persons.items() if kb_key and self.kb.person_names.get(k) == kb_key), None)
        draft = self.split_by_honorific(unit, key, draft)
        if draft is None:
            draft = self.new_person(unit, key)
            self.persons[key] = draft
        elif unit.role and not draft.role:
            draft.role, draft.sector = unit.role, unit.sector or draft.sector
        if unit.explicit_country and unit.country and not draft.country:
            draft.country = unit.country
        draft.mentions.append(self.chars(unit.start, unit.end))
        for a, b in unit.extra:
            draft.mentions.append(self.chars(a, b))
        draft.gender = draft.gender or self.gender_before(unit) or self.gender_after(unit)
        if unit.title_span:
            draft.mentions.append(self.chars(unit.title_span[0], unit.end))
        self.note_person(unit.start, draft)

    def new_person(self, unit: Unit, key: str) -> Draft:
        office = self.kb.office_on(key, self.day) or self.office(unit)
        if office and len(key.split()) == 1 and not self.topical(office):
            office = None  # a bare surname of someone long out of office is likely someone else
        name = self.span_text(unit.start, unit.end) if fold(unit.name) == key else self.display_name(key)
        country, sector, role = unit.country if unit.explicit_country else None, unit.sector, unit.role
        if office:
            held, current = office
            name = held.name if len(name.split()) < len(held.name.split()) else name
            country = country or held.country
            if not role or (sector == held.sector and current and _same_role(role, held.role)):
                role = held.role if current else f"Former {held.role}"
                sector = held.sector
            sector = sector or held.sector
        if country is None:
            country = unit.country or self.person_home(unit)
        return self.new_draft(Draft(name, "person", country, sector, role, words=set(fold(name).split())))

    def honorific_of(self, unit: Unit) -> Optional[str]:
        """Gender of the honorific a mention carries ("Mrs. Pelletier", "Mr Okafor"), else None."""
        first = unit.name.split()[0] if unit.name.split() else ""
        return evidence.honorific_gender(first) or (
            evidence.honorific_gender(self.texts[unit.start - 1]) if unit.start else None)

    def split_by_honorific(self, unit: Unit, key: str, draft: Optional[Draft]) -> Optional[Draft]:
        """A surname with an honorific of the other gender is another person: "Mrs. X" is not her husband.

        Why (issue 11): a wife's statement ("Mrs. X said") went to the husband named in full. Only the
        text decides a draft's gender (honorifics, gendered titles, a pronoun right after the name); no
        first-name lists. With nothing known, the mention joins as before.
        """
        honorific = self.honorific_of(unit)
        if draft is None or honorific is None or draft.gender in (None, honorific):
            return draft
        other_key = f"{key}|{honorific}"
        other = self.persons.get(other_key)
        if other is None:
            name = unit.name if evidence.honorific_gender(unit.name.split()[0]) else \
                f"{self.texts[unit.start - 1]} {unit.name}"
            other = self.new_draft(Draft(name, "person", draft.country, words=set(fold(unit.name).split()),
                                         gender=honorific))
            self.persons[other_key] = other
        return other

    def gender_after(self, unit: Unit) -> Optional[str]:
        """ "X and his wife", "X said she": a pronoun within three tokens after the name, no one else between."""
        for k in range(unit.end, min(unit.end + 3, len(self.tokens))):
            if self.quoted[k] or self.tokens[k].is_sent_start or self.person_unit_at(k):
                return None
            if self.folded[k] in PRONOUNS and self.tokens[k].pos_ == "PRON":
                return "m" if self.folded[k] in MALE_WORDS else "f"
        return None

    def person_home(self, unit: Unit) -> Optional[str]:
        """Country for a named person with no evidence of their own: the article's home as the body decides it.

        Why (issue 11): a dateline alone ("MOSCOW -") turned the US politicians of a story into Russians.
        The dev gold codes unmarked people of the story with the country whose institutions the body is
        about, so that stays; a dateline that the body does not confirm gives nothing.
        """
        home = self.body_home
        strong = self.home_is_strong and home == self.home
        return (home if strong else None) or self.sentence_country(unit.start, skip_dateline=True) or home

    def gender_before(self, unit: Unit) -> Optional[str]:
        """ "Mr. Trump", "Queen Elizabeth", "spokeswoman Maria Zakharova": gender from the word before a name."""
        words = [self.folded[k] for k in range(max(0, unit.start - 2), unit.start)]
        words += fold(unit.title.phrase).split() if unit.title else []
        if any(w in MALE_WORDS for w in words):
            return "m"
        if any(w in FEMALE_WORDS for w in words):
            return "f"
        return None

    def fallback_country(self, i: int) -> Optional[str]:
        """Country of an unmarked group or source: the article's own, unless it is unsure and the sentence names one."""
        if self.home_is_strong:
            return self.home
        return self.sentence_country(i) or self.home

    def sentence_country(self, i: int, skip_dateline: bool = False) -> Optional[str]:
        """The one country named in token i's sentence, if there is exactly one (the dateline not counted if asked)."""
        sent = self.tokens[i].sent
        skip = self.dateline_index() if skip_dateline else None
        units = {id(u): u for k in range(sent.start, sent.end)
                 if (u := self.unit_at.get(k)) is not None and u.start != skip}
        found = {u.country for u in units.values()
                 if (u.kind == "country" or u.explicit_country and u.kind != "person")
                 and u.country and u.country != "IGO"}
        for k in range(sent.start, sent.end):  # "the Odesa region"
            if not self.taken[k] and self.tokens[k].pos_ == "PROPN" and self.texts[k][:1].isupper() \
                    and not self.in_treaty_name(k):
                iso3 = self.kb.cities.get(self.folded[k])
                if iso3:
                    found.add(iso3)
        return found.pop() if len(found) == 1 else None

    def topical(self, office: tuple[Office, bool]) -> bool:
        """In office on the article's date, or left it at most three years before."""
        held, current = office
        if current or self.day is None:
            return True
        return held.end is not None and (self.day - held.end).days <= 3 * 365

    def display_name(self, key: str) -> str:
        for unit in self.units:
            if unit.kind == "person" and fold(unit.name) == key:
                return unit.name
        return key.title()

    def resolve_collective(self, unit: Unit) -> None:
        """Organisations and groups; one country's troops, soldiers and army are one military."""
        org_key = unit.body or unit.key or fold(unit.name)
        country = unit.country
        if unit.explicit_country and country is None:
            # an acronym or KB body without a country: the one drafted under that key
            earlier = next((d for (k, c), d in self.orgs.items() if k == org_key), None)
            country = earlier.country if earlier else None
        if not unit.explicit_country:
            # "the military" just after "Israeli aircraft": the same body; further away, the article's own
            window = self.previous_sentence_start(self.tokens[unit.start].sent)
            earlier = self.last_body.get(org_key)
            country = earlier[1].country if earlier and earlier[0] >= window else (country or self.fallback_country(unit.start))
        draft = self.orgs.get((org_key, country))
        if draft is None:
            draft = self.new_draft(Draft(unit.name, unit.kind, country, unit.sector, head=org_key))
            self.orgs[(org_key, country)] = draft
        elif unit.kind == "organization" and draft.kind == "group":
            draft.kind = "organization"  # "soldiers" first, "the military" later
        draft.mentions.append(self.chars(unit.start, unit.end))
        for a, b in unit.extra:
            draft.mentions.append(self.chars(a, b))
        self.last_body[org_key] = (unit.start, draft)

    def resolve_anonymous(self, unit: Unit) -> None:
        """Unnamed sources; "the official" is the official last quoted, if any."""
        if unit.definite and unit.end - unit.start <= 2 and not unit.explicit_country:
            head = (unit.key or "").rstrip("s")
            earlier = [d for d in self.anonymous_order if d.head.rstrip("s") == head]
            if earlier:
                earlier[-1].mentions.append(self.chars(unit.start, unit.end))
                return
        name = unit.name
        country = unit.country if unit.explicit_country else (unit.country or self.fallback_country(unit.start))
        draft = self.anonymous.get(fold(name) + "|" + (country or ""))
        if draft is None:
            draft = self.new_draft(Draft(name, "anonymous", country, unit.sector, head=unit.key or ""))
            self.anonymous[fold(name) + "|" + (country or "")] = draft
        if draft in self.anonymous_order:
            self.anonymous_order.remove(draft)
        self.anonymous_order.append(draft)
        draft.mentions.append(self.chars(unit.start, unit.end))

    def resolve_description(self, unit: Unit) -> None:
        """ "the Turkish leader", "the defense minister", "the official"."""
        title = unit.title
        assert title is not None
        if title.kind == "anonymous" or title.role is None:
            return
        target = self.holder_in_article(title, unit.country if unit.explicit_country else None, unit.start)
        if target is None and unit.explicit_country and unit.country:
            office = self.kb.holder(title.role, unit.country, self.day)
            if office:
                key = fold(office.name)
                target = self.persons.get(key) or self.new_draft(
                    Draft(office.name, "person", office.country, office.sector, office.role, words=set(key.split())))
                self.persons[key] = target
        definite = self.tokens[unit.start].lower_ == "the" or any(
            t.tag_ == "POS" for t in self.tokens[unit.start:unit.end])
        if target is None and definite and unit.explicit_country and unit.country and title.role:
            # "Montenegro's prime minister", nobody the KB knows: the office holder, unnamed
            key = f"{unit.country}|{fold(title.role)}"
            target = self.persons.get(key)
            if target is None:
                target = self.new_draft(Draft(self.span_text(unit.start, unit.end, drop_det=True), "person",
                                              unit.country, title.sector, title.role))
                self.persons[key] = target
        if target is not None:
            target.mentions.append(self.chars(unit.start, unit.end))
            self.note_person(unit.start, target)

    def holder_in_article(self, title: Title, country: Optional[str], position: int) -> Optional[Draft]:
        wanted = fold(title.role or "")
        matches = []
        for draft in self.persons.values():
            role = fold(draft.role or "").replace("former ", "")
            if country and draft.country != country:
                continue
            if wanted in ("leader", "head of state"):
                ok = role in LEADER_ROLES
            elif wanted in ("minister", "secretary"):
                ok = "minister" in role or "secretary" in role
            else:
                ok = _same_role(wanted, role)
            if ok:
                matches.append(draft)
        if not matches:
            return None
        if len(matches) > 1 and not country and self.home:
            home = [d for d in matches if d.country == self.home]
            matches = home or matches
        # the most recently mentioned before this point, else the first named
        recent = [(i, d) for i, _, d in self.person_mentions if i < position and d in matches]
        return recent[-1][1] if recent else matches[0]

    def resolve_pronoun(self, unit: Unit) -> None:
        """he/his/him: the salient person before it (subject of this sentence first, then the latest)."""
        tok = self.tokens[unit.start]
        sent = tok.sent
        window_start = self.previous_sentence_start(sent)
        gender = "m" if tok.lower_ in MALE_WORDS else "f"
        candidates = [(i, d) for i, _, d in self.person_mentions
                      if window_start <= i < tok.i and d.gender in (None, gender)]
        if not candidates:
            return
        if self.quoted[tok.i]:
            # inside a quote "he" is not the one quoted: drop speakers of the quote
            candidates = [(i, d) for i, d in candidates if self.quoted[i] or not self.is_speaker(i)] or []
            if not candidates:
                return
        clause_subject = self.clause_subject(tok)
        if tok.dep_ in ("dobj", "pobj", "dative", "iobj") and clause_subject is not None:
            candidates = [(i, d) for i, d in candidates if i != clause_subject] or []
            if not candidates:
                return
        subjects = [(i, d) for i, d in candidates
                    if i >= sent.start and self.tokens[i].dep_ in ("nsubj", "nsubjpass") or
                    self.is_subject_name(i) and i >= sent.start]
        if not subjects:
            # nobody is subject in this sentence: the subject of the previous one stays salient
            # ("Blinken arrived and held talks with Qin. On Monday he met …" → Blinken)
            subjects = [(i, d) for i, d in candidates
                        if i < sent.start and self.is_main_subject(i) and not self.quoted[i]]
            subjects = subjects[-1:]
        chosen = subjects[0][1] if subjects else candidates[-1][1]
        chosen.gender = chosen.gender or gender
        chosen.mentions.append(self.chars(unit.start, unit.end))
        self.note_person(tok.i, chosen)

    def is_speaker(self, i: int) -> bool:
        """True when the name at token i is the subject of a verb of saying ("Liberman added")."""
        tok = self.tokens[i]
        while tok.dep_ == "compound" and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in SPEECH_VERBS

    def is_subject_name(self, i: int) -> bool:
        """True when the name starting at token i heads a subject ("Benny Gantz said")."""
        tok = self.tokens[i]
        head = tok
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        return head.dep_ in ("nsubj", "nsubjpass")

    def is_main_subject(self, i: int) -> bool:
        """True when the name at token i is the subject of its sentence's main verb."""
        tok = self.tokens[i]
        while tok.dep_ == "compound" and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"

    def clause_subject(self, tok) -> Optional[int]:
        """Token index where the subject name of the pronoun's own clause starts."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child.left_edge.i if child.left_edge.pos_ == "PROPN" else child.i
        return None

    def previous_sentence_start(self, sent) -> int:
        start = sent.start
        if start == 0:
            return 0
        prev = self.tokens[start - 1].sent
        return prev.start

    # -------------------------------------------------------------- output

    def country_draft(self, iso3: str, name: str) -> Draft:
        draft = self.countries.get(iso3)
        if draft is None:
            draft = self.new_draft(Draft(self.kb.country_name(iso3) or name, "country", iso3))
            self.countries[iso3] = draft
        return draft

    def new_draft(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        return draft

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
                             code=_code(country, sector), mentions=mentions))
        return out

    # -------------------------------------------------------------- helpers

    def chars(self, a: int, b: int) -> tuple[int, int]:
        return self.tokens[a].idx, self.tokens[b - 1].idx + len(self.tokens[b - 1])

    def span_text(self, a: int, b: int, drop_det: bool = False) -> str:
        if drop_det:
            while a < b - 1 and self.tokens[a].lower_ in DETERMINERS:
                a += 1
        s, e = self.chars(a, b)
        return self.doc.text[s:e]


def _inside_quotes(texts: list[str]) -> list[bool]:
    """For each token, whether it stands inside quotation marks (reset at each paragraph)."""
    inside, out = False, []
    for text in texts:
        if "\n" in text:
            inside = False
        if text in ("“", "«"):
            inside = True
            out.append(True)
            continue
        if text in ("”", "»"):
            out.append(True)
            inside = False
            continue
        if text == '"':
            inside = not inside
            out.append(True)
            continue
        out.append(inside)
    return out


def what_is_place(what: str) -> bool:
    """Lexicon entries that name a place (a capital) rather than a state word."""
    return what in ("capital", "metonym")


COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}


def _compass_base(name: Optional[str]) -> str:
    """ "South Korea" → "korea", "Sudan" → "sudan": a country name without its compass word."""
    return " ".join(w for w in fold(name or "").split() if w not in COMPASS_WORDS)


def _code(country: Optional[str], sector: Optional[str]) -> Optional[str]:
    if country == "IGO" and sector == "IGO":
        return "IGO"
    code = (country or "") + (sector or "")
    return code or None


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _same_role(a: Optional[str], b: Optional[str]) -> bool:
    a, b = fold(a or ""), fold(b or "")
    norm = lambda r: r.replace("defence", "defense").replace("secretary", "minister").replace("premier", "prime minister")
    return bool(a) and norm(a) == norm(b)


def _parse_day(value: Optional[str]) -> Optional[_dt.date]:
    try:
        return _dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None

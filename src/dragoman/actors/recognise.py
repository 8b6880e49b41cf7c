"""Pass 1 of the actors stage: knowledge-base phrases, titles, agent words and
spaCy entities become units (countries, persons, organisations, groups,
anonymous sources, definite descriptions)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from dragoman.actors import evidence
from dragoman.actors.kb import Title, fold
from dragoman.actors.lexicon import Hit
from dragoman.model import ARMED_SECTORS, STATE_SECTORS
from dragoman.actors.units import (COLLECTIVE_NOUNS, DEMONSTRATIVES, DETERMINERS, FACILITY_NOUNS, GOVERNMENT_ADJECTIVES, GOVERNMENT_NAME_WORDS, HOSTILE_VERBS, INDEFINITE, JUNK_NAME, LOCATIVE, LOCATIVE_PREPOSITIONS, MOTION_VERBS, NAME_LABELS, PAIR_NOUNS, PLACE_NOUNS, PLAIN_ADJECTIVES, OF_FRAME_VERBS, PRONOUNS, QUANTITY_WORDS, SEIZE_VERBS, STREET_WORDS, Unit, compass_base, is_speech_audience, what_is_place)


#: Words for the head of a body: "gang leader", "union boss" (Recognition.led_body_title).
BODY_HEAD_WORDS = frozenset({"leader", "chief", "head", "boss", "commander", "chairman", "chairwoman", "spokesman",
                             "spokeswoman", "spokesperson"})
#: Nouns for a body's office in a country: "the World Bank Kenya office" (Recognition.national_branch).
BRANCH_NOUNS = frozenset({"office", "branch", "chapter", "mission", "section", "delegation", "team"})
#: Lower-case particles inside a surname ("dela Rosa", "bin Salman", "van Dijk").
NAME_PARTICLES = frozenset({"de", "dela", "del", "da", "dos", "das", "di", "du", "al", "el", "bin", "ibn", "van",
                            "von", "der", "den", "la", "le"})
#: Quotation marks around a nickname inside a personal name.
OPEN_QUOTES = frozenset({'"', "“", "'", "‘"})
CLOSE_QUOTES = frozenset({'"', "”", "'", "’"})


class Recognition:
    """The recognising methods of `ArticleResolver` (state lives there)."""

    def recognise(self) -> None:
        self.ignore_source_name()
        self.ignore_dateline_agency()
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
        self.quantity_units()
        self.place_words = self.find_place_words()
        self.nickname_units()
        for ent in self.ents:
            if ent.label_ in NAME_LABELS and not any(self.taken[ent.start:ent.end]):
                self.entity_unit(ent, title_at)
        self.surname_units()
        self.igo_anaphor_units()
        for tok in self.tokens:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" and not self.taken[tok.i]:
                self.add(Unit("pronoun", tok.i, tok.i + 1, name=tok.text))
        self.units.sort(key=lambda u: u.start)
        self.join_counted_groups()
        self.apply_appositions()
        self.join_title_commas()
        self.apply_us_evidence()

    def join_counted_groups(self) -> None:
        """ "88 generals and admirals", "23 British diplomats and journalists": a count over a
        coordination of group nouns counts them together, so they are one group (named by the
        whole phrase, with the first noun's sector), not a counted group and a bare one.

        Why (issue 11): the team's corpus and the real-news annotators both write such a phrase as
        one participant; split, its second half was a participant the text never counts.  Not
        "47 students and the teachers' union" (the second has its own determiner), nor groups
        joined by anything but "and".
        """
        joined: list[Unit] = []
        for unit in self.units:
            first = joined[-1] if joined else None
            if first is not None and self.counted_pair(first, unit):
                first.start = self.count_start(first)  # before the end moves: it reads the first noun
                first.end = unit.end
                first.name = self.span_text(first.start, unit.end, drop_det=True)
                first.key = "count:" + fold(first.name)  # "95 generals and admirals" is not "88 generals and admirals"
                first.country = first.country or unit.country
                first.explicit_country = first.explicit_country or unit.explicit_country
                for i in range(first.start, unit.end):
                    self.unit_at[i] = first
                    self.taken[i] = True
                continue
            joined.append(unit)
        self.units[:] = joined

    def counted_pair(self, first: Unit, second: Unit) -> bool:
        """Whether ``second`` is the bare group noun joined by "and" to the counted group ``first``."""
        if first.kind not in ("group", "anonymous") or second.kind not in ("group", "anonymous"):
            return False
        if second.start != first.end + 1 or self.folded[first.end] != "and" or second.end - second.start > 2:
            return False
        if (first.sector in ARMED_SECTORS) != (second.sector in ARMED_SECTORS):
            return False  # "killed 12 soldiers and civilians", "5 police officers and protesters": two sides
        counted = any(t.like_num or self.folded[t.i] in QUANTITY_WORDS for t in self.tokens[first.start:first.end]) \
            or self.count_start(first) < first.start
        head = self.tokens[second.end - 1]
        bare = self.tokens[second.start].pos_ not in ("DET", "NUM", "PRON") and head.tag_ == "NNS"
        return counted and bare and head.dep_ == "conj" and head.head.i == first.end - 1

    def count_start(self, unit: Unit) -> int:
        """Where a group's count begins when the unit stops short of it ("95 retired generals": the
        unit is "generals", the participle stopped it): the number on its head, if every word from
        there to the unit modifies the head and no other unit holds it; else the unit's own start."""
        head = self.tokens[unit.end - 1]
        numbers = [c for c in head.children if c.dep_ == "nummod" and c.i < unit.start and c.like_num]
        if not numbers:
            return unit.start
        start = numbers[0].i
        between = self.tokens[start:unit.start]
        if any(self.taken[t.i] for t in between) or any(t.head.i != head.i for t in between):
            return unit.start
        return start

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

    def quantity_units(self) -> None:
        """ "Thousands marched", "hundreds were arrested", "tens of thousands who protested": a number of
        people named by the number alone, as the subject of its clause or with "who": a group of civilians.

        Why (issue 11): news names crowds by their size; "thousands of teachers" is the teachers (the
        event coder follows "of" from a quantity word), but a bare quantity was no actor. Not "thousands
        of homes" (an "of" phrase names what is counted), nor a quantity that is an object or a measure.
        """
        for tok in self.tokens:
            if self.taken[tok.i] or self.folded[tok.i] not in QUANTITY_WORDS or tok.tag_ != "NNS":
                continue
            head, end = tok, tok.i + 1
            while True:  # "tens of thousands", "hundreds of thousands"
                of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                if of is None:
                    break
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
                if pobj is None or self.folded[pobj.i] not in QUANTITY_WORDS or pobj.i != of.i + 1:
                    head = None
                    break
                head, end = pobj, pobj.i + 1
            start = tok.i
            while start >= 2 and self.folded[start - 1] == "of" and self.folded[start - 2] in QUANTITY_WORDS:
                start -= 2  # "Tens of thousands" parsed with "thousands" as the head
            if head is None or any(self.taken[start:end]):
                continue
            subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in (tok, head, self.tokens[start]))
            who = any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in head.children)
            if subject or who:
                self.add(Unit("group", start, end, name=self.span_text(start, end), sector="CVL", key="people"))

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
        bases = {compass_base(self.kb.country_name(c)) for c in self.named_countries}
        return next((c for c in candidates if compass_base(self.kb.country_name(c)) in bases), None)

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
        if any(h.entry.what == "country" and h.start <= hit.start and hit.end <= h.end and h.start < hit.start
               for h in names):
            return  # "Soviet Union", "United Arab Emirates": a word of a country's name
        title = self.led_body_title(hit, title)
        left, country, explicit = self.left_modifiers(hit.start)
        name_end = self.name_after(hit.end, names)
        if title.kind == "person" and name_end:
            name_start = hit.end
            if country is None:
                country, _ = self.country_after(name_end)
                explicit = country is not None
            self.add(Unit("person", name_start, name_end, name=self.name_text(name_start, name_end),
                          title=title, title_span=(left, hit.end), country=country,
                          explicit_country=explicit, sector=title.sector, role=title.role))
            self.mark(left, hit.end)
            return
        end, name_end = hit.end, None
        if last.dep_ in ("compound", "amod") and last.head.i >= hit.end and last.head.pos_ in ("NOUN", "PROPN"):
            if not self.stands_for_its_body(title, last):
                return  # "police officer", "military official": not the head of its phrase
            end, name_end = last.head.i + 1, hit.end  # "ambushed a police convoy": the police, attacked
        if last.dep_ == "poss" and hit.end < len(self.tokens) and self.tokens[hit.end].text in ("'", "’") \
                and self.folded[last.head.i] in self.lexicon.titles:
            return  # "the teachers' union": the possessor is part of the body's name
        after_country, after_end = self.country_after(hit.end)
        if evidence.is_us_only_title(title.phrase) and self.us_state_after(hit.end):
            after_country = "USA"  # "a senator from Georgia": the state, not the country
        if country is None and after_country:
            country, explicit = after_country, True
        det = self.tokens[left].lower_ if left < hit.start else ""
        if title.kind == "person":
            self.title_without_name(hit, title, left, end, country, explicit, det)
        elif country is None and title.kind == "group" and self.regional_unit(hit, title, left):
            return
        else:
            self.collective_unit(hit, title, left, end, country, explicit, det, name_end)

    def led_body_title(self, hit: Hit, title: Title) -> Title:
        """ "gang leader", "union boss", "militia commander": a head of the body the word before names
        belongs to that body's sector, not to the government or the army the bare word defaults to.

        Why: "Gang leader X" made a gang's head a government official (leader → GOV).
        """
        if title.kind != "person" or hit.end - hit.start != 1 or self.folded[hit.start] not in BODY_HEAD_WORDS \
                or hit.start == 0:
            return title
        body = self.lexicon.titles.get(self.folded[hit.start - 1])
        if body is None or body.value.kind not in ("group", "organization") or not body.value.sector \
                or body.value.sector in ("GOV", title.sector):
            return title
        role = f"{self.texts[hit.start - 1].capitalize()} {self.texts[hit.start].capitalize()}"
        return replace(title, phrase=f"{self.folded[hit.start - 1]} {title.phrase}", sector=body.value.sector,
                       role=role)

    @staticmethod
    def stands_for_its_body(title: Title, last) -> bool:
        """ "a police convoy", "an army base", "the parliament building": a state body's vehicle,
        post or building stands for the body when it is attacked, raided or seized (the object of a
        hostile verb, or of "on/against/into"), as the field codes the target of an attack or a
        raid; where something only happens ("at a police station", "visited an army base", "guard
        the parliament building") it is a place or a thing."""
        head = last.head
        if title.kind not in ("organization", "group") or title.sector not in STATE_SECTORS:
            return False
        if last.i != head.i - 1 or fold(head.lemma_) not in FACILITY_NOUNS:
            return False
        if head.dep_ in ("dobj", "nsubjpass"):
            return fold(head.head.lemma_) in HOSTILE_VERBS  # "ambushed a police convoy", not "visited an army base"
        if head.dep_ != "pobj":
            return False
        prep = head.head
        return prep.lower_ in ("on", "upon", "against", "into", "onto") or (
            prep.lower_ == "to" and fold(prep.head.lemma_) == "fire")  # "an attack on", "set fire to"; not "at"

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
        first = self.tokens[hit.start]
        if title.source == "phoenix" and first.text[:1].isupper() and not first.is_sent_start \
                and not is_faith_or_nation_word(first):
            return False  # "the Human Rights Commission of Sri Lanka", "People's Daily": a generic word in a name
        return not (last.text.isupper() and len(last.text) > 3)  # "SUPER BOWL PARTY": a shouted heading

    def title_without_name(self, hit: Hit, title: Title, left: int, end: int, country: Optional[str],
                           explicit: bool, det: str) -> None:
        """ "the Turkish leader" (a description), "a spokesman for X" (a source), or nothing."""
        last = self.tokens[hit.end - 1]
        if self.apposition(hit, title, country):
            return
        before = self.tokens[hit.start - 1].lower_ if hit.start else ""
        if det in INDEFINITE or before in INDEFINITE:
            if title.role == "Spokesperson" or (det or before) in ("a", "an") and self.takes_part(last):
                end = max(end, self.attached_pp_end(hit.end - 1))
                sector = self.modifier_sector(left, hit.start, title.sector)
                self.add(Unit("anonymous", left, end, name=self.span_text(left, end, drop_det=True),
                              country=country, explicit_country=explicit, sector=sector, key=fold(title.phrase)))
            return  # "an Israeli defense minister": nobody in particular
        if left == hit.start and not last.text[:1].isupper() and hit.start > 0 \
                and self.tokens[hit.start - 1].lower_ not in ("the", "'s", "’s"):
            return  # a bare lower-case "minister" is not a reference
        self.add(Unit("description", left, hit.end, name=self.span_text(left, hit.end), title=title,
                      title_span=(hit.start, hit.end), country=country, explicit_country=explicit, definite=True))

    @staticmethod
    def takes_part(head) -> bool:
        """ "a judge ordered", "a commander was killed", "police arrested an officer", "shot by a man": an
        unnamed someone who acts or is acted on (subject, object, or the agent "by" of a verb), not a
        predicate ("he is a judge") or a modifier ("the first visit by an Israeli defense minister").

        Why (issue 11): such unnamed individuals are event actors and sources ("a senior commander
        warned"); they become anonymous actors like "a senior official".
        """
        if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return True
        prep = head.head
        return head.dep_ == "pobj" and prep.lower_ == "by" and prep.head.pos_ in ("VERB", "AUX")

    def collective_unit(self, hit: Hit, title: Title, left: int, end: int, country: Optional[str],
                        explicit: bool, det: str, name_end: Optional[int] = None) -> None:
        """Organisations, groups, anonymous sources and state words ("the Qatari government").
        ``name_end``: where the body's name ends inside a longer mention ("a police convoy": police)."""
        last = self.tokens[hit.end - 1]
        sector = self.modifier_sector(left, hit.start, title.sector)
        words = self.folded[left:hit.start]
        if sector == "MED" and title.kind == "group" and left == hit.start - (1 if words[-1:] == ["the"] else 0) \
                and is_speech_audience(last):
            return  # "told reporters", "said to journalists": the audience of a statement, not a party to it
        if self.folded[hit.end - 1] in PAIR_NOUNS and ("both" in words or words[:2] == ["the", "two"]):
            return  # "both parties", "the two militaries": two actors the article names (the event coder pairs them)
        if title.kind == "group" and self.folded[hit.end - 1] in ("people", "persons") \
                and self.folded[hit.end:hit.end + 1] in (["familiar"], ["close"], ["briefed"], ["knowledgeable"]):
            return  # "people familiar with the matter": who they are is the point of not naming them
        if title.kind in ("anonymous", "group"):
            end = max(end, self.attached_pp_end(hit.end - 1))
            counted = self.counted_agent(hit) if end > hit.end else None
            if counted is not None:  # "a crowd of students": the students' sector and key
                title, sector = counted, self.modifier_sector(hit.end, end, counted.sector)
            if not explicit and end > hit.end and self.names_igo(hit.end, end):
                country, explicit = "IGO", True  # "foreign ministers of the ASEAN states": the bloc's, by membership
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
            named = any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in self.tokens[left:hit.start])
            if (title.sector not in STATE_SECTORS and not owned and not named) or possessor in DEMONSTRATIVES:
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
            if any(t.pos_ == "ADJ" and t.lower_ not in PLAIN_ADJECTIVES and t.lower_ not in GOVERNMENT_ADJECTIVES
                   and not self.country_of(t.text) for t in self.tokens[left:hit.start]):
                return  # "the regional government in Cusco", "a Western government": not a state's
            if country:
                self.add(Unit("country", left, end, name=self.span_text(left, end), country=country, sector=sector))
            elif any(t.ent_type_ == "PERSON" for t in self.tokens[left:hit.start]):
                office = self.kb_office(" ".join(t.text for t in self.tokens[left:hit.start] if t.pos_ == "PROPN"))
                if office and office[0].country and office[0].country != "IGO":  # "the Carter administration"
                    self.add(Unit("country", left, end, name=self.span_text(left, end), country=office[0].country,
                                  sector=sector))
            elif self.bare_state_word(hit, left, det):
                # "the government", "its administration": the state, once the article's home is known
                self.add(Unit("state", left, end, name=self.span_text(left, end), sector=sector))
            return
        name = self.span_text(left, name_end or end, drop_det=True)
        key = fold(title.phrase)
        if title.kind == "organization" and title.sector not in STATE_SECTORS and left < hit.start:
            key = "org:" + fold(name)  # "the RMT union", "the teachers' union": bodies of their own
        self.add(Unit(title.kind, left, end, name=name, country=country, explicit_country=explicit, sector=sector,
                      key=key, definite=det == "the", body=body))

    def names_igo(self, a: int, b: int) -> bool:
        """Does tokens[a:b] hold a unit of an international organisation, matched from the knowledge base
        before the agent words (evidence of membership, issue 11: never the country of the place the
        article is about)?"""
        return any((unit := self.unit_at.get(k)) is not None and unit.country == "IGO" for k in range(a, b))

    def bare_state_word(self, hit: Hit, left: int, det: str) -> bool:
        """ "the government", "the administration", "its new government": a state word with no country of its
        own that stands for one state (not "a government", "the government of national unity", "the government
        in exile", a plural; "the regional government" never gets this far).

        Why (issue 11): such words were dropped when nothing in the phrase named the country; news uses
        them for the article's own state far more often than for another (coreference.resolve_state).
        """
        last = self.tokens[hit.end - 1]
        if det in INDEFINITE or self.tokens[left].lower_ in INDEFINITE or last.tag_ in ("NNS", "NNPS"):
            return False
        after = self.tokens[hit.end] if hit.end < len(self.tokens) else None
        of_verb = last.dep_ == "dobj" and last.head.lemma_.lower() in OF_FRAME_VERBS and not any(
            o.dep_ == "pobj" and o.lemma_.lower() in GOVERNMENT_NAME_WORDS for o in (after.children if after else ()))
        if after is not None and (after.lower_ == "of" and after.head.i == last.i and not of_verb
                                  or after.lower_ == "in" and self.folded[hit.end + 1:hit.end + 2] == ["exile"]):
            return False  # "the government of national unity", "the government in exile"
        return True

    def counted_agent(self, hit: Hit) -> Optional[Title]:
        """ "a crowd of students", "a mob of settlers": the agent word a collective noun counts, else None."""
        if self.folded[hit.end - 1] not in COLLECTIVE_NOUNS or hit.end + 1 >= len(self.tokens) \
                or self.folded[hit.end] != "of":
            return None
        pobj = next((c for c in self.tokens[hit.end].children if c.dep_ == "pobj"), None)
        entry = self.lexicon.titles.get(self.folded[pobj.i]) if pobj is not None else None
        return entry.value if entry is not None and entry.value.kind == "group" else None

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
                if any(o.dep_ == "pobj" and any(c.dep_ == "conj" for c in o.children) for o in child.children):
                    break  # "diplomats from China, Japan and South Korea": the states stay actors of their own
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
        while j < n:
            if j > i and (resume := self.nickname_end(j)):
                j = resume  # 'Jimmy "Barbecue" Cherizier': the name goes on after the nickname
                if self.folded[j] in NAME_PARTICLES:
                    j += 1  # 'Ronald "Bato" dela Rosa'
                continue
            if not (self.tokens[j].pos_ == "PROPN" and self.tokens[j].text[:1].isupper()
                    and self.folded[j] not in self.lexicon.titles):
                break
            j += 1
        if j == i:
            return None
        tok = self.tokens[i]
        if tok.ent_type_ and tok.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
            return None
        if tok.ent_type_ in ("GPE", "NORP") and self.country_of(self.span_text(i, j)):
            return None  # "President of Turkey" is not a name
        if tok.ent_type_ == "PERSON" or tok.ent_iob_ == "B":
            while j < n and self.tokens[j].ent_iob_ == "I" and self.tokens[j].ent_type_ == "PERSON" \
                    and self.texts[j] not in OPEN_QUOTES:
                j += 1  # a quote ends the name: 'President Rojas "Betrayed" Chileans' is Rojas
        return j

    def nickname_end(self, j: int) -> Optional[int]:
        """Where a name resumes after a quoted nickname at token j ('Jimmy "Barbecue" Cherizier',
        "Joaquin 'El Chapo' Guzman", 'Ronald "Bato" dela Rosa'), else None: one name alone before the
        quote (a title may precede it), one to three capitalised words inside that are no verb or
        adverb, and a capitalised surname (or a name particle and one) right after that is no
        country's name or people.

        Why: spaCy ends the name at the quote, so the person was split in two, the first half with
        the nickname as a surname and the knowledge base's entry for the full name never found. Why
        not after a whole name or before a country: a headline's quoted words ('Trump "Strongly
        Condemns" Iran', 'Odinga "Thanked" Uhuru Kenyatta') are no nickname.
        """
        if j < 1 or j >= len(self.tokens) or self.texts[j] not in OPEN_QUOTES:
            return None
        if not self.texts[j - 1][:1].isupper() or self.folded[j - 1] in self.lexicon.titles:
            return None
        if j >= 2 and self.tokens[j - 2].pos_ == "PROPN" and self.texts[j - 2][:1].isupper() \
                and self.folded[j - 2] not in self.lexicon.titles:
            return None  # "Donald Trump": a whole name before the quote
        for k in range(j + 2, min(j + 5, len(self.tokens) - 1)):
            if self.texts[k] in CLOSE_QUOTES:
                words = self.tokens[j + 1:k]
                after = k + 1
                if self.folded[after] in NAME_PARTICLES and after + 1 < len(self.tokens):
                    after += 1  # "dela Rosa", "bin Laden"
                tok = self.tokens[after]
                if all(w.text[:1].isupper() and w.is_alpha and w.pos_ not in ("VERB", "AUX", "ADV") for w in words) \
                        and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN") \
                        and self.folded[after] not in self.lexicon.titles and not self.kb.country_of(tok.text):
                    return k + 1
                return None
        return None

    def name_text(self, a: int, b: int) -> str:
        """The text of a personal name without its quoted nickname: "Jimmy Cherizier"."""
        parts, j = [], a
        while j < b:
            resume = self.nickname_end(j) if j > a else None
            if resume:
                j = resume
                continue
            parts.append(self.texts[j])
            j += 1
        return " ".join(parts) if len(parts) < b - a else self.span_text(a, b)

    def nickname_units(self) -> None:
        """Persons written with a quoted nickname that spaCy split ('Jimmy "Barbecue' + 'Cherizier')."""
        for tok in self.tokens:
            i = tok.i
            if self.taken[i] or not tok.text[:1].isupper() or not self.nickname_end(i + 1):
                continue  # any part of speech: spaCy may tag a given name before a quote as a verb
            start = i
            while start > 0 and not self.taken[start - 1] and self.tokens[start - 1].pos_ == "PROPN" \
                    and self.texts[start - 1][:1].isupper() and self.folded[start - 1] not in self.lexicon.titles:
                start -= 1
            end = self.name_after(start, [])
            if end and not any(self.taken[start:end]):
                head = self.tokens[end - 1]
                country = self.context_country(head)
                self.add(Unit("person", start, end, name=self.name_text(start, end), country=country,
                              explicit_country=country is not None))

    def left_modifiers(self, i: int) -> tuple[int, Optional[str], bool]:
        """Start of the noun phrase ending at token i, and the country its modifiers give."""
        start, country = i, None
        k = i - 1
        while k >= 0:
            tok = self.tokens[k]
            if tok.lower_ in ("least", "most") and k > 0 and self.folded[k - 1] == "at":
                break  # "at least 22 people"
            if tok.tag_ == "POS" and tok.text in ("'", "’"):  # "the teachers' union"
                k -= 1
                continue
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
            if not iso3 and self.tokens[i].lower_ in ("in", "from") and evidence.is_us_state_name(text):
                iso3 = "USA"  # "officials in Minnesota", "a senator from Ohio"
            if iso3:
                return iso3, b
        return None, i

    def us_state_after(self, i: int) -> bool:
        """ "from/of <US state>" at token i, the state named in full ("from New Mexico")."""
        if i + 1 >= len(self.tokens) or self.tokens[i].lower_ not in ("of", "from"):
            return False
        return any(evidence.is_us_state_name(self.span_text(i + 1, b))
                   and (b >= len(self.tokens) or self.tokens[b].tag_ != "POS")  # not "Georgia's central bank"
                   for b in range(min(len(self.tokens), i + 3), i + 1, -1))

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
            if " " not in self.span_text(hit.start, hit.end) and self.stale_phoenix_name(entry.value) \
                    or not self.phoenix_country_named(entry.value):
                return  # spaCy may still find the person; the KB does not vouch for the name
            self.add(Unit("person", hit.start, hit.end, name=self.span_text(hit.start, hit.end), key=entry.value))
        elif what == "org":
            org = entry.value
            if org.kind == "ignore":
                self.mark(hit.start, hit.end)
                return
            country = org.country
            if country is None:
                country = self.left_modifiers(hit.start)[1]
            # a Phoenix group of a region ("-": EAFREB, SASREB) takes its country from the article, like a
            # body the KB does not know; the project's own "-" (Islamic State) stays without one
            explicit = org.source is None or country is not None
            other = self.other_country_before(hit, org.country)
            if other is not None:  # "Malawi Congress Party" is no "Congress Party" of India
                start, country = other
                name = self.span_text(start, hit.end)
                self.add(Unit(org.kind, start, hit.end, name=name, country=country, sector=org.sector,
                              key="org:" + fold(name), explicit_country=True))
                return
            branch = self.national_branch(hit)
            if branch is not None:  # "Amnesty International Kenya": the body's own branch there
                end, country = branch
                name = self.span_text(hit.start, end)
                self.add(Unit(org.kind, hit.start, end, name=name, country=country, sector=org.sector,
                              key="org:" + fold(name), explicit_country=True))
                return
            self.add(Unit(org.kind, hit.start, hit.end, name=org.name, country=country, sector=org.sector,
                          key="org:" + fold(org.name), explicit_country=explicit))
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
        return self.country_word_is_name(hit) or self.country_word_opens_body_name(hit)

    def other_country_before(self, hit: Hit, country: Optional[str]) -> Optional[tuple[int, str]]:
        """(start, country) when a known body's descriptive name of one country ("Congress Party",
        "Revenue Authority") is preceded, inside one name, by another country's name ("the Malawi
        Congress Party"), else None.

        Why: the knowledge base's "Congress Party" (India) took the Malawian party's name, and with it
        the country of every unmarked body after it. Only a name that ends in a word naming a body:
        "the Israel Hamas war", "US Taliban talks" name two parties, not a branch.
        """
        if not country or country == "IGO" or hit.start == 0 \
                or self.folded[hit.end - 1] not in evidence.lists().org_name_words:
            return None
        k = hit.start - 1
        found = self.kb.country_names.get(self.folded[k]) if self.texts[k][:1].isupper() else None
        if not found or found == country or self.tokens[k].dep_ not in ("compound", "nmod", "amod"):
            return None
        return k, found

    def national_branch(self, hit: Hit) -> Optional[tuple[int, str]]:
        """(end, country) when a known international body's name runs on with a country's name that it
        modifies ("Amnesty International Kenya said", "UNICEF Sudan", "the World Bank Kenya office"),
        else None.

        Why: the branch of a country is an actor of that country; read as the international body, it
        lost its country and a second branch in the same story merged with it. Not a body whose
        members are states ("at a meeting of the European Union Hungary vetoed …":
        `evidence.is_member_bloc`), and the country word must head its phrase or name an office
        ("the Amnesty International Kenya report" is the body's report about Kenya).
        """
        org = hit.entry.value
        if evidence.is_member_bloc(org.name):
            return None
        last = self.tokens[hit.end - 1]
        for end in range(min(len(self.tokens), hit.end + 3), hit.end, -1):
            country = self.kb.country_names.get(" ".join(self.folded[hit.end:end]))
            if not country or not self.texts[hit.end][:1].isupper():
                continue
            head = self.tokens[end - 1]
            if head.dep_ in ("compound", "amod", "nmod") and head.head.lemma_.lower() not in BRANCH_NOUNS:
                return None
            if last.dep_ == "compound" and hit.end <= last.head.i < end:
                return end, country  # the body's name modifies the country word: one name
        return None

    def country_word_opens_body_name(self, hit: Hit) -> bool:
        """A country word that opens an organisation's name ("the Kenya National Commission on Human
        Rights", "Uganda Law Society"): the name is the actor, and the country word its evidence.

        Why: the country became an actor of its own and the body was lost. Only where spaCy's ORG entity
        runs on past the country word and holds a word that names a body ("society", "commission",
        "party"), so a headline's "Russia Ukraine war" tagged ORG stays two countries.
        """
        ent = next((e for e in self.ents if e.start <= hit.start < e.end), None)
        if ent is None or ent.label_ != "ORG" or ent.end <= hit.end:
            return False
        if any(not t.is_space and t.lower_ not in DETERMINERS for t in self.tokens[ent.start:hit.start]):
            return False
        if any(self.taken[hit.end:ent.end]) or any(self.kb.country_of(self.texts[k]) for k in range(hit.end, ent.end)):
            return False  # "India Pakistan Joint Commission", "Malawi Congress Party" read as a known party: left alone
        words = self.folded[hit.end:ent.end]
        return any(w in evidence.lists().org_name_words and w not in PLACE_NOUNS and w not in STREET_WORDS
                   and w not in FACILITY_NOUNS for w in words)

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
        key = fold(self.span_text(start, end)).removeprefix("the ")
        if label == "ORG" and key in self.kb.place_names and key not in self.kb.org_names:
            return  # a region, sea or island the tagger took for an organisation ("retake Crimea")
        if label == "ORG":
            for k in range(start, end - 1):
                if self.tokens[k].tag_ == "POS":
                    start = k + 1  # "the South's Joint Chiefs of Staff": the name starts after the possessor
        if label == "PERSON":
            quote = next((k for k in range(start + 1, end) if self.texts[k] in OPEN_QUOTES), None)
            if quote is not None and not self.nickname_end(quote):
                end = quote  # 'Rojas "Betrayed" Chileans' tagged as one person: the name ends at the quote
        text = self.span_text(start, end)
        if JUNK_NAME.match(text) or not any(t.pos_ == "PROPN" for t in self.tokens[start:end]):
            return
        if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and self.known_person_word(start, end)) or (
                label in ("ORG", "NORP") and self.is_person_by_given_name(start, end, key)):
            if end - start > 6 or "-" == text[-1]:
                return
            head = self.tokens[end - 1]
            if end - start == 1 and self.folded[start] in self.lexicon.titles:
                return  # "Department", "Senate": a common noun, not a name
            if end - start == 1 and head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
                return  # "the Rafah crossing", "the Essequibo region": a place word
            if start > 0 and self.tokens[start - 1].lower_ == "the" and label == "PERSON":
                return  # "the Essequibo remains ours": people do not take "the"
            if label == "PERSON" and any(self.folded[k] in STREET_WORDS for k in range(start, end)):
                return  # "rallied on Avenida Paulista", "marched down Nevsky Prospekt": a street, not a person
            if end - start == 1 and label == "PERSON" and (self.unknown_place_word(start, head)
                                                           or self.city_not_person(start)):
                return  # "massacred civilians in Axum", "flew to Naypyitaw", "the port of Rotterdam": a place
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

    def is_person_by_given_name(self, start: int, end: int, key: str) -> bool:
        """A name spaCy tagged ORG or NORP that is a person's by its given name
        (`evidence.person_by_given_name`), unless the knowledge base knows it as an organisation.
        Not GPE: places are named after people ("Charlotte County")."""
        if key in self.kb.org_names or not all(t.pos_ == "PROPN" for t in self.tokens[start:end]):
            return False
        return evidence.person_by_given_name([t.text for t in self.tokens[start:end]], self.kb.given_names)

    def unknown_place_word(self, start: int, head) -> bool:
        """One word tagged PERSON where a place goes: the object of "in"/"near"/"outside", or of
        "to"/"from" after a verb of the subject's own going, that no one in the article or the
        knowledge base bears as a name.  A person named by one word is a surname met before
        ("met Biden in Kyiv"), never "in X"; "at" and "into" are left alone ("hit out at X")."""
        if head.dep_ != "pobj":
            return False
        prep = head.head
        place = prep.lower_ in LOCATIVE_PREPOSITIONS or (
            prep.lower_ in ("to", "from") and prep.head.lemma_.lower() in MOTION_VERBS)
        return place and self.nobodys_name(start)

    def city_not_person(self, start: int) -> bool:
        """One word tagged PERSON that names a large city (`cities.tsv`: 150,000 people or more)
        and is nobody's name here or in the knowledge base, nor a given name ("deploy missiles to
        Kumamoto", "seized cocaine at the port of Rotterdam"; not "Jackson said" after "Ketanji
        Brown Jackson", nor "Florence", a given name)."""
        return self.folded[start] in self.kb.cities and self.nobodys_name(start)

    def nobodys_name(self, start: int) -> bool:
        """The one word at ``start`` is no one's name: not a person's surname in this article or
        the knowledge base, not the surname of a full name met here, not a given name."""
        word = self.folded[start]
        return not self.known_person_word(start, start + 1) and word not in self.full_name_surnames() \
            and word not in self.kb.given_names

    def known_person_word(self, start: int, end: int) -> bool:
        """A one-word entity spaCy mislabelled that is a person's surname in this article or the KB."""
        if end - start != 1:
            return False
        word = self.folded[start]
        if word in self.kb.person_names and not self.stale_phoenix_name(self.kb.person_names[word]):
            return True
        return any(u.kind == "person" and word in fold(u.name).split() for u in self.units)

    def stale_phoenix_name(self, key: str) -> bool:
        """True for a person of the Phoenix dictionaries who is not topical on the article's date.

        Why (issue 11): Phoenix lists ~17,000 office holders up to about 2014; a surname alone is taken
        for one of them only while they hold a role or left it at most three years before (the rule
        for bare surnames), else it is more likely someone else of that name.
        """
        if key not in self.kb.phoenix:
            return False
        if self.day is None:
            return True  # no date, no way to tell
        office = self.kb.office_on(key, self.day)
        return office is None or not self.topical(office)

    def phoenix_country_named(self, key: str) -> bool:
        """False for a Phoenix person none of whose countries the article names (see HomeCountry.kb_office)."""
        person = self.kb.phoenix.get(key)
        return person is None or any(self.country_named(row[0]) for row in person[4])

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


def is_faith_or_nation_word(tok) -> bool:
    """ "a Buddhist monk", "a Catholic priest", "Sunni clerics": a capitalised word that is a
    nationality or religion on its own (spaCy's NORP, one word) opens a common-noun phrase, not a
    name; Phoenix lists such phrases as agents."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.ent_type_ == "NORP" and tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")

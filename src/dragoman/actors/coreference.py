"""Pass 3 of the actors stage: units become actors; surnames join full names,
descriptions ("the Turkish leader"), pronouns and anonymous sources join the
actor they refer to, respecting gender and country."""

from __future__ import annotations

import bisect
from typing import Optional

from dragoman.actors import evidence
from dragoman.actors.kb import Office, Title, fold
from dragoman.model import STATE_SECTORS
from dragoman.actors.units import (Draft, FEMALE_WORDS, LEADER_ROLES, MALE_WORDS, NOT_CURRENT, PLAIN_ADJECTIVES, PRONOUNS, SPEECH_VERBS, Unit, contains_run, same_role)

#: Sectors whose unnamed office ("the interior minister", "the opposition leader") is the article's own
#: state's: the state's own sectors and its opposition.
HOME_OFFICE_SECTORS = STATE_SECTORS | {"OPP"}


class Coreference:
    """The resolving methods of `ArticleResolver` (state lives there)."""

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
            elif unit.kind == "state":
                self.resolve_state(unit)

    def note_person(self, i: int, draft: Draft) -> None:
        """Record a person mention at token i, keeping the list in text order."""
        bisect.insort(self.person_mentions, (i, id(draft), draft), key=lambda t: (t[0], t[1]))

    def canonical_names(self, persons: list[Unit]) -> dict[str, str]:
        """Folded name → folded longest name containing it ("gantz" → "benny gantz")."""
        full = {fold(u.name) for u in persons}
        canonical = {}
        for name in full:
            words = name.split()
            longer = [f for f in full if f != name and contains_run(f.split(), words)]
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
        elif unit.role and (not draft.role or draft.weak_role):
            draft.role, draft.sector = unit.role, unit.sector or draft.sector
            draft.weak_role = False
        if unit.explicit_country and unit.country and not draft.country:
            draft.country = unit.country
        draft.mentions.append(self.chars(unit.start, unit.end))
        for a, b in unit.extra:
            draft.mentions.append(self.chars(a, b))
        self.unit_drafts[id(unit)] = draft
        draft.gender = draft.gender or self.gender_before(unit) or self.gender_after(unit) \
            or self.gender_of_given_name(unit)
        if unit.title_span:
            draft.mentions.append(self.chars(unit.title_span[0], unit.end))
        self.note_person(unit.start, draft)

    def new_person(self, unit: Unit, key: str) -> Draft:
        office = self.kb_office(key) or self.office(unit)
        if office and len(key.split()) == 1 and not self.topical(office):
            office = None  # a bare surname of someone long out of office is likely someone else
        name = unit.name if fold(unit.name) == key else self.display_name(key)
        country, sector, role = unit.country if unit.explicit_country else None, unit.sector, unit.role
        weak = False
        if office:
            held, current = office
            name = held.name if len(name.split()) < len(held.name.split()) else name
            country = country or held.country
            if not role or (sector == held.sector and current and same_role(role, held.role)):
                role = held.role if current else None if held.open_end else f"Former {held.role}"
                sector = held.sector  # a role Phoenix left open is unknown after its date: no role
                weak = held.source is not None
            sector = sector or held.sector
        if country is None:
            country = unit.country or self.person_home(unit)
        return self.new_draft(Draft(name, "person", country, sector, role, words=set(fold(name).split()),
                                    weak_role=weak))

    def honorific_of(self, unit: Unit) -> Optional[str]:
        """Gender of the honorific a mention carries ("Mrs. Pelletier", "Mr Okafor"), else None."""
        first = unit.name.split()[0] if unit.name.split() else ""
        return evidence.honorific_gender(first) or (
            evidence.honorific_gender(self.texts[unit.start - 1]) if unit.start else None)

    def split_by_honorific(self, unit: Unit, key: str, draft: Optional[Draft]) -> Optional[Draft]:
        """A surname with an honorific of the other gender is another person: "Mrs. X" is not her husband.

        Why (issue 11): a wife's statement ("Mrs. X said") went to the husband named in full. The text
        decides a draft's gender (honorifics, gendered titles, a pronoun right after the name), and
        failing that a given name used overwhelmingly for one gender (`gender_of_given_name`). With
        nothing known, the mention joins as before.
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

    def gender_of_given_name(self, unit: Unit) -> Optional[str]:
        """ "Maria Zakharova" is a woman, "Vadim Krasikov" a man: the gender of the first word of a
        name of two words or more, where ``given_names.tsv`` lists it (names used overwhelmingly for
        one gender; "Jean", "Andrea", "Kim" are not listed).  The last evidence at each mention: the
        text's own comes first.  Once set it stays, as the text's does: a later mention's honorific
        rarely contradicts a name on the list, while a gender known from the first mention keeps
        the pronouns in between from the wrong person (keeping the guess apart, read only by
        pronouns, lost a real-news event and changed no dev figure).

        Why (issue 11): male actors held "her" and female actors "he" where the text said nothing
        but the name."""
        words = unit.name.split()
        if len(words) < 2:
            return None
        return self.kb.given_names.get(fold(words[0]))

    def gender_after(self, unit: Unit) -> Optional[str]:
        """ "X and his wife", "X said she": a pronoun within three tokens after the name, no one else between.

        Only a subject or possessive pronoun tells: the object of "X scolded him" is someone else (issue 11:
        a woman senator became male that way, and her own "she said" found no one).
        """
        for k in range(unit.end, min(unit.end + 3, len(self.tokens))):
            if self.quoted[k] or self.tokens[k].is_sent_start or self.person_unit_at(k):
                return None
            if self.folded[k] in PRONOUNS and self.tokens[k].pos_ == "PRON":
                if self.tokens[k].dep_ not in ("nsubj", "nsubjpass", "poss"):
                    return None
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
        """ "Mr. Trump", "Queen Elizabeth", "spokeswoman Maria Zakharova": gender from the word before a name.

        A possessive there is someone else's: "his wife Ana Ruiz" is a woman, "her deputy Carl
        Oduya" is not one (read as his gender, it made the deputy female and sent the "him" of the
        next clause to no one)."""
        words = [self.folded[k] for k in range(max(0, unit.start - 2), unit.start) if self.folded[k] not in PRONOUNS]
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
        """In office on the article's date, or left it at most three years before (a Phoenix office: only
        with a date, as the source ends in 2014)."""
        held, current = office
        if self.day is None:
            return current or held.source is None
        if current:
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

    def resolve_state(self, unit: Unit) -> None:
        """ "the government" with no country in its phrase (recognise.bare_state_word): the state of the person
        right before it ("Bazoum's government"), else the article's own (fallback_country), else nothing."""
        k = unit.start - 1
        while k >= 0 and self.tokens[k].tag_ == "POS":
            k -= 1
        person = self.unit_at.get(k) if k >= unit.start - 2 else None
        if person is not None and person.kind == "person":
            draft = self.unit_drafts.get(id(person))
            country = draft.country if draft is not None else None
        else:
            country = self.fallback_country(unit.start)
        if country and country != "IGO":
            self.country_draft(country, unit.name).mentions.append(self.chars(unit.start, unit.end))

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
        # "the former president", "the ex-minister": not the holder on the article's date (issue 11)
        past = any(self.folded[k] in NOT_CURRENT for k in range(unit.start, unit.end))
        if target is None and unit.explicit_country and unit.country and not past:
            office = self.kb.holder(title.role, unit.country, self.day)
            if office:
                key = fold(office.name)
                target = self.persons.get(key) or self.new_draft(
                    Draft(office.name, "person", office.country, office.sector, office.role, words=set(key.split())))
                self.persons[key] = target
        definite = self.tokens[unit.start].lower_ == "the" or any(
            t.tag_ == "POS" for t in self.tokens[unit.start:unit.end])
        country = unit.country if unit.explicit_country else None
        own_office = target is None and country is None and self.plain_office(unit)
        if own_office:
            # "the interior minister", "the governor": the office of the article's own state (issue 11)
            country = self.fallback_country(unit.start)
            office = self.kb.holder(title.role, country, self.day) if country and country != "IGO" and not past \
                else None
            if office:
                key = fold(office.name)
                target = self.persons.get(key) or self.new_draft(
                    Draft(office.name, "person", office.country, office.sector, office.role, words=set(key.split())))
                self.persons[key] = target
        if target is None and (definite and country and country != "IGO" or own_office) and title.role:
            # "Montenegro's prime minister", nobody the KB knows: the office holder, unnamed (and "the
            # prime minister" of an article that names no country: the office, of no country)
            key = f"{country or ''}|{fold(title.role)}" if not past else f"{country or ''}|{fold(unit.name)}"
            target = self.persons.get(key)
            if target is None:
                former = past and not any(self.folded[k] in ("incoming", "next", "future", "outgoing")
                                          for k in range(unit.start, unit.end))
                target = self.new_draft(Draft(self.span_text(unit.start, unit.end, drop_det=True), "person",
                                              country, title.sector, f"Former {title.role}" if former else title.role))
                self.persons[key] = target
        if target is not None:
            target.mentions.append(self.chars(unit.start, unit.end))
            self.note_person(unit.start, target)

    def plain_office(self, unit: Unit) -> bool:
        """ "the interior minister", "the new president", "the former governor": a definite title of a state
        sector with nothing before it but "the" and plain adjectives; not "the university's president", "its
        leader", "the Green leader", "the union leader" (someone else's office, or another sector's)."""
        title = unit.title
        if title is None or title.sector not in HOME_OFFICE_SECTORS or unit.title_span is None \
                or self.folded[unit.start] != "the":
            return False
        return all(self.folded[k] in NOT_CURRENT or self.folded[k] in PLAIN_ADJECTIVES or self.folded[k] == "new"
                   for k in range(unit.start + 1, unit.title_span[0]))

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
                ok = same_role(wanted, role)
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
            # "Sen. Jane Roe scolded him": "him" is not the subject, under any of its mentions
            first, last = clause_subject
            bound = {id(d) for i, d in candidates if first <= i <= last}
            candidates = [(i, d) for i, d in candidates if id(d) not in bound]
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

    def clause_subject(self, tok) -> Optional[tuple[int, int]]:
        """First and last token index of the subject, said or understood, of the pronoun's own clause
        (its words up to its head: "Democratic Sen. Jane Roe", whose person mention may start at any
        of them).  A clause without a subject of its own shares its head's ("X sacked Y and accused
        him", "X shut the channel, accusing it of …": him is not X), except that a "to" clause under
        a verb with an object has that object as its subject ("Trump told Pence to support him":
        Pence supports, so him is not Pence but may be Trump)."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for _ in range(4):
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child.left_edge.i, child.i
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.pos_ not in ("VERB", "AUX"):
                return None
            if verb.dep_ == "xcomp":
                controller = next((c for c in verb.head.children if c.dep_ in ("dobj", "dative")), None)
                if controller is not None:
                    return controller.left_edge.i, controller.i
            verb = verb.head
        return None

    def previous_sentence_start(self, sent) -> int:
        start = sent.start
        if start == 0:
            return 0
        prev = self.tokens[start - 1].sent
        return prev.start

    def country_draft(self, iso3: str, name: str) -> Draft:
        draft = self.countries.get(iso3)
        if draft is None:
            draft = self.new_draft(Draft(self.kb.country_name(iso3) or name, "country", iso3))
            self.countries[iso3] = draft
        return draft

    def new_draft(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        return draft

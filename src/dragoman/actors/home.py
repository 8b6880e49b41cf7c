"""Pass 2 of the actors stage: the article's home country (whose officials it
names with a bare title), from the body, with the dateline only as
confirmation; the source's own name and the dateline agency are not actors."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Optional

from dragoman.actors.evidence import is_us_state
from dragoman.actors.kb import Office, fold
from dragoman.actors.units import Unit
from dragoman.nlp.datelines import early_datelines


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Folded names of the world's first-level regions (pycountry) that only one country has."""
    import pycountry

    found: dict[str, set] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            found.setdefault(fold(sub.name), set()).add(pycountry.countries.get(alpha_2=sub.country_code).alpha_3)
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}


def region_country(name: str) -> Optional[str]:
    """ "Ontario" → CAN, "Balochistan" → PAK: the country of a first-level region named in a dateline."""
    return _regions().get(fold(name))


class HomeCountry:
    """The home-country methods of `ArticleResolver` (state lives there)."""

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
        """ "OUAGADOUGOU (Sahel Wire) -": the dateline's words are where the story was filed and who
        sent it, never an actor: not the agency (the knowledge base may know "PTI" as a party), not a
        city the NER calls an organisation or a person ("KARACHI:", "Muscat"), not the region
        ("ATLANTA, Georgia" names no Georgian). Run before any name is read."""
        found = self.dateline()
        if found is None:
            return
        first, end, _ = found
        if self.folded_span(first, end) not in self.kb.country_names:
            self.mark(first, end)  # not "Russia: Ukraine shelled …", a speaker's label as much as a place
        line = self.dateline_line
        for tok in self.tokens[end:]:
            if tok.idx >= line.end:
                break
            if line.region and line.region_start <= tok.idx < line.region_end:
                self.mark(tok.i, tok.i + 1)
            if tok.text == "(":
                close = next((t.i for t in self.tokens[tok.i + 1:tok.i + 8] if t.text == ")"), None)
                if close:
                    self.ignored_names.add(self.span_text(tok.i + 1, close))
                    self.mark(tok.i + 1, close)
                return

    def dateline(self) -> Optional[tuple[int, int, Optional[str]]]:
        """(first token, end token, country) of the dateline opening the story, or None.

        The shape is `nlp.datelines`' ("ISLAMABAD:", "NEW DELHI (PTI) -", "Muscat, Oman —"); the
        country comes from a region that names a country or a US state ("SPRINGFIELD, Ill."), else
        from the place as a capital, a country or a city the knowledge base knows. A line of that
        shape whose words are no place ("UPDATE:") is no dateline.
        """
        if self._dateline is not None:
            return self._dateline or None
        self._dateline = ()
        for line in early_datelines(self.doc.text):
            country = self.place_country(line.place, line.region)
            first = self.token_at(line.place_start)
            if country and first is not None:
                end = first
                while end < len(self.tokens) and self.tokens[end].idx < line.place_end:
                    end += 1
                self._dateline, self.dateline_line = (first, end, country), line
                break
        return self._dateline or None

    def place_country(self, place: str, region: Optional[str]) -> Optional[str]:
        """ "TBILISI, Georgia" is Georgian and "ATLANTA, Georgia", "ATHENS, Georgia" American: the place
        decides when the region can mean its country; otherwise a US state, a country or another
        country's first-level region ("LONDON, Ontario") decides."""
        key = fold(place)
        own = self.kb.country_capitals.get(key) or self.kb.country_names.get(key) or self.kb.cities.get(key)
        if not region:
            return own
        choices = [c for c in ("USA" if is_us_state(region) else None, self.kb.country_names.get(fold(region))) if c]
        if (not choices and own is None) or (own and own not in choices):
            choices += [c for c in (region_country(region),) if c]  # pycountry's regions load in ~0.8 s: only here
        if own in choices or not choices:
            return own
        return choices[0]

    def token_at(self, char: int) -> Optional[int]:
        """The token starting at a character offset, if one does."""
        i = bisect_left(self.tokens, char, key=lambda t: t.idx)
        return i if i < len(self.tokens) and self.tokens[i].idx == char else None

    def folded_span(self, a: int, b: int) -> str:
        return " ".join(self.folded[a:b])

    def dateline_country(self) -> Optional[str]:
        """The country of the story's dateline, if it has one."""
        found = self.dateline()
        return found[2] if found else None

    def dateline_index(self) -> Optional[int]:
        """Token index of the dateline's place, else None."""
        found = self.dateline()
        return found[0] if found else None

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
        return self.kb_office(unit.key if unit.key and not unit.key.startswith("org:") else unit.name)

    def kb_office(self, name: str) -> Optional[tuple[Office, bool]]:
        """The KB's office for a name on the article's date; a Phoenix one only where the article names its country.

        Why (issue 11): Phoenix's ~17,000 office holders have namesakes in the news (a Grenadian minister
        shares a US musician's name, and one such hit also moved the article's home). A namesake rarely
        comes with a mention of the office holder's country, while news naming a foreign official almost
        always names the country too; without it the name is treated as the KB did not know it.
        """
        office = self.kb.office_on(name, self.day)
        if office and office[0].source == "phoenix" and not self.country_named(office[0].country):
            return None
        return office

    def country_named(self, country: Optional[str]) -> bool:
        """The article names this country (its name, adjective, capital, metonym), or an IGO for "IGO"."""
        if country == "IGO":
            return any(u.kind == "organization" and u.country == "IGO" for u in self.units)
        return country in self.named_countries or any(u.kind == "country" and u.country == country
                                                      for u in self.units)

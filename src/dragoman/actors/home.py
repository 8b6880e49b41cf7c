"""Pass 2 of the actors stage: the article's home country (whose officials it
names with a bare title), from the body, with the dateline only as
confirmation; the source's own name and the dateline agency are not actors."""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from dragoman.actors.kb import Office, fold
from dragoman.actors.units import (Unit)


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

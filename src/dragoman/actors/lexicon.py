"""Finding knowledge-base phrases in a parsed article by dictionary look-up.

One table maps every folded phrase (country names, adjectives, capitals,
metonyms, organisation names, office holders' names, titles) to what it is.
Matching walks the tokens once, trying the longest phrase first; it folds each
token once, so the cost is a handful of dictionary probes per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from dragoman.actors.kb import KnowledgeBase, fold

#: What a phrase can be, in order of preference when one phrase is several things.
NAME_KINDS = ("org", "person", "country", "capital", "metonym", "adjective")


@dataclass(frozen=True)
class Entry:
    what: str  # org | person | country | capital | metonym | adjective | title
    value: Any  # Organization, folded person key, ISO3, or Title
    capitalised: bool  # the phrase as written starts with a capital letter
    exact: Optional[str] = None  # short acronyms ("US", "WHO") match only as written


@dataclass(frozen=True)
class Hit:
    start: int  # token index
    end: int  # token index, exclusive
    entry: Entry


class Lexicon:
    """Folded phrase → Entry tables, built once from the knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.names: dict[str, Entry] = {}
        self.titles: dict[str, Entry] = {}
        for org in kb.organizations.values():
            for name in [org.name, *org.aliases]:
                self._add_name(name, "org", org)
        for key, offices in kb.offices.items():
            for name in {offices[0].name, *(a for o in offices for a in o.aliases)}:
                self._add_name(name, "person", key)
        for key, person in kb.phoenix.items():  # names already folded, all capitalised; never replace
            entry = Entry("person", key, True)
            for name in person[3]:
                self.names.setdefault(name.removeprefix("the "), entry)
        for c in kb.countries.values():
            for kind, names in (("country", [c.name, *c.aliases]), ("capital", c.capitals),
                                ("metonym", c.metonyms), ("adjective", c.adjectives)):
                for name in names:
                    self._add_name(name, kind, c.iso3)
        for key, title in kb.titles.items():
            self.titles[key] = Entry("title", title, False)
        keys = [*self.names, *self.titles]  # folded: single spaces
        self.max_words = max(k.count(" ") for k in keys) + 1
        self.first_words = {k.partition(" ")[0] for k in keys}

    def _add_name(self, name: str, what: str, value: Any) -> None:
        key = fold(name).removeprefix("the ")
        exact = name if (name.isupper() and len(name.replace(".", "")) <= 5) else None
        entry = Entry(what, value, name[:1].isupper() or name[:1].isdigit(), exact)
        old = self.names.get(key)
        if old is None or NAME_KINDS.index(entry.what) < NAME_KINDS.index(old.what):
            self.names[key] = entry

    def scan(self, tokens: list, folded: list[str], spaces: list[bool], texts: list[str]) -> Iterator[tuple[str, Hit]]:
        """("name" | "title", Hit) for the longest phrases, left to right, not overlapping per table.

        ``spaces[i]`` says whether token i is followed by whitespace, ``texts[i]`` is its text.
        """
        n = len(tokens)
        name_until = title_until = 0
        for i in range(n):
            if folded[i] not in self.first_words:
                continue
            want_name, want_title = i >= name_until, i >= title_until
            if not (want_name or want_title):
                continue
            key = ""
            best_name = best_title = None
            for j in range(i, min(n, i + self.max_words)):
                key += folded[j]
                if want_name and key in self.names:
                    best_name = (j + 1, self.names[key])
                if want_title and key in self.titles:
                    best_title = (j + 1, self.titles[key])
                if spaces[j]:
                    key += " "
            if best_name:
                end, entry = best_name
                first = texts[i][:1]
                if entry.exact:
                    ok = "".join(texts[k] + (" " if spaces[k] and k < end - 1 else "") for k in range(i, end)) \
                        == entry.exact
                else:
                    ok = first.isupper() or first.isdigit() or not entry.capitalised
                if ok:
                    name_until = end
                    yield "name", Hit(i, end, entry)
            if best_title:
                end, entry = best_title
                title_until = end
                yield "title", Hit(i, end, entry)


def fold_tokens(texts: list[str]) -> list[str]:
    """Each token's text folded once (lower case, no accents, straight quotes)."""
    return [t.lower() if t.isascii() else fold(t) for t in texts]

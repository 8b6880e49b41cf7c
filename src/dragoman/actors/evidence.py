"""Evidence rules for actors: where a named actor's country may come from, and what is no actor.

Issue 11: a *named* person or organisation takes a country only from evidence
(a dated KB role, or an adjective, possessive, apposition or title in the
text), never from the dateline or a place the article is merely about. The
resolver (``resolve.py`` and its passes ``recognise.py``, ``home.py``, ``coreference.py``) calls the small functions here at the points where
it used to guess; each says which failure it prevents. The word lists live
in ``dragoman/data/actors/`` (``us_states.tsv``, ``treaty_words.txt``,
``not_actors.tsv``) and are checked by ``tests/test_actor_evidence.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from dragoman.actors.kb import fold, read_rows, read_word_list, split_list

#: Honorifics that say a person's gender; titles and pronouns are in units.py.
MALE_HONORIFICS = {"mr", "mr."}
FEMALE_HONORIFICS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame"}
NOT_ACTOR_MATCHES = {"name", "head"}


def data_dir() -> Path:
    return Path(str(resources.files("dragoman") / "data" / "actors"))


@dataclass(frozen=True)
class Lists:
    """The evidence word lists, loaded once per process."""

    us_states: frozenset  # folded state names and abbreviations without full stops
    us_state_names: frozenset  # folded full state names only ("minnesota", "new mexico")
    treaty_words: frozenset  # folded nouns: "protocol", "accords"
    not_actor_names: frozenset  # folded whole names, full stops removed
    not_actor_heads: frozenset  # folded last words (or last two words)
    org_name_words: frozenset  # folded words that make a name an organisation's: "foundation", "group"
    bloc_words: frozenset  # folded words of the names of bodies whose members are states: "union", "league"
    bloc_names: frozenset  # folded whole names of such bodies: "united nations"


def _key(text: str) -> str:
    """Folded, without full stops, hyphens kept: "Lt." → "lt", "N.Y." → "ny"."""
    return " ".join(fold(text).replace(".", " ").split())


def _squash(text: str) -> str:
    """Folded with full stops and spaces removed: "W. Va." → "wva", "N.Y." → "ny"."""
    return re.sub(r"[.\s]", "", fold(text))


@lru_cache(maxsize=1)
def lists() -> Lists:
    folder = data_dir()
    _, state_rows = read_rows(folder / "us_states.tsv")
    states, names_only = set(), set()
    for row in state_rows:
        states.add(_squash(row["name"]))
        names_only.add(fold(row["name"]))
        states.update(_squash(a) for a in split_list(row.get("abbreviations", "")))
    _, junk_rows = read_rows(folder / "not_actors.tsv")
    names = {_key(r["phrase"]) for r in junk_rows if r["match"] == "name"}
    heads = {_key(r["phrase"]) for r in junk_rows if r["match"] == "head"}
    blocs = read_word_list(folder / "member_blocs.txt")
    return Lists(frozenset(states), frozenset(names_only), frozenset(read_word_list(folder / "treaty_words.txt")),
                 frozenset(names), frozenset(heads), frozenset(read_word_list(folder / "org_name_words.txt")),
                 frozenset(b for b in blocs if not b.startswith("=")),
                 frozenset(b[1:] for b in blocs if b.startswith("=")))


def is_member_bloc(name: str) -> bool:
    """A body whose members are states ("European Union", "Arab League", "United Nations"): a country
    named right after it is a member, not its branch."""
    key = _key(name)
    found = lists()
    return key in found.bloc_names or any(w in found.bloc_words for w in key.split())


# ------------------------------------------------------------------ junk

def is_not_actor(name: str) -> bool:
    """True for names that are never persons or organisations: a venue, a newsroom label,
    "social media", a rank abbreviation alone, a law's name or a trade agreement's acronym.

    Why: spaCy tags "Centre Court" or "USMCA" as ORG and "Lt." as PERSON, and the title table
    reads "media" as a sector word; such spans became junk actors in real news (issue 11).
    """
    key = _key(re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.I))
    if not key:
        return False
    table = lists()
    if key in table.not_actor_names:
        return True
    words = key.split()
    if len(words) > 1 and (words[-1] in table.not_actor_heads or " ".join(words[-2:]) in table.not_actor_heads):
        return True
    return False


# ----------------------------------------------------- mislabelled people

def person_by_given_name(words: list[str], given_names) -> bool:
    """True for a name of two or three capitalised words that starts with a given name and holds no
    word of an organisation's name ("Vadim Krasikov", not "Maria Kowalczyk Foundation").

    Why: spaCy's small model tags many names from outside the English-speaking world ORG or GPE
    ("Vadim Krasikov" as an organisation); such a person lost his kind, his pronouns and his
    quotes. ``given_names`` is the coreference step's table of given names (``given_names.tsv``).
    """
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    folded = [fold(w) for w in words]
    return folded[0] in given_names and not any(w in lists().org_name_words for w in folded)


# ------------------------------------------------------------ treaties

def names_treaty(next_word: Optional[str]) -> bool:
    """True when the word after a place makes it a treaty's name ("Kyoto Protocol", "Minsk agreements").

    Why: the place in a treaty's name is no country mention; it made a US agency Japanese.
    """
    return next_word is not None and fold(next_word) in lists().treaty_words


# ------------------------------------------------------- US legislators

#: ", R-Texas," or "(D-N.Y.)" right after a name: party letter, dash, state.
_PARTY_STATE = re.compile(r"^\s*[(,]\s*([RDI])\s*[-–.]\s*([A-Z][A-Za-z. ]{0,24}?)\s*[),;]")
#: ", a Republican from Ohio" / "(Democrat of Vermont)".
_PARTY_OF_STATE = re.compile(r"^\s*[(,]\s*(?:an?\s+)?(?:Republican|Democrat|Democratic)\s+(?:senator\s+|"
                             r"representative\s+|congressman\s+|congresswoman\s+|lawmaker\s+)?(?:from|of)\s+"
                             r"([A-Z][A-Za-z. ]{0,24}?)\s*[),;.]")
#: "Senator X of Ohio": "of" and a state right after the name.
_OF_STATE = re.compile(r"^\s+of\s+([A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)\b")


def is_us_state(text: str) -> bool:
    return _squash(text) in lists().us_states


def is_us_state_name(text: str) -> bool:
    """A full state name ("Minnesota"), never an abbreviation: "Al" in "al-Shabaab" is no Alabama."""
    return fold(text) in lists().us_state_names


def us_party_state(after: str) -> bool:
    """True when the text right after a name is a US party-state tag ("(R-Ohio)", ", D-Vt.,").

    Why: such legislators were coded as citizens of the country the story was about.
    """
    match = _PARTY_STATE.match(after) or _PARTY_OF_STATE.match(after)
    return bool(match) and is_us_state(match.group(match.lastindex))


def us_state_of(after: str) -> bool:
    """True for "of <US state>" right after a name ("Senator Jane Roe of Ohio").

    "Georgia" is also a country: the caller accepts this only with a legislator's title.
    """
    match = _OF_STATE.match(after)
    return bool(match) and is_us_state(match.group(1))


#: Titles that a US state name before them makes American ("Ohio Senator", "Texas Gov.").
STATE_TITLES = {"senator", "sen", "representative", "rep", "congressman", "congresswoman", "governor", "gov",
                "lawmaker", "attorney general", "lieutenant governor", "lt gov", "state senator"}


#: Titles that only a US state, never a country, has "from/of" it ("a senator from Georgia"; a
#: lawmaker or attorney general from Georgia may be Georgian).
US_ONLY_TITLES = {"senator", "sen", "representative", "rep", "congressman", "congresswoman", "governor", "gov",
                  "lieutenant governor", "lt gov", "state senator"}


def is_us_only_title(title: str) -> bool:
    return _key(title) in US_ONLY_TITLES


def is_state_title(title: str) -> bool:
    """True for a legislator's or governor's title, the ones a US state name qualifies."""
    return _key(title) in STATE_TITLES


def us_state_before(words: list[str], title: str) -> bool:
    """True when a US state name stands right before a legislator's or governor's title.

    Only those titles: "Georgia Prime Minister" must stay Georgian.
    """
    if not is_state_title(title):
        return False
    for n in (2, 1):
        if len(words) >= n and is_us_state(" ".join(words[-n:])):
            return True
    return False


# -------------------------------------------------------------- gender

def honorific_gender(word: str) -> Optional[str]:
    """ "m" for Mr, "f" for Mrs/Ms/Miss, else None (given names are `Coreference.gender_of_given_name`)."""
    word = fold(word)
    if word in MALE_HONORIFICS:
        return "m"
    if word in FEMALE_HONORIFICS:
        return "f"
    return None

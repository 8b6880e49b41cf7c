"""What the actors stage works with inside one article: units (recognised
phrases), drafts (actors being built), the word lists the passes share, and
small helpers over tokens and dates.  Shared by the three passes
(`actors.recognise`, `actors.home`, `actors.coreference`)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Optional

from dragoman.actors.kb import Title, fold

#: Roles that make someone "the leader" of a country.
LEADER_ROLES = {"president", "prime minister", "king", "queen", "emir", "chancellor", "supreme leader",
                "leader", "head of state", "sultan", "premier", "crown prince", "junta leader"}
#: Adjectives that do not make a body generic ("the main opposition party").
PLAIN_ADJECTIVES = {"main", "ruling", "national", "federal", "state", "top", "senior", "official", "supreme",
                    "central", "interim", "new", "transitional", "foreign", "military", "royal", "presidential"}
#: A time or a party colours a state's government without making it another body ("the previous
#: Conservative government", "the outgoing administration"); only for state words ("government").
GOVERNMENT_ADJECTIVES = {"previous", "former", "elected", "outgoing", "incoming", "current", "caretaker", "civilian",
                         "conservative", "socialist", "liberal", "communist", "leftist", "nationalist"}
SEIZE_VERBS = {"seize", "take", "grab", "usurp", "assume"}  # "the officers who seized power"
DEMONSTRATIVES = {"this", "that", "these", "those", "such"}
#: Words that make a title someone's past or future office, not the one held on the article's date.
NOT_CURRENT = {"former", "ex", "late", "then", "outgoing", "incoming", "next", "future", "previous", "ousted",
               "deposed", "exiled", "erstwhile"}
#: Agent words for a gathering whose "of" phrase says who gathered ("a crowd of students": students).
COLLECTIVE_NOUNS = {"crowd", "crowds", "mob", "mobs", "band", "bands", "gang", "gangs"}
#: Plural agent words that, after "both" or "the two", name two actors the article names elsewhere.
PAIR_NOUNS = {"parties", "sides", "militaries", "governments", "armies"}
#: Numbers in words that name people by the count alone ("Thousands marched", "tens of thousands").
QUANTITY_WORDS = {"dozens", "scores", "hundreds", "thousands", "tens", "millions"}
MALE_WORDS = {"mr", "mr.", "he", "him", "his", "himself", "king", "spokesman", "congressman", "chairman", "prince",
              "emir", "sultan", "sheikh", "pope", "ayatollah", "imam", "rabbi"}
FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "she", "her", "hers", "herself", "queen", "spokeswoman",
                "congresswoman", "chairwoman", "princess"}
#: What a state body drives, holds or sits in: attacked or raided, it stands for the body.
FACILITY_NOUNS = frozenset({"convoy", "patrol", "post", "checkpoint", "station", "base", "barracks", "headquarters",
                            "outpost", "building", "compound", "vehicle", "truck", "helicopter", "jet", "aircraft",
                            "plane", "ship", "vessel", "boat", "position", "camp", "academy", "car", "tank", "warship",
                            "jeep", "barrack"})
#: Verbs whose object, a state body's facility, is the body attacked or coerced.
HOSTILE_VERBS = frozenset({"attack", "ambush", "bomb", "shell", "raid", "storm", "torch", "burn", "target", "hit",
                           "strike", "seize", "overrun", "besiege", "surround", "blockade", "occupy", "loot",
                           "ransack", "destroy", "capture", "ram", "sink", "down", "shoot", "blow", "stone",
                           "firebomb", "overwhelm", "invade", "encircle", "torpedo", "mortar", "rocket"})
#: "the government of national unity/accord/salvation": the "of" names the government, whatever the verb.
GOVERNMENT_NAME_WORDS = frozenset({"unity", "accord", "salvation", "consensus", "transition", "reconciliation",
                                   "concord", "union"})
#: Verbs whose object is followed by an "of" of their own ("accused the government of a cover-up"):
#: the parser often hangs that "of" on the object, which then looks like "the government of
#: national unity", a body of its own.
OF_FRAME_VERBS = frozenset({"accuse", "suspect", "convict", "acquit", "clear", "absolve", "rob", "deprive", "strip",
                            "warn", "inform", "remind", "notify", "relieve", "cure", "purge", "rid", "assure",
                            "persuade", "convince", "beg"})
#: Words of a street or square's name: a name with one is a place, never a person ("Avenida Paulista").
STREET_WORDS = {"avenue", "avenida", "street", "square", "plaza", "boulevard", "road", "prospekt", "piazza",
                "platz", "strasse", "calle", "rua", "maidan", "lane", "embankment"}
PLACE_NOUNS = {"region", "province", "border", "crossing", "river", "city", "town", "village", "territory", "area",
               "district", "strip", "valley", "state", "county", "island", "islands", "sea", "coast", "port"}
PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
SPEECH_VERBS = {"say", "add", "tell", "state", "declare", "write", "note", "insist", "warn", "stress", "claim",
                "argue", "explain", "announce", "comment", "reply", "respond", "continue", "conclude"}
#: Verbs whose object is the audience of what is said ("told reporters", "briefed journalists").
AUDIENCE_VERBS = {"tell", "brief", "address", "inform", "speak", "talk"}
DETERMINERS = {"the", "a", "an"}
INDEFINITE = {"a", "an", "another", "one", "any", "every", "each", "no", "some"}
LOCATIVE = {"in", "at", "inside", "outside", "near", "into", "from", "to", "toward", "towards"}
#: The members of LOCATIVE whose object is a place, never a person ("in X"; "at" and "into" take people:
#: "hit out at X", "tore into X"); "to"/"from" only after a verb of the mover's own going (MOTION_VERBS).
LOCATIVE_PREPOSITIONS = {"in", "inside", "outside", "near"}
MOTION_VERBS = {"fly", "travel", "go", "return", "arrive", "head", "move", "drive", "sail", "march", "flee",
                "retreat", "withdraw", "relocate"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
#: spaCy entities that are never actors however they are labelled.
JUNK_NAME = re.compile(r"^(?:[a-z].*|.*\d.*|\W+|.{1})$")



COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}


@dataclass
class Unit:
    """One recognised phrase, before it is tied to an actor."""

    kind: str  # country | person | organization | group | anonymous | description | pronoun | state
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
    weak_role: bool = False  # the role only says what a Phoenix code says: a title in the text wins



def inside_quotes(texts: list[str]) -> list[bool]:
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

def compass_base(name: Optional[str]) -> str:
    """ "South Korea" → "korea", "Sudan" → "sudan": a country name without its compass word."""
    return " ".join(w for w in fold(name or "").split() if w not in COMPASS_WORDS)

def cameo_actor_code(country: Optional[str], sector: Optional[str]) -> Optional[str]:
    """The CAMEO-style actor code: country then sector ("TURGOV"); "IGO" alone for an IGO."""
    if country == "IGO" and sector == "IGO":
        return "IGO"
    code = (country or "") + (sector or "")
    return code or None

def contains_run(longer: list[str], shorter: list[str]) -> bool:
    """Does ``shorter`` occur in ``longer`` as consecutive words?"""
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))

def same_role(a: Optional[str], b: Optional[str]) -> bool:
    a, b = fold(a or ""), fold(b or "")
    norm = lambda r: r.replace("defence", "defense").replace("secretary", "minister").replace("premier", "prime minister")
    return bool(a) and norm(a) == norm(b)

def parse_day(value: Optional[str]) -> Optional[_dt.date]:
    try:
        return _dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def is_speech_audience(tok) -> bool:
    """A bare plural noun that is only the listener of a statement: the object of
    "told"/"briefed", or the object of "to" after a speech verb ("said to reporters",
    "spoke to journalists")."""
    if tok.tag_ != "NNS":
        return False
    head = tok.head
    if tok.dep_ in ("dobj", "dative") and head.lemma_.lower() in AUDIENCE_VERBS:
        return True
    verb = head.head.lemma_.lower()
    return tok.dep_ == "pobj" and head.lower_ == "to" and (verb in SPEECH_VERBS or verb in AUDIENCE_VERBS)

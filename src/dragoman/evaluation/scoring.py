"""SPEC §4's reference scoring rules, as small pure functions over plain dicts.

``system`` is a coded document as ``Document.to_dict()`` gives it (an
article that could not be coded is :func:`empty_system`); ``gold`` is the
``gold`` object of a gold file.  Each ``score_*`` function returns the
counts of one document; :mod:`dragoman.evaluation.runner` adds them up and
turns the sums into scores with :func:`prf`.

Where SPEC §4 is silent the choice made is written in the docstring of the
function concerned (look for "Choice:").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Optional

import numpy as np

from dragoman.evaluation.matching import max_weight_matching
from dragoman.events.labels import UNDIRECTED_TYPES

WORD = re.compile(r"\w+")
CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})
ARTICLE = re.compile(r"^(?:a|an|the)\s+")
#: Gold place types that are not places named as places (GeoWebNews).
SKIPPED_PLACE_TYPES = {"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Coercion"}
DIRECT_AND_MIXED = ("direct", "mixed")
PLACE_RADIUS_KM = 161.0
EARTH_RADIUS_KM = 6371.0
#: Words removed from system speakers before comparing, and that make a gold speaker a pronoun.
PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "he him his himself she her hers herself it its itself they them their theirs themselves "
    "who whom whose which that this these those one".split())


# --- words and names -------------------------------------------------------

def words(text: Optional[str]) -> list[str]:
    """SPEC §4's words: ``re.findall(r"\\w+", text.lower())``."""
    return WORD.findall((text or "").lower())


def normalize_name(name: Optional[str]) -> str:
    """Lowercase, strip accents, fold curly quotes, drop a leading a/an/the, collapse spaces."""
    text = unicodedata.normalize("NFKD", (name or "").lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.translate(CURLY).split())
    return ARTICLE.sub("", text)


def prf(tp: float, fp: float, fn: float) -> dict:
    """Precision, recall, F1 from counts; 0.0 where a denominator is 0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def empty_system() -> dict:
    """The system output of an article that could not be coded."""
    return {"text": "", "title": None, "source": None, "media": [], "removed": [], "actors": [],
            "events": [], "quotes": [], "timexes": [], "places": []}


# --- body, removed lines, title/source/media -------------------------------

def score_body(system_text: str, gold_body: str) -> dict:
    """Per-document body precision and recall over word multisets.

    Choice: with no system words P is 0 (a skipped article is not free), with
    no gold words R is 1; both empty gives P = R = 1.
    """
    sys_words, gold_words = Counter(words(system_text)), Counter(words(gold_body))
    common = sum((sys_words & gold_words).values())
    n_sys, n_gold = sum(sys_words.values()), sum(gold_words.values())
    if not n_sys and not n_gold:
        return {"precision": 1.0, "recall": 1.0}
    return {"precision": common / n_sys if n_sys else 0.0,
            "recall": common / n_gold if n_gold else 1.0}


def score_removed(system_text: str, removed_lines: Iterable[str]) -> dict:
    """How many gold ``removed`` lines (stripped) occur nowhere in the system text.

    Choice: blank lines are not counted; the share is pooled over all lines of
    all documents (micro), so every line weighs the same.
    """
    lines = [line.strip() for line in removed_lines if line and line.strip()]
    return {"lines": len(lines), "removed": sum(1 for line in lines if line not in system_text)}


def _squash(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def score_exact(system_value: Optional[str], gold_value: Optional[str]) -> dict:
    """Title or source: right when equal after collapsing whitespace (an extra, not in SPEC)."""
    return {"documents": 1, "exact": int(_squash(system_value) == _squash(gold_value))}


def score_media(system_media: list[dict], gold_media: list[dict]) -> dict:
    """Media (an extra): (caption, credit) pairs equal after collapsing whitespace, one to one."""
    def key(m: dict) -> tuple[str, str]:
        return _squash(m.get("caption")), _squash(m.get("credit"))

    left = Counter(key(m) for m in system_media)
    gold = Counter(key(m) for m in gold_media)
    tp = sum((left & gold).values())
    return {"gold": len(gold_media), "system": len(system_media), "tp": tp}


# --- actors -----------------------------------------------------------------

def system_names(actor: dict) -> set[str]:
    """Normalised name and mention texts of a system actor."""
    names = {normalize_name(actor.get("name"))}
    names.update(normalize_name(m.get("text")) for m in actor.get("mentions") or [])
    names.discard("")
    return names


def gold_names(gold_actor: dict) -> set[str]:
    """Normalised name and aliases of a gold actor."""
    names = {normalize_name(gold_actor.get("name"))}
    names.update(normalize_name(a) for a in gold_actor.get("aliases") or [])
    names.discard("")
    return names


def actor_matches(system_actor: dict, gold_actor: dict) -> bool:
    """Name or a mention equals the gold name or an alias; countries agree where gold gives one."""
    country = gold_actor.get("country")
    if country and system_actor.get("country") != country:
        return False
    return bool(system_names(system_actor) & gold_names(gold_actor))


def score_actors(system_actors: list[dict], gold_actors: list[dict]) -> dict:
    """One-to-one actor matching; recall over non-country gold, precision over persons and organisations.

    Choice: the matching maximises the matched actors that count (gold actors
    whose kind is not ``country`` plus system actors of kind person or
    organization); a pair that counts neither way is not made.
    """
    gold_counted = [g.get("kind") != "country" for g in gold_actors]
    sys_counted = [s.get("kind") in ("person", "organization") for s in system_actors]
    weights = np.zeros((len(gold_actors), len(system_actors)))
    for i, g in enumerate(gold_actors):
        for j, s in enumerate(system_actors):
            if actor_matches(s, g):
                weights[i, j] = gold_counted[i] + sys_counted[j]
    pairs = max_weight_matching(weights)
    return {"gold": sum(gold_counted), "system": sum(sys_counted),
            "tp_gold": sum(1 for i, _ in pairs if gold_counted[i]),
            "tp_system": sum(1 for _, j in pairs if sys_counted[j])}


# --- events -----------------------------------------------------------------

@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (and Kosovo's user-assigned XKX)."""
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def is_country_code(name: str) -> bool:
    return len(name) == 3 and name.isascii() and name.isupper() and name in country_codes()


@dataclass(frozen=True)
class Party:
    """An event participant ready for matching: normalised names and country, or a bare country code."""

    names: frozenset = frozenset()
    country: Optional[str] = None
    code: Optional[str] = None  # gold only: a bare country code


def system_party(actor: Optional[dict]) -> Optional[Party]:
    """A system actor as a Party; None stays None (no actor)."""
    if actor is None:
        return None
    return Party(frozenset(system_names(actor)), actor.get("country"))


def gold_party(name: Optional[str], gold_actors: list[dict]) -> Optional[Party]:
    """What a gold event participant stands for: None, a bare country code, or a gold actor.

    Choice: a name is looked up among the gold actors by name, then by alias
    (for its aliases and country); a name listed nowhere matches by itself.
    Three capital letters form a bare country code when they are an ISO
    alpha-3 code and not the name or alias of a gold actor.
    """
    if name is None or not str(name).strip():
        return None
    key = normalize_name(name)
    for actor in gold_actors:
        if normalize_name(actor.get("name")) == key:
            return Party(frozenset(gold_names(actor)), actor.get("country"))
    for actor in gold_actors:
        if any(normalize_name(a) == key for a in actor.get("aliases") or []):
            return Party(frozenset(gold_names(actor)), actor.get("country"))
    if is_country_code(name):
        return Party(code=name)
    return Party(frozenset({key}))


def party_matches(system: Optional[Party], gold: Optional[Party]) -> bool:
    """A system participant against a gold one (SPEC §4: name or alias, country; or bare code).

    Choice: a missing actor or recipient (None) matches only a missing one; a
    system id that names no actor matches nothing.
    """
    if gold is None or system is None:
        return gold is None and system is None
    if gold.code:
        return system.country == gold.code
    if gold.country and system.country != gold.country:
        return False
    return bool(system.names & gold.names)


def event_triples(event_type: str, actors: list, recipients: list) -> list[tuple[str, object, object, bool]]:
    """The triples ``(type, a, b, directed)`` of one event (SPEC §4), without repeats.

    Directed types give (type, actor, recipient) over both lists, recipient
    None where there is none.  CONSULT, COOPERATE and reciprocal events
    (several actors, no recipient) give unordered pairs: actor–recipient with
    recipients, else every pair of actors; a single participant gives
    (type, p, None).  Choice: a directed event without actors gives
    (type, None, recipient); one without any participant gives
    (type, None, None).  Participants are compared by identity: callers pass
    hashable keys.
    """
    actors = list(dict.fromkeys(actors))
    recipients = list(dict.fromkeys(recipients))
    undirected = event_type in UNDIRECTED_TYPES or (len(actors) >= 2 and not recipients)
    if not undirected:
        return [(event_type, a, r, True) for a in actors or [None] for r in recipients or [None]]
    if recipients:
        pairs = [(a, r) for a in actors or [None] for r in recipients]
    elif len(actors) >= 2:
        pairs = list(combinations(actors, 2))
    else:
        pairs = [(actors[0] if actors else None, None)]
    seen, out = set(), []
    for a, b in pairs:
        key = frozenset((a, b))
        if key not in seen:
            seen.add(key)
            out.append((event_type, a, b, False))
    return out


def triples_match(system: tuple, gold: tuple) -> bool:
    """Same type and participants (Parties); either order when either triple is undirected."""
    s_type, sa, sb, s_directed = system
    g_type, ga, gb, g_directed = gold
    if s_type != g_type:
        return False
    if party_matches(sa, ga) and party_matches(sb, gb):
        return True
    if s_directed and g_directed:
        return False
    return party_matches(sa, gb) and party_matches(sb, ga)


def triples_by_event(events: list[dict]) -> list[tuple[int, tuple]]:
    """(index of its event, triple) for every triple of ``events``: the owner is kept
    so matched triples lead back to their events (dates, places, types)."""
    return [(n, triple) for n, event in enumerate(events)
            for triple in event_triples(event.get("type"), event.get("actors") or [], event.get("recipients") or [])]


def score_events(system: dict, gold_events: list[dict], gold_actors: list[dict]) -> dict:
    """Triples matched one to one, most required first, then most optional.

    TP = matched required, FN = unmatched required, FP = system triples
    matched to nothing (those matched to optional gold count neither way).
    """
    parties = {a.get("id"): system_party(a) for a in system.get("actors") or []}
    unknown = Party()  # an id that names no actor: matches nothing
    gold_parties: dict = {}

    def resolve_sys(actor_id):
        return None if actor_id is None else parties.get(actor_id, unknown)

    def resolve_gold(name):
        if name not in gold_parties:
            gold_parties[name] = gold_party(name, gold_actors)
        return gold_parties[name]

    system_events = system.get("events") or []
    sys_owned = triples_by_event(system_events)
    gold_owned = triples_by_event(gold_events)
    sys_owner = [n for n, _t in sys_owned]
    gold_owner = [n for n, _t in gold_owned]
    sys_triples = [(t, resolve_sys(a), resolve_sys(b), d) for _n, (t, a, b, d) in sys_owned]
    gold_triples = [((t, resolve_gold(a), resolve_gold(b), d), bool(gold_events[n].get("optional")))
                    for n, (t, a, b, d) in gold_owned]
    n_optional = sum(1 for _, optional in gold_triples if optional)
    required_weight = n_optional + 1  # one required match outweighs every optional one
    weights = np.zeros((len(gold_triples), len(sys_triples)))
    for i, (g, optional) in enumerate(gold_triples):
        for j, s in enumerate(sys_triples):
            if triples_match(s, g):
                weights[i, j] = 1 if optional else required_weight
    pairs = max_weight_matching(weights)
    required = sum(1 for _, optional in gold_triples if not optional)
    tp = sum(1 for i, _ in pairs if not gold_triples[i][1])
    counts = {"gold_required": required, "gold_optional": n_optional, "system": len(sys_triples),
              "tp": tp, "fn": required - tp, "fp": len(sys_triples) - len(pairs),
              "matched_optional": len(pairs) - tp}
    counts.update(_per_type_counts(sys_triples, gold_triples, pairs))
    counts.update(_anchor_counts([(gold_events[gold_owner[i]], system_events[sys_owner[j]])
                                  for i, j in pairs if not gold_triples[i][1]]))
    return counts


def _per_type_counts(sys_triples: list, gold_triples: list, pairs: list) -> dict:
    """``tp:TYPE``, ``fp:TYPE``, ``fn:TYPE`` over triples, as the totals count them."""
    out: Counter = Counter()
    matched_sys = {j for _i, j in pairs}
    matched_gold = {i for i, _j in pairs}
    for i, (g, optional) in enumerate(gold_triples):
        if not optional:
            out[f"{'tp' if i in matched_gold else 'fn'}:{g[0]}"] += 1
    for j, s in enumerate(sys_triples):
        if j not in matched_sys:
            out[f"fp:{s[0]}"] += 1
    return dict(out)


def date_matches(system_date: Optional[str], gold_date: str) -> bool:
    """The system's date says what the gold's does: same day, or the gold's
    month or year when the gold is coarser."""
    return bool(system_date) and str(system_date).startswith(str(gold_date))


def location_matches(system_location: Optional[dict], gold_location) -> bool:
    """Same place name (either containing the other, case and punctuation aside)."""
    if not system_location:
        return False
    gold_name = gold_location.get("name") if isinstance(gold_location, dict) else gold_location
    a, b = normalize_name(system_location.get("name")), normalize_name(gold_name)
    return bool(a and b) and (a in b or b in a)


def _anchor_counts(matched: list[tuple[dict, dict]]) -> dict:
    """Date and location accuracy over matched events (each gold–system pair once)."""
    out: Counter = Counter()
    seen = set()
    for gold, system in matched:
        key = (id(gold), id(system))
        if key in seen:
            continue
        seen.add(key)
        if gold.get("date"):
            out["date_gold"] += 1
            right = int(date_matches(system.get("date"), gold["date"]))
            out["date_correct"] += right
            source = system.get("date_source") or "none"  # SPEC §2 date_source
            out[f"date_gold@{source}"] += 1
            out[f"date_correct@{source}"] += right
        if gold.get("location"):
            right = int(location_matches(system.get("location"), gold["location"]))
            out["location_gold"] += 1
            out["location_correct"] += right
            source = (system.get("location") or {}).get("source") or "none"  # SPEC §2 location.source
            out[f"location_gold@{source}"] += 1
            out[f"location_correct@{source}"] += right
    return dict(out)


def score_event_type(system: dict, gold_events: list[dict]) -> dict:
    """Sentence-level type accuracy: the gold type is among the system's event types.

    Choice: with several gold events, any of their types counts.
    """
    system_types = {e.get("type") for e in system.get("events") or []}
    gold_types = {e.get("type") for e in gold_events}
    return {"documents": 1, "correct": int(bool(system_types & gold_types))}


# --- quotes -----------------------------------------------------------------

def overlap(a: str, b: str) -> float:
    """|common words| / words of the shorter (common words counted as a multiset)."""
    return _overlap(_Bag(words(a)), _Bag(words(b)))


class _Bag:
    """The words of a quote, counted once, for fast overlaps."""

    __slots__ = ("words", "counts", "size")

    def __init__(self, word_list: list[str]):
        self.words = word_list
        self.counts = Counter(word_list)
        self.size = len(word_list)


def _overlap(a: _Bag, b: _Bag) -> float:
    shorter = min(a.size, b.size)
    if not shorter:
        return 0.0
    small, large = (a.counts, b.counts) if len(a.counts) <= len(b.counts) else (b.counts, a.counts)
    common = sum(min(n, large[w]) for w, n in small.items() if w in large)
    return common / shorter


def match_quotes(system_texts: list[str], gold_texts: list[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold, system) at overlap ≥ 0.5: equal texts first, then highest overlap.

    Choice: "equal texts" means equal word sequences; ties keep gold order,
    then system order.
    """
    return _match_bags([_Bag(words(t)) for t in system_texts], [_Bag(words(t)) for t in gold_texts])


def _match_bags(system: list[_Bag], gold: list[_Bag]) -> list[tuple[int, int]]:
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            score = _overlap(g, s)
            if score >= 0.5:
                candidates.append((-(g.words == s.words), -score, i, j))
    candidates.sort()
    used_gold, used_sys, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i not in used_gold and j not in used_sys:
            used_gold.add(i)
            used_sys.add(j)
            pairs.append((i, j))
    return pairs


def is_pronoun_speaker(gold_quote: dict) -> bool:
    """Gold flags it (``speaker_pronoun``), or every word of the speaker is a pronoun."""
    if gold_quote.get("speaker_pronoun"):
        return True
    speaker_words = words(normalize_name(gold_quote.get("speaker")))
    return bool(speaker_words) and all(w in PRONOUNS for w in speaker_words)


def system_speaker_word_sets(quote: dict, by_id: dict) -> list[set[str]]:
    """Word sets of the system speaker: its actor's name, each mention, ``speaker_text``; pronouns removed."""
    texts = [quote.get("speaker_text")]
    actor = by_id.get(quote.get("speaker")) if quote.get("speaker") else None
    if actor:
        texts.append(actor.get("name"))
        texts.extend(m.get("text") for m in actor.get("mentions") or [])
    sets = [set(words(normalize_name(t))) - PRONOUNS for t in texts if t]
    return [s for s in sets if s]


def gold_speaker_word_sets(gold_quote: dict, gold_actors: list[dict]) -> list[set[str]]:
    """Word sets of the gold speaker and, where it is a listed gold actor, of its name and aliases."""
    speaker = gold_quote.get("speaker")
    texts = [speaker]
    key = normalize_name(speaker)
    for actor in gold_actors:
        if key in gold_names(actor):
            texts.append(actor.get("name"))
            texts.extend(actor.get("aliases") or [])
            break
    sets = [set(words(normalize_name(t))) for t in texts if t]
    return [s for s in sets if s]


def speaker_right(quote: dict, by_id: dict, gold_quote: dict, gold_actors: list[dict]) -> bool:
    """The system speaker's words contain or are contained in the gold speaker's (or an alias's)."""
    gold_sets = gold_speaker_word_sets(gold_quote, gold_actors)
    return any(s <= g or g <= s for s in system_speaker_word_sets(quote, by_id) for g in gold_sets)


def score_quotes(system: dict, gold_quotes: list[dict], gold_actors: list[dict],
                 kinds: Optional[tuple[str, ...]] = None) -> dict:
    """Quote TP/FP/FN and speaker accuracy, over all gold quotes or those of ``kinds``.

    With ``kinds``, system quotes are matched against the gold quotes of
    those kinds; a system quote left unmatched that overlaps (≥ 0.5) a gold
    quote of another kind counts neither way.  Choice: the system's own
    ``kind`` plays no part (the subset is a gold subset).
    """
    sys_quotes = system.get("quotes") or []
    by_id = {a.get("id"): a for a in system.get("actors") or []}
    chosen = [g for g in gold_quotes if kinds is None or g.get("kind") in kinds]
    others = [g for g in gold_quotes if kinds is not None and g.get("kind") not in kinds]
    sys_bags = [_Bag(words(q.get("text"))) for q in sys_quotes]
    pairs = _match_bags(sys_bags, [_Bag(words(g.get("text"))) for g in chosen])
    matched_sys = {j for _, j in pairs}
    other_bags = [_Bag(words(g.get("text"))) for g in others]
    neutral = sum(1 for j, bag in enumerate(sys_bags) if j not in matched_sys
                  and any(_overlap(bag, other) >= 0.5 for other in other_bags))
    speaker_total = speaker_correct = 0
    for i, j in pairs:
        g = chosen[i]
        if not (g.get("speaker") or "").strip() or is_pronoun_speaker(g):
            continue
        speaker_total += 1
        speaker_correct += speaker_right(sys_quotes[j], by_id, g, gold_actors)
    return {"gold": len(chosen), "system": len(sys_quotes) - neutral, "tp": len(pairs),
            "fp": len(sys_quotes) - len(pairs) - neutral, "fn": len(chosen) - len(pairs),
            "neutral": neutral, "speaker_total": speaker_total, "speaker_correct": speaker_correct}


# --- timexes and places -----------------------------------------------------

def _contains_either_way(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def score_timexes(system_timexes: list[dict], gold_timexes: list[dict]) -> dict:
    """Recall: a gold timex is reproduced by a system timex of the same value whose text contains or is in it.

    Choice: texts are compared after name normalisation (lowercase, accents,
    quotes, spaces); not one to one (SPEC does not ask it), so one system
    timex may reproduce repeats of the same expression.
    """
    counted = [g for g in gold_timexes if g.get("calendar", True) is not False]
    system = [(t.get("value"), normalize_name(t.get("text"))) for t in system_timexes]
    reproduced = 0
    for g in counted:
        text = normalize_name(g.get("text"))
        if any(value == g.get("value") and _contains_either_way(s_text, text) for value, s_text in system):
            reproduced += 1
    return {"gold": len(counted), "skipped": len(gold_timexes) - len(counted),
            "reproduced": reproduced, "system": len(system_timexes)}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def system_places(system: dict) -> list[dict]:
    """Places the system named: ``places`` and every event ``location``."""
    out = list(system.get("places") or [])
    out.extend(e["location"] for e in system.get("events") or [] if e.get("location"))
    return out


def place_reproduced(place: dict, gold_place: dict) -> bool:
    """Same name or text, and within 161 km.

    Choice: the system's name and text are each compared with the gold
    text and gold ``name`` (if any), after name normalisation; a system place
    without coordinates reproduces nothing; a gold place without coordinates
    needs the name only.
    """
    gold_keys = {normalize_name(gold_place.get(k)) for k in ("text", "name")} - {""}
    sys_keys = {normalize_name(place.get(k)) for k in ("text", "name")} - {""}
    if not gold_keys & sys_keys:
        return False
    if gold_place.get("lat") is None or gold_place.get("lon") is None:
        return True
    if place.get("lat") is None or place.get("lon") is None:
        return False
    distance = haversine_km(place["lat"], place["lon"], gold_place["lat"], gold_place["lon"])
    return distance <= PLACE_RADIUS_KM


def score_places(system: dict, gold_places: list[dict]) -> dict:
    """Recall over gold places named as places (GeoWebNews non-literal types skipped).

    Choice: not one to one (SPEC does not ask it), like timexes.
    """
    counted = [g for g in gold_places if g.get("type") not in SKIPPED_PLACE_TYPES]
    places = system_places(system)
    reproduced = sum(1 for g in counted if any(place_reproduced(p, g) for p in places))
    return {"gold": len(counted), "skipped": len(gold_places) - len(counted),
            "reproduced": reproduced, "system": len(places)}

"""`dragoman eval`: SPEC §4's scoring rules on tiny hand-made gold/system pairs.

Every expected number below was worked out by hand from the rule it tests;
the comments show the arithmetic.  The texts are invented for these tests.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest

from dragoman.evaluation import scoring
from dragoman.evaluation.gold import GoldError, find_gold_files, read_gold
from dragoman.evaluation.matching import max_weight_matching
from dragoman.evaluation.runner import Totals, evaluate, score_file
from dragoman.model import Document

DATA = Path(__file__).resolve().parent / "data" / "eval"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


# --- words and names --------------------------------------------------------

def test_words_follow_the_reference_regex():
    assert scoring.words("Don't STOP—now, 2024!") == ["don", "t", "stop", "now", "2024"]


def test_names_are_normalised_before_comparing():
    assert scoring.normalize_name("  The  Élysée ‘Palace’ ") == "elysee 'palace'"
    assert scoring.normalize_name("An Official") == "official"
    assert scoring.normalize_name("Theodore Roosevelt") == "theodore roosevelt"  # "The" only as a word


# --- matching ---------------------------------------------------------------

def _best_total(w: np.ndarray) -> float:
    n = max(w.shape)
    square = np.zeros((n, n))
    square[: w.shape[0], : w.shape[1]] = w
    return max(sum(square[i, p[i]] for i in range(n)) for p in itertools.permutations(range(n)))


def test_matching_is_optimal_and_one_to_one_on_small_random_problems():
    rng = np.random.default_rng(7)
    for _ in range(200):
        rows, cols = rng.integers(1, 6, size=2)
        w = rng.integers(0, 4, size=(rows, cols)) * (rng.random((rows, cols)) < 0.6)
        pairs = max_weight_matching(w)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        assert all(w[r, c] > 0 for r, c in pairs)
        assert sum(w[r, c] for r, c in pairs) == _best_total(w)


def test_matching_of_nothing_is_empty():
    assert max_weight_matching(np.zeros((0, 3))) == []
    assert max_weight_matching(np.zeros((2, 2))) == []


# --- body and removed lines -------------------------------------------------

def test_body_precision_recall_averaged_over_documents():
    # doc 1: system the×2 cat sat on mat (6 words), gold the cat sat (3): ∩ 3 → P 3/6, R 3/3
    # doc 2: system a b (2), gold a c d e (4): ∩ 1 → P 1/2, R 1/4
    # averages P 0.5, R 0.625; F1 = 2·0.5·0.625 / 1.125 = 0.5556
    assert scoring.score_body("The cat sat on the mat.", "the cat sat") == {"precision": 0.5, "recall": 1.0}
    totals = Totals()
    totals.add({"body": scoring.score_body("The cat sat on the mat.", "the cat sat")})
    totals.add({"body": scoring.score_body("a b", "a c d e")})
    body = totals.summary()["body"]
    assert body["documents"] == 2
    assert body["precision"] == pytest.approx(0.5)
    assert body["recall"] == pytest.approx(0.625)
    assert body["f1"] == pytest.approx(0.5 * 0.625 * 2 / 1.125)


def test_body_of_a_skipped_article_scores_zero():
    assert scoring.score_body("", "some gold words") == {"precision": 0.0, "recall": 0.0}


def test_removed_share_counts_stripped_lines_absent_from_the_text():
    text = "The mayor opened the bridge.\nMore pictures below."
    # "Photo: Staff" is absent (removed), "More pictures below." is still there, the blank line is ignored
    counts = scoring.score_removed(text, ["  Photo: Staff ", "More pictures below.", "   "])
    assert counts == {"lines": 2, "removed": 1}
    totals = Totals()
    totals.add({"removed": counts})
    totals.add({"removed": scoring.score_removed("", ["Share this"])})  # empty output: 1 of 1 absent
    assert totals.summary()["removed"]["share"] == pytest.approx(2 / 3)


def test_title_source_and_media_are_exact_matches():
    assert scoring.score_exact("Harbour  Post", "Harbour Post") == {"documents": 1, "exact": 1}
    assert scoring.score_exact(None, "Harbour Post")["exact"] == 0
    media = scoring.score_media([{"caption": "A pier", "credit": "Staff"}, {"caption": "A boat", "credit": None}],
                                [{"caption": "A pier", "credit": "Staff"}])
    assert media == {"gold": 1, "system": 2, "tp": 1}


# --- actors -----------------------------------------------------------------

GOLD_ACTORS = [
    {"name": "Ana Souza", "kind": "person", "country": "BRA", "aliases": ["Souza"]},
    {"name": "Foreign Ministry", "kind": "organization", "country": "BRA", "aliases": ["the ministry"]},
    {"name": "Brazil", "kind": "country", "country": "BRA", "aliases": ["Brazilian"]},
    {"name": "Luis Prado", "kind": "person", "country": None, "aliases": ["Prado"]},
]


def _actor(aid, name, kind, country=None, mentions=()):
    return {"id": aid, "name": name, "kind": kind, "country": country,
            "mentions": [{"start": 0, "end": 0, "text": m} for m in mentions]}


def test_actors_one_to_one_with_countries_and_counted_kinds():
    system = [
        _actor("a1", "Ana Souza", "person", "BRA"),                 # matches Ana Souza
        _actor("a2", "ministry", "organization", "BRA", ["the ministry"]),  # "ministry" = alias "the ministry"
        _actor("a3", "Brazil", "country", "BRA"),                   # counts neither way
        _actor("a4", "Prado", "person", "ARG", ["Luis Prado"]),     # gold gives no country: any country
        _actor("a5", "Souza", "person", "PRT"),                     # wrong country
        _actor("a7", "Ana Souza", "person", "BRA"),                 # Ana is taken (one to one)
    ]
    counts = scoring.score_actors(system, GOLD_ACTORS)
    # gold counted: Ana, ministry, Luis = 3 (Brazil is a country); system counted: a1 a2 a4 a5 a7 = 5
    assert counts == {"gold": 3, "system": 5, "tp_gold": 3, "tp_system": 3}
    totals = Totals()
    totals.add({"actors": counts})
    summary = totals.summary()["actors"]
    assert summary["precision"] == pytest.approx(3 / 5)
    assert summary["recall"] == pytest.approx(1.0)


# --- events -----------------------------------------------------------------

EVENT_ACTORS = [
    {"name": "Ana Souza", "kind": "person", "country": "BRA", "aliases": ["Souza"]},
    {"name": "Luis Prado", "kind": "person", "aliases": ["Prado"]},
]
SYSTEM_ACTORS = [
    _actor("s1", "Ana Souza", "person", "BRA"),
    _actor("s2", "Luis Prado", "person", "ARG"),
    _actor("s3", "Argentina", "country", "ARG"),
    _actor("s4", "Brazil", "country", "BRA"),
]


def _system(*events):
    return {"actors": SYSTEM_ACTORS,
            "events": [{"type": t, "actors": list(a), "recipients": list(r)} for t, a, r in events]}


def test_event_triples_directed_undirected_and_reciprocal():
    assert scoring.event_triples("ACCUSE", ["x"], ["y", "z"]) == [("ACCUSE", "x", "y", True), ("ACCUSE", "x", "z", True)]
    assert scoring.event_triples("ACCUSE", ["x"], []) == [("ACCUSE", "x", None, True)]
    assert scoring.event_triples("CONSULT", ["x", "y"], ["z"]) == [("CONSULT", "x", "z", False), ("CONSULT", "y", "z", False)]
    # reciprocal: several actors and no recipient → unordered pairs among the actors
    assert scoring.event_triples("AGREE", ["x", "y", "z"], []) == [
        ("AGREE", "x", "y", False), ("AGREE", "x", "z", False), ("AGREE", "y", "z", False)]
    assert scoring.event_triples("COOPERATE", ["x"], []) == [("COOPERATE", "x", None, False)]
    assert scoring.event_triples("ASSAULT", [], ["y"]) == [("ASSAULT", None, "y", True)]


def test_events_tp_fp_fn_with_optional_triples_and_bare_country_codes():
    gold_events = [
        {"type": "CONSULT", "actors": ["Ana Souza"], "recipients": ["Luis Prado"]},   # required 1
        {"type": "ACCUSE", "actors": ["ARG"], "recipients": ["Ana Souza"]},           # required 2
        {"type": "AGREE", "actors": ["BRA", "ARG"], "recipients": []},                # required 3 (reciprocal)
        {"type": "THREATEN", "actors": ["Luis Prado"], "recipients": ["BRA", "CHL"], "optional": True},  # 2 optional
        {"type": "ASSAULT", "actors": [], "recipients": ["Ana Souza"]},               # required 4
    ]
    system = _system(
        ("CONSULT", ["s2"], ["s1"]),      # TP: undirected, either order
        ("ACCUSE", ["s1"], ["s3"]),       # FP: directed, reversed
        ("AGREE", ["s3", "s4"], []),      # TP: reciprocal {ARG, BRA} matches {BRA, ARG}
        ("THREATEN", ["s2"], ["s4"]),     # matches an optional triple: neither TP nor FP
        ("THREATEN", ["s2"], ["s4"]),     # the same again: the optional (Prado, BRA) is taken → FP
        ("ASSAULT", [], ["s1"]),          # TP: no actor on either side
    )
    counts = scoring.score_events(system, gold_events, EVENT_ACTORS)
    totals_only = {k: v for k, v in counts.items() if ":" not in k}
    assert totals_only == {"gold_required": 4, "gold_optional": 2, "system": 6,
                           "tp": 3, "fn": 1, "fp": 2, "matched_optional": 1}
    # per type, the same counting: ACCUSE found reversed is one FN and one FP
    assert (counts["tp:CONSULT"], counts.get("fn:CONSULT", 0)) == (1, 0)
    assert (counts["fn:ACCUSE"], counts["fp:ACCUSE"]) == (1, 1)
    assert counts["fp:THREATEN"] == 1
    totals = Totals()
    totals.add({"events": counts})
    summary = totals.summary()["events"]
    assert summary["precision"] == pytest.approx(3 / 5)  # TP / (TP + FP)
    assert summary["recall"] == pytest.approx(3 / 4)


def test_directed_system_triple_matches_reciprocal_gold_in_either_order():
    gold_events = [{"type": "AGREE", "actors": ["BRA", "ARG"], "recipients": []}]
    counts = scoring.score_events(_system(("AGREE", ["s3"], ["s4"])), gold_events, EVENT_ACTORS)
    assert (counts["tp"], counts["fp"], counts["fn"]) == (1, 0, 0)


def test_event_names_need_the_gold_country_and_codes_need_the_system_country():
    gold_events = [{"type": "SUPPORT", "actors": ["Souza"], "recipients": ["ARG"]}]
    wrong_country = {"actors": [_actor("x1", "Ana Souza", "person", "PRT"), SYSTEM_ACTORS[2]],
                     "events": [{"type": "SUPPORT", "actors": ["x1"], "recipients": ["s3"]}]}
    assert scoring.score_events(wrong_country, gold_events, EVENT_ACTORS)["tp"] == 0
    # an alias in the event finds the gold actor; any actor of ARG (here a person) meets the code
    assert scoring.score_events(_system(("SUPPORT", ["s1"], ["s2"])), gold_events, EVENT_ACTORS)["tp"] == 1


def test_event_matching_prefers_required_triples_and_is_optimal():
    # the optional gold triple comes first, yet the only system triple goes to the required one
    gold_events = [{"type": "SUPPORT", "actors": ["Ana Souza"], "recipients": ["Luis Prado"], "optional": True},
                   {"type": "SUPPORT", "actors": ["Ana Souza"], "recipients": ["ARG"]}]
    counts = scoring.score_events(_system(("SUPPORT", ["s1"], ["s2"])), gold_events, EVENT_ACTORS)
    assert (counts["tp"], counts["fp"], counts["fn"], counts["matched_optional"]) == (1, 0, 0, 0)
    # greedy first-fit would pair (s1,s2) with the first required triple and leave (s1,s3) unmatched
    gold_events = [{"type": "SUPPORT", "actors": ["Ana Souza"], "recipients": ["ARG"]},
                   {"type": "SUPPORT", "actors": ["Ana Souza"], "recipients": ["Luis Prado"]}]
    counts = scoring.score_events(_system(("SUPPORT", ["s1"], ["s2"]), ("SUPPORT", ["s1"], ["s3"])),
                                  gold_events, EVENT_ACTORS)
    assert (counts["tp"], counts["fp"], counts["fn"]) == (2, 0, 0)


def test_sentence_level_type_accuracy():
    gold_events = [{"type": "PROTEST", "actors": ["farmers"], "recipients": ["CHL"]}]
    assert scoring.score_event_type(_system(("ACCUSE", [], []), ("PROTEST", [], [])), gold_events)["correct"] == 1
    assert scoring.score_event_type({"events": []}, gold_events)["correct"] == 0


# --- quotes -----------------------------------------------------------------

QUOTE_ACTORS = [{"name": "Ana Souza", "kind": "person", "aliases": ["Souza"]},
                {"name": "Foreign Ministry", "kind": "organization", "aliases": ["the ministry"]}]
GOLD_QUOTES = [
    {"speaker": "Ana Souza", "text": "We will not give up the northern valley", "kind": "direct"},
    {"speaker": "Luis Prado", "text": "the talks had stalled over water rights", "kind": "indirect"},
    {"speaker": "he", "speaker_pronoun": True, "text": "the offer was “a trap” for farmers", "kind": "mixed"},
    {"speaker": "the Foreign Ministry", "text": "Nobody asked the farmers what they want", "kind": "direct"},
]


def _quotes_system():
    return {"actors": [_actor("s1", "Ana Souza", "person")],
            "quotes": [
                {"text": "We will not give up the northern valley", "speaker": "s1"},   # = gold 1, right speaker
                {"text": "talks had stalled", "speaker_text": "he"},                    # 3/3 of gold 2; pronoun only
                {"text": "the offer was a trap", "speaker_text": "she"},                # 5/5 of gold 3 (pronoun gold)
                {"text": "Nobody asked the farmers", "speaker_text": "ministry"},       # 4/4 of gold 4; in alias
                {"text": "completely unrelated words here", "speaker": "s1"},           # nothing
                {"text": "We will not give up the northern valley", "speaker": "s1"},   # gold 1 already taken
            ]}


def test_quote_overlap_is_common_words_over_the_shorter():
    assert scoring.overlap("Nobody asked the farmers", "Nobody asked the farmers what they want") == 1.0
    assert scoring.overlap("the the cat", "the dog") == 0.5  # common {the}: 1 of 2 words
    assert scoring.overlap("", "words") == 0.0


def test_quote_matching_takes_equal_texts_first():
    pairs = scoring.match_quotes(["alpha beta gamma delta epsilon", "Alpha beta, gamma delta!"],
                                 ["alpha beta gamma delta"])
    assert pairs == [(0, 1)]


def test_quotes_all_kinds():
    counts = scoring.score_quotes(_quotes_system(), GOLD_QUOTES, QUOTE_ACTORS)
    # TP 4 (each gold quote found), FP 2 (unrelated, duplicate); speakers: gold 1 right, gold 2 wrong
    # (speaker "he" is empty once pronouns go), gold 3 not counted (pronoun), gold 4 right → 2 of 3
    assert counts == {"gold": 4, "system": 6, "tp": 4, "fp": 2, "fn": 0, "neutral": 0,
                      "speaker_total": 3, "speaker_correct": 2}


def test_quotes_direct_and_mixed_leave_other_kinds_neutral():
    counts = scoring.score_quotes(_quotes_system(), GOLD_QUOTES, QUOTE_ACTORS, kinds=scoring.DIRECT_AND_MIXED)
    # gold: quotes 1, 3, 4; the system quote of the indirect gold 2 counts neither way
    assert counts == {"gold": 3, "system": 5, "tp": 3, "fp": 2, "fn": 0, "neutral": 1,
                      "speaker_total": 2, "speaker_correct": 2}
    totals = Totals()
    totals.add({"quotes": scoring.score_quotes(_quotes_system(), GOLD_QUOTES, QUOTE_ACTORS),
                "quotes_direct_mixed": counts})
    summary = totals.summary()["quotes"]
    assert summary["all"]["precision"] == pytest.approx(4 / 6)
    assert summary["direct_mixed"]["precision"] == pytest.approx(3 / 5)
    assert summary["direct_mixed"]["speaker_accuracy"] == pytest.approx(1.0)


def test_speaker_words_contain_or_are_contained_in_the_gold_speaker():
    gold = {"speaker": "presidential candidate Sen. Lindsey Graham"}
    assert scoring.speaker_right({"speaker_text": "Graham"}, {}, gold, [])
    assert scoring.speaker_right({"speaker_text": "his rival Lindsey Graham"}, {}, {"speaker": "Lindsey Graham"}, [])
    assert not scoring.speaker_right({"speaker_text": "Mr. Graham"}, {}, gold, [])  # "mr" is not in the gold words
    assert not scoring.speaker_right({"speaker_text": "they"}, {}, gold, [])


# --- timexes and places -----------------------------------------------------

def test_timex_recall_same_value_and_text_containment():
    gold = [{"text": "Tuesday", "value": "2024-03-05"},
            {"text": "last March", "value": "2023-03"},
            {"text": "now", "value": "PRESENT_REF", "calendar": False},
            {"text": "2020", "value": "2020"}]
    system = [{"text": "on Tuesday", "value": "2024-03-05"},   # contains the gold text
              {"text": "March", "value": "2023-03"},           # contained in the gold text
              {"text": "2020", "value": "2021"}]               # wrong value
    assert scoring.score_timexes(system, gold) == {"gold": 3, "skipped": 1, "reproduced": 2, "system": 3}


def test_haversine_along_a_meridian():
    # along a meridian the distance is R·Δφ: 6371 km × 1.4° × π/180 = 155.67 km
    assert scoring.haversine_km(40.18, 29.06, 41.58, 29.06) == pytest.approx(6371 * math.radians(1.4))


def test_place_recall_within_161_km_and_skipped_types():
    gold = [{"text": "Ankara", "lat": 39.93, "lon": 32.86, "type": "Literal"},
            {"text": "Paris", "lat": 48.8566, "lon": 2.3522},
            {"text": "Lyon", "lat": 45.76, "lon": 4.84, "type": "Metonymic"},
            {"text": "Izmir", "lat": 38.42, "lon": 27.14},
            {"text": "Bursa", "lat": 40.18, "lon": 29.06},
            {"text": "Konya", "lat": 37.87, "lon": 32.48}]
    system = {"places": [{"text": "Turkish capital", "name": "Ankara", "lat": 39.92, "lon": 32.85},  # by name
                         {"text": "Paris", "name": "Paris", "lat": 33.66, "lon": -95.56},   # Paris, Texas
                         {"text": "Bursa", "name": "Bursa", "lat": 41.58, "lon": 29.06},    # 155.7 km away
                         {"text": "Konya", "name": "Konya", "lat": 39.37, "lon": 32.48}],   # 1.5° = 166.8 km
              "events": [{"type": "CONSULT", "location": {"name": "Izmir", "lat": 38.0, "lon": 27.5}}]}
    # counted 5 (Lyon skipped); reproduced Ankara, Bursa, Izmir (from the event location) = 3
    assert scoring.score_places(system, gold) == {"gold": 5, "skipped": 1, "reproduced": 3, "system": 5}


# --- gold files and the run -------------------------------------------------

def test_gold_files_are_found_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.json", "a.json", "b/1.json", "notes.txt"):
        (tmp_path / name).write_text("{}")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in find_gold_files([tmp_path])]
    assert found == ["a.json", "b/1.json", "b/2.json"]


def test_read_gold_builds_the_raw_article(tmp_path):
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"id": "p1", "html": "<p>Hi</p>", "meta": {"published": "2024-01-02", "source": "S"},
                                "gold": {"body": "Hi"}, "sentence_level": True}))
    gold = read_gold(str(path))
    assert (gold.raw.html, gold.raw.text, gold.raw.id, gold.raw.published, gold.raw.source, gold.raw.origin) == \
        ("<p>Hi</p>", None, "p1", "2024-01-02", "S", str(path))
    assert gold.sentence_level and gold.components() == ["body"]
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(GoldError):
        read_gold(str(tmp_path / "bad.json"))


class _FakeCoder:
    """Codes every article as its own text (no stages), skipping the ones that say SKIP."""

    def code_many(self, raws):
        from dragoman.errors import Skip

        for raw in raws:
            if "SKIP" in (raw.text or ""):
                yield Skip("not text", raw.origin)
            else:
                yield Document(id=raw.id or "x", text=raw.text or "")


def test_skipped_articles_count_as_empty_output_and_never_stop_the_run(tmp_path):
    for i, text in enumerate(["one two", "SKIP me", "three"]):
        (tmp_path / f"{i}.json").write_text(json.dumps({"text": text, "gold": {"body": text}}))
    (tmp_path / "3.json").write_text("[]")
    lines: list[str] = []
    report = evaluate([str(tmp_path)], _FakeCoder(), on_skip=lines.append, batch_size=2)
    assert (report.files, report.coded, report.skipped, report.unreadable) == (4, 2, 1, 1)
    assert len(lines) == 2 and all(line.startswith("dragoman: skipped ") for line in lines)
    # bodies: P 1, 0, 1 and R 1, 0, 1 over three documents
    assert report.to_dict()["body"]["precision"] == pytest.approx(2 / 3)


def test_score_file_reports_only_the_parts_in_the_gold():
    gold = read_gold(str(DATA / "articles" / "sentence-protest.json"))
    assert set(score_file(scoring.empty_system(), gold)) == {"events", "event_types"}


def test_eval_command_prints_json(coder, monkeypatch):
    from typer.testing import CliRunner

    from dragoman import pipeline
    from dragoman.cli import app

    monkeypatch.setattr(pipeline, "_default", coder)
    result = CliRunner().invoke(app, ["eval", str(DATA / "articles"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["files"], data["coded"], data["skipped"]) == (2, 2, 0)
    for key in ("body", "removed", "title", "source", "media", "actors", "events", "event_types",
                "quotes", "timexes", "places", "seconds"):
        assert key in data
    assert set(data["quotes"]) == {"all", "direct_mixed"}
    for key in ("precision", "recall", "f1", "tp", "fp", "fn"):
        assert key in data["events"]
    assert data["events"]["documents"] == 2 and data["events"]["gold_required"] == 2


def test_eval_command_prints_tables(coder, monkeypatch):
    from typer.testing import CliRunner

    from dragoman import pipeline
    from dragoman.cli import app

    monkeypatch.setattr(pipeline, "_default", coder)
    result = CliRunner().invoke(app, ["eval", str(DATA / "articles"), "--per-file"])
    assert result.exit_code == 0, result.output
    for title in ("Body", "Events", "Quotes", "Places", "Per file", "2 files: 2 coded, 0 skipped"):
        assert title in result.stdout


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not present")
def test_gold_turned_into_system_output_scores_one_on_the_dev_corpus():
    """A system that outputs the gold answers scores 1.0 everywhere: the rules agree with the gold format."""
    totals = Totals()
    for path in find_gold_files([SHARED / "corpus" / "dev"]):
        gold = read_gold(path)
        totals.add(score_file(_perfect_system(gold.gold), gold))
    summary = totals.summary()
    for part in ("body", "actors", "events", "places"):
        assert summary[part]["f1" if "f1" in summary[part] else "recall"] == pytest.approx(1.0), part
    assert summary["quotes"]["all"]["f1"] == pytest.approx(1.0)
    assert summary["quotes"]["all"]["speaker_accuracy"] == pytest.approx(1.0)
    assert summary["timexes"]["recall"] == pytest.approx(1.0)
    assert summary["removed"]["share"] == pytest.approx(1.0)


def _perfect_system(gold: dict) -> dict:
    """System output built from gold answers: one actor per gold actor, name or country code."""
    actors, ids = [], {}

    def actor_id(name):
        if name not in ids:
            found = next((a for a in gold.get("actors", []) if a["name"] == name), None)
            if found is None and scoring.is_country_code(name):
                found = {"name": name, "country": name, "kind": "country"}
            found = found or {"name": name, "kind": "organization"}
            ids[name] = f"a{len(ids) + 1}"
            actors.append(_actor(ids[name], found["name"], found.get("kind"), found.get("country"),
                                 found.get("aliases", [])))
        return ids[name]

    for a in gold.get("actors", []):
        actor_id(a["name"])
    return {
        "text": gold.get("body", ""), "actors": actors,
        "events": [{"type": e["type"], "actors": [actor_id(x) for x in e.get("actors", [])],
                    "recipients": [actor_id(x) for x in e.get("recipients", [])]} for e in gold.get("events", [])],
        "quotes": [{"text": q["text"], "speaker": actor_id(q["speaker"]) if q.get("speaker") else None,
                    "speaker_text": q.get("speaker")} for q in gold.get("quotes", [])],
        "timexes": [dict(t) for t in gold.get("timexes", [])],
        "places": [{"text": p["text"], "name": p["text"], "lat": p.get("lat"), "lon": p.get("lon")}
                   for p in gold.get("places", [])],
    }


class _LanguageCoder:
    """Skips every article as not English, the way the real Coder does after cleaning."""

    def code_many(self, raws):
        from dragoman.clean import clean
        from dragoman.errors import Skip

        for raw in raws:
            skip = Skip("language de is not supported", raw.origin)
            skip.document = clean(raw)
            yield skip


def test_a_non_english_article_still_scores_its_cleaned_body(tmp_path):
    text = "Der Minister traf gestern seinen Amtskollegen in der Hauptstadt."
    (tmp_path / "de.json").write_text(json.dumps({"text": text, "gold": {"body": text, "events": []}}))
    report = evaluate([str(tmp_path)], _LanguageCoder())
    data = report.to_dict()
    assert report.skipped == 1
    assert data["body"]["recall"] == pytest.approx(1.0)  # the cleaner ran; nothing was coded
    assert data["events"]["system"] == 0


class _BrokenCoder:
    """A stage that fails on one article: the batch is recoded one by one."""

    def code_many(self, raws):
        raise RuntimeError("stage failed")

    def code(self, raw):
        if "boom" in raw.text:
            raise RuntimeError("stage failed")
        return Document(id="x", text=raw.text)


def test_a_failing_stage_skips_one_article_not_the_run(tmp_path):
    for i, text in enumerate(["fine words", "boom", "more fine words"]):
        (tmp_path / f"{i}.json").write_text(json.dumps({"text": text, "gold": {"body": text}}))
    lines: list[str] = []
    report = evaluate([str(tmp_path)], _BrokenCoder(), on_skip=lines.append)
    assert (report.coded, report.skipped) == (2, 1)
    assert "internal error: RuntimeError" in lines[0]


def test_per_type_scores_and_date_and_location_of_matched_events():
    gold_events = [
        {"type": "CONSULT", "actors": ["Ana Souza"], "recipients": ["Luis Prado"], "date": "2021-03",
         "location": "Brasilia"},
        {"type": "ACCUSE", "actors": ["ARG"], "recipients": ["Ana Souza"], "date": "2021-03-04"},
    ]
    system = _system(("CONSULT", ["s1"], ["s2"]), ("ACCUSE", ["s3"], ["s1"]))
    system["events"][0].update(date="2021-03-02", location={"name": "Brasília, Brazil"})
    system["events"][1].update(date="2021-03-05")
    totals = Totals()
    totals.add({"events": scoring.score_events(system, gold_events, EVENT_ACTORS)})
    summary = totals.summary()["events"]
    assert summary["per_type"]["CONSULT"]["f1"] == 1.0 and summary["per_type"]["ACCUSE"]["recall"] == 1.0
    assert summary["date_accuracy"] == {"matched_with_gold_date": 2, "correct": 1, "accuracy": 0.5}
    assert summary["location_accuracy"]["correct"] == 1

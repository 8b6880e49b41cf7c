"""The record keeps SPEC §2's shape and round-trips through JSON."""

import json

from dragoman.model import Actor, Document, Event, Location, Media, Mention, Quote, Removed, Span, Evidence


def _doc() -> Document:
    text = "The foreign minister flew to Oslo. She met her counterpart."
    return Document(
        id="x1", text=text, title="Talks", published="2024-01-02",
        media=[Media(caption="A minister", credit="Staff")],
        removed=[Removed(text="Advertisement", reason="boilerplate")],
        actors=[Actor(id="a1", name="foreign minister", kind="person", country="NOR", sector="GOV",
                      code="NORGOV", mentions=[Mention(4, 20, "foreign minister"), Mention(35, 38, "She")])],
        events=[Event(id="e1", type="CONSULT", actors=["a1"], location=Location("Oslo", "NOR", 59.9, 10.7),
                      evidence=Evidence(35, 59, "She met her counterpart."))],
        quotes=[Quote(id="q1", text="t", kind="direct", speaker="a1")],
    )


def test_document_keys_follow_spec_order():
    keys = list(_doc().to_dict())
    assert keys == ["id", "source", "url", "title", "published", "language", "coder_version", "text", "media",
                    "removed", "actors", "events", "quotes", "timexes", "places"]


def test_event_has_every_spec_field():
    event = _doc().to_dict()["events"][0]
    for key in ("id", "type", "mode", "context", "cameo", "quad_class", "goldstein", "plover_score",
                "actors", "recipients", "location", "date", "date_text", "date_precision", "status",
                "reported_by", "evidence", "confidence"):
        assert key in event


def test_round_trip_through_json():
    doc = _doc()
    again = Document.from_dict(json.loads(doc.to_json()))
    assert again == doc


def test_actor_at_prefers_the_tightest_mention():
    doc = _doc()
    assert doc.actor_at(35, 38).id == "a1"
    assert doc.actor_at(0, 3) is None


def test_actor_at_index_answers_as_a_scan_of_every_mention_would():
    """actor_at uses a sorted index (long texts); it must pick exactly what the plain
    scan picks: the tightest overlapping mention, the first actor on ties."""
    import pickle
    import random

    from dragoman.model import Actor, Document, Mention

    rng = random.Random(5)
    for _ in range(200):
        actors = []
        for n in range(rng.randint(0, 6)):
            mentions = []
            for _m in range(rng.randint(1, 4)):
                a = rng.randint(0, 90)
                mentions.append(Mention(a, a + rng.randint(1, 12), "x"))
            actors.append(Actor(id=f"a{n}", name=f"A{n}", kind="person", mentions=mentions))
        doc = Document(id="d", text="x" * 120, actors=actors)

        def scan(start, end):
            best = None
            for actor in doc.actors:
                for m in actor.mentions:
                    if m.start < end and start < m.end and (best is None or m.end - m.start < best[0]):
                        best = (m.end - m.start, actor)
            return best[1] if best else None

        for _q in range(20):
            s = rng.randint(0, 110)
            e = s + rng.randint(1, 8)
            assert doc.actor_at(s, e) is scan(s, e)
    assert "_mentions_cache" not in pickle.loads(pickle.dumps(doc)).__dict__

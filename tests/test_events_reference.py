"""A reaction's recipient from the event it refers to (`events.reference`)."""

from __future__ import annotations

import pytest

from dragoman.events.reference import referred_noun, same_root
from dragoman.model import RawArticle


def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, trigger, expected", [
    ("The ministry in Lusaka condemned the bombing on Friday.", "condemned", "bombing"),
    ("Senator Ada Okoro denounced these raids in a speech.", "denounced", "raids"),
    ("Auditors opened an inquiry into the killings at the border.", "inquiry", "killings"),
    ("Nobody saw the ambush, which the governor denounced as cowardly.", "denounced", "ambush"),
    ("Ottawa backed the decision to expel the four envoys.", "backed", "expel"),
])
def test_a_definite_event_noun_is_a_reference_back(nlp, text, trigger, expected):
    doc = nlp(text)
    noun = referred_noun(_token(doc, trigger))
    assert noun is not None and noun.text == expected


def test_an_indefinite_event_noun_is_a_new_act(nlp):
    doc = nlp("The ministry in Lusaka condemned a bombing on Friday.")
    assert referred_noun(_token(doc, "condemned")) is None


TEXT = ("Gunmen of the Ansar Dine group attacked an army post in northern Mali on Sunday, "
        "killing six soldiers. The government of Mali condemned the attack on Monday. "
        "Prosecutors in Bamako opened an investigation into the killings. "
        "The French foreign ministry also condemned the attack.")


@pytest.mark.parametrize("choice", ["patterns", "learned"])
def test_reactions_take_the_attackers_as_recipients(monkeypatch, choice):
    """Both coders: the condemnations and the investigation are aimed at the attackers,
    whom only the first sentence names (the second condemnation not at the first condemner)."""
    monkeypatch.setenv("DRAGOMAN_EVENT_CODER", choice)
    from dragoman.pipeline import Coder

    doc = Coder().code(RawArticle(text=TEXT, origin="test", published="2024-03-05"))
    attackers = next(a.id for a in doc.actors if "Ansar Dine" in a.name)
    reactions = [e for e in doc.events if e.type == "ACCUSE"]
    assert reactions
    for event in reactions:
        assert event.recipients == [attackers]


@pytest.mark.parametrize("verb, noun, related", [
    ("invite", "invitation", True), ("decide", "decision", True), ("invade", "invasion", True),
    ("withdraw", "withdrawal", True), ("agree", "agreement", True), ("deploy", "deployment", True),
    ("rule", "ruling", True), ("admit", "admission", True), ("occupy", "occupation", True),
    ("intervene", "intervention", True),
    ("protest", "protection", False), ("sanction", "sanctuary", False), ("withdraw", "withhold", False),
    ("attack", "attach", False), ("invest", "investigation", False), ("commit", "commission", False),
    ("move", "movement", False), ("sign", "signal", False), ("depart", "department", False),
])
def test_an_event_noun_is_its_verbs_own_nominalisation(verb, noun, related):
    assert same_root(verb, noun) is related


def test_welcoming_the_invitation_is_aimed_at_the_inviter(nlp):
    from dragoman.pipeline import Coder

    text = ("Norway invited Ghana and Nepal to join the fisheries pact on Monday. "
            "In Accra, the Ghanaian foreign minister welcomed the invitation.")
    doc = Coder().code(RawArticle(text=text, origin="test", published="2024-03-05"))
    norway = next(a.id for a in doc.actors if a.name == "Norway")
    welcomes = [e for e in doc.events if e.type == "SUPPORT"]
    assert welcomes and all(e.recipients == [norway] for e in welcomes), [(e.type, e.recipients) for e in doc.events]


def test_a_noun_whose_author_is_named_is_no_reference_back(nlp):
    from dragoman.pipeline import Coder

    coder = Coder()
    text = "Norway invited Ghana to join the pact. Nepal welcomed the invitation from Sweden."
    doc = coder.code(RawArticle(text=text, origin="test", published="2024-03-05"))
    norway = next(a.id for a in doc.actors if a.name == "Norway")
    assert all(norway not in e.recipients for e in doc.events if e.type == "SUPPORT")
    # "from the start" names no one: the invitation still refers back
    text = "Norway invited Ghana to join the pact. Ghana accepted the invitation from the start."
    doc = coder.code(RawArticle(text=text, origin="test", published="2024-03-05"))
    norway = next(a.id for a in doc.actors if a.name == "Norway")
    assert any(norway in e.recipients for e in doc.events if e.evidence and "accepted" in e.evidence.text)

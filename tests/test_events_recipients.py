"""Recipients the pattern rules miss, from the learned role model (`events.recipients`)."""

from __future__ import annotations

import pytest

from dragoman.events.recipients import RecipientFiller
from dragoman.model import RawArticle

RECALL = "In retaliation, Poland recalled its ambassador from Minsk on Friday."


def _code(monkeypatch, text, fill=True):
    from dragoman.pipeline import Coder

    with monkeypatch.context() as patch:
        patch.setenv("DRAGOMAN_EVENT_CODER", "patterns")
        if not fill:
            patch.setattr(RecipientFiller, "fill", lambda self, *args, **kwargs: None)
        return Coder().code(RawArticle(text=text, origin="test", published="2024-03-05"))


def _named(doc, ids):
    names = {a.id: a.name for a in doc.actors}
    return [names[i] for i in ids]


def test_the_rules_read_no_recipient_from_a_recall_but_the_role_model_does(monkeypatch):
    without = _code(monkeypatch, RECALL, fill=False)
    assert [(e.type, e.recipients) for e in without.events] == [("SANCTION", [])]
    doc = _code(monkeypatch, RECALL)
    (event,) = doc.events
    assert _named(doc, event.actors) == ["Poland"]
    assert _named(doc, event.recipients) == ["Belarus"]


def test_a_recipient_the_rules_found_is_kept(monkeypatch):
    doc = _code(monkeypatch, "Senator Maria Lopez called on the governor to release the report.")
    (event,) = doc.events
    assert event.type == "REQUEST" and _named(doc, event.recipients) == ["governor"]


@pytest.mark.parametrize("text", [
    "Chile and Peru held talks in Lima on Tuesday.",
    "Finland and Estonia will share intelligence on cyber threats.",
])
def test_undirected_events_get_no_recipient_from_the_model(monkeypatch, text):
    doc = _code(monkeypatch, text)
    assert doc.events
    assert all(not e.recipients for e in doc.events if e.type in ("CONSULT", "COOPERATE"))
    assert doc.events == _code(monkeypatch, text, fill=False).events


def test_without_shipped_models_the_rules_stand_alone(monkeypatch, tmp_path):
    from dragoman.events import learned

    monkeypatch.setattr(learned, "models_dir", lambda: tmp_path)
    doc = _code(monkeypatch, RECALL)
    assert [(e.type, e.recipients) for e in doc.events] == [("SANCTION", [])]

"""Recipients the pattern rules could not read, from the learned role model.

Why: the pattern coder reads a recipient only from the syntactic slots its
rules know (the object, "with", "against", a possessive, …).  On articles
nobody here had read, the commonest role error was an event coded with no
recipient where its sentence names one ("recalled its ambassador from
Tehran", "called on the administration to …").  The role model, trained on
the team's corpus (`make train`), scores every actor mention of the sentence
as the event's actor, recipient or neither from its dependency path and
words; the learned coder decides roles from those scores by one rule
(`roles.decide_roles` with `coder.ROLE_RULE`, both chosen by the corpus
cross-validation).  Here the same rule runs over a pattern-coded event that
has no recipient, and only its recipients are taken: the rules' actors stand.

Undirected types (CONSULT, COOPERATE) are left as they are: their parties
are all actors unless one visits another, which the rules read.
"""

from __future__ import annotations

from typing import Optional

from dragoman.events import features
from dragoman.events.labels import UNDIRECTED_TYPES
from dragoman.events.roles import ActorFinder, decide_roles, mention_heads


class RecipientFiller:
    """Holds the role model, loaded on the first event that needs it."""

    def __init__(self, reciprocal_nouns: frozenset[str], reciprocal_dets: frozenset[str]):
        self.reciprocal_nouns = reciprocal_nouns
        self.reciprocal_dets = reciprocal_dets
        self._role_model = None
        self._missing = False

    def _model(self):
        if self._role_model is None and not self._missing:
            from dragoman.events import learned

            folder = learned.models_dir()
            if (folder / "role").exists():
                self._role_model = learned.load_classifier("role", folder)
            else:
                self._missing = True  # a package built without `make train`: the rules stand alone
        return self._role_model

    def fill(self, doc, parsed, drafts: list, finder: Optional[ActorFinder] = None) -> None:
        """Give each directed draft without recipients the mentions the role model labels recipient."""
        from dragoman.events.coder import ROLE_RULE

        wanting = [d for d in drafts if not d.recipients and d.type not in UNDIRECTED_TYPES and not d.in_title]
        if not wanting or self._model() is None:
            return
        finder = finder or ActorFinder(doc, self.reciprocal_nouns, self.reciprocal_dets, parsed)
        classify = features.actor_classes(finder)
        for draft in wanting:
            heads = [h for h in mention_heads(draft.trigger.sent, finder) if h.i != draft.trigger.i]
            if not heads:
                continue
            scores = self._role_model.scores(
                [features.role_features(draft.trigger, head, draft.type, classify) for head in heads])
            found: list[str] = []
            for head, label in zip(heads, decide_roles(scores, ROLE_RULE)):
                if label == "recipient":
                    found.extend(i for i in finder.entity(head) if i not in draft.actors and i not in found)
            draft.recipients = found

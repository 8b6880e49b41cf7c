"""Recipients the pattern rules could not read, from the learned role model; dyadic acts without one dropped.

Why: the pattern coder reads a recipient only from the syntactic slots its
rules know (the object, "with", "against", a possessive, …).  On articles
nobody here had read, the commonest role error was an event coded with no
recipient where its sentence names one ("Poland recalled its envoy from
Minsk", "pressed the cabinet to …").  The role model, trained on
the team's corpus (`make train`), scores every actor mention of the sentence
as the event's actor, recipient or neither from its dependency path and
words; the learned coder decides roles from those scores by one rule
(`roles.decide_roles` with `coder.ROLE_RULE`, both chosen by the corpus
cross-validation).  Here the same rule runs over a pattern-coded event that
has no recipient, and only its recipients are taken: the rules' actors stand.

Undirected types (CONSULT, COOPERATE) are left as they are: their parties
are all actors unless one visits another, which the rules read.

A verbal or diplomatic act that is aimed at someone by nature (the cues'
``dyadic_types``: accusations, requests, threats, sanctions, aid) and still
has no recipient is dropped: in the team's corpus at most a fifth of such
events name none, so one without is most often a misreading ("asked the
shop's staff to wait"), and a record with no target serves no dyadic query.
The known loss: an appeal to no one in particular ("urged restraint").
Violence and coercion (ASSAULT, COERCE) are kept without a target: an attack
on people the text does not name is still an attack a researcher counts.
Measured (pattern coder, events F1): dev-07…16 0.354 -> 0.365, plover_gsr/dev
0.484 -> 0.494, real news against annotators A/B 0.182/0.209 -> 0.200/0.228,
seed + dev-01…06 0.810 -> 0.813; plover_gsr's sentence-level type accuracy
falls 0.824 -> 0.782 (a sentence whose only event was such a draft now has none).
"""

from __future__ import annotations

from dataclasses import replace

from dragoman.events import features, learned
from dragoman.events.coder import ROLE_RULE
from dragoman.events.labels import UNDIRECTED_TYPES
from dragoman.events.roles import ActorFinder, decide_roles, mention_heads, own_state_unless_aimed

#: The learned coder's role rule without its actor fallback: the rules' actors are fixed, so no
#: mention is pressed into the actor role.
FILL_RULE = replace(ROLE_RULE, actor_fallback=None)


def without_targetless(drafts: list, dyadic_types: frozenset[str]) -> list:
    """The drafts less those of the dyadic types that name no recipient (headline drafts kept:
    the body's report of the same act carries the roles).  Both coders: for the learned coder,
    whose role model already had its chance, the same drop moved event F1 on every set
    (dev-07…16 0.299 -> 0.314, plover_gsr/dev 0.341 -> 0.356, real news A/B 0.179/0.209 ->
    0.203/0.234)."""
    return [d for d in drafts if d.recipients or d.type not in dyadic_types or d.in_title]


class RecipientFiller:
    """Gives recipients from the role model (`learned.shipped_classifier`, loaded on first need)."""

    def __init__(self, dyadic_types: frozenset[str] = frozenset()):
        self.dyadic_types = dyadic_types

    def fill(self, drafts: list, finder: ActorFinder, classify) -> list:
        """The drafts, each directed one without recipients given the mentions the role model labels
        recipient, and those of the dyadic types that still have none left out.  Without shipped
        models nothing changes: the drop was measured only together with the model's recipients."""
        wanting = [d for d in drafts if not d.recipients and d.type not in UNDIRECTED_TYPES and not d.in_title]
        model = learned.shipped_classifier("role") if wanting else None
        if model is None:
            return drafts
        for draft in wanting:
            draft.recipients = self._recipients(model, draft, finder, classify)
        return without_targetless(drafts, self.dyadic_types)

    @staticmethod
    def _recipients(model, draft, finder: ActorFinder, classify) -> list[str]:
        """The learned coder's role rule over the sentence's mentions other than the rules' actors."""
        heads = [h for h in mention_heads(draft.trigger.sent, finder)
                 if h.i != draft.trigger.i and not set(finder.entity(h)) & set(draft.actors)]
        if not heads:
            return []
        scores = model.scores([features.role_features(draft.trigger, head, draft.type, classify) for head in heads])
        found: list[str] = []
        for head, label in zip(heads, decide_roles(scores, FILL_RULE)):
            if label == "recipient":
                found.extend(i for i in finder.entity(head) if i not in draft.actors and i not in found)
        # the rules' policy on the actors' own state holds for the model's reading too: only where
        # the act is aimed at it ("sanctions on German banks" are not aimed at Germany)
        return own_state_unless_aimed(found, draft.actors, draft.trigger, finder)

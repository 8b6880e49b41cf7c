"""A pattern-coded attack that its context shows to be words or a protest, read by the learned type model.

Why: the pattern dictionary types a trigger by its word and a few syntactic
cues, and "attacked", "hit out at", "stormed" and "targeted" are violence in
one sentence and criticism or a demonstration in the next ("the senator
attacked the governor for his record on schools").  The type model, trained
on the team's corpus (`make train`), reads the whole context (who acts,
against whom, the words around).  In the corpus cross-validation (folds by
writing batch; `benchmarks/pattern_type_check.py`: the pattern dictionary's
reading of each gold trigger compared with the model's) a pattern ASSAULT
that the model calls ACCUSE with probability >= 0.5 was an ACCUSE 13 times
and an ASSAULT never; called PROTEST, a PROTEST 31 times and an ASSAULT
never.  No other of the pattern dictionary's types is second-guessed: a
general override (any type the model prefers) lost type accuracy on
plover_gsr/dev (0.824 -> 0.794).
"""

from __future__ import annotations

from dragoman.events import features, learned
from dragoman.events.coder import cameo_table

#: The non-violent readings of an ASSAULT trigger the model may choose, and the probability it needs.
READINGS = ("ACCUSE", "PROTEST")
THRESHOLD = 0.5


class AttackRetyper:
    """Holds the hint function and CAMEO table the type model (`learned.shipped_classifier`) needs."""

    def __init__(self, res):
        self.res = res
        self._hints = None
        self.cameo = cameo_table(res)

    def retype(self, drafts: list, classify) -> None:
        """Give an ASSAULT draft the type ACCUSE or PROTEST where the model reads it so."""
        attacks = [d for d in drafts if d.type == "ASSAULT" and d.pattern is not None and d.pattern.type == "ASSAULT"]
        model = learned.shipped_classifier("type") if attacks else None
        if model is None:
            return  # no ASSAULT, or a package built without `make train`: the dictionary's type stands
        if self._hints is None:
            hinted = learned.read_meta().get("hints", True)
            self._hints = features.pattern_hints(self.res) if hinted else features.no_hints
        bags = [features.trigger_features(d.trigger, self._hints(d.trigger), classify) for d in attacks]
        for draft, scores in zip(attacks, model.scores(bags)):
            reading = max(READINGS, key=lambda t: scores.get(t, 0.0))
            if scores.get(reading, 0.0) >= THRESHOLD:
                # no mode: the type model does not say whether a protest was a march or a riot,
                # nor a criticism an accusation or a disapproval; the CAMEO code is the type's own
                draft.type, draft.mode, draft.context = reading, None, []
                draft.cameo = self.cameo.get((reading, None))

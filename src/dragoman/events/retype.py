"""A pattern-coded event whose context shows another type, read by the learned type model.

Why: the pattern dictionary types a trigger by its word and a few syntactic
cues, and "attacked", "hit out at", "stormed" and "targeted" are violence in
one sentence and criticism or a demonstration in the next ("the senator
attacked the governor for his record on schools"); "ordered the diplomats to
leave" is an expulsion, not a request.  The type model, trained on the team's
corpus (`make train`), reads the whole context (who acts, against whom, the
words around).

Which readings it may give, and when, was decided on the corpus alone
(`benchmarks/pattern_type_check.py`: 5-fold cross-validation by writing
batch, the pattern dictionary's reading of every token it reads as an event
against the held-out model's; results in `benchmarks/results/`): the model's
likeliest event type replaces the pattern's when it is likelier than the
pattern's own type and has probability >= 0.2 (its NONE left aside: the
pattern already says "event"), for the (pattern type -> model type) pairs
that in that cross-validation fixed at least five gold events and broke none
(`cues.json` `model_retypes`).  A general override (any type the model
prefers) gained in the cross-validation but lost type accuracy on
plover_gsr/dev (0.824 -> 0.794); so did SANCTION -> REJECT ("deny entry"),
left out.
"""

from __future__ import annotations

from dragoman.events import features, learned
from dragoman.events.coder import cameo_table
from dragoman.events.labels import NO_EVENT

#: The probability the model's reading needs besides beating the pattern's own type.
FLOOR = 0.2


class PatternRetyper:
    """Holds the allowed readings (`cues.json` ``model_retypes``), the hint function and the CAMEO table."""

    def __init__(self, res):
        self.res = res
        self.readings: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in res.cues["model_retypes"].items()}
        self._hints = None
        self.cameo = cameo_table(res)

    def retype(self, drafts: list, classify) -> None:
        """Give a pattern draft the type the model reads in its context, where the pair is allowed."""
        open_ = [d for d in drafts if d.type in self.readings and d.pattern is not None and d.pattern.type == d.type]
        model = learned.shipped_classifier("type") if open_ else None
        if model is None:
            return  # nothing to second-guess, or a package built without `make train`: the dictionary's type stands
        if self._hints is None:
            hinted = learned.read_meta().get("hints", True)
            self._hints = features.pattern_hints(self.res) if hinted else features.no_hints
        bags = [features.trigger_features(d.trigger, self._hints(d.trigger), classify) for d in open_]
        for draft, scores in zip(open_, model.scores(bags)):
            reading = max((t for t in scores if t != NO_EVENT), key=scores.get)
            p = scores[reading]
            if reading in self.readings[draft.type] and p > scores.get(draft.type, 0.0) and p >= FLOOR:
                # no mode: the type model does not say whether a protest was a march or a riot,
                # nor a criticism an accusation or a disapproval; the CAMEO code is the type's own
                draft.type, draft.mode, draft.context = reading, None, []
                draft.cameo = self.cameo.get((reading, None))

"""A pattern-coded event weighed, and where its context shows another type retyped, by the learned type model.

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

The same reading gives each pattern draft its confidence: the model's probability that the
trigger reports an event, calibrated on the corpus cross-validation (the share of drafts read
so that had their type right). It ranks right drafts above wrong ones far better than the rules'
old fixed values did (AUC 0.81 against 0.58 for "has a recipient"); drafts at >= 0.5 / 0.7 /
0.9 of the model's probability had their type right 0.83 / 0.85 / 0.89 of the time, against 0.70
of all. It also leaves out a
draft of an act aimed at someone that names no recipient and that the model reads as no event
at all (`NO_EVENT_VETO`).
"""

from __future__ import annotations

from bisect import bisect_right

from dragoman.events import features, learned
from dragoman.events.coder import cameo_table
from dragoman.events.labels import NO_EVENT

#: The probability the model's reading needs besides beating the pattern's own type.
FLOOR = 0.2
#: A pattern draft of an act aimed at someone that no rule gave a recipient is left out when the
#: type model gives "no event" at least this probability: the missing target and the context agree
#: that the word is no such act ("the striker attacked down the left"). Which acts: `cues.json`
#: ``aimed_types`` (an attack, an arrest, an accusation, a demand, a threat, a sanction, aid,
#: praise, a refusal) less the ``dyadic_types``, which are left to `recipients`: the role model may
#: still find their addressee ("told Ortega it was time for a ceasefire"), and without one they are
#: dropped there. Chosen on the team's corpus (`benchmarks/pattern_confidence_cv.py`, results in
#: `benchmarks/results/pattern_confidence_cv.txt`; 5 folds by writing batch, 5,652 pattern drafts):
#: at 0.8 / 0.9 / 0.95 the drop removes 218 / 158 / 108 drafts of which 13 / 3 / 1 were fully
#: right, and the corpus F1 of fully right drafts moves 0.355 -> 0.358 / 0.358 / 0.357. The same
#: drop over every type lost 33 right drafts at 0.9 ("farmers called a general strike": strikes,
#: ceasefires, resignations, promises and talks stand alone).
NO_EVENT_VETO = 0.9


class PatternRetyper:
    """Holds the allowed readings (`cues.json` ``model_retypes``), the hint function and the CAMEO table."""

    def __init__(self, res):
        self.res = res
        self.readings: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in res.cues["model_retypes"].items()}
        # the dyadic types are left to `recipients`: the role model may still find their addressee
        # ("told Ortega it was time for a ceasefire"), and without one they are dropped there
        self.unaimed_drop = res.words("aimed_types") - res.words("dyadic_types")
        self.calibration = sorted((float(lo), float(share)) for lo, share in res.cues["confidence_calibration"])
        self._hints = None
        self.cameo = cameo_table(res)

    def retype(self, drafts: list, classify) -> None:
        """Weigh each pattern draft by the type model, which reads its context once: its
        ``confidence`` is the model's probability that the trigger reports an event at all (kept
        in ``no_event`` for `drop_unaimed`); a draft whose context shows another type, where the
        pair is allowed, takes that type."""
        read = [d for d in drafts if d.pattern is not None]
        model = learned.shipped_classifier("type") if read else None
        if model is None:
            return  # a package built without `make train`: the dictionary's reading stands
        if self._hints is None:
            hinted = learned.read_meta().get("hints", True)
            self._hints = features.pattern_hints(self.res) if hinted else features.no_hints
        bags = [features.trigger_features(d.trigger, self._hints(d.trigger), classify) for d in read]
        for draft, scores in zip(read, model.scores(bags)):
            draft.no_event = scores.get(NO_EVENT, 0.0)
            draft.confidence = self.calibrated(1.0 - draft.no_event)
            if draft.type not in self.readings or draft.pattern.type != draft.type:
                continue
            reading = max((t for t in scores if t != NO_EVENT), key=scores.get)
            p = scores[reading]
            if reading in self.readings[draft.type] and p > scores.get(draft.type, 0.0) and p >= FLOOR:
                # no mode: the type model does not say whether a protest was a march or a riot,
                # nor a criticism an accusation or a disapproval; the CAMEO code is the type's own
                draft.type, draft.mode, draft.context = reading, None, []
                draft.cameo = self.cameo.get((reading, None))

    def calibrated(self, p_event: float) -> float:
        """The share of the corpus cross-validation's pattern drafts with about this probability of
        being an event whose type was right (`cues.json` ``confidence_calibration``: lower bound of
        the model's probability, share right): the model alone is too unsure of its low readings
        (drafts it gave 0.05-0.1 were right 31 % of the time)."""
        bounds = [lo for lo, _share in self.calibration]
        return self.calibration[max(0, bisect_right(bounds, p_event) - 1)][1]

    def drop_unaimed(self, drafts: list) -> list:
        """The drafts less those of an act aimed at someone that still name no recipient (the rules
        and the role model found none) and that the type model reads as no event (`NO_EVENT_VETO`)."""
        return [d for d in drafts if d.recipients or d.type not in self.unaimed_drop or d.no_event < NO_EVENT_VETO]

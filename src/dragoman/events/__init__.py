"""Stage: events (registered in `dragoman.stage`; order in pipeline.STAGES).

Reads what earlier stages left in the Document (actors, quotes, timexes,
places) and the parse, and adds PLOVER/CAMEO events: one per action, with
actors and recipients, status, date, location and evidence.

Two coders share this stage's record and merging:

- ``patterns`` (the default): the pattern dictionary and rules of
  `events.build`;
- ``learned``: the models of `events.learned`, trained by `make train` from
  the team's corpus, with the pattern dictionary and the field's CAMEO verb
  dictionary only as hints and CAMEO codes, and the headline coded
  (`events.title`).  Chosen with ``DRAGOMAN_EVENT_CODER=learned``.  It is not
  the default yet: it scores below the pattern coder on the dev articles that
  coder was written from and only level with it on articles neither has seen
  (see the corpus README); when it overtakes it, the default changes here.

After the pattern coder, `events.retype` lets the learned type model say
whether an ASSAULT is in fact a verbal attack or a protest, an order to leave
an expulsion (the type pairs the corpus cross-validation allows).  After either
coder, `events.reference` gives a reaction without a recipient
the actors of the earlier event it names ("condemned the attack"); after the
pattern coder, `events.recipients` gives a directed event still without one
the recipients the learned role model reads in its sentence; after either,
an accusation, request, threat, sanction or aid that names no one is dropped
(`events.recipients.without_targetless`); repeats are
merged (`events.merge`), and `events.anchor.complete` gives every event its date
and place basis.
"""

from __future__ import annotations

from dragoman.events import anchor, features, learned, resources
from dragoman.events.build import EventBuilder
from dragoman.events.build import Draft
from dragoman.events.coder import LearnedCoder
from dragoman.events.merge import merge
from dragoman.events.recipients import RecipientFiller, without_targetless
from dragoman.events.reference import ReferenceResolver
from dragoman.events.roles import ActorFinder
from dragoman.events.retype import PatternRetyper
from dragoman.events.title import code_title
from dragoman.model import Document, Event, Evidence
from dragoman.stage import stage as register
from dragoman.version import CODER_SETTING, event_coder  # which coder runs: one home, read by --version too


def to_event(res: resources.Resources, draft: Draft, number: int) -> Event:
    """The public record of a draft, with CAMEO-derived scores."""
    ev = draft.evidence
    return Event(
        id=f"e{number}",
        type=draft.type,
        mode=draft.mode,
        context=list(draft.context),
        cameo=draft.cameo,
        quad_class=resources.quad_class(draft.cameo),
        goldstein=resources.goldstein_of(res, draft.cameo),
        plover_score=resources.plover_score(res, draft.type, draft.mode),
        actors=list(draft.actors),
        recipients=list(draft.recipients),
        location=draft.location,
        date=draft.date,
        date_text=draft.date_text,
        date_precision=draft.date_precision,
        date_source=draft.date_source,
        status=draft.status,
        reported_by=draft.reported_by,
        evidence=Evidence(ev.start, ev.end, ev.text, getattr(ev, "field", "text")) if ev else None,
        in_title=draft.in_title,
        confidence=draft.confidence,
    )




@register("events", requires=("text", "title", "published", "actors", "quotes", "timexes", "places"),
          assigns=("events",))
def create(options=None):
    """The events component: data files and models are read here, once per process."""
    res = resources.load()
    references = ReferenceResolver(res)
    choice = event_coder()
    if choice == "patterns":
        builder = EventBuilder(res)
        recipients = RecipientFiller(res.words("dyadic_types"))
        retyper = PatternRetyper(res)

        def pattern_stage(doc: Document, parsed) -> None:
            finder = ActorFinder(doc, builder.reciprocal_nouns, builder.reciprocal_dets, parsed,
                                 builder.party_object_verbs)
            classify = features.actor_classes(finder)  # one cache of actor classes for both models
            drafts = builder.drafts(doc, parsed, finder)
            retyper.retype(drafts, classify)
            references.fill(drafts)
            drafts = recipients.fill(drafts, finder, classify)
            drafts = anchor.complete(doc, parsed, merge(drafts))
            doc.events = [to_event(res, d, n) for n, d in enumerate(drafts, 1)]

        return pattern_stage
    if choice != "learned":
        raise RuntimeError(f"{CODER_SETTING} must be 'patterns' or 'learned', not {choice!r}")
    models = learned.load()
    if models is None:
        raise RuntimeError("the event models are missing from the package; run `make train`")
    coder = LearnedCoder(res, models)
    from dragoman import nlp as nlp_mod

    spacy_nlp = nlp_mod.load(getattr(options, "model", None) or nlp_mod.SPACY_MODEL)

    dyadic_types = res.words("dyadic_types")

    def stage(doc: Document, parsed) -> None:
        drafts = coder.drafts(doc, parsed)
        references.fill(drafts)
        drafts = without_targetless(drafts, dyadic_types)
        drafts = merge(drafts)
        drafts = anchor.complete(doc, parsed, code_title(coder, spacy_nlp, doc, drafts))
        doc.events = [to_event(res, d, n) for n, d in enumerate(drafts, 1)]

    return stage

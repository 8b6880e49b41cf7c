"""Stage: events (see pipeline.STAGES).

Reads what earlier stages left in the Document (actors, quotes, timexes,
places) and the parse, and adds PLOVER/CAMEO events: one per action, with
actors and recipients, status, date, location and evidence.
"""

from __future__ import annotations

from dragoman.events import resources
from dragoman.events.build import Draft, EventBuilder
from dragoman.events.merge import merge
from dragoman.model import Document, Event


def to_event(res: resources.Resources, draft: Draft, number: int) -> Event:
    """The public record of a draft, with CAMEO-derived scores."""
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
        status=draft.status,
        reported_by=draft.reported_by,
        evidence=draft.evidence,
        confidence=draft.confidence,
    )


def create(options=None):
    """The events component: data files are read here, once per process."""
    res = resources.load()
    builder = EventBuilder(res)

    def stage(doc: Document, parsed) -> None:
        drafts = merge(builder.drafts(doc, parsed))
        doc.events = [to_event(res, d, n) for n, d in enumerate(drafts, 1)]

    return stage

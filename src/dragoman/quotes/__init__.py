"""Stage: quotes — who said what (SPEC §2 ``quotes``).

Direct quotes come from quotation marks, indirect and mixed ones from the
parse (the clause of a speech verb, "according to X"); speakers are the
subjects of the cues, resolved to actors through ``Document.actor_at``.
Cue words are data (``data/quotes/cues.tsv``), read once in :func:`create`.
"""

from __future__ import annotations

from dragoman.quotes.cues import load_cues
from dragoman.quotes.attribution import find_quotes
from dragoman.stage import stage as register


@register("quotes", requires=("text", "actors"), assigns=("quotes",))
def create(options):
    """The quotes component: fills ``doc.quotes``."""
    cues = load_cues()

    def stage(doc, parsed) -> None:
        doc.quotes = find_quotes(doc, parsed, cues)

    return stage

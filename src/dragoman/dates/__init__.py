"""Stage: dates (registered in `dragoman.stage`; order in pipeline.STAGES).

Finds every date expression in ``doc.text`` with the patterns of
:mod:`dragoman.dates.grammar`, adds spaCy's DATE/TIME entities that those
patterns miss (resolved by dateparser, once per such entity), and resolves
each against ``doc.published`` into ``doc.timexes``.
"""

from __future__ import annotations

from dragoman.dates.calendar_math import parse_iso
from dragoman.dates.finder import DateFinder
from dragoman.stage import stage as register


@register("dates", requires=("text", "published"), assigns=("timexes",))
def create(options):
    """The dates component: fills ``doc.timexes``; patterns are compiled here, once."""
    finder = DateFinder()

    def stage(doc, parsed) -> None:
        doc.timexes = finder.find(doc.text, parse_iso(doc.published), parsed)

    return stage

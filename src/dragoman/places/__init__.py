"""Stage: places (registered in `dragoman.stage`; order in pipeline.STAGES).

Every place the article names goes into ``doc.places``, geocoded offline:
spaCy's GPE/LOC/FAC entities, country and region names and adjectives found
by the gazetteer ("Turkish" → Turkey), and the dateline ("KYIV —",
"SEOUL, March 13 --").  Same-named places are told apart by the countries the
rest of the article names, then by population; a facility or street the
gazetteer does not know is placed at the article's main city.
"""

from __future__ import annotations

from dragoman.places.geocode import PlaceFinder
from dragoman.stage import stage as register


@register("places", requires=("text",), assigns=("places",))
def create(options):
    """The places component: the gazetteer is read here, once per process."""
    finder = PlaceFinder()

    def stage(doc, parsed) -> None:
        doc.places = finder.find(doc.text, parsed)

    return stage

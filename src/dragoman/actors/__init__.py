"""Stage: actors (registered in `dragoman.stage`; order in pipeline.STAGES).

Recognises every political actor of an article, codes it (kind, country,
sector, role, CAMEO-style code) and resolves its mentions across the article:
full names, surnames, titles, "the Turkish leader", pronouns, anonymous
sources, countries and their capitals.  Knowledge lives in
``dragoman/data/actors/`` (see its README.md); ``--kb FILE`` adds to it.
"""

from __future__ import annotations

from dragoman.actors.kb import KnowledgeBase
from dragoman.actors.lexicon import Lexicon
from dragoman.actors.resolve import ArticleResolver
from dragoman.stage import stage as register


@register("actors", requires=("text", "published", "source"), assigns=("actors",))
def create(options):
    """The actors component: loads the knowledge base once, then fills ``doc.actors``."""
    kb = KnowledgeBase.load(getattr(options, "kb_paths", ()) or ())
    lexicon = Lexicon(kb)

    def stage(doc, parsed) -> None:
        doc.actors = ArticleResolver(kb, lexicon, doc, parsed).run()

    return stage

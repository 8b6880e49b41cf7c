"""Stage: quotes (see pipeline.STAGES)."""

from __future__ import annotations


def create(options):
    """The quotes component: fills its part of the Document."""

    def stage(doc, parsed) -> None:
        return None

    return stage

"""One event per action: the lead and a later paragraph reporting the same action
become one event carrying the fuller details."""

from __future__ import annotations

from dragoman.events.build import Draft


def participants(d: Draft) -> set[str]:
    return set(d.actors) | set(d.recipients)


def same_action(first: Draft, later: Draft) -> bool:
    """Same type, overlapping actors, no conflicting recipients, no conflicting dates."""
    if first.type != later.type or first.status != later.status:
        return False
    if first.cameo and later.cameo and first.cameo[:3] != later.cameo[:3] and participants(first) != participants(later):
        return False
    if not (set(first.actors) & set(later.actors)) and not (
        participants(first) == participants(later) and len(participants(first)) > 1
    ):
        return False
    if first.recipients and later.recipients and not (participants(first) & set(later.recipients)):
        return False
    if first.date and later.date and first.date_text and later.date_text and first.date != later.date:
        return False
    return True


def absorb(kept: Draft, other: Draft) -> None:
    """Fill what the kept event lacks from the repeat."""
    if not kept.recipients and other.recipients:
        kept.recipients = [r for r in other.recipients if r not in kept.actors]
    if kept.date_text is None and other.date_text is not None:
        kept.date, kept.date_text, kept.date_precision = other.date, other.date_text, other.date_precision
    if kept.location is None and other.location is not None:
        kept.location = other.location
    if kept.mode is None and other.mode is not None:
        kept.mode = other.mode
    for ctx in other.context:
        if ctx not in kept.context:
            kept.context.append(ctx)
    if kept.reported_by is None:
        kept.reported_by = other.reported_by
    kept.confidence = round(min(1.0, max(kept.confidence, other.confidence) + 0.05), 2)
    kept.merged.append(other)


def merge(drafts: list[Draft]) -> list[Draft]:
    """Drafts in text order, repeats folded into their first mention."""
    out: list[Draft] = []
    for draft in drafts:
        target = next((k for k in out if same_action(k, draft)), None)
        if target is None:
            out.append(draft)
        else:
            absorb(target, draft)
    return out

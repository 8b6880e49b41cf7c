"""The label sets of the learned event coder: PLOVER types and modes, statuses, roles.

One home for them: the training corpus checker, the trainer and the coder
read these tuples, and a test checks them against `plover_scores.tsv`.
"""

from __future__ import annotations

from typing import Optional

#: Types whose parties are all actors unless one visits or hosts the other (SPEC §4: scored as
#: unordered pairs); every other type is directed, from its actors to its recipients.
UNDIRECTED_TYPES = frozenset({"CONSULT", "COOPERATE"})

PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "multilateral", "phone", "third-party"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}

PLOVER_TYPES = tuple(PLOVER_MODES)
NO_EVENT = "NONE"
TYPE_LABELS = (*PLOVER_TYPES, NO_EVENT)
STATUSES = ("asserted", "future", "hypothetical", "negated")
ROLE_LABELS = ("actor", "recipient", "none")
NO_MODE = "-"


def mode_label(type_: str, mode: Optional[str]) -> str:
    """Modes are learned per type ("RETREAT:withdraw"): the same word means
    different acts under different types (SANCTION withdraw vs RETREAT withdraw)."""
    return f"{type_}:{mode}" if mode else f"{type_}:{NO_MODE}"


MODE_LABELS = tuple(mode_label(t, m) for t, modes in PLOVER_MODES.items() for m in (None, *modes))


def split_mode_label(label: str) -> tuple[str, Optional[str]]:
    type_, _, mode = label.partition(":")
    return type_, (None if mode == NO_MODE else mode)

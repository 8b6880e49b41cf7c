"""One-to-one optimal matching (the assignment problem), with numpy only.

SPEC §4 asks for optimal one-to-one matchings (events: most required
triples first, then most optional ones).  scipy and networkx are not
dependencies, so this is the classic Hungarian algorithm (Kuhn–Munkres,
potentials form, O(n³)) with its inner loop vectorised.
"""

from __future__ import annotations

import numpy as np


def _hungarian_min(cost: np.ndarray) -> np.ndarray:
    """Column assigned to each row of a square cost matrix, minimising total cost."""
    n = cost.shape[0]
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    p = np.zeros(n + 1, dtype=int)  # p[j]: row (1-based) assigned to column j; column 0 is a sentinel
    way = np.zeros(n + 1, dtype=int)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(n + 1, np.inf)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used[1:]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            masked = np.where(free, minv[1:], np.inf)
            j1 = int(np.argmin(masked)) + 1
            delta = masked[j1 - 1]
            used_cols = np.nonzero(used)[0]
            u[p[used_cols]] += delta
            v[used_cols] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    row_to_col = np.empty(n, dtype=int)
    for j in range(1, n + 1):
        row_to_col[p[j] - 1] = j - 1
    return row_to_col


def max_weight_matching(weights: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (row, col) of a one-to-one matching of greatest total weight.

    ``weights`` is a rows × cols matrix of non-negative numbers; 0 means "may
    not be paired".  Rows and columns without any edge are left out before
    solving, so sparse problems stay small.
    """
    w = np.asarray(weights, dtype=float)
    if w.size == 0:
        return []
    rows = np.nonzero((w > 0).any(axis=1))[0]
    cols = np.nonzero((w > 0).any(axis=0))[0]
    if len(rows) == 0:
        return []
    sub = w[np.ix_(rows, cols)]
    n = max(sub.shape)
    square = np.zeros((n, n))
    square[: sub.shape[0], : sub.shape[1]] = sub
    assignment = _hungarian_min(square.max() - square)
    pairs = []
    for r, c in enumerate(assignment):
        if r < sub.shape[0] and c < sub.shape[1] and sub[r, c] > 0:
            pairs.append((int(rows[r]), int(cols[c])))
    return pairs

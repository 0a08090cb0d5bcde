"""One-to-one links between the sentences of two articles: the optimal assignment, made cheap.

A sentence is the counterpart of at most one sentence of each other article (DESIGN §3), and
the links of an article pair maximise their summed score. The above-threshold pairs fall apart
into small connected groups (a sentence has a handful of plausible counterparts), and each group
is solved on its own: a single pair is a link; a group of a few rows is solved exactly by trying
every assignment (NumPy, no SciPy: importing `scipy.optimize` costs 0.2 s, more than a small
comparison takes); larger groups go to `scipy.optimize.linear_sum_assignment`, and groups too
large for it (repetitive text) are matched greedily, strongest first.
tests/core/test_matching.py checks that the exact small solver and SciPy agree.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from functools import cache

import numpy as np

log = logging.getLogger(__name__)

ASSIGNMENT_LIMIT = 4_000_000
"""Largest group (rows × columns) given to the optimal assignment; beyond, greedy."""

TRIED_LIMIT = 720
"""Groups with at most this many possible assignments (6 × 6, 3 × 10) are solved by trying
them all; larger ones by SciPy."""

UNION_FIND_LIMIT = 50_000
"""Up to this many pairs, groups are found in Python; beyond, with SciPy's graph routines."""

NON_EDGE = -1e6
"""The weight of a pair that is not scored: the solver never picks one if it can help it."""


def match(
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    n: int,
    m: int,
    alike: Callable[[int, int], float] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one links (row, col, score) maximising the summed score, solved per group.

    Ties (a sentence repeated in an article, two that normalise alike) are broken by
    `tie_break` with `alike(row, col)`, a 0–100 similarity of the pair's raw texts, and never
    by which of the two articles happens to come first.
    """
    if len(rows) == 0:
        return []
    labels = components(rows, cols, n)
    order = np.argsort(labels, kind="stable")
    rows, cols, scores, labels = rows[order], cols[order], scores[order], labels[order]
    bounds = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate(([0], bounds))
    stops = np.concatenate((bounds, [len(rows)]))
    out: list[tuple[int, int, float]] = []
    single = stops - starts == 1
    for k in starts[single].tolist():
        out.append((int(rows[k]), int(cols[k]), float(scores[k])))
    for a, b in zip(starts[~single].tolist(), stops[~single].tolist(), strict=True):
        out.extend(_solve(rows[a:b], cols[a:b], scores[a:b], n, m, alike))
    return out


def _solve(
    r: np.ndarray,
    c: np.ndarray,
    s: np.ndarray,
    n: int,
    m: int,
    alike: Callable[[int, int], float] | None,
) -> list[tuple[int, int, float]]:
    """The best one-to-one links within one connected group of scored pairs."""
    ur, ri = np.unique(r, return_inverse=True)
    uc, ci = np.unique(c, return_inverse=True)
    tied = tie_break(r, c, s, n, m, min(len(ur), len(uc)), alike)
    if len(ur) * len(uc) > ASSIGNMENT_LIMIT:
        return greedy(r, c, s, tied)
    weight = np.full((len(ur), len(uc)), NON_EDGE)
    weight[ri, ci] = tied
    score = np.zeros((len(ur), len(uc)))
    score[ri, ci] = s
    a_idx, b_idx = assign(weight)
    return [
        (int(ur[i]), int(uc[j]), float(score[i, j]))
        for i, j in zip(a_idx.tolist(), b_idx.tolist(), strict=True)
        if weight[i, j] > NON_EDGE
    ]


def assign(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of an assignment of the smaller side maximising the summed weight,
    as `scipy.optimize.linear_sum_assignment(weight, maximize=True)` returns it (rows
    ascending)."""
    r, c = weight.shape
    if _assignments(min(r, c), max(r, c)) <= TRIED_LIMIT:
        return _tried(weight)
    # scipy.optimize imports all its solvers (0.2 s): only when a group needs one.
    from scipy.optimize import linear_sum_assignment

    a, b = linear_sum_assignment(weight, maximize=True)
    return np.asarray(a), np.asarray(b)


def _assignments(k: int, n: int) -> int:
    """How many ways `k` rows can take distinct columns of `n` (n! / (n - k)!)."""
    out = 1
    for v in range(n - k + 1, n + 1):
        out *= v
    return out


@cache
def _permutations(k: int, n: int) -> np.ndarray:
    """Every ordered choice of `k` distinct values of range(n), one per row."""
    return np.array(list(itertools.permutations(range(n), k)), dtype=np.int64).reshape(-1, k)


def _tried(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The exact optimum by trying every assignment of the smaller side (a few hundred)."""
    r, c = weight.shape
    if r <= c:
        choices = _permutations(r, c)
        best = choices[_best(weight[np.arange(r), choices])]
        return np.arange(r), best
    choices = _permutations(c, r)
    best = choices[_best(weight.T[np.arange(c), choices])]
    order = np.argsort(best)
    return best[order], np.arange(c)[order]


def _best(chosen: np.ndarray) -> int:
    """The first assignment (a row of `chosen`, the weights it takes) with the most real pairs,
    then the largest sum of their weights.

    Not one sum with `NON_EDGE` in it: beside -1e6 a double keeps only ~1e-10, and the tie
    break's nudges (down to 1e-12) were lost, so two equally scored pairs were chosen by
    permutation order instead of by the tie rule (found by test_matching's property test)."""
    real = chosen > NON_EDGE
    counts = real.sum(axis=1)
    totals = np.where(real, chosen, 0.0).sum(axis=1)
    totals[counts < counts.max()] = -np.inf
    return int(np.argmax(totals))


def components(rows: np.ndarray, cols: np.ndarray, n: int) -> np.ndarray:
    """The connected group of each pair of the bipartite graph (rows 0…n-1, columns after)."""
    if len(rows) > UNION_FIND_LIMIT:
        from scipy import sparse
        from scipy.sparse.csgraph import connected_components

        size = n + int(cols.max()) + 1
        graph = sparse.coo_matrix((np.ones(len(rows)), (rows, n + cols)), shape=(size, size))
        _, labels = connected_components(graph, directed=False)
        return np.asarray(labels[rows])
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while (up := parent.get(x, x)) != x:
            parent[x] = parent.get(up, up)  # halve the path as we go
            x = up
        return x

    for a, b in zip(rows.tolist(), (cols + n).tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([root(a) for a in rows.tolist()], dtype=np.int64)


def tie_break(
    r: np.ndarray,
    c: np.ndarray,
    s: np.ndarray,
    n: int,
    m: int,
    pairs: int,
    alike: Callable[[int, int], float] | None,
) -> np.ndarray:
    """Scores made free of ties in a way that does not depend on which article is first.

    Normalised forms tie often ("Moscow Kyiv." and "Kyiv Moscow Kyiv." have the same content
    words), and then the assignment solver would pick by row order, so reordering the panes
    would move links. Scores are rounded to 1e-4 (float noise in a sum must not decide), then
    nudged by less than 1e-4 in total over any matching: among equally good matchings, the one
    whose texts are more alike wins, then the one whose pairs sit at closer relative positions
    in their articles, then the one with earlier sentences. Each measure is symmetric in the two
    articles.
    """
    sim = np.zeros(len(r))
    if alike is not None:
        sim = np.array([alike(i, j) for i, j in zip(r.tolist(), c.tolist(), strict=True)]) / 100
    p, q = r / max(n, 1), c / max(m, 1)
    nudge = sim + 1e-3 * ((1.0 - np.abs(p - q)) + 1e-3 * (1.0 - (p + q) / 2))
    return np.round(s, 4) + nudge * (1e-4 / 1.002 / (pairs + 1))


def greedy(
    r: np.ndarray, c: np.ndarray, s: np.ndarray, tied: np.ndarray
) -> list[tuple[int, int, float]]:
    """Links strongest first, each sentence at most once (groups too large to solve)."""
    used_r: set[int] = set()
    used_c: set[int] = set()
    out = []
    for k in np.argsort(-tied, kind="stable"):
        if int(r[k]) not in used_r and int(c[k]) not in used_c:
            used_r.add(int(r[k]))
            used_c.add(int(c[k]))
            out.append((int(r[k]), int(c[k]), float(s[k])))
    return out

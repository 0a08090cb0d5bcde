"""Related pairs: sentences of two articles that share part of their information.

Reports split and merge facts: one outlet's long sentence carries what another says in two, or
two outlets frame one point in opposite ways. Such pairs are not links (they change no claim
and no status) but the window and the JSON list them as `Comparison.related`, at most one per
sentence and other article (the strongest). Two kinds, both measured on labelled
sets (tests/benchmarks/test_alignment_quality.py):

- pairs that are not links but score within `related_margin` of the threshold (the band);
- for scorers with a clause measure (`Prepared.partial`: the sentence model), pairs further
  down, to `threshold - partial_margin` but never below `partial_floor`, whose two sentences
  are each other's best-scoring sentence in the other article and whose closest clauses score
  at least `partial_threshold`: one clause of a long sentence carries what the other says ("no
  fixed red line on sending troops …, and …" / "no concrete discussions about deploying
  American forces …").

Clauses cost the model's time, so the clause rule looks at the strongest such pairs of the whole
comparison first and stops when their clauses would pass `PARTIAL_CLAUSES` (a fraction of a
second of embedding), and it is off in comparisons of more than `PARTIAL_LIMIT` sentences
(a threshold change there must never embed). `align()` feeds each article pair's scores to a
`RelatedFinder` and asks it for the pairs at the end.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from desktop.core.comparison import Scoring
from desktop.core.options import AlignOptions
from desktop.core.scoring import Prepared, ScorerUnavailable
from desktop.core.scoring import get as get_scorer

log = logging.getLogger(__name__)

PARTIAL_LIMIT = 500
"""Largest comparison (sentences that may link) in which the clause rule runs."""

PARTIAL_CLAUSES = 120
"""Most clauses the clause rule embeds for one comparison (about 0.4 s on two cores): the
strongest candidate pairs get theirs first. The sample set needs about 60."""

Found = list[tuple[int, int, float]]
"""(row, col, score) of related pairs of one article pair."""


@dataclass
class RelatedFinder:
    """Collects the related pairs of one comparison, article pair by article pair."""

    prepared: Prepared
    near: float
    """Pairs from here up (to the threshold) are related if they are not links."""
    floor: float
    """The lowest score a related pair may have: `align()` scores pairs down to here."""
    partial_threshold: float
    ids: list[str]
    found: dict[tuple[int, int], Found] = field(default_factory=dict)
    _taken: dict[tuple[int, int], tuple[set[int], set[int]]] = field(default_factory=dict)
    _candidates: list[tuple[float, str, int, str, int, int, int, float]] = field(
        default_factory=list
    )

    @classmethod
    def of(cls, prepared: Prepared, scoring: Scoring, options: AlignOptions) -> RelatedFinder:
        threshold = scoring.threshold
        near = max(0.0, threshold - options.related_margin)
        scorer = get_scorer(scoring.scorer)
        floor = near
        sentences = sum(int(p.linkable.sum()) for p in prepared.lexical) if prepared else 0
        if scorer.partial_margin > 0 and sentences <= PARTIAL_LIMIT:
            floor = min(near, max(scorer.partial_floor, threshold - scorer.partial_margin))
        ids = [p.article.id for p in prepared.lexical] if prepared else []
        return cls(prepared, near, floor, scorer.partial_threshold, ids)

    @property
    def clause_rule(self) -> bool:
        return self.floor < self.near

    def add(
        self,
        i: int,
        j: int,
        rows: np.ndarray,
        cols: np.ndarray,
        scores: np.ndarray,
        linked: set[tuple[int, int]],
    ) -> None:
        """Article pair (i, j)'s scored pairs (from `floor` up) and its links."""
        order = np.lexsort((cols, rows, -np.round(scores, 6)))
        above = scores >= self.near
        found: Found = []
        used_rows: set[int] = set()
        used_cols: set[int] = set()
        for k in order[above[order]]:
            r, c = int(rows[k]), int(cols[k])
            if (r, c) in linked or r in used_rows or c in used_cols:
                continue
            used_rows.add(r)
            used_cols.add(c)
            found.append((r, c, float(scores[k])))
        self.found[i, j] = found
        self._taken[i, j] = (used_rows, used_cols)
        if not self.clause_rule:
            return
        below = mutual_best(rows, cols, scores) & ~above
        for k in order[below[order]]:
            r, c = int(rows[k]), int(cols[k])
            if (r, c) not in linked:
                score = float(scores[k])
                key = -round(score, 6)
                self._candidates.append((key, self.ids[i], r, self.ids[j], c, i, j, score))

    def pairs(self) -> dict[tuple[int, int], Found]:
        """Every article pair's related pairs, once all were added: the band's, then the
        clause rule's (strongest first, within `PARTIAL_CLAUSES`)."""
        chosen: list[tuple[float, int, int, int, int]] = []
        spent = 0
        counted: set[tuple[int, int]] = set()
        for *_key, r, _b, c, i, j, score in sorted(self._candidates):
            cost = sum(
                self.prepared.partial_cost(x, s)
                for x, s in ((i, r), (j, c))
                if (x, s) not in counted
            )
            if spent + cost > PARTIAL_CLAUSES:
                break
            spent += cost
            counted.update(((i, r), (j, c)))
            chosen.append((score, i, r, j, c))
        if not chosen:
            return self.found
        try:
            values = self.prepared.partials([(i, r, j, c) for _, i, r, j, c in chosen])
        except ScorerUnavailable as exc:  # the model went away after the sentences embedded
            log.info("clauses not scored: %s", exc)
            return self.found
        for (score, i, r, j, c), value in zip(chosen, values, strict=True):
            if value is None or value < self.partial_threshold:
                continue
            used_rows, used_cols = self._taken[i, j]
            if r in used_rows or c in used_cols:
                continue
            used_rows.add(r)
            used_cols.add(c)
            self.found[i, j].append((r, c, score))
        return self.found


def mutual_best(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """For each scored pair: True if it is the best-scoring pair of its row and of its column."""
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    row_best = np.full(int(rows.max()) + 1, -np.inf)
    col_best = np.full(int(cols.max()) + 1, -np.inf)
    np.maximum.at(row_best, rows, scores)
    np.maximum.at(col_best, cols, scores)
    return np.asarray((scores >= row_best[rows]) & (scores >= col_best[cols]))

"""The `token_sort` scorer: every word sorted, fuzzy ratio (rapidfuzz token_sort_ratio).

Normalising and sorting once per sentence and scoring with `fuzz.ratio` equals
`token_sort_ratio` exactly and is 6.5× faster (DESIGN §3).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from desktop.core import threads
from desktop.core.article import Article
from desktop.core.options import CancelledCallback, ProgressCallback, never_cancelled, no_progress
from desktop.core.scoring import lexical
from desktop.core.scoring.base import Prepared, Scorer
from desktop.core.scoring.content import _unlinkable_zero, ratios


class RatioPrepared(Prepared):
    """Scores the lexical strings with one rapidfuzz scorer."""

    words_find_pairs = False
    """Their strings keep stop words, and pairs sharing only those can score high: the
    content-word index would miss them, so they are scored in full (up to `DENSE_LIMIT`)."""

    def __init__(self, ratio: Callable[..., Any], *args: Any) -> None:
        super().__init__(*args)
        self._ratio = ratio

    def block(self, i: int, j: int, cutoff: float = 0.0) -> np.ndarray:
        pa, pb = self.lexical[i], self.lexical[j]
        scores = process.cdist(
            pa.strings, pb.strings, scorer=self._ratio, dtype=np.float32,
            workers=threads.workers(len(pa.strings) * len(pb.strings)), score_cutoff=cutoff,
        )  # fmt: skip
        return _unlinkable_zero(scores, pa.linkable, pb.linkable)

    def pairs(
        self, i: int, j: int, rows: np.ndarray, cols: np.ndarray, cutoff: float = 0.0
    ) -> np.ndarray:
        pa, pb = self.lexical[i], self.lexical[j]
        scores = ratios(pa.strings, pb.strings, rows, cols, self._ratio)
        return np.where(pa.linkable[rows] & pb.linkable[cols], scores, 0.0)

    def one(self, i: int, r: int, j: int, c: int) -> float:
        pa, pb = self.lexical[i], self.lexical[j]
        if not pa.strings[r] or not pb.strings[c]:
            return 0.0
        return float(self._ratio(pa.strings[r], pb.strings[c]))


class TokenSortScorer(Scorer):
    name = "token_sort"
    description = "all words sorted, fuzzy ratio (rapidfuzz token_sort_ratio)"
    default_threshold = 60.0
    order = 40

    def prepare(
        self,
        articles: Sequence[Article],
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
        embed_limit: int = 0,
    ) -> RatioPrepared:
        return RatioPrepared(fuzz.ratio, *lexical.prepare(articles, lexical.sorted_form))


SCORER = TokenSortScorer()

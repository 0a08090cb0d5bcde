"""The `content` scorer: sorted content words, half fuzzy character ratio, half weighted overlap.

The character ratio of the sorted content words (rapidfuzz) catches rewording, inflection and
spelling variants; the weighted Dice overlap of those words, each weighing by its rarity across
the comparison (names less), keeps sentences that share only the story's names and "said on
Monday" apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from desktop.core import threads
from desktop.core.article import Article
from desktop.core.options import CancelledCallback, ProgressCallback, never_cancelled, no_progress
from desktop.core.scoring import lexical
from desktop.core.scoring.base import Prepared, Scorer
from desktop.core.text import Weights


class ContentPrepared(Prepared):
    def block(self, i: int, j: int, cutoff: float = 0.0) -> np.ndarray:
        pa, pb = self.lexical[i], self.lexical[j]
        # 0.5·ratio + 50·dice ≥ cutoff needs ratio ≥ 2·cutoff − 100: pairs below drop exactly.
        ratio = process.cdist(
            pa.strings, pb.strings, scorer=fuzz.ratio, dtype=np.float32,
            workers=threads.workers(len(pa.strings) * len(pb.strings)),
            score_cutoff=min(100.0, max(0.0, 2 * cutoff - 100)),
        )  # fmt: skip
        shared = lexical.shared_block(pa, pb)
        dice = lexical.dice(shared, pa.totals[:, None], pb.totals[None, :])
        scores = 0.5 * ratio + 50.0 * dice
        return _unlinkable_zero(scores, pa.linkable, pb.linkable)

    def pairs(
        self, i: int, j: int, rows: np.ndarray, cols: np.ndarray, cutoff: float = 0.0
    ) -> np.ndarray:
        pa, pb = self.lexical[i], self.lexical[j]
        dice = lexical.dice(
            lexical.shared_weight(pa, pb, rows, cols), pa.totals[rows], pb.totals[cols]
        )
        # Pairs whose overlap alone cannot reach the cutoff skip the ratio.
        hopeful = 50.0 + 50.0 * dice >= cutoff
        ratio = np.zeros(len(rows))
        ratio[hopeful] = ratios(pa.strings, pb.strings, rows[hopeful], cols[hopeful])
        scores = np.where(hopeful, 0.5 * ratio + 50.0 * dice, 0.0)
        return np.where(pa.linkable[rows] & pb.linkable[cols], scores, 0.0)

    def scores_of(self, x: np.ndarray, y: np.ndarray, cutoff: float = 0.0) -> np.ndarray:
        f = self.flat
        dice = lexical.dice(lexical.pair_overlap(f.csr, f.csr, x, y), f.totals[x], f.totals[y])
        hopeful = (50.0 + 50.0 * dice >= cutoff) & f.linkable[x] & f.linkable[y]
        ratio = np.zeros(len(x))
        ratio[hopeful] = ratios(f.strings, f.strings, x[hopeful], y[hopeful])
        return np.where(hopeful, 0.5 * ratio + 50.0 * dice, 0.0)

    def one(self, i: int, r: int, j: int, c: int) -> float:
        pa, pb = self.lexical[i], self.lexical[j]
        if not pa.strings[r] or not pb.strings[c]:
            return 0.0
        overlap = self.weights.dice(pa.tokens[r], pb.tokens[c], pa.totals[r], pb.totals[c])
        return 0.5 * fuzz.ratio(pa.strings[r], pb.strings[c]) + 50.0 * overlap

    def parts(self, i: int, r: int, j: int, c: int) -> dict[str, float]:
        pa, pb = self.lexical[i], self.lexical[j]
        if not pa.strings[r] or not pb.strings[c]:
            return {"ratio": 0.0, "overlap": 0.0}
        overlap = self.weights.dice(pa.tokens[r], pb.tokens[c], pa.totals[r], pb.totals[c])
        return {"ratio": float(fuzz.ratio(pa.strings[r], pb.strings[c])), "overlap": 100 * overlap}


def ratios(
    a: list[str], b: list[str], rows: np.ndarray, cols: np.ndarray, scorer: Any = fuzz.ratio
) -> np.ndarray:
    """`scorer(a[rows[k]], b[cols[k]])` for every k, in one call into rapidfuzz."""
    if len(rows) == 0:
        return np.zeros(0)
    return np.asarray(
        process.cpdist(
            [a[r] for r in rows.tolist()], [b[c] for c in cols.tolist()], scorer=scorer,
            dtype=np.float32, workers=threads.workers(len(rows)),
        ),
        dtype=np.float64,
    )  # fmt: skip


def _unlinkable_zero(scores: np.ndarray, rows_ok: np.ndarray, cols_ok: np.ndarray) -> np.ndarray:
    """rapidfuzz scores two empty strings 100; a sentence with no content word links nothing."""
    out = np.asarray(scores, dtype=np.float64)
    out[~rows_ok, :] = 0
    out[:, ~cols_ok] = 0
    return out


class ContentScorer(Scorer):
    name = "content"
    description = (
        "content words (stop words and reporting boilerplate dropped), sorted, fuzzy ratio "
        "and weighted overlap"
    )
    default_threshold = 50.0
    order = 30

    def from_lexical(
        self, lexical: list[lexical.LexicalArticle], weights: Weights
    ) -> ContentPrepared:
        return ContentPrepared(lexical, weights)

    def prepare(
        self,
        articles: Sequence[Article],
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
        embed_limit: int = 0,
    ) -> ContentPrepared:
        return ContentPrepared(*lexical.prepare(articles, lexical.content_form))


SCORER = ContentScorer()

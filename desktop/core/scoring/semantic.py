"""The `semantic` scorer: the cosine of two sentences' embeddings (all-MiniLM-L6-v2), 0–100.

It links paraphrases that share few words ("boots on the ground" / "troops"), but it also
scores sentences that differ in one fact ("no red line" / "a red line": 0.82) as alike: conflicts
come from the explicit checks in `framing`, never from the score.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from desktop.core.article import Article
from desktop.core.options import CancelledCallback, ProgressCallback, never_cancelled, no_progress
from desktop.core.scoring import lexical
from desktop.core.scoring.base import Prepared, Scorer, ScorerUnavailable
from desktop.core.scoring.minilm import DIM, MODEL
from desktop.core.scoring.vectors import Encoder, embed
from desktop.core.text import Weights, language_code

ALL_AT_ONCE = 4000
"""Comparisons of up to this many sentences get every cosine from one product (64 MB)."""


class SemanticPrepared(Prepared):
    words_find_pairs = False

    def __init__(
        self, lexical: list[lexical.LexicalArticle], weights: Weights, vectors: list[np.ndarray]
    ) -> None:
        super().__init__(lexical, weights)
        self.vectors = vectors
        self._offsets = np.cumsum([0] + [len(v) for v in vectors])
        self._all: np.ndarray | None = None

    def _dots(self, i: int, j: int) -> np.ndarray:
        """Dot products of article `i`'s vectors with article `j`'s.

        Up to `ALL_AT_ONCE` sentences, every product of the comparison comes from one matrix
        product, computed on first use: many small products (20 articles make 190 blocks) let
        BLAS's threads and rapidfuzz's fight over the cores, which made them 4× slower.
        """
        if self._offsets[-1] > ALL_AT_ONCE:
            return self.vectors[i] @ self.vectors[j].T
        if self._all is None:
            stacked = np.concatenate(self.vectors) if self.vectors else np.zeros((0, DIM))
            self._all = stacked @ stacked.T
        o = self._offsets
        return self._all[o[i] : o[i + 1], o[j] : o[j + 1]]

    def block(self, i: int, j: int, cutoff: float = 0.0) -> np.ndarray:
        pa, pb = self.lexical[i], self.lexical[j]
        cos = np.clip(self._dots(i, j), 0.0, 1.0).astype(np.float64) * 100
        cos[~pa.linkable, :] = 0
        cos[:, ~pb.linkable] = 0
        return cos

    def pairs(
        self, i: int, j: int, rows: np.ndarray, cols: np.ndarray, cutoff: float = 0.0
    ) -> np.ndarray:
        pa, pb = self.lexical[i], self.lexical[j]
        dots = np.einsum("ij,ij->i", self.vectors[i][rows], self.vectors[j][cols])
        cos = np.clip(dots, 0.0, 1.0).astype(np.float64) * 100
        return np.where(pa.linkable[rows] & pb.linkable[cols], cos, 0.0)

    def one(self, i: int, r: int, j: int, c: int) -> float:
        if not self.lexical[i].strings[r] or not self.lexical[j].strings[c]:
            return 0.0
        dot = float(self.vectors[i][r] @ self.vectors[j][c])
        return min(1.0, max(0.0, dot)) * 100

    def parts(self, i: int, r: int, j: int, c: int) -> dict[str, float]:
        return {"cosine": self.one(i, r, j, c)}


def embed_articles(
    lex: list[lexical.LexicalArticle],
    encoder: Encoder,
    progress: ProgressCallback,
    cancelled: CancelledCallback,
    limit: int,
) -> list[np.ndarray]:
    """Each article's sentence vectors (zero rows for sentences that never link).

    Raises `ScorerUnavailable` when an article's language is one the model does not read,
    when there are more than `limit` distinct sentences (if `limit` > 0), or when the model
    cannot load.
    """
    foreign = sorted({language_code(p.article.language) for p in lex} - set(encoder.languages))
    if foreign:
        raise ScorerUnavailable(
            f"the sentence model reads {', '.join(sorted(encoder.languages))} only, and some "
            f"articles are in {', '.join(foreign)}"
        )
    texts = [
        s.text for p in lex for s, ok in zip(p.article.sentences, p.linkable, strict=True) if ok
    ]
    distinct = len(set(texts))
    if limit and distinct > limit:
        raise ScorerUnavailable(
            f"{distinct:,} sentences are more than the sentence model embeds in a few seconds "
            f"(limit {limit:,})"
        )
    vectors = embed(texts, encoder, DIM, progress, cancelled)
    out, k = [], 0
    for p in lex:
        rows = np.zeros((len(p.strings), DIM), dtype=np.float32)
        ok = np.flatnonzero(p.linkable)
        rows[ok] = vectors[k : k + len(ok)]
        k += len(ok)
        out.append(rows)
    return out


class SemanticScorer(Scorer):
    name = "semantic"
    description = "meaning: cosine of sentence embeddings (all-MiniLM-L6-v2, runs on this computer)"
    default_threshold = 70.0
    """Train's best is 71.5 (STS-B news dev F1 0.939 at 70)."""
    related_margin = 5.0
    order = 20
    model = MODEL.label

    def prepare(
        self,
        articles: Sequence[Article],
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
        embed_limit: int = 0,
    ) -> SemanticPrepared:
        lex, weights = lexical.prepare(articles, lexical.content_form)
        try:
            vectors = embed_articles(lex, MODEL, progress, cancelled, embed_limit)
        except ScorerUnavailable as exc:
            exc.lexical = (lex, weights)
            raise
        return SemanticPrepared(lex, weights, vectors)


SCORER = SemanticScorer()

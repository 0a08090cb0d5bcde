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
from desktop.core.scoring.clauses import clauses
from desktop.core.scoring.minilm import DIM, MODEL
from desktop.core.scoring.vectors import Encoder, embed
from desktop.core.text import Weights, language_code

ALL_AT_ONCE = 4000
"""Comparisons of up to this many sentences get every cosine from one product (64 MB)."""


class SemanticPrepared(Prepared):
    words_find_pairs = False

    def __init__(
        self,
        lexical: list[lexical.LexicalArticle],
        weights: Weights,
        vectors: list[np.ndarray],
        encoder: Encoder = MODEL,
    ) -> None:
        super().__init__(lexical, weights)
        self.vectors = vectors
        self.encoder = encoder
        self._clauses: dict[tuple[int, int], np.ndarray] = {}
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

    def partial(self, i: int, r: int, j: int, c: int) -> float | None:
        """The cosine of the closest pair of clauses (`clauses.clauses`) of the two sentences.

        Clauses are embedded when first asked for (only for the few pairs the aligner asks
        about), through the same caches as sentences; a sentence of one clause is its own."""
        return self.partials([(i, r, j, c)])[0]

    def partials(self, pairs: Sequence[tuple[int, int, int, int]]) -> list[float | None]:
        self._embed_clauses([(i, r) for i, r, _, _ in pairs] + [(j, c) for _, _, j, c in pairs])
        out: list[float | None] = []
        for i, r, j, c in pairs:
            if not self.lexical[i].strings[r] or not self.lexical[j].strings[c]:
                out.append(0.0)
                continue
            best = float((self._clauses[i, r] @ self._clauses[j, c].T).max())
            out.append(min(1.0, max(0.0, best)) * 100)
        return out

    def partial_cost(self, i: int, r: int) -> int:
        parts = self._parts(i, r)
        return len(parts) if len(parts) > 1 else 0

    def _parts(self, i: int, r: int) -> list[str]:
        article = self.lexical[i].article
        return clauses(article.sentences[r].text, article.language)

    def _embed_clauses(self, sentences: list[tuple[int, int]]) -> None:
        """Clause vectors of these (article, sentence)s, in one call to the caches and model."""
        wanted: dict[tuple[int, int], list[str]] = {}
        for i, r in dict.fromkeys(sentences):
            if (i, r) in self._clauses:
                continue
            parts = self._parts(i, r)
            if len(parts) == 1:
                self._clauses[i, r] = self.vectors[i][r : r + 1]
            else:
                wanted[i, r] = parts
        if not wanted:
            return
        texts = [t for parts in wanted.values() for t in parts]
        found = embed(texts, self.encoder, DIM)
        k = 0
        for key, parts in wanted.items():
            self._clauses[key] = found[k : k + len(parts)]
            k += len(parts)


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
    partial_margin = 20.0
    partial_threshold = 60.0
    partial_floor = 50.0
    """As the hybrid's clause rule (pairs to 50, closest clauses 60 or more); on the security
    set it takes the related pairs from 28 (24 right) to 45 (37 right)."""
    order = 20
    model = MODEL.label

    def prepare(
        self,
        articles: Sequence[Article],
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
        embed_limit: int = 0,
    ) -> SemanticPrepared:
        return SemanticPrepared(*prepare_embedded(articles, progress, cancelled, embed_limit))


def prepare_embedded(
    articles: Sequence[Article],
    progress: ProgressCallback,
    cancelled: CancelledCallback,
    embed_limit: int,
) -> tuple[list[lexical.LexicalArticle], Weights, list[np.ndarray]]:
    """The content preparation and every sentence's vector. If the model cannot run, the
    `ScorerUnavailable` carries the preparation, so the fallback to content reuses it."""
    lex, weights = lexical.prepare(articles, lexical.content_form)
    try:
        vectors = embed_articles(lex, MODEL, progress, cancelled, embed_limit)
    except ScorerUnavailable as exc:
        exc.lexical = (lex, weights)
        raise
    return lex, weights, vectors


SCORER = SemanticScorer()

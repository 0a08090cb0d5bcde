"""The interface every scorer implements, so the aligner never needs to know which one runs.

A `Scorer` is a stateless description (name, description, default threshold) that `prepare`s a
set of articles once: the result, a `Prepared`, holds whatever the scorer worked out per
sentence (normalised words, embeddings) and scores pairs of sentences of two of those articles,
either as a dense block (all pairs of two articles) or for given candidate pairs (rows, cols),
so a candidate index over all articles (issue 17) can ask for exactly the pairs it found.
Scores are 0–100; a sentence without a content word scores 0 against everything.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from desktop.core.article import Article
from desktop.core.errors import ParallaxError
from desktop.core.options import (
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.core.scoring.lexical import Flat, LexicalArticle, flatten
from desktop.core.text import Weights


class ScorerUnavailable(ParallaxError):
    """A scorer cannot run on these articles (its model cannot load, the input is too large
    to embed in a few seconds, or a language it cannot read); the aligner falls back."""

    lexical: tuple[list[LexicalArticle], Weights] | None = None
    """The content-form preparation the scorer had done when it found it cannot run, so the
    fallback need not do it again (a second of 20,000 sentences)."""


@dataclass(frozen=True)
class Explanation:
    """One pair's score and what it is made of (for "why (not) linked?" views)."""

    score: float
    parts: dict[str, float] = field(default_factory=dict)
    """Named components, each 0–100 (e.g. {"content": 41.2, "cosine": 73.0})."""
    shared_words: tuple[str, ...] = ()
    """Content stems the two sentences share, heaviest first."""
    linkable: bool = True
    """False when one side has no content word (a dateline, "He said so."): it never links."""


class Prepared(ABC):
    """A scorer's view of one set of articles: scores pairs of their sentences."""

    words_find_pairs: bool = True
    """Whether every pair this scorer links shares content words, so that a candidate index
    over words finds them (False for the semantic scorers: paraphrase may share none)."""

    def __init__(self, lexical: list[LexicalArticle], weights: Weights) -> None:
        self.lexical = lexical
        self.weights = weights

    @property
    def articles(self) -> list[Article]:
        return [p.article for p in self.lexical]

    @abstractmethod
    def block(self, i: int, j: int, cutoff: float = 0.0) -> np.ndarray:
        """Scores of every sentence of article `i` against every sentence of article `j`
        (float64, shape n_i × n_j). Entries below `cutoff` may be returned as 0."""

    @abstractmethod
    def pairs(
        self, i: int, j: int, rows: np.ndarray, cols: np.ndarray, cutoff: float = 0.0
    ) -> np.ndarray:
        """Scores of the given pairs (sentence rows[k] of `i`, cols[k] of `j`); entries below
        `cutoff` may be returned as 0."""

    @cached_property
    def flat(self) -> Flat:
        """Every sentence in one numbering, article after article (built on first use)."""
        return flatten(self.lexical)

    def scores_of(self, x: np.ndarray, y: np.ndarray, cutoff: float = 0.0) -> np.ndarray:
        """Scores of pairs named by `flat` numbers (x[k] and y[k] in different articles),
        as `pairs` gives them; scorers may score them all at once instead of per article
        pair (a hundred articles make 4,950 pairs)."""
        flat = self.flat
        out = np.zeros(len(x))
        ax, ay = flat.article[x], flat.article[y]
        key = ax * len(self.lexical) + ay
        order = np.argsort(key, kind="stable")
        bounds = np.flatnonzero(np.diff(key[order])) + 1
        for part in np.split(order, bounds):
            if len(part) == 0:
                continue
            i, j = int(ax[part[0]]), int(ay[part[0]])
            rows, cols = x[part] - flat.offsets[i], y[part] - flat.offsets[j]
            out[part] = self.pairs(i, j, rows, cols, cutoff)
        return out

    def parts(self, i: int, r: int, j: int, c: int) -> dict[str, float]:
        """The named components of one pair's score (the scorer's own measures)."""
        return {}

    def partial(self, i: int, r: int, j: int, c: int) -> float | None:
        """How alike the closest clauses of the two sentences are (0–100), for telling pairs
        that share part of their information from pairs that only share a topic; None when
        the scorer has no such measure (then only pairs near the threshold are related)."""
        return None

    def partials(self, pairs: Sequence[tuple[int, int, int, int]]) -> list[float | None]:
        """`partial` of several pairs (i, r, j, c), worked out together."""
        return [self.partial(i, r, j, c) for i, r, j, c in pairs]

    def partial_cost(self, i: int, r: int) -> int:
        """How many texts `partial` embeds for sentence `r` of article `i` (0: none)."""
        return 0

    def one(self, i: int, r: int, j: int, c: int) -> float:
        """The exact score of one pair, as `block` and `pairs` give it."""
        return float(self.pairs(i, j, np.array([r]), np.array([c]))[0])

    def explain(self, i: int, r: int, j: int, c: int) -> Explanation:
        pa, pb = self.lexical[i], self.lexical[j]
        shared = sorted(pa.tokens[r] & pb.tokens[c], key=lambda t: (-self.weights[t], t))
        return Explanation(
            score=self.one(i, r, j, c),
            parts=self.parts(i, r, j, c),
            shared_words=tuple(shared),
            linkable=bool(pa.strings[r]) and bool(pb.strings[c]),
        )


class Scorer(ABC):
    """A way of scoring sentence pairs; one instance per scorer lives in the registry."""

    name: str = ""
    description: str = ""
    default_threshold: float = 50.0
    related_margin: float = 15.0
    """Pairs scoring at least `threshold - related_margin` that are not links may be related."""
    partial_margin: float = 0.0
    """Also related: a pair scoring at least `threshold - partial_margin` whose two sentences
    are each other's best-scoring sentence in the other article and whose closest clauses
    score at least `partial_threshold` (`Prepared.partial`); 0 turns this off."""
    partial_threshold: float = 100.0
    partial_floor: float = 0.0
    """The clause rule never looks below this score, whatever the threshold: lower down almost
    every sentence has a best match somewhere, and each would need its clauses embedded."""
    order: int = 100
    """Position in the lists the CLI and the window show."""
    model: str = ""
    """The model it runs, in a few words ("" for the lexical scorers)."""

    def from_lexical(self, lexical: list[LexicalArticle], weights: Weights) -> Prepared | None:
        """This scorer prepared from a content-form preparation made for another, or None if
        it needs its own."""
        return None

    @abstractmethod
    def prepare(
        self,
        articles: Sequence[Article],
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
        embed_limit: int = 0,
    ) -> Prepared:
        """Work out everything per sentence once. Raises `ScorerUnavailable` if it cannot run
        (then the aligner uses `content`); `embed_limit` > 0 caps the sentences a model may
        embed."""

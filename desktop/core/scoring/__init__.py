"""The scorers, behind one registry that the CLI (`--scorer`) and the window's scorer box list.

Each module of this package that defines `SCORER` (an instance of `base.Scorer`) is one
scorer: `content`, `token_sort`, `token_set` (lexical), `semantic` (sentence embeddings) and
`hybrid` (both). Adding a scorer, e.g. one running a multilingual model, is adding one module
here. Importing the registry imports no model: a model loads when its scorer first runs.

`explain_pair` scores one pair with its components, for views that ask why two sentences are
(not) linked.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.scoring.base import Explanation, Prepared, Scorer, ScorerUnavailable

__all__ = [
    "Explanation",
    "PairExplanation",
    "Prepared",
    "Scorer",
    "ScorerUnavailable",
    "default_threshold",
    "describe",
    "explain_pair",
    "get",
    "names",
    "scorers",
]

DEFAULT = "hybrid"
"""The scorer used when none is named (chosen by tests/benchmarks/test_alignment_quality.py)."""

FALLBACK = "content"
"""The scorer used when the chosen one cannot run (its model cannot load, the input is large)."""


@cache
def scorers() -> dict[str, Scorer]:
    """Every scorer by name, in the order the lists show them."""
    found: list[Scorer] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        scorer = getattr(module, "SCORER", None)
        if isinstance(scorer, Scorer):
            found.append(scorer)
    found.sort(key=lambda s: (s.order, s.name))
    return {s.name: s for s in found}


def names() -> list[str]:
    return list(scorers())


def get(name: str) -> Scorer:
    try:
        return scorers()[name]
    except KeyError:
        known = ", ".join(scorers())
        raise ValueError(f"unknown scorer {name!r}; choose one of: {known}") from None


def describe(name: str) -> str:
    """The scorer's one-line description ("" for an unknown name)."""
    scorer = scorers().get(name)
    return scorer.description if scorer else ""


def default_threshold(name: str) -> float:
    return get(name).default_threshold


@dataclass(frozen=True)
class PairExplanation:
    """Why two sentences of a comparison are linked, related or neither."""

    scorer: str
    """The scorer that scored them (the fallback, if the chosen one could not run)."""
    threshold: float
    score: float
    parts: dict[str, float]
    shared_words: tuple[str, ...]
    linkable: bool
    verdict: str
    """"linked", "related", "unlinked by hand", "no content words", "below threshold", or
    "outscored" (one of them is linked to another sentence of the other's article)."""
    rivals: tuple[tuple[SentenceRef, float], ...] = ()
    """For "outscored": (the other counterpart, its score) for each side that has one."""


def explain_pair(comparison: Comparison, x: SentenceRef, y: SentenceRef) -> PairExplanation:
    """Score sentences `x` and `y` (`SentenceRef`s of two articles of `comparison`) as the
    aligner did, and say why they are or are not linked.

    The articles are prepared again with the scorer that made the comparison (embeddings come
    from the cache, so this is quick after an alignment).
    """
    if x.article == y.article:
        raise ValueError("both sentences are in one article")
    used = comparison.scoring
    articles = list(comparison.articles)
    index = {a.id: k for k, a in enumerate(articles)}
    prepared = get(used.scorer).prepare(articles)
    i, j = index[x.article], index[y.article]
    e = prepared.explain(i, x.sentence, j, y.sentence)
    verdict, rivals = _verdict(comparison, x, y, e, used.threshold)
    return PairExplanation(
        scorer=used.scorer,
        threshold=used.threshold,
        score=round(e.score, 2),
        parts={k: round(v, 2) for k, v in e.parts.items()},
        shared_words=e.shared_words,
        linkable=e.linkable,
        verdict=verdict,
        rivals=rivals,
    )


def _verdict(
    comparison: Comparison, x: SentenceRef, y: SentenceRef, e: Explanation, threshold: float
) -> tuple[str, tuple[tuple[SentenceRef, float], ...]]:
    if comparison.link_between(x, y) is not None:
        return "linked", ()
    if comparison.corrections.is_unlinked(x, y):
        return "unlinked by hand", ()
    if comparison.related_between(x, y) is not None:
        return "related", ()
    if not e.linkable:
        return "no content words", ()
    rivals = []
    for ref, other_article in ((x, y.article), (y, x.article)):
        other = comparison.counterpart(ref, other_article)
        if other is not None:
            link = comparison.link_between(ref, other)
            assert link is not None
            rivals.append((other, link.score))
    if e.score >= threshold and rivals:
        return "outscored", tuple(rivals)
    return "below threshold", tuple(rivals)

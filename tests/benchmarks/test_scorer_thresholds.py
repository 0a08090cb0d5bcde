"""Why each scorer has its own default threshold: false links between unrelated reports.

Pairs of ECB+ articles about different events can share no claim, so every link between them is
false. Pairs from one cluster report the same event; their links are mostly, not all, true. The
figures are printed per scorer at threshold 50 and at the scorer's default
(`options.DEFAULT_THRESHOLDS`). Run with `make bench`; skipped without `../shared/corpora`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.article import Article
from desktop.core.loading import load_article
from desktop.core.options import DEFAULT_THRESHOLDS, SCORERS, AlignOptions
from tests.conftest import CORPORA

pytestmark = pytest.mark.benchmark

ECBPLUS = CORPORA / "ecbplus"
PAIRS = 120


def _pairs() -> tuple[list[tuple[Path, Path]], list[tuple[Path, Path]]]:
    clusters = {c.name: sorted(c.glob("*.txt")) for c in sorted(ECBPLUS.iterdir()) if c.is_dir()}
    names = [n for n, files in clusters.items() if len(files) >= 2]
    rng = random.Random(4)
    same = [tuple(rng.sample(clusters[rng.choice(names)], 2)) for _ in range(PAIRS)]
    cross: list[tuple[Path, Path]] = []
    while len(cross) < PAIRS:
        x, y = rng.sample(names, 2)
        if x[:7] != y[:7]:  # topicNN-ecb and topicNN-ecbplus report events of one kind
            cross.append((rng.choice(clusters[x]), rng.choice(clusters[y])))
    return same, cross  # type: ignore[return-value]


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="needs ../shared/corpora/ecbplus")
def test_scorer_thresholds() -> None:
    same, cross = _pairs()
    cache: dict[tuple[Path, str], Article] = {}

    def article(path: Path, article_id: str) -> Article:
        if (path, article_id) not in cache:
            cache[(path, article_id)] = load_article(path, article_id)
        return cache[(path, article_id)]

    def links_per_pair(pairs: list[tuple[Path, Path]], options: AlignOptions) -> float:
        links = [len(align([article(a, "a1"), article(b, "a2")], options).links) for a, b in pairs]
        return sum(links) / len(pairs)

    false_at = {}
    for scorer in SCORERS:
        for threshold in sorted({50.0, DEFAULT_THRESHOLDS[scorer]}):
            options = AlignOptions(threshold=threshold, scorer=scorer)
            true_ish, false = links_per_pair(same, options), links_per_pair(cross, options)
            false_at[(scorer, threshold)] = false
            print(
                f"\n{scorer:>10} at {threshold:g}: {true_ish:.2f} links per same-event pair, "
                f"{false:.2f} per unrelated pair ({PAIRS} pairs each)"
            )
    # At 50 the plain rapidfuzz scorers link unrelated reports; at their defaults they do not.
    assert false_at[("token_sort", 50.0)] > 10 * max(false_at[("content", 50.0)], 0.01)
    assert false_at[("token_set", 50.0)] > 10 * max(false_at[("content", 50.0)], 0.01)
    for scorer in SCORERS:
        assert false_at[(scorer, DEFAULT_THRESHOLDS[scorer])] <= 0.05

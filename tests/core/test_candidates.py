"""The candidate index over all articles (desktop/core/candidates.py) against full scoring.

Full scoring (every sentence pair of every article pair, as before issue 17) is the oracle: the
index must propose every pair whose weighted word overlap reaches `GUARANTEED_DICE`, score it
exactly as full scoring does, and, on the sample sets and the ECB+ clusters, give the same
links, claims and related pairs. Figures at scale (ECB+ 2 × 10,000, 100 × 50) against the code
before are printed by tests/benchmarks/test_scale.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import align as align_module
from desktop.core import candidates, scoring
from desktop.core.align import align
from desktop.core.article import Article
from desktop.core.comparison import Comparison
from desktop.core.loading import load_articles
from desktop.core.options import AlignOptions
from tests.conftest import CORPORA, MAIN_SET, SMALL_SET
from tests.helpers import make_article

WORDS = (
    "council budget bridge river flood minister talks troops ceasefire drones missile port "
    "harbour election ballot court judge verdict strike union wages rail fares school teachers "
    "hospital nurses storm power outage fire crews wildfire evacuation police arrest suspect"
).split()


def _index_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align_module, "DENSE_TOTAL", 0)
    monkeypatch.setattr(align_module, "DENSE_LIMIT", 0)


def _key(c: Comparison) -> tuple[object, ...]:
    return (
        [(x.a, x.b, x.score, x.relation) for x in c.links],
        [(x.a, x.b, x.score) for x in c.related],
        [cl.members for cl in c.claims],
    )


@pytest.mark.parametrize("folder", [MAIN_SET, SMALL_SET], ids=lambda p: p.name)
def test_the_index_links_the_samples_as_full_scoring_does(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = load_articles(sorted(folder.glob("*.md")))
    options = AlignOptions(scorer="content")
    full = align(articles, options)
    _index_only(monkeypatch)
    assert _key(align(articles, options)) == _key(full)


sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(
    lambda w: " ".join(w).capitalize() + "."
)
article_texts = st.lists(sentence, min_size=0, max_size=12)


def _articles(texts: list[list[str]]) -> list[Article]:
    return [make_article(f"a{k + 1}", t, f"Outlet {k + 1}") for k, t in enumerate(texts)]


@settings(max_examples=60, deadline=None)
@given(st.lists(article_texts, min_size=2, max_size=5))
def test_every_pair_sharing_enough_words_is_proposed_and_scored_exactly(
    texts: list[list[str]],
) -> None:
    prepared = scoring.get("content").prepare(_articles(texts))
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    full = candidates.score_pairs(prepared, pairs, 0.0)
    indexed = candidates.score_pairs(prepared, pairs, 0.0, dense_total=0, dense_limit=0)
    for i, j in pairs:
        a, b = prepared.lexical[i], prepared.lexical[j]
        dense = {(r, c): s for r, c, s in zip(*full[i, j], strict=True)}
        found = {(r, c): s for r, c, s in zip(*indexed[i, j], strict=True)}
        for (r, c), s in found.items():
            assert s == pytest.approx(dense[r, c], abs=1e-9)
        for r, c in dense:
            overlap = prepared.weights.dice(a.tokens[r], b.tokens[c], a.totals[r], b.totals[c])
            if overlap >= candidates.GUARANTEED_DICE:
                assert (r, c) in found, (a.strings[r], b.strings[c], overlap)


@settings(max_examples=40, deadline=None)
@given(st.lists(article_texts, min_size=2, max_size=4))
def test_generated_sets_link_alike_with_the_index(texts: list[list[str]]) -> None:
    articles = _articles(texts)
    options = AlignOptions(scorer="content")
    full = align(articles, options)
    saved = align_module.DENSE_TOTAL, align_module.DENSE_LIMIT
    align_module.DENSE_TOTAL = align_module.DENSE_LIMIT = 0
    try:
        indexed = align(articles, options)
    finally:
        align_module.DENSE_TOTAL, align_module.DENSE_LIMIT = saved
    assert _key(indexed)[0] == _key(full)[0]  # links
    assert _key(indexed)[2] == _key(full)[2]  # claims


def test_many_articles_are_scored_once_not_per_article_pair(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before issue 17, 40 articles made 780 searches and 780 scoring calls."""
    base = ["The council approved the budget for the river bridge.",
            "Flood crews closed the harbour road overnight.",
            "Teachers voted to strike over wages."]  # fmt: skip
    articles = _articles([[f"Item {k} of the day mentions {WORDS[k % len(WORDS)]}.", *base]
                          for k in range(40)])  # fmt: skip
    monkeypatch.setattr(align_module, "DENSE_TOTAL", 0)
    calls = {"block": 0, "scores_of": 0}
    prepared_type = type(scoring.get("content").prepare(articles[:2]))
    real_block, real_scores = prepared_type.block, prepared_type.scores_of

    def block(self: scoring.Prepared, *args: object, **kw: object) -> np.ndarray:
        calls["block"] += 1
        return real_block(self, *args, **kw)  # type: ignore[arg-type]

    def scores_of(self: scoring.Prepared, *args: object, **kw: object) -> np.ndarray:
        calls["scores_of"] += 1
        return real_scores(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(prepared_type, "block", block)
    monkeypatch.setattr(prepared_type, "scores_of", scores_of)
    comparison = align(articles, AlignOptions(scorer="content"))
    assert calls == {"block": 0, "scores_of": 1}
    assert len(comparison.multi_claims) >= 3  # the shared sentences still form claims


ECBPLUS = CORPORA / "ecbplus"


@pytest.mark.corpus
@pytest.mark.skipif(not ECBPLUS.is_dir(), reason=f"corpus not present at {ECBPLUS}")
def test_ecb_clusters_link_alike_with_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ECB+ cluster with `content`: the index's links and claims are full scoring's.
    A related pair may differ only where full scoring's shares under `GUARANTEED_DICE` of its
    words (its character ratio alone carries it over the related floor); measured: 3 of
    the 40 clusters' related pairs, each replaced by the sentence's next best."""
    clusters = sorted(p for p in ECBPLUS.iterdir() if p.is_dir())
    options = AlignOptions(scorer="content")
    fulls = []
    for cluster in clusters:
        articles = load_articles(sorted(cluster.glob("*.txt")))
        fulls.append((articles, align(articles, options)))
    _index_only(monkeypatch)
    missed, related = 0, 0
    for articles, full in fulls:
        indexed = align(articles, options)
        assert _key(indexed)[0] == _key(full)[0]
        assert _key(indexed)[2] == _key(full)[2]
        prepared = scoring.get("content").prepare(articles)
        at = {a.id: k for k, a in enumerate(articles)}
        found = {(x.a, x.b) for x in indexed.related}
        related += len(full.related)
        for x in full.related:
            if (x.a, x.b) not in found:
                missed += 1
                a, b = prepared.lexical[at[x.a.article]], prepared.lexical[at[x.b.article]]
                r, c = x.a.sentence, x.b.sentence
                overlap = prepared.weights.dice(a.tokens[r], b.tokens[c], a.totals[r], b.totals[c])
                assert overlap < candidates.GUARANTEED_DICE
    assert missed <= 0.002 * related, (missed, related)

"""The bundled sample sets load, say what they are, and align the way the story was told."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.loading import load_article
from desktop.core.pipeline import compare_paths
from tests.conftest import MAIN_SET, SAMPLES, SMALL_SET


def _find(comparison: Comparison, source_part: str, words: str) -> SentenceRef:
    """The one sentence of the article from `source_part` that contains `words`."""
    [article] = [a for a in comparison.articles if source_part in a.source]
    hits = [SentenceRef(article.id, s.index) for s in article.sentences if words in s.text]
    assert len(hits) == 1, f"{words!r} found {len(hits)} times in {article.source}"
    return hits[0]


@pytest.fixture(scope="module")
def main_comparison() -> Comparison:
    return compare_paths(sorted(MAIN_SET.glob("*.md")))


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*/*.md")), ids=lambda p: p.name)
def test_every_sample_loads_with_its_notice(path: Path) -> None:
    article = load_article(path, "a1")
    assert article.outlet and article.title and article.published
    assert "Parallax" in article.note
    assert len(article.sentences) >= 5
    words = len(article.text.split())
    low, high = (350, 700) if path.parent == MAIN_SET else (100, 300)
    assert low <= words <= high


def test_main_set_opens_with_politico_and_the_post() -> None:
    outlets = [load_article(p, "a1").outlet for p in sorted(MAIN_SET.glob("*.md"))]
    assert outlets[:2] == ["Politico", "The Washington Post"]
    assert len(outlets) >= 6


def test_ten_day_formalisation_links_across_outlets(main_comparison: Comparison) -> None:
    kyiv = _find(main_comparison, "kyiv", "within ten days")
    wire = _find(main_comparison, "wire", "within the next ten days")
    aggregator = _find(main_comparison, "aggregator", "within ten days")
    claim = main_comparison.claim_of(kyiv)
    assert {wire, aggregator} <= set(claim.members)


def test_putin_call_and_ushakov_are_shared_widely(main_comparison: Comparison) -> None:
    ushakov = _find(main_comparison, "washington-post", "candid and constructive")
    assert len(main_comparison.claim_of(ushakov).members) >= 4


def test_politico_framing_is_unique_to_politico(main_comparison: Comparison) -> None:
    red_line = _find(main_comparison, "politico", '"red line"')
    outlets = {
        main_comparison.article(m.article).outlet
        for m in main_comparison.claim_of(red_line).members
    }
    # Only Politico says it, and the aggregator that cites Politico for it.
    assert outlets <= {"Politico", "The Briefing Desk"}
    politico = next(a for a in main_comparison.articles if a.outlet == "Politico")
    assert main_comparison.status_counts(politico.id)["unique"] >= 2


def test_post_framing_is_unique_to_the_post(main_comparison: Comparison) -> None:
    concrete = _find(main_comparison, "washington-post", "No concrete discussions")
    permanent = _find(main_comparison, "washington-post", "not be permanent")
    for ref in (concrete, permanent):
        outlets = {
            main_comparison.article(m.article).outlet for m in main_comparison.claim_of(ref).members
        }
        assert outlets <= {"The Washington Post", "The Briefing Desk"}
    post = next(a for a in main_comparison.articles if a.outlet == "The Washington Post")
    assert main_comparison.status_counts(post.id)["unique"] >= 2


def test_datelines_are_their_own_units_and_never_link(main_comparison: Comparison) -> None:
    datelines = [
        SentenceRef(a.id, s.index)
        for a in main_comparison.articles
        for s in a.sentences
        if s.kind == "dateline"
    ]
    assert datelines
    assert all(not main_comparison.links_of(ref) for ref in datelines)


def test_small_set_links_the_cost_claim() -> None:
    comparison = compare_paths(sorted(SMALL_SET.glob("*.md")))
    gazette = _find(comparison, "gazette", "$4.2 million")
    claim = comparison.claim_of(gazette)
    assert len(claim.members) >= 2

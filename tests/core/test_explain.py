"""Why two sentences are (not) linked, and near misses (core/explain.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.explain import closest, explain, near_misses, score
from desktop.core.loading import load_article
from desktop.core.options import AlignOptions


@pytest.fixture(scope="module")
def sample() -> Comparison:
    from tests.conftest import MAIN_SET

    paths = sorted(MAIN_SET.glob("*.md"))
    return align([load_article(str(p), f"a{i + 1}") for i, p in enumerate(paths)])


def _find(c: Comparison, article: str, words: str) -> SentenceRef:
    hits = [r for r in c.refs(article) if words in c.sentence(r).text]
    assert len(hits) == 1, hits
    return hits[0]


def test_scores_are_the_aligners_own(sample: Comparison) -> None:
    for link in sample.links[:40]:
        assert score(sample, link.a, link.b).total == pytest.approx(link.score, abs=0.01)


def test_a_linked_pair_says_so(sample: Comparison) -> None:
    link = next(x for x in sample.links if not x.manual)
    why = explain(sample, link.a, link.b)
    assert why.linked and not why.can_link
    assert why.score.total >= sample.options.threshold
    assert "linked" in why.reasons[0]


def test_the_troops_contrast_is_below_the_threshold_with_what_it_shares(
    sample: Comparison,
) -> None:
    politico = _find(sample, "a1", 'no fixed "red line"')
    post = _find(sample, "a2", "No concrete discussions")
    why = explain(sample, politico, post)
    assert not why.linked and why.can_link
    assert why.score.total < sample.options.threshold
    assert "below the threshold" in why.reasons[0]
    assert "troops" in why.only_a and "deploying" in why.only_b
    assert {"ukraine", "forces"} <= set(why.shared)
    # The parts of the (hybrid) score add up to the score, and the reasons say how.
    parts = why.score.parts
    weight = parts["content_weight"] / 100
    assert why.score.total == pytest.approx(
        weight * parts["content"] + (1 - weight) * parts["cosine"], abs=0.01
    )
    assert any("sentence model" in reason for reason in why.reasons)
    content = align(sample.articles, AlignOptions(scorer="content"))
    halves = explain(content, politico, post).score
    # The two halves of the content score add up to its score.
    assert halves.ratio is not None and halves.overlap is not None
    assert halves.total == pytest.approx(0.5 * halves.ratio + 50 * halves.overlap)
    # Lowered to its score, the aligner gives exactly that score to the pair.
    low = dataclasses.replace(sample.options, threshold=int(why.score.total))
    relinked = align(sample.articles, low)
    link = relinked.link_between(politico, post)
    if link is not None:
        assert link.score == pytest.approx(why.score.total, abs=0.01)


def test_one_to_one_matching_is_named(sample: Comparison) -> None:
    # A sentence linked into another article: pair it with a different sentence there.
    link = sample.links[0]
    other = next(
        r
        for r in sample.refs(link.b.article)
        if r != link.b and sample.counterpart(r, link.a.article) is None
    )
    why = explain(sample, link.a, other)
    assert not why.linked
    assert any("instead" in reason for reason in why.reasons)


def test_a_users_unlink_is_named(sample: Comparison) -> None:
    link = next(x for x in sample.links if not x.manual)
    unlinked = align(sample.articles, corrections=Corrections().with_unlink(link.a, link.b))
    why = explain(unlinked, link.a, link.b)
    assert not why.linked and "You unlinked" in why.reasons[0]


def test_same_article_is_refused_plainly(sample: Comparison) -> None:
    why = explain(sample, SentenceRef("a1", 0), SentenceRef("a1", 1))
    assert not why.can_link and "two outlets" in why.reasons[0]


def test_near_misses_are_just_under_the_threshold_and_open(sample: Comparison) -> None:
    misses, skipped = near_misses(sample, ["a1", "a2"])
    assert skipped == 0
    assert misses
    floor = sample.options.threshold - sample.options.chain_margin
    seen: set[tuple[SentenceRef, str]] = set()
    for miss in misses:
        assert floor <= miss.score < sample.options.threshold
        assert sample.link_between(miss.a, miss.b) is None
        assert sample.counterpart(miss.a, miss.b.article) is None
        assert sample.counterpart(miss.b, miss.a.article) is None
        assert score(sample, miss.a, miss.b).total == pytest.approx(miss.score, abs=0.01)
        assert (miss.a, miss.b.article) not in seen
        seen.add((miss.a, miss.b.article))
    assert [m.score for m in misses] == sorted((m.score for m in misses), reverse=True)


def test_near_misses_of_one_sentence(sample: Comparison) -> None:
    politico = _find(sample, "a1", 'no fixed "red line"')
    misses, _ = near_misses(sample, ref=politico, margin=40)
    assert misses and all(m.a == politico for m in misses)


def test_closest_counterparts_of_a_unique_sentence(sample: Comparison) -> None:
    politico = _find(sample, "a1", "The official spoke on condition of anonymity")
    best = closest(sample, politico)
    assert len(best) == len(sample.articles) - 1
    assert [m.score for m in best] == sorted((m.score for m in best), reverse=True)


def test_other_scorers_explain_too(main_set: list[Path]) -> None:
    articles = [load_article(str(p), f"a{i + 1}") for i, p in enumerate(main_set[:2])]
    c = align(articles, AlignOptions(scorer="token_sort", threshold=60))
    link = c.links[0]
    result = score(c, link.a, link.b)
    assert result.ratio is None and result.total == pytest.approx(link.score, abs=0.01)


def test_a_related_pair_says_it_shares_part_of_its_information(sample: Comparison) -> None:
    politico = _find(sample, "a1", 'no fixed "red line" on sending')
    post = _find(sample, "a2", "No concrete discussions about")
    why = explain(sample, politico, post)
    assert why.related is not None and why.related == sample.related_between(politico, post)
    assert why.can_link
    assert any("They are related" in r for r in why.reasons)
    # Pairs that are not related say nothing of the kind.
    other = next(
        r
        for r in sample.refs("a2")
        if sample.related_between(politico, r) is None and sample.sentence(r).kind == "body"
    )
    assert not any("related" in r for r in explain(sample, politico, other).reasons)
    pairs = sample.related_of(politico)
    assert why.related in pairs
    others = [p.other(politico).article for p in pairs]
    assert len(others) == len(set(others))  # at most one per other article

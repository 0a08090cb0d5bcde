"""The hostile inputs of the reliability review at a small scale, as a fast test (the full-size
cases, timed, are tests/benchmarks/test_hostile.py), and the checks that let Cancel stop each
long phase inside one huge paragraph, one candidate search and one article's framing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from desktop.core import align as align_module
from desktop.core import candidates, scoring
from desktop.core.errors import Cancelled
from desktop.core.framing import analyse
from desktop.core.loading import load_articles
from desktop.core.pipeline import compare_paths
from desktop.core.segment import segment
from tests.benchmarks.hostile_inputs import CASES, hostile_set


@pytest.mark.parametrize("name", sorted(CASES))
def test_small_hostile_inputs_compare_cleanly(tmp_path: Path, name: str) -> None:
    paths = hostile_set(name, tmp_path, scale=0.02)
    comparison = compare_paths([str(p) for p in paths])
    for article in comparison.articles:
        for s in article.sentences:
            assert s.text and article.text[s.start : s.end] == s.text
    members = [m for c in comparison.claims for m in c.members]
    assert len(members) == len(set(members)) == comparison.sentence_count


def test_repetitive_texts_stay_within_the_candidate_caps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """M4: the rare-word index proposed 200 × 750² pairs for two 850 KB files. Every sentence's
    indexed words now propose at most the cap, and each keeps its best `TOP_K` candidates."""
    monkeypatch.setattr(candidates, "PROPOSALS_PER_SENTENCE", 100)  # about one word each
    monkeypatch.setattr(candidates, "TOP_K", 3)
    articles = load_articles(hostile_set("repetitive-2x850kb", tmp_path, scale=0.06))
    prepared = scoring.get("content").prepare(articles)
    owner, words, _ = candidates._prefixes(prepared.flat, 2)
    df = np.bincount(prepared.flat.indices)
    proposed = np.bincount(owner, weights=df[words], minlength=len(prepared.flat.totals))
    assert proposed.max() <= 100
    assert len(np.unique(owner)) > 0
    scored: list[int] = []
    real = type(prepared).scores_of

    def spy(self: scoring.Prepared, x: np.ndarray, y: np.ndarray, cutoff: float = 0.0):  # type: ignore[no-untyped-def]
        scored.append(len(x))
        return real(self, x, y, cutoff)

    monkeypatch.setattr(type(prepared), "scores_of", spy)
    candidates.score_pairs(prepared, [(0, 1)], 35.0, dense_total=0)
    assert 0 < sum(scored) <= 2 * 3 * len(prepared.flat.totals)


class _Counter:
    """A `cancelled` callback that counts how often it is asked and says yes after `after`."""

    def __init__(self, after: int = 10**9) -> None:
        self.calls = 0
        self.after = after

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls > self.after


def test_segmenting_one_huge_paragraph_asks_to_cancel_as_it_goes() -> None:
    text = "The county board met again on Monday. " * 25_000  # one 1 MB paragraph
    asked = _Counter()
    segment(text, cancelled=asked)
    assert asked.calls >= 10
    with pytest.raises(Cancelled):
        segment(text, cancelled=_Counter(after=3))


def test_candidate_search_asks_to_cancel_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(align_module, "DENSE_LIMIT", 0)  # candidate mode for any size
    articles = load_articles(hostile_set("repetitive-2x850kb", tmp_path, scale=0.02))
    asked = _Counter()
    align_module.align(articles, cancelled=asked)
    before_scoring = 4  # align's own checks between steps
    assert asked.calls > before_scoring + 2


def test_framing_one_long_article_asks_to_cancel_as_it_goes(tmp_path: Path) -> None:
    comparison = compare_paths([str(p) for p in hostile_set("repetitive-2x850kb", tmp_path, 0.02)])
    asked = _Counter()
    analyse(comparison, cancelled=asked)
    assert asked.calls >= 2 * 4  # several times per article, not once
    with pytest.raises(Cancelled):
        analyse(comparison, cancelled=_Counter(after=2))

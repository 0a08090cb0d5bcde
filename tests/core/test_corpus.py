"""End to end over every ECB+ cluster: real articles from many outlets load, align and round-trip.

The corpus lives outside the repository (`../shared/corpora/ecbplus`, see its README) and its
text is never copied here; the test is skipped where it is absent. Run it alone with
`pytest -m corpus -s` to see the figures (its time is printed, not asserted: speed goals live in
the benchmarks).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.comparison import Comparison
from desktop.core.loading import load_articles
from desktop.core.options import AlignOptions
from desktop.core.workspace import Workspace
from tests.conftest import CORPORA

log = logging.getLogger(__name__)

ECBPLUS = CORPORA / "ecbplus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not ECBPLUS.is_dir(), reason=f"corpus not present at {ECBPLUS}"),
]


def _clusters() -> list[Path]:
    return sorted(p for p in ECBPLUS.iterdir() if p.is_dir()) if ECBPLUS.is_dir() else []


HYBRID_EVERY = 8
"""Every eighth cluster is also aligned with the default (sentence-model) scorer; the others use
`content`, which is five times quicker: the invariants checked here hold for any scorer, and
the default scorer's quality on ECB+ is measured by the alignment-quality benchmark."""


def test_every_cluster_loads_aligns_and_round_trips() -> None:
    clusters = _clusters()
    assert clusters, f"no clusters in {ECBPLUS}"
    started = time.perf_counter()
    totals = {"articles": 0, "sentences": 0, "links": 0, "claims": 0}
    slowest = (0.0, "")
    for n, cluster in enumerate(clusters):
        t0 = time.perf_counter()
        files = sorted(cluster.glob("*.txt"))
        articles = load_articles(files)
        options = AlignOptions() if n % HYBRID_EVERY == 0 else AlignOptions(scorer="content")
        comparison = align(articles, options)
        again = Comparison.from_json(comparison.to_json())
        assert again == comparison, cluster.name
        workspace = Workspace.from_comparison(comparison, cluster.name)
        assert Workspace.from_json(workspace.to_json()) == workspace, cluster.name
        for article in articles:
            for s in article.sentences:
                assert article.text[s.start : s.end] == s.text
            # Half the files open with "# source: URL": an address, never the headline.
            assert not article.title.lower().startswith("source:"), article.source
            assert not article.sentences[0].text.startswith("http"), article.source
        for claim in comparison.claims:
            assert len(set(claim.outlets)) == len(claim.outlets)
        totals["articles"] += len(articles)
        totals["sentences"] += comparison.sentence_count
        totals["links"] += len(comparison.links)
        totals["claims"] += len(comparison.multi_claims)
        slowest = max(slowest, (time.perf_counter() - t0, cluster.name))
    elapsed = time.perf_counter() - started
    summary = (
        f"ECB+: {len(clusters)} clusters, {totals['articles']} articles, "
        f"{totals['sentences']} sentences, {totals['links']} links, "
        f"{totals['claims']} shared claims in {elapsed:.1f} s "
        f"(slowest cluster {slowest[1]}: {slowest[0]:.2f} s)"
    )
    log.info(summary)
    print(f"\n{summary}")

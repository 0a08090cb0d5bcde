"""`parallax batch` over all 40 ECB+ clusters against running `compare` once per cluster.

    make bench PYTEST_ARGS="-k batch_speed"

Whole processes, the code of this checkout on every side: `batch` with its default processes
(one per core) and with one; `compare` per cluster one after the other (a shell loop) and two
at a time (`xargs -P 2`); and `batch` again once everything is done (the resume check alone).
Each is measured twice: first with no sentence vectors cached (the sentence model embeds every
sentence once: a first batch over new stories), then again with them cached. The JSON files
of `batch` and of `compare` must be the same.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.core.loading import ARTICLE_SUFFIXES
from tests.benchmarks.synthetic import CORPUS
from tests.benchmarks.trees import Run, load, python
from tests.conftest import ROOT

pytestmark = pytest.mark.benchmark


def _clusters() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*/") if p.is_dir())


def _files(cluster: Path) -> list[str]:
    return sorted(str(p) for p in cluster.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)


def test_batch_against_compare_per_cluster(tmp_path: Path) -> None:
    clusters = _clusters()
    if len(clusters) < 2:
        pytest.skip("needs ../shared/corpora/ecbplus beside the checkout")
    warm_cache, cold_cache = tmp_path / "cache", tmp_path / "cold-cache"
    cores = len(os.sched_getaffinity(0))
    folders = [str(c) + "/" for c in clusters]

    def batch(out: Path, *extra: str, cache: Path = warm_cache) -> Run:
        args = ["-m", "desktop", "batch", *folders, "--json-dir", str(out), "-q", *extra]
        run = python(ROOT, *args, cache=cache, timeout=1800)
        assert run.ok, run.stderr
        return run

    def compare(cluster: Path, out: Path, cache: Path = warm_cache) -> Run:
        args = ["-m", "desktop", "compare", *_files(cluster), "--json", str(out), "-q"]
        run = python(ROOT, *args, cache=cache, timeout=600)
        assert run.ok, run.stderr
        return run

    # Byte code and the language model unpacked in both caches, as after an install; the
    # sentence vectors of every cluster but the first are still to be computed in both.
    for cache in (warm_cache, cold_cache):
        compare(clusters[0], tmp_path / "warm.json", cache)
    per_cluster = tmp_path / "compare"
    per_cluster.mkdir()
    # First runs: every sentence embedded once (the model in each process), a user's first
    # batch over new stories.
    cold_loop = [compare(c, per_cluster / f"{c.name}.json") for c in clusters]
    cold_batch = batch(tmp_path / "cold-batch", cache=cold_cache)
    # Again with the vectors cached: what is left is Parallax's own work.
    loop = [compare(c, per_cluster / f"{c.name}.json") for c in clusters]
    started = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda c: compare(c, tmp_path / f"p-{c.name}.json"), clusters))
    two_at_a_time = time.perf_counter() - started
    parallel = batch(tmp_path / "batch")
    single = batch(tmp_path / "batch1", "--jobs", "1")
    resumed = batch(tmp_path / "batch")

    for c in clusters:
        mine = json.loads((tmp_path / "batch" / f"{c.name}.json").read_text(encoding="utf-8"))
        theirs = json.loads((per_cluster / f"{c.name}.json").read_text(encoding="utf-8"))
        assert mine == theirs, c.name
    sequential = sum(r.seconds for r in loop)
    articles = sum(len(_files(c)) for c in clusters)
    cold = sum(r.seconds for r in cold_loop)
    print(
        f"\n{len(clusters)} ECB+ clusters, {articles} articles, {cores} cores ({load()}):\n"
        f"  first runs (every sentence embedded once):\n"
        f"  compare once per cluster, one after another  {cold:6.1f} s\n"
        f"  parallax batch (default: {cores} processes)       {cold_batch.seconds:6.1f} s "
        f"({cold / cold_batch.seconds:.1f}× faster than the loop)\n"
        f"  again, sentence vectors cached:\n"
        f"  compare once per cluster, one after another  {sequential:6.1f} s "
        f"(median {sorted(r.seconds for r in loop)[len(loop) // 2]:.2f} s per cluster)\n"
        f"  compare once per cluster, two at a time      {two_at_a_time:6.1f} s\n"
        f"  parallax batch --jobs 1                      {single.seconds:6.1f} s "
        f"({sequential / single.seconds:.1f}× faster than the loop: one process, imports once)\n"
        f"  parallax batch (default: {cores} processes)       {parallel.seconds:6.1f} s "
        f"({sequential / parallel.seconds:.1f}× faster than the loop, "
        f"{two_at_a_time / parallel.seconds:.1f}× faster than two at a time); peak RSS "
        f"{parallel.peak_mb:.0f} MB (the largest of its processes)\n"
        f"  parallax batch again, all done (resume check) {resumed.seconds:5.2f} s\n"
        "  the JSON of every cluster is the same from batch and from compare"
    )

"""Speed of the default (hybrid) scorer against `content`, whole processes, in one run.

- `parallax compare` on 20 articles × 100 sentences: cold (empty embedding cache), warm (the
  cache filled by the cold run), and with `--scorer content`.
- The sample window from process start to a rendered PNG (`--screenshot`): first run (embeds),
  later runs (cached), against importing PySide6.QtWidgets alone.

Run with `make bench`; figures are printed (timings on a shared 2-core machine: read ratios).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.synthetic import article_set
from tests.conftest import MAIN_SET, ROOT

pytestmark = pytest.mark.benchmark


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True, timeout=600)
    return time.perf_counter() - started


def _scored_with(args: list[str], env: dict[str, str]) -> str:
    out = subprocess.run(
        [*args, "--json", "-"], check=True, env=env, cwd=ROOT, capture_output=True, timeout=600
    )
    options = json.loads(out.stdout)["options"]
    return str(options["scored_with"]) + (" (fallback)" if "fallback" in options else "")


def _env(tmp_path: Path, cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PARALLAX_CACHE_DIR"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / cache))
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_compare_twenty_articles_cold_and_warm(tmp_path: Path) -> None:
    files = []
    for article in article_set(20, 100):
        path = tmp_path / f"{article.id}.txt"
        path.write_text("\n\n".join(s.text for s in article.sentences), encoding="utf-8")
        files.append(str(path))
    compare = [sys.executable, "-m", "desktop", "compare", *files, "-q"]
    content = min(_run([*compare, "--scorer", "content"], _env(tmp_path, "c")) for _ in range(2))
    default = min(_run(compare, _env(tmp_path, f"d{i}")) for i in range(2))
    default_used = _scored_with(compare, _env(tmp_path, "d0"))
    embedding = [*compare, "--embed-limit", "0"]
    cold = [_run(embedding, _env(tmp_path, f"cold{i}")) for i in range(2)]
    warm = min(_run(embedding, _env(tmp_path, "cold0")) for _ in range(2))
    assert _scored_with(embedding, _env(tmp_path, "cold0")) == "hybrid"
    print(
        f"\ncompare 20 × 100 as loaded from files, whole process: content {content:.2f} s; "
        f"default options {default:.2f} s, scored with {default_used}; hybrid with every "
        f"sentence embedded (--embed-limit 0): cold {min(cold):.2f} s "
        f"({min(cold) / content:.1f}× content, goal 4 s), warm {warm:.2f} s "
        f"({warm / content:.1f}×)"
    )
    assert warm < min(cold)


def test_sample_window_from_process_start(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(MAIN_SET.glob("*.md"))]
    env = _env(tmp_path, "cache")
    shot = [sys.executable, "-m", "desktop", "--screenshot", str(tmp_path / "s.png"), *files]
    baseline = min(_run([sys.executable, "-c", "import PySide6.QtWidgets"], env) for _ in range(3))
    first = _run(shot, env)
    cached = statistics.median(_run(shot, env) for _ in range(3))
    print(
        f"\nsample window, process start to rendered PNG: first run {first:.2f} s (embeds "
        f"{len(files)} articles' sentences), cached {cached:.2f} s (goal 1.5 s; importing "
        f"PySide6.QtWidgets alone {baseline:.2f} s, so Parallax adds {cached - baseline:.2f} s)"
    )
    assert cached < first

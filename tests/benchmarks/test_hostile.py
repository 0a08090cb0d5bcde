"""Hostile inputs cost bounded time and memory (reliability review M3, M4), and Cancel stops
long work quickly. Run with `make bench` (or `pytest tests/benchmarks/test_hostile.py -m benchmark
-s`).

Every case of `hostile_inputs.CASES` (each file at most 1 MB) is compared with `parallax compare`
in a child process; its wall time and peak memory (the child's maxrss) are printed against the
limits of issue 12 (10 s, 2 GB) and against a baseline run in the same session: the two
riverside-bridge samples, the same command on ordinary news text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core.errors import Cancelled
from desktop.core.pipeline import compare_paths
from tests.benchmarks.hostile_inputs import CASES, REVIEW_FIGURES, hostile_set
from tests.conftest import ROOT

pytestmark = pytest.mark.benchmark

LIMIT_S = 10.0
LIMIT_MB = 2048.0
CANCEL_LIMIT_S = 1.0


def _run(paths: list[Path]) -> tuple[float, float, int]:
    """Wall seconds, peak MB and exit code of `parallax compare -q PATHS` in a child."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "compare", "-q", *map(str, paths)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stderr is not None
    child.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, child.returncode


def test_every_hostile_case_stays_under_its_limits(tmp_path: Path) -> None:
    baseline = sorted((ROOT / "samples" / "riverside-bridge").glob("*.md"))[:2]
    base_s, base_mb, code = _run(baseline)
    assert code == 0
    print(f"\nbaseline (two sample articles): {base_s:.2f} s, {base_mb:.0f} MB")
    print(f"{'case':<24}{'size':>10}{'time':>9}{'x base':>8}{'peak':>9}   review (before)")
    failures = []
    for name in CASES:
        folder = tmp_path / name
        folder.mkdir()
        paths = hostile_set(name, folder)
        size = max(p.stat().st_size for p in paths)
        seconds, mb, code = _run(paths)
        print(
            f"{name:<24}{size / 1024:>8.0f}KB{seconds:>8.2f}s{seconds / base_s:>8.1f}"
            f"{mb:>7.0f}MB   {REVIEW_FIGURES[name]}"
        )
        if code not in (0, 3) or seconds > LIMIT_S or mb > LIMIT_MB:
            failures.append(f"{name}: exit {code}, {seconds:.1f} s, {mb:.0f} MB")
    print(f"limits: {LIMIT_S:.0f} s and {LIMIT_MB:.0f} MB per case")
    assert not failures, failures


def test_cancel_stops_long_work_within_a_second(tmp_path: Path) -> None:
    """Cancel during each long phase of the 1 MB run-on text and the repetitive pair."""
    print()
    for name in ("run-on-1mb", "repetitive-2x850kb"):
        folder = tmp_path / name
        folder.mkdir()
        paths = [str(p) for p in hostile_set(name, folder)]
        for delay in (0.5, 2.0, 4.0):
            stop = threading.Event()
            stopped: list[float] = []
            outcome: list[str] = []

            def work(
                paths: list[str] = paths,
                stop: threading.Event = stop,
                outcome: list[str] = outcome,
                stopped: list[float] = stopped,
            ) -> None:
                try:
                    compare_paths(paths, cancelled=stop.is_set)
                    outcome.append("finished")
                except Cancelled:
                    outcome.append("cancelled")
                stopped.append(time.perf_counter())

            worker = threading.Thread(target=work)
            worker.start()
            worker.join(delay)
            asked = time.perf_counter()
            stop.set()
            worker.join(30)
            latency = stopped[0] - asked if outcome == ["cancelled"] else 0.0
            print(f"{name} cancelled after {delay:.1f} s: {outcome[0]}, stopped in {latency:.2f} s")
            assert latency < CANCEL_LIMIT_S

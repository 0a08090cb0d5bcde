"""How many threads the engine's own parallel loops may use, decided in one place.

A single comparison may use every core (rapidfuzz `cdist(workers=-1)`, the sentence model's
threads). `parallax batch` already runs one process per core, and there each process must stay
on one thread, or the machine runs cores × cores threads and every cluster waits for the others.
Small blocks are scored on one thread in any case: starting a thread pool costs more than
scoring a 50 × 50 block (measured in tests/benchmarks/test_scale.py).
"""

from __future__ import annotations

import os

PARALLEL_FROM = 200_000
"""Pairs of one call from which scoring is spread over the cores (below, one thread)."""

_single = False

# Libraries that size their own thread pools read these when they load.
_POOL_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded() -> None:
    """Keep this process on one thread (a worker among others that fill the cores). Call it
    before NumPy loads, so its BLAS pool starts with one thread too."""
    global _single
    _single = True
    for name in _POOL_VARIABLES:
        os.environ[name] = "1"


def one_blas_thread() -> None:
    """Let BLAS (NumPy's matrix products) run on one thread unless the user said otherwise.

    Parallax's products are small (the cosines of a few thousand sentences at most), and
    OpenBLAS starting its thread pool for the first one took 25–30 ms of a 0.25 s comparison;
    when rapidfuzz's threads ran beside it, its spinning threads made blocks 4× slower. Call it
    before NumPy loads (the command line does, first thing).
    """
    for name in _POOL_VARIABLES:
        os.environ.setdefault(name, "1")


def workers(pairs: int) -> int:
    """rapidfuzz's `workers` for a call scoring `pairs` pairs: 1, or -1 (every core)."""
    return 1 if _single or pairs < PARALLEL_FROM else -1


def model_threads() -> int:
    """Threads the sentence model may use."""
    return 1 if _single else min(4, os.cpu_count() or 1)

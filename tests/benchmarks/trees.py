"""The code before a change beside the code now, and whole processes measured under limits.

Benchmarks that quote "now against before" (issue 17's table) run both in the same session:
the base revision is unpacked with `git archive` into a temporary folder and run with this
checkout's virtualenv, so the two differ only in Parallax's own code. The base is
`$PARALLAX_BENCH_BASE` if set (any git revision), else where this branch left `main`
(`git merge-base HEAD main`). Every measured process runs with a cap on its address space
(`RLIMIT_AS`) and a wall-clock timeout, so a case that explodes fails alone instead of taking
the machine down, and its peak resident memory is read from the kernel (`wait4`).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

BASE_ENV = "PARALLAX_BENCH_BASE"
GIB = 1024**3


def base_revision(default: str | None = None) -> str:
    """The commit "before" stands for (full hash): `$PARALLAX_BENCH_BASE`, else `default`,
    else where this branch left main."""
    rev = os.environ.get(BASE_ENV) or default or _git("merge-base", "HEAD", "main")
    return _git("rev-parse", "--verify", f"{rev}^{{commit}}")


def _git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def unpack(revision: str, dest: Path) -> Path:
    """The revision's desktop/, tests/ and resources/ under `dest` (no git metadata)."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", revision, "desktop", "tests", "resources"],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def describe(revision: str) -> str:
    """ "a1b2c3d (subject)" for the printout; notes uncommitted changes of this checkout."""
    line = _git("log", "-1", "--format=%h %s", revision)
    dirty = _git("status", "--porcelain", "--untracked-files=no", "desktop")
    return line[:90] + (" (now = this checkout, with uncommitted changes)" if dirty else "")


@dataclass
class Run:
    """One process: wall time, peak resident memory, how it ended."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def ending(self) -> str:
        """How a failed run ended, in a few words (its last stderr line)."""
        if self.timed_out:
            return "timed out"
        last = self.stderr.strip().splitlines()[-1:] or [f"exit {self.returncode}"]
        tb = " after a traceback" if "Traceback" in self.stderr else ""
        return f"exit {self.returncode}{tb}: {last[0][:110]}"


def child_env(tree: Path, cache: Path | None = None) -> dict[str, str]:
    """The environment of a measured process running the code in `tree`.

    Byte-code caching is on (as in an installed Parallax), whatever this shell says.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    env["PARALLAX_LOG"] = "ERROR"
    if cache is not None:
        env["PARALLAX_CACHE_DIR"] = str(cache)
    return env


def run_process(
    argv: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    memory_gib: float = 8.0,
    timeout: float = 600.0,
) -> Run:
    """Run `argv` to the end (or the timeout), with its address space capped at `memory_gib`."""
    limit = int(memory_gib * GIB)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            preexec_fn=cap,
        )  # fmt: skip
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            proc.kill()

        killer = threading.Timer(timeout, kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024,  # KiB on Linux
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=fired.is_set(),
        )


def python(tree: Path, *args: str, **kw: object) -> Run:
    """`python ARGS` with `tree`'s Parallax first on the path, run from `tree`."""
    cache = kw.pop("cache", None)
    return run_process(
        [sys.executable, *args],
        cwd=tree,
        env=child_env(tree, cache),
        **kw,  # type: ignore[arg-type]
    )


def load() -> str:
    """The machine's load, printed beside figures: other work on a shared machine skews them."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def best(runs: Sequence[Run]) -> Run:
    """The fastest successful run (the least disturbed by other work on the machine)."""
    ok = [r for r in runs if r.ok] or list(runs)
    return min(ok, key=lambda r: r.seconds)


def spread(runs: Sequence[Run]) -> str:
    """ "min–max, median" of a series, for the printout."""
    times = [r.seconds for r in runs]
    if len(times) < 2:
        return ""
    return f"{min(times):.2f}–{max(times):.2f} s, median {statistics.median(times):.2f}"

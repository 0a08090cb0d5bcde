"""The worker processes of `parallax batch`: each compares whole clusters and sends back the
outputs' text, never writing a file, so the parent alone writes and can stop them at any time.

Workers are spawned (the same on every system, and no fork with threads) with Ctrl+C ignored
from their first instruction: Ctrl+C reaches the whole process group, and only the parent acts
on it, by stopping them. A worker killed by the system breaks its pool; the tasks it held run
again one per process, so only the one that kills its process again fails.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    """One cluster to compare, as sent to a worker process."""

    name: str
    files: tuple[str, ...]
    options: dict[str, Any]
    reports: tuple[str, ...] = ()
    """Report formats wanted besides the JSON ("csv", "html")."""


@dataclass
class Result:
    """What a worker sends back: the outputs' bytes by kind, or one line saying what failed."""

    name: str
    seconds: float = 0.0
    error: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


# -- the worker -----------------------------------------------------------------------------------


def _init_worker() -> None:
    """Workers leave Ctrl+C to the parent, which stops them, and log as `parallax` does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(
        level=os.environ.get("PARALLAX_LOG", "WARNING").upper(),
        format="%(levelname)s %(name)s: %(message)s",
    )


def compare_cluster(task: Task) -> Result:
    """Compare one cluster and render its outputs in memory; never raises."""
    started = time.perf_counter()
    try:
        return _compare(task, started)
    except MemoryError:
        error = "ran out of memory (compare it alone, or split its articles)"
    except Exception as exc:  # the parent must hear of any failure as one line
        from desktop.core.errors import ParallaxError

        if isinstance(exc, ParallaxError):
            error = str(exc)
        else:
            log.debug("cluster %s failed", task.name, exc_info=True)
            error = f"unexpected error ({type(exc).__name__}: {exc})"
    return Result(task.name, time.perf_counter() - started, error=error)


def _compare(task: Task, started: float) -> Result:
    from desktop.core.options import AlignOptions
    from desktop.core.pipeline import compare_paths

    comparison = compare_paths(task.files, AlignOptions.from_dict(task.options))
    texts = {"json": comparison.to_json() + "\n"}
    if task.reports:
        from desktop.export.report import ReportOptions, build_report

        for fmt in task.reports:
            # Each report's method note names its own output, as `compare --html NAME` would.
            options = ReportOptions(output=(f"--{fmt}", f"{task.name}.{fmt}"))
            report = build_report(comparison, options)
            if fmt == "html":
                from desktop.export.html import render_html

                texts["html"] = render_html(report)
            elif fmt == "csv":
                from desktop.export.csv_export import links_csv, matrix_csv

                texts["csv"] = matrix_csv(comparison, report)
                texts["csv-links"] = links_csv(comparison)
    counts = {
        "articles": len(comparison.articles),
        "sentences": comparison.sentence_count,
        "links": len(comparison.links),
        "shared claims": len(comparison.multi_claims),
    }
    return Result(task.name, time.perf_counter() - started, texts=texts, counts=counts)


# -- running the workers ----------------------------------------------------------------------


Work = Callable[[Task], Result]


def run_tasks(
    tasks: Sequence[Task],
    jobs: int,
    on_result: Callable[[Result], None],
    tick: Callable[[], None] = lambda: None,
    work: Work = compare_cluster,
) -> None:
    """Run `work` on every task in `jobs` processes, calling `on_result` in this process as
    each finishes. Tasks caught in a pool whose worker died run again one per process; the
    one that still kills its process fails alone. KeyboardInterrupt stops every worker."""
    if not tasks:
        return
    # Always in worker processes, even one: a cluster that kills its process fails alone.
    broken = _run_pool(list(tasks), jobs, on_result, tick, work)
    for task in broken:  # isolated: only the cluster that kills its process fails
        if _run_pool([task], 1, on_result, tick, work):
            on_result(
                Result(task.name, error="its worker process died (killed by the system, often "
                       "for lack of memory)")
            )  # fmt: skip


def _run_pool(
    tasks: list[Task], jobs: int, on_result: Callable[[Result], None], tick: Callable[[], None],
    work: Work,
) -> list[Task]:  # fmt: skip
    """The tasks left unfinished because a worker died (empty when none did)."""
    context = multiprocessing.get_context("spawn")  # the same on every system, no fork hazards
    # Workers inherit "ignore Ctrl+C" from the moment they exist, even while importing. A
    # Ctrl+C in these few milliseconds is lost (the next one works): a handler that kept it
    # would not survive the workers' exec, so they would stop with a traceback instead.
    with _sigint_ignored():
        executor = ProcessPoolExecutor(
            max_workers=max(1, min(jobs, len(tasks))), mp_context=context,
            initializer=_init_worker,
        )  # fmt: skip
        pending: dict[Future[Result], Task] = {executor.submit(work, t): t for t in tasks}
    lost: list[Task] = []
    try:
        while pending:
            done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            tick()
            for future in done:
                task = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    lost.append(task)
                    continue
                except Exception as exc:  # the task could not be sent or its result returned
                    result = Result(task.name, error=f"unexpected error ({exc})")
                on_result(result)
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    return lost


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now: they write nothing, so nothing is left half done."""
    executor.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=5)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if _on_main_thread():
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
    else:
        yield


@contextlib.contextmanager
def interrupt_held() -> Iterator[None]:
    """Ctrl+C while a cluster's files are written takes effect once they all are."""
    if not _on_main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda sig, frame: caught.append(sig))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _on_main_thread() -> bool:

    return threading.current_thread() is threading.main_thread()

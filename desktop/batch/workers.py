"""The worker processes of `parallax batch`: each compares whole clusters and sends back the
outputs' text, never writing a file, so the parent alone writes and can stop them at any time.

Workers are spawned (the same on every system, and no fork with threads) with Ctrl+C ignored
from their first instruction: Ctrl+C reaches the whole process group, and only the parent acts
on it, by stopping them. Each worker takes one cluster at a time over its own pipe, so when the
system kills one, the parent knows which cluster it held: that one fails, a new worker goes on.
(concurrent.futures' pool could not say which, and its threads could hold up the exit after
its workers were stopped.)
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
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as connection_wait
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
    """Workers leave Ctrl+C to the parent, which stops them, and log as `parallax` does.

    Each worker stays on one thread (rapidfuzz, BLAS, the sentence model): there is a worker
    per core already, and each spreading over every core made cores × cores threads fight.
    """
    from desktop.core.threads import single_threaded

    single_threaded()  # before the engine, and NumPy with it, is imported
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(
        level=os.environ.get("PARALLAX_LOG", "WARNING").upper(),
        format="%(levelname)s %(name)s: %(message)s",
    )


def compare_cluster(task: Task) -> Result:
    """Compare one cluster and render its outputs in memory; never raises."""
    from desktop.core.heap import collector_paused

    started = time.perf_counter()
    try:
        with collector_paused():  # its cycles are collected after each cluster (core/heap.py)
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
DIED = "its worker process died (killed by the system, often for lack of memory)"


def _worker_main(conn: Connection, work: Work) -> None:
    """A worker: compare the clusters the parent sends, one at a time, until told to stop."""
    _init_worker()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        conn.send(work(task))


@dataclass
class _Worker:
    process: Any  # multiprocessing.context.SpawnProcess
    conn: Connection
    task: Task | None = None


def run_tasks(
    tasks: Sequence[Task],
    jobs: int,
    on_result: Callable[[Result], None],
    tick: Callable[[], None] = lambda: None,
    work: Work = compare_cluster,
) -> None:
    """Run `work` on every task, in order, in up to `jobs` worker processes, calling
    `on_result` in this process as each finishes (and `tick` at least twice a second).

    Always in workers, even one: a cluster whose worker dies fails alone (its result is
    `DIED`), and a new worker takes the next cluster. No threads are involved, so nothing can
    hold up the exit. KeyboardInterrupt stops every worker at once and is raised again.
    """
    queue = list(tasks)
    workers: list[_Worker] = []
    context = multiprocessing.get_context("spawn")  # the same on every system, no fork hazards
    try:
        while queue or any(w.task for w in workers):
            busy_count = sum(1 for w in workers if w.task is not None)
            while len(workers) < min(jobs, busy_count + len(queue)):
                workers.append(_start(context, work))
            for w in workers:
                if w.task is None and queue:
                    w.task = queue.pop(0)
                    w.conn.send(w.task)
            busy = [w for w in workers if w.task is not None]
            ready = set(connection_wait([x for w in busy for x in (w.conn, w.process.sentinel)],
                                        timeout=0.5))  # fmt: skip
            tick()
            for w in busy:
                if w.conn not in ready and w.process.sentinel not in ready:
                    continue
                task, w.task = w.task, None
                try:
                    result = w.conn.recv() if w.conn.poll() else None
                except (EOFError, OSError):
                    result = None
                if result is None:  # it died before answering: the next cluster gets a new one
                    workers.remove(w)
                    _end(w)
                    assert task is not None
                    result = Result(task.name, error=DIED)
                on_result(result)
    except BaseException:
        for w in workers:
            w.process.terminate()
        for w in workers:
            _end(w)
        raise
    for w in workers:
        with contextlib.suppress(OSError):
            w.conn.send(None)
    for w in workers:
        _end(w)


def _start(context: Any, work: Work) -> _Worker:
    parent, child = context.Pipe()
    # The worker inherits "ignore Ctrl+C" from the moment it exists, even while it imports. A
    # Ctrl+C in these few milliseconds is lost (the next one works): a handler that kept it
    # would not survive the worker's exec, so it would stop with a traceback instead.
    with _sigint_ignored():
        process = context.Process(target=_worker_main, args=(child, work), daemon=True)
        process.start()
    child.close()
    return _Worker(process, parent)


def _end(w: _Worker, timeout: float = 5.0) -> None:
    """Wait for a worker to exit (killing it if it will not) and close its pipe."""
    w.process.join(timeout)
    if w.process.is_alive():
        w.process.kill()
        w.process.join()
    w.conn.close()


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

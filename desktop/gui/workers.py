"""Run slow engine calls off the GUI thread and report back through signals.

A `Task` wraps a function `fn(progress, cancelled)` (the engine's callback convention) in a
`QRunnable`. It never touches widgets: it only emits on its `WorkerSignals`, whose queued
connections deliver the results on the GUI thread. `start()` runs a task on the global thread
pool and tracks it, so tests can check that nothing is left running.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core.errors import Cancelled
from desktop.core.options import CancelledCallback, ProgressCallback

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0005
"""How long a worker may hold the GIL while the GUI thread waits for it. Every call from Qt
into Python (a paint, a size hint, a model's data) needs the GIL; at Python's default 5 ms a
busy worker turned one window update into ~200 ms of waiting. Half a millisecond keeps the GUI
responsive and costs the worker a few percent."""

TaskFunction = Callable[[ProgressCallback, CancelledCallback], object]


class WorkerSignals(QObject):
    """What a `Task` reports; connect to these from the GUI thread.

    Signals:
        progress(float, str): fraction done in [0, 1] and a short description of the step.
        finished(object): the function's return value.
        failed(object): the exception it raised (anything but `Cancelled`).
        cancelled(): the function stopped because `Task.cancel()` was called.
    """

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Task(QRunnable):
    """One call of `fn(progress, cancelled)` on a worker thread."""

    def __init__(self, fn: TaskFunction) -> None:
        super().__init__()
        # Python keeps the task alive through `_running`; Qt must not delete it under us.
        self.setAutoDelete(False)
        self._fn = fn
        self._cancel = threading.Event()
        self._done = threading.Event()
        self.signals = WorkerSignals()

    def cancel(self) -> None:
        """Ask the function to stop; safe to call from any thread, any number of times."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until `run` has returned (for tests and shutdown); True if it has."""
        return self._done.wait(timeout)

    def _progress(self, fraction: float, message: str) -> None:
        if not self._cancel.is_set():
            self.signals.progress.emit(float(fraction), str(message))

    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = self._fn(self._progress, self._cancel.is_set)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the GUI, which decides how to show it
            log.debug("task failed", exc_info=True)
            self.signals.failed.emit(exc)
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            _forget(self)
            self._done.set()


_lock = threading.Lock()
_running: set[Task] = set()
_paused_gc = False
"""True while tasks run with the cyclic collector paused by `start` (see `_pause_collector`)."""


def _pause_collector() -> None:
    """Pause the cyclic garbage collector while tasks run (called with `_lock` held).

    A full collection holds the interpreter lock while it scans every tracked object, in
    whichever thread allocates: aligning 20 × 100 sentences ran two or three of them (75–207 ms
    each) while the GUI thread waited, so a threshold change stalled the window over 100 ms.
    Reference counting still frees everything as usual; only reference cycles wait, and an
    alignment makes almost none (0–359 objects per run, measured with `gc.collect()`).
    """
    global _paused_gc
    if not _running and gc.isenabled():
        gc.disable()
        _paused_gc = True


def _resume_collector() -> None:
    """After the last task: what the tasks left alive (the comparison shown, its caches) goes
    to the collector's permanent generation, where no pass scans it again (`gc.freeze`: no scan,
    a list splice), and the collector runs again for what is made from now on."""
    global _paused_gc
    if not _running and _paused_gc:
        _paused_gc = False
        gc.freeze()
        gc.enable()


def _forget(task: Task) -> None:
    with _lock:
        _running.discard(task)
        _resume_collector()


def start(task: Task, pool: QThreadPool | None = None) -> Task:
    """Run `task` on the global thread pool (or `pool`) and track it until it returns.

    Connect to `task.signals` before calling this: a quick task may finish at once.
    """
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    with _lock:
        _pause_collector()
        _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def freeze_startup_heap() -> None:
    """Keep the objects alive now (Qt bindings, NumPy, SciPy, the window) out of the cyclic
    garbage collector's passes; call once, when the window is built.

    A full collection holds the interpreter lock while it scans every tracked object, and it
    runs in whichever thread happens to allocate: in an aligning worker it kept the GUI thread
    waiting 55–64 ms with 20 × 100 sentences open. Two thirds of the ~70,000 objects it scanned
    were created at start-up and live as long as the process. Frozen objects are still freed
    by reference counting when they are dropped; only reference cycles among them are never
    collected, which for start-up objects means never (measured: a full pass 22.8 ms before,
    under 0.1 ms after; 9.5 ms with a 20 × 100 comparison open, against 34 ms).
    """
    gc.collect()
    gc.freeze()


def running_tasks() -> list[Task]:
    """Tasks started with `start` whose `run` has not returned yet."""
    with _lock:
        return list(_running)


def cancel_all() -> None:
    for task in running_tasks():
        task.cancel()


def wait_for_all(timeout_ms: int = 5000, pool: QThreadPool | None = None) -> bool:
    """Block until every tracked task has returned; True if none is left running."""
    (pool or QThreadPool.globalInstance()).waitForDone(timeout_ms)
    return not running_tasks()

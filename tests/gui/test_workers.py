"""Workers: results, failures and cancellation arrive as signals; none may be left running."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.errors import Cancelled, LoadError
from desktop.core.options import CancelledCallback, ProgressCallback
from desktop.gui import workers

from .helpers import check_tasks_finished


def test_finished_with_progress(qtbot: QtBot) -> None:
    def work(progress: ProgressCallback, cancelled: CancelledCallback) -> int:
        progress(0.5, "half")
        return 42

    task = workers.Task(work)
    with (
        qtbot.waitSignal(task.signals.progress) as progress,
        qtbot.waitSignal(task.signals.finished) as finished,
    ):
        workers.start(task)
    assert progress.args == [0.5, "half"]
    assert finished.args == [42]
    assert task.wait(5)


def test_failure_is_reported(qtbot: QtBot) -> None:
    def work(progress: ProgressCallback, cancelled: CancelledCallback) -> None:
        raise LoadError("x.md", "file not found")

    task = workers.Task(work)
    with qtbot.waitSignal(task.signals.failed) as blocker:
        workers.start(task)
    assert isinstance(blocker.args[0], LoadError)


def test_cancel_reaches_the_function(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(progress: ProgressCallback, cancelled: CancelledCallback) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        raise Cancelled()

    task = workers.Task(work)
    with qtbot.waitSignal(task.signals.cancelled):
        workers.start(task)
        assert started.wait(5)
        task.cancel()
    assert task.wait(5)
    assert not workers.running_tasks()


def test_a_task_left_running_fails_the_test() -> None:
    release = threading.Event()

    def work(progress: ProgressCallback, cancelled: CancelledCallback) -> None:
        release.wait(10)

    task = workers.start(workers.Task(work))
    try:
        with pytest.raises(pytest.fail.Exception, match="still running"):
            check_tasks_finished(timeout_ms=100)
        assert task.is_cancelled()
    finally:
        release.set()
        assert task.wait(5)
    check_tasks_finished()


def test_no_collector_pass_runs_while_a_task_works(qtbot: QtBot) -> None:
    """A full collection inside a worker held the interpreter lock for 75–207 ms while the
    window waited. While tasks run the collector is paused; what they leave alive is frozen
    (never scanned again) and the collector runs again afterwards."""
    import gc

    seen: list[bool] = []
    probe_type = type("Probe", (), {})

    def work(progress: ProgressCallback, cancelled: CancelledCallback) -> object:
        seen.append(gc.isenabled())
        return probe_type()

    assert gc.isenabled()
    task = workers.Task(work)
    try:
        with qtbot.waitSignal(task.signals.finished) as finished:
            workers.start(task)
        assert task.wait(5)
        probe = finished.args[0]
        assert seen == [False]
        assert gc.isenabled()
        assert not any(o is probe for o in gc.get_objects())  # frozen: out of every pass
    finally:
        gc.unfreeze()
    assert any(o is probe for o in gc.get_objects())

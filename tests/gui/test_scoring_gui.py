"""The window with the scoring registry: the scorer box, embedding in the worker (progress and
Cancel), and the fallback notice in the status bar."""

from __future__ import annotations

import time

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import scoring
from desktop.core.options import AlignOptions
from desktop.core.scoring import minilm, vectors
from desktop.gui import workers
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import MAIN_SET, WAIT_MS, open_window

# These tests watch the model embed (or not): the cache is their own, never the session's.
pytestmark = pytest.mark.own_embedding_cache


def test_the_scorer_box_lists_the_registry(window: MainWindow) -> None:
    box = window.threshold.scorer
    assert [box.itemData(i) for i in range(box.count())] == scoring.names()
    assert box.currentData() == window.session.options.scorer


def test_a_model_that_cannot_load_is_said_in_the_status_bar(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors.MEMORY.clear()
    monkeypatch.setattr(minilm.MODEL, "_session", None)
    monkeypatch.setattr(minilm.MODEL, "_error", "the sentence model file model.onnx is missing")
    settings.set_align_options(AlignOptions(scorer="hybrid"))
    window = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))
    comparison = window.session.comparison
    assert comparison is not None and comparison.links  # still compared, with content
    summary = window.status.summary
    assert "content (not hybrid)" in summary.text()
    assert "model.onnx is missing" in summary.toolTip()


def test_embedding_runs_in_the_worker_with_progress_and_cancel(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_align_options(AlignOptions(scorer="content"))
    window = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))
    before = window.session.comparison
    vectors.MEMORY.clear()
    encode = minilm.MODEL.encode
    batches: list[int] = []

    def slow(texts):  # type: ignore[no-untyped-def]
        batches.append(len(texts))
        time.sleep(0.05)  # a model slow enough for the cancel to land between batches
        return encode(texts)

    monkeypatch.setattr(minilm.MODEL, "encode", slow)
    messages: list[str] = []

    def on_progress(fraction: float, message: str) -> None:
        messages.append(message)
        if message == "Embedding sentences":
            window.actions_by_name["cancel"].trigger()

    window.session.progress.connect(on_progress)
    with qtbot.waitSignal(
        window.session.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy
    ):
        window.session.set_options(AlignOptions(scorer="hybrid"))
    qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=WAIT_MS)
    assert "Embedding sentences" in messages
    assert 0 < len(batches) < 4  # stopped between batches, not after all of them
    assert window.session.comparison is before  # the comparison on screen stays

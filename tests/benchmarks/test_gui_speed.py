"""GUI speed: start-up to a rendered window, a re-run on 20 × 100 sentences, scrolling 12 panes.

Run with `make bench` (or `pytest tests/benchmarks -m benchmark -s`); figures are printed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from desktop.core.options import AlignOptions
from desktop.gui import workers
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from tests.benchmarks.synthetic import article_set

ROOT = Path(__file__).resolve().parents[2]
MAIN_SET = ROOT / "samples" / "security-guarantees-2025-08"
WAIT_MS = 120_000

pytestmark = pytest.mark.benchmark


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed assertion must not leave the run waiting on an "Unsaved changes" box."""
    from desktop.gui import errors

    monkeypatch.setenv(errors.NO_DIALOG_ENV, "1")


@pytest.fixture
def settings(tmp_path: Path, qapp) -> Settings:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return Settings(QSettings(str(tmp_path / "bench.ini"), QSettings.Format.IniFormat))


def _timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True, timeout=300)
    return time.perf_counter() - started


def test_startup_to_rendered_window(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    files = [str(p) for p in sorted(MAIN_SET.glob("*.md"))]
    baseline, full = [], []
    for _ in range(3):
        baseline.append(_timed([sys.executable, "-c", "import PySide6.QtWidgets"], env))
        out = tmp_path / "shot.png"
        full.append(
            _timed([sys.executable, "-m", "desktop", "--screenshot", str(out), *files], env)
        )
        assert out.stat().st_size > 0
    b, f = statistics.median(baseline), statistics.median(full)
    print(
        f"\nstart-up (median of 3): import PySide6.QtWidgets {b:.2f} s; "
        f"window with the 6 samples compared and rendered {f:.2f} s (+{f - b:.2f} s)"
    )
    assert f < 30


class Heartbeat:
    """A 10 ms timer on the GUI thread; the largest gap between its ticks is the worst stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.clock = QElapsedTimer()
        self.max_gap = 0
        self.timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _on_tick(self) -> None:
        self.max_gap = max(self.max_gap, self.clock.restart())


def _window(qtbot: QtBot, settings: Settings, articles: list, size=(1600, 1000)) -> MainWindow:  # type: ignore[no-untyped-def,type-arg]
    window = MainWindow(settings)
    workers.freeze_startup_heap()  # as `desktop.gui.app.run` does
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.compare_articles(articles)
    return window


def test_threshold_change_never_blocks(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core.scoring import minilm, vectors

    vectors.MEMORY.clear()
    embedded: list[int] = []
    encode = minilm.MODEL.encode

    def counting(texts):  # type: ignore[no-untyped-def]
        embedded.append(len(texts))
        return encode(texts)

    monkeypatch.setattr(minilm.MODEL, "encode", counting)
    articles = article_set(20, 100)
    window = MainWindow(settings)
    workers.freeze_startup_heap()  # as `desktop.gui.app.run` does
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    heartbeat = Heartbeat()
    heartbeat.start()
    started = time.perf_counter()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        # Past the embedding limit: every sentence embedded, so the hybrid path is measured.
        window.session.set_options(AlignOptions(embed_limit=0))
        window.session.compare_articles(articles)
    shown = time.perf_counter() - started
    qtbot.wait(50)  # as after each change below: the first paint counts with the load
    load_gap = heartbeat.max_gap
    scored = window.session.comparison.scoring  # type: ignore[union-attr]
    print(
        f"\n20 articles × 100 sentences, compared and shown in {shown:.2f} s with "
        f"{scored.scorer} ({sum(embedded)} sentences embedded in the worker), "
        f"longest GUI-thread stall {load_gap} ms"
    )
    assert scored.scorer == "hybrid"
    embedded.clear()
    gaps = []
    for threshold in (70, 40, 55):
        heartbeat.max_gap = 0
        started = time.perf_counter()
        with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
            window.session.set_options(
                AlignOptions(scorer="hybrid", threshold=threshold, embed_limit=0)
            )
        elapsed = time.perf_counter() - started
        qtbot.wait(50)  # let the first paint of the new comparison happen under the heartbeat
        gaps.append(heartbeat.max_gap)
        print(
            f"20 articles × 100 sentences, threshold → {threshold}: re-run {elapsed:.2f} s, "
            f"longest GUI-thread stall {heartbeat.max_gap} ms"
        )
    heartbeat.stop()
    assert embedded == []  # a threshold change never embeds again
    assert max(gaps) < 100
    assert load_gap < 200


@pytest.mark.parametrize(
    "width", [1600, 4600], ids=["1600px, 4 panes in sight", "4600px, all 12 in sight"]
)
def test_scrolling_twelve_panes(qtbot: QtBot, settings: Settings, width: int) -> None:
    articles = article_set(12, 100, seed=3)
    window = _window(qtbot, settings, articles, size=(width, 1000))
    assert len(window.strip.panes()) == 12
    view = window.strip.panes()[0 if width < 4600 else 5].view
    bar = view.verticalScrollBar()
    timings = []
    clock = QElapsedTimer()
    for value in range(0, bar.maximum(), max(1, bar.maximum() // 60)):
        clock.start()
        bar.setValue(value)  # synchronised scrolling moves the other 11 panes too
        window.strip.widget().repaint()
        timings.append(clock.nsecsElapsed() / 1e6)
    median, worst = statistics.median(timings), max(timings)
    print(
        f"\nscrolling 12 synchronised panes (100 sentences each) in a {width} px window: "
        f"{len(timings)} steps, scroll + repaint of the strip median {median:.1f} ms, "
        f"worst {worst:.1f} ms"
    )
    assert median < 100

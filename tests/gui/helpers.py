"""Helpers shared by the GUI tests (kept out of conftest.py so tests can import them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from desktop.core.comparison import Comparison
from desktop.gui import workers
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.widgets.pane import ArticlePane
from desktop.gui.widgets.sentence_view import SentenceView

TASK_TIMEOUT_MS = 10_000


def check_tasks_finished(timeout_ms: int = TASK_TIMEOUT_MS) -> None:
    """Fail if a worker is still running: wait for it first, then cancel it and report."""
    if not workers.running_tasks():
        return
    QThreadPool.globalInstance().waitForDone(timeout_ms)
    left = workers.running_tasks()
    if left:
        for task in left:
            task.cancel()
        QThreadPool.globalInstance().waitForDone(timeout_ms)
        pytest.fail(f"{len(left)} worker task(s) still running {timeout_ms} ms after the test")


ROOT = Path(__file__).resolve().parents[2]
MAIN_SET = ROOT / "samples" / "security-guarantees-2025-08"
SMALL_SET = ROOT / "samples" / "riverside-bridge"
WAIT_MS = 30_000


def run_app(*args: str, home: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m desktop ARGS` offscreen, with `home` as its home and configuration folder."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "HOME": str(home),
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )


def write_markup_pair(folder: Path, sentence: str) -> list[Path]:
    """Two articles, outlets "One <i>News</i>" and "Two <i>News</i>", each opening with
    `sentence` (markup a view must show as text) and sharing a plain second paragraph."""
    paths = []
    for name in ("one", "two"):
        path = folder / f"{name}.md"
        path.write_text(
            f"---\noutlet: {name.title()} <i>News</i>\n---\n{sentence}\n\nThe bridge reopens on "
            "Saturday after two years of repairs.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def open_window(qtbot: QtBot, settings: Settings, files: list[Path]) -> MainWindow:
    """A shown main window with `files` loaded and compared."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(f) for f in files])
    return window


def shown_comparison(window: MainWindow) -> Comparison:
    """The comparison `window` shows; the test fails if it shows none."""
    comparison = window.session.comparison
    assert comparison is not None
    return comparison


def sentence_index(view: SentenceView, text: str) -> int:
    """Index of the sentence of `view` that contains `text` (tests find sentences by text)."""
    article = view.article()
    assert article is not None
    hits = [s.index for s in article.sentences if text in s.text]
    assert len(hits) == 1, f"{len(hits)} sentences contain {text!r}"
    return hits[0]


def sentence_point(view: SentenceView, index: int) -> QPoint:
    """A point on the viewport inside sentence `index`, scrolling it into view first."""
    view.ensure_visible(index)
    start, end = view.sentence_range(index)
    cursor = QTextCursor(view.document())
    cursor.setPosition(min(end - 1, start + 2))
    return view.cursorRect(cursor).center()


def pane_by_outlet(window: MainWindow, outlet: str) -> ArticlePane:
    for pane in window.strip.panes():
        if pane.outlet_label.full_text() == outlet:
            return pane
    raise AssertionError(f"no pane for {outlet}")


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a person reads when Qt displays `text` in `fmt` (tooltips are always AutoText)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()

"""The threshold controls never lie, a new comparison starts at the scorer's default threshold,
Open Recent keys sets of files, and the window starts with focus in the first pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core import scoring
from desktop.core.options import AlignOptions
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import MAIN_SET, SMALL_SET, WAIT_MS, open_window

DEFAULT_T = scoring.default_threshold(scoring.DEFAULT)
"""The default scorer's threshold, which a new comparison starts at."""


def test_cancel_puts_the_controls_back(window: MainWindow, qtbot: QtBot) -> None:
    shown = window.session.comparison
    assert shown is not None

    # Start a re-run at 45 and cancel it before it finishes.
    def cancel_on_progress(_fraction: float, _message: str) -> None:
        if window.session.is_busy():
            window.actions_by_name["cancel"].trigger()

    window.session.progress.connect(cancel_on_progress)
    with qtbot.waitSignal(
        window.session.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy
    ):
        window.threshold.spin.setValue(45)
    assert window.session.comparison is shown  # the view still shows the default…
    assert window.threshold.spin.value() == DEFAULT_T  # …and so do the controls
    assert window.threshold.slider.value() == DEFAULT_T
    assert window.session.options.threshold == DEFAULT_T
    # Typing 45 again and pressing Return runs it (before, it did nothing).
    window.session.progress.disconnect()
    window.threshold.spin.setValue(45)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        qtbot.keyClick(window.threshold.spin.lineEdit(), Qt.Key.Key_Return)
    assert window.session.comparison.options.threshold == 45  # type: ignore[union-attr]


def test_return_always_reruns(window: MainWindow, qtbot: QtBot) -> None:
    before = window.session.comparison
    assert window.threshold.spin.value() == DEFAULT_T
    with qtbot.waitSignal(window.session.busy_changed, timeout=WAIT_MS) as busy:
        qtbot.keyClick(window.threshold.spin.lineEdit(), Qt.Key.Key_Return)
    assert busy.args == [True]
    qtbot.waitUntil(lambda: window.session.comparison is not before, timeout=WAIT_MS)
    assert window.session.comparison.options.threshold == DEFAULT_T  # type: ignore[union-attr]


def test_a_new_comparison_starts_at_the_scorer_default(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    settings.set_align_options(AlignOptions(threshold=61))  # an earlier session's threshold
    window = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))
    assert window.session.comparison is not None
    assert window.session.comparison.options.threshold == DEFAULT_T
    assert window.threshold.spin.value() == DEFAULT_T
    # A workspace keeps its own threshold.
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.spin.setValue(61)
    path = tmp_path / "talks.parallax"
    assert window.workspace.save_to(str(path))
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(p) for p in sorted(SMALL_SET.glob("*.md"))])
    assert window.session.comparison.options.threshold == DEFAULT_T  # type: ignore[union-attr]
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(path)])
    assert window.session.comparison.options.threshold == 61  # type: ignore[union-attr]
    assert window.threshold.spin.value() == 61


def test_open_recent_keys_sets_not_orders(window: MainWindow, qtbot: QtBot) -> None:
    settings = window.settings
    settings.clear_recent()
    for delta in (1, 2, 1):
        first = window.strip.panes()[0].article_id
        with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
            window.history.move(first, delta)
    sets = settings.recent_sets()
    assert len(sets) == 1
    assert sets[0] == window.session.sources()  # the newest order
    settings.add_recent_set([str(p) for p in sorted(SMALL_SET.glob("*.md"))])
    settings.add_recent_set([str(p) for p in sorted(SMALL_SET.glob("*.md"), reverse=True)])
    assert len(settings.recent_sets()) == 2


def test_focus_starts_in_the_first_pane(window: MainWindow, qtbot: QtBot) -> None:
    first = window.strip.shown_panes()[0]
    qtbot.waitUntil(first.view.hasFocus)
    assert window.strip.current_pane() is first
    assert not window.claims.filter_edit.hasFocus()


def test_problems_are_one_per_line(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with qtbot.waitSignal(window.session.problem, timeout=WAIT_MS):
        window.add_files([str(empty), str(binary)])
    lines = window.message_bar.text().splitlines()
    assert len(lines) == 2
    assert "empty.txt" in lines[0] and "binary.txt" in lines[1]


def test_loading_page_says_loading(qtbot: QtBot, settings: Settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(p) for p in sorted(MAIN_SET.glob("*.md"))])
        assert "Reading and comparing" in window.empty_page.text()
    assert window.stack.currentWidget() is window.strip

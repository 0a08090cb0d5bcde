"""Workspaces in the window: save, modified mark, reopen, bad files, autosave and restore,
closing with unsaved changes, start-up."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.core.workspace import Workspace
from desktop.gui import errors
from desktop.gui.app import initial_files
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.workspace_controller import CANCEL, DISCARD, SAVE, file_name_for

from .helpers import ROOT, SMALL_SET, WAIT_MS, run_app, shown_comparison
from .workspace_helpers import (
    data_dir,
    fresh_settings,
    open_in_new_window,
    small_window,
    unlinked_pair,
)

__all__ = ["data_dir"]  # the fixture, imported for pytest
pytestmark = pytest.mark.usefixtures("data_dir")


def _set_threshold(window: MainWindow, qtbot: QtBot, value: int) -> None:
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.spin.setValue(value)


def test_save_mark_save_as_and_reopen(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    window = small_window(qtbot, settings)
    ws = window.workspace
    first = window.session.articles[0]
    assert ws.name == first.title  # default: the first article's title
    assert not window.isWindowModified()
    assert window.windowTitle() == f"{first.title}[*] — Parallax"

    asked: list[str] = []
    one = tmp_path / "one.parallax"
    ws.ask_save_path = lambda suggested: asked.append(suggested) or str(tmp_path / "one")
    window.actions_by_name["save"].trigger()
    assert asked and asked[0].endswith(file_name_for(first.title))
    assert one.is_file() and ws.path == str(one)  # the suffix is added
    assert settings.last_workspace() == str(one)

    _set_threshold(window, qtbot, 70)
    assert ws.is_modified() and window.isWindowModified()
    _set_threshold(window, qtbot, 60)  # back where it was saved (the default): nothing to save
    assert not window.isWindowModified()

    # Every kind of change: threshold, metadata, order, a manual link, the name.
    _set_threshold(window, qtbot, 65)
    ids = [a.id for a in window.session.articles]
    with qtbot.waitSignal(window.comparison_changed):
        window.session.edit_article(ids[1], outlet="Renamed Outlet", published="2025-09-13")
    with qtbot.waitSignal(window.comparison_changed):
        window.session.move_article(ids[2], -2)
    comparison = shown_comparison(window)
    x, y = unlinked_pair(comparison, ids[0], ids[1])
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.link(x, y)
    ws.ask_name = lambda current: "Bridge reopening, Sept 2025"
    window.actions_by_name["rename"].trigger()
    assert window.windowTitle() == "Bridge reopening, Sept 2025[*] — Parallax"
    assert window.isWindowModified()

    # Save As writes elsewhere and leaves the first file as it was.
    before = one.read_bytes()
    two = tmp_path / "two.parallax"
    ws.ask_save_path = lambda suggested: str(two)
    with qtbot.waitSignal(ws.saved):
        window.actions_by_name["save_as"].trigger()
    assert one.read_bytes() == before
    assert not window.isWindowModified() and ws.path == str(two)

    again = open_in_new_window(qtbot, fresh_settings(tmp_path, "again"), two)
    shown = again.session.comparison
    assert shown is not None
    assert [a.id for a in shown.articles] == [ids[2], ids[0], ids[1]]
    assert shown.article(ids[1]).outlet == "Renamed Outlet"
    assert shown.article(ids[1]).published == "2025-09-13"
    assert shown.options.threshold == 65
    assert again.threshold.spin.value() == 65
    assert shown.corrections.is_linked(x, y)
    link = shown.link_between(x, y)
    assert link is not None and link.manual
    assert again.workspace.name == "Bridge reopening, Sept 2025"
    assert again.windowTitle() == "Bridge reopening, Sept 2025[*] — Parallax"
    assert not again.isWindowModified()
    assert [p.article_id for p in again.strip.panes()] == [ids[2], ids[0], ids[1]]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": "parallax-workspace", "version": 1, "name": "cut', "damaged"),
        (
            json.dumps({"format": "parallax-workspace", "version": 99, "saved_with": "p 9"}),
            "newer Parallax",
        ),
        ("\x00\x01 not even text \xff", "not a Parallax workspace"),
    ],
    ids=["corrupt", "newer", "garbage"],
)
def test_unreadable_workspace_keeps_file_and_comparison(
    qtbot: QtBot, settings: Settings, tmp_path: Path, content: str, expected: str
) -> None:
    window = small_window(qtbot, settings)
    before = window.session.comparison
    path = tmp_path / "bad.parallax"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    data = path.read_bytes()
    with qtbot.waitSignal(window.session.problem, timeout=WAIT_MS) as blocker:
        window.open_files([str(path)])
    qtbot.waitUntil(lambda: not window.session.is_busy())
    assert expected in str(blocker.args[0])
    assert window.message_bar.isVisible() and window.message_bar.kind == errors.ERROR
    assert expected in window.message_bar.text() and "bad.parallax" in window.message_bar.text()
    assert path.read_bytes() == data
    assert window.session.comparison is before
    assert len(window.strip.panes()) == 3
    assert errors.unexpected_errors() == []


def test_open_workspace_asks_about_unsaved_changes(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    path = tmp_path / "w.parallax"
    comparison = shown_comparison(window)
    Workspace.from_comparison(comparison, "Other").save(path)
    _set_threshold(window, qtbot, 80)
    asked: list[str] = []
    window.workspace.ask_unsaved = lambda name: asked.append(name) or CANCEL
    window.open_files([str(path)])
    assert asked == [window.workspace.name]
    assert not window.session.is_busy()  # cancelled: nothing started
    assert window.session.options.threshold == 80
    window.workspace.ask_unsaved = lambda name: DISCARD
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(path)])
    assert window.workspace.name == "Other" and window.session.options.threshold == 60
    assert not window.isWindowModified()


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    window.workspace.ask_unsaved = lambda name: CANCEL
    assert window.close()  # nothing changed: no question
    window.show()
    _set_threshold(window, qtbot, 75)
    answers = [CANCEL]
    window.workspace.ask_unsaved = lambda name: answers.pop(0)
    assert not window.close()
    assert window.isVisible() and window.isWindowModified()
    target = tmp_path / "closing.parallax"
    window.workspace.ask_save_path = lambda suggested: str(target)
    answers.append(SAVE)
    assert window.close()
    assert Workspace.load(target).options.threshold == 75


def test_autosave_after_a_change_and_removed_on_save(
    qtbot: QtBot, settings: Settings, tmp_path: Path, data_dir: Path
) -> None:
    window = small_window(qtbot, settings)
    autosave = window.workspace.autosave
    assert autosave.folder == data_dir
    autosave.set_intervals(debounce_ms=50)
    assert not autosave.path.exists()
    with qtbot.waitSignal(autosave.written, timeout=WAIT_MS):
        _set_threshold(window, qtbot, 72)
    assert Workspace.load(autosave.path).options.threshold == 72
    window.workspace.save_to(str(tmp_path / "saved.parallax"))
    assert not autosave.path.exists()
    with qtbot.waitSignal(autosave.written, timeout=WAIT_MS):
        _set_threshold(window, qtbot, 60)
    window.close()  # a clean exit (changes discarded) leaves no autosave
    assert list(data_dir.glob("autosave-*")) == []


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import Settings
    settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.workspace.autosave.set_intervals(debounce_ms=10)
    state = {"step": 0}
    def on_changed(comparison):
        if state["step"] == 0:
            state["step"] = 1
            window.session.edit_article(comparison.articles[0].id, outlet="Edited Before Crash")
    window.comparison_changed.connect(on_changed)
    window.workspace.autosave.written.connect(lambda path: print("WRITTEN", flush=True))
    window.open_files(sys.argv[2:])
    app.exec()
    """
)


def test_restore_is_offered_after_a_crash(
    qtbot: QtBot, settings: Settings, tmp_path: Path, data_dir: Path
) -> None:
    files = [str(p) for p in sorted(SMALL_SET.glob("*.md"))]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT, str(tmp_path / "crashed.ini"), *files],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "WRITTEN"
    finally:
        proc.send_signal(signal.SIGKILL)  # a crash: no clean exit removes the autosave
        proc.wait(30)
    assert len(list(data_dir.glob("autosave-*.parallax"))) == 1

    window = small_window(qtbot, settings)
    assert window.workspace.offer_restore()
    offer = window.workspace.restore_offer
    assert offer.isVisible() and "did not close properly" in offer.label.text()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        offer.restore_button.click()
    comparison = shown_comparison(window)
    assert comparison.articles[0].outlet == "Edited Before Crash"
    assert window.isWindowModified() and window.workspace.path is None
    assert not offer.isVisible()
    # The orphan is gone; this window's own autosave takes over.
    assert [
        p for p in data_dir.glob("autosave-*.parallax") if p != window.workspace.autosave.path
    ] == []


def test_no_restore_offer_without_orphans_and_discard(
    qtbot: QtBot, settings: Settings, tmp_path: Path, data_dir: Path
) -> None:
    window = small_window(qtbot, settings)
    assert not window.workspace.offer_restore()
    assert not window.workspace.restore_offer.isVisible()
    # An autosave whose Parallax is gone (no lock held), as a crash leaves it.
    comparison = shown_comparison(window)
    data_dir.mkdir(exist_ok=True)
    Workspace.from_comparison(comparison, "Lost").save(data_dir / "autosave-dead.parallax")
    (data_dir / "autosave-dead.json").write_text('{"original": "", "name": "Lost"}')
    assert window.workspace.offer_restore()
    assert "“Lost”" in window.workspace.restore_offer.label.text()
    window.workspace.restore_offer.discard_button.click()
    assert list(data_dir.glob("autosave-dead*")) == []
    assert not window.workspace.offer_restore()


def test_running_parallax_autosave_is_not_offered(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    window.workspace.autosave.set_intervals(debounce_ms=10)
    with qtbot.waitSignal(window.workspace.autosave.written, timeout=WAIT_MS):
        _set_threshold(window, qtbot, 71)
    other = small_window(qtbot, fresh_settings(tmp_path, "other"))
    assert not other.workspace.offer_restore()  # the first window still holds its lock


def test_start_up_prefers_the_last_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "last.parallax"
    ws.write_text("{}")
    assert initial_files([], ["a.md"], str(ws)) == [str(ws)]
    assert initial_files(["x.md"], ["a.md"], str(ws)) == ["x.md"]
    assert initial_files([], ["a.md"], str(tmp_path / "gone.parallax")) == ["a.md"]
    assert initial_files([], None, None)  # the samples


def test_opening_articles_forgets_the_last_workspace(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    path = tmp_path / "w.parallax"
    window.workspace.save_to(str(path))
    assert settings.last_workspace() == str(path)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(p) for p in sorted(SMALL_SET.glob("*.md"))[:2]])
    assert settings.last_workspace() is None
    assert window.workspace.path is None


def test_workspace_on_the_command_line_screenshot(tmp_path: Path, qtbot: QtBot) -> None:
    from desktop.core.pipeline import compare_paths

    comparison = compare_paths([str(p) for p in sorted(SMALL_SET.glob("*.md"))])
    a, b = comparison.articles[0].id, comparison.articles[1].id
    first = SentenceRef(a, 0)
    second = next(r for r in comparison.refs(b) if comparison.counterpart(r, a) is None)
    corrections = comparison.corrections.with_link(first, second)
    path = tmp_path / "bridge.parallax"
    Workspace.from_comparison(comparison, "Bridge", corrections).save(path)
    out = tmp_path / "shot.png"
    result = run_app("--screenshot", str(out), str(path), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000


def test_saved_workspace_is_in_open_recent_and_reopens(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    path = tmp_path / "bridge.parallax"
    window.workspace.ask_save_path = lambda _suggested: str(path)
    window.actions_by_name["save"].trigger()
    assert settings.recent_sets()[0] == [str(path)]
    articles = settings.recent_sets()[1]  # the article files opened before it was saved
    assert len(articles) == 3 and all(f.endswith(".md") for f in articles)

    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(f) for f in sorted(SMALL_SET.glob("*.md"))[:2]])
    assert window.workspace.path is None
    window.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert "bridge (workspace)" in labels
    action = window.recent_menu.actions()[labels.index("bridge (workspace)")]
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        action.trigger()
    assert window.workspace.path == str(path)
    assert len(window.strip.panes()) == 3
    # Reopening it moves it to the top without listing its articles as a set of their own.
    assert settings.recent_sets()[0] == [str(path)]
    assert sum(s == [str(path)] for s in settings.recent_sets()) == 1

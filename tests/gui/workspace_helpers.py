"""Helpers for the workspace, corrections and fault tests: an isolated data folder, windows
without modal prompts, and finding linked / unlinked sentence pairs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.core.comparison import Comparison, SentenceRef
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import DATA_DIR_ENV, Settings
from desktop.gui.workspace_controller import DISCARD

from .helpers import SMALL_SET, WAIT_MS, open_window


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Autosaves go under tmp_path, never to the user's data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    yield folder


def small_window(qtbot: QtBot, settings: Settings) -> MainWindow:
    """The three-article sample, with unsaved changes discarded when the test closes it."""
    window = open_window(qtbot, settings, sorted(SMALL_SET.glob("*.md")))
    window.workspace.ask_unsaved = lambda _name: DISCARD
    return window


def fresh_settings(tmp_path: Path, name: str) -> Settings:
    """A second, independent settings file (a new start of Parallax)."""
    return Settings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))


def open_in_new_window(qtbot: QtBot, settings: Settings, path: Path) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.workspace.ask_unsaved = lambda _name: DISCARD
    window.show()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(path)])
    return window


def unlinked_pair(comparison: Comparison, left: str, right: str) -> tuple[SentenceRef, SentenceRef]:
    """A sentence of `left` and one of `right` that are not linked to anything in the other."""
    a = next(r for r in comparison.refs(left) if comparison.counterpart(r, right) is None)
    b = next(r for r in comparison.refs(right) if comparison.counterpart(r, left) is None)
    return a, b


def linked_pair(comparison: Comparison, left: str, right: str) -> tuple[SentenceRef, SentenceRef]:
    """An automatically linked pair between `left` and `right`."""
    for ref in comparison.refs(left):
        other = comparison.counterpart(ref, right)
        if other is not None:
            link = comparison.link_between(ref, other)
            assert link is not None
            if not link.manual:
                return ref, other
    raise AssertionError(f"no link between {left} and {right}")

"""GUI fixtures: temporary settings, no modal error dialogs, and no worker left running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from desktop.gui import errors
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import MAIN_SET, check_tasks_finished, open_window

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The offscreen platform warns about window size hints it cannot pass on; not our bug.
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def _no_task_left_running(qapp: QCoreApplication) -> Iterator[None]:
    yield
    check_tasks_finished()


@pytest.fixture(autouse=True)
def _no_error_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Unexpected errors are logged and recorded, never shown in a modal dialog."""
    monkeypatch.setenv(errors.NO_DIALOG_ENV, "1")
    errors.clear_unexpected_errors()
    yield
    errors.clear_unexpected_errors()


@pytest.fixture
def settings(tmp_path: Path, qapp: QCoreApplication) -> Iterator[Settings]:
    """Settings in an INI file under tmp_path, never the user's own."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("ParallaxTests")
    qapp.setApplicationName("ParallaxTests")
    qsettings = QSettings(str(folder / "parallax.ini"), QSettings.Format.IniFormat)
    yield Settings(qsettings)
    qsettings.sync()


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> MainWindow:
    """The main window showing the six-article sample set."""
    return open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))

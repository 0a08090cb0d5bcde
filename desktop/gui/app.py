"""Start the window: the entry point `desktop.cli` calls, including `--screenshot` mode."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from desktop import __version__
from desktop.resources import resource_path, sample_files

log = logging.getLogger(__name__)

SCREENSHOT_TIMEOUT_MS = 120_000


DESKTOP_FILE_NAME = "io.github.parallax_news.Parallax"
"""Matches packaging/'s .desktop file, so Wayland docks match the window to the launcher."""


def initial_files(
    files: list[str], last: list[str] | None, last_workspace: str | None = None
) -> list[str]:
    """Files given on the command line, else the last session's workspace (if it still
    exists), else its set of files, else (first run) the samples."""
    if files:
        return files
    if last_workspace and Path(last_workspace).is_file():
        return [last_workspace]
    if last is not None:
        return last
    return [str(p) for p in sample_files()]


def run(
    files: list[str], screenshot: str | None = None, size: tuple[int, int] = (1600, 1000)
) -> int:
    """Open the window on `files` and run until it closes; with `screenshot`, save the window
    as PNG once the comparison is ready and return 0 (non-zero with a message on failure)."""
    try:
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        print(
            f"parallax: the window needs PySide6, which could not be loaded ({exc})",
            file=sys.stderr,
        )
        return 1
    app = QApplication.instance()
    if app is None:
        try:
            app = QApplication([sys.argv[0] if sys.argv else "parallax"])
        except Exception as exc:  # Qt may raise if no platform plugin can start
            print(f"parallax: the window could not start ({exc})", file=sys.stderr)
            return 1
    assert isinstance(app, QApplication)
    from desktop.gui import errors, style, workers
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import APPLICATION, ORGANIZATION, Settings

    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "parallax.svg"))))
    app.setStyleSheet(style.stylesheet())
    errors.install_excepthook()

    settings = Settings()
    window = MainWindow(settings)
    workers.freeze_startup_heap()
    if screenshot:
        return _screenshot(app, window, initial_files(files, None), Path(screenshot), size)
    paths = initial_files(files, settings.last_files(), settings.last_workspace())
    window.show()
    if paths:
        window.open_files(paths)
    # After a crash: offer the autosave (non-modal, above the set just opened).
    window.workspace.offer_restore()
    return app.exec()


def _screenshot(
    app: object, window: object, paths: list[str], out: Path, size: tuple[int, int]
) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.gui import errors
    from desktop.gui.main_window import MainWindow

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    # Nobody is there to dismiss a dialog: unexpected errors are logged and fail the run.
    os.environ[errors.NO_DIALOG_ENV] = "1"
    errors.clear_unexpected_errors()
    window.resize(*size)
    window.show()
    loop = QEventLoop()
    problems: list[str] = []
    window.session.problem.connect(problems.append)
    # Done when every view shows a comparison, or when the worker ends without one.
    window.comparison_changed.connect(loop.quit)
    window.session.busy_changed.connect(
        lambda busy: None if busy or window.session.comparison else loop.quit()
    )
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    window.open_files(paths)
    if window.session.is_busy():
        loop.exec()
    comparison = window.session.comparison
    if comparison is not None and window.claims.model.comparison() is not comparison:
        loop.exec()  # the table follows the panes a moment later
    window.resize(*size)
    app.processEvents()
    if errors.unexpected_errors():
        print(f"parallax: no screenshot: {errors.unexpected_errors()[-1]!r}", file=sys.stderr)
        window.close()
        return 1
    if window.session.comparison is None:
        reason = " ".join(problems) or "no articles could be compared"
        print(f"parallax: no screenshot: {reason}", file=sys.stderr)
        window.close()
        return 3
    pixmap = window.grab()
    ok = pixmap.save(str(out), "PNG")
    window.close()
    if not ok:
        print(f"parallax: could not write the screenshot to {out}", file=sys.stderr)
        return 1
    log.info("screenshot written to %s", out)
    return 0

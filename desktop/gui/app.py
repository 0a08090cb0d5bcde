"""Start the window: the entry point `desktop.cli` calls, including `--screenshot` mode."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from desktop import __version__
from desktop.core.errors import ExportError
from desktop.core.files import write_bytes_atomic
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
    files: list[str],
    screenshot: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    theme: str | None = None,
) -> int:
    """Open the window on `files` and run until it closes; with `screenshot`, save the window
    as PNG once the comparison is ready and return 0 (non-zero with a message on failure).
    `theme` ("system", "light", "dark") overrides View ▸ Theme's choice for this run only."""
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
    from desktop.gui import theme as themes
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import APPLICATION, ORGANIZATION, Settings

    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "parallax.svg"))))
    app.setStyleSheet(style.stylesheet())
    errors.install_excepthook()

    if screenshot:
        # A screenshot is a look at the window, not a session: it reads none of the user's
        # settings and writes none (window state, recent files, last folder, autosaves).
        with tempfile.TemporaryDirectory(prefix="parallax-shot-") as scratch:
            themes.apply(theme or themes.SYSTEM)  # never the user's choice: none is read
            window = MainWindow(Settings.scratch(Path(scratch)))
            workers.freeze_startup_heap()
            return _screenshot(app, window, initial_files(files, None), Path(screenshot), size)
    settings = Settings()
    themes.startup(settings, theme)
    window = MainWindow(settings)
    workers.freeze_startup_heap()
    paths = initial_files(files, settings.last_files(), settings.last_workspace())
    window.show()
    if paths:
        window.open_files(paths)
    # After a crash: offer the autosave (non-modal, above the set just opened).
    window.workspace.offer_restore()
    return app.exec()


def _png(pixmap: object) -> bytes | None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPixmap

    assert isinstance(pixmap, QPixmap)
    if pixmap.isNull():
        return None
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = pixmap.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data()) if ok else None


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
    data = _png(window.grab())
    window.close()
    try:
        if data is None:
            raise ExportError(f"{out}: the window could not be rendered as PNG")
        write_bytes_atomic(out, data)  # like every output: atomic, never into a link's place
    except ExportError as exc:
        print(f"parallax: no screenshot: {exc}", file=sys.stderr)
        return 1
    log.info("screenshot written to %s", out)
    return 0

"""File ▸ Export in the window: the dialog with the claims table's scope, and what follows.

The dialog (export_dialog.py) is given what only the window knows: the workspace's name (the
report's default title, unless the workspace was never named), the claims the table's filters
leave and the rows selected in it, the settings to remember choices in, and the summary typed
last time (kept while the same set is open, so a second export need not retype it). After an
export the message bar says where the report went, with Open and Show in Folder; both go
through `QDesktopServices`, which opens the file with the user's own program.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from desktop.gui.errors import show_error_box
from desktop.gui.workspace_controller import default_name

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)


class ExportController(QObject):
    """Opens the Export dialog and reports its result (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.summary = ""
        """The summary last typed in the dialog, for the next export of this set."""
        window.session.opened.connect(self._on_opened)

    def _on_opened(self, _opened: object) -> None:
        self.summary = ""

    def workspace_name(self) -> str:
        """The workspace's name as the user gave it (a workspace file, Rename), else "": a
        name that is only the first article's headline would misname a multi-outlet report."""
        window = self._window
        comparison = window.session.comparison
        name = window.workspace.name
        if comparison is None or not name or name == default_name(comparison):
            return ""
        return name

    def open_dialog(self) -> None:
        window = self._window
        comparison = window.session.comparison
        if comparison is None:
            return
        try:
            from desktop.gui.export_choices import ClaimScope
            from desktop.gui.export_dialog import ExportDialog
        except ImportError as exc:
            show_error_box(window, "Export unavailable", f"Export cannot start: {exc}")
            return
        claims = window.claims
        filters = claims.filter_description()
        scope = ClaimScope(
            filtered=claims.filtered_claims() if filters else (),
            filters=filters,
            selected=claims.selected_claims(),
        )
        dialog = ExportDialog(
            comparison,
            window,
            protected=[window.workspace.path or ""],
            workspace=self.workspace_name(),
            scope=scope,
            settings=window.settings,
            summary=self.summary,
        )
        dialog.exported.connect(self._on_exported)
        dialog.finished.connect(lambda _result: self._keep_summary(dialog.summary()))
        window.open_dialog(dialog)

    def _keep_summary(self, summary: str) -> None:
        self.summary = summary

    def _on_exported(self, paths: list[Path]) -> None:
        if not paths:
            return
        first = Path(paths[0])
        names = " and ".join(Path(p).name for p in paths)
        self._window.show_actions(
            f"Exported {names} to {first.parent}.",
            [
                ("Open", lambda: self.open_path(first)),
                ("Show in Folder", lambda: self.open_path(first.parent)),
            ],
        )

    def open_path(self, path: Path) -> None:
        """Open a file or folder with the user's own program."""
        log.info("opening %s", path)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._window.statusBar().showMessage(f"Could not open {path}", 5000)

"""Workspaces in the window: Save, Save As, Open, Rename, unsaved changes, autosave, corrections.

The engine's `Workspace` (core/workspace.py) does the reading and writing; this controller
decides when. It keeps the workspace's name and file, and a *baseline*: the `Workspace` as last
opened or saved. The open set is modified exactly when what it would save differs from the
baseline, so undoing a change by hand (threshold back to 50) clears the mark again. The title
shows the name with Qt's "[*]" placeholder and `setWindowModified`.

Anything that would throw away unsaved changes (opening another set, closing) asks first through
`ask_unsaved`, which tests replace with a function returning `SAVE`, `DISCARD` or `CANCEL`. The
file dialogs (`ask_save_path`, `ask_name`) are replaceable the same way. Manual corrections
(Link, Unlink) are gui/linking.py's.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QFileDialog, QInputDialog, QMessageBox

from desktop.core.comparison import Comparison
from desktop.core.errors import ParallaxError
from desktop.core.workspace import SUFFIX, Workspace
from desktop.gui import errors
from desktop.gui.autosave import Autosaver, Orphan, find_orphans
from desktop.gui.plain import plain_box
from desktop.gui.restore_offer import RestoreOffer
from desktop.gui.session import Opened, is_file_source

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"
WORKSPACE_FILTER = f"Parallax workspaces (*{SUFFIX})"
STATUS_MS = 5000


def default_name(comparison: Comparison) -> str:
    """The event's name until the user gives one: the first article's title, or its file."""
    first = comparison.articles[0]
    return first.title or Path(first.source).stem or first.label


def file_name_for(name: str) -> str:
    """A file name (without folder) for a workspace called `name`."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip(" .")
    return (cleaned[:80].strip() or "workspace") + SUFFIX


def is_workspace(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


class WorkspaceController(QObject):
    """Connects the window to workspace files, the autosave and manual corrections.

    Signals:
        modified_changed(bool): the open set now differs (True) or no longer differs from the
            workspace as last opened or saved.
        saved(str): the workspace was written to this path.
    """

    modified_changed = Signal(bool)
    saved = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = window.session
        self._settings = window.settings
        self.name = ""
        self.path: str | None = None
        self._baseline: Workspace | None = None
        self._forced = False  # restored from an autosave: modified whatever the baseline
        self._modified = False
        self._pending: Opened | None = None
        self._restoring: Orphan | None = None
        self._orphans: list[Orphan] = []
        self.ask_unsaved: Callable[[str], str] = self._ask_unsaved_dialog
        self.ask_save_path: Callable[[str], str | None] = self._ask_save_path_dialog
        self.ask_name: Callable[[str], str | None] = self._ask_name_dialog
        self.autosave = Autosaver(self._settings.data_folder(), self._autosave_snapshot, self)
        self.autosave.failed.connect(self._on_autosave_failed)
        self.restore_offer = RestoreOffer(window)
        self.restore_offer.restore_requested.connect(self._on_restore)
        self.restore_offer.discard_requested.connect(self._on_discard_orphans)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QBoxLayout), "create the controller after the window's layout"
        layout.insertWidget(1, self.restore_offer)  # under the message bar, above the panes
        self._session.opened.connect(self._on_opened)
        self._session.comparison_changed.connect(self._on_comparison_changed)
        self._session.verdicts_changed.connect(lambda _comparison: self._refresh())
        self._session.busy_changed.connect(self._update_actions)
        # The window creates its actions after this controller.
        QTimer.singleShot(0, self, self._update_actions)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "save": self.save,
            "save_as": self.save_as,
            "rename": self.rename,
        }

    # -- state ----------------------------------------------------------------------------

    def current(self) -> Workspace | None:
        """The workspace the open set would save as now (None with nothing open)."""
        comparison = self._session.comparison
        if comparison is None:
            return None
        name = self.name or default_name(comparison)
        session = self._session
        return Workspace.from_comparison(comparison, name, session.corrections, session.verdicts)

    def is_modified(self) -> bool:
        return self._modified

    def _refresh(self) -> None:
        state = self.current()
        if state is not None and self._baseline is None and not self._forced:
            if all(is_file_source(a.source) for a in state.articles):
                self._baseline = state  # a set that did not come through open (tests, scripts)
            else:
                self._forced = True  # pasted or fetched text is nowhere else: it is unsaved
        modified = state is not None and (self._forced or state != self._baseline)
        changed = modified != self._modified
        self._modified = modified
        self._update_title()
        if modified:
            self.autosave.changed()
        elif changed:
            self.autosave.discard()
        if changed:
            self.modified_changed.emit(modified)

    def _update_title(self) -> None:
        window = self._window
        if self._session.comparison is None:
            window.setWindowTitle("Parallax")
        else:
            state = self.current()
            name = state.name if state is not None else self.name
            # Qt shows "*" in place of "[*]" while the window is modified.
            window.setWindowTitle(f"{name.replace('[*]', '(*)')}[*] — Parallax")
        window.setWindowModified(self._modified)

    def _on_opened(self, opened: Opened) -> None:
        self._pending = opened

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        opened, self._pending = self._pending, None
        if opened is not None and comparison is not None:
            self._adopt(opened, comparison)
        self._refresh()
        self._update_actions()

    def _adopt(self, opened: Opened, comparison: Comparison) -> None:
        """A whole new set is open: it becomes the baseline (or, restored, is all unsaved)."""
        restoring, self._restoring = self._restoring, None
        ws = opened.workspace
        self.name = (ws.name if ws is not None else "") or default_name(comparison)
        self._forced = False
        if restoring is not None and ws is not None and opened.path == str(restoring.path):
            self.path = restoring.original or None
            self._baseline = None
            self._forced = True
            restoring.discard()
            self.autosave.changed()
            self._window.message_bar.show_message(
                f"Restored “{self.name}” with its unsaved changes: save to keep them.",
                errors.WARNING,
            )
        else:
            self.path = opened.path or None
            self._baseline = self.current()
        self._settings.set_last_workspace(self.path)
        if self.path:
            self._settings.add_recent_set([self.path])

    # -- opening --------------------------------------------------------------------------

    def open_paths(self, paths: list[str]) -> None:
        """Open articles or a workspace in place of the open set, after asking to save."""
        workspaces = [p for p in paths if is_workspace(p)]
        if workspaces:
            self._open_workspace(workspaces[0], len(paths) - 1)
        elif paths and self.confirm_discard():
            self._session.open_files(paths)

    def add_paths(self, paths: list[str]) -> None:
        """Add articles; a workspace among them is opened instead (it is a whole set)."""
        if any(is_workspace(p) for p in paths):
            self.open_paths(paths)
        elif paths:
            self._session.add_files(paths)

    def _open_workspace(self, path: str, ignored: int) -> None:
        if not self.confirm_discard():
            return
        if ignored:
            self._window.message_bar.show_message(
                f"A workspace opens on its own: opening {Path(path).name}, "
                f"not the {ignored} other file{'s' * (ignored != 1)} given with it.",
                errors.INFO,
            )
        self._session.open_workspace(path)

    def confirm_discard(self) -> bool:
        """True if the unsaved changes (if any) may go: saved, or the user discards them."""
        if not self._modified:
            return True
        answer = self.ask_unsaved(self.name)
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self.autosave.discard()
            return True
        return False

    def may_close(self) -> bool:
        """Ask about unsaved changes before the window closes; on yes the autosave goes."""
        if not self.confirm_discard():
            return False
        self.autosave.stop()
        self.autosave.discard()
        return True

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Write to the workspace's file (asking for one the first time); True if written."""
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        if self._session.comparison is None:
            return False
        chosen = self.ask_save_path(self._suggested_path())
        if not chosen:
            return False
        if not is_workspace(chosen):
            chosen += SUFFIX
        return self.save_to(chosen)

    def save_to(self, path: str) -> bool:
        state = self.current()
        if state is None:
            self._window.message_bar.show_message("Nothing to save: no articles are open.")
            return False
        started = time.perf_counter()
        try:
            state.save(path)  # ~10 ms for 40 articles: no worker needed
        except ParallaxError as exc:
            self._window.message_bar.show_message(f"Not saved: {exc}", errors.ERROR)
            return False
        log.info("saved in %.0f ms", (time.perf_counter() - started) * 1000)
        self.name = state.name
        self.path = path
        self._baseline = state
        self._forced = False
        self._settings.set_last_workspace(path)
        self._settings.add_recent_set([path])
        self._settings.set_last_folder(str(Path(path).resolve().parent))
        self._refresh()
        self.autosave.discard()
        self._window.statusBar().showMessage(f"Saved {path}", STATUS_MS)
        self.saved.emit(path)
        return True

    def _suggested_path(self) -> str:
        state = self.current()
        name = file_name_for(state.name if state is not None else "workspace")
        if self.path:
            return str(Path(self.path).with_name(name))
        folder = self._settings.last_folder() or str(Path.home())
        return str(Path(folder) / name)

    def rename(self) -> None:
        state = self.current()
        if state is None:
            return
        new = self.ask_name(state.name)
        if new is not None and new.strip() and new.strip() != state.name:
            self.name = new.strip()
            self._refresh()

    # -- autosave and restore -------------------------------------------------------------

    def _autosave_snapshot(self) -> tuple[Workspace, str] | None:
        state = self.current()
        if state is None or not self._modified:
            return None
        return state, self.path or ""

    def _on_autosave_failed(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)

    def offer_restore(self) -> bool:
        """At start-up: offer the autosaves a crashed Parallax left behind; True if any."""
        self._orphans = find_orphans(self.autosave.folder)
        if not self._orphans:
            return False
        newest = self._orphans[0]
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest.path.stat().st_mtime))
        self.restore_offer.offer(newest.name, f"at {when}")
        return True

    def _on_restore(self) -> None:
        if not self._orphans or not self.confirm_discard():
            return
        self._restoring = self._orphans[0]
        self._session.open_workspace(str(self._restoring.path))

    def _on_discard_orphans(self) -> None:
        for orphan in self._orphans:
            orphan.discard()
        self._orphans = []

    def _update_actions(self, *_args: object) -> None:
        actions = getattr(self._window, "actions_by_name", {})
        has = self._session.comparison is not None
        for name in ("save", "save_as", "rename"):
            if name in actions:
                actions[name].setEnabled(has)
        linking = getattr(self._window, "linking", None)
        if linking is not None:
            linking.update_actions()

    # -- dialogs (replaced in tests) ------------------------------------------------------

    def _ask_unsaved_dialog(self, name: str) -> str:
        if os.environ.get(errors.NO_DIALOG_ENV):
            log.warning("unsaved changes to %r discarded (dialogs disabled)", name)
            return DISCARD
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{name}” before closing it?")
        box.setInformativeText("Without saving, the changes since the last save are lost.")
        plain_box(box)  # the name is an article's title by default: text, never markup
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        return {buttons.Save: SAVE, buttons.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def _ask_save_path_dialog(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self._window, "Save workspace", suggested, WORKSPACE_FILTER
        )
        return path or None

    def _ask_name_dialog(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(
            self._window, "Rename workspace", "Name of the event:", text=current
        )
        return text if ok else None

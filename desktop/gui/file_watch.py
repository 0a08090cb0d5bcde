"""Noticing that the files of open articles may have changed on disk.

`FileWatch` watches files with `QFileSystemWatcher` and says which *may* have changed; whether
one really did is decided by reading it (gui/reload_actions.py compares what the loader gives,
never modification times). Editors save by writing a new file and renaming it over the old one,
which ends the system's watch on the old file: the watcher then also watches each file's folder,
and after every event re-adds the paths it lost once they exist again. Saves come as bursts of
events (write, rename, attributes), so they are gathered for `DEBOUNCE_MS` and reported once.

Where watching is not possible (network file systems, the system's limit on watches reached),
`stamp_changed` compares each file's size, modification time and inode with those last seen,
which costs one `stat` per file: the window calls it when it is activated and on Check for
Changes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
"""How long a burst of events is gathered before the files are looked at."""

Stamp = tuple[int, int, int, int]
"""(size, modification time in ns, inode, device) of a file: cheap to get, changes on a save."""


def stamp(path: str) -> Stamp | None:
    """The file's stamp, or None if it cannot be looked at (deleted, no permission)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


def watch_path(source: str) -> str:
    """The absolute path an article's source is watched under."""
    return os.path.abspath(source)


class FileWatch(QObject):
    """Watches a set of files and reports those that may have changed.

    Signals:
        touched(list): paths (as given to `set_paths`) that may have changed, after a burst of
            events settled.
    """

    touched = Signal(list)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._paths: set[str] = set()
        self._stamps: dict[str, Stamp | None] = {}
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._on_settled)
        self.enabled = True
        """False: no system watch at all (only `stamp_changed`), as on a network drive."""

    def paths(self) -> set[str]:
        return set(self._paths)

    def is_watched(self, path: str) -> bool:
        """True if the system watches `path` now (False on file systems that cannot)."""
        return path in self._watcher.files()

    def set_paths(self, paths: Iterable[str]) -> None:
        """Watch exactly `paths`; a path new to the watch has its stamp taken now."""
        wanted = set(paths)
        gone = self._paths - wanted
        for path in gone:
            self._stamps.pop(path, None)
        self._paths = wanted
        for path in wanted:
            if path not in self._stamps:
                self._stamps[path] = stamp(path)
        self._pending &= wanted
        self._rewatch()

    def remember(self, path: str) -> None:
        """Take the stamp of `path` again (it was just read: this is the content seen)."""
        if path in self._paths:
            self._stamps[path] = stamp(path)

    def stamp_changed(self) -> list[str]:
        """The paths whose size, modification time or inode differ from those last seen."""
        return sorted(p for p in self._paths if stamp(p) != self._stamps.get(p))

    def set_enabled(self, enabled: bool) -> None:
        """Use the system's watch (True) or only `stamp_changed` (False: a network drive)."""
        self.enabled = enabled
        if not enabled:
            watched = self._watcher.files() + self._watcher.directories()
            if watched:
                self._watcher.removePaths(watched)
        self._rewatch()

    def stop(self) -> None:
        self._timer.stop()
        self._pending.clear()

    # -- events -----------------------------------------------------------------------------

    def _rewatch(self) -> None:
        """Watch each path and its folder (re-adding what a replace-by-rename took away)."""
        if not self.enabled:
            return
        files = set(self._watcher.files())
        folders = set(self._watcher.directories())
        wanted_folders = {str(Path(p).parent) for p in self._paths}
        stale = (files - self._paths) | (folders - wanted_folders)
        if stale:
            self._watcher.removePaths(sorted(stale))
        new = [p for p in sorted(self._paths - files) if os.path.exists(p)]
        new += [d for d in sorted(wanted_folders - folders) if os.path.isdir(d)]
        if new:
            failed = self._watcher.addPaths(new)
            if failed:
                log.info("cannot watch %s: relying on checks when the window is activated", failed)

    def _on_file_changed(self, path: str) -> None:
        if path in self._paths:
            self._pending.add(path)
            self._timer.start()

    def _on_directory_changed(self, folder: str) -> None:
        # Something in a folder changed: one of our files if its watch was lost (replaced by a
        # rename) or its stamp differs; editors' own temporary files are not ours.
        watched = set(self._watcher.files())
        for path in self._paths:
            if str(Path(path).parent) == folder and (
                path not in watched or stamp(path) != self._stamps.get(path)
            ):
                self._pending.add(path)
        if self._pending:
            self._timer.start()

    def _on_settled(self) -> None:
        self._rewatch()
        pending, self._pending = sorted(self._pending), set()
        if pending:
            log.info("may have changed on disk: %s", pending)
            self.touched.emit(pending)

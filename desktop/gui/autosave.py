"""Autosave: the open workspace is copied to the data folder so a crash loses (almost) nothing.

After every change, once things have been quiet for a moment (`DEBOUNCE_MS`), and every few
minutes anyway (`INTERVAL_MS`), `Autosaver` writes the workspace atomically to
`autosave-<id>.parallax` in the data folder (`Settings.data_folder()`), with a small JSON file
beside it naming the workspace file it belongs to. All three files are 0600 and a new data
folder 0700: they hold the full texts of unsaved work. A clean exit, a save, or discarding the
changes removes both.

Each running Parallax holds a `QLockFile` (`autosave-<id>.lock`) while its autosave exists. At
start-up `find_orphans` lists the autosaves whose lock is not held by a live process: those were
left by a Parallax that crashed or was killed, and the window offers to restore them. Another
Parallax still running keeps its lock, so its autosave is never offered.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from desktop.core.errors import ParallaxError
from desktop.core.files import PRIVATE_MODE, write_text_atomic
from desktop.core.workspace import SUFFIX, Workspace

log = logging.getLogger(__name__)

DEBOUNCE_MS = 5_000
"""Quiet time after a change before it is autosaved."""
INTERVAL_MS = 3 * 60_000
"""Autosave at least this often while there are unsaved changes."""
PREFIX = "autosave-"

Snapshot = Callable[[], "tuple[Workspace, str] | None"]
"""Returns the workspace to autosave and the path of the file it belongs to ("" if none), or
None when there is nothing unsaved."""


@dataclass(frozen=True)
class Orphan:
    """An autosave left behind by a Parallax that did not exit cleanly."""

    path: Path
    """The autosaved `.parallax` file."""
    original: str
    """The workspace file it is a newer copy of ("" if it was never saved)."""
    name: str

    def files(self) -> list[Path]:
        stem = self.path.with_suffix("")
        return [self.path, stem.with_suffix(".json"), stem.with_suffix(".lock")]

    def discard(self) -> None:
        """Delete the autosave (after restoring it, or when the user does not want it)."""
        for file in self.files():
            with contextlib.suppress(OSError):
                file.unlink()
        log.info("discarded autosave %s", self.path)


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    # Only a dead owner makes a lock stale, never its age: a session may run for days.
    lock.setStaleLockTime(0)
    return lock


def find_orphans(folder: Path) -> list[Orphan]:
    """Autosaves in `folder` that no running Parallax owns, newest first."""
    found: list[tuple[float, Orphan]] = []
    try:
        candidates = list(folder.glob(f"{PREFIX}*{SUFFIX}"))
    except OSError:
        return []
    for path in candidates:
        stem = path.with_suffix("")
        lock = _lock(stem.with_suffix(".lock"))
        if not lock.tryLock(0):
            continue  # its Parallax is still running
        lock.unlock()
        meta: dict[str, object] = {}
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
            meta = loaded if isinstance(loaded, dict) else {}
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        orphan = Orphan(path, str(meta.get("original", "")), str(meta.get("name", "")))
        found.append((mtime, orphan))
    return [o for _, o in sorted(found, key=lambda t: -t[0])]


class Autosaver(QObject):
    """Writes this window's unsaved workspace to the data folder, debounced and periodically.

    Signals:
        written(str): an autosave was written to this path.
        failed(str): the autosave could not be written (why, in one sentence).
    """

    written = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        folder: Path,
        snapshot: Snapshot,
        parent: QObject | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        interval_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self._snapshot = snapshot
        stem = folder / f"{PREFIX}{uuid.uuid4().hex[:12]}"
        self.path = stem.with_suffix(SUFFIX)
        self._meta = stem.with_suffix(".json")
        self._lock = _lock(stem.with_suffix(".lock"))
        self._last: Workspace | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.save_now)
        self._periodic = QTimer(self)
        self._periodic.setInterval(interval_ms)
        self._periodic.timeout.connect(self.save_now)
        self._periodic.start()

    def set_intervals(self, debounce_ms: int | None = None, interval_ms: int | None = None) -> None:
        """Change the quiet time and the period (tests use short ones)."""
        if debounce_ms is not None:
            self._debounce.setInterval(debounce_ms)
        if interval_ms is not None:
            self._periodic.setInterval(interval_ms)

    def changed(self) -> None:
        """Something changed: autosave once it has been quiet for the debounce time."""
        self._debounce.start()

    def save_now(self) -> bool:
        """Write the autosave if there is something unsaved (and it differs from the last
        autosave); remove it when there is nothing unsaved. True if the file is current."""
        self._debounce.stop()
        snap = self._snapshot()
        if snap is None:
            self.discard()
            return True
        workspace, original = snap
        if workspace == self._last and self.path.exists():
            return True
        try:
            # Autosaves hold the full texts of unsaved work: only their owner may read them.
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self._lock.isLocked():
                if not self._lock.tryLock(0):
                    raise ParallaxError(f"{self._lock.fileName()} is locked by another program")
                os.chmod(self._lock.fileName(), PRIVATE_MODE)
            workspace.save(self.path, private=True)
            meta = {"original": original, "name": workspace.name}
            write_text_atomic(self._meta, json.dumps(meta, ensure_ascii=False), private=True)
        except (ParallaxError, OSError) as exc:
            log.warning("autosave failed: %s", exc)
            self.failed.emit(f"Autosave failed: {exc}")
            return False
        self._last = workspace
        log.debug("autosaved %r to %s", workspace.name, self.path)
        self.written.emit(str(self.path))
        return True

    def discard(self) -> None:
        """Remove this window's autosave (clean exit, saved, or changes discarded)."""
        self._debounce.stop()
        self._last = None
        for file in (self.path, self._meta):
            with contextlib.suppress(OSError):
                file.unlink()
        if self._lock.isLocked():
            self._lock.unlock()

    def stop(self) -> None:
        """No more autosaves from this window (it is closing)."""
        self._debounce.stop()
        self._periodic.stop()

"""Everything the window remembers between runs, and the only module that touches QSettings.

Values are read and written through typed accessors so callers never deal with QSettings'
string/variant conversions (which differ between INI and native back ends).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from desktop.core import scoring
from desktop.core.options import AlignOptions

log = logging.getLogger(__name__)

ORGANIZATION = "Parallax"
APPLICATION = "Parallax"
MAX_RECENT = 8
MAX_EXPORT_TITLES = 20
"""Report titles remembered, one per workspace name (the most recent ones)."""
THEMES = ("system", "light", "dark")
"""View ▸ Theme's choices (gui/theme.py makes the palettes)."""
ZOOM_RANGE = (70, 250)
"""Smallest and largest text zoom, in percent."""
DATA_DIR_ENV = "PARALLAX_DATA_DIR"
"""Overrides the data folder (autosaves); tests and portable installs set it."""


class Settings:
    """Typed access to the persisted window state, engine options and recent file sets."""

    def __init__(self, qsettings: QSettings | None = None, data_folder: Path | None = None):
        self._s = qsettings or QSettings(ORGANIZATION, APPLICATION)
        self._data_folder = data_folder

    @classmethod
    def scratch(cls, folder: Path) -> Settings:
        """Settings kept in `folder` alone (an INI file and the data folder), starting from the
        defaults: for runs that must not read or change the user's (`--screenshot`)."""
        ini = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        return cls(ini, data_folder=folder / "data")

    # -- generic helpers ------------------------------------------------------------------

    def _get_json(self, key: str, default: Any) -> Any:
        raw = self._s.value(key)
        if raw is None or raw == "":
            return default
        try:
            return json.loads(str(raw))
        except (TypeError, ValueError):
            log.warning("ignoring unreadable setting %s", key)
            return default

    def _set_json(self, key: str, value: Any) -> None:
        self._s.setValue(key, json.dumps(value))

    def _get_bytes(self, key: str) -> QByteArray | None:
        raw = self._s.value(key)
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def sync(self) -> None:
        self._s.sync()

    # -- files ----------------------------------------------------------------------------

    def last_files(self) -> list[str] | None:
        """The set of files open when the window last closed; None the very first time."""
        files = self._get_json("files/last", None)
        if not isinstance(files, list):
            return None
        return [str(f) for f in files]

    def set_last_files(self, files: list[str]) -> None:
        self._set_json("files/last", list(files))

    def recent_sets(self) -> list[list[str]]:
        sets = self._get_json("files/recent", [])
        if not isinstance(sets, list):
            return []
        return [[str(f) for f in s] for s in sets if isinstance(s, list) and s]

    def add_recent_set(self, files: list[str]) -> None:
        """Put `files` first in Open Recent; the same files in another order (panes moved)
        are the same entry, which takes the newest order."""
        if not files:
            return
        key = _set_key(files)
        sets = [s for s in self.recent_sets() if _set_key(s) != key]
        sets.insert(0, list(files))
        self._set_json("files/recent", sets[:MAX_RECENT])

    def clear_recent(self) -> None:
        self._set_json("files/recent", [])

    def last_workspace(self) -> str | None:
        """The workspace open when the window last closed, if the last session used one."""
        path = str(self._s.value("files/last_workspace", "") or "")
        return path or None

    def set_last_workspace(self, path: str | None) -> None:
        self._s.setValue("files/last_workspace", path or "")

    def data_folder(self) -> Path:
        """Where autosaves go: the override given, `PARALLAX_DATA_DIR`, or the platform's
        application data folder (e.g. ~/.local/share/Parallax/Parallax)."""
        if self._data_folder is not None:
            return self._data_folder
        override = os.environ.get(DATA_DIR_ENV)
        if override:
            return Path(override)
        location = QStandardPaths.StandardLocation.AppDataLocation
        return Path(QStandardPaths.writableLocation(location))

    def last_folder(self) -> str:
        return str(self._s.value("files/last_folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        self._s.setValue("files/last_folder", folder)

    # -- export ---------------------------------------------------------------------------

    def export_choice(self, name: str) -> str:
        """The Export dialog's last `name` choice: "folder", "format", "paper" or "scope"
        ("" until the first export)."""
        return str(self._s.value(f"export/{name}", "") or "")

    def set_export_choice(self, name: str, value: str) -> None:
        self._s.setValue(f"export/{name}", value)

    def export_title(self, workspace: str) -> str:
        """The title last given to a report of the workspace called `workspace`."""
        titles = self._get_json("export/titles", {})
        value = titles.get(workspace, "") if isinstance(titles, dict) else ""
        return value if isinstance(value, str) else ""

    def set_export_title(self, workspace: str, title: str) -> None:
        titles = self._get_json("export/titles", {})
        titles = dict(titles) if isinstance(titles, dict) else {}
        titles.pop(workspace, None)
        if title:
            titles[workspace] = title
        self._set_json("export/titles", dict(list(titles.items())[-MAX_EXPORT_TITLES:]))

    # -- engine options -------------------------------------------------------------------

    def align_options(self) -> AlignOptions:
        scorer = str(self._s.value("compare/scorer", scoring.DEFAULT))
        if scorer not in scoring.scorers():
            scorer = scoring.DEFAULT
        default = scoring.default_threshold(scorer)
        try:
            threshold = float(str(self._s.value("compare/threshold", default)))
        except (TypeError, ValueError):
            threshold = default
        threshold = min(100.0, max(0.0, threshold))
        return AlignOptions(threshold=threshold, scorer=scorer)

    def set_align_options(self, options: AlignOptions) -> None:
        self._s.setValue("compare/threshold", float(options.threshold))
        self._s.setValue("compare/scorer", options.scorer)

    # -- view -----------------------------------------------------------------------------

    def sync_scrolling(self) -> bool:
        return str(self._s.value("view/sync_scrolling", "true")).lower() in ("true", "1")

    def set_sync_scrolling(self, on: bool) -> None:
        self._s.setValue("view/sync_scrolling", "true" if on else "false")

    def theme(self) -> str:
        """View ▸ Theme: "system", "light" or "dark" (anything else read back is "system")."""
        value = str(self._s.value("view/theme", "system") or "system").lower()
        return value if value in THEMES else "system"

    def set_theme(self, theme: str) -> None:
        self._s.setValue("view/theme", theme if theme in THEMES else "system")

    def zoom(self) -> int:
        """The article panes' and claims table's text size, in percent (View ▸ Zoom), kept
        within `ZOOM_RANGE`."""
        try:
            value = round(float(str(self._s.value("view/zoom", 100))))
        except (TypeError, ValueError):
            value = 100
        return min(ZOOM_RANGE[1], max(ZOOM_RANGE[0], value))

    def set_zoom(self, percent: int) -> None:
        self._s.setValue("view/zoom", int(min(ZOOM_RANGE[1], max(ZOOM_RANGE[0], percent))))

    def geometry(self) -> QByteArray | None:
        return self._get_bytes("window/geometry")

    def set_geometry(self, data: QByteArray) -> None:
        self._s.setValue("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        return self._get_bytes("window/state")

    def set_window_state(self, data: QByteArray) -> None:
        self._s.setValue("window/state", data)

    def splitter_state(self) -> QByteArray | None:
        return self._get_bytes("window/splitter")

    def set_splitter_state(self, data: QByteArray) -> None:
        self._s.setValue("window/splitter", data)


def _set_key(files: list[str]) -> frozenset[str]:
    """What makes two recent entries the same: the files, whatever their order."""
    out = set()
    for f in files:
        try:
            out.add(str(Path(f).resolve()))
        except (OSError, RuntimeError, ValueError):
            out.add(f)
    return frozenset(out)

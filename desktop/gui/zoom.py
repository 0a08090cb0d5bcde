"""View ▸ Zoom In / Zoom Out / Actual Size: the article panes' text and the claims table's.

One zoom for every pane (and Ctrl+wheel over a pane's text), so sentences side by side keep
lines of comparable length and the connectors between them stay level. The level steps
through `LEVELS`, is kept within the settings' `ZOOM_RANGE` and is remembered. The panes
re-lay out their text at the new size and say so (`geometry_changed`), so link maps and
overview bars are drawn from the new sentence geometry.
"""

from __future__ import annotations

import bisect
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from desktop.gui.settings import ZOOM_RANGE

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

LEVELS = (70, 80, 90, 100, 110, 125, 150, 175, 200, 250)
"""The zoom steps, in percent (from `ZOOM_RANGE[0]` to `ZOOM_RANGE[1]`)."""
assert LEVELS[0] == ZOOM_RANGE[0] and LEVELS[-1] == ZOOM_RANGE[1]

#: name, menu text, keys, status tip
SPECS = (
    ("zoom_in", "Zoom &In", ("Ctrl+=", "Ctrl++"), "Larger text in the articles and claims table"),
    ("zoom_out", "Zoom O&ut", ("Ctrl+-",), "Smaller text in the articles and claims table"),
    ("zoom_reset", "&Actual Size", ("Ctrl+0",), "Text at its usual size"),
)


def step(percent: int, direction: int) -> int:
    """The next level above (`direction` > 0) or below `percent`, clamped to the range."""
    if direction > 0:
        return LEVELS[min(len(LEVELS) - 1, bisect.bisect_right(LEVELS, percent))]
    return LEVELS[max(0, bisect.bisect_left(LEVELS, percent) - 1)]


class Zoom(QObject):
    """The zoom actions, the level in force, and applying it to the panes and the table."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.actions: dict[str, QAction] = {}
        for name, text, keys, tip in SPECS:
            action = QAction(text, window)
            action.setObjectName(f"action_{name}")
            action.setShortcuts([QKeySequence(k) for k in keys])
            shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shown})")
            action.setStatusTip(tip)
            window.addAction(action)  # the keys work wherever focus is in the window
            window.actions_by_name[name] = action
            self.actions[name] = action
        self.actions["zoom_in"].triggered.connect(lambda: self.zoom_by(1))
        self.actions["zoom_out"].triggered.connect(lambda: self.zoom_by(-1))
        self.actions["zoom_reset"].triggered.connect(lambda: self.set_percent(100))
        window.strip.zoom_requested.connect(self.zoom_by)
        view = window.menus["view"]
        before = window.actions_by_name["reset_layout"]
        view.insertActions(before, list(self.actions.values()))
        view.insertSeparator(before)
        self.percent = 100
        self.set_percent(window.settings.zoom(), announce=False)

    def zoom_by(self, direction: int) -> None:
        self.set_percent(step(self.percent, direction))

    def set_percent(self, percent: int, announce: bool = True) -> None:
        """Show the text at `percent` (clamped to the range) and remember it."""
        percent = min(ZOOM_RANGE[1], max(ZOOM_RANGE[0], int(percent)))
        self.actions["zoom_in"].setEnabled(percent < ZOOM_RANGE[1])
        self.actions["zoom_out"].setEnabled(percent > ZOOM_RANGE[0])
        if announce:
            self._window.statusBar().showMessage(f"Text at {percent} %", 3000)
        if percent == self.percent and self._window.strip.text_zoom() == percent:
            return
        self.percent = percent
        self._window.settings.set_zoom(percent)
        self._window.strip.set_text_zoom(percent)
        self._window.claims.set_zoom(percent)
        log.debug("zoom %d %%", percent)

"""The framing panel's dock, and the framing marks (conflict words, hedges) in the panes.

`FramingDock.install(window)` adds the dock (right of the panes by default; movable, closable)
and wires it to the window's session, pane strip and the `framing_panel` and `mark_hedges`
actions, so the window itself needs no framing code.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from desktop.core.comparison import Comparison, SentenceRef
from desktop.gui.highlights import Span, pane_marks
from desktop.gui.widgets.framing_panel import FramingPanel

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow as MainWindowLike
    from desktop.gui.widgets.pane import ArticlePane

log = logging.getLogger(__name__)

DOCK_CHARS = 56
"""Least width of the framing dock on first run, in average characters (~390 px)."""
DOCK_SHARE = 0.2
"""On a wide window the dock takes this share of it on first run (a 4K window: ~770 px)."""


_MarksJob = tuple["ArticlePane", dict[int, list[Span]], dict[int, list[Span]]]


class FramingDock(QDockWidget):
    """The framing panel in a dock (right of the panes by default; movable, closable), and the
    framing marks in the panes, which show the same report.

    `install(window)` adds it and wires it to the window's session, pane strip and the
    `framing_panel` and `mark_hedges` actions, so the window itself needs no framing code.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Framing", parent)
        self.setObjectName("FramingDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.panel = FramingPanel(self)
        self.setWidget(self.panel)
        self._window: MainWindowLike | None = None
        self._hedges = True
        self._pending_marks: list[_MarksJob] = []
        """Panes still to mark, one per event-loop turn."""

    @classmethod
    def install(cls, window: MainWindowLike) -> FramingDock:
        """A dock added to `window` and wired to it (see `attach`)."""
        dock = cls(window)
        dock.attach(window)
        return dock

    def attach(self, window: MainWindowLike) -> None:
        self._window = window
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        strip = window.strip
        strip.current_changed.connect(self.panel.set_outlet)
        strip.selection_changed.connect(self.panel.set_selected)
        self.panel.sentence_requested.connect(self._on_sentence_requested)
        # After the window's own slot (connected earlier): the panes show the new comparison.
        window.session.comparison_changed.connect(self._on_panes_changed)
        window.comparison_changed.connect(self._on_comparison_changed)
        toggle = window.actions_by_name["framing_panel"]
        toggle.toggled.connect(self.setVisible)
        self.visibilityChanged.connect(self._sync_action)
        # Once the window has restored its saved state (which may hide the dock).
        QTimer.singleShot(0, self, self._sync_action)
        if window.settings.window_state() is None:
            QTimer.singleShot(0, self, self._initial_size)
        hedges = window.actions_by_name["mark_hedges"]
        hedges.setChecked(self._hedges)
        hedges.toggled.connect(self.set_hedge_marks)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * DOCK_CHARS, 600)

    def default_width(self) -> int:
        """The dock's width on first run and after Reset Layout: `DOCK_CHARS`, or
        `DOCK_SHARE` of a wide window."""
        window = self._window
        width = window.width() if window is not None and shiboken6.isValid(window) else 0
        return max(self.sizeHint().width(), round(width * DOCK_SHARE))

    def _initial_size(self) -> None:
        """First run: `default_width`, the claim cues above the outlet profile."""
        if self._window is not None and shiboken6.isValid(self._window):
            width = self.default_width()
            self._window.resizeDocks([self], [width], Qt.Orientation.Horizontal)
            height = max(400, self.panel.height())
            self.panel.splitter.setSizes([height * 11 // 20, height * 9 // 20])

    def hedge_marks(self) -> bool:
        return self._hedges

    def set_hedge_marks(self, on: bool) -> None:
        """Show or hide the hedge marks in the panes (conflict words are always marked)."""
        self._hedges = on
        if self._window is not None:
            self._on_panes_changed(self._window.session.comparison, staged=False)

    def _on_panes_changed(self, comparison: Comparison | None, staged: bool = True) -> None:
        """Mark conflict words and hedges. After a new comparison (`staged`): one pane per
        event-loop turn, the visible ones first (the visible ones at once stalled the window
        ~70 ms with 20 articles); when the user toggles hedge marks, every pane at once."""
        if comparison is None or self._window is None:
            return
        view = self._window.session.view_data_for(comparison)
        marks = view.marks if view is not None else pane_marks(comparison)
        strip = self._window.strip
        visible = strip.visible_ids()
        jobs: list[_MarksJob] = []
        for pane in strip.panes():
            conflicts, hedges = marks.get(pane.article_id, ({}, {}))
            jobs.append((pane, conflicts, hedges if self._hedges else {}))
        if not staged:
            self._pending_marks = []
            for pane, conflicts, hedges in jobs:
                pane.view.set_marks(conflicts, hedges)
            return
        jobs.sort(key=lambda job: job[0].article_id not in visible)
        self._pending_marks = jobs
        QTimer.singleShot(0, self, self._on_marks_step)

    def _on_marks_step(self) -> None:
        if not self._pending_marks:
            return
        pane, conflicts, hedges = self._pending_marks.pop(0)
        if shiboken6.isValid(pane):
            pane.view.set_marks(conflicts, hedges)
        if self._pending_marks:
            QTimer.singleShot(0, self, self._on_marks_step)

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        assert self._window is not None
        strip = self._window.strip
        current = strip.current_pane()
        self.panel.set_comparison(comparison, current.article_id if current else None)
        self.panel.set_selected(strip.selected())

    def _on_sentence_requested(self, ref: SentenceRef) -> None:
        if self._window is not None:
            self._window.strip.select(ref)

    def _sync_action(self, _visible: bool = False) -> None:
        # The dock hides while the window is destroyed: nothing to sync then.
        if self._window is not None and shiboken6.isValid(self._window):
            action = self._window.actions_by_name["framing_panel"]
            action.blockSignals(True)
            action.setChecked(self.isVisibleTo(self._window))
            action.blockSignals(False)

"""The Go menu and moving focus in the window: next/previous difference, conflict and unique
claim (navigation.py works out where), the counterpart in the next pane, panes ↔ claims table.

Each step selects its sentence in the panes and says in the status bar where it landed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from desktop.gui import navigation

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

STATUS_MS = 6000


class Navigator(QObject):
    """Go-menu and focus handlers of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def handlers(self) -> dict[str, Callable[[], object]]:
        def go(kind: str, forward: bool) -> Callable[[], None]:
            return lambda: self.step(kind, forward)

        return {
            "next_difference": go(navigation.DIFFERENCE, True),
            "previous_difference": go(navigation.DIFFERENCE, False),
            "next_conflict": go(navigation.CONFLICT, True),
            "previous_conflict": go(navigation.CONFLICT, False),
            "next_unique": go(navigation.UNIQUE_SENTENCE, True),
            "previous_unique": go(navigation.UNIQUE_SENTENCE, False),
            "counterpart_right": lambda: self.counterpart(1),
            "counterpart_left": lambda: self.counterpart(-1),
            "focus_claims": self.toggle_focus,
        }

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)

    def step(self, kind: str, forward: bool) -> None:
        """Select the next (or previous) stop of `kind` and say which of how many it is."""
        window = self._window
        comparison = window.session.comparison
        if comparison is None:
            return
        strip = window.strip
        strip.settle_now()
        current = strip.current_pane()
        current_id = current.article_id if current is not None else None
        found = navigation.step(
            comparison, kind, strip.shown_ids(), current_id, strip.selected(), forward
        )
        if found is None:
            name = navigation.KIND_NAMES[kind].lower()
            where = ""
            if kind == navigation.UNIQUE_SENTENCE and current_id is not None:
                where = f" in {comparison.article(current_id).label}"
            self._status(f"No {name}s{where} among the shown outlets")
            return
        strip.select(found.stop.ref)
        strip.set_current(found.stop.ref.article)
        self._status(found.message())

    def counterpart(self, delta: int) -> None:
        """Move to the next (or previous) shown pane, on the selected claim's sentence there."""
        window = self._window
        strip = window.strip
        panes = strip.shown_panes()
        current = strip.current_pane()
        if current is None or len(panes) < 2:
            return
        target = panes[(panes.index(current) + delta) % len(panes)]
        strip.set_current(target.article_id)
        selected = strip.selected()
        comparison = window.session.comparison
        if selected is not None and comparison is not None:
            other = comparison.claim_of(selected).member_in(target.article_id)
            if other is not None:
                strip.select(other)
            else:
                label = comparison.article(target.article_id).label
                self._status(f"{label} does not carry this claim")

    def toggle_focus(self) -> None:
        """F6: keyboard focus from the panes to the claims table and back."""
        window = self._window
        if window.claims.table.hasFocus():
            pane = window.strip.current_pane()
            if pane is not None:
                pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            window.claims.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

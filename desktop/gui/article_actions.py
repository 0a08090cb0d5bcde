"""Acting on one article from the window: remove (undoable, with an Undo button in the message
bar instead of a question), move, and edit its details; from the menus, the keyboard or a
pane's ⋯ menu. Every change goes through the window's `History`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.gui.widgets.metadata_dialog import MetadataDialog
from desktop.gui.widgets.pane import MOVE_END

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow


class ArticleActions(QObject):
    """Remove, move and edit articles in one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        strip = window.strip
        strip.edit_requested.connect(self.edit)
        strip.move_requested.connect(self.move)
        strip.move_to_requested.connect(window.history.move_to)
        strip.remove_requested.connect(self.remove)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "remove": lambda: self._on_current(self.remove),
            "edit": lambda: self._on_current(self.edit),
            "move_left": lambda: self._move_current(-1),
            "move_right": lambda: self._move_current(1),
            "move_first": lambda: self._move_current(-MOVE_END),
            "move_last": lambda: self._move_current(MOVE_END),
        }

    def _current_id(self) -> str | None:
        pane = self._window.strip.current_pane()
        return pane.article_id if pane is not None else None

    def _on_current(self, action: Callable[[str], None]) -> None:
        article_id = self._current_id()
        if article_id:
            action(article_id)

    def remove(self, article_id: str) -> None:
        window = self._window
        comparison = window.session.comparison
        if comparison is None or article_id not in {a.id for a in comparison.articles}:
            return
        label = comparison.article(article_id).label
        window.history.remove(article_id)
        window.show_undoable(f"Removed {label} from the comparison.")

    def _move_current(self, delta: int) -> None:
        article_id = self._current_id()
        if article_id:
            self.move(article_id, delta)
            window = self._window
            QTimer.singleShot(0, window, lambda: window.strip.set_current(article_id))

    def move(self, article_id: str, delta: int) -> None:
        """Move by `delta` places (a delta past either end: to the first or last place)."""
        ids = [a.id for a in self._window.session.articles]
        if article_id not in ids:
            return
        index = max(0, min(len(ids) - 1, ids.index(article_id) + delta))
        if index != ids.index(article_id):
            self._window.history.move_to(article_id, index)

    def edit(self, article_id: str) -> None:
        window = self._window
        comparison = window.session.comparison
        if comparison is None:
            return
        dialog = MetadataDialog(comparison.article(article_id), window)
        if dialog.exec() and dialog.changes():
            window.history.edit(article_id, dialog.changes())

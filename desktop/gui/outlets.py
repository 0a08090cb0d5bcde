"""Choosing what to compare: which outlets' panes are shown, focus mode and the base outlet.

- View ▸ Outlets: a tick per outlet, Show All Outlets, and Compare With… for the current pane.
- A pane's menu: Compare With ▸ another outlet (those two side by side, the rest hidden), Choose
  Outlets… (two or three), Use as Base Outlet, Hide This Outlet.
- The base outlet (Juxta's base witness): every sentence is tinted and highlighted against its
  counterpart in the base's pane ("+" where the base does not carry it).

Hidden outlets still count everywhere (claims, statuses, the claims table's relation): only their
panes and claim-table columns are out of the way. This is a view choice, not a change to the
comparison, so it is not on the undo stack; opening another set shows every outlet again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import Comparison

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

MAX_FOCUS = 3
"""Compare With… shows at most this many outlets side by side."""


class ChooseOutletsDialog(QDialog):
    """Tick two or three outlets to see side by side (the pane it was opened from is ticked)."""

    def __init__(
        self,
        labels: Sequence[tuple[str, str]],
        chosen: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare outlets side by side")
        layout = QVBoxLayout(self)
        note = QLabel(
            "Choose two or three outlets to compare side by side. The others are hidden "
            "but still counted in claims.",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.boxes: dict[str, QCheckBox] = {}
        for article_id, label in labels:
            box = QCheckBox(label, self)
            box.setChecked(article_id in chosen)
            box.toggled.connect(self._update)
            self.boxes[article_id] = box
            layout.addWidget(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def chosen(self) -> list[str]:
        return [i for i, box in self.boxes.items() if box.isChecked()]

    def _update(self) -> None:
        count = len(self.chosen())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(2 <= count <= MAX_FOCUS)
        for box in self.boxes.values():
            box.setEnabled(box.isChecked() or count < MAX_FOCUS)


class OutletsController(QObject):
    """Shown outlets and the base outlet of one window (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.strip = window.strip
        self.menu = QMenu("&Outlets", window)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.base_menu = QMenu("&Base Outlet", window)
        self.base_menu.aboutToShow.connect(self._fill_base_menu)
        self.strip.menu_extension = self.extend_pane_menu
        self.strip.shown_changed.connect(self._update_bar)
        window.session.opened.connect(lambda _opened: self.reset())
        window.legend_bar.show_all_requested.connect(self.show_all)
        self.ask_outlets = self._ask_outlets_dialog

    def _comparison(self) -> Comparison | None:
        return self.strip.comparison()

    def _labels(self) -> list[tuple[str, str]]:
        comparison = self._comparison()
        return [(a.id, a.label) for a in comparison.articles] if comparison else []

    # -- changes --------------------------------------------------------------------------

    def focus(self, article_ids: Sequence[str]) -> None:
        """Show only these outlets' panes (the others hidden, still counted)."""
        every = {i for i, _ in self._labels()}
        self.strip.set_hidden(every - set(article_ids))

    def show_all(self) -> None:
        self.strip.set_hidden(set())

    def set_shown(self, article_id: str, shown: bool) -> None:
        hidden = set(self.strip.hidden())
        if shown:
            hidden.discard(article_id)
        else:
            hidden.add(article_id)
        self.strip.set_hidden(hidden)

    def set_base(self, article_id: str | None) -> None:
        self.strip.set_base(article_id)

    def reset(self) -> None:
        """A new set is open: every outlet shown, no base."""
        self.strip.set_hidden(set())
        self.strip.set_base(None)

    def choose(self, article_id: str) -> None:
        """Compare With…: the outlets to show side by side, starting from `article_id`."""
        shown = [i for i in self.strip.shown_ids() if i != article_id][: MAX_FOCUS - 1]
        chosen = self.ask_outlets(self._labels(), [article_id, *shown[:1]])
        if chosen:
            self.focus(chosen)

    def _ask_outlets_dialog(
        self, labels: list[tuple[str, str]], chosen: list[str]
    ) -> list[str] | None:
        dialog = ChooseOutletsDialog(labels, chosen, self._window)
        return dialog.chosen() if dialog.exec() else None

    # -- menus ----------------------------------------------------------------------------

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        hidden = self.strip.hidden()
        show_all = menu.addAction("Show &All Outlets", self.show_all)
        show_all.setEnabled(bool(hidden))
        current = self.strip.current_pane()
        if current is not None:
            menu.addAction("&Compare With…", lambda: self.choose(current.article_id)).setStatusTip(
                "Show two or three outlets side by side"
            )
        menu.addSeparator()
        for article_id, label in self._labels():
            action = menu.addAction(label.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(article_id not in hidden)
            action.toggled.connect(lambda on, i=article_id: self.set_shown(i, on))

    def _fill_base_menu(self) -> None:
        menu = self.base_menu
        menu.clear()
        base = self.strip.base()
        none = menu.addAction("&None (each sentence against its nearest counterpart)")
        none.setCheckable(True)
        none.setChecked(base is None)
        none.triggered.connect(lambda: self.set_base(None))
        menu.addSeparator()
        for article_id, label in self._labels():
            action = menu.addAction(label.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(article_id == base)
            action.triggered.connect(lambda _on=False, i=article_id: self.set_base(i))

    def extend_pane_menu(self, menu: QMenu, article_id: str) -> None:
        """The outlet actions of a pane's ⋯ menu."""
        others = [(i, label) for i, label in self._labels() if i != article_id]
        compare = menu.addMenu("Compare With")
        for other, label in others:
            action = compare.addAction(label.replace("&", "&&"))
            action.setData(other)
            action.triggered.connect(lambda _on=False, o=other: self.focus([article_id, o]))
        compare.addSeparator()
        compare.addAction("Choose Outlets…", lambda: self.choose(article_id))
        compare.setEnabled(bool(others))
        base = menu.addAction("Use as Base Outlet")
        base.setCheckable(True)
        base.setChecked(self.strip.base() == article_id)

        def on_base(on: bool) -> None:
            self.set_base(article_id if on else None)

        base.toggled.connect(on_base)
        hide = menu.addAction("Hide This Outlet", lambda: self.set_shown(article_id, False))
        hide.setEnabled(len(self.strip.shown_ids()) > 1)
        if self.strip.hidden():
            menu.addAction("Show All Outlets", self.show_all)

    # -- the legend bar -------------------------------------------------------------------

    def _update_bar(self) -> None:
        comparison = self._comparison()
        total = len(comparison.articles) if comparison else 0
        self._window.legend_bar.set_shown(len(self.strip.shown_ids()), total)
        self._window.legend_bar.legend.set_base_shown(self.strip.base() is not None)
        self._window.legend_bar.follow(self.strip)

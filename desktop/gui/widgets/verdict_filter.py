"""The claims table's verdict filter, and the button to the verdicts that no longer attach.

The filter is a compact menu button (the bar under the panes must fit a small screen): its text
is the choice in force, "Verdicts" while every claim is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from desktop.core.verdicts import VERDICTS, verdict_word
from desktop.gui import style
from desktop.gui.models.claim_verdicts import (
    VERDICT_FILTER_ALL,
    VERDICT_FILTER_ANY,
    VERDICT_FILTER_NONE,
)

#: The filter's entries: data, text.
VERDICT_CHOICES = (
    (VERDICT_FILTER_ALL, "All verdicts"),
    # The mark after the word: a "✔" in front would read as the menu's own check mark.
    *((v, f"{verdict_word(v).capitalize()} {style.VERDICT_SYMBOLS[v]}") for v in VERDICTS),
    (VERDICT_FILTER_ANY, "With a verdict or note"),
    (VERDICT_FILTER_NONE, "Without a verdict or note"),
)


class VerdictFilter(QWidget):
    """A menu button of `VERDICT_CHOICES` and, while some verdicts no longer attach, a button
    saying how many.

    Signals:
        filter_changed(str): the verdict filter chosen ("" for every claim).
        orphans_requested(): the user pressed the button.
    """

    filter_changed = Signal(str)
    orphans_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = VERDICT_FILTER_ALL
        self.button = QToolButton(self)
        self.button.setObjectName("VerdictFilter")
        self.button.setAccessibleName("Show claims by verdict")
        self.button.setToolTip("Show only the claims with this verdict of yours (or none)")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.actions_by_key: dict[str, QAction] = {}
        group = QActionGroup(self.menu)
        for key, text in VERDICT_CHOICES:
            action = self.menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(key == self._current)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, k=key: self.set_current(k))
            self.actions_by_key[key] = action
            if key == VERDICT_FILTER_ALL or key == VERDICTS[-1]:
                self.menu.addSeparator()
        self.button.setMenu(self.menu)
        self.orphans_button = QToolButton(self)
        self.orphans_button.setObjectName("OrphansButton")
        self.orphans_button.setToolTip(
            "Verdicts and notes whose claim or link is gone after the alignment changed: "
            "they are kept (and reported) until you delete them"
        )
        self.orphans_button.clicked.connect(self.orphans_requested)
        self.orphans_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.orphans_button)
        self._show_current()

    def current(self) -> str:
        return self._current

    def set_current(self, key: str) -> None:
        """Filter by `key` (one of `VERDICT_CHOICES`' data)."""
        if key not in self.actions_by_key:
            raise ValueError(f"unknown verdict filter {key!r}")
        self.actions_by_key[key].setChecked(True)
        if key != self._current:
            self._current = key
            self._show_current()
            self.filter_changed.emit(key)

    def _show_current(self) -> None:
        key = self._current
        self.button.setText(f"{self.actions_by_key[key].text() if key else 'Verdicts'} ▾")

    def description(self) -> str:
        """The filter in words for a report's scope ("" for every claim)."""
        key = self._current
        if not key:
            return ""
        if key in VERDICTS:
            return f"verdict {verdict_word(key)}"
        return self.actions_by_key[key].text().lower()

    def set_orphans(self, count: int) -> None:
        self.orphans_button.setVisible(count > 0)
        self.orphans_button.setText(
            f"{count} verdict{'s' * (count != 1)} no longer attach{'es' * (count == 1)}…"
        )
        self.orphans_button.setAccessibleName(self.orphans_button.text())

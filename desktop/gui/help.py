"""The Help menu's pages: "How Parallax Compares" (an offline page in plain words) and the
keyboard shortcuts sheet (a two-column table per menu, built from the window's own actions, so
it can never list a shortcut the window does not have)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.resources import resource_path

log = logging.getLogger(__name__)

HELP_PAGE = ("help", "how-parallax-compares.html")

PANE_KEYS = (
    ("Previous / next sentence", "Up, Down"),
    ("First / last sentence", "Home, End"),
    ("Next / previous pane", "Tab, Shift+Tab"),
    ("Mark a sentence to link or compare with the selected one", "Ctrl+click"),
    ("Move a pane", "drag its header"),
    ("Make a pane wider", "drag the connectors beside it"),
    ("Zoom every pane's text in or out (View ▸ Zoom)", "Ctrl+wheel"),
)

_MEDIA_KEYS = 0x01000061
"""Qt key codes from here on are media and launch keys ("Open", "Save", "Help"): platform
alternatives of the standard shortcuts that no keyboard layout shows as text worth reading."""


def _is_named_key(key: Qt.Key) -> bool:
    return key in (Qt.Key.Key_Help, Qt.Key.Key_Menu) or (key.value & 0x01FFFFFF) >= _MEDIA_KEYS


class _Browser(QTextBrowser):
    """A text browser that never loads anything: the page is self-contained."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resource_requests: list[str] = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        url = name.toString() if isinstance(name, QUrl) else str(name)
        self.resource_requests.append(url)
        log.warning("help page asked for %s; nothing is loaded", url)
        return None


def help_html() -> str:
    path = resource_path(*HELP_PAGE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return "<p>The help page could not be read from this installation.</p>"


class HowItWorksDialog(QDialog):
    """Help ▸ How Parallax Compares: what a claim is, relations, scorers, framing, limits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How Parallax compares")
        self.setObjectName("HowItWorksDialog")
        self.browser = _Browser(self)
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def text(self) -> str:
        return self.browser.toPlainText()


def readable_keys(action: QAction) -> str:
    """The action's shortcuts as a person types them, without platform media-key names."""
    shown = []
    for sequence in action.shortcuts():
        combos = [sequence[i] for i in range(sequence.count())]  # type: ignore[index]
        if sequence.isEmpty() or any(_is_named_key(c.key()) for c in combos):
            continue
        text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        if text and text not in shown:
            shown.append(text)
    return ", ".join(shown)


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                sub = action.menu()
                assert isinstance(sub, QMenu)
                walk(sub, title)
            elif not action.isSeparator():
                keys = readable_keys(action)
                if keys:
                    rows.append((title, action.text().replace("&", "").rstrip("…"), keys))

    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return rows


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard Shortcuts: action and keys in two columns, grouped by menu."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("ShortcutsDialog")
        rows: list[tuple[str, str]] = []
        groups: list[int] = []
        last = ""
        for menu, name, keys in shortcut_rows(menu_bar):
            if menu != last:
                groups.append(len(rows))
                rows.append((menu, ""))
                last = menu
            rows.append((name, keys))
        groups.append(len(rows))
        rows.append(("In a pane", ""))
        rows.extend(PANE_KEYS)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        for row, (name, keys) in enumerate(rows):
            first = QTableWidgetItem(name)
            if row in groups:
                font = first.font()
                font.setBold(True)
                first.setFont(font)
            self.table.setItem(row, 0, first)
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def rows(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(self.table.rowCount())]

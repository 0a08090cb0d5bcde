"""Context menus are shown through `exec_menu`, in one place, so that tests can choose an
action as a person would (a shown menu blocks until it is closed, and Qt's own `QMenu.exec`
cannot be replaced from Python)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def exec_menu(menu: QMenu, position: QPoint) -> QAction | None:
    """Show `menu` at `position` (global) until it closes; the action chosen, if any."""
    return menu.exec(position)

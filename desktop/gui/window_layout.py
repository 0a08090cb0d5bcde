"""Window size and layout: a first start large enough for the panes, restored geometry that
fits the screen it opens on, and View ▸ Reset Layout.

A window saved on a 3840-pixel screen and restored on a 1920-pixel one must not come back
1280×408 with a 90-pixel framing dock: after restoring, the geometry is clamped to the current
screen's available area (and grown to a usable least size when it was shrunk), and the dock to
a width between `DOCK_MIN` and `DOCK_MAX_SHARE` of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

FIRST_START_SHARE = 0.92
"""On first start the window takes this share of the screen's width and height."""
LEAST_SIZE = QSize(960, 600)
"""A restored window smaller than this (but the screen is larger) is grown to it."""
DOCK_MIN = 260
DOCK_MAX_SHARE = 0.4
SPLITTER_SHARE = 0.72
"""Share of the height the panes get above the claims table."""


def _screen(window: MainWindow) -> QScreen | None:
    screen = window.screen() if window.isVisible() else None
    return screen or QGuiApplication.primaryScreen()


def first_start_geometry(available: QRect) -> QRect:
    """Most of the screen, centred: six panes and the framing panel need the room."""
    width = max(
        min(available.width(), LEAST_SIZE.width()), round(available.width() * FIRST_START_SHARE)
    )
    height = max(
        min(available.height(), LEAST_SIZE.height()), round(available.height() * FIRST_START_SHARE)
    )
    rect = QRect(0, 0, min(width, available.width()), min(height, available.height()))
    rect.moveCenter(available.center())
    return rect


def clamped(geometry: QRect, available: QRect) -> QRect:
    """`geometry` moved and shrunk to lie inside `available`, and grown to `LEAST_SIZE` where
    the screen allows."""
    width = min(max(geometry.width(), LEAST_SIZE.width()), available.width())
    height = min(max(geometry.height(), LEAST_SIZE.height()), available.height())
    left = min(max(geometry.left(), available.left()), available.right() - width + 1)
    top = min(max(geometry.top(), available.top()), available.bottom() - height + 1)
    return QRect(left, top, width, height)


def restore(window: MainWindow) -> None:
    """The saved geometry, window state and splitter, each clamped; first start defaults."""
    settings = window.settings
    screen = _screen(window)
    available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1600, 1000)
    geometry = settings.geometry()
    if geometry is not None and window.restoreGeometry(geometry):
        window.setGeometry(clamped(window.geometry(), available))
    else:
        window.setGeometry(first_start_geometry(available))
    state = settings.window_state()
    if state is not None:
        window.restoreState(state)
    splitter = settings.splitter_state()
    if splitter is None or not window.splitter.restoreState(splitter):
        window.default_split_pending = True  # applied once shown, when heights are known


def clamp_dock(window: MainWindow) -> None:
    """Give the framing dock a usable width (a 90-pixel dock from another screen is not)."""
    dock = window.framing_dock
    if dock.isFloating() or not dock.isVisible():
        return
    most = max(DOCK_MIN, round(window.width() * DOCK_MAX_SHARE))
    width = dock.width()
    wanted = min(max(width, DOCK_MIN), most)
    if wanted != width:
        window.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)


def default_split(window: MainWindow) -> None:
    """The panes above, the claims table below, as on first start."""
    window.default_split_pending = False
    _default_splitter(window)


def _default_splitter(window: MainWindow) -> None:
    height = max(400, window.height() - 120)
    top = round(height * SPLITTER_SHARE)
    window.splitter.setSizes([top, height - top])


def reset(window: MainWindow) -> None:
    """View ▸ Reset Layout: first-start size, toolbar and framing dock back in place at their
    default width, the claims table at its default height, every outlet shown, equal panes."""
    screen = _screen(window)
    if screen is not None:
        window.showNormal()
        window.setGeometry(first_start_geometry(screen.availableGeometry()))
    dock = window.framing_dock
    dock.setFloating(False)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.show()
    window.resizeDocks([dock], [dock.default_width()], Qt.Orientation.Horizontal)
    for bar in window.toolbars():
        bar.show()
    _default_splitter(window)
    window.outlets.show_all()
    window.strip.equalise_widths()

"""Window size and layout: first start, restored geometry and dock clamped, Reset Layout, the
legend always on screen, and palette-aware icons."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from pytestqt.qtbot import QtBot

from desktop.gui import style, window_layout
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import MAIN_SET, open_window


def _available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def test_first_start_is_large_and_on_the_screen() -> None:
    hd = QRect(0, 0, 1920, 1080)
    rect = window_layout.first_start_geometry(hd)
    assert hd.contains(rect)
    assert rect.width() >= 1700 and rect.height() >= 950
    small = QRect(0, 0, 800, 600)
    assert window_layout.first_start_geometry(small) == small


def test_first_start_window_uses_the_screen(qtbot: QtBot, settings: Settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.geometry() == window_layout.first_start_geometry(_available())


def test_restored_geometry_and_dock_are_clamped(qtbot: QtBot, settings: Settings) -> None:
    # What a session on a far larger screen left behind: off the screen, 408 high, a thin dock.
    big = MainWindow(settings)
    qtbot.addWidget(big)
    big.show()
    big.setGeometry(3000, 1500, 3800, 408)
    big.resizeDocks([big.framing_dock], [90], Qt.Orientation.Horizontal)
    big.save_state()
    big.close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    available = _available()
    assert available.contains(window.geometry())
    assert window.height() >= min(available.height(), window_layout.LEAST_SIZE.height()) - 1
    most = max(window_layout.DOCK_MIN, window.width() * window_layout.DOCK_MAX_SHARE) + 2
    assert window.framing_dock.width() <= most


def test_a_dock_too_wide_for_the_window_is_narrowed(window: MainWindow, qtbot: QtBot) -> None:
    window.resizeDocks([window.framing_dock], [900], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.framing_dock.width() > 600)
    window_layout.clamp_dock(window)
    qtbot.waitUntil(
        lambda: window.framing_dock.width() <= window.width() * window_layout.DOCK_MAX_SHARE + 2
    )


def test_clamped_keeps_a_fitting_window() -> None:
    screen = QRect(0, 0, 1920, 1080)
    fits = QRect(100, 100, 1200, 800)
    assert window_layout.clamped(fits, screen) == fits
    assert window_layout.clamped(QRect(1800, 900, 1200, 800), screen) == QRect(720, 280, 1200, 800)


def test_reset_layout(window: MainWindow, qtbot: QtBot) -> None:
    window.framing_dock.hide()
    window.outlets.focus([p.article_id for p in window.strip.panes()[:2]])
    window.splitter.setSizes([100, 700])
    window.actions_by_name["reset_layout"].trigger()
    assert window.framing_dock.isVisible()
    assert len(window.strip.shown_panes()) == 6
    top, bottom = window.splitter.sizes()
    assert top > bottom
    expected = window_layout.first_start_geometry(_available())
    assert window.geometry().topLeft() == expected.topLeft()
    assert window.width() == max(expected.width(), window.minimumSizeHint().width())


def test_the_legend_is_always_on_screen(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))
    window.resize(1280, 720)
    qtbot.wait(10)
    legend = window.legend_bar.legend
    assert legend.isVisible()
    assert legend.window() is window and window.toolbar not in _ancestors(legend)
    assert legend.width() >= legend.sizeHint().width()
    top_left = legend.mapTo(window, legend.rect().topLeft())
    assert window.rect().contains(QRect(top_left, legend.size()))
    assert "differing words" in legend.toolTip()


def _ancestors(widget: object) -> list[object]:
    out = []
    parent = widget.parentWidget()  # type: ignore[attr-defined]
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def test_icons_follow_a_dark_palette() -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Button, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#eeeeee"))
    image = style.icon("export", dark).pixmap(24, 24).toImage()
    inked = [
        QColor(image.pixel(x, y))
        for x in range(24)
        for y in range(24)
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 200
    ]
    assert inked and max(c.lightness() for c in inked) > 180  # light strokes on dark


def test_a_restored_splitter_state_is_used(qtbot: QtBot, settings: Settings) -> None:
    settings.set_splitter_state(QByteArray(b"not a splitter state"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] > window.splitter.sizes()[1])

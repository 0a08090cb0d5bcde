"""View ▸ Zoom: the panes' and claims table's text size, clamped, remembered, geometry kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.gui import zoom
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import ZOOM_RANGE, Settings
from desktop.gui.widgets.link_map import LinkMap
from desktop.gui.widgets.sentence_view import SentenceView

from .helpers import MAIN_SET, open_window


def _points(view: SentenceView) -> float:
    return view.font().pointSizeF()


def _usual(view: SentenceView) -> float:
    return QApplication.font(view).pointSizeF()


def test_zoom_in_out_and_actual_size_change_the_text_and_are_clamped(window: MainWindow) -> None:
    view = window.strip.panes()[0].view
    table = window.claims.table
    usual, usual_table = _usual(view), table.font().pointSizeF()
    row_height = table.verticalHeader().defaultSectionSize()
    window.actions_by_name["zoom_in"].trigger()
    assert window.zoom.percent == 110
    assert _points(view) == pytest.approx(usual * 1.1)
    assert all(_points(p.view) == pytest.approx(usual * 1.1) for p in window.strip.panes())
    assert table.font().pointSizeF() == pytest.approx(usual_table * 1.1)
    assert window.settings.zoom() == 110
    for _ in range(20):
        window.zoom.zoom_by(1)
    assert window.zoom.percent == ZOOM_RANGE[1] == 250
    assert _points(view) == pytest.approx(usual * 2.5)
    assert table.verticalHeader().defaultSectionSize() > row_height * 1.8  # rows fit the text
    assert not window.actions_by_name["zoom_in"].isEnabled()
    for _ in range(20):
        window.actions_by_name["zoom_out"].trigger()
    assert window.zoom.percent == ZOOM_RANGE[0] == 70
    assert _points(view) == pytest.approx(usual * 0.7)
    assert not window.actions_by_name["zoom_out"].isEnabled()
    window.actions_by_name["zoom_reset"].trigger()
    assert window.zoom.percent == 100 and _points(view) == pytest.approx(usual)
    assert window.actions_by_name["zoom_in"].isEnabled()


def test_steps() -> None:
    assert zoom.step(100, 1) == 110 and zoom.step(100, -1) == 90
    assert zoom.step(250, 1) == 250 and zoom.step(70, -1) == 70
    assert zoom.step(117, 1) == 125 and zoom.step(117, -1) == 110  # off-level values snap


def test_the_keys(qtbot: QtBot, window: MainWindow) -> None:
    view = window.strip.panes()[0].view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.percent == 110
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.percent == 90
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.percent == 100
    keys = [k.toString() for k in window.actions_by_name["zoom_in"].shortcuts()]
    assert keys == ["Ctrl+=", "Ctrl++"]


def test_ctrl_wheel_zooms_every_pane_together(window: MainWindow) -> None:
    first, second = (p.view for p in window.strip.panes()[:2])
    point = QPointF(40, 40)
    event = QWheelEvent(
        point,
        first.viewport().mapToGlobal(point),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(first.viewport(), event)
    assert window.zoom.percent == 110
    assert _points(first) == _points(second) == pytest.approx(_usual(first) * 1.1)


def _sentence_top(view: SentenceView, index: int) -> float:
    """Where Qt lays out the sentence's first character, in viewport coordinates: measured
    from the text layout directly, not from the view's cached extents."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.sentence_range(index)[0])
    return float(view.cursorRect(cursor).top())


def test_connectors_and_overview_bars_follow_the_zoomed_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    link_map = window.strip.link_maps()[0]
    assert isinstance(link_map, LinkMap) and link_map.left is not None
    left, right = link_map.left, link_map.right
    assert right is not None
    link = max(link_map.links(), key=lambda lk: lk.a.sentence)  # far down, where drift shows
    bottom_before = left.extent(left.sentence_count() - 1)[1]
    window.zoom.set_percent(175)
    qtbot.waitUntil(lambda: left.extent(left.sentence_count() - 1)[1] > bottom_before * 1.4)
    left.ensure_visible(link.a.sentence)
    right.ensure_visible(link.b.sentence)
    band = link_map.band(link)
    assert band is not None
    l_off, r_off = link_map._offsets()
    assert band[0] - l_off == pytest.approx(_sentence_top(left, link.a.sentence), abs=3)
    assert band[2] - r_off == pytest.approx(_sentence_top(right, link.b.sentence), abs=3)
    # The overview bar maps the zoomed document: its last mark still ends at the bottom.
    bar = window.strip.panes()[0].overview
    marks = bar.marks()
    assert marks[-1][1] <= bar.height() + 1
    assert marks[-1][1] > bar.height() * 0.8


def test_the_zoom_is_remembered_and_applies_to_panes_opened_later(
    qtbot: QtBot, settings: Settings
) -> None:
    window = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md"))[:2])
    window.zoom.set_percent(150)
    window.close()
    assert settings.zoom() == 150
    again = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))
    assert again.zoom.percent == 150
    for pane in again.strip.panes():
        assert _points(pane.view) == pytest.approx(_usual(pane.view) * 1.5)
    settings.set_zoom(900)
    assert settings.zoom() == ZOOM_RANGE[1]
    settings._s.setValue("view/zoom", "big")
    assert settings.zoom() == 100


def test_changing_the_current_pane_does_not_reformat_the_text(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[SentenceView] = []
    original = SentenceView.refresh_formats
    monkeypatch.setattr(
        SentenceView, "refresh_formats", lambda self: (calls.append(self), original(self))
    )
    panes = window.strip.panes()
    for pane in (panes[1], panes[0], panes[2]):
        window.strip.set_current(pane.article_id)
        QApplication.processEvents()
    assert calls == []
    window.zoom.set_percent(110)
    assert len(calls) == len(panes)


def test_the_shortcuts_sheet_and_the_menus_list_the_new_items(window: MainWindow) -> None:
    from desktop.gui.help import ShortcutsDialog

    window.actions_by_name["shortcuts"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, ShortcutsDialog)
    keys = dict(dialog.rows())
    assert keys["Zoom In"] == "Ctrl+=, Ctrl++"
    assert keys["Zoom Out"] == "Ctrl+-" and keys["Actual Size"] == "Ctrl+0"
    assert keys["Copy"].split(", ")[0] == "Ctrl+C"
    assert keys["Zoom every pane's text in or out (View ▸ Zoom)"] == "Ctrl+wheel"
    dialog.close()
    view = [a.text() for a in window.menus["view"].actions()]
    assert view.index("The&me") < view.index("Zoom &In") < view.index("&Reset Layout")
    assert "&Copy" in [a.text() for a in window.menus["edit"].actions()]

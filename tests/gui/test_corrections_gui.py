"""Manual corrections in the window: link by Ctrl+click or keyboard, unlink, both surviving
re-alignment, drawn distinctly in the link map, and saved with the workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.widgets.link_map import LinkMap

from .helpers import WAIT_MS, sentence_point, shown_comparison
from .workspace_helpers import data_dir, linked_pair, small_window, unlinked_pair

__all__ = ["data_dir"]
pytestmark = pytest.mark.usefixtures("data_dir")


def _map_between(window: MainWindow, left: str, right: str) -> LinkMap:
    for link_map in window.strip.link_maps():
        ids = {link_map.left.article().id, link_map.right.article().id}  # type: ignore[union-attr]
        if ids == {left, right}:
            return link_map
    raise AssertionError("no link map between those panes")


def _click(window: MainWindow, qtbot: QtBot, ref: SentenceRef, ctrl: bool = False) -> None:
    view = window.strip.pane(ref.article).view
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, modifier, sentence_point(view, ref.sentence)
    )


def _set_threshold(window: MainWindow, qtbot: QtBot, value: int) -> None:
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.spin.setValue(value)


def test_link_by_ctrl_click_survives_threshold_and_is_drawn_manual(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    panes = window.strip.panes()
    left, right = panes[0].article_id, panes[1].article_id
    x, y = unlinked_pair(shown_comparison(window), left, right)
    link_map = _map_between(window, left, right)
    assert link_map.manual_links() == []

    _click(window, qtbot, x)
    assert window.strip.selected() == x
    _click(window, qtbot, y, ctrl=True)
    assert window.strip.picked() == y
    assert window.strip.selected() == x  # Ctrl+click marks without moving the selection
    assert window.strip.pane(right).picked() == y.sentence
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.actions_by_name["link"].trigger()
    comparison = shown_comparison(window)
    link = comparison.link_between(x, y)
    assert link is not None and link.manual
    assert comparison.claim_of(x) is comparison.claim_of(y)
    assert window.strip.picked() is None
    assert window.strip.pane(right).picked() is None
    drawn = link_map.manual_links()
    assert [(m.a, m.b) for m in drawn] == [(x, y)]
    assert window.isWindowModified()

    # A much stricter threshold re-aligns: the manual link stays, still drawn as manual.
    _set_threshold(window, qtbot, 95)
    comparison = shown_comparison(window)
    assert comparison.options.threshold == 95
    kept = comparison.link_between(x, y)
    assert kept is not None and kept.manual
    assert [(m.a, m.b) for m in link_map.manual_links()] == [(x, y)]
    automatic = [m for m in link_map.links() if not m.manual]
    assert all(m.score >= 95 for m in automatic)
    # Exports list it as manual (the engine's JSON).
    links = json.loads(comparison.to_json())["links"]
    assert any(item.get("manual") for item in links)
    # The band is under its own middle, for the context menu.
    box = link_map.band(drawn[0])
    assert box is not None
    middle = QPointF(link_map.width() / 2, sum(box) / 4)
    if 0 <= middle.y() <= link_map.height():
        hit = link_map.link_at(middle)
        assert hit is not None and (hit.a, hit.b) == (x, y)


def test_link_with_the_keyboard_marks_first(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    panes = window.strip.panes()
    left, right = panes[0].article_id, panes[2].article_id  # not neighbours
    x, y = unlinked_pair(shown_comparison(window), left, right)
    window.strip.select(x)
    window.actions_by_name["link"].trigger()
    assert window.strip.picked() == x
    assert not window.session.is_busy()
    window.strip.select(y)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.actions_by_name["link"].trigger()
    link = shown_comparison(window).link_between(x, y)
    assert link is not None and link.manual


def test_ctrl_click_again_clears_the_mark(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    ref = SentenceRef(window.strip.panes()[1].article_id, 1)
    _click(window, qtbot, ref, ctrl=True)
    assert window.strip.picked() == ref
    _click(window, qtbot, ref, ctrl=True)
    assert window.strip.picked() is None


def test_unlink_removes_an_automatic_link_for_good(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    panes = window.strip.panes()
    left, right = panes[0].article_id, panes[1].article_id
    x, y = linked_pair(shown_comparison(window), left, right)
    before = len(_map_between(window, left, right).links())
    window.strip.select(x)
    # No mark: Unlink acts on the counterpart in the pane to the right.
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.actions_by_name["unlink"].trigger()
    comparison = shown_comparison(window)
    assert comparison.link_between(x, y) is None
    assert comparison.claim_of(x) is not comparison.claim_of(y)
    assert comparison.corrections.is_unlinked(x, y)
    assert len(_map_between(window, left, right).links()) == before - 1
    # Re-aligning with a looser threshold does not bring it back.
    _set_threshold(window, qtbot, 20)
    comparison = shown_comparison(window)
    assert comparison.link_between(x, y) is None
    assert comparison.corrections.is_unlinked(x, y)


def test_unlink_of_a_manual_link_removes_it(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    panes = window.strip.panes()
    left, right = panes[1].article_id, panes[2].article_id
    x, y = unlinked_pair(shown_comparison(window), left, right)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.link(x, y)
    assert _map_between(window, left, right).manual_links()
    # From the link map's context menu (its signal), the way a right-click asks.
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        _map_between(window, left, right).unlink_requested.emit(x, y)
    comparison = shown_comparison(window)
    assert comparison.link_between(x, y) is None
    assert not comparison.corrections.is_linked(x, y)
    assert _map_between(window, left, right).manual_links() == []


def test_unlink_without_counterpart_explains(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    panes = window.strip.panes()
    x, _ = unlinked_pair(shown_comparison(window), panes[0].article_id, panes[1].article_id)
    window.strip.select(x)
    window.actions_by_name["unlink"].trigger()
    assert not window.session.is_busy()
    assert "no counterpart" in window.statusBar().currentMessage()
    window.strip.select(None)
    window.actions_by_name["link"].trigger()
    assert "Select a sentence" in window.statusBar().currentMessage()


def test_corrections_survive_removing_another_article(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    panes = window.strip.panes()
    left, right, third = (p.article_id for p in panes)
    x, y = unlinked_pair(shown_comparison(window), left, right)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.link(x, y)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.remove_article(third)
    link = shown_comparison(window).link_between(x, y)
    assert link is not None and link.manual

"""The small things: the current pane stands out, the link mark sits in the margin, and
datelines are neither tinted nor claims."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.gui.highlights import DATELINE
from desktop.gui.main_window import MainWindow

from .helpers import pane_by_outlet, shown_comparison


def test_the_current_pane_is_marked(window: MainWindow) -> None:
    politico = pane_by_outlet(window, "Politico")
    wapo = pane_by_outlet(window, "The Washington Post")
    window.strip.set_current(wapo.article_id)
    assert wapo.property("current") is True
    assert politico.property("current") is False


def test_the_link_mark_sits_in_the_margin(window: MainWindow) -> None:
    pane = pane_by_outlet(window, "Politico")
    before = set(pane.view.findChildren(QWidget))
    window.strip.set_picked(SentenceRef(pane.article_id, 2))
    assert pane.picked() == 2 and pane.view.picked() == 2
    # No overlay on the text: nothing new is laid over the viewport.
    assert set(pane.view.findChildren(QWidget)) == before
    window.strip.set_picked(None)
    assert pane.picked() is None


def test_datelines_are_plain_and_not_claims(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    pane = pane_by_outlet(window, "Politico")
    datelines = [s.index for s in pane.view.article().sentences if s.kind == "dateline"]  # type: ignore[union-attr]
    assert datelines
    assert all(pane.view.statuses()[i] == DATELINE for i in datelines)
    rows = [window.claims.proxy.index(r, 0).data() for r in range(window.claims.proxy.rowCount())]
    dateline_claims = {comparison.claim_of(SentenceRef(pane.article_id, i)).id for i in datelines}
    assert not dateline_claims & set(rows)
    assert window.claims.count_label.text() == f"{len(rows)} of {len(rows)}"


def test_focus_frame_follows_tab(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    panes = window.strip.shown_panes()
    panes[0].view.setFocus()
    qtbot.waitUntil(panes[0].view.hasFocus)
    qtbot.keyClick(panes[0].view, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: panes[1].property("current") is True)

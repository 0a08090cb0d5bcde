"""Undo and Redo (Ctrl+Z, Ctrl+Shift+Z) of remove, reorder, link, unlink, edits and options."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core import scoring
from desktop.core.comparison import Comparison, SentenceRef
from desktop.gui.main_window import MainWindow

from .helpers import WAIT_MS, pane_by_outlet, shown_comparison

DEFAULT_T = scoring.default_threshold(scoring.DEFAULT)
"""The default scorer's threshold, which a new comparison starts at."""


def _order(window: MainWindow) -> list[str]:
    return [p.outlet_label.full_text() for p in window.strip.panes()]


def _claims(c: Comparison) -> dict[frozenset[SentenceRef], int]:
    return {frozenset(claim.members): claim.id for claim in c.claims}


def _undo(window: MainWindow, qtbot: QtBot, redo: bool = False) -> None:
    """Press Ctrl+Z (or Ctrl+Shift+Z) in the first pane and wait for the views to follow."""
    view = window.strip.shown_panes()[0].view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    modifiers = Qt.KeyboardModifier.ControlModifier
    if redo:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_Z, modifiers)


def test_remove_is_undone_without_a_question(window: MainWindow, qtbot: QtBot) -> None:
    before = window.session.comparison
    assert before is not None
    order = _order(window)
    wapo = pane_by_outlet(window, "The Washington Post")
    window.strip.set_current(wapo.article_id)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.actions_by_name["remove"].trigger()
    assert "The Washington Post" not in _order(window)
    # No confirmation: a message says what happened, with Undo.
    assert window.message_bar.isVisible()
    assert "Removed The Washington Post" in window.message_bar.text()
    assert window.actions_by_name["undo"].text() == "&Undo Remove The Washington Post"
    _undo(window, qtbot)
    assert _order(window) == order
    after = window.session.comparison
    assert after is not None and _claims(after) == _claims(before)  # same claims, same numbers
    _undo(window, qtbot, redo=True)
    assert "The Washington Post" not in _order(window)


def test_the_message_bar_undo_button_undoes(window: MainWindow, qtbot: QtBot) -> None:
    kyiv = pane_by_outlet(window, "Kyiv Courier").article_id
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.strip.remove_requested.emit(kyiv)
    assert window.message_bar.isVisible()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.message_bar.action_triggered.emit()
    assert "Kyiv Courier" in _order(window)
    assert not window.message_bar.isVisible()


def test_reorder_and_edit_are_undone(window: MainWindow, qtbot: QtBot) -> None:
    order = _order(window)
    politico = pane_by_outlet(window, "Politico").article_id
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.move_to(politico, 3)
    assert _order(window).index("Politico") == 3
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.edit(politico, {"outlet": "Politico Europe"})
    assert "Politico Europe" in _order(window)
    _undo(window, qtbot)
    assert "Politico" in _order(window) and _order(window).index("Politico") == 3
    _undo(window, qtbot)
    assert _order(window) == order


def test_threshold_change_is_undone_and_the_controls_follow(
    window: MainWindow, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.spin.setValue(62)
    assert window.session.comparison is not None
    assert window.session.comparison.options.threshold == 62
    assert window.actions_by_name["undo"].text() == "&Undo Threshold 62"
    _undo(window, qtbot)
    assert window.session.comparison.options.threshold == DEFAULT_T
    assert window.threshold.spin.value() == DEFAULT_T
    _undo(window, qtbot, redo=True)
    assert window.threshold.spin.value() == 62


def test_link_and_unlink_are_undone_and_lost_links_named(window: MainWindow, qtbot: QtBot) -> None:
    comparison = shown_comparison(window)
    link = next(x for x in comparison.links if not x.manual)
    # Linking a.sentence to another sentence of b's article takes the old link away.
    other = next(
        r
        for r in comparison.refs(link.b.article)
        if r != link.b and comparison.counterpart(r, link.a.article) is None
    )
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.linking.link(link.a, other)
    after = window.session.comparison
    assert after is not None
    assert after.link_between(link.a, other) is not None
    assert after.link_between(link.a, link.b) is None
    assert "also removed 1 other link" in window.message_bar.text()
    _undo(window, qtbot)
    restored = window.session.comparison
    assert restored is not None
    assert restored.link_between(link.a, link.b) is not None
    assert restored.link_between(link.a, other) is None
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.linking.unlink(link.a, link.b)
    assert window.session.comparison.link_between(link.a, link.b) is None  # type: ignore[union-attr]
    _undo(window, qtbot)
    assert window.session.comparison.link_between(link.a, link.b) is not None  # type: ignore[union-attr]


def test_unlinking_a_manual_link_forgets_it(window: MainWindow, qtbot: QtBot) -> None:
    comparison = shown_comparison(window)
    politico = pane_by_outlet(window, "Politico").article_id
    wapo = pane_by_outlet(window, "The Washington Post").article_id
    # Two sentences that score far below the threshold: a link only the user would make.
    x = SentenceRef(politico, 1)
    y = next(r for r in comparison.refs(wapo) if comparison.counterpart(r, politico) is None)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.linking.link(x, y)
    assert window.session.corrections.is_linked(x, y)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.linking.unlink(x, y)
    corrections = window.session.corrections
    assert not corrections.is_linked(x, y)
    assert not corrections.is_unlinked(x, y)  # dropped, not recorded as "keep apart"


def test_opening_another_set_clears_the_history(window: MainWindow, qtbot: QtBot) -> None:
    from .helpers import SMALL_SET

    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.spin.setValue(DEFAULT_T + 6)
    assert window.history.stack.canUndo()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(p) for p in sorted(SMALL_SET.glob("*.md"))])
    assert not window.history.stack.canUndo()

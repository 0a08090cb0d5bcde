"""Go menu: stepping by claim, with counts and wrap-around; Alt+C is Next Conflict."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.comparison import CONFLICTING
from desktop.gui import navigation
from desktop.gui.main_window import MainWindow
from desktop.gui.models.summary import summarize

from .helpers import pane_by_outlet, shown_comparison


def _message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_alt_c_is_next_conflict_not_the_claims_filter(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.strip.shown_panes()[0]
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    qtbot.keyClick(pane.view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert not window.claims.filter_edit.hasFocus()
    selected = window.strip.selected()
    comparison = window.session.comparison
    assert selected is not None and comparison is not None
    assert summarize(comparison, comparison.claim_of(selected)).relation == CONFLICTING
    assert _message(window).startswith("Conflict 1 of ")
    assert " ↔ " in _message(window)


def test_conflicts_count_and_wrap_round(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    shown = window.strip.shown_ids()
    total = len(navigation.stops(comparison, navigation.CONFLICT, shown, shown[0]))
    assert total >= 2
    seen = []
    for _ in range(total):
        window.actions_by_name["next_conflict"].trigger()
        seen.append(window.strip.selected())
        assert "wrapped" not in _message(window)
    assert _message(window).startswith(f"Conflict {total} of {total}")
    assert len({comparison.claim_of(r).id for r in seen if r}) == total  # each claim once
    window.actions_by_name["next_conflict"].trigger()
    assert _message(window).startswith(f"Conflict 1 of {total}")
    assert "wrapped round to the first" in _message(window)
    window.actions_by_name["previous_conflict"].trigger()
    assert _message(window).startswith(f"Conflict {total} of {total}")
    assert "wrapped round to the last" in _message(window)


def test_differences_step_by_claim_not_sentence(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    politico = pane_by_outlet(window, "Politico").article_id
    wapo = pane_by_outlet(window, "The Washington Post").article_id
    window.outlets.focus([politico, wapo])
    window.actions_by_name["next_difference"].trigger()
    first = window.strip.selected()
    assert first is not None
    message = _message(window)
    assert message.startswith("Difference 1 of ")
    claim = comparison.claim_of(first)
    # A difference between the two shown outlets: one of them leaves it out, or they conflict.
    assert (
        claim.member_in(politico) is None
        or claim.member_in(wapo) is None
        or ("conflict" in message)
    )
    window.actions_by_name["next_difference"].trigger()
    second = window.strip.selected()
    assert second is not None and comparison.claim_of(second) != claim
    assert _message(window).startswith("Difference 2 of ")


def test_next_unique_counts_within_the_current_pane(window: MainWindow) -> None:
    pane = pane_by_outlet(window, "Moscow Ledger")
    window.strip.set_current(pane.article_id)
    uniques = [i for i, s in enumerate(pane.view.statuses()) if s == "unique"]
    assert uniques
    window.actions_by_name["next_unique"].trigger()
    selected = window.strip.selected()
    assert selected is not None and selected.article == pane.article_id
    assert selected.sentence == uniques[0]
    assert _message(window) == f"Unique 1 of {len(uniques)} — only in Moscow Ledger"


def test_counterpart_without_member_says_so(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    panes = window.strip.shown_panes()
    lone = next(
        (p, c)
        for p in panes
        for c in comparison.claims
        if len(c.members) == 1 and c.members[0].article == p.article_id
    )
    pane, claim = lone
    window.strip.set_current(pane.article_id)
    window.strip.select(claim.members[0])
    window.actions_by_name["counterpart_right"].trigger()
    assert "does not carry this claim" in _message(window)

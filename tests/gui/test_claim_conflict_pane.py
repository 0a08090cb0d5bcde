"""The third outlet's "Twelve passengers", linked only to the outlet that agrees with it, is
tinted and explained as a conflict in its pane and the claims table (ux-review problem 9)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.comparison import CONFLICTING, SentenceRef
from desktop.gui.models.summary import REL_CONFLICTING
from desktop.gui.settings import Settings

from .helpers import open_window, pane_by_outlet, sentence_index, shown_comparison

FERRY = Path(__file__).resolve().parents[1] / "data" / "ferry-fire"


def test_the_third_member_shows_the_conflict(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings, sorted(FERRY.glob("*.md")))
    pane = pane_by_outlet(window, "Island Weekly")
    index = sentence_index(pane.view, "Twelve passengers were treated")
    assert pane.view.statuses()[index] == CONFLICTING
    tip = pane.view.tooltip_for(index)  # type: ignore[misc]
    assert "Conflict with Coast Daily within the claim" in tip
    assert "Twelve passengers ↔ Twenty-one people" in tip
    comparison = shown_comparison(window)
    claim = comparison.claim_of(SentenceRef(pane.article_id, index))
    model = window.claims.model
    row = model.row_of_claim(claim.id)
    assert row is not None
    assert model.summary(row).relation == REL_CONFLICTING


def test_a_related_pair_that_disagrees_says_so(qtbot: QtBot, settings: Settings) -> None:
    # "inspected in March" against "may not have been inspected since 2023" is only a related
    # pair with the default scorer: no tint, so the tooltip names the disagreement.
    window = open_window(qtbot, settings, sorted(FERRY.glob("*.md")))
    pane = pane_by_outlet(window, "Island Weekly")
    index = sentence_index(pane.view, "may not have been inspected")
    tip = pane.view.tooltip_for(index)  # type: ignore[misc]
    assert "They disagree: negation: may not have been inspected ↔ inspected" in tip

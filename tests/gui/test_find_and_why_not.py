"""Find shows every match and brings the hit's pane into view; Why Not Linked? explains a pair
and offers near misses; the selected claim's unlinked members get a dashed band; the framing
panel fits six outlets as rows with merged word choices."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core import scoring
from desktop.core.comparison import SentenceRef
from desktop.gui.main_window import MainWindow
from desktop.gui.widgets.why_not_dialog import WhyNotDialog

from .helpers import WAIT_MS, pane_by_outlet, sentence_index, shown_comparison

DEFAULT_T = scoring.default_threshold(scoring.DEFAULT)
"""The default scorer's threshold, which a new comparison starts at."""


def _in_view(window: MainWindow, article_id: str) -> bool:
    pane = window.strip.pane(article_id)
    left = window.strip.horizontalScrollBar().value()
    right = left + window.strip.viewport().width()
    return pane.x() >= left - 1 and pane.x() + pane.width() <= right + 1


def test_find_counts_marks_all_and_scrolls_sideways(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.find_bar.edit, "billion")
    matches = window.finder.matches()
    assert len(matches) >= 3
    every = sum(len(p.view.found_all()) for p in window.strip.panes())
    assert every == len(matches)  # every match is marked, not only the current one
    labels = {p.article_id: p.outlet_label.full_text() for p in window.strip.panes()}
    seen = []
    for number in range(1, len(matches) + 1):
        current = window.finder.current()
        assert current is not None
        status = window.find_bar.status.text()
        assert status == f"{number} of {len(matches)} — {labels[current.article]}"
        assert _in_view(window, current.article)  # brought into view sideways
        selected = window.strip.selected()
        assert selected is not None and selected.article == current.article
        seen.append(current)
        window.actions_by_name["find_next"].trigger()
    assert window.finder.current() == seen[0]  # wrapped round
    window.find_bar.close_bar()
    assert all(not p.view.found_all() for p in window.strip.panes())


def test_find_options_and_hidden_outlets(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.find_bar.edit, "kremlin")
    any_case = len(window.finder.matches())
    assert any_case > 0
    window.find_bar.case.setChecked(True)  # the articles write "Kremlin"
    assert window.finder.matches() == []
    assert window.find_bar.status.text().startswith("Not found")
    window.find_bar.case.setChecked(False)
    politico = pane_by_outlet(window, "Politico").article_id
    window.outlets.focus([politico, pane_by_outlet(window, "The Washington Post").article_id])
    window.find_bar.edit.clear()
    qtbot.keyClicks(window.find_bar.edit, "kremlin")
    assert "in hidden outlets" in window.find_bar.status.text()


def test_why_not_linked_explains_a_pair_and_links_it(window: MainWindow, qtbot: QtBot) -> None:
    politico = pane_by_outlet(window, "Politico")
    wapo = pane_by_outlet(window, "The Washington Post")
    x = SentenceRef(politico.article_id, sentence_index(politico.view, 'no fixed "red line"'))
    y = SentenceRef(wapo.article_id, sentence_index(wapo.view, "No concrete discussions"))
    window.strip.select(x)
    window.strip.set_picked(y)
    window.actions_by_name["why_not"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, WhyNotDialog)
    text = dialog.summary.text()
    assert f"below the threshold, {DEFAULT_T:g}" in text
    assert "Words both use:" in text and "forces" in text
    assert dialog.pair_link is not None
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        dialog.pair_link.click()
    comparison = shown_comparison(window)
    link = comparison.link_between(x, y)
    assert link is not None and link.manual
    # The two are related (they frame one point oppositely): promoted as a related pair.
    assert window.actions_by_name["undo"].text() == "&Undo Link related sentences"


def test_near_misses_can_be_linked_in_one_step(window: MainWindow, qtbot: QtBot) -> None:
    politico = pane_by_outlet(window, "Politico")
    window.strip.select(SentenceRef(politico.article_id, 3))
    window.strip.set_picked(None)
    window.actions_by_name["why_not"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, WhyNotDialog)
    assert "closest sentence in each other outlet" in dialog.summary.text()
    suggestions = dialog.suggestions()
    assert len(suggestions) >= 2
    dialog.tick(0)
    dialog.tick(1)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        dialog.link_chosen.click()
    comparison = shown_comparison(window)
    for a, b in suggestions[:2]:
        assert comparison.link_between(a, b) is not None
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.actions_by_name["undo"].trigger()  # both go in one step
    comparison = shown_comparison(window)
    assert all(comparison.link_between(a, b) is None for a, b in suggestions[:2])


def test_same_claim_without_a_link_gets_a_dashed_band(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    order = window.strip.shown_ids()
    pairs = [
        (claim, i)
        for claim in comparison.claims
        for i in range(len(order) - 1)
        if claim.member_in(order[i])
        and claim.member_in(order[i + 1])
        and comparison.link_between(claim.member_in(order[i]), claim.member_in(order[i + 1]))  # type: ignore[arg-type]
        is None
    ]
    assert pairs, "the sample has claims whose neighbours are not linked directly"
    claim, i = pairs[0]
    window.strip.select(claim.members[0])
    link_map = window.strip.link_maps()[i]
    assert link_map.indirect() == [(claim.member_in(order[i]), claim.member_in(order[i + 1]))]
    tip_ref = claim.member_in(order[i])
    pane = window.strip.pane(order[i])
    assert "not linked to it directly" in pane.view.tooltip_for(tip_ref.sentence)  # type: ignore[union-attr, misc]


def test_framing_panel_rows_are_outlets_with_merged_word_choices(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = window.framing_dock.panel
    comparison = shown_comparison(window)
    wide = max(comparison.claims, key=lambda c: len(c.members))
    window.strip.select(wide.members[0])
    assert panel.cues.rowCount() == len(wide.members)
    assert panel.cues.columnCount() == 7
    hidden = [c for c in range(7) if panel.cues_table.isColumnHidden(c)]
    assert all(panel.cues.is_empty_cue(c) for c in hidden)
    wapo = pane_by_outlet(window, "The Washington Post").article_id
    window.strip.set_current(pane_by_outlet(window, "Politico").article_id)
    window.strip.set_current(wapo)
    words = next(i for i in panel.profile_items() if i.text(0).startswith("Word choices"))
    texts = [words.child(k).text(0) for k in range(words.childCount())]
    assert texts
    assert all(": " in t for t in texts)  # "phoned → called: Politico, …"
    assert len(texts) == len(set(texts))  # merged, no look-alike duplicates
    figures = next(i for i in panel.profile_items() if i.text(0).startswith("Figures"))
    listed = [figures.child(k).text(0) for k in range(figures.childCount())]
    weekdays = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert not any(t in weekdays for t in listed)

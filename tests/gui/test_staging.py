"""A new comparison reaches the window over several event-loop turns: panes out of sight get
their text after the visible ones, and the table, status bar and framing panel follow once every
pane shows it. These tests pin what a user (and the rest of the window) can rely on meanwhile."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.gui import workers
from desktop.gui.chrome import short_labels
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from tests.gui.helpers import WAIT_MS
from tests.helpers import make_article

FACTS = [
    "The council approved the riverside bridge budget on Tuesday evening.",
    "Construction is expected to begin in the spring of next year.",
    "The mayor called the vote a turning point for the eastern districts.",
    "Opponents said the cost estimate had grown twice since the first plan.",
    "Engineers will study the riverbed before the final design is fixed.",
    "Ferry operators asked for compensation during the building works.",
]


def _articles(count: int) -> list:  # type: ignore[type-arg]
    """`count` articles sharing the facts, each with a sentence of its own and a long name."""
    out = []
    for k in range(count):
        own = f"Only outlet number {k + 1} mentions the marker word zeta{k + 1} here."
        sentences = [*FACTS[k % 2 :], own]
        out.append(make_article(f"a{k + 1}", sentences, f"The Extremely Long Outlet Name {k + 1}"))
    return out


def _window(qtbot: QtBot, settings: Settings, width: int = 1200) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(width, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _swapping(qtbot: QtBot, settings: Settings) -> MainWindow:
    """A window in the middle of showing 10 new articles: the session has handed the
    comparison over, and the panes are still getting their text."""
    window = _window(qtbot, settings)
    with qtbot.waitSignal(window.session.comparison_changed, timeout=WAIT_MS):
        window.session.compare_articles(_articles(10))
    return window


def test_panes_out_of_sight_are_filled_before_the_window_reports_the_comparison(
    qtbot: QtBot, settings: Settings
) -> None:
    window = _window(qtbot, settings)
    filled_at_swap: list[bool] = []
    window.session.comparison_changed.connect(
        lambda _c: filled_at_swap.extend(p.view.article() is not None for p in window.strip.panes())
    )
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.compare_articles(_articles(10))
    # Staged: new panes get their text on later turns...
    assert filled_at_swap and not any(filled_at_swap)
    # ...and all of them, with their links and the table, before `comparison_changed`.
    assert window.strip.is_settled()
    assert all(p.view.article() is not None for p in window.strip.panes())
    assert all(m.links() for m in window.strip.link_maps())
    assert window.claims.model.comparison() is window.session.comparison
    last = window.strip.panes()[-1]
    assert last.view.sentence_count() == len(last.view.article().sentences)  # type: ignore[union-attr]


def test_find_and_scrolling_work_while_panes_are_still_to_come(
    qtbot: QtBot, settings: Settings
) -> None:
    window = _swapping(qtbot, settings)
    strip = window.strip
    assert not strip.is_settled()
    # Scrolling the first pane with synchronised scrolling must skip the empty panes.
    bar = strip.panes()[0].view.verticalScrollBar()
    bar.setValue(bar.maximum())
    # Find reaches the last pane even though its text had not been laid out yet.
    assert window.finder.search("zeta10") is not None
    assert strip.selected() == SentenceRef("a10", len(FACTS) - 1)
    assert strip.is_settled()
    qtbot.waitUntil(lambda: window.claims.model.comparison() is window.session.comparison)


def test_many_outlets_never_widen_the_window(qtbot: QtBot, settings: Settings) -> None:
    window = _window(qtbot, settings, width=1000)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.compare_articles(_articles(20))
    outlets = window.status.outlets
    assert outlets.full_text().count("%") == 20
    # A plain label made the whole status line the window's minimum width (2,390 px).
    assert window.minimumSizeHint().width() < 1000
    assert window.width() == 1000
    assert outlets.text() != outlets.full_text()  # elided to what fits
    # Each name is isolated, so a right-to-left one cannot reorder its neighbours; names that
    # would shorten alike ("Extremely") stay whole, so the outlets can be told apart.
    assert "\u2068The Extremely Long Outlet Name 7\u2069" in outlets.full_text()


def test_short_outlet_names_stay_distinct() -> None:
    labels = ["The Washington Post", "Politico", "Outlet A1", "Outlet A2"]
    assert short_labels(labels) == ["Washington", "Politico", "Outlet A1", "Outlet A2"]


def test_freeze_startup_heap_keeps_existing_objects_out_of_collections() -> None:
    before = object.__new__(type("Probe", (), {}))
    try:
        workers.freeze_startup_heap()
        assert gc.get_freeze_count() > 0
        assert not any(o is before for o in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(o is before for o in gc.get_objects())


def test_a_selection_made_before_a_pane_is_filled_shows_in_it(
    qtbot: QtBot, settings: Settings
) -> None:
    window = _swapping(qtbot, settings)
    strip = window.strip
    last = strip.panes()[-1]
    assert last.view.article() is None
    strip.select(SentenceRef("a1", 2), scroll=False)  # a fact every article carries
    assert not strip.is_settled()
    qtbot.waitUntil(strip.is_settled, timeout=WAIT_MS)
    member = window.session.comparison.claim_of(SentenceRef("a1", 2)).member_in(last.article_id)  # type: ignore[union-attr]
    assert member is not None
    assert last.view.selected() == member.sentence


def test_selecting_with_scrolling_fills_the_panes_first(qtbot: QtBot, settings: Settings) -> None:
    window = _swapping(qtbot, settings)
    window.strip.select(SentenceRef("a10", 0))  # from the table, say, before a10 has its text
    assert window.strip.is_settled()
    assert window.strip.pane("a10").view.selected() == 0

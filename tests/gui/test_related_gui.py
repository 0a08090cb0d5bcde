"""Related pairs in the window: dotted lines in the link maps, "partly" in the claims table,
the sentence tooltip, Why Not Linked?, and promoting a related pair to a link (undoable)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QImage, QPalette
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.core.comparison import Link, SentenceRef
from desktop.gui import style
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claims import PARTLY_ROLE, REF_ROLE, STATUS_ROLE
from desktop.gui.tooltips import sentence_tooltip
from desktop.gui.widgets import link_map as link_map_module
from desktop.gui.widgets import popup
from desktop.gui.widgets.link_map import LinkMap
from desktop.gui.widgets.why_not_dialog import WhyNotDialog

from .helpers import (
    WAIT_MS,
    pane_by_outlet,
    sentence_index,
    sentence_point,
    shown,
    shown_comparison,
)

POLITICO, POST = "Politico", "The Washington Post"


def _troops(window: MainWindow) -> tuple[SentenceRef, SentenceRef]:
    """Politico's "no fixed red line on sending troops" and the Post's "no concrete
    discussions about deploying American forces": related (they frame one point oppositely)."""
    politico, post = pane_by_outlet(window, POLITICO), pane_by_outlet(window, POST)
    x = SentenceRef(politico.article_id, sentence_index(politico.view, 'no fixed "red line"'))
    y = SentenceRef(post.article_id, sentence_index(post.view, "No concrete discussions"))
    return x, y


def _side_by_side(window: MainWindow) -> LinkMap:
    """Politico and the Post alone, side by side: the link map between them."""
    x, y = _troops(window)
    window.outlets.focus([x.article, y.article])
    [link_map] = window.strip.link_maps()
    assert link_map.left is not None and link_map.left.article().id == x.article  # type: ignore[union-attr]
    return link_map


def _pair(link_map: LinkMap, x: SentenceRef, y: SentenceRef) -> Link:
    [pair] = [p for p in link_map.related() if (p.a, p.b) == (x, y)]
    return pair


def _middle(link_map: LinkMap, pair: Link) -> QPointF:
    path = link_map.related_line(pair)
    assert path is not None
    return path.pointAtPercent(0.5)


def test_related_pairs_are_dotted_lines_between_neighbouring_panes(
    window: MainWindow, qtbot: QtBot
) -> None:
    x, y = _troops(window)
    assert shown_comparison(window).related_between(x, y) is not None
    link_map = _side_by_side(window)
    pair = _pair(link_map, x, y)
    assert pair not in link_map.links()
    assert pair in link_map.drawn_related()
    point = _middle(link_map, pair)
    assert link_map.related_at(point) == pair
    assert link_map.link_at(point) is None  # a line of its own, not a band
    assert link_map.related_at(point + QPointF(0, 30)) != pair
    # Its tooltip says what it is and how to link it.
    tip = link_map.tooltip_at(point)
    assert tip.startswith("Related, score 44") and "Right-click to link" in tip


def _max_contrast(image: QImage, point: QPointF, background: QColor) -> float:
    best = 1.0
    for dx in range(-3, 4):
        for dy in range(-3, 4):
            px, py = round(point.x()) + dx, round(point.y()) + dy
            if 0 <= px < image.width() and 0 <= py < image.height():
                best = max(best, style.contrast(image.pixelColor(px, py), background))
    return best


@pytest.mark.parametrize("dark", [False, True])
def test_related_lines_are_legible_in_light_and_dark_palettes(
    window: MainWindow, qtbot: QtBot, dark: bool
) -> None:
    x, y = _troops(window)
    link_map = _side_by_side(window)
    palette = QPalette(link_map.palette())
    if dark:
        for role, color in (
            (QPalette.ColorRole.Window, "#2b2d30"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Base, "#1e1f22"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
        ):
            palette.setColor(role, QColor(color))
    link_map.setPalette(palette)
    background = palette.color(QPalette.ColorRole.Window)
    assert style.contrast(style.related_color(palette), background) >= style.RELATED_CONTRAST
    pair = _pair(link_map, x, y)
    # Sample along the line: somewhere on each stretch a dot stands out from the strip.
    path = link_map.related_line(pair)
    assert path is not None
    image = link_map.grab().toImage()
    for t in (0.25, 0.5, 0.75):
        assert _max_contrast(image, path.pointAtPercent(t), background) >= 2.5
    # Selected, it is drawn in the full text colour.
    window.strip.select(x, scroll=False)
    strong = link_map.grab().toImage()
    text = palette.color(QPalette.ColorRole.WindowText)
    assert _max_contrast(strong, path.pointAtPercent(0.5), background) >= (
        0.8 * style.contrast(text, background)
    )


def test_many_related_lines_give_way_to_the_selected_claims(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    x, y = _troops(window)
    link_map = _side_by_side(window)
    assert len(link_map.drawn_related()) >= 2
    monkeypatch.setattr(link_map_module, "RELATED_SHOWN", 1)
    window.strip.select(None)
    assert link_map.drawn_related() == []  # too many to draw: none without a selection
    assert "related pairs not drawn" in link_map.tooltip_at(QPointF(2, 2))
    window.strip.select(x, scroll=False)
    assert link_map.drawn_related() == [_pair(link_map, x, y)]


def _choose(monkeypatch: pytest.MonkeyPatch, starts: str, seen: list[str]) -> None:
    """Make every context menu return (as if clicked) its action whose text starts so."""

    def exec_menu(menu: QMenu, position: object) -> QAction | None:
        seen.extend(a.text() for a in menu.actions())
        chosen = next((a for a in menu.actions() if a.text().startswith(starts)), None)
        if chosen is not None:
            chosen.trigger()  # as QMenu.exec does for the action clicked
        return chosen

    monkeypatch.setattr(popup, "exec_menu", exec_menu)


def test_a_related_line_becomes_a_link_from_its_menu_and_undo_takes_it_back(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    x, y = _troops(window)
    link_map = _side_by_side(window)
    point = _middle(link_map, _pair(link_map, x, y)).toPoint()
    seen: list[str] = []
    _choose(monkeypatch, "Link These Sentences (related", seen)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, link_map.mapToGlobal(point))
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        link_map.contextMenuEvent(event)
    assert seen == ["Link These Sentences (related, score 44)"]
    link = shown_comparison(window).link_between(x, y)
    assert link is not None and link.manual
    assert shown_comparison(window).related_between(x, y) is None
    assert window.actions_by_name["undo"].text() == "&Undo Link related sentences"
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.actions_by_name["undo"].trigger()
    assert shown_comparison(window).link_between(x, y) is None
    assert shown_comparison(window).related_between(x, y) is not None


def test_a_sentence_menu_links_it_to_a_related_sentence(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    x, y = _troops(window)
    view = window.strip.pane(x.article).view
    point = sentence_point(view, x.sentence)
    seen: list[str] = []
    _choose(monkeypatch, "Link to The Washington Post", seen)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)
    )
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        view.contextMenuEvent(event)
    assert "Link to The Washington Post Sentence 2 (related, score 44)" in seen
    assert any("Copy" in t for t in seen)  # the text's own menu is still there
    assert shown_comparison(window).link_between(x, y) is not None
    assert window.actions_by_name["undo"].text() == "&Undo Link related sentences"
    # Only related sentences in shown panes are offered.
    window.outlets.focus([x.article, pane_by_outlet(window, "Meridian Wire").article_id])
    menu = QMenu()
    offered = [a.text() for a in window.strip.related_actions(menu, x)]
    assert offered and all("The Washington Post" not in t for t in offered)
    menu.deleteLater()


def test_the_claims_table_says_partly_in_an_outlet(window: MainWindow) -> None:
    x, y = _troops(window)
    comparison = shown_comparison(window)
    claim = comparison.claim_of(x)
    assert claim.member_in(y.article) is None
    model = window.claims.model
    row = model.row_of_claim(claim.id)
    assert row is not None
    column = 1 + [a.id for a in comparison.articles].index(y.article)
    index = model.index(row, column)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "— partly  ¶1 s2"
    assert index.data(STATUS_ROLE) == "missing"  # filters and sorting still count it missing
    assert index.data(REF_ROLE) is None
    assert index.data(PARTLY_ROLE) == y
    tip = shown(index.data(Qt.ItemDataRole.ToolTipRole))  # as a person reads it
    assert tip.startswith("Partly in The Washington Post") and "score 44" in tip
    assert comparison.sentence(y).text in tip
    # A cell of an outlet with nothing related stays plain "missing".
    plain = [
        model.index(r, column)
        for r in range(model.rowCount())
        if model.index(r, column).data(STATUS_ROLE) == "missing"
        and model.index(r, column).data(PARTLY_ROLE) is None
    ]
    assert plain and plain[0].data(Qt.ItemDataRole.DisplayRole) == "— missing"


def test_tooltips_and_why_not_linked_mention_the_related_pair(
    window: MainWindow, qtbot: QtBot
) -> None:
    x, y = _troops(window)
    comparison = shown_comparison(window)
    tip = sentence_tooltip(comparison, x, window.strip.shown_ids())
    assert "Partly in The Washington Post: its sentence 2 shares part" in tip
    assert "Right-click to link them" in tip
    window.strip.select(x)
    window.strip.set_picked(y)
    window.actions_by_name["why_not"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, WhyNotDialog)
    assert "They are related" in dialog.summary.text()
    assert dialog.pair_link is not None and "(Related)" in dialog.pair_link.text()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        dialog.pair_link.click()
    assert shown_comparison(window).link_between(x, y) is not None
    assert window.actions_by_name["undo"].text() == "&Undo Link related sentences"


def test_why_not_linked_lists_a_sentences_related_pairs_first(
    window: MainWindow, qtbot: QtBot
) -> None:
    x, y = _troops(window)
    window.strip.select(x)
    window.strip.set_picked(None)
    window.actions_by_name["why_not"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, WhyNotDialog)
    assert "Related (sharing part of its information" in dialog.summary.text()
    suggestions = dialog.suggestions()
    comparison = shown_comparison(window)
    own = [s for s in suggestions if s[0] == x and comparison.related_between(*s) is not None]
    assert suggestions[: len(own)] == own and (x, y) in own  # its own related pairs first
    row = suggestions.index((x, y))
    assert dialog.table.item(row, 0).text().endswith("· related")  # type: ignore[union-attr]
    dialog.tick(row)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        dialog.link_chosen.click()
    assert shown_comparison(window).link_between(x, y) is not None


def test_the_legend_explains_the_dotted_line(window: MainWindow) -> None:
    tip = window.legend_bar.legend.toolTip()
    assert "related (a dotted line between panes)" in tip


def test_why_not_linked_rows_are_as_tall_as_their_text(window: MainWindow, qtbot: QtBot) -> None:
    """Rows were measured before the columns had widths: the first filled the table."""
    x, _ = _troops(window)
    window.strip.select(x)
    window.strip.set_picked(None)
    window.actions_by_name["why_not"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, WhyNotDialog)
    qtbot.waitExposed(dialog)
    line = dialog.table.fontMetrics().height()
    assert dialog.table.rowCount() >= 2
    assert all(dialog.table.rowHeight(r) <= 10 * line for r in range(dialog.table.rowCount()))
    dialog.close()

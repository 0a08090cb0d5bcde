"""Choosing what to compare: drag to reorder, resizable panes, View ▸ Outlets, focus mode
(Compare With…), a base outlet, the overview bar, and the claims table following the panes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.gui.highlights import ABSENT, pane_status
from desktop.gui.main_window import MainWindow

from .helpers import SMALL_SET, WAIT_MS, pane_by_outlet, sentence_index, shown_comparison


def _labels(window: MainWindow, shown_only: bool = False) -> list[str]:
    panes = window.strip.shown_panes() if shown_only else window.strip.panes()
    return [p.outlet_label.full_text() for p in panes]


def test_the_sample_opens_on_politico_and_the_post(window: MainWindow) -> None:
    assert _labels(window)[:2] == ["Politico", "The Washington Post"]


def test_dragging_a_header_moves_the_pane(window: MainWindow, qtbot: QtBot) -> None:
    wapo = pane_by_outlet(window, "The Washington Post")
    kyiv = pane_by_outlet(window, "Kyiv Courier")
    window.strip.ensure_pane_visible(kyiv.article_id)
    header = wapo.header
    start = QPoint(20, 10)
    target = header.mapFromGlobal(kyiv.mapToGlobal(QPoint(kyiv.width() - 10, 10)))
    qtbot.mousePress(header, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(header, QPoint(start.x() + 30, start.y()))
    qtbot.mouseMove(header, target)
    assert window.strip.drag.marker.isVisible()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        qtbot.mouseRelease(header, Qt.MouseButton.LeftButton, pos=target)
    order = _labels(window)
    assert order.index("The Washington Post") == order.index("Kyiv Courier") + 1
    assert not window.strip.drag.marker.isVisible()
    # One undoable step.
    assert window.actions_by_name["undo"].text() == "&Undo Move The Washington Post"


def test_dragging_a_link_map_widens_the_pane_to_its_left(window: MainWindow, qtbot: QtBot) -> None:
    # Six panes at their least width: a plain splitter could not widen one of them at all.
    first, second = window.strip.panes()[:2]
    before = (first.width(), second.width())
    scroll = window.strip.horizontalScrollBar().maximum()
    handle = window.strip.link_maps()[0]
    middle = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(60, 0))
    qtbot.mouseMove(handle, middle + QPoint(150, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(150, 0))
    qtbot.waitUntil(lambda: first.width() >= before[0] + 140)
    assert second.width() == before[1]  # the others keep their width…
    assert window.strip.horizontalScrollBar().maximum() >= scroll + 140  # …the strip grows
    # Double-click: equal widths again, and the strip back to what the panes need.
    qtbot.mouseDClick(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.waitUntil(lambda: abs(first.width() - second.width()) <= 2)


def test_view_outlets_hides_and_shows_panes(window: MainWindow, qtbot: QtBot) -> None:
    menu = window.outlets.menu
    menu.aboutToShow.emit()
    ticks = [a for a in menu.actions() if a.isCheckable()]
    assert [a.text() for a in ticks] == _labels(window)
    kyiv = next(a for a in ticks if a.text() == "Kyiv Courier")
    kyiv.setChecked(False)
    assert "Kyiv Courier" not in _labels(window, shown_only=True)
    assert len(window.strip.link_maps()) == 4  # between shown neighbours only
    # Hidden, still counted: the comparison and its claims are unchanged.
    assert len(window.session.comparison.articles) == 6  # type: ignore[union-attr]
    assert "Kyiv Courier" not in window.claims.outlet_columns()
    assert "Showing 5 of 6 outlets" in window.legend_bar.shown.full_text()
    assert window.legend_bar.show_all.isVisibleTo(window)
    window.legend_bar.show_all.click()
    assert "Kyiv Courier" in _labels(window, shown_only=True)


def test_compare_with_shows_two_side_by_side(window: MainWindow, qtbot: QtBot) -> None:
    politico = pane_by_outlet(window, "Politico")
    moscow = pane_by_outlet(window, "Moscow Ledger")
    politico.menu.aboutToShow.emit()
    compare = next(a.menu() for a in politico.menu.actions() if a.text() == "Compare With")
    assert compare is not None
    target = next(a for a in compare.actions() if a.text() == "Moscow Ledger")
    target.trigger()
    assert _labels(window, shown_only=True) == ["Politico", "Moscow Ledger"]
    assert len(window.strip.link_maps()) == 1
    link_map = window.strip.link_maps()[0]
    assert link_map.left is politico.view and link_map.right is moscow.view
    comparison = shown_comparison(window)
    expected = {
        (x.a, x.b)
        for x in comparison.links
        if {x.a.article, x.b.article} == {politico.article_id, moscow.article_id}
    }
    assert {tuple(sorted((x.a, x.b))) for x in link_map.links()} == {
        tuple(sorted(p)) for p in expected
    }
    # Both panes share the strip's width: neither is squeezed to its minimum.
    room = window.strip.viewport().width()
    assert abs(politico.width() - moscow.width()) <= 2
    assert politico.width() + moscow.width() + link_map.width() >= room - 2


def test_choose_outlets_takes_two_or_three(window: MainWindow) -> None:
    ids = [p.article_id for p in window.strip.panes()]
    asked: list[list[str]] = []

    def answer(labels: list[tuple[str, str]], chosen: list[str]) -> list[str]:
        asked.append(chosen)
        return [ids[0], ids[1], ids[4]]

    window.outlets.ask_outlets = answer
    window.outlets.choose(ids[0])
    assert asked and asked[0][0] == ids[0]
    assert window.strip.shown_ids() == [ids[0], ids[1], ids[4]]
    from desktop.gui.outlets import ChooseOutletsDialog

    dialog = ChooseOutletsDialog([(i, i) for i in ids], [ids[0]])
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # one is not a comparison
    for i in ids[1:3]:
        dialog.boxes[i].setChecked(True)
    assert ok.isEnabled()
    assert not dialog.boxes[ids[4]].isEnabled()  # at most three


def test_a_base_outlet_tints_against_itself(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    politico = pane_by_outlet(window, "Politico")
    wapo = pane_by_outlet(window, "The Washington Post")
    window.outlets.set_base(politico.article_id)
    statuses = wapo.view.statuses()
    for index, status in enumerate(statuses):
        ref = SentenceRef(wapo.article_id, index)
        assert status == pane_status(comparison, ref, politico.article_id)
        carried = comparison.claim_of(ref).member_in(politico.article_id) or (
            comparison.counterpart(ref, politico.article_id)
        )
        if carried is None:
            assert status in (ABSENT, "dateline")
    assert ABSENT in statuses
    # The highlights of a Post sentence linked to Politico are against Politico's sentence.
    linked = next(
        i
        for i in range(len(statuses))
        if comparison.counterpart(SentenceRef(wapo.article_id, i), politico.article_id)
    )
    tip = wapo.view.tooltip_for(linked)  # type: ignore[misc]
    assert "Against Politico (the base outlet)" in tip
    assert "(the base outlet)" in tip.split("Highlighted words")[-1]
    assert "against Politico (base)" in window.legend_bar.relative.full_text()
    assert window.legend_bar.legend._base  # the "+ not in base" chip
    window.outlets.set_base(None)
    assert ABSENT not in wapo.view.statuses()


def test_overview_bar_maps_the_article(window: MainWindow, qtbot: QtBot) -> None:
    pane = pane_by_outlet(window, "Politico")
    bar = pane.overview
    marks = bar.marks()
    assert len(marks) == pane.view.sentence_count()
    assert [m[2] for m in marks] == pane.view.statuses()
    tops = [m[0] for m in marks]
    assert tops == sorted(tops) and tops[-1] < bar.height()
    pane.view.verticalScrollBar().setValue(0)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=QPoint(5, bar.height() - 3))
    assert pane.view.verticalScrollBar().value() == pane.view.verticalScrollBar().maximum()
    top, bottom = bar.viewport_box()
    assert bottom > top and bottom <= bar.height() + 1


def test_claims_columns_follow_the_panes_after_adding(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.add_files([str(SMALL_SET / "valley-radio.md")])
    assert window.claims.outlet_columns() == _labels(window)
    first = window.strip.panes()[0].article_id
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.move(first, 3)
    assert window.claims.outlet_columns() == _labels(window)


def test_window_cells_number_sentences_as_json_and_csv(window: MainWindow) -> None:
    import json

    comparison = shown_comparison(window)
    pane = pane_by_outlet(window, "Politico")
    index = sentence_index(pane.view, "After the summit, Trump phoned")
    ref = SentenceRef(pane.article_id, index)
    model = window.claims.model
    row = model.row_of_claim(comparison.claim_of(ref).id)
    column = 1 + [a.id for a in comparison.articles].index(pane.article_id)
    cell = model.index(row, column).data()  # type: ignore[arg-type]
    data = json.loads(comparison.to_json())
    article = next(a for a in data["articles"] if a["id"] == pane.article_id)
    number = article["sentences"][index]["number"]
    assert cell.endswith(f"s{number}")

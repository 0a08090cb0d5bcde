"""The comparison window on the sample articles: panes, selection, navigation, re-runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from desktop.core.comparison import REWORDED, Comparison, SentenceRef
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.widgets.pane import PANE_MIN_WIDTH

from .helpers import (
    SMALL_SET,
    WAIT_MS,
    open_window,
    pane_by_outlet,
    sentence_index,
    sentence_point,
    shown_comparison,
    write_markup_pair,
)

PUTIN_CALL = "After the summit, Trump phoned Russian President Vladimir Putin."


def test_one_pane_per_article_with_headers(window: MainWindow) -> None:
    panes = window.strip.panes()
    assert len(panes) == 6
    outlets = {p.outlet_label.full_text() for p in panes}
    assert {"Politico", "The Washington Post", "The Briefing Desk"} <= outlets
    politico = pane_by_outlet(window, "Politico")
    assert politico.title_label.full_text().startswith("No red line on troops")
    assert "2025-08-19" in politico.date_label.full_text()
    assert all(p.minimumWidth() >= PANE_MIN_WIDTH for p in panes)
    assert len(window.strip.link_maps()) == 5
    # Panes do not fit at this width, so the strip scrolls instead of squeezing them.
    assert window.strip.horizontalScrollBar().maximum() > 0


def test_clicking_a_sentence_selects_its_counterparts(window: MainWindow, qtbot: QtBot) -> None:
    politico = pane_by_outlet(window, "Politico")
    aggregator = pane_by_outlet(window, "The Briefing Desk")
    index = sentence_index(politico.view, PUTIN_CALL)
    expected = sentence_index(aggregator.view, PUTIN_CALL)
    # Scroll the aggregator away so the test sees it being brought back.
    aggregator.view.verticalScrollBar().setValue(0)
    with qtbot.waitSignal(window.strip.selection_changed):
        qtbot.mouseClick(
            politico.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=sentence_point(politico.view, index),
        )
    assert window.strip.selected() == SentenceRef(politico.article_id, index)
    assert politico.view.selected() == index
    assert aggregator.view.selected() == expected
    top, bottom = aggregator.view.viewport_extent(expected)
    assert top >= 0 and bottom <= aggregator.view.viewport().height()
    # The claims table follows the selection.
    comparison = shown_comparison(window)
    claim = comparison.claim_of(SentenceRef(politico.article_id, index))
    current = window.claims.table.currentIndex()
    assert current.isValid()
    assert window.claims.proxy.data(current.siblingAtColumn(0)) == claim.id


def test_up_down_move_sentence_by_sentence(window: MainWindow, qtbot: QtBot) -> None:
    politico = pane_by_outlet(window, "Politico")
    politico.view.setFocus()
    window.strip.select(SentenceRef(politico.article_id, 3))
    qtbot.keyClick(politico.view, Qt.Key.Key_Down)
    assert politico.view.selected() == 4
    qtbot.keyClick(politico.view, Qt.Key.Key_Up)
    qtbot.keyClick(politico.view, Qt.Key.Key_Up)
    assert politico.view.selected() == 2


def test_next_unique_sentence(window: MainWindow, qtbot: QtBot) -> None:
    pane = pane_by_outlet(window, "Moscow Ledger")
    window.strip.set_current(pane.article_id)
    uniques = [i for i, s in enumerate(pane.view.statuses()) if s == "unique"]
    assert uniques
    window.actions_by_name["next_unique"].trigger()
    assert window.strip.selected() == SentenceRef(pane.article_id, uniques[0])


def test_threshold_change_reruns_in_a_worker(window: MainWindow, qtbot: QtBot) -> None:
    before = window.session.comparison
    assert before is not None
    busy: list[bool] = []
    window.session.busy_changed.connect(busy.append)
    progress: list[float] = []
    window.session.progress.connect(lambda f, _m: progress.append(f))
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS) as blocker:
        window.threshold.spin.setValue(90)
    after = blocker.args[0]
    assert busy == [True, False]
    assert progress and max(progress) <= 1.0
    assert after.options.threshold == 90
    assert len(after.links) < len(before.links)
    assert window.strip.comparison() is after
    assert window.claims.model.comparison() is after
    neighbours = [
        link for link in before.links if abs(_pos(before, link.a) - _pos(before, link.b)) == 1
    ]
    assert sum(len(m.links()) for m in window.strip.link_maps()) < len(neighbours)
    assert window.settings.align_options().threshold == 90
    assert not window.session.is_busy()


def test_newer_request_supersedes_older(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    options = session.options
    seen = []
    session.comparison_changed.connect(seen.append)
    with qtbot.waitSignal(session.busy_changed, timeout=WAIT_MS, check_params_cb=lambda b: not b):
        session.set_options(type(options)(threshold=95, scorer=options.scorer))
        session.set_options(type(options)(threshold=30, scorer=options.scorer))
    assert [c.options.threshold for c in seen] == [30]


def test_bad_file_reports_error_and_keeps_the_rest(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 not an article")
    missing = tmp_path / "vanished.md"
    good = SMALL_SET / "valley-radio.md"
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS) as blocker:
        window.add_files([str(bad), str(missing), str(good)])
    assert window.message_bar.isVisible()
    assert "broken.pdf" in window.message_bar.text()
    assert "vanished.md" in window.message_bar.text()
    assert len(window.strip.panes()) == 7
    assert blocker.args[0].articles[-1].outlet.startswith("Valley Radio")


def test_unreadable_files_only_keep_the_comparison(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    before = window.session.comparison
    with qtbot.waitSignal(
        window.session.busy_changed, timeout=WAIT_MS, check_params_cb=lambda b: not b
    ):
        window.open_files([str(tmp_path / "gone.md")])
    assert window.session.comparison is before
    assert len(window.strip.panes()) == 6
    assert "gone.md" in window.message_bar.text()


def test_one_article_shows_its_pane_and_a_notice(qtbot: QtBot, settings: Settings) -> None:
    window = open_window(qtbot, settings, [SMALL_SET / "valley-radio.md"])
    assert len(window.strip.panes()) == 1
    assert window.message_bar.isVisible()
    assert "Add another" in window.message_bar.text()
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.add_files([str(SMALL_SET / "county-bulletin.md")])
    assert len(window.strip.panes()) == 2
    assert window.session.comparison is not None and window.session.comparison.links


def test_markup_in_articles_shows_literally(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    evil = "Officials said <img src=http://example.invalid/x.png> was <b>not</b> a threat."
    window = open_window(qtbot, settings, write_markup_pair(tmp_path, evil))
    for pane in window.strip.panes():
        text = pane.view.toPlainText()
        assert "<img src=http://example.invalid/x.png>" in text
        assert "<b>not</b>" in text
        assert pane.view.resource_requests == []
        assert pane.outlet_label.full_text().endswith("<i>News</i>")
        pane.view.grab()  # paint: an image would be requested now if it were markup
        assert pane.view.resource_requests == []


def test_edit_move_and_remove_articles(window: MainWindow, qtbot: QtBot) -> None:
    politico = pane_by_outlet(window, "Politico")
    article_id = politico.article_id
    with qtbot.waitSignal(window.comparison_changed):
        window.session.edit_article(article_id, outlet="Politico Europe", published="2025-08-18")
    assert pane_by_outlet(window, "Politico Europe").date_label.full_text().startswith("2025-08-18")
    header = window.claims.model.headerData(
        1 + [p.article_id for p in window.strip.panes()].index(article_id),
        Qt.Orientation.Horizontal,
    )
    assert header == "Politico Europe"
    order = [p.article_id for p in window.strip.panes()]
    with qtbot.waitSignal(window.comparison_changed):
        window.session.move_article(article_id, +1)
    moved = [p.article_id for p in window.strip.panes()]
    assert moved.index(article_id) == order.index(article_id) + 1
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS) as blocker:
        window.session.remove_article(article_id)
    assert len(window.strip.panes()) == 5
    assert all(article_id not in (x.a.article, x.b.article) for x in blocker.args[0].links)


def test_find_bar(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["find"].trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "Ushakov")
    selected = window.strip.selected()
    assert selected is not None
    comparison = shown_comparison(window)
    assert "Ushakov" in comparison.sentence(selected).text
    window.actions_by_name["find_next"].trigger()
    second = window.strip.selected()
    assert second is not None and "Ushakov" in comparison.sentence(second).text
    assert second != selected
    qtbot.keyClicks(window.find_bar.edit, "zzzz-not-there")
    assert window.find_bar.status.text() == "Not found"


def test_synchronised_scrolling_follows_counterparts(window: MainWindow, qtbot: QtBot) -> None:
    shown_comparison(window)
    politico = pane_by_outlet(window, "Politico")
    aggregator = pane_by_outlet(window, "The Briefing Desk")
    index = sentence_index(politico.view, PUTIN_CALL)
    other = sentence_index(aggregator.view, PUTIN_CALL)
    politico.view.scroll_to_y(index, politico.view.viewport().height() / 3)
    a_top = aggregator.view.viewport_extent(other)[0]
    p_top = politico.view.viewport_extent(index)[0]
    assert abs(a_top - p_top) <= 2 or aggregator.view.verticalScrollBar().value() in (
        0,
        aggregator.view.verticalScrollBar().maximum(),
    )
    window.actions_by_name["sync_scrolling"].trigger()
    assert not window.strip.sync_scrolling()
    before = aggregator.view.verticalScrollBar().value()
    politico.view.verticalScrollBar().setValue(0)
    assert aggregator.view.verticalScrollBar().value() == before


def test_link_map_bands_meet_their_sentences(window: MainWindow) -> None:
    link_map = window.strip.link_maps()[0]
    assert link_map.links()
    link = link_map.links()[0]
    box = link_map.band(link)
    assert box is not None
    lt, lb, rt, rb = box
    assert lb > lt and rb > rt
    left = link_map.left.viewport_extent(link.a.sentence)
    offset = (
        link_map.left.viewport().mapTo(window, QPointF(0, 0)).y()
        - link_map.mapTo(window, QPointF(0, 0)).y()
    )
    assert abs(lt - (left[0] + offset)) < 0.5
    assert link.relation in ("identical", REWORDED, "conflicting")


def test_claims_row_selects_sentences(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.claims
    panel.mode_combo.setCurrentIndex(panel.mode_combo.findText("Shared by all outlets"))
    panel.mode_combo.setCurrentIndex(1)
    if panel.proxy.rowCount() == 0:
        panel.mode_combo.setCurrentIndex(0)
    row = panel.proxy.index(0, 2)
    with qtbot.waitSignal(window.strip.selection_changed):
        panel.table.setCurrentIndex(row)
    selected = window.strip.selected()
    assert selected is not None
    claim = panel.proxy.data(row, Qt.ItemDataRole.UserRole + 1)
    assert selected in claim.members


def test_drop_files_adds_them(window: MainWindow, qtbot: QtBot) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SMALL_SET / "county-bulletin.md"))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.dropEvent(event)
    assert len(window.strip.panes()) == 7


def test_state_persists(qtbot: QtBot, settings: Settings) -> None:
    files = sorted(SMALL_SET.glob("*.md"))
    window = open_window(qtbot, settings, files)
    window.actions_by_name["sync_scrolling"].trigger()
    window.close()
    assert settings.last_files() == [str(f) for f in files] or [
        Path(f).resolve() for f in settings.last_files() or []
    ] == [f.resolve() for f in files]
    assert settings.sync_scrolling() is False
    assert settings.recent_sets()
    assert settings.geometry() is not None
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert not again.strip.sync_scrolling()


def test_keyboard_tab_moves_between_panes(window: MainWindow, qtbot: QtBot) -> None:
    panes = window.strip.panes()
    panes[0].view.setFocus()
    qtbot.waitUntil(panes[0].view.hasFocus)
    qtbot.keyClick(panes[0].view, Qt.Key.Key_Tab)
    qtbot.waitUntil(panes[1].view.hasFocus)
    assert window.strip.current_pane() is panes[1]


def test_unexpected_errors_go_to_the_hook(window: MainWindow) -> None:
    import sys

    from desktop.gui import errors

    errors.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert any(str(e) == "boom" for e in errors.unexpected_errors())
    sys.excepthook = sys.__excepthook__


def _pos(comparison: Comparison, ref: SentenceRef) -> int:
    return [a.id for a in comparison.articles].index(ref.article)


def test_each_scorer_keeps_its_own_threshold(window: MainWindow, qtbot: QtBot) -> None:
    controls = window.threshold
    assert controls.scorer.currentData() == "hybrid"  # the default scorer, at its default
    assert controls.spin.value() == 60
    controls.spin.setValue(55)  # the user's own threshold for the hybrid scorer
    with qtbot.waitSignal(controls.options_changed) as changed:
        controls.scorer.setCurrentIndex(controls.scorer.findData("token_set"))
    # The token_set scale needs a higher threshold: its default, not the hybrid one.
    assert changed.args[0].scorer == "token_set" and changed.args[0].threshold == 70
    assert controls.slider.value() == 70
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        pass  # the re-run with token_set
    with qtbot.waitSignal(controls.options_changed) as changed:
        controls.scorer.setCurrentIndex(controls.scorer.findData("hybrid"))
    assert changed.args[0].threshold == 55  # back to what the user had chosen
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        pass


def test_cancel_stops_a_long_file_while_it_is_read(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.core.loading as loading
    from desktop.core.errors import Cancelled
    from desktop.gui import workers

    outcomes: list[str] = []
    real_segment = loading.segment

    def spy(text, *args, **options):  # type: ignore[no-untyped-def]
        try:
            result = real_segment(text, *args, **options)
        except Cancelled:
            outcomes.append("cancelled")
            raise
        outcomes.append(f"{len(result)} sentences")
        return result

    monkeypatch.setattr(loading, "segment", spy)
    before = window.session.comparison
    big = tmp_path / "long-report.txt"
    big.write_text(
        "\n\n".join(f"Item {i} was reported. It was checked on day {i}." for i in range(60_000)),
        encoding="utf-8",
    )  # about 3 MB: seconds to segment, so the cancel lands inside the file
    (tmp_path / "after.txt").write_text("Another report. It is short.", encoding="utf-8")
    problems: list[str] = []
    window.session.problem.connect(problems.append)
    reading: list[float] = []

    def on_progress(fraction: float, message: str) -> None:
        if message == "Reading long-report.txt" and not reading:
            reading.append(fraction)
            window.actions_by_name["cancel"].trigger()

    window.session.progress.connect(on_progress)
    with qtbot.waitSignal(
        window.session.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy
    ):
        window.add_files([str(big), str(tmp_path / "after.txt")])
    # Cancel answers at once; the worker stops at its next check, inside the long file.
    qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=WAIT_MS)
    assert outcomes == ["cancelled"]  # stopped inside the long file; the next never read
    assert problems == []  # a cancel is not an error
    assert window.session.comparison is before
    assert len(window.strip.panes()) == len(before.articles)

"""Issue 16 part B, point 4: the reports' coverage chart in the claims view, drawn by the same
layout and painting code as the PDF, following the table's filters; a click selects the claim."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from desktop.core.comparison import CONFLICTING
from desktop.export import pdf_layout
from desktop.export.coverage import layout_chart
from desktop.export.report import coverage_of
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claims import FLAG_CONFLICTS
from desktop.gui.widgets.coverage_view import MARGIN
from tests.gui.helpers import shown_comparison


def _show_chart(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["coverage_chart"].trigger()  # F8
    assert window.claims.chart_shown() and window.claims.chart_button.isChecked()
    qtbot.waitUntil(lambda: window.claims.chart.chart_layout() is not None)


def test_the_chart_is_the_reports_chart_and_a_click_selects_the_claim(
    window: MainWindow, qtbot: QtBot
) -> None:
    comparison = shown_comparison(window)
    _show_chart(window, qtbot)
    view = window.claims.chart
    chart = view.chart()
    assert chart is not None
    # The same claims and statuses as the reports' chart (outlets in pane order here).
    report_chart = coverage_of(comparison)
    assert set(chart.claims) == set(report_chart.claims)
    assert len(chart.claims) == 12
    layout = view.chart_layout()
    assert layout is not None and [r[0] for r in layout.rows] == list(chart.claims)
    # Clicking a row selects its claim in the panes and the table.
    claim_id, top, bottom = layout.rows[3]
    y = MARGIN + (top + bottom) / 2 * view.scale()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPointF(100, y).toPoint())
    selected = window.strip.selected()
    assert selected is not None and comparison.claim_of(selected).id == claim_id
    assert view.selected() == claim_id
    assert window.claims.selected_claims() == (claim_id,)
    assert f"Claim {claim_id}:" in view.row_tooltip(claim_id)
    # Selecting elsewhere moves the chart's mark too.
    other = chart.claims[0]
    window.strip.select(next(c for c in comparison.claims if c.id == other).members[0])
    assert view.selected() == other
    # Back to the table.
    window.actions_by_name["coverage_chart"].trigger()
    assert not window.claims.chart_shown() and window.claims.table_button.isChecked()


def test_the_chart_follows_the_filters_and_the_pane_order(window: MainWindow, qtbot: QtBot) -> None:
    comparison = shown_comparison(window)
    _show_chart(window, qtbot)
    window.claims.flag_buttons[FLAG_CONFLICTS].setChecked(True)
    view = window.claims.chart
    qtbot.waitUntil(lambda: view.chart() is not None and len(view.chart().claims) < 12)  # type: ignore[union-attr]
    chart = view.chart()
    assert chart is not None and chart.claims
    assert set(chart.claims) <= set(window.claims.filtered_claims())
    assert all(CONFLICTING in row for row in chart.cells)
    # Columns follow the panes: move the last pane first.
    last = window.strip.panes()[-1].article_id
    with qtbot.waitSignal(window.comparison_changed, timeout=30_000):
        window.history.move_to(last, 0)
    qtbot.waitUntil(lambda: view.chart().names[0] == comparison.article(last).label)  # type: ignore[union-attr]


def test_painting_on_a_widget_leaves_the_pdf_drawing_as_it_was(window: MainWindow) -> None:
    """`paint_chart` without ink paints the layout's own colours (the PDF's look); the window
    passes its palette's ink, and nothing else changes."""
    comparison = shown_comparison(window)
    layout = layout_chart(coverage_of(comparison), 400)

    def render(**colours: QColor) -> QImage:
        image = QImage(900, 900, QImage.Format.Format_ARGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        pdf_layout.paint_chart(painter, layout, 2.0, pdf_layout.FAMILY, **colours)
        painter.end()
        return image

    plain = render()
    assert plain == render(ink=QColor("#222222"), grid=QColor("#dddddd"))
    assert plain != render(ink=QColor("#ff0000"))

"""The coverage chart in the window's claims view: the reports' chart, painted on a widget.

Which outlet carries each main claim is quicker seen than read, and a reader who learns the
chart in the window must find the same one in the PDF and the HTML page. So this widget draws
nothing of its own: `report.coverage_of` picks the claims and statuses, `coverage.layout_chart`
places every mark and label, and `pdf_layout.paint_chart` paints them, as for a PDF page,
only with the palette's text colour for ink (so it reads on a dark palette). On top it marks
the selected claim's row, says what a row is in its tooltip, and clicking a row selects that
claim everywhere.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSizePolicy, QToolButton, QToolTip, QWidget

from desktop.core.comparison import Comparison
from desktop.core.symbols import MISSING
from desktop.export.coverage import ChartLayout, CoverageChart, layout_chart
from desktop.gui import style
from desktop.gui.plain import tooltip

log = logging.getLogger(__name__)

MARGIN = 8
"""Pixels around the chart."""
MAX_WIDTH_PT = 760.0
"""Widest the chart is drawn: on a wide window the marks stay near the claims' text."""


class CoverageView(QWidget):
    """Paints one `CoverageChart` at the widget's width (its height follows the rows).

    Signals:
        claim_clicked(int): the user clicked the row of this claim.
    """

    claim_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CoverageView")
        self.setAccessibleName("Coverage chart of the main claims")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._chart: CoverageChart | None = None
        self._layout: ChartLayout | None = None
        self._selected: int | None = None
        self._empty_text = ""

    # -- input ----------------------------------------------------------------------------

    def set_chart(self, chart: CoverageChart | None, empty_text: str = "") -> None:
        """Show `chart`; without one (or with no claim in it) `empty_text` says why."""
        self._chart = chart
        self._empty_text = empty_text
        self._relayout()

    def chart(self) -> CoverageChart | None:
        return self._chart

    def chart_layout(self) -> ChartLayout | None:
        """The layout last painted (in points), for tests."""
        return self._layout

    def set_selected(self, claim_id: int | None) -> None:
        if claim_id != self._selected:
            self._selected = claim_id
            self.update()

    def selected(self) -> int | None:
        return self._selected

    # -- geometry -------------------------------------------------------------------------

    def scale(self) -> float:
        """Device-independent pixels per point (the layout is in points)."""
        return self.logicalDpiY() / 72.0

    def font_points(self) -> float:
        """The chart's text size: the window's own, so it reads like the table beside it."""
        size = self.font().pointSizeF()
        return size if size > 0 else 9.0

    def _relayout(self) -> None:
        chart = self._chart
        if chart is None or chart.empty:
            self._layout = None
            self.setFixedHeight(self.fontMetrics().height() * 3)
            self.update()
            return
        width_pt = min(MAX_WIDTH_PT, max(200.0, (self.width() - 2 * MARGIN) / self.scale()))
        self._layout = layout_chart(chart, width_pt, self.font_points())
        self.setFixedHeight(round(self._layout.height * self.scale()) + 2 * MARGIN)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._relayout()

    def claim_at(self, point: QPointF) -> int | None:
        if self._layout is None:
            return None
        return self._layout.claim_at((point.y() - MARGIN) / self.scale())

    # -- painting and events --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        layout = self._layout
        if layout is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect().adjusted(MARGIN, 0, -MARGIN, 0),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                self._empty_text,
            )
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scale = self.scale()
        painter.translate(MARGIN, MARGIN)
        for claim, top, bottom in layout.rows:
            if claim == self._selected:
                band = QRectF(0, top * scale, layout.width * scale, (bottom - top) * scale)
                base = palette.color(QPalette.ColorRole.Base)
                highlight = palette.color(QPalette.ColorRole.Highlight)
                painter.fillRect(band, style.mix(base, highlight, 0.35))
        from desktop.export.pdf_layout import FAMILY, paint_chart

        ink = palette.color(QPalette.ColorRole.Text)
        grid = style.mix(palette.color(QPalette.ColorRole.Base), ink, 0.2)
        paint_chart(painter, layout, scale, FAMILY, ink=ink, grid=grid)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            claim = self.claim_at(event.position())
            if claim is not None:
                self.set_selected(claim)
                self.claim_clicked.emit(claim)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.claim_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def row_tooltip(self, claim: int) -> str:
        """What the row of `claim` says in full (its text is cut to fit the chart)."""
        chart = self._chart
        if chart is None or claim not in chart.claims:
            return ""
        row = chart.claims.index(claim)
        carried = [
            name for name, status in zip(chart.names, chart.cells[row], strict=True)
            if status != MISSING
        ]  # fmt: skip
        return (
            f"Claim {claim}: {chart.labels[row]}\nCarried by {chart.carriers[row]} of "
            f"{len(chart.names)} outlets: {', '.join(carried)}\nClick to select it."
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            claim = self.claim_at(QPointF(event.pos()))
            if claim is not None:
                QToolTip.showText(event.globalPos(), tooltip(self.row_tooltip(claim)), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class CoverageArea(QScrollArea):
    """A `CoverageView` that scrolls when its rows are taller than the claims view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = CoverageView(self)
        self.setWidget(self.view)
        self.setWidgetResizable(True)
        self.setAccessibleName("Coverage chart")

    def refresh(
        self,
        comparison: Comparison | None,
        order: Sequence[str],
        claim_ids: Sequence[int],
        selected: int | None,
    ) -> None:
        """Chart the main claims among `claim_ids` (those the table's filters leave), the
        outlets in pane `order` (the reports' chart, from `report.coverage_of`)."""
        if comparison is None:
            self.view.set_chart(None, "No articles are open.")
            return
        from desktop.export.report import coverage_of

        by_id = {a.id: a for a in comparison.articles}
        articles = [by_id[i] for i in order if i in by_id]
        articles += [a for a in comparison.articles if a not in articles]
        ordered = dataclasses.replace(comparison, articles=tuple(articles))
        self.view.set_chart(
            coverage_of(ordered, claim_ids),
            "No claim the filters leave is carried by two or more outlets: nothing to chart.",
        )
        self.view.set_selected(selected)


class ViewSwitch(QWidget):
    """Table | Chart: which of the two the claims view shows (the chart when `chart_button`
    is checked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_button = QToolButton(self)
        self.table_button.setObjectName("TableButton")
        self.table_button.setText("Table")
        self.table_button.setToolTip("Show the claims table")
        self.chart_button = QToolButton(self)
        self.chart_button.setObjectName("ChartButton")
        self.chart_button.setText("Chart")
        self.chart_button.setToolTip(
            "Show the coverage chart of the main claims (as in the reports) in place of the "
            "table: which outlet carries each claim shown by the filters; click a row to "
            "select the claim (F8)"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)  # one switch of two positions
        for button in (self.table_button, self.chart_button):
            button.setCheckable(True)
            button.setAutoExclusive(True)
            layout.addWidget(button)
        self.table_button.setChecked(True)

"""A thin map of the whole article beside its pane, as Meld's change map and WinMerge's
location pane: where the conflicting, unique, reworded and shared sentences are.

Each sentence is a mark at its height in the whole text (so a 3,600-sentence article stays
navigable when the connectors become a wall), in its status colour and, because colour is never
the only cue, conflicts and unique sentences as wider marks than agreement. The visible part of
the text is framed; clicking or dragging scrolls the pane there.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.core.comparison import CONFLICTING, UNIQUE
from desktop.gui import style
from desktop.gui.widgets.sentence_view import SentenceView

BAR_WIDTH = 12
_STRONG = (CONFLICTING, UNIQUE)


class OverviewBar(QWidget):
    """The map of `view`'s sentences; it follows the view's scrolling and restyling."""

    def __init__(self, view: SentenceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OverviewBar")
        self._view = view
        self.setFixedWidth(BAR_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName("Overview of the article")
        view.geometry_changed.connect(self.update)
        view.restyled.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(BAR_WIDTH, 100)

    def _doc_height(self) -> float:
        return max(1.0, self._view.document().size().height())

    def marks(self) -> list[tuple[float, float, str]]:
        """(top, bottom, status) of every sentence, in this bar's coordinates."""
        view = self._view
        if view.article() is None:
            return []
        scale = self.height() / self._doc_height()
        statuses = view.statuses()
        return [
            (top * scale, max(top * scale + 1.5, bottom * scale), status)
            for (top, bottom), status in zip(view.extents(), statuses, strict=True)
        ]

    def viewport_box(self) -> tuple[float, float]:
        """Top and bottom of the visible part of the text, in this bar's coordinates."""
        scale = self.height() / self._doc_height()
        top = self._view.scroll_offset()
        return top * scale, (top + self._view.viewport().height()) * scale

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        width = float(self.width())
        for top, bottom, status in self.marks():
            if status not in style.STATUS_COLORS:
                continue
            inset = 1.0 if status in _STRONG else 4.0
            color = QColor(style.STATUS_COLORS[status])
            painter.fillRect(QRectF(inset, top, width - 2 * inset, bottom - top), color)
        top, bottom = self.viewport_box()
        painter.setPen(QPen(style.outline_color(palette), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0.5, top + 0.5, width - 1.0, max(2.0, bottom - top - 1.0)))

    def index_at(self, y: float) -> int | None:
        """The sentence drawn at height `y`, if any."""
        for index, (top, bottom, _status) in enumerate(self.marks()):
            if top - 1 <= y <= bottom + 1:
                return index
        return None

    def scroll_to(self, y: float) -> None:
        """Scroll the view so the text at bar height `y` sits in the middle of the pane."""
        doc_y = y * self._doc_height() / max(1, self.height())
        bar = self._view.verticalScrollBar()
        bar.setValue(round(doc_y - self._view.viewport().height() / 2))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.scroll_to(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        y = event.position().y()
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.scroll_to(y)
            return
        index = self.index_at(y)
        if index is None:
            QToolTip.hideText()
            return
        status = self._view.statuses()[index]
        label = style.STATUS_LABELS.get(status, status)
        QToolTip.showText(
            self.mapToGlobal(QPoint(0, round(y))),
            f"Sentence {index + 1}: {label}. Click to go there.",
            self,
        )

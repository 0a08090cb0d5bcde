"""The strip between two neighbouring panes that draws a band for every linked sentence pair.

Like Meld's connectors: each band runs from a sentence's vertical extent in the left pane to its
counterpart's in the right pane along two cubic curves, filled with the relation's tint and
edged in its colour. Bands of the selected claim are drawn last, stronger and outlined.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.gui import style
from desktop.gui.widgets.sentence_view import SentenceView

LINK_MAP_WIDTH = 60


class LinkMap(QWidget):
    """Connectors between the sentences of `left` and `right` that the comparison links."""

    def __init__(self, left: SentenceView, right: SentenceView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LinkMap")
        self.setFixedWidth(LINK_MAP_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.left = left
        self.right = right
        self._links: list[Link] = []
        self._selected: set[SentenceRef] = set()
        left.geometry_changed.connect(self.update)
        right.geometry_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(LINK_MAP_WIDTH, 100)

    def set_views(self, left: SentenceView, right: SentenceView) -> None:
        for view in (self.left, self.right):
            view.geometry_changed.disconnect(self.update)
        self.left, self.right = left, right
        left.geometry_changed.connect(self.update)
        right.geometry_changed.connect(self.update)
        self.update()

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Collect the links between the two panes' articles, oriented left → right."""
        self._links = []
        left, right = self.left.article(), self.right.article()
        if comparison is not None and left is not None and right is not None:
            for link in comparison.links:
                if link.a.article == left.id and link.b.article == right.id:
                    self._links.append(link)
                elif link.a.article == right.id and link.b.article == left.id:
                    self._links.append(Link(link.b, link.a, link.score, link.relation, ()))
        self.update()

    def set_selected(self, refs: set[SentenceRef]) -> None:
        self._selected = refs
        self.update()

    def links(self) -> list[Link]:
        return list(self._links)

    def _offsets(self) -> tuple[float, float]:
        """Where the two viewports' tops are, in this widget's coordinates."""
        window = self.window()
        own = self.mapTo(window, QPointF(0, 0)).y()
        left = self.left.viewport().mapTo(window, QPointF(0, 0)).y() - own
        right = self.right.viewport().mapTo(window, QPointF(0, 0)).y() - own
        return left, right

    def band(
        self, link: Link, offsets: tuple[float, float] | None = None
    ) -> tuple[float, float, float, float] | None:
        """(left top, left bottom, right top, right bottom) in this widget's coordinates."""
        lv, rv = self.left, self.right
        if link.a.sentence >= lv.sentence_count() or link.b.sentence >= rv.sentence_count():
            return None
        l_off, r_off = offsets or self._offsets()
        lt, lb = lv.viewport_extent(link.a.sentence)
        rt, rb = rv.viewport_extent(link.b.sentence)
        return lt + l_off, lb + l_off, rt + r_off, rb + r_off

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        # Clip to the part of the strip beside the two views' viewports.
        offsets = self._offsets()
        top = max(offsets)
        painter.setClipRect(0, round(top), self.width(), self.height() - round(top))
        emphasised: list[tuple[Link, QPainterPath]] = []
        for link in self._links:
            box = self.band(link, offsets)
            if box is None:
                continue
            lt, lb, rt, rb = box
            if max(lb, rb) < top or min(lt, rt) > height:
                continue
            path = _band_path(width, lt, lb, rt, rb)
            if link.a in self._selected or link.b in self._selected:
                emphasised.append((link, path))
                continue
            status = style.relation_status(link.relation)
            painter.setBrush(style.tint(status, palette))
            painter.setPen(QPen(style.STATUS_COLORS[status], 1.0))
            painter.drawPath(path)
        for link, path in emphasised:
            status = style.relation_status(link.relation)
            painter.setBrush(style.tint(status, palette, strong=True))
            painter.setPen(QPen(style.outline_color(palette), 2.0))
            painter.drawPath(path)


def _band_path(width: float, lt: float, lb: float, rt: float, rb: float) -> QPainterPath:
    mid = width / 2
    path = QPainterPath(QPointF(0, lt))
    path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
    path.lineTo(QPointF(width, rb))
    path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
    path.closeSubpath()
    return path

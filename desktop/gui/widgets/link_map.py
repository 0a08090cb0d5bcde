"""The strip between two neighbouring panes that draws a band for every linked sentence pair.

Like Meld's connectors: each band runs from a sentence's vertical extent in the left pane to its
counterpart's in the right pane along two cubic curves, filled with the relation's tint and
edged in its colour. Bands of the selected claim are drawn last, stronger and outlined; two
members of the selected claim that are not linked to each other directly (they are in one claim
through other outlets) get a dashed band without fill, so "same claim" never looks like "no
link" without a word.

Links the user made by hand are drawn differently, so they never pass for the matcher's: a
dashed outline and a ✎ in the middle of the band (a shape cue, not only a colour). Right-click
a band to unlink its two sentences. The strip is also the splitter handle between the two
panes: dragging it makes one pane wider and the other narrower.

Related pairs (sentences that share part of their information, `Comparison.related`) get a thin
dotted line between the middles of the two sentences, with a dot at each end: a line, not a
band, so it never reads as a link; in a mid tone of the window's text colour (3:1 against the
strip in light and dark palettes), in the full text colour when it touches the selected claim.
When more than `RELATED_SHOWN` of them would be drawn at once, only those touching the selected
claim are, so they never make a wall. Right-click a related line to link its two sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QMenu, QSplitter, QSplitterHandle, QToolTip

from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.gui import style
from desktop.gui.widgets import popup
from desktop.gui.widgets.sentence_view import SentenceView

LINK_MAP_WIDTH = 60
MANUAL_SYMBOL = "✎"
RELATED_SHOWN = 12
"""Most related lines drawn at once beyond those touching the selected claim."""
RELATED_HIT = 7.0
"""Width (px) of the area around a related line that the mouse can point at."""


class LinkMap(QSplitterHandle):
    """Connectors between the sentences of `left` and `right` that the comparison links.

    Signals:
        unlink_requested(object, object): unlink these two sentences (`SentenceRef`s), asked
            from the band's context menu.
        link_requested(object, object): link these two sentences (a related pair), asked
            from the related line's context menu.
    """

    unlink_requested = Signal(object, object)
    link_requested = Signal(object, object)

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(Qt.Orientation.Horizontal, splitter)
        self.setObjectName("LinkMap")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.left: SentenceView | None = None
        self.right: SentenceView | None = None
        self._links: list[Link] = []
        self._related: list[Link] = []
        self._selected: set[SentenceRef] = set()
        self._indirect: list[tuple[SentenceRef, SentenceRef]] = []
        self._threshold = 0.0
        self.wired = False
        self._press: tuple[float, list[int]] | None = None
        """Whether the strip has connected its signals (handles come and go with panes)."""

    def sizeHint(self) -> QSize:
        return QSize(LINK_MAP_WIDTH, 100)

    # -- resizing: the pane to the left grows or shrinks, the strip with it ------------------

    def _left_index(self) -> int | None:
        """The splitter index of the shown pane to this handle's left."""
        splitter = self.splitter()
        index = splitter.indexOf(self)
        for i in range(index - 1, -1, -1):
            widget = splitter.widget(i)
            if widget is not None and not widget.isHidden():
                return i
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._press = (event.globalPosition().x(), self.splitter().sizes())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Unlike a plain splitter, only the left pane changes width: with more panes than fit,
        the strip grows and scrolls instead of squeezing the others to their minimum."""
        left = self._left_index()
        if self._press is None or left is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        x0, sizes = self._press
        splitter = self.splitter()
        widget = splitter.widget(left)
        least = widget.minimumSizeHint().width() if widget is not None else 0
        sizes = list(sizes)
        sizes[left] = max(least, round(sizes[left] + event.globalPosition().x() - x0))
        shown = [i for i in range(splitter.count()) if not (splitter.widget(i) or self).isHidden()]
        total = sum(sizes[i] for i in shown) + splitter.handleWidth() * max(0, len(shown) - 1)
        splitter.setMinimumWidth(total)
        splitter.setSizes(sizes)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click: give every shown pane the same width."""
        splitter = self.splitter()
        splitter.setMinimumWidth(0)
        visible = [
            i for i in range(splitter.count()) if not (splitter.widget(i) or self).isHidden()
        ]
        if visible:
            total = sum(splitter.sizes())
            splitter.setSizes(
                [total // len(visible) if i in visible else 0 for i in range(splitter.count())]
            )

    def set_views(self, left: SentenceView | None, right: SentenceView | None) -> None:
        """Draw between these two panes' views (the shown neighbours, hidden panes skipped)."""
        if (left, right) == (self.left, self.right):
            return
        for view in (self.left, self.right):
            if view is not None:
                view.geometry_changed.disconnect(self.update)
        self.left, self.right = left, right
        for view in (left, right):
            if view is not None:
                view.geometry_changed.connect(self.update)
        self.update()

    def set_comparison(
        self, comparison: Comparison | None, links: list[Link], related: Sequence[Link] = ()
    ) -> None:
        """Show `links` (from `highlights.links_between`, oriented left → right) between the
        two panes' articles, and their `related` pairs (`highlights.related_between`)."""
        self._links = list(links) if comparison is not None else []
        self._related = list(related) if comparison is not None else []
        self._threshold = comparison.options.threshold if comparison is not None else 0.0
        self.update()

    def set_selected(
        self,
        refs: set[SentenceRef],
        indirect: Sequence[tuple[SentenceRef, SentenceRef]] = (),
    ) -> None:
        """Emphasise the bands of `refs`; `indirect` are member pairs (left, right) of the
        selected claim with no link between them."""
        self._selected = refs
        self._indirect = list(indirect)
        self.update()

    def indirect(self) -> list[tuple[SentenceRef, SentenceRef]]:
        return list(self._indirect)

    def links(self) -> list[Link]:
        return list(self._links)

    def related(self) -> list[Link]:
        """The related pairs between the two panes, oriented left → right."""
        return list(self._related)

    def drawn_related(self) -> list[Link]:
        """The related pairs drawn now: those in sight, or only those touching the selected
        claim when more than `RELATED_SHOWN` are in sight."""
        if self.left is None or self.right is None:
            return []
        offsets = self._offsets()
        top, height = max(offsets), float(self.height())
        visible = []
        for pair in self._related:
            box = self._box(pair.a, pair.b, offsets)
            if box is not None and max(box[1], box[3]) >= top and min(box[0], box[2]) <= height:
                visible.append(pair)
        if len(visible) <= RELATED_SHOWN:
            return visible
        return [p for p in visible if p.a in self._selected or p.b in self._selected]

    def related_at(self, point: QPointF) -> Link | None:
        """The drawn related pair whose line passes under `point`, if any."""
        if self.left is None or self.right is None:
            return None
        offsets = self._offsets()
        stroker = QPainterPathStroker()
        stroker.setWidth(RELATED_HIT)
        for pair in self.drawn_related():
            box = self._box(pair.a, pair.b, offsets)
            if box is not None and stroker.createStroke(self._line(box)).contains(point):
                return pair
        return None

    def related_line(self, pair: Link) -> QPainterPath | None:
        """The path of `pair`'s dotted line in this widget's coordinates (None off the views)."""
        box = self._box(pair.a, pair.b)
        return self._line(box) if box is not None else None

    def _line(self, box: tuple[float, float, float, float]) -> QPainterPath:
        lt, lb, rt, rb = box
        width = float(self.width())
        y0, y1 = (lt + lb) / 2, (rt + rb) / 2
        path = QPainterPath(QPointF(0, y0))
        path.cubicTo(QPointF(width / 2, y0), QPointF(width / 2, y1), QPointF(width, y1))
        return path

    def manual_links(self) -> list[Link]:
        """The links drawn as made by hand (dashed, with ✎), oriented left → right."""
        return [link for link in self._links if link.manual]

    def link_at(self, point: QPointF) -> Link | None:
        """The link whose band is under `point` (widget coordinates), if any."""
        if self.left is None or self.right is None:
            return None
        offsets = self._offsets()
        for link in self._links:
            box = self.band(link, offsets)
            if box is not None and _band_path(float(self.width()), *box).contains(point):
                return link
        return None

    def tooltip_at(self, point: QPointF) -> str:
        """What the strip's tooltip says at `point`: the band's link, the related line, or
        how to resize (and how many related lines are not drawn)."""
        link = self.link_at(point)
        if link is not None:
            how = "linked by hand" if link.manual else "linked"
            return (
                f"{link.relation.capitalize()}, {how}: score {link.score:.0f} "
                f"(threshold {self._threshold:g}). Right-click to unlink."
            )
        pair = self.related_at(point)
        if pair is not None:
            return (
                f"Related, score {pair.score:.0f} (threshold {self._threshold:g}): these "
                "sentences share part of their information (one says more, or they frame one "
                "point differently). Right-click to link them."
            )
        tip = "Drag to change the panes' widths"
        hidden = len(self._related) - len(self.drawn_related())
        if hidden > 0:
            tip += (
                f". {hidden} related pair{'s' * (hidden != 1)} not drawn (too many to show at "
                "once): select a sentence to see its own."
            )
        return tip

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_at(QPointF(event.pos())), self)
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        link = self.link_at(QPointF(event.pos()))
        if link is None:
            pair = self.related_at(QPointF(event.pos()))
            if pair is not None:
                self._related_menu(pair, event)
            return
        menu = QMenu(self)
        kind = "manual link" if link.manual else f"link (score {link.score:.0f})"
        action = menu.addAction(f"Unlink These Sentences ({kind})")
        action.setStatusTip("Keep these two sentences apart, whatever the threshold")
        if popup.exec_menu(menu, event.globalPos()) is action:
            self.unlink_requested.emit(link.a, link.b)

    def _related_menu(self, pair: Link, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        action = menu.addAction(f"Link These Sentences (related, score {pair.score:.0f})")
        action.setStatusTip("Make this related pair a link of your own (Undo takes it back)")
        if popup.exec_menu(menu, event.globalPos()) is action:
            self.link_requested.emit(pair.a, pair.b)

    def _offsets(self) -> tuple[float, float]:
        """Where the two viewports' tops are, in this widget's coordinates."""
        assert self.left is not None and self.right is not None
        window = self.window()
        own = self.mapTo(window, QPointF(0, 0)).y()
        left = self.left.viewport().mapTo(window, QPointF(0, 0)).y() - own
        right = self.right.viewport().mapTo(window, QPointF(0, 0)).y() - own
        return left, right

    def band(
        self, link: Link, offsets: tuple[float, float] | None = None
    ) -> tuple[float, float, float, float] | None:
        """(left top, left bottom, right top, right bottom) in this widget's coordinates."""
        return self._box(link.a, link.b, offsets)

    def _box(
        self, a: SentenceRef, b: SentenceRef, offsets: tuple[float, float] | None = None
    ) -> tuple[float, float, float, float] | None:
        lv, rv = self.left, self.right
        if lv is None or rv is None:
            return None
        if a.sentence >= lv.sentence_count() or b.sentence >= rv.sentence_count():
            return None
        l_off, r_off = offsets or self._offsets()
        lt, lb = lv.viewport_extent(a.sentence)
        rt, rb = rv.viewport_extent(b.sentence)
        return lt + l_off, lb + l_off, rt + r_off, rb + r_off

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        if self.left is None or self.right is None:
            return
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
            if link.manual:
                self._draw_manual(painter, path, box)
            else:
                painter.drawPath(path)
        self._draw_related(painter, offsets)
        for a, b in self._indirect:
            box = self._box(a, b, offsets)
            if box is not None:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(style.outline_color(palette), 1.5, Qt.PenStyle.DashLine))
                painter.drawPath(_band_path(width, *box))
        for link, path in emphasised:
            status = style.relation_status(link.relation)
            painter.setBrush(style.tint(status, palette, strong=True))
            painter.setPen(QPen(style.outline_color(palette), 2.0))
            box = self.band(link, offsets)
            if link.manual and box is not None:
                self._draw_manual(painter, path, box)
            else:
                painter.drawPath(path)

    def _draw_related(self, painter: QPainter, offsets: tuple[float, float]) -> None:
        """Each drawn related pair: a thin dotted line with a dot at each end."""
        palette = self.palette()
        for pair in self.drawn_related():
            box = self._box(pair.a, pair.b, offsets)
            if box is None:
                continue
            strong = pair.a in self._selected or pair.b in self._selected
            color = style.related_color(palette, strong)
            pen = QPen(color, 2.0 if strong else 1.5, Qt.PenStyle.DotLine)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._line(box))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            lt, lb, rt, rb = box
            radius = 2.5 if strong else 2.0
            painter.drawEllipse(QPointF(radius + 0.5, (lt + lb) / 2), radius, radius)
            painter.drawEllipse(QPointF(self.width() - radius - 0.5, (rt + rb) / 2), radius, radius)

    def _draw_manual(
        self, painter: QPainter, path: QPainterPath, box: tuple[float, float, float, float]
    ) -> None:
        """A hand-made link: the band with a dashed outline in the text colour, and ✎."""
        palette = self.palette()
        pen = QPen(palette.color(QPalette.ColorRole.WindowText), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path)
        lt, lb, rt, rb = box
        middle = (lt + lb + rt + rb) / 4
        size = float(painter.fontMetrics().height())
        mark = QRectF(self.width() / 2 - size / 2, middle - size / 2, size, size)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(mark)
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, MANUAL_SYMBOL)


def _band_path(width: float, lt: float, lb: float, rt: float, rb: float) -> QPainterPath:
    mid = width / 2
    path = QPainterPath(QPointF(0, lt))
    path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
    path.lineTo(QPointF(width, rb))
    path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
    path.closeSubpath()
    return path

"""Moving a pane by dragging its header: where it would land, a marker there, and the move.

The pane's header reports the drag in global coordinates (the mouse stays grabbed by the header
while it moves); this works out the gap between shown panes nearest to the pointer, draws a bar
there, scrolls the strip when the pointer nears its edge, and on release asks the strip's owner
to move the article (`PaneStrip.move_to_requested`), which makes it one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame

from desktop.gui.widgets.link_map import LINK_MAP_WIDTH

if TYPE_CHECKING:
    from desktop.gui.widgets.pane_strip import PaneStrip

EDGE_SCROLL = 40
"""While a header is dragged this close to the strip's edge, the strip scrolls."""


class PaneDrag(QObject):
    """The drop marker and the arithmetic of a header drag for one `PaneStrip`."""

    def __init__(self, strip: PaneStrip) -> None:
        super().__init__(strip)
        self._strip = strip
        # A child of the viewport, not of the splitter (which would take it for a pane).
        self.marker = QFrame(strip.viewport())
        self.marker.setObjectName("PaneDropMarker")
        self.marker.setFrameShape(QFrame.Shape.NoFrame)
        self.marker.setAutoFillBackground(True)
        self.marker.setBackgroundRole(QPalette.ColorRole.Highlight)  # follows a theme change
        self.marker.hide()

    def drop_index(self, article_id: str, global_x: int) -> int:
        """Where a header let go at `global_x` puts the article: an index into the order
        without it (hidden panes keep their places relative to the shown ones)."""
        strip = self._strip
        order = [p.article_id for p in strip.panes()]
        others = [i for i in order if i != article_id]
        hidden = strip.hidden()
        shown = [i for i in others if i not in hidden]

        def middle(i: str) -> int:
            pane = strip.pane(i)
            return pane.mapToGlobal(QPoint(pane.width() // 2, 0)).x()

        before = next((i for i in shown if global_x < middle(i)), None)
        if before is None:
            return others.index(shown[-1]) + 1 if shown else len(others)
        return others.index(before)

    def on_dragged(self, article_id: str, point: QPoint) -> None:
        strip = self._strip
        local = strip.viewport().mapFromGlobal(point)
        bar = strip.horizontalScrollBar()
        if local.x() < EDGE_SCROLL:
            bar.setValue(bar.value() - EDGE_SCROLL // 2)
        elif local.x() > strip.viewport().width() - EDGE_SCROLL:
            bar.setValue(bar.value() + EDGE_SCROLL // 2)
        index = self.drop_index(article_id, point.x())
        others = [p for p in strip.panes() if p.article_id != article_id]
        if index < len(others):
            x = others[index].x() - LINK_MAP_WIDTH // 2
        else:
            x = others[-1].geometry().right() + LINK_MAP_WIDTH // 2 if others else 0
        x -= strip.horizontalScrollBar().value()  # splitter → viewport coordinates
        self.marker.setGeometry(max(0, x - 2), 0, 5, strip.viewport().height())
        self.marker.show()
        self.marker.raise_()

    def on_dropped(self, article_id: str, point: QPoint) -> None:
        self.marker.hide()
        index = self.drop_index(article_id, point.x())
        order = [p.article_id for p in self._strip.panes()]
        if index != order.index(article_id):  # inserting at its own place moves nothing
            self._strip.move_to_requested.emit(article_id, index)

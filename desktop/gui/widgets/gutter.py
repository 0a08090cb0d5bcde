"""A sentence view's left margin: each sentence's status symbol (● ◐ ⚠ ◆) at its first line,
so colour is never the only cue, and ✎ beside the sentence marked for a manual link (in the
margin, so it never covers the end of the sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from desktop.core.comparison import REWORDED, SHARED
from desktop.gui import style

if TYPE_CHECKING:
    from desktop.gui.widgets.sentence_view import SentenceView

GUTTER = 18
_AGREEING = (style.STATUS_SYMBOLS[SHARED], style.STATUS_SYMBOLS[REWORDED])


class Gutter(QWidget):
    """The left margin: each sentence's status symbol (● ◐ ⚠ ◆) at its first line, so colour
    is never the only cue, and ✎ beside the sentence marked for a manual link."""

    def __init__(self, view: SentenceView) -> None:
        super().__init__(view)
        self._view = view
        self.picked: int | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.Text)
        offset = self._view.scroll_offset()
        marks: dict[int, str] = {}
        for index, status in enumerate(self._view.statuses()):
            symbol = style.STATUS_SYMBOLS.get(status, "")
            if not symbol:
                continue
            top, _bottom = self._view.line_box(index)
            y = round(top - offset)
            if y < -40 or y > self.height():
                continue
            if symbol not in marks.get(y, ""):
                marks[y] = marks.get(y, "") + symbol
        fm = painter.fontMetrics()
        for y, symbols in marks.items():
            # Differences in the text colour, agreement quieter: the eye goes to what differs.
            quiet = all(ch in _AGREEING for ch in symbols)
            painter.setPen(style.hedge_color(self.palette()) if quiet else text)
            painter.drawText(
                QRect(0, y, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, symbols[:2]
            )
        if self.picked is not None and self.picked < self._view.sentence_count():
            top, bottom = self._view.viewport_extent(self.picked)
            box = QRect(0, round(top), self.width(), max(fm.height(), round(bottom - top)))
            painter.fillRect(box, self.palette().color(QPalette.ColorRole.Base))
            painter.setPen(text)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "✎")

"""The colour key: a chip, symbol and word per status, so colour is never the only cue."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from desktop.core.comparison import CONFLICTING, REWORDED, SHARED, UNIQUE
from desktop.gui import style

_ORDER = (SHARED, REWORDED, CONFLICTING, UNIQUE)


class Legend(QWidget):
    """Paints "● shared ◐ reworded ⚠ conflict ◆ unique" on their tints, underlined as in the
    panes; the tooltip explains each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Legend")
        lines = [f"{style.STATUS_SYMBOLS[s]} {s}: {style.STATUS_DESCRIPTIONS[s]}" for s in _ORDER]
        self.setToolTip("\n".join(lines))
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(lines))

    def _items(self) -> list[str]:
        return [f"{style.STATUS_SYMBOLS[s]} {style.STATUS_LABELS[s]}" for s in _ORDER]

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        width = sum(fm.horizontalAdvance(t) + 18 for t in self._items()) + 6
        return QSize(width, fm.height() + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        fm = self.fontMetrics()
        x = 3
        height = fm.height() + 4
        y = (self.height() - height) // 2
        for status, text in zip(_ORDER, self._items(), strict=True):
            width = fm.horizontalAdvance(text) + 12
            rect = QRect(x, y, width, height)
            painter.fillRect(rect, style.tint(status, palette))
            painter.setPen(QPen(style.STATUS_COLORS[status], 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            baseline = rect.bottom() - 2
            if status == REWORDED:
                painter.setPen(
                    QPen(style.STATUS_COLORS[REWORDED].darker(130), 1, Qt.PenStyle.DotLine)
                )
                painter.drawLine(rect.left() + 4, baseline, rect.right() - 4, baseline)
            elif status == CONFLICTING:
                painter.setPen(QPen(style.STATUS_COLORS[CONFLICTING], 1))
                for px in range(rect.left() + 4, rect.right() - 4, 4):
                    painter.drawLine(px, baseline, px + 2, baseline - 2)
                    painter.drawLine(px + 2, baseline - 2, px + 4, baseline)
            x += width + 6

"""The colour key: a chip, symbol and word per status, so colour is never the only cue, and how
the panes mark conflicting words and hedges."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from desktop.core.comparison import CONFLICTING, REWORDED, SHARED, UNIQUE
from desktop.gui import style

_ORDER = (SHARED, REWORDED, CONFLICTING, UNIQUE)
WORDS = "words"
"""The chip for the words a conflict names."""
HEDGE = "hedge"
_WORD_CHIPS = {WORDS: "may≠will", HEDGE: "hedge"}
_PAD = 10
_GAP = 4


class Legend(QWidget):
    """Paints "● shared ◐ reworded ⚠ conflict ◆ unique" on their tints, underlined as in the
    panes, then a conflict-words chip and a hedge chip formatted as in the panes; the tooltip
    explains each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Legend")
        lines = [f"{style.STATUS_SYMBOLS[s]} {s}: {style.STATUS_DESCRIPTIONS[s]}" for s in _ORDER]
        lines.append(f"{_WORD_CHIPS[WORDS]}: {style.CONFLICT_WORDS_DESCRIPTION}")
        lines.append(f"hedge: {style.HEDGE_DESCRIPTION} (View ▸ Mark Hedges)")
        self.setToolTip("\n".join(lines))
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(lines))

    def _items(self) -> list[str]:
        return [f"{style.STATUS_SYMBOLS[s]} {style.STATUS_LABELS[s]}" for s in _ORDER]

    def _word_font(self, chip: str) -> QFont:
        font = QFont(self.font())
        if chip == WORDS:
            font.setBold(True)
        else:
            font.setItalic(True)
        return font

    def _chip_widths(self) -> list[int]:
        fm = self.fontMetrics()
        widths = [fm.horizontalAdvance(t) + _PAD for t in self._items()]
        for chip, text in _WORD_CHIPS.items():
            metrics = QFontMetrics(self._word_font(chip))
            widths.append(metrics.horizontalAdvance(text) + _PAD)
        return widths

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(sum(w + _GAP for w in self._chip_widths()) + 6, fm.height() + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        fm = self.fontMetrics()
        widths = self._chip_widths()
        x = 3
        height = fm.height() + 4
        y = (self.height() - height) // 2
        for status, text, width in zip(_ORDER, self._items(), widths, strict=False):
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
                self._wave(painter, rect.left() + 4, rect.right() - 4, baseline)
            x += width + _GAP
        for (chip, text), width in zip(_WORD_CHIPS.items(), widths[len(_ORDER) :], strict=True):
            rect = QRect(x, y, width, height)
            text_pen = palette.color(QPalette.ColorRole.Text)
            if chip == WORDS:
                painter.fillRect(rect, style.tint(CONFLICTING, palette, strong=True))
                painter.setPen(QPen(style.STATUS_COLORS[CONFLICTING], 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QPen(text_pen, 1))
                painter.drawLine(rect.left() + 4, rect.top() + 2, rect.right() - 4, rect.top() + 2)
                self._wave(painter, rect.left() + 4, rect.right() - 4, rect.bottom() - 2)
            else:
                painter.setPen(QPen(style.hedge_color(palette), 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QPen(style.hedge_color(palette), 1, Qt.PenStyle.DashLine))
                baseline = rect.bottom() - 3
                painter.drawLine(rect.left() + 4, baseline, rect.right() - 4, baseline)
            painter.setPen(text_pen)
            painter.setFont(self._word_font(chip))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            painter.setFont(self.font())
            x += width + _GAP

    @staticmethod
    def _wave(painter: QPainter, left: int, right: int, baseline: int) -> None:
        painter.setPen(QPen(style.STATUS_COLORS[CONFLICTING], 1))
        for px in range(left, right, 4):
            painter.drawLine(px, baseline, px + 2, baseline - 2)
            painter.drawLine(px + 2, baseline - 2, px + 4, baseline)

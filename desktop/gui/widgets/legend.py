"""The colour key, always on screen under the panes: a chip, symbol and word per status (so
colour is never the only cue), how the panes mark the words that differ, conflict words and
hedges, the related pairs' dotted line, and what the highlighted words are relative to right
now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.core.comparison import CONFLICTING, REWORDED, SHARED, UNIQUE
from desktop.gui import style
from desktop.gui.highlights import ABSENT
from desktop.gui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from desktop.gui.widgets.pane_strip import PaneStrip

_ORDER = (SHARED, REWORDED, CONFLICTING, UNIQUE)
CHANGED = "changed"
"""The chip for the words that differ from the compared sentence."""
WORDS = "words"
"""The chip for the words a conflict names."""
HEDGE = "hedge"
RELATED = "related"
"""The chip for related pairs: the dotted line the link maps draw."""
_WORD_CHIPS = {CHANGED: "differing words", WORDS: "may≠will", HEDGE: "hedge", RELATED: "related"}
_PAD = 10
_GAP = 4
_LINE = 22
"""Room for the related chip's little dotted line, left of its word."""


class Legend(QWidget):
    """Paints "● shared ◐ reworded ⚠ conflict ◆ unique" on their light tints, then the
    differing-words, conflict-words and hedge chips formatted as in the panes (and "+ not in
    base" while a base outlet is chosen); the tooltip explains each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Legend")
        self._base = False
        self._update_tip()

    def set_base_shown(self, on: bool) -> None:
        """Add the "+ not in base" chip (a base outlet is chosen) or take it away."""
        if on != self._base:
            self._base = on
            self._update_tip()
            self.updateGeometry()
            self.update()

    def _statuses(self) -> tuple[str, ...]:
        return (*_ORDER, ABSENT) if self._base else _ORDER

    def _update_tip(self) -> None:
        lines = [
            f"{style.STATUS_SYMBOLS[s]} {style.STATUS_LABELS[s]}: {style.STATUS_DESCRIPTIONS[s]}"
            for s in self._statuses()
        ]
        lines.append(
            "differing words: the words of a sentence that differ from the sentence it is "
            "compared with (darker, underlined); its tooltip says which sentence that is"
        )
        lines.append(f"{_WORD_CHIPS[WORDS]}: {style.CONFLICT_WORDS_DESCRIPTION}")
        lines.append(f"hedge: {style.HEDGE_DESCRIPTION} (View ▸ Mark Hedges)")
        lines.append(
            "related (a dotted line between panes): two sentences that share part of their "
            "information without being linked (one says more, or they frame one point "
            "differently); right-click the line or the sentence to link them"
        )
        self.setToolTip("\n".join(lines))
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(lines))

    def _items(self) -> list[str]:
        return [f"{style.STATUS_SYMBOLS[s]} {style.STATUS_LABELS[s]}" for s in self._statuses()]

    def _word_font(self, chip: str) -> QFont:
        font = QFont(self.font())
        if chip == WORDS:
            font.setBold(True)
        elif chip == HEDGE:
            font.setItalic(True)
        return font

    def _chip_widths(self) -> list[int]:
        fm = self.fontMetrics()
        widths = [fm.horizontalAdvance(t) + _PAD for t in self._items()]
        for chip, text in _WORD_CHIPS.items():
            metrics = QFontMetrics(self._word_font(chip))
            widths.append(
                metrics.horizontalAdvance(text) + _PAD + (_LINE if chip == RELATED else 0)
            )
        return widths

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(sum(w + _GAP for w in self._chip_widths()) + 6, fm.height() + 8)

    def minimumSizeHint(self) -> QSize:
        """The status chips always show; the mark chips after them when there is room."""
        fm = self.fontMetrics()
        statuses = len(self._statuses())
        return QSize(sum(w + _GAP for w in self._chip_widths()[:statuses]) + 6, fm.height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        fm = self.fontMetrics()
        widths = self._chip_widths()
        text_pen = palette.color(QPalette.ColorRole.Text)
        x = 3
        height = fm.height() + 4
        y = (self.height() - height) // 2
        statuses = self._statuses()
        for status, text, width in zip(statuses, self._items(), widths, strict=False):
            rect = QRect(x, y, width, height)
            if status in style.STATUS_COLORS:
                painter.fillRect(rect, style.tint(status, palette))
                painter.setPen(QPen(style.STATUS_COLORS[status], 1))
            else:
                painter.setPen(QPen(style.hedge_color(palette), 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(text_pen)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            x += width + _GAP
        for (chip, text), width in zip(_WORD_CHIPS.items(), widths[len(statuses) :], strict=True):
            rect = QRect(x, y, width, height)
            baseline = rect.bottom() - 2
            if chip == CHANGED:
                painter.fillRect(rect, style.tint(REWORDED, palette, strong=True))
                painter.setPen(
                    QPen(style.underline_color(REWORDED, palette), 1, Qt.PenStyle.DotLine)
                )
                painter.drawLine(rect.left() + 4, baseline, rect.right() - 4, baseline)
            elif chip == WORDS:
                painter.fillRect(rect, style.tint(CONFLICTING, palette, strong=True))
                painter.setPen(QPen(style.STATUS_COLORS[CONFLICTING], 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QPen(text_pen, 1))
                painter.drawLine(rect.left() + 4, rect.top() + 2, rect.right() - 4, rect.top() + 2)
                self._wave(painter, rect.left() + 4, rect.right() - 4, baseline)
            elif chip == RELATED:
                self._related_line(painter, rect)
                rect = rect.adjusted(_LINE, 0, 0, 0)
            else:
                painter.setPen(QPen(style.hedge_color(palette), 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QPen(style.hedge_color(palette), 1, Qt.PenStyle.DashLine))
                painter.drawLine(rect.left() + 4, baseline - 1, rect.right() - 4, baseline - 1)
            painter.setPen(text_pen)
            painter.setFont(self._word_font(chip))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            painter.setFont(self.font())
            x += width + _GAP

    def _related_line(self, painter: QPainter, rect: QRect) -> None:
        """The link maps' related line in little: dotted, a dot at each end."""
        color = style.related_color(self.palette())
        middle = rect.center().y()
        left, right = rect.left() + 5, rect.left() + _LINE
        pen = QPen(color, 1.5, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(left, middle, right, middle)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for x in (left, right):
            painter.drawEllipse(QPoint(x, middle), 2, 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    @staticmethod
    def _wave(painter: QPainter, left: int, right: int, baseline: int) -> None:
        painter.setPen(QPen(style.STATUS_COLORS[CONFLICTING], 1))
        for px in range(left, right, 4):
            painter.drawLine(px, baseline, px + 2, baseline - 2)
            painter.drawLine(px + 2, baseline - 2, px + 4, baseline)


class LegendBar(QWidget):
    """The row under the panes: the legend, what the highlighted words are compared with, and
    how many outlets are shown (with Show All when some are hidden).

    Signals:
        show_all_requested(): the user pressed Show All.
    """

    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LegendBar")
        self.legend = Legend(self)
        self.relative = ElidedLabel(parent=self)
        self.relative.setObjectName("LegendRelative")
        self.shown = ElidedLabel(parent=self)
        self.shown.setObjectName("LegendShown")
        self.show_all = QPushButton("Show All", self)
        self.show_all.setToolTip("Show every outlet's pane again (View ▸ Outlets)")
        self.show_all.clicked.connect(self.show_all_requested)
        self.show_all.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(8)
        layout.addWidget(self.legend)
        layout.addWidget(self.relative, 3)
        layout.addWidget(self.shown, 2)
        layout.addWidget(self.show_all)

    def follow(self, strip: PaneStrip) -> None:
        """Say what the highlighted words differ from right now: the base outlet, the
        selected sentence, or each sentence's counterpart in the nearest pane."""
        comparison, base, selected = strip.comparison(), strip.base(), strip.selected()
        if comparison is None:
            text = ""
        elif base is not None:
            text = f"Tints and highlighted words: against {comparison.article(base).label} (base)"
        elif selected is not None:
            label = comparison.article(selected.article).label
            text = f"Highlighted words: differ from the selected sentence ({label})"
        else:
            text = "Highlighted words: differ from each sentence's counterpart in the nearest pane"
        self.set_relative(text)

    def set_relative(self, text: str) -> None:
        """Say what the highlighted words are relative to ("the selected sentence", …)."""
        self.relative.set_full_text(text)

    def set_shown(self, shown: int, total: int) -> None:
        hidden = total - shown
        if hidden > 0:
            self.shown.set_full_text(
                f"Showing {shown} of {total} outlets ({hidden} hidden, still counted)"
            )
        else:
            self.shown.set_full_text("")
        self.show_all.setVisible(hidden > 0)

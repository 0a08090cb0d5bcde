"""The prose of one article, each sentence tinted by its status, with sentence geometry.

Built with `QTextCursor.insertText` and one `QTextCharFormat` per sentence, so article text is
never interpreted as markup. The view maps sentence indexes to document positions and vertical
extents, which the link maps, synchronised scrolling and selection all work from.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QToolTip, QWidget

from desktop.core.article import Article
from desktop.gui import style
from desktop.gui.highlights import CONFLICT_MARK, HEDGE_MARK, Span
from desktop.gui.widgets import popup
from desktop.gui.widgets.gutter import GUTTER, Gutter
from desktop.gui.widgets.sentence_document import (
    build_document,
    find_selections,
    set_paragraph_gaps,
)

log = logging.getLogger(__name__)


class SentenceView(QTextEdit):
    """A read-only, focusable view of one article's sentences.

    Signals:
        sentence_activated(int): the user clicked a sentence or moved to it with Up/Down.
        geometry_changed(): scrolling, resizing or relayout moved the sentences on screen.
        restyled(): sentence statuses changed (a new text, or the same text re-tinted).
        zoom_requested(int): Ctrl+wheel: zoom every pane in (+1) or out (-1), not this alone.
    """

    sentence_activated = Signal(int)
    geometry_changed = Signal()
    restyled = Signal()
    zoom_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setViewportMargins(GUTTER, 0, 0, 0)
        self._gutter = Gutter(self)
        self._article: Article | None = None
        self._statuses: list[str] = []
        self._positions: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._extents: list[tuple[float, float]] | None = None
        self._selected: int | None = None
        self._found: tuple[int, int] | None = None
        self._changed_formats: dict[int, list[tuple[int, int]]] = {}
        self._marks: dict[int, list[tuple[int, int, str]]] = {}
        self._early_marks: tuple[dict[int, list[Span]], dict[int, list[Span]]] | None = None
        self._own_document: QTextDocument | None = None
        self._made: tuple[int, int, int, str] | None = None
        """The `_look` the formats were made with."""
        self._others_found: list[tuple[int, int]] = []
        self.tooltip_for: Callable[[int], str] | None = None
        """Gives the tooltip of sentence i (set by the pane strip, which knows the claim)."""
        self.menu_for: Callable[[QMenu, int], None] | None = None
        """Adds the items about sentence i to its context menu (set by the pane strip)."""
        self.resource_requests: list[str] = []
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- content --------------------------------------------------------------------------

    def set_article(
        self,
        article: Article,
        statuses: Sequence[str],
        changed: dict[int, list[tuple[int, int]]],
    ) -> None:
        """Show `article`; `statuses[i]` tints sentence i, `changed[i]` are its changed spans."""
        doc, positions = build_document(self, article, statuses, changed)
        self._made = self._look()
        self._article = article
        self._statuses = list(statuses)
        self._positions = positions
        self._starts = [p[0] for p in positions]
        self._changed_formats = {k: list(v) for k, v in changed.items()}
        self._marks = {}
        self._selected = None
        self._found = None
        self._extents = None
        self.setDocument(doc)
        doc.documentLayout().documentSizeChanged.connect(self._on_layout_changed)
        # QTextEdit never deletes a document it was given; ours are children of the view.
        if self._own_document is not None:
            self._own_document.deleteLater()
        self._own_document = doc
        self._gutter.update()
        self.geometry_changed.emit()
        self.restyled.emit()
        if self._early_marks is not None:
            early, self._early_marks = self._early_marks, None
            self.set_marks(*early)

    def restyle(self, statuses: Sequence[str], changed: dict[int, list[tuple[int, int]]]) -> None:
        """New statuses and changed words for the same article (after a threshold change):
        formats change in place, so the text and its layout are kept."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            for index, status in enumerate(statuses):
                spans = changed.get(index, [])
                if status != self._statuses[index] or spans != self._changed_formats.get(index, []):
                    self._statuses[index] = status
                    self._apply(cursor, index, spans)
        finally:
            cursor.endEditBlock()
        self._gutter.update()
        self.viewport().update()
        self.restyled.emit()

    def refresh_formats(self) -> None:
        """Format every sentence again from the current palette and font (after a theme
        change or a zoom), keeping the text, the scroll position's sentence and the marks."""
        if self._article is None:
            return
        anchor = self._first_visible() if self._positions else 0
        above = self.viewport_extent(anchor)[0] if self._positions else 0.0
        set_paragraph_gaps(self.document(), self.font())
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            for index in range(len(self._positions)):
                self._apply(cursor, index, self._changed_formats.get(index, []))
        finally:
            cursor.endEditBlock()
        self.set_found(self._found, self._others_found)
        self._made = self._look()
        self._extents = None
        self.scroll_to_y(anchor, above)
        self._gutter.update()
        self.viewport().update()
        self.geometry_changed.emit()
        self.restyled.emit()

    def _look(self) -> tuple[int, int, int, str]:
        """What the formats are made from: base, text and highlight colours and the font."""
        palette = self.palette()
        roles = (QPalette.ColorRole.Base, QPalette.ColorRole.Text, QPalette.ColorRole.Highlight)
        base, text, highlight = (palette.color(r).rgba() for r in roles)
        return base, text, highlight, self.font().toString()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # QTextEdit gives the document the new font
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.FontChange)
        # A repolish (the current pane's frame) sends these too: reformat only on a real change.
        if event.type() in kinds and self._article is not None and self._look() != self._made:
            self.refresh_formats()

    def set_zoom(self, percent: int) -> None:
        """Show the text at `percent` of the usual size (View ▸ Zoom)."""
        font = QFont(QApplication.font(self))
        if percent != 100 and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * percent / 100)
        self.setFont(font)

    def set_header_article(self, article: Article) -> None:
        """The same sentences with other metadata (an edit): nothing to redraw."""
        self._article = article

    def set_changed(self, index: int, spans: list[tuple[int, int]]) -> None:
        """Re-highlight the changed words of one sentence (after the selection moved)."""
        if index >= len(self._positions) or self._article is None:
            return
        if self._changed_formats.get(index, []) == spans:
            return
        self._apply(QTextCursor(self.document()), index, spans)

    def set_marks(self, conflicts: dict[int, list[Span]], hedges: dict[int, list[Span]]) -> None:
        """Mark the words conflicts name and the hedge cues (sentence-relative spans); only
        sentences whose marks change are re-formatted."""
        if self._article is None:
            self._early_marks = (conflicts, hedges)  # applied once the text is here
            return
        marks: dict[int, list[tuple[int, int, str]]] = {}
        count = len(self._positions)
        for kind, spans_by_index in ((HEDGE_MARK, hedges), (CONFLICT_MARK, conflicts)):
            for index, spans in spans_by_index.items():
                if 0 <= index < count:
                    marks.setdefault(index, []).extend((lo, hi, kind) for lo, hi in spans)
        touched = {i for i in set(marks) | set(self._marks) if marks.get(i) != self._marks.get(i)}
        self._marks = marks
        if not touched:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            for index in sorted(touched):
                self._apply(cursor, index, self._changed_formats.get(index, []))
        finally:
            cursor.endEditBlock()

    def marks(self, index: int) -> list[tuple[int, int, str]]:
        """(start, end, kind) of the marks in sentence `index`, sentence-relative."""
        return list(self._marks.get(index, []))

    def _apply(self, cursor: QTextCursor, index: int, spans: list[tuple[int, int]]) -> None:
        assert self._article is not None
        self._changed_formats[index] = list(spans)
        status = self._statuses[index]
        kind = self._article.sentences[index].kind
        palette = self.palette()
        font = self.font()
        base = style.heading_format(style.sentence_format(status, palette), kind, font)
        strong = style.heading_format(style.sentence_format(status, palette, True), kind, font)
        start, end = self._positions[index]
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(base)
        for lo, hi in spans:
            cursor.setPosition(start + lo)
            cursor.setPosition(min(end, start + hi), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(strong)
        # Hedges first, so a conflict word that is also a hedge ("may") reads as a conflict.
        for lo, hi, kind in self._marks.get(index, []):
            if kind == CONFLICT_MARK:
                mark = style.conflict_words_format()
            else:
                mark = style.hedge_format(palette)
            cursor.setPosition(min(end, start + lo))
            cursor.setPosition(min(end, start + hi), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(mark)

    def article(self) -> Article | None:
        return self._article

    def statuses(self) -> list[str]:
        return self._statuses

    def sentence_count(self) -> int:
        return len(self._positions)

    def changed_spans(self, index: int) -> list[tuple[int, int]]:
        return list(self._changed_formats.get(index, []))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # Article text never contains markup, so nothing should ever be fetched; record it.
        url = name.toString() if isinstance(name, QUrl) else str(name)
        self.resource_requests.append(url)
        log.warning("unexpected resource request %s", url)
        return None

    # -- geometry -------------------------------------------------------------------------

    def scroll_offset(self) -> int:
        return self.verticalScrollBar().value()

    def _position_box(self, position: int) -> tuple[float, float]:
        doc = self.document()
        block = doc.findBlock(position)
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return rect.top(), rect.bottom()
        top = layout.position().y() + line.y()
        return top, top + line.height()

    def extents(self) -> list[tuple[float, float]]:
        """Top and bottom of every sentence, in document coordinates."""
        if self._extents is None:
            boxes = []
            for start, end in self._positions:
                top, _ = self._position_box(start)
                _, bottom = self._position_box(max(start, end - 1))
                boxes.append((top, bottom))
            self._extents = boxes
        return self._extents

    def extent(self, index: int) -> tuple[float, float]:
        return self.extents()[index]

    def line_box(self, index: int) -> tuple[float, float]:
        """Top and bottom of the first line of a sentence, in document coordinates."""
        top = self.extent(index)[0]
        return top, top + self.fontMetrics().height()

    def viewport_extent(self, index: int) -> tuple[float, float]:
        top, bottom = self.extent(index)
        offset = self.scroll_offset()
        return top - offset, bottom - offset

    def index_at_y(self, y: float) -> int | None:
        """The sentence at viewport height `y` (the nearest one above it in a gap)."""
        if not self._positions:
            return None
        doc_y = y + self.scroll_offset()
        tops = [e[0] for e in self.extents()]
        return max(0, bisect.bisect_right(tops, doc_y) - 1)

    def index_at_position(self, position: int) -> int | None:
        if not self._starts:
            return None
        return max(0, bisect.bisect_right(self._starts, position) - 1)

    def sentence_range(self, index: int) -> tuple[int, int]:
        return self._positions[index]

    def scroll_to_y(self, index: int, viewport_y: float) -> None:
        """Scroll so sentence `index`'s top sits at `viewport_y`."""
        if not 0 <= index < len(self._positions):
            return
        top, _ = self.extent(index)
        bar = self.verticalScrollBar()
        bar.setValue(round(top - viewport_y))

    def ensure_visible(self, index: int) -> None:
        """Scroll the least needed to show the sentence, placing it a third down if it moves."""
        top, bottom = self.viewport_extent(index)
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            return
        self.scroll_to_y(index, max(0.0, min(height / 3, height - (bottom - top))))

    # -- selection ------------------------------------------------------------------------

    def selected(self) -> int | None:
        return self._selected

    def set_selected(self, index: int | None) -> None:
        if index == self._selected:
            return
        self._selected = index
        self.viewport().update()

    def set_found(
        self, found: tuple[int, int] | None, others: list[tuple[int, int]] | None = None
    ) -> None:
        """Mark the current find match (document positions) with the palette's highlight and
        every other match in the pane with a quieter frame of it."""
        self._found = found
        self._others_found = list(others or [])
        self.setExtraSelections(find_selections(self, found, self._others_found))

    def found(self) -> tuple[int, int] | None:
        return self._found

    def found_all(self) -> list[tuple[int, int]]:
        """Every match marked in the pane, the current one included."""
        spans = set(self._others_found)
        if self._found is not None:
            spans.add(self._found)
        return sorted(spans)

    def set_picked(self, index: int | None) -> None:
        """Show ✎ in the margin beside sentence `index` (the one marked for linking)."""
        self._gutter.picked = index
        self._gutter.update()

    def picked(self) -> int | None:
        return self._gutter.picked

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._index_at_point(event.pos())
            text = self.tooltip_for(index) if index is not None and self.tooltip_for else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _index_at_point(self, point: QPoint) -> int | None:
        if not self._positions:
            return None
        position = self.cursorForPosition(point).position()
        index = self.index_at_position(position)
        if index is None:
            return None
        top, bottom = self.viewport_extent(index)
        return index if top - 4 <= point.y() <= bottom + 4 else None

    # -- events ---------------------------------------------------------------------------

    def _on_scrolled(self, _value: int) -> None:
        self._gutter.update()
        self.geometry_changed.emit()

    def _on_layout_changed(self) -> None:
        self._extents = None
        self._gutter.update()
        self.geometry_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._extents = None
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), GUTTER, rect.height()))
        self.geometry_changed.emit()

    def context_menu(self, point: QPoint) -> QMenu:
        """The context menu at viewport `point`: Copy and Select All, then what the window adds
        about the sentence there (linking it to a related sentence, its verdicts…)."""
        menu = self.createStandardContextMenu(point)
        index = self._index_at_point(point)
        if index is not None and self.menu_for is not None:
            menu.addSeparator()
            self.menu_for(menu, index)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        popup.exec_menu(menu, event.globalPos())
        menu.deleteLater()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            position = self.cursorForPosition(event.position().toPoint()).position()
            index = self.index_at_position(position)
            if index is not None:
                self.sentence_activated.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        count = self.sentence_count()
        if plain and count and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            current = self._selected if self._selected is not None else self._first_visible()
            step = 1 if key == Qt.Key.Key_Down else -1
            target = current if self._selected is None else current + step
            self.sentence_activated.emit(max(0, min(count - 1, target)))
            return
        if plain and count and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.sentence_activated.emit(0 if key == Qt.Key.Key_Home else count - 1)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # QTextEdit would zoom this pane alone; View ▸ Zoom zooms them all together.
            steps = event.angleDelta().y()
            if steps:
                self.zoom_requested.emit(1 if steps > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def _first_visible(self) -> int:
        index = self.index_at_y(0) or 0
        top, _ = self.viewport_extent(index)
        if top < 0 and index + 1 < self.sentence_count():
            index += 1
        return index

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._selected is None or self._selected >= len(self._positions):
            return
        top, bottom = self.viewport_extent(self._selected)
        if bottom < 0 or top > self.viewport().height():
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = style.outline_color(self.palette())
        pen = QPen(color, 2.0 if self.hasFocus() else 1.5)
        if not self.hasFocus():
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        rect = QRectF(2, top - 2, self.viewport().width() - 4, bottom - top + 4)
        painter.drawRoundedRect(rect, 4, 4)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

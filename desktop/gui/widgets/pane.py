"""One article's column: a header (outlet, title, date) over its `SentenceView`.

The pane also carries what belongs to one article's prose but not to the view's tinting: the
text direction of each paragraph (Arabic or Hebrew paragraphs are laid out right to left), and
the sentence the user marked for a manual link (Ctrl+click), drawn as a dashed frame with ✎.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.article import Article
from desktop.gui import style
from desktop.gui.plain import tooltip
from desktop.gui.widgets.elided_label import ElidedLabel
from desktop.gui.widgets.sentence_view import SentenceView

PANE_MIN_WIDTH = 300
PICK_SYMBOL = "✎"

_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_rtl(text: str) -> bool:
    """True if most of `text`'s letters are written right to left (Arabic, Hebrew, …)."""
    if not _RTL_CHARS.search(text):
        return False
    rtl = ltr = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl > ltr


def apply_text_direction(doc: QTextDocument) -> int:
    """Lay out every right-to-left paragraph of `doc` right to left (aligned right), whatever
    its first word; returns how many were. Cheap when the text has no RTL letters at all."""
    if not _RTL_CHARS.search(doc.toPlainText()):
        return 0
    count = 0
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    block = doc.firstBlock()
    while block.isValid():
        if is_rtl(block.text()):
            fmt = block.blockFormat()
            fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            fmt.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
            count += 1
        block = block.next()
    cursor.endEditBlock()
    return count


class _PickMarker(QWidget):
    """Drawn over the view's viewport: a dashed frame and ✎ around the marked sentence."""

    def __init__(self, view: SentenceView) -> None:
        super().__init__(view)
        self._view = view
        self.index: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def follow(self) -> None:
        self.setGeometry(self._view.viewport().geometry())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        index = self.index
        if index is None or index >= self._view.sentence_count():
            return
        top, bottom = self._view.viewport_extent(index)
        if bottom < 0 or top > self.height():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(style.outline_color(self.palette()), 2.0, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(QColor(0, 0, 0, 0))
        rect = QRectF(1, top - 3, self.width() - 2, bottom - top + 6)
        painter.drawRoundedRect(rect, 4, 4)
        fm = painter.fontMetrics()
        box = QRectF(rect.right() - fm.height() - 2, rect.top(), fm.height(), fm.height())
        painter.fillRect(box, self.palette().color(self.backgroundRole()))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, PICK_SYMBOL)


class ArticlePane(QFrame):
    """Header and prose of one article; the pane menu acts on this article.

    Signals:
        sentence_activated(str, int): article id and sentence index the user picked.
        edit_requested(str): the user asked to edit the article's details.
        move_requested(str, int): move the article left (-1) or right (+1).
        remove_requested(str): remove the article from the comparison.
        focused(str): the prose got keyboard focus (this becomes the current pane).
        sentence_picked(str, int): the user Ctrl+clicked a sentence (to mark it for linking).
    """

    sentence_activated = Signal(str, int)
    sentence_picked = Signal(str, int)
    edit_requested = Signal(str)
    move_requested = Signal(str, int)
    remove_requested = Signal(str)
    focused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticlePane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(PANE_MIN_WIDTH)
        self._article_id = ""
        self._header_article: Article | None = None
        self.outlet_label = ElidedLabel(parent=self)
        self.outlet_label.setObjectName("PaneOutlet")
        font = QFont(self.outlet_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.outlet_label.setFont(font)
        self.title_label = ElidedLabel(parent=self)
        self.title_label.setObjectName("PaneTitle")
        self.date_label = ElidedLabel(parent=self)
        self.date_label.setObjectName("PaneDate")
        self.menu_button = QToolButton(self)
        self.menu_button.setText("⋯")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setToolTip("Article actions: edit details, move, remove")
        self.menu_button.setAccessibleName("Article actions")
        self.menu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self)
        self._edit = menu.addAction("Edit details…", self._on_edit)
        self._left = menu.addAction("Move left", self._on_move_left)
        self._right = menu.addAction("Move right", self._on_move_right)
        menu.addSeparator()
        self._remove = menu.addAction("Remove from comparison", self._on_remove)
        self.menu_button.setMenu(menu)
        self.view = SentenceView(self)
        self.view.sentence_activated.connect(self._on_sentence_activated)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self._marker = _PickMarker(self.view)
        self.view.geometry_changed.connect(self._on_view_moved)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.outlet_label, 1)
        top.addWidget(self.menu_button)
        header = QVBoxLayout()
        header.setContentsMargins(8, 6, 8, 4)
        header.setSpacing(1)
        header.addLayout(top)
        header.addWidget(self.title_label)
        header.addWidget(self.date_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    @property
    def article_id(self) -> str:
        return self._article_id

    def header_article(self) -> Article | None:
        """The article whose outlet, title and date the header shows."""
        return self._header_article

    def set_header(self, article: Article) -> None:
        self._article_id = article.id
        self._header_article = article
        self.outlet_label.set_full_text(article.label)
        self.title_label.set_full_text(article.title or "(no title)")
        count = len(article.sentences)
        details = [article.published or "no date", f"{count} sentence{'s' * (count != 1)}"]
        if article.author:
            details.insert(1, article.author)
        self.date_label.set_full_text(" · ".join(details))
        self.date_label.setToolTip(tooltip(f"{' · '.join(details)}\n{article.source}"))
        self.view.setAccessibleName(f"{article.label}: article text")

    def set_article(
        self, article: Article, statuses: Sequence[str], changed: dict[int, list[tuple[int, int]]]
    ) -> None:
        """Show the article's prose (see `SentenceView.set_article`), RTL paragraphs RTL."""
        self.view.set_article(article, statuses, changed)
        apply_text_direction(self.view.document())

    def picked(self) -> int | None:
        return self._marker.index

    def set_picked(self, index: int | None) -> None:
        """Mark sentence `index` as the one to link (None: no mark in this pane)."""
        self._marker.index = index
        self._marker.setVisible(index is not None)
        if index is not None:
            self._marker.raise_()
            self._marker.follow()

    def set_position(self, index: int, count: int) -> None:
        """Enable the move actions that make sense at this position."""
        self._left.setEnabled(index > 0)
        self._right.setEnabled(index < count - 1)

    def set_actions_enabled(self, enabled: bool) -> None:
        for action in (self._edit, self._remove):
            action.setEnabled(enabled)

    def menu_actions(self) -> list[QAction]:
        return [self._edit, self._left, self._right, self._remove]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.FocusIn:
            self.focused.emit(self._article_id)
        elif (
            watched is self.view.viewport()
            and event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # Ctrl+click marks a counterpart without moving the selection (see Link Sentences).
            position = self.view.cursorForPosition(event.position().toPoint()).position()
            index = self.view.index_at_position(position)
            if index is not None:
                self.sentence_picked.emit(self._article_id, index)
            return True
        return False

    def _on_view_moved(self) -> None:
        if self._marker.isVisible():
            self._marker.follow()

    def set_current(self, current: bool) -> None:
        if bool(self.property("current")) != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def _on_sentence_activated(self, index: int) -> None:
        self.sentence_activated.emit(self._article_id, index)

    def _on_edit(self) -> None:
        self.edit_requested.emit(self._article_id)

    def _on_move_left(self) -> None:
        self.move_requested.emit(self._article_id, -1)

    def _on_move_right(self) -> None:
        self.move_requested.emit(self._article_id, 1)

    def _on_remove(self) -> None:
        self.remove_requested.emit(self._article_id)

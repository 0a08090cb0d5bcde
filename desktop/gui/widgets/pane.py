"""One article's column: a header (outlet, title, date) over its `SentenceView` and the
`OverviewBar` beside it.

The pane also carries what belongs to one article's prose but not to the view's tinting: the
text direction of each paragraph (Arabic or Hebrew paragraphs are laid out right to left), and
the sentence the user marked for a manual link (Ctrl+click), shown by ✎ in the margin. Dragging
the header sideways moves the pane; the pane strip works out where it lands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QMouseEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.article import Article
from desktop.core.language import language_name
from desktop.gui.plain import tooltip
from desktop.gui.widgets.elided_label import ElidedLabel
from desktop.gui.widgets.overview_bar import OverviewBar
from desktop.gui.widgets.sentence_view import SentenceView

PANE_MIN_WIDTH = 300

MOVE_END = 10_000
"""A move delta that takes a pane to the first or last place."""

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


class _Header(QWidget):
    """The pane's title block; dragging it sideways moves the pane (see `ArticlePane`)."""

    def __init__(self, pane: ArticlePane) -> None:
        super().__init__(pane)
        self.setObjectName("PaneHeader")
        self._pane = pane
        self._press: QPoint | None = None
        self.dragging = False
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip("Drag sideways to move this pane")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.globalPosition().toPoint()
            self.dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.globalPosition().toPoint()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not self.dragging and (
                (point - self._press).manhattanLength() >= QApplication.startDragDistance()
            ):
                self.dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self.dragging:
                self._pane.header_dragged.emit(self._pane.article_id, point)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.dragging and event.button() == Qt.MouseButton.LeftButton:
            self._pane.header_dropped.emit(self._pane.article_id, event.globalPosition().toPoint())
        self._press = None
        self.dragging = False
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        super().mouseReleaseEvent(event)


class ArticlePane(QFrame):
    """Header and prose of one article; the pane menu acts on this article.

    Signals:
        sentence_activated(str, int): article id and sentence index the user picked.
        edit_requested(str): the user asked to edit the article's details.
        move_requested(str, int): move the article left (-1) or right (+1); a delta beyond
            the ends moves it to the first or last place.
        remove_requested(str): remove the article from the comparison.
        focused(str): the prose got keyboard focus (this becomes the current pane).
        sentence_picked(str, int): the user Ctrl+clicked a sentence (to mark it for linking).
        header_dragged(str, QPoint), header_dropped(str, QPoint): the header is being dragged
            (global position) or was let go there.
    """

    header_dragged = Signal(str, QPoint)
    header_dropped = Signal(str, QPoint)
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
        self.menu = QMenu(self)
        self.menu_extension: Callable[[QMenu, str], None] | None = None
        """Adds the outlet actions (compare with, base, hide) each time the menu opens."""
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.menu_button.setMenu(self.menu)
        self._edit = QAction("Edit Details…", self)
        self._edit.triggered.connect(self._on_edit)
        self._first = QAction("Move to Start", self)
        self._first.triggered.connect(lambda: self.move_requested.emit(self._article_id, -MOVE_END))
        self._left = QAction("Move Left", self)
        self._left.triggered.connect(self._on_move_left)
        self._right = QAction("Move Right", self)
        self._right.triggered.connect(self._on_move_right)
        self._last = QAction("Move to End", self)
        self._last.triggered.connect(lambda: self.move_requested.emit(self._article_id, MOVE_END))
        self._remove = QAction("Remove from Comparison", self)
        self._remove.triggered.connect(self._on_remove)
        self.view = SentenceView(self)
        self.view.sentence_activated.connect(self._on_sentence_activated)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.overview = OverviewBar(self.view, self)

        self.header = _Header(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.outlet_label, 1)
        top.addWidget(self.menu_button)
        header = QVBoxLayout(self.header)
        header.setContentsMargins(8, 6, 8, 4)
        header.setSpacing(1)
        header.addLayout(top)
        header.addWidget(self.title_label)
        header.addWidget(self.date_label)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.view, 1)
        body.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)

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
        if article.language:
            details.insert(-1, language_name(article.language))
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
        return self.view.picked()

    def set_picked(self, index: int | None) -> None:
        """Mark sentence `index` as the one to link (None: no mark in this pane)."""
        self.view.set_picked(index)

    def set_position(self, index: int, count: int) -> None:
        """Enable the move actions that make sense at this position."""
        for action, enabled in (
            (self._first, index > 0),
            (self._left, index > 0),
            (self._right, index < count - 1),
            (self._last, index < count - 1),
        ):
            action.setEnabled(enabled)

    def set_actions_enabled(self, enabled: bool) -> None:
        for action in (self._edit, self._remove):
            action.setEnabled(enabled)

    def menu_actions(self) -> list[QAction]:
        return [self._edit, self._first, self._left, self._right, self._last, self._remove]

    def _on_menu_about_to_show(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self._edit)
        if self.menu_extension is not None:
            menu.addSeparator()
            self.menu_extension(menu, self._article_id)
        menu.addSeparator()
        menu.addActions([self._first, self._left, self._right, self._last])
        menu.addSeparator()
        menu.addAction(self._remove)

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

    def set_current(self, current: bool) -> None:
        if bool(self.property("current")) != current:
            self.setProperty("current", current)
            for widget in (self, self.outlet_label):  # the outlet's colour follows too
                widget.style().unpolish(widget)
                widget.style().polish(widget)

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

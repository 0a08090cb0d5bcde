"""The find bar under the panes (Ctrl+F): a text field, match options, next and previous, and
where the current match is ("2 of 3 — Meridian Wire")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """Typing searches forward; Enter / Shift+Enter repeat; Esc closes.

    Signals:
        find_requested(str, bool): find the next (True) or previous (False) match of the text.
        text_changed(str): the text or an option was edited: find it from the current match on.
        closed(): the bar was hidden by the user.
    """

    find_requested = Signal(str, bool)
    text_changed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in articles")
        self.edit.setAccessibleName("Find in articles")
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.returnPressed.connect(self.find_next)
        self.case = QCheckBox("Match c&ase", self)
        self.case.setToolTip("Only matches with the same capitals")
        self.words = QCheckBox("&Whole words", self)
        self.words.setToolTip("Only matches that are whole words")
        for box in (self.case, self.words):
            box.toggled.connect(lambda _on: self._on_text_edited(self.text()))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Find result")
        previous = QToolButton(self)
        previous.setText("▲")
        previous.setToolTip("Find previous (Shift+F3)")
        previous.setAccessibleName("Find previous")
        previous.clicked.connect(self.find_previous)
        following = QToolButton(self)
        following.setText("▼")
        following.setToolTip("Find next (F3)")
        following.setAccessibleName("Find next")
        following.clicked.connect(self.find_next)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close the find bar (Esc)")
        close.setAccessibleName("Close find bar")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        label = QLabel("F&ind:", self)
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.case)
        layout.addWidget(self.words)
        layout.addWidget(self.status, 1)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def text(self) -> str:
        return self.edit.text()

    def match_case(self) -> bool:
        return self.case.isChecked()

    def whole_words(self) -> bool:
        return self.words.isChecked()

    def set_status(self, text: str, found: bool) -> None:
        """Say where the current match is ("2 of 3 — Meridian Wire") or that there is none."""
        self.status.setText(text)
        self.status.setProperty("found", found)

    def find_next(self) -> None:
        if self.text():
            self.find_requested.emit(self.text(), True)

    def find_previous(self) -> None:
        if self.text():
            self.find_requested.emit(self.text(), False)

    def _on_text_edited(self, text: str) -> None:
        if text:
            self.text_changed.emit(text)
        else:
            self.status.clear()
            self.closed.emit()  # nothing to find: the marks go

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
            return
        super().keyPressEvent(event)

"""The one place the window shows errors: a message bar, dialogs, and the excepthook.

Errors a user can cause (a file that cannot be read, too few articles) arrive as
`ParallaxError`s and are shown in the non-modal `MessageBar` at the top of the window, or in a
message box when they answer an explicit action. Anything else is a bug: `install_excepthook`
logs it and shows a dialog instead of letting the application die.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop.gui.plain import plain_box

log = logging.getLogger(__name__)

INFO = "info"
WARNING = "warning"
ERROR = "error"

#: Set (to anything) to log unexpected errors without opening a modal dialog (tests, CI).
NO_DIALOG_ENV = "PARALLAX_NO_ERROR_DIALOG"

_SYMBOL = {INFO: "ℹ", WARNING: "⚠", ERROR: "✖"}


class MessageBar(QFrame):
    """A dismissable strip at the top of the window with one message and up to two actions.

    Signals:
        action_triggered(): the user pressed the action button shown with the message.
        second_action_triggered(): the user pressed the second one.
    """

    action_triggered = Signal()
    second_action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._kind = INFO
        self._icon = QLabel(self)
        self._icon.setAccessibleName("Message kind")
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._action = QPushButton(self)
        self._action.hide()
        self._action.clicked.connect(self._on_action_clicked)
        self._second = QPushButton(self)
        self._second.hide()
        self._second.clicked.connect(self.second_action_triggered)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Dismiss this message (Esc)")
        close.setAccessibleName("Dismiss message")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._action)
        layout.addWidget(self._second)
        layout.addWidget(close)
        self.hide()

    @property
    def kind(self) -> str:
        return self._kind

    def text(self) -> str:
        return self._text.text()

    def action_texts(self) -> list[str]:
        """The labels of the buttons shown with the message."""
        return [b.text() for b in (self._action, self._second) if not b.isHidden()]

    def show_message(
        self, text: str, kind: str = INFO, action: str | None = None, second: str | None = None
    ) -> None:
        """Show `text`, replacing any earlier message; `action` and `second` label optional
        buttons."""
        self._kind = kind
        self.setProperty("kind", kind)
        self._icon.setText(_SYMBOL.get(kind, ""))
        self._text.setText(text)
        self._action.setVisible(bool(action))
        self._action.setText(action or "")
        self._second.setVisible(bool(second))
        self._second.setText(second or "")
        # Re-polish so the style sheet picks up the new "kind" property.
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        log.info("message (%s): %s", kind, text)

    def _on_action_clicked(self) -> None:
        self.action_triggered.emit()


def show_error_box(parent: QWidget | None, title: str, text: str) -> None:
    """A modal box for errors that answer an explicit action (unless dialogs are disabled)."""
    log.warning("%s: %s", title, text)
    if os.environ.get(NO_DIALOG_ENV):
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    plain_box(box).exec()  # the text names files and quotes articles: never markup


_unexpected: list[BaseException] = []
"""Exceptions the hook caught, most recent last (tests look at this)."""


def unexpected_errors() -> list[BaseException]:
    return list(_unexpected)


def clear_unexpected_errors() -> None:
    _unexpected.clear()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    _unexpected.append(value)
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", details)
    if os.environ.get(NO_DIALOG_ENV) or QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Parallax: unexpected error", "")
    box.setText(
        "Something went wrong inside Parallax. Your open articles are kept; you can carry on, "
        "but please report this with the details below."
    )
    box.setInformativeText(f"{kind.__name__}: {value}")
    box.setDetailedText(details)
    plain_box(box).exec()  # the exception's message may quote an article


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the log and a dialog."""
    sys.excepthook = _excepthook

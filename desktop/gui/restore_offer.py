"""The non-modal offer, after a crash, to restore the autosaved workspace.

A modal dialog at start-up would stand between the user and the window for something they can
decide later; this strip sits above the panes with Restore and Discard until they choose (or
close it, which keeps the autosave for the next start).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

log = logging.getLogger(__name__)


class RestoreOffer(QFrame):
    """ "Parallax did not close properly last time…" with Restore / Discard.

    Signals:
        restore_requested(): the user wants the autosaved workspace back.
        discard_requested(): the user does not want it; it is deleted.
    """

    restore_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RestoreOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The message bar's warning look (resources/parallax.qss), kept with the widget.
        self.setStyleSheet(
            "#RestoreOffer { border: none; border-bottom: 1px solid palette(mid); "
            "border-left: 4px solid #E69F00; background: palette(alternate-base); }"
        )
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the name is an article's title
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.restore_button = QPushButton("&Restore", self)
        self.restore_button.setToolTip("Open the autosaved workspace, with its unsaved changes")
        self.discard_button = QPushButton("&Discard", self)
        self.discard_button.setToolTip("Delete the autosaved workspace")
        later = QToolButton(self)
        later.setText("✕")
        later.setAutoRaise(True)
        later.setToolTip("Decide later: the autosave is offered again at the next start")
        later.setAccessibleName("Decide later")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(QLabel("⚠", self))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        layout.addWidget(later)
        self.restore_button.clicked.connect(self._on_restore)
        self.discard_button.clicked.connect(self._on_discard)
        later.clicked.connect(self.hide)
        self.hide()

    def offer(self, name: str, when: str) -> None:
        what = f"“{name}”" if name else "a workspace"
        self.label.setText(
            f"Parallax did not close properly last time. Unsaved changes to {what} were "
            f"autosaved {when}. Restore them?"
        )
        self.show()
        log.info("offering to restore %s", name)

    def _on_restore(self) -> None:
        self.hide()
        self.restore_requested.emit()

    def _on_discard(self) -> None:
        self.hide()
        self.discard_requested.emit()

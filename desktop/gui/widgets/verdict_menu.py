"""The verdict menu and the note editor, shared by the claims table, the framing panel and a
sentence's context menu, so a verdict is set the same way wherever the user is.

`fill_verdict_menu` adds one checkable item per verdict (with the reports' marks, from
core/symbols.py), "No Verdict" and "Note…"; `NoteDialog` edits a note as plain text (what the
note is about is shown literally: it quotes article text).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.verdicts import DISPUTED, NEEDS_CHECKING, NOT_RELEVANT, VERDICTS, VERIFIED
from desktop.gui import style

#: Menu texts; each mnemonic is its own within the menu (and "No Verdict", "Note…").
VERDICT_TEXTS = {
    VERIFIED: "&Verified",
    DISPUTED: "&Disputed",
    NEEDS_CHECKING: "Needs &Checking",
    NOT_RELEVANT: "Not &Relevant",
}
NO_VERDICT_TEXT = "&No Verdict"
NOTE_TEXT = "N&ote…"
EDIT_NOTE_TEXT = "Edit N&ote…"


def fill_verdict_menu(
    menu: QMenu,
    verdict: str | None,
    note: str,
    choose: Callable[[str], None],
    edit_note: Callable[[], None],
) -> None:
    """Add the verdict items to `menu`: `verdict` is checked (None or "": none yet);
    `choose(verdict)` sets one ("" clears it) and `edit_note()` opens the note editor."""
    group = QActionGroup(menu)
    group.setExclusive(True)
    for key in VERDICTS:
        # The mark after the word: a "✔" in front would read as the menu's own check mark.
        action = menu.addAction(f"{VERDICT_TEXTS[key]}  {style.VERDICT_SYMBOLS[key]}")
        action.setObjectName(f"verdict_{key}")
        action.setCheckable(True)
        action.setChecked(verdict == key)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, k=key: choose(k))
    clear = menu.addAction(NO_VERDICT_TEXT)
    clear.setObjectName("verdict_none")
    clear.setEnabled(bool(verdict))
    clear.triggered.connect(lambda _checked=False: choose(""))
    menu.addSeparator()
    note_action = menu.addAction(EDIT_NOTE_TEXT if note.strip() else NOTE_TEXT)
    note_action.setObjectName("verdict_note")
    note_action.triggered.connect(lambda _checked=False: edit_note())


class NoteDialog(QDialog):
    """Edit one note: what it is about (plain text), then the note itself."""

    def __init__(self, about: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.setObjectName("NoteDialog")
        self.about_label = QLabel(about, self)
        self.about_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes article text
        self.about_label.setWordWrap(True)
        self.editor = QPlainTextEdit(note, self)
        self.editor.setAccessibleName("Note")
        self.editor.setPlaceholderText(
            "What you checked, with whom, and what to do next. Leave empty to remove the note."
        )
        self.editor.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def note(self) -> str:
        return self.editor.toPlainText().strip()

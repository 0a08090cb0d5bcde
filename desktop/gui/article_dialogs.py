"""The two small dialogs of the new ways in: the outlet of a pasted article, and a URL to open.

Each is a plain `QDialog` the `Ingest` controller shows through a replaceable function, so tests
answer it without a modal loop (as the workspace controller's dialogs are answered).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.web import is_url

PREVIEW_CHARS = 600


class PasteDialog(QDialog):
    """Asks which outlet a pasted article is from, showing the start of the text."""

    def __init__(self, text: str, outlet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste as article")
        self.outlet_edit = QLineEdit(outlet, self)
        self.outlet_edit.setPlaceholderText("e.g. Riverside Gazette")
        self.outlet_edit.setAccessibleName("Outlet")
        preview = QPlainTextEdit(self)
        preview.setReadOnly(True)
        preview.setPlainText(text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else ""))
        preview.setMaximumHeight(140)
        preview.setAccessibleName("Pasted text")
        form = QFormLayout()
        form.addRow("&Outlet:", self.outlet_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Which outlet published this text?", self))
        layout.addLayout(form)
        layout.addWidget(preview)
        note = QLabel("The text is kept in the workspace; no file is needed.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.outlet_edit.selectAll()

    def outlet(self) -> str:
        return self.outlet_edit.text().strip()


class UrlDialog(QDialog):
    """Asks for the address of a page to fetch; OK only for an http(s) address."""

    def __init__(self, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open URL")
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setPlaceholderText("https://…")
        self.url_edit.setAccessibleName("Address")
        self.url_edit.setMinimumWidth(420)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            "Parallax fetches this page once, now, and keeps its text in the workspace. It "
            "never uses the network otherwise.",
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Address:", self.url_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.url_edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed(url)

    def url(self) -> str:
        return self.url_edit.text().strip()

    def _on_text_changed(self, text: str) -> None:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        button.setEnabled(is_url(text))

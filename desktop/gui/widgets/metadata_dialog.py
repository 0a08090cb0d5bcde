"""A small dialog to correct an article's outlet, title, date and author."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from desktop.core.article import Article

FIELDS = (("outlet", "&Outlet"), ("title", "&Title"), ("published", "&Date"), ("author", "&Author"))


class MetadataDialog(QDialog):
    """Edits go back as keyword arguments for `Article.with_metadata`."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Article details: {article.label}")
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, label in FIELDS:
            edit = QLineEdit(str(getattr(article, name)), self)
            edit.setMinimumWidth(360)
            edit.setAccessibleName(label.replace("&", ""))
            if name == "published":
                edit.setPlaceholderText("YYYY-MM-DD")
            self.edits[name] = edit
            form.addRow(label, edit)
        form.addRow("Source", QLineEdit(article.source, self, readOnly=True))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._original = article

    def changes(self) -> dict[str, str]:
        """The fields the user changed, stripped."""
        out = {}
        for name, edit in self.edits.items():
            value = edit.text().strip()
            if value != getattr(self._original, name):
                out[name] = value
        return out

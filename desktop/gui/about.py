"""Help ▸ About: what Parallax is, which version is running, and whose work it stands on.

The bundle ships Qt and the other libraries inside it, so their licences must be stated where a
user can find them; this dialog is that place (LICENSE and the README say the same). Everything is
plain text (`Qt.TextFormat.PlainText`), so no name or version can be read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop import __version__
from desktop.resources import resource_path

NAME = "Parallax"
DESCRIPTION = "Compare how news outlets cover the same event, sentence by sentence."
LICENCE = "MIT"
COPYRIGHT = "Copyright © The Parallax developers"

#: (what, licence, what Parallax uses it for); the same list as the README's "Licence" section.
CREDITS: tuple[tuple[str, str, str], ...] = (
    ("PySide6 / Qt", "LGPL-3.0", "the window, PDF reports"),
    ("rapidfuzz", "MIT", "fuzzy sentence scoring, word diffs"),
    ("pysbd", "MIT", "sentence boundaries"),
    ("trafilatura", "Apache-2.0", "reading saved web pages"),
    ("NumPy", "BSD-3-Clause", "score matrices"),
    ("SciPy", "BSD-3-Clause", "one-to-one assignment"),
    ("Okabe–Ito palette", "M. Okabe and K. Ito, 2008", "colour-blind-safe colours"),
)


def credits_text() -> str:
    """The credits as aligned plain-text lines."""
    width = max(len(name) for name, _, _ in CREDITS)
    lic_width = max(len(lic) for _, lic, _ in CREDITS)
    return "\n".join(f"{name:<{width}}  {lic:<{lic_width}}  {use}" for name, lic, use in CREDITS)


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    """A modal dialog with name, version, description, licence and credits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {NAME}")

        icon_label = QLabel(self)
        icon_path = resource_path("icons", "parallax.svg")
        if icon_path.exists():
            icon_label.setPixmap(QIcon(str(icon_path)).pixmap(64, 64))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        title = _plain_label(f"{NAME} {__version__}", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.title_label = title

        description = _plain_label(DESCRIPTION, self)
        description.setWordWrap(True)
        licence = _plain_label(f"{COPYRIGHT}. Licensed under the {LICENCE} licence.", self)
        licence.setWordWrap(True)
        runtime = _plain_label(f"Running on Qt {qVersion()}.", self)

        credits_heading = _plain_label("Built with:", self)
        credits = _plain_label(credits_text(), self)
        mono = credits.font()
        mono.setFamily("monospace")
        mono.setStyleHint(mono.StyleHint.TypeWriter)
        credits.setFont(mono)
        credits.setAccessibleName("Credits")
        self.credits_label = credits

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        text = QVBoxLayout()
        for widget in (title, description, licence, runtime, credits_heading, credits):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon_label)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)

    def all_text(self) -> str:
        """Every label's text, for tests and for copying into a bug report."""
        return "\n".join(label.text() for label in self.findChildren(QLabel) if label.text())

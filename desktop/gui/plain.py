"""Text from articles shown as text, never as markup, in tooltips and message boxes.

Qt guesses whether a tooltip or a message box's text is rich text (`Qt.mightBeRichText`), and
article data is anything a page or a file says: an outlet `One <img src="x.png"> News` would be
rendered, the image file opened (a FIFO there froze the window), and `<b>` made bold. Labels set
`Qt.PlainText`; tooltips cannot, so every tooltip that can hold article data (sentences,
outlets, titles, file names) goes through `tooltip()`, which escapes it and marks it as rich
text that keeps its line breaks. `plain_box()` makes a message box show its texts literally.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def tooltip(text: str | None) -> str:
    """`text` as a tooltip that shows every character as typed ("" stays "": no tooltip)."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def plain_box(box: QMessageBox) -> QMessageBox:
    """Show the box's text and informative text as plain text (call after setting them)."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        # The informative text has its own label, which setTextFormat does not reach.
        if label.objectName() == "qt_msgbox_informativelabel":
            label.setTextFormat(Qt.TextFormat.PlainText)
    return box

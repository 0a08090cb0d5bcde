"""The About dialog names the version and credits every bundled library with its licence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.gui.about import CREDITS, AboutDialog


def test_about_shows_version_licence_and_credits(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.all_text()
    assert f"Parallax {__version__}" in text
    assert "MIT" in text
    for name in ("PySide6", "Qt", "rapidfuzz", "pysbd", "trafilatura", "NumPy", "SciPy"):
        assert name in text, name
    assert "Okabe" in text
    for licence in ("LGPL-3.0", "Apache-2.0", "BSD-3-Clause"):
        assert licence in text, licence
    assert len(CREDITS) == 7


def test_about_labels_are_plain_text(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if label.text()]
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


# The offscreen platform says so when any top-level window is shown; it is not about the dialog.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_about_closes(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

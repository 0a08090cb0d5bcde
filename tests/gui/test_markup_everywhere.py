"""Article text is never markup anywhere in the window (reliability review H5).

Qt renders a tooltip or a message box as rich text when its text looks like HTML, and then
loads `<img src>` files (a FIFO there froze the window). This walks every tooltip the window can
show — each `ToolTipRole` of every model behind every view, header and combo box, every widget's
and action's tooltip, every label — plus the unsaved-changes dialog and the excepthook dialog,
and checks that text from the articles (outlet, title, a sentence, the file name) reads exactly
as written.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui import errors
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import open_window, shown

IMG = '<img src="hostile.png">'
HOSTILE = f"<b>x</b> {IMG}"


def hostile_pair(folder: Path) -> list[Path]:
    """Two articles whose outlet, title and a shared sentence carry HOSTILE, and whose file
    name carries IMG (a file name cannot hold the "/" of "</b>")."""
    paths = []
    for name in ("one", "two"):
        path = folder / f"{name} {IMG}.md"
        path.write_text(
            f"---\noutlet: {name.title()} {HOSTILE} News\ntitle: Title {HOSTILE} {name}\n---\n"
            f"The bridge will reopen on Saturday {HOSTILE} after two years of repairs.\n\n"
            f"Officials in {name} said the toll would stay at two dollars for cars.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _indexes(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[QModelIndex]:
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and model.rowCount(index) > 0:
                yield from _indexes(model, index)


def model_tooltips(model: QAbstractItemModel) -> Iterator[tuple[str, str]]:
    tip = Qt.ItemDataRole.ToolTipRole
    for index in _indexes(model, QModelIndex()):
        value = model.data(index, tip)
        if value:
            yield f"{type(model).__name__} cell {index.row()},{index.column()}", str(value)
    for orientation, count in (
        (Qt.Orientation.Horizontal, model.columnCount()),
        (Qt.Orientation.Vertical, model.rowCount()),
    ):
        for section in range(count):
            value = model.headerData(section, orientation, tip)
            if value:
                yield f"{type(model).__name__} header {section}", str(value)


def window_texts(window: MainWindow) -> Iterator[tuple[str, str, Qt.TextFormat]]:
    """(where, text, format) of every tooltip and label the window can show."""
    auto = Qt.TextFormat.AutoText
    models: list[QAbstractItemModel] = []
    for view in window.findChildren(QAbstractItemView):
        models.append(view.model())
    for combo in window.findChildren(QComboBox):
        models.append(combo.model())
    for model in {id(m): m for m in models if m is not None}.values():
        for where, text in model_tooltips(model):
            yield where, text, auto
        source = getattr(model, "sourceModel", lambda: None)()
        if source is not None:
            for where, text in model_tooltips(source):
                yield where, text, auto
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.toolTip():
            yield f"{type(widget).__name__} {widget.objectName()} tooltip", widget.toolTip(), auto
        if isinstance(widget, QLabel) and widget.text():
            yield f"QLabel {widget.objectName()}", widget.text(), widget.textFormat()
    window.recent_menu.aboutToShow.emit()  # Open Recent is filled just before it shows
    for action in window.findChildren(QAction):
        if action.toolTip():
            yield f"action {action.text()!r} tooltip", action.toolTip(), auto


def test_every_tooltip_and_label_shows_article_text_literally(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, settings, hostile_pair(tmp_path))
    window.claims.table.selectRow(0)  # fills the framing panel's claim cues
    qtbot.wait(50)
    hits: list[str] = []
    for where, text, fmt in window_texts(window):
        reads = shown(text, fmt)
        if "hostile" in text or "hostile" in reads:
            assert IMG in reads, f"{where}: {text!r} reads as {reads!r}"
            if "x</b>" in text or "x&lt;/b&gt;" in text:
                assert HOSTILE in reads, f"{where}: {text!r} reads as {reads!r}"
            hits.append(where)
    # The places the review found rendering markup are all among those checked.
    joined = "\n".join(hits)
    for place in ("ClaimsModel cell", "ClaimsModel header", "ElidedLabel", "ClaimCuesModel"):
        assert place in joined, f"no article text found in {place}: {joined}"
    assert "StatusOutlets tooltip" in joined and "action" in joined


def _captured_box(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []

    def capture(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", capture)
    return boxes


def _box_texts(box: QMessageBox) -> list[str]:
    return [shown(label.text(), label.textFormat()) for label in box.findChildren(QLabel)]


def test_the_unsaved_changes_dialog_shows_the_name_literally(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, settings, hostile_pair(tmp_path))
    monkeypatch.delenv(errors.NO_DIALOG_ENV)
    boxes = _captured_box(monkeypatch)
    window.workspace._ask_unsaved_dialog(window.workspace.name)
    assert HOSTILE in window.workspace.name
    assert any(HOSTILE in text for text in _box_texts(boxes[0]))


def test_the_unexpected_error_dialog_shows_the_message_literally(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(errors.NO_DIALOG_ENV)
    boxes = _captured_box(monkeypatch)
    try:
        raise ValueError(f"bad sentence {HOSTILE}")
    except ValueError:
        errors._excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert any(HOSTILE in text for text in _box_texts(boxes[0]))


def test_error_boxes_show_file_names_literally(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(errors.NO_DIALOG_ENV)
    boxes = _captured_box(monkeypatch)
    errors.show_error_box(None, "Not saved", f"{HOSTILE}.parallax: permission denied")
    assert any(HOSTILE in text for text in _box_texts(boxes[0]))

"""Understanding what the window shows: sentence tooltips, what highlights are relative to,
light tints with strong changed words, the help page, the shortcuts sheet, and no shortcut or
mnemonic used twice."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QHelpEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from desktop.core.comparison import REWORDED, SentenceRef
from desktop.gui import style
from desktop.gui.help import HowItWorksDialog, ShortcutsDialog
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import (
    open_window,
    pane_by_outlet,
    sentence_index,
    shown_comparison,
    write_markup_pair,
)

PUTIN_CALL = "After the summit, Trump phoned Russian President Vladimir Putin."


def test_every_sentence_has_a_tooltip(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    for pane in window.strip.panes():
        for index in range(pane.view.sentence_count()):
            tip = pane.view.tooltip_for(index)  # type: ignore[misc]
            assert tip.startswith("<p"), (pane.article_id, index)
            assert f"sentence {index + 1}" in tip
            claim = comparison.claim_of(SentenceRef(pane.article_id, index))
            assert f"claim {claim.id}" in tip


def test_a_reworded_sentence_says_against_whom_with_score(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    pane = pane_by_outlet(window, "The Briefing Desk")
    index = sentence_index(pane.view, PUTIN_CALL)
    ref = SentenceRef(pane.article_id, index)
    tip = pane.view.tooltip_for(index)  # type: ignore[misc]
    for link in comparison.links_of(ref):
        other = comparison.article(link.other(ref).article).label
        assert f"• {other}: " in tip and f"score {link.score:.0f}" in tip
    assert "Highlighted words differ from" in tip or "Nothing is highlighted" in tip
    assert "(its counterpart in the nearest pane)" in tip
    # With a sentence of its claim selected, the highlights are against the selection.
    kyiv = pane_by_outlet(window, "Kyiv Courier")
    member = comparison.claim_of(ref).member_in(kyiv.article_id)
    assert member is not None
    window.strip.select(member)
    tip = pane.view.tooltip_for(index)  # type: ignore[misc]
    assert "Kyiv Courier's sentence" in tip and "(the selected sentence)" in tip
    assert "differ from the selected sentence (Kyiv Courier)" in (
        window.legend_bar.relative.full_text()
    )


@pytest.mark.qt_log_ignore("does not support raise", "does not support propagateSizeHints")
def test_the_tooltip_event_shows_it(window: MainWindow, qtbot: QtBot) -> None:
    pane = pane_by_outlet(window, "Politico")
    view = pane.view
    index = sentence_index(view, PUTIN_CALL)
    view.ensure_visible(index)
    start, _end = view.sentence_range(index)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + 3)
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.isVisible()
    assert "Politico · sentence" in QToolTip.text()
    QToolTip.hideText()
    # Far below the text: no sentence, no tooltip.
    below = QPoint(5, view.viewport().height() - 1)
    view.verticalScrollBar().setValue(0)
    if view.index_at_y(below.y()) is not None and view.extents()[-1][1] > below.y():
        return  # the text fills the pane; nothing below it to test
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, below, below))


def test_tooltips_show_article_text_literally(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    evil = "Officials said <img src=http://example.invalid/x.png> was <b>not</b> a threat."
    window = open_window(qtbot, settings, write_markup_pair(tmp_path, evil))
    pane = window.strip.panes()[1]
    tip = pane.view.tooltip_for(0)  # type: ignore[misc]
    assert "<b>not</b>" not in tip and "&lt;b&gt;not&lt;/b&gt;" in tip
    assert "<img" not in tip and "One &lt;i&gt;News&lt;/i&gt;" in tip


def test_light_tints_and_strong_changed_words() -> None:
    palette = QApplication.palette()
    light = style.sentence_format(REWORDED, palette)
    strong = style.sentence_format(REWORDED, palette, changed=True)
    base = palette.color(palette.ColorRole.Base)

    def distance(fmt: QTextCharFormat) -> int:
        c = fmt.background().color()
        return (
            abs(c.red() - base.red()) + abs(c.green() - base.green()) + abs(c.blue() - base.blue())
        )

    assert distance(strong) > 2 * distance(light)
    assert light.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert strong.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine


def test_how_parallax_compares_is_offline_and_plain(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["how_it_works"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, HowItWorksDialog)
    text = dialog.text()
    for topic in (
        "Sentences and claims",
        "What the colours and marks mean",
        "Scores, the threshold and the scorers",
        "Framing",
        "What Parallax cannot see",
        "buried",
        "blind spot",
        "named source",
        "base outlet",
    ):
        assert topic in text, topic
    dialog.browser.grab()
    assert dialog.browser.resource_requests == []
    dialog.close()


def test_terms_are_explained_where_they_appear(window: MainWindow) -> None:
    model = window.claims.model
    tips = {
        str(model.headerData(c, Qt.Orientation.Horizontal)): str(
            model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        )
        for c in range(model.columnCount())
    }
    assert "lower half" in tips["Buried in"] and "led with it" in tips["Buried in"]
    assert "unnamed source" in tips["Attribution"] and "own voice" in tips["Attribution"]
    assert "¶ paragraph, s sentence" in tips["Politico"]
    panel = window.framing_dock.panel
    items = {i.text(0).split(" (")[0]: i.toolTip(0) for i in panel.profile_items()}
    assert "at least half of the other outlets" in items["Blind spots"]
    sources = next(i for i in panel.profile_items() if i.text(0).startswith("Sources:"))
    assert "outlet 0" not in sources.text(0) and "other outlets" in sources.text(0)
    assert window.claims.table.whatsThis()
    assert window.framing_dock.whatsThis()


def test_the_shortcuts_sheet_is_a_table_without_key_names(window: MainWindow) -> None:
    window.actions_by_name["shortcuts"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, ShortcutsDialog)
    rows = dialog.rows()
    assert dialog.table.columnCount() == 2
    keys = {name: key for name, key in rows}
    assert keys["Open"] == QKeySequence("Ctrl+O").toString(QKeySequence.SequenceFormat.NativeText)
    assert keys["Next Conflict"] == "Alt+C"
    assert keys["Undo"] and keys["Redo"]
    for name, key in rows:
        for part in filter(None, (p.strip() for p in key.split(","))):
            # Every shortcut is keys a person presses, never a media-key name like "Open".
            assert part in ("Up", "Down", "Home", "End", "Tab", "Esc") or re.search(
                r"\+|^F\d+$|click|drag", part
            ), (name, key)
    groups = [name for name, key in rows if not key]
    assert groups[:5] == ["File", "Edit", "View", "Go", "Help"] and "In a pane" in groups
    dialog.close()


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).upper() if match else None


def test_no_shortcut_or_mnemonic_is_used_twice(window: MainWindow) -> None:
    window_keys: dict[str, list[str]] = defaultdict(list)
    for top in window.menuBar().actions():
        key = _mnemonic(top.text())
        if key:
            window_keys[f"Alt+{key}"].append(f"menu {top.text()}")
    for label in window.findChildren(QLabel):
        key = _mnemonic(label.text()) if label.buddy() is not None else None
        if key:
            window_keys[f"Alt+{key}"].append(f"label {label.text()}")
    for button in window.findChildren(QAbstractButton):
        shortcut = button.shortcut().toString()
        if shortcut:
            window_keys[shortcut].append(f"button {button.text()}")
    seen_actions: set[int] = set()
    for action in window.findChildren(QAction):
        if id(action) in seen_actions:
            continue
        seen_actions.add(id(action))
        for sequence in action.shortcuts():
            window_keys[sequence.toString()].append(f"action {action.text()}")
    clashes = {key: users for key, users in window_keys.items() if len(users) > 1}
    assert clashes == {}
    # Inside each menu, every item's mnemonic is its own.
    for menu in window.findChildren(QMenu):
        menu.aboutToShow.emit()  # dynamic menus fill themselves
        letters: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            key = _mnemonic(action.text())
            if key:
                letters[key].append(action.text())
        assert {k: v for k, v in letters.items() if len(v) > 1} == {}, menu.title()

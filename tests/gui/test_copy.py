"""Edit ▸ Copy: a sentence with its counterparts, claims table rows, and text fields' own Ctrl+C."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.comparison import Comparison, SentenceRef
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claims import COL_ID
from desktop.gui.settings import Settings

from .helpers import open_window, pane_by_outlet, shown_comparison, write_markup_pair

CTRL = Qt.KeyboardModifier.ControlModifier


def _place(comparison: Comparison, ref: SentenceRef) -> str:
    sentence = comparison.sentence(ref)
    return f"{comparison.article(ref.article).label} ¶{sentence.block + 1} s{sentence.index + 1}"


def _clipboard() -> tuple[str, str]:
    mime = QApplication.clipboard().mimeData()
    return mime.text(), mime.html()


def test_ctrl_c_on_a_linked_sentence_copies_it_with_its_counterparts(
    qtbot: QtBot, window: MainWindow
) -> None:
    comparison = shown_comparison(window)
    politico = pane_by_outlet(window, "Politico").article_id
    post = pane_by_outlet(window, "The Washington Post").article_id
    link = next(lk for lk in comparison.links if {lk.a.article, lk.b.article} == {politico, post})
    ours = link.a if link.a.article == politico else link.b
    theirs = link.other(ours)
    QApplication.clipboard().setText("before")
    window.strip.select(ours)
    view = window.strip.pane(politico).view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    text, markup = _clipboard()
    lines = text.splitlines()
    assert lines[0] == f"{_place(comparison, ours)}: {comparison.sentence(ours).text}"
    relation = "same words" if link.relation == "identical" else link.relation
    expected = (
        f"↔ {_place(comparison, theirs)} ({relation}, {link.score:.0f}): "
        f"{comparison.sentence(theirs).text}"
    )
    assert expected in lines
    claim = comparison.claim_of(ours)
    assert len(lines) == len(claim.members)
    assert lines[1] == expected  # the Post's pane is next to Politico's: it comes first
    assert "<b>Politico ¶" in markup
    assert html.escape(comparison.sentence(theirs).text, quote=False) in markup


def test_a_sentence_with_markup_is_escaped_in_the_html(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    hostile = 'Officials said <b>nothing</b> about <img src="x.png"> the bridge & its loans.'
    window = open_window(qtbot, settings, write_markup_pair(tmp_path, hostile))
    comparison = shown_comparison(window)
    first = comparison.articles[0].id
    window.strip.select(SentenceRef(first, 0))
    window.actions_by_name["copy"].trigger()
    text, markup = _clipboard()
    assert text.startswith(f"One <i>News</i> ¶1 s1: {hostile}")  # plain text as written
    assert "<img" not in markup and "<b>nothing" not in markup and "<i>News" not in markup
    assert '&lt;img src="x.png"&gt;' in markup and "&amp; its loans" in markup


def test_ctrl_c_in_the_claims_table_copies_the_selected_rows_tab_separated(
    qtbot: QtBot, window: MainWindow
) -> None:
    claims = window.claims
    table = claims.table
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(claims.proxy.index(0, COL_ID), flags)
    selection.select(claims.proxy.index(2, COL_ID), flags)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    text, markup = _clipboard()
    rows = [line.split("\t") for line in text.splitlines()]
    outlets = claims.outlet_columns()
    assert rows[0] == ["#", "Claim", *outlets]
    assert len(rows) == 3
    for line, proxy_row in zip(rows[1:], (0, 2), strict=True):
        claim = claims.proxy.index(proxy_row, COL_ID).data()
        assert line[0] == str(claim)
        claim_text = claims.proxy.index(proxy_row, claims.model.col_claim).data()
        assert line[1] == " ".join(claim_text.split())
        assert len(line) == 2 + len(outlets)
        assert line[2].split()[0] in ("●", "◐", "⚠", "◆", "—")
    assert markup.count("<tr>") == 3 and "<th>Claim</th>" in markup


def test_ctrl_c_in_text_fields_copies_their_own_text(qtbot: QtBot, window: MainWindow) -> None:
    window.strip.select(window.session.comparison.claims[0].members[0])  # type: ignore[union-attr]
    field = window.claims.filter_edit
    field.setFocus()
    qtbot.keyClicks(field, "troops")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)
    assert _clipboard()[0] == "troops"
    window.actions_by_name["find"].trigger()
    edit = window.find_bar.edit
    qtbot.keyClicks(edit, "billion")
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_C, CTRL)
    assert _clipboard()[0] == "billion"
    # Edit ▸ Copy from the menu while a field has focus copies the field's selection too.
    window.actions_by_name["copy"].trigger()
    assert _clipboard()[0] == "billion"


def test_a_text_selection_inside_a_pane_copies_just_that_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.strip.panes()[0].view
    window.strip.select(SentenceRef(window.strip.panes()[0].article_id, 1))
    cursor = QTextCursor(view.document())
    start = view.sentence_range(1)[0]
    cursor.setPosition(start)
    cursor.setPosition(start + 12, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    assert _clipboard()[0] == view.document().toPlainText()[start : start + 12]


def test_the_sentence_menu_copies_too_and_nothing_selected_says_so(window: MainWindow) -> None:
    comparison = shown_comparison(window)
    pane = window.strip.panes()[1]
    view = pane.view
    start = view.sentence_range(2)[0]
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + 1)
    menu = view.context_menu(view.cursorRect(cursor).center())
    action = next(a for a in menu.actions() if a.objectName() == "copy_sentence")
    action.trigger()
    menu.deleteLater()
    ref = SentenceRef(pane.article_id, 2)
    assert _clipboard()[0].startswith(f"{_place(comparison, ref)}: ")
    window.strip.select(None)
    window.claims.table.clearSelection()
    QApplication.clipboard().setText("kept")
    window.strip.panes()[0].view.setFocus()
    window.actions_by_name["copy"].trigger()
    assert _clipboard()[0] == "kept"
    assert window.statusBar().currentMessage() == "Nothing selected to copy"

"""Edit ▸ Copy (Ctrl+C): what is selected, as text a journalist can paste into notes or a sheet.

A sentence in a pane is copied with its outlet and place and, when it is in a claim with other
outlets, with each counterpart and how it relates ("Politico ¶1 s2: …" then
"↔ The Washington Post ¶1 s2 (reworded, 72): …"); rows of the claims table are copied as
tab-separated text (number, claim, one cell per outlet column shown), ready for a spreadsheet.
Both go on the clipboard as plain text and as simple HTML; article text is never markup
(gui/plain.py), so every piece of it is escaped.

Text fields keep their own Ctrl+C: a line edit takes the key before the window's shortcut does
(Qt's shortcut override), and a text selection dragged inside a pane copies just that text.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QMenu, QTextEdit

from desktop.core.comparison import IDENTICAL, Comparison, SentenceRef
from desktop.gui.models.claims import COL_ID

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow
    from desktop.gui.widgets.claims_panel import ClaimsPanel

log = logging.getLogger(__name__)

ARROW = "↔"


def _place(comparison: Comparison, ref: SentenceRef) -> str:
    """ "Politico ¶1 s2": outlet, paragraph and sentence number (1-based, as in the window)."""
    sentence = comparison.sentence(ref)
    label = comparison.article(ref.article).label
    return f"{label} ¶{sentence.block + 1} s{sentence.index + 1}"


def _flat(text: str) -> str:
    """One line, no tabs: a cell or a line of the copied text."""
    return " ".join(text.split())


def sentence_lines(
    comparison: Comparison, ref: SentenceRef, order: Sequence[str] = ()
) -> list[tuple[str, str, str]]:
    """(prefix, place and relation, text) for `ref` and then each other member of its claim,
    in `order` (article ids; the comparison's order for the rest)."""
    claim = comparison.claim_of(ref)
    rank = {a: i for i, a in enumerate(order)}
    ids = [a.id for a in comparison.articles]
    others = sorted(
        (m for m in claim.members if m != ref),
        key=lambda m: (rank.get(m.article, len(rank)), ids.index(m.article)),
    )
    lines = [("", _place(comparison, ref), _flat(comparison.sentence(ref).text))]
    for member in others:
        link = comparison.link_between(ref, member)
        if link is None:
            how = "same claim, through other outlets"
        else:
            relation = "same words" if link.relation == IDENTICAL else link.relation
            how = f"{relation}, {link.score:.0f}" + (", linked by hand" if link.manual else "")
        place = f"{_place(comparison, member)} ({how})"
        lines.append((ARROW, place, _flat(comparison.sentence(member).text)))
    return lines


def sentence_text(lines: list[tuple[str, str, str]]) -> str:
    return "\n".join(f"{p + ' ' if p else ''}{place}: {text}" for p, place, text in lines) + "\n"


def sentence_html(lines: list[tuple[str, str, str]]) -> str:
    paragraphs = [
        f"<p>{_esc(p + ' ' if p else '')}<b>{_esc(place)}:</b> {_esc(text)}</p>"
        for p, place, text in lines
    ]
    return "<meta charset='utf-8'>" + "".join(paragraphs)


def table_rows(panel: ClaimsPanel) -> list[list[str]]:
    """The selected rows of the claims table, in the table's order, after a header row:
    number, claim text and the cell of each outlet column shown (as displayed)."""
    model = panel.table.model()
    header = panel.table.horizontalHeader()
    source = panel.model
    columns = [COL_ID, source.col_claim]
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if source.article_id_of_column(logical) is not None and not header.isSectionHidden(logical):
            columns.append(logical)
    selected = sorted(i.row() for i in panel.table.selectionModel().selectedRows(COL_ID))
    if not selected:
        return []
    names = [str(model.headerData(c, header.orientation()) or "") for c in columns]
    rows = [[_flat(n) for n in names]]
    for row in selected:
        rows.append([_flat(str(model.index(row, c, QModelIndex()).data() or "")) for c in columns])
    return rows


def rows_text(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def rows_html(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows[1:]
    )
    return f"<meta charset='utf-8'><table><tr>{head}</tr>{body}</table>"


def put_on_clipboard(text: str, markup: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    mime.setHtml(markup)
    QApplication.clipboard().setMimeData(mime)


class Copier(QObject):
    """Edit ▸ Copy and the sentence menu's "Copy Sentence with Counterparts"."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.action = QAction("&Copy", window)
        self.action.setObjectName("action_copy")
        self.action.setShortcuts(QKeySequence.StandardKey.Copy)
        shown = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = "Copy the selected sentence with its counterparts, or the selected claims' rows"
        self.action.setToolTip(f"{tip} ({shown})")
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.copy)
        window.addAction(self.action)
        window.actions_by_name["copy"] = self.action
        window.strip.sentence_menu_extensions.append(self._extend_sentence_menu)
        edit = window.menus["edit"]
        edit.insertAction(window.actions_by_name["paste_article"], self.action)

    def copy(self) -> None:
        """Copy what has focus or is selected: a text field's or pane's text selection, the
        claims table's selected rows, or the selected sentence."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit):
            focus.copy()
            return
        if isinstance(focus, QAbstractSpinBox):
            edit = focus.findChild(QLineEdit)
            if edit is not None:
                edit.copy()
            return
        if isinstance(focus, QTextEdit) and focus.textCursor().hasSelection():
            focus.copy()
            return
        claims = self._window.claims
        in_table = focus is not None and (focus is claims or claims.isAncestorOf(focus))
        if in_table and self.copy_rows():
            return
        selected = self._window.strip.selected()
        if selected is not None and self.copy_sentence(selected):
            return
        if self.copy_rows():
            return
        self._window.statusBar().showMessage("Nothing selected to copy", 3000)

    def copy_sentence(self, ref: SentenceRef) -> bool:
        comparison = self._window.session.comparison
        if comparison is None or ref.article not in {a.id for a in comparison.articles}:
            return False
        order = [p.article_id for p in self._window.strip.panes()]
        lines = sentence_lines(comparison, ref, order)
        put_on_clipboard(sentence_text(lines), sentence_html(lines))
        others = len(lines) - 1
        said = f" and {others} counterpart{'s' if others != 1 else ''}" if others else ""
        self._window.statusBar().showMessage(f"Copied {lines[0][1]}{said}", 3000)
        return True

    def copy_rows(self) -> bool:
        rows = table_rows(self._window.claims)
        if not rows:
            return False
        put_on_clipboard(rows_text(rows), rows_html(rows))
        count = len(rows) - 1
        self._window.statusBar().showMessage(
            f"Copied {count} claim{'s' if count != 1 else ''} as tab-separated rows", 3000
        )
        return True

    def _extend_sentence_menu(self, menu: QMenu, ref: SentenceRef) -> None:
        action = menu.addAction("Copy Sentence with Count&erparts")
        action.setObjectName("copy_sentence")
        action.triggered.connect(lambda: self.copy_sentence(ref))

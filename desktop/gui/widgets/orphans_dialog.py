"""Verdicts that no longer attach: listed with what they were given on, and deletable.

A verdict is never dropped silently when its claim falls apart (a new threshold, an unlink, an
article removed): it becomes an orphan, kept in the workspace and listed in the reports under
the same heading as here, until the user deletes it or the claim comes back (undo, the old
threshold). Each delete is one undoable step (the window's History).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.verdicts import ClaimVerdict, LinkVerdict, Orphan
from desktop.export.report import orphan_reason
from desktop.gui import style
from desktop.gui.plain import tooltip

TITLE = "Verdicts that no longer attach"
ORPHAN_ROLE = Qt.ItemDataRole.UserRole + 1


class OrphansDialog(QDialog):
    """The orphaned verdicts of the open set, with Delete and Delete All.

    Signals:
        delete_requested(list): forget these verdicts (`ClaimVerdict`s and `LinkVerdict`s).
        delete_all_requested(): forget every verdict listed.
    """

    delete_requested = Signal(list)
    delete_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("OrphansDialog")
        intro = QLabel(
            "After the alignment changed, these verdicts and notes no longer sit on any claim "
            "or link. They stay in the workspace and the reports until you delete them; they "
            "come back by themselves if the claim does (Undo, or the earlier threshold).",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Verdict", "On", "Text it was given on", "Note", "Why"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName(TITLE)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.delete_button = self.buttons.addButton(
            "&Delete", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.delete_all_button = self.buttons.addButton(
            "Delete &All", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.delete_button.clicked.connect(self._on_delete)
        self.delete_all_button.clicked.connect(self.delete_all_requested)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 360)

    def set_orphans(self, orphans: tuple[Orphan, ...]) -> None:
        self.tree.clear()
        for orphan in orphans:
            entry = orphan.verdict
            on = "Claim" if isinstance(entry, ClaimVerdict) else "Link"
            texts = [style.verdict_mark(entry.verdict), on, entry.text, entry.note]
            texts.append(orphan_reason(orphan))
            item = QTreeWidgetItem(texts)
            for column, text in enumerate(texts):
                item.setToolTip(column, tooltip(text))
            item.setData(0, ORPHAN_ROLE, entry)
            self.tree.addTopLevelItem(item)
        for column, width in enumerate((110, 50, 300, 180)):
            self.tree.setColumnWidth(column, width)
        self.setWindowTitle(f"{TITLE} ({len(orphans)})")
        self._update_buttons()

    def entries(self) -> list[ClaimVerdict | LinkVerdict]:
        items = (self.tree.topLevelItem(i) for i in range(self.count()))
        return [item.data(0, ORPHAN_ROLE) for item in items if item is not None]

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.tree.selectedItems()))
        self.delete_all_button.setEnabled(self.count() > 0)

    def _on_delete(self) -> None:
        chosen = [item.data(0, ORPHAN_ROLE) for item in self.tree.selectedItems()]
        if chosen:
            self.delete_requested.emit(chosen)  # the list refills as they go

"""The claims table with its text filter, coverage filter and framing filters, below the panes."""

from __future__ import annotations

from collections.abc import Sequence, Set

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import Comparison
from desktop.gui.models.claims import (
    CLAIM_ROLE,
    COL_ATTRIBUTION,
    COL_BURIED,
    COL_CONFLICTS,
    COL_FIRST_OUTLET,
    COL_HEDGED,
    COL_ID,
    COL_RELATION,
    FILTER_ALL,
    FILTER_OMITTED_BY,
    FILTER_ONLY_ONE,
    FILTER_SHARED_BY_ALL,
    FLAG_ANONYMOUS,
    FLAG_CONFLICTS,
    FLAG_HEDGED,
    REF_ROLE,
    ClaimsFilterProxy,
    ClaimsModel,
)
from desktop.gui.plain import tooltip

#: Framing filter buttons: flag, text, tooltip.
FLAG_BUTTONS = (
    (FLAG_CONFLICTS, "⚠ Conflicts", "Only claims on which linked outlets disagree"),
    (FLAG_HEDGED, "Hedged", "Only claims some outlet hedges (may, expected to, if needed…)"),
    (FLAG_ANONYMOUS, "Anonymous", "Only claims some outlet credits to an unnamed source"),
)

CLAIM_CHARS = 38
"""Least width of the claim text column, in average characters; it takes any room left over."""

#: Widths of the framing columns, in average characters.
FRAMING_WIDTHS = {
    COL_RELATION: 15,
    COL_CONFLICTS: 18,
    COL_ATTRIBUTION: 17,
    COL_HEDGED: 14,
    COL_BURIED: 11,
}


class ClaimsPanel(QWidget):
    """Filter field, coverage combo and framing toggles over a sortable `QTableView` of claims;
    the header's context menu shows and hides columns.

    Signals:
        claim_activated(object): the user selected a row; the `SentenceRef` to select in the
            panes (the member in the clicked outlet column, else the claim's first member).
    """

    claim_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClaimsModel(self)
        self.proxy = ClaimsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter claims by text…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter claims by text")
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.mode_combo = QComboBox(self)
        self.mode_combo.setAccessibleName("Show claims")
        self.mode_combo.currentIndexChanged.connect(self._on_mode_changed)
        self.flag_buttons: dict[str, QToolButton] = {}
        for flag, text, tip in FLAG_BUTTONS:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(f"Show {text.strip('⚠ ').lower()} claims only")
            button.setCheckable(True)
            button.toggled.connect(lambda on, f=flag: self._on_flag_toggled(f, on))
            self.flag_buttons[flag] = button
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        # The claim text takes the room left over (`_fit_claim_column`), not the last outlet.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName("Claims")
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Clai&ms:", self)
        label.setBuddy(self.filter_edit)
        bar.addWidget(label)
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.mode_combo, 1)
        for button in self.flag_buttons.values():
            bar.addWidget(button)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._populate_modes(None)

    def set_comparison(
        self, comparison: Comparison | None, shown: Sequence[str] | None = None
    ) -> None:
        """Show `comparison`; `shown` are the shown panes' article ids, in pane order."""
        self.model.set_comparison(comparison)
        self._populate_modes(comparison)
        header = self.table.horizontalHeader()
        header.resizeSection(COL_ID, self.fontMetrics().horizontalAdvance("00000") + 12)
        width = self.fontMetrics().horizontalAdvance("◐ reworded  ¶00 s00") + 16
        for column in range(1, self.model.col_claim):
            header.resizeSection(column, width)
        if comparison is not None:
            char = self.fontMetrics().averageCharWidth()
            for key, chars in FRAMING_WIDTHS.items():
                header.resizeSection(self.model.column(key), chars * char + 12)
            self._fit_claim_column()
            ids = [a.id for a in comparison.articles]
            self.set_outlet_order(list(shown) if shown is not None else ids, frozenset())
        self._update_count()

    def set_outlet_order(self, shown: Sequence[str], hidden: Set[str]) -> None:
        """Columns #, claim, framing, then the outlets in pane order (hidden outlets' columns
        hidden): every section is put in place, so columns never keep an older order."""
        comparison = self.model.comparison()
        if comparison is None:
            return
        header = self.table.horizontalHeader()
        ids = [a.id for a in comparison.articles]
        outlets = [i for i in shown if i in ids] + [i for i in ids if i not in shown]
        # Shown as #, claim, framing, outlets: the claim text and what the outlets do with it
        # stay in sight when the outlet columns need scrolling.
        wanted = [COL_ID, self.model.col_claim]
        wanted += [self.model.column(k) for k in FRAMING_WIDTHS]
        wanted += [COL_FIRST_OUTLET + ids.index(i) for i in outlets]
        for visual, logical in enumerate(wanted):
            if header.visualIndex(logical) != visual:
                header.moveSection(header.visualIndex(logical), visual)
        for i in ids:
            header.setSectionHidden(COL_FIRST_OUTLET + ids.index(i), i in hidden)
        self._fit_claim_column()

    def _fit_claim_column(self) -> None:
        """The claim text column: `CLAIM_CHARS` wide, or all the room the others leave."""
        if self.model.comparison() is None:
            return
        header = self.table.horizontalHeader()
        claim = self.model.col_claim
        others = sum(
            header.sectionSize(c)
            for c in range(self.model.columnCount())
            if c != claim and not header.isSectionHidden(c)
        )
        least = CLAIM_CHARS * self.fontMetrics().averageCharWidth()
        header.resizeSection(claim, max(least, self.table.viewport().width() - others))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_claim_column()

    def outlet_columns(self) -> list[str]:
        """Outlet labels in the order the table shows their columns (hidden ones left out)."""
        comparison = self.model.comparison()
        if comparison is None:
            return []
        header = self.table.horizontalHeader()
        out = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            article_id = self.model.article_id_of_column(logical)
            if article_id is not None and not header.isSectionHidden(logical):
                out.append(comparison.article(article_id).label)
        return out

    def _populate_modes(self, comparison: Comparison | None) -> None:
        previous = self.mode_combo.currentData()
        self.mode_combo.blockSignals(True)
        self.mode_combo.clear()
        self.mode_combo.addItem("All claims", (FILTER_ALL, None))
        self.mode_combo.addItem("Shared by all outlets", (FILTER_SHARED_BY_ALL, None))
        self.mode_combo.addItem("Only in one outlet", (FILTER_ONLY_ONE, None))
        for article in comparison.articles if comparison and len(comparison.articles) > 2 else ():
            self.mode_combo.addItem(f"Omitted by {article.label}", (FILTER_OMITTED_BY, article.id))
            self.mode_combo.setItemData(
                self.mode_combo.count() - 1,
                tooltip(f"Claims most other outlets carry that {article.label} leaves out"),
                Qt.ItemDataRole.ToolTipRole,
            )
        index = self.mode_combo.findData(previous) if previous else 0
        self.mode_combo.setCurrentIndex(max(0, index))
        self.mode_combo.blockSignals(False)
        self._on_mode_changed(self.mode_combo.currentIndex())

    def _on_mode_changed(self, _index: int) -> None:
        data = self.mode_combo.currentData()
        mode, article_id = data if data else (FILTER_ALL, None)
        self.proxy.set_mode(mode, article_id)
        self._update_count()

    def _on_flag_toggled(self, flag: str, on: bool) -> None:
        self.proxy.set_flag(flag, on)
        self._update_count()

    def _on_header_menu(self, point: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):
            if column == self.model.col_claim:
                continue
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(point))
        menu.deleteLater()

    def _update_count(self) -> None:
        total = self.model.fact_count() if self.model.comparison() is not None else 0
        self.count_label.setText(f"{self.proxy.rowCount()} of {total}")
        self.count_label.setToolTip(
            "Claims shown of all claims (datelines such as “WASHINGTON —” are not claims)"
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.table.signalsBlocked():
            return
        ref = current.data(REF_ROLE)
        if ref is None:
            claim = current.data(CLAIM_ROLE)
            ref = claim.members[0] if claim is not None else None
        if ref is not None:
            self.claim_activated.emit(ref)

    def select_claim(self, claim_id: int | None) -> None:
        """Select the row of `claim_id` (without re-emitting `claim_activated`)."""
        selection = self.table.selectionModel()
        if claim_id is None and not selection.hasSelection():
            return  # nothing to clear: repainting the whole table would cost ~15 ms
        row = self.model.row_of_claim(claim_id) if claim_id is not None else None
        proxy_index = QModelIndex()
        if row is not None:
            proxy_index = self.proxy.mapFromSource(self.model.index(row, COL_ID))
        self.table.blockSignals(True)
        selection.blockSignals(True)
        try:
            if proxy_index.isValid():
                current = self.table.currentIndex()
                column = current.column() if current.isValid() else COL_ID
                target = proxy_index.siblingAtColumn(column)
                selection.setCurrentIndex(
                    target,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(target)
            else:
                selection.clearSelection()
        finally:
            selection.blockSignals(False)
            self.table.blockSignals(False)
        self.table.viewport().update()

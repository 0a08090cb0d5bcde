"""The claims table with its text, coverage, framing and verdict filters, below the panes.

A toggle puts the coverage chart (widgets/coverage_view.py: the reports' chart of the main
claims among those the filters leave) in the table's place; clicking a row of either selects
the claim. A row's context menu carries the verdict items (gui/verdict_actions.py fills it), and
a button appears when some verdicts no longer attach to anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import Comparison, SentenceRef
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
from desktop.gui.session import same_alignment
from desktop.gui.widgets.coverage_view import CoverageArea, ViewSwitch
from desktop.gui.widgets.verdict_filter import VerdictFilter

RowMenuExtension = Callable[[QMenu, Comparison, int, SentenceRef | None], None]
"""Adds items about claim `id` of the comparison (and the cell's sentence) to a row's menu."""

#: Framing filter buttons: flag, text, tooltip.
FLAG_BUTTONS = (
    (FLAG_CONFLICTS, "⚠ Conflicts", "Only claims on which linked outlets disagree"),
    (FLAG_HEDGED, "Hedged", "Only claims some outlet hedges (may, expected to, if needed…)"),
    (FLAG_ANONYMOUS, "Anonymous", "Only claims some outlet credits to an unnamed source"),
)

VERDICT_CHARS = 16
"""Width of the verdict column, in average characters."""
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
    """Filter field, coverage combo, framing toggles and verdict filter over a sortable
    `QTableView` of claims (or the coverage chart); the header's context menu shows and hides
    columns, a row's context menu sets verdicts.

    Signals:
        claim_activated(object): the user selected a row; the `SentenceRef` to select in the
            panes (the member in the clicked outlet column, else the claim's first member).
        orphans_requested(): the user asked to see the verdicts that no longer attach.
    """

    claim_activated = Signal(object)
    orphans_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_menu_extension: RowMenuExtension | None = None
        self._order: list[str] = []
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
        # As narrow as "Shared by all outlets" allows: the bar must fit a small screen.
        self.mode_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mode_combo.setMinimumContentsLength(12)
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
        self.verdicts = VerdictFilter(self)
        self.verdicts.filter_changed.connect(self._on_verdict_filter_changed)
        self.verdicts.orphans_requested.connect(self.orphans_requested)
        self.switch = ViewSwitch(self)
        self.table_button, self.chart_button = self.switch.table_button, self.switch.chart_button
        self.chart_button.toggled.connect(self._on_chart_toggled)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Ctrl+click, Shift+click) can be exported as "the selected claims".
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        # The claim text takes the room left over (`_fit_claim_column`), not the last outlet.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName("Claims")
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_menu)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.chart_area = CoverageArea(self)
        self.chart = self.chart_area.view
        self.chart.claim_clicked.connect(self._on_chart_clicked)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.table)
        self.views.addWidget(self.chart_area)
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(0)
        self._chart_timer.timeout.connect(self._refresh_chart)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Clai&ms:", self)
        label.setBuddy(self.filter_edit)
        bar.addWidget(label)
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.mode_combo, 1)
        for button in self.flag_buttons.values():
            bar.addWidget(button)
        bar.addWidget(self.verdicts)
        bar.addWidget(self.count_label)
        bar.addWidget(self.switch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(bar)
        layout.addWidget(self.views, 1)
        self._populate_modes(None)

    def set_comparison(
        self, comparison: Comparison | None, shown: Sequence[str] | None = None
    ) -> None:
        """Show `comparison`; `shown` are the shown panes' article ids, in pane order."""
        self.model.set_comparison(comparison)
        self._populate_modes(comparison)
        self._size_columns()
        if comparison is not None:
            ids = [a.id for a in comparison.articles]
            self.set_outlet_order(list(shown) if shown is not None else ids, frozenset())
        self._update_count()
        self._update_orphans()

    def _size_columns(self) -> None:
        """Row height and column widths for the table's font (it changes with the zoom)."""
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 6)
        header = self.table.horizontalHeader()
        header.resizeSection(COL_ID, metrics.horizontalAdvance("00000") + 12)
        width = metrics.horizontalAdvance("◐ reworded  ¶00 s00") + 16
        for column in range(1, self.model.col_claim):
            header.resizeSection(column, width)
        if self.model.comparison() is not None:
            char = metrics.averageCharWidth()
            for key, chars in FRAMING_WIDTHS.items():
                header.resizeSection(self.model.column(key), chars * char + 12)
            header.resizeSection(self.model.col_verdict, VERDICT_CHARS * char + 12)
            self._fit_claim_column()

    def set_zoom(self, percent: int) -> None:
        """Show the table's text at `percent` of the usual size (View ▸ Zoom)."""
        font = QFont(QApplication.font(self.table))
        if percent != 100 and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * percent / 100)
        self.table.setFont(font)
        self._size_columns()

    def set_verdicts(self, comparison: Comparison) -> None:
        """The same alignment with other verdicts (ignored while the table shows another)."""
        if not same_alignment(comparison, self.model.comparison()):
            return
        self.model.set_verdicts(comparison)
        self.proxy.verdicts_changed()
        self._update_orphans()

    def _update_orphans(self) -> None:
        comparison = self.model.comparison()
        self.verdicts.set_orphans(
            len(comparison.attached_verdicts.orphans) if comparison is not None else 0
        )

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
        wanted = [COL_ID, self.model.col_verdict, self.model.col_claim]
        wanted += [self.model.column(k) for k in FRAMING_WIDTHS]
        wanted += [COL_FIRST_OUTLET + ids.index(i) for i in outlets]
        for visual, logical in enumerate(wanted):
            if header.visualIndex(logical) != visual:
                header.moveSection(header.visualIndex(logical), visual)
        for i in ids:
            header.setSectionHidden(COL_FIRST_OUTLET + ids.index(i), i in hidden)
        self._fit_claim_column()
        if outlets != self._order:
            self._order = outlets
            self._schedule_chart()

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
        least = CLAIM_CHARS * self.table.fontMetrics().averageCharWidth()
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
        view = self.mode_combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)  # the list shows whole entries
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

    def _on_verdict_filter_changed(self, key: str) -> None:
        self.proxy.set_verdict_filter(key)
        self._update_count()

    def set_verdict_filter(self, key: str) -> None:
        """Show only claims with this verdict ("" every claim; see `VERDICT_CHOICES`)."""
        self.verdicts.set_current(key)

    # -- what is shown and selected (the Export dialog's scope) ---------------------------

    def filtered_claims(self) -> tuple[int, ...]:
        """The claims the filters leave in the table, in its order."""
        proxy = self.proxy
        return tuple(proxy.index(r, COL_ID).data(CLAIM_ROLE).id for r in range(proxy.rowCount()))

    def selected_claims(self) -> tuple[int, ...]:
        rows = self.table.selectionModel().selectedRows(COL_ID)
        return tuple(sorted(index.data(CLAIM_ROLE).id for index in rows))

    def filter_description(self) -> str:
        """The filters in force, in words ("" when the table shows every claim)."""
        parts = []
        if self.proxy.filter_text():
            parts.append(f"text “{self.proxy.filter_text()}”")
        if self.mode_combo.currentIndex() > 0:
            parts.append(self.mode_combo.currentText().lower())
        parts += [
            text.strip("⚠ ").lower()
            for flag, text, _tip in FLAG_BUTTONS
            if self.flag_buttons[flag].isChecked()
        ]
        if self.verdicts.description():
            parts.append(self.verdicts.description())
        return ", ".join(parts)

    # -- the coverage chart ----------------------------------------------------------------

    def chart_shown(self) -> bool:
        return self.views.currentWidget() is self.chart_area

    def show_chart(self, on: bool) -> None:
        """The coverage chart (True) or the table in the claims view."""
        (self.chart_button if on else self.table_button).setChecked(True)

    def _on_chart_toggled(self, on: bool) -> None:
        self.views.setCurrentWidget(self.chart_area if on else self.table)
        if on:
            self._refresh_chart()

    def _schedule_chart(self) -> None:
        if self.chart_shown():
            self._chart_timer.start()

    def _refresh_chart(self) -> None:
        current = self.table.currentIndex()
        claim = current.data(CLAIM_ROLE) if current.isValid() else None
        self.chart_area.refresh(
            self.model.comparison(),
            self._order,
            self.filtered_claims(),
            claim.id if claim is not None else None,
        )

    def _on_chart_clicked(self, claim_id: int) -> None:
        row = self.model.row_of_claim(claim_id)
        if row is None:
            return
        claim = self.model.claim(row)
        shown = [m for i in self._order if (m := claim.member_in(i)) is not None]
        self.select_claim(claim_id)
        self.claim_activated.emit(shown[0] if shown else claim.members[0])

    # -- a row's context menu ---------------------------------------------------------------

    def row_menu(self, index: QModelIndex) -> QMenu | None:
        """The context menu of the row at proxy `index` (None off the rows or with nothing
        to offer); the caller shows it."""
        comparison = self.model.comparison()
        if not index.isValid() or comparison is None or self.row_menu_extension is None:
            return None
        claim = index.data(CLAIM_ROLE)
        menu = QMenu(self)
        self.row_menu_extension(menu, comparison, claim.id, index.data(REF_ROLE))
        return menu

    def _on_table_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if index.isValid() and not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            self.table.setCurrentIndex(index)  # the menu is about the row under the mouse
        menu = self.row_menu(index)
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(point))
            menu.deleteLater()

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
        self._schedule_chart()

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
        self.chart.set_selected(claim_id)
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
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                if selection.isRowSelected(target.row(), QModelIndex()):
                    # One of several rows the user selected: keep them all selected.
                    flags = QItemSelectionModel.SelectionFlag.NoUpdate
                selection.setCurrentIndex(target, flags | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(target)
            else:
                selection.clearSelection()
        finally:
            selection.blockSignals(False)
            self.table.blockSignals(False)
        self.table.viewport().update()

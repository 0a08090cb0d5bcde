"""The framing panel: the selected claim's cues side by side, and the current outlet's profile.

Read-only and plain text throughout (article text is never interpreted as markup): labels use
`Qt.TextFormat.PlainText`, everything else is item views. Everything shown comes from
`Comparison.framing`, which the worker computed with the comparison; the panel only picks the
claim and outlet asked for.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import Claim, Comparison, SentenceRef
from desktop.core.framing import OutletProfile
from desktop.gui.highlights import Span, pane_marks
from desktop.gui.models.framing import ClaimCuesModel
from desktop.gui.models.summary import claim_by_id, summarize
from desktop.gui.plain import tooltip

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow as MainWindowLike
    from desktop.gui.widgets.pane import ArticlePane

log = logging.getLogger(__name__)

REF_ROLE = Qt.ItemDataRole.UserRole + 1
"""On profile items that point at a sentence: the `SentenceRef` to select when clicked."""

DOCK_CHARS = 56
"""Width of the framing dock on first run, in average characters (~390 px at 1600 wide)."""

CUE_COLUMN_CHARS = 16
"""Least width of a member column of the cues table, in average characters."""


def _plain_label(parent: QWidget, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


class FramingPanel(QWidget):
    """Claim cues (a `ClaimCuesModel` table) over the current outlet's profile (a tree).

    Signals:
        sentence_requested(object): the user clicked a blind spot, unique sentence or word
            choice; the `SentenceRef` to select in the panes.
    """

    sentence_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FramingPanel")
        self._comparison: Comparison | None = None
        self._article_id: str | None = None
        self.cues = ClaimCuesModel(self)

        self.claim_title = _plain_label(self, bold=True)
        self.claim_title.setObjectName("FramingClaimTitle")
        self.claim_text = _plain_label(self)
        self.claim_text.setObjectName("FramingClaimText")
        self.cues_table = QTableView(self)
        self.cues_table.setModel(self.cues)
        self.cues_table.setAccessibleName("Framing cues of the selected claim")
        self.cues_table.setWordWrap(True)
        self.cues_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cues_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.cues_table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.cues_table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.cues_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.cues_table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )

        self.outlet_title = _plain_label(self, bold=True)
        self.outlet_title.setObjectName("FramingOutletTitle")
        self.profile_tree = QTreeWidget(self)
        self.profile_tree.setHeaderHidden(True)
        self.profile_tree.setColumnCount(1)
        self.profile_tree.setAccessibleName("Framing profile of the current outlet")
        self.profile_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.profile_tree.itemActivated.connect(self._on_item_activated)
        self.profile_tree.itemClicked.connect(self._on_item_activated)

        claim_box = QWidget(self)
        claim_layout = QVBoxLayout(claim_box)
        claim_layout.setContentsMargins(4, 4, 4, 2)
        claim_layout.setSpacing(2)
        claim_layout.addWidget(self.claim_title)
        claim_layout.addWidget(self.claim_text)
        claim_layout.addWidget(self.cues_table, 1)
        claim_layout.addStretch(0)  # keeps the title on top while the table is hidden
        outlet_box = QWidget(self)
        outlet_layout = QVBoxLayout(outlet_box)
        outlet_layout.setContentsMargins(4, 2, 4, 4)
        outlet_layout.setSpacing(2)
        outlet_layout.addWidget(self.outlet_title)
        outlet_layout.addWidget(self.profile_tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("FramingSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(claim_box)
        self.splitter.addWidget(outlet_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._show_claim(None, None)
        self._show_outlet()

    # -- input ----------------------------------------------------------------------------

    def comparison(self) -> Comparison | None:
        return self._comparison

    def article_id(self) -> str | None:
        return self._article_id

    def set_comparison(self, comparison: Comparison | None, article_id: str | None) -> None:
        """Show `comparison`, profiling `article_id` (or its first article); no claim yet."""
        self._comparison = comparison
        ids = [a.id for a in comparison.articles] if comparison else []
        self._article_id = article_id if article_id in ids else (ids[0] if ids else None)
        self._show_claim(None, None)
        self._show_outlet()

    def set_outlet(self, article_id: str | None) -> None:
        """Profile another outlet (the pane that has focus)."""
        if article_id == self._article_id or self._comparison is None:
            return
        if article_id not in {a.id for a in self._comparison.articles}:
            return
        self._article_id = article_id
        self._show_outlet()

    def set_selected(self, ref: SentenceRef | None) -> None:
        """Show the cues of the claim `ref` belongs to (none when `ref` is None)."""
        comparison = self._comparison
        if ref is None or comparison is None:
            self._show_claim(None, None)
            return
        try:
            claim = comparison.claim_of(ref)
        except KeyError:
            claim = None
        self._show_claim(claim, ref)

    # -- claim ----------------------------------------------------------------------------

    def _show_claim(self, claim: Claim | None, ref: SentenceRef | None) -> None:
        comparison = self._comparison
        self.cues.set_claim(comparison, claim, ref.article if ref is not None else None)
        if comparison is None or claim is None or ref is None:
            self.claim_title.setText("Claim")
            self.claim_text.setText(
                "Select a sentence or a row of the claims table to compare how each outlet "
                "frames it."
            )
            self.cues_table.hide()
            return
        summary = summarize(comparison, claim)
        count = len(claim.members)
        outlets = f"{count} of {len(comparison.articles)} outlets"
        self.claim_title.setText(f"Claim {claim.id} · {summary.relation_text()} · {outlets}")
        self.claim_text.setText(comparison.sentence(ref).text)
        self.cues_table.show()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Two members side by side in a narrow dock, more when there is room; the rest
        scroll."""
        table = self.cues_table
        count = self.cues.columnCount()
        if not count:
            return
        room = table.viewport().width()
        least = self.fontMetrics().averageCharWidth() * CUE_COLUMN_CHARS
        width = max(least, room // min(count, max(2, room // least)))
        header = table.horizontalHeader()
        for column in range(count):
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    # -- outlet ---------------------------------------------------------------------------

    def _show_outlet(self) -> None:
        tree = self.profile_tree
        tree.clear()
        comparison = self._comparison
        if comparison is None or self._article_id is None:
            self.outlet_title.setText("Outlet")
            return
        article = comparison.article(self._article_id)
        self.outlet_title.setText(f"{article.label}: how it frames the event")
        try:
            profile = comparison.framing.outlet(article.id)
        except KeyError:
            log.warning("no framing profile for %s", article.id)
            return
        self._fill_profile(comparison, profile)

    def _fill_profile(self, comparison: Comparison, profile: OutletProfile) -> None:
        tree = self.profile_tree
        n = profile.sentences

        def leaf(
            parent: QTreeWidget | QTreeWidgetItem, text: str, tip: str = ""
        ) -> QTreeWidgetItem:
            item = QTreeWidgetItem([text])
            item.setToolTip(0, tooltip(tip or text))
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
            return item

        def section(title: str, count: int, expanded: bool = True) -> QTreeWidgetItem:
            item = leaf(tree, f"{title} ({count})")
            item.setExpanded(expanded and count > 0)
            return item

        leaf(
            tree,
            f"Hedged: {_percent(profile.hedged_share)} of {n} sentences",
            "Share of sentences with a hedge in the outlet's own voice (outside quotations)",
        )
        leaf(
            tree,
            f"Attributed: {_percent(profile.attributed_share)}",
            "Share of sentences that say who is speaking (a person, an unnamed source or "
            "another outlet)",
        )
        sources = " · ".join(f"{kind} {count}" for kind, count in profile.sources.items())
        leaf(tree, f"Sources: {sources or 'none'}")
        unique = section("Unique sentences", len(profile.unique), expanded=False)
        for index in profile.unique:
            ref = SentenceRef(profile.article, index)
            self._pointer(leaf(unique, comparison.sentence(ref).text), ref)
        blind = section("Blind spots", len(profile.blindspots))
        blind.setToolTip(0, "Claims most other outlets carry and this one leaves out")
        for claim_id in profile.blindspots:
            claim = claim_by_id(comparison, claim_id)
            if claim is None:
                continue
            carriers = ", ".join(comparison.article(m.article).label for m in claim.members)
            text = comparison.sentence(claim.members[0]).text
            self._pointer(leaf(blind, text, f"{text}\n\nCarried by {carriers}"), claim.members[0])
        quoted = section("Quotes", len(profile.quoted))
        for speaker, count in profile.quoted.items():
            leaf(quoted, f"{speaker} ({count})", f"{speaker}: quoted in {count} sentence(s)")
        figures = section("Figures", len(profile.figures))
        for figure in profile.figures:
            leaf(figures, figure)
        choices = profile.word_choices
        consistent = len(profile.consistent_word_choices)
        words = section("Word choices", len(choices))
        words.setToolTip(
            0,
            f"Words this outlet uses where another outlet's matching sentence has others "
            f"(theirs → ours); {consistent} seen in two or more sentences",
        )
        for choice in choices:
            other = comparison.article(choice.other).label
            tip = (
                f"Where {other} writes “{choice.theirs}”, this outlet writes “{choice.ours}” "
                f"({choice.count} sentence{'s' * (choice.count != 1)})"
            )
            item = leaf(words, f"{choice.theirs} → {choice.ours} ({choice.count})", tip)
            if choice.sentences:
                self._pointer(item, SentenceRef(profile.article, choice.sentences[0]))

    @staticmethod
    def _pointer(item: QTreeWidgetItem, ref: SentenceRef) -> None:
        item.setData(0, REF_ROLE, ref)

    def profile_items(self) -> list[QTreeWidgetItem]:
        """Every item of the profile tree, depth first (for tests and accessibility checks)."""
        out: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            out.append(item)
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.profile_tree.topLevelItemCount()):
            walk(self.profile_tree.topLevelItem(i))
        return out

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        ref = item.data(0, REF_ROLE)
        if isinstance(ref, SentenceRef):
            self.sentence_requested.emit(ref)


_MarksJob = tuple["ArticlePane", dict[int, list[Span]], dict[int, list[Span]]]


class FramingDock(QDockWidget):
    """The framing panel in a dock (right of the panes by default; movable, closable), and the
    framing marks in the panes, which show the same report.

    `install(window)` adds it and wires it to the window's session, pane strip and the
    `framing_panel` and `mark_hedges` actions, so the window itself needs no framing code.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Framing", parent)
        self.setObjectName("FramingDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.panel = FramingPanel(self)
        self.setWidget(self.panel)
        self._window: MainWindowLike | None = None
        self._hedges = True
        self._pending_marks: list[_MarksJob] = []
        """Panes still to mark, one per event-loop turn."""

    @classmethod
    def install(cls, window: MainWindowLike) -> FramingDock:
        """A dock added to `window` and wired to it (see `attach`)."""
        dock = cls(window)
        dock.attach(window)
        return dock

    def attach(self, window: MainWindowLike) -> None:
        self._window = window
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        strip = window.strip
        strip.current_changed.connect(self.panel.set_outlet)
        strip.selection_changed.connect(self.panel.set_selected)
        self.panel.sentence_requested.connect(self._on_sentence_requested)
        # After the window's own slot (connected earlier): the panes show the new comparison.
        window.session.comparison_changed.connect(self._on_panes_changed)
        window.comparison_changed.connect(self._on_comparison_changed)
        toggle = window.actions_by_name["framing_panel"]
        toggle.toggled.connect(self.setVisible)
        self.visibilityChanged.connect(self._sync_action)
        # Once the window has restored its saved state (which may hide the dock).
        QTimer.singleShot(0, self, self._sync_action)
        if window.settings.window_state() is None:
            QTimer.singleShot(0, self, self._initial_size)
        hedges = window.actions_by_name["mark_hedges"]
        hedges.setChecked(self._hedges)
        hedges.toggled.connect(self.set_hedge_marks)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * DOCK_CHARS, 600)

    def _initial_size(self) -> None:
        """First run: about 40 characters wide, the claim cues above the outlet profile."""
        if self._window is not None and shiboken6.isValid(self._window):
            width = self.sizeHint().width()
            self._window.resizeDocks([self], [width], Qt.Orientation.Horizontal)
            height = max(400, self.panel.height())
            self.panel.splitter.setSizes([height * 11 // 20, height * 9 // 20])

    def hedge_marks(self) -> bool:
        return self._hedges

    def set_hedge_marks(self, on: bool) -> None:
        """Show or hide the hedge marks in the panes (conflict words are always marked)."""
        self._hedges = on
        if self._window is not None:
            self._on_panes_changed(self._window.session.comparison, staged=False)

    def _on_panes_changed(self, comparison: Comparison | None, staged: bool = True) -> None:
        """Mark conflict words and hedges. After a new comparison (`staged`): one pane per
        event-loop turn, the visible ones first (the visible ones at once stalled the window
        ~70 ms with 20 articles); when the user toggles hedge marks, every pane at once."""
        if comparison is None or self._window is None:
            return
        view = self._window.session.view_data_for(comparison)
        marks = view.marks if view is not None else pane_marks(comparison)
        strip = self._window.strip
        visible = strip.visible_ids()
        jobs: list[_MarksJob] = []
        for pane in strip.panes():
            conflicts, hedges = marks.get(pane.article_id, ({}, {}))
            jobs.append((pane, conflicts, hedges if self._hedges else {}))
        if not staged:
            self._pending_marks = []
            for pane, conflicts, hedges in jobs:
                pane.view.set_marks(conflicts, hedges)
            return
        jobs.sort(key=lambda job: job[0].article_id not in visible)
        self._pending_marks = jobs
        QTimer.singleShot(0, self, self._on_marks_step)

    def _on_marks_step(self) -> None:
        if not self._pending_marks:
            return
        pane, conflicts, hedges = self._pending_marks.pop(0)
        if shiboken6.isValid(pane):
            pane.view.set_marks(conflicts, hedges)
        if self._pending_marks:
            QTimer.singleShot(0, self, self._on_marks_step)

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        assert self._window is not None
        strip = self._window.strip
        current = strip.current_pane()
        self.panel.set_comparison(comparison, current.article_id if current else None)
        self.panel.set_selected(strip.selected())

    def _on_sentence_requested(self, ref: SentenceRef) -> None:
        if self._window is not None:
            self._window.strip.select(ref)

    def _sync_action(self, _visible: bool = False) -> None:
        # The dock hides while the window is destroyed: nothing to sync then.
        if self._window is not None and shiboken6.isValid(self._window):
            action = self._window.actions_by_name["framing_panel"]
            action.blockSignals(True)
            action.setChecked(self.isVisibleTo(self._window))
            action.blockSignals(False)

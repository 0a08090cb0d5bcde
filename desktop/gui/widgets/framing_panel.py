"""The framing panel: the selected claim's cues, one row per outlet, and the current outlet's
profile; above the cues, the user's verdict on the claim (widgets/verdict_bar.py).

Read-only and plain text throughout (article text is never interpreted as markup): labels use
`Qt.TextFormat.PlainText`, everything else is item views. Everything shown comes from
`Comparison.framing`, which the worker computed with the comparison; the panel only picks the
claim and outlet asked for.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from desktop.gui.models.framing import CUE_PLACEMENT, ClaimCuesModel
from desktop.gui.models.summary import claim_by_id, summarize
from desktop.gui.plain import tooltip
from desktop.gui.widgets.verdict_bar import VerdictBar

log = logging.getLogger(__name__)

REF_ROLE = Qt.ItemDataRole.UserRole + 1
"""On profile items that point at a sentence: the `SentenceRef` to select when clicked."""

CUE_COLUMN_CHARS = 14
"""Least width of a cue column of the cues table, in average characters."""
OUTLET_HEADER_CHARS = 13
"""Most width of the outlet names down the cues table's side, in average characters."""
SOURCE_LABELS = {"named": "named", "anonymous": "unnamed", "outlet": "other outlets"}


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
    """Claim cues (a `ClaimCuesModel` table, an outlet per row, cue kinds no outlet has left
    out) over the current outlet's profile (a tree).

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
        self.verdict_bar = VerdictBar(self)
        self._claim: Claim | None = None
        self._ref: SentenceRef | None = None
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
        self.cues_table.verticalHeader().setMaximumWidth(
            self.fontMetrics().averageCharWidth() * OUTLET_HEADER_CHARS
        )
        self.cues_table.setTextElideMode(Qt.TextElideMode.ElideRight)

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
        claim_layout.addWidget(self.verdict_bar)
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
        self._claim_sizes: list[int] | None = None
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

    def set_verdicts(self, comparison: Comparison) -> None:
        """The same alignment with other verdicts: only the verdict line changes."""
        self._comparison = comparison
        self._show_verdict()

    # -- claim ----------------------------------------------------------------------------

    def _show_verdict(self) -> None:
        comparison, claim, ref = self._comparison, self._claim, self._ref
        if comparison is None or claim is None or ref is None:
            self.verdict_bar.set_claim(None, None, None, [])
            return
        attached = comparison.attached_verdicts
        links = []
        for link in comparison.links_of(ref):
            verdict = attached.link(link.a, link.b)
            if verdict is not None:
                links.append((comparison.article(link.other(ref).article).label, verdict))
        self.verdict_bar.set_claim(claim.id, ref, attached.claim(claim.id), links)

    def _show_claim(self, claim: Claim | None, ref: SentenceRef | None) -> None:
        comparison = self._comparison
        self._claim, self._ref = claim, ref
        self._show_verdict()
        self.cues.set_claim(comparison, claim, ref.article if ref is not None else None)
        if comparison is None or claim is None or ref is None:
            self.claim_title.setText("Claim")
            self.claim_text.setText(
                "Select a sentence or a row of the claims table to compare how each outlet "
                "frames it."
            )
            if not self.cues_table.isHidden():
                self._claim_sizes = self.splitter.sizes()
            self.cues_table.hide()
            # No empty area above the outlet's profile while no claim is selected.
            total = sum(self.splitter.sizes())
            header = self.claim_title.sizeHint().height() + self.claim_text.heightForWidth(
                max(100, self.width() - 8)
            )
            if total > 0:
                self.splitter.setSizes([header + 12, max(0, total - header - 12)])
            return
        summary = summarize(comparison, claim)
        count = len(claim.members)
        outlets = f"{count} of {len(comparison.articles)} outlets"
        self.claim_title.setText(f"Claim {claim.id} · {summary.relation_text()} · {outlets}")
        self.claim_text.setText(comparison.sentence(ref).text)
        if self.cues_table.isHidden():
            self.cues_table.show()
            total = sum(self.splitter.sizes())
            sizes = self._claim_sizes or [total * 11 // 20, total * 9 // 20]
            self.splitter.setSizes(sizes)
        for cue in range(self.cues.columnCount()):
            self.cues_table.setColumnHidden(cue, self.cues.is_empty_cue(cue))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The shown cue columns share the width (never narrower than `CUE_COLUMN_CHARS`;
        beyond that they scroll); rows grow to their wrapped text."""
        table = self.cues_table
        shown = [c for c in range(self.cues.columnCount()) if not table.isColumnHidden(c)]
        if not shown:
            return
        room = table.viewport().width()
        char = self.fontMetrics().averageCharWidth()
        header = table.horizontalHeader()
        # Placement is one or two short words: as wide as it needs, the rest share the room.
        if CUE_PLACEMENT in shown:
            table.resizeColumnToContents(CUE_PLACEMENT)
            header.resizeSection(CUE_PLACEMENT, min(header.sectionSize(CUE_PLACEMENT), 12 * char))
            room -= header.sectionSize(CUE_PLACEMENT)
            shown = [c for c in shown if c != CUE_PLACEMENT]
        if shown:
            width = max(char * CUE_COLUMN_CHARS, room // len(shown))
            for column in shown:
                header.resizeSection(column, width)
        table.resizeRowsToContents()

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
        sources = ", ".join(
            f"{count} {SOURCE_LABELS.get(kind, kind)}" for kind, count in profile.sources.items()
        )
        leaf(
            tree,
            f"Sources: {sources or 'none'}",
            "Attributed sentences by who is speaking: named sources (a person or body by name), "
            'unnamed sources ("a senior official"), other outlets ("Politico reported")',
        )
        unique = section("Unique sentences", len(profile.unique), expanded=False)
        for index in profile.unique:
            ref = SentenceRef(profile.article, index)
            self._pointer(leaf(unique, comparison.sentence(ref).text), ref)
        blind = section("Blind spots", len(profile.blindspots))
        blind.setToolTip(
            0,
            "Blind spots: claims at least half of the other outlets (and at least two) carry "
            "and this one leaves out",
        )
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
        choices = profile.merged_word_choices()
        words = section("Word choices", len(choices))
        words.setToolTip(
            0,
            "Words this outlet uses where other outlets' matching sentences have others: "
            "“phoned → called: Politico” means Politico writes “phoned” where this outlet "
            "writes “called”",
        )
        for choice in choices:
            others = ", ".join(comparison.article(o).label for o in choice.others)
            times = f" ({choice.count}×)" if choice.count > 1 else ""
            tip = (
                f"Where {others} write{'s' * (len(choice.others) == 1)} “{choice.theirs}”, "
                f"this outlet writes “{choice.ours}”{times}"
            )
            item = leaf(words, f"{choice.theirs} → {choice.ours}: {others}{times}", tip)
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

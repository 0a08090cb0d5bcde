"""Edit ▸ Why Not Linked?: the selected pair's score against the threshold, what the two
sentences share and what each has alone, why they are apart, and near misses to link.

With one sentence selected it lists that sentence's closest sentence in every other outlet;
with two (selected, and Ctrl+clicked in another pane) it explains that pair, and says when the
two are related (they share part of their information). Below, near misses (pairs a little
under the threshold whose sentences are free to link) between the shown outlets can be ticked
and linked in one undoable step; with one sentence selected, its related pairs come first,
marked "related". All text is plain: article text is never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.explain import Explanation, NearMiss, closest, explain, near_misses

PAIR_ROLE = Qt.ItemDataRole.UserRole + 1


def _label(parent: QWidget, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WhyNotDialog(QDialog):
    """Explains one pair (or one sentence) and offers near misses as links.

    Signals:
        link_requested(object): link these pairs (a list of (`SentenceRef`, `SentenceRef`)).
    """

    link_requested = Signal(object)

    def __init__(
        self,
        comparison: Comparison,
        selected: SentenceRef,
        other: SentenceRef | None,
        shown: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Why not linked?")
        self.setObjectName("WhyNotDialog")
        self._comparison = comparison
        labels = {a.id: a.label for a in comparison.articles}
        self._labels = labels
        layout = QVBoxLayout(self)
        self.summary = _label(self)
        layout.addWidget(self.summary)
        self.pair_link: QPushButton | None = None
        self.explanation: Explanation | None = None
        if other is not None:
            why = explain(comparison, selected, other)
            self.explanation = why
            lines = [
                f"{labels[selected.article]}, sentence {selected.sentence + 1}: "
                f"“{comparison.sentence(selected).text}”",
                f"{labels[other.article]}, sentence {other.sentence + 1}: "
                f"“{comparison.sentence(other).text}”",
                "",
                f"Score {why.score.total:.0f} against the threshold {why.threshold:g} "
                f"(scorer {why.scorer.replace('_', ' ')}).",
                *why.reasons,
                "",
                "Words both use: " + (", ".join(why.shared) or "none"),
                f"Only in {labels[selected.article]}: " + (", ".join(why.only_a) or "none"),
                f"Only in {labels[other.article]}: " + (", ".join(why.only_b) or "none"),
            ]
            self.summary.setText("\n".join(lines))
            if why.can_link:
                text = "&Link These Two" + (" (Related)" if why.related is not None else "")
                self.pair_link = QPushButton(text, self)
                self.pair_link.clicked.connect(lambda: self._request([(selected, other)]))
                layout.addWidget(self.pair_link, 0, Qt.AlignmentFlag.AlignLeft)
            candidates, skipped = near_misses(comparison, [selected.article, other.article])
        else:
            best = closest(comparison, selected)
            lines = [
                f"{labels[selected.article]}, sentence {selected.sentence + 1}: "
                f"“{comparison.sentence(selected).text}”",
                "",
                f"Its closest sentence in each other outlet (threshold "
                f"{comparison.options.threshold:g}); Ctrl+click one of them and ask again for "
                "the details:",
            ]
            for miss in best:
                linked = " (linked)" if comparison.link_between(miss.a, miss.b) else ""
                lines.append(
                    f"• {labels[miss.b.article]} {miss.b.sentence + 1}, score {miss.score:.0f}"
                    f"{linked}: “{_excerpt(comparison.sentence(miss.b).text)}”"
                )
            every = sorted(
                (
                    NearMiss(selected, p.other(selected), p.score)
                    for p in comparison.related_of(selected)
                    if p.other(selected).article in shown
                ),
                key=lambda m: -m.score,
            )
            related = [m for m in every if _free(comparison, m)]
            if every:
                lines += ["", "Related (sharing part of its information; tick one below to link):"]
                for m in every:
                    taken = "" if m in related else " (linked to another sentence: Ctrl+click it)"
                    lines.append(
                        f"• {labels[m.b.article]} {m.b.sentence + 1}, score {m.score:.0f}"
                        f"{taken}: “{_excerpt(comparison.sentence(m.b).text)}”"
                    )
            self.summary.setText("\n".join(lines))
            candidates, skipped = near_misses(comparison, list(shown))
            pairs = {frozenset((m.a, m.b)) for m in related}
            candidates = related + [m for m in candidates if frozenset((m.a, m.b)) not in pairs]
        note = "Near misses: pairs a little under the threshold whose sentences are free to link."
        if skipped:
            note += f" {skipped} pair(s) of long articles were not searched."
        layout.addWidget(_label(self, note))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Score", "Sentence", "Counterpart"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._fill(candidates)
        # Rows are as tall as their wrapped text at the columns' real widths, known once shown.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.link_chosen = buttons.addButton(
            "Link &Ticked Pairs", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.link_chosen.clicked.connect(lambda: self._request(self.ticked()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 560)

    def _fill(self, candidates: list[NearMiss]) -> None:
        comparison, labels = self._comparison, self._labels
        self.table.setRowCount(len(candidates))
        for row, miss in enumerate(candidates):
            related = comparison.related_between(miss.a, miss.b) is not None
            score = QTableWidgetItem(f"{miss.score:.0f}" + (" · related" if related else ""))
            if related:
                score.setToolTip("A related pair: the two share part of their information")
            score.setFlags(score.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            score.setCheckState(Qt.CheckState.Unchecked)
            score.setData(PAIR_ROLE, (miss.a, miss.b))
            self.table.setItem(row, 0, score)
            for column, ref in ((1, miss.a), (2, miss.b)):
                text = f"{labels[ref.article]} {ref.sentence + 1}: {comparison.sentence(ref).text}"
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _score_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None
        return item

    def suggestions(self) -> list[tuple[SentenceRef, SentenceRef]]:
        return [self._score_item(r).data(PAIR_ROLE) for r in range(self.table.rowCount())]

    def tick(self, row: int) -> None:
        self._score_item(row).setCheckState(Qt.CheckState.Checked)

    def ticked(self) -> list[tuple[SentenceRef, SentenceRef]]:
        return [
            self._score_item(r).data(PAIR_ROLE)
            for r in range(self.table.rowCount())
            if self._score_item(r).checkState() == Qt.CheckState.Checked
        ]

    def _request(self, pairs: list[tuple[SentenceRef, SentenceRef]]) -> None:
        if pairs:
            self.link_requested.emit(pairs)
            self.accept()


def _free(comparison: Comparison, miss: NearMiss) -> bool:
    """Neither sentence has a counterpart in the other's article: linking them takes no link."""
    return (
        comparison.counterpart(miss.a, miss.b.article) is None
        and comparison.counterpart(miss.b, miss.a.article) is None
    )


def _excerpt(text: str, chars: int = 90) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"

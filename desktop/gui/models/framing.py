"""The selected claim's framing cues, one column per outlet carrying it, side by side.

`ClaimCuesModel` is a thin adapter over `Comparison.framing` (computed in the worker): rows are
the kinds of cue (placement, attribution, hedges, quotes, figures, negations, conflicts),
columns the claim's members. Cells are plain text, worked out for the one selected claim.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.comparison import Claim, Comparison, SentenceRef
from desktop.core.framing import SentenceFraming
from desktop.gui.models.summary import claim_framing_of, member_conflicts
from desktop.gui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex

ROW_PLACEMENT = 0
ROW_ATTRIBUTION = 1
ROW_HEDGES = 2
ROW_QUOTES = 3
ROW_FIGURES = 4
ROW_NEGATIONS = 5
ROW_CONFLICTS = 6
ROW_HEADERS = (
    ("Placement", "Where the outlet put the sentence (headline, lead, upper or lower half)"),
    ("Attribution", "Who the sentence says is speaking: kind, source and the cue word"),
    ("Hedges", "Softening words; \"in quote\" ones are the quoted speaker's, not the outlet's"),
    ("Quotes", "Direct quotations and who the sentence says spoke them"),
    ("Figures", "Numbers and dates the sentence states"),
    ("Negations", "Negated predicates"),
    ("Conflicts", "Where the sentence disagrees with another member: its words ↔ theirs"),
)

REF_ROLE = Qt.ItemDataRole.UserRole + 1
"""The member `SentenceRef` of a column (every row)."""
EMPTY_ROLE = Qt.ItemDataRole.UserRole + 2
"""True when the cell has no cue (shown as "—")."""

NO_CUE = "—"


def attribution_text(framing: SentenceFraming) -> str:
    a = framing.attribution
    if a.kind == "none":
        return "none (the outlet's own voice)"
    lines = [a.kind, a.source]
    if a.kind == "outlet" and a.speaker and a.speaker != a.source:
        lines.append(f"relaying {a.speaker}")
    elif a.speaker and a.speaker != a.source:
        lines.append(f"i.e. {a.speaker}")
    if a.cue:
        lines.append(f"“{a.cue}”")
    return "\n".join(line for line in lines if line)


def cue_lines(framing: SentenceFraming, row: int) -> list[str]:
    """The text lines of one cue row for one member's sentence."""
    if row == ROW_ATTRIBUTION:
        return [attribution_text(framing)]
    if row == ROW_HEDGES:
        return [
            f"{c.text} ({c.kind}{', in quote: the speaker’s' if c.in_quote else ''})"
            for c in framing.hedges
        ]
    if row == ROW_QUOTES:
        return [f"“{q.text}” — {q.speaker or 'speaker not named'}" for q in framing.quotes]
    if row == ROW_FIGURES:
        return [f"{f.text} ({f.kind})" for f in framing.figures]
    if row == ROW_NEGATIONS:
        return [n.text + (" (in quote)" if n.in_quote else "") for n in framing.negations]
    return []


class ClaimCuesModel(QAbstractTableModel):
    """Rows: kinds of cue (`ROW_*`); columns: the selected claim's members."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._claim: Claim | None = None
        self._members: list[SentenceRef] = []
        self._cells: list[list[str]] = []

    def claim(self) -> Claim | None:
        return self._claim

    def members(self) -> list[SentenceRef]:
        return list(self._members)

    def set_claim(
        self, comparison: Comparison | None, claim: Claim | None, first: str | None = None
    ) -> None:
        """Show `claim`'s members in pane order, the member of article `first` (the sentence
        the user picked) leading."""
        self.beginResetModel()
        self._comparison = comparison if claim is not None else None
        self._claim = claim if comparison is not None else None
        self._members = []
        self._cells = []
        if self._comparison is not None and self._claim is not None:
            order = {a.id: i for i, a in enumerate(self._comparison.articles)}
            self._members = sorted(
                self._claim.members,
                key=lambda m: (m.article != first, order.get(m.article, 0)),
            )
            self._cells = [self._column(self._comparison, self._claim, m) for m in self._members]
        self.endResetModel()

    @staticmethod
    def _column(comparison: Comparison, claim: Claim, ref: SentenceRef) -> list[str]:
        report = comparison.framing
        framing = report.sentences.get(ref, SentenceFraming())
        placement = report.placements.get(ref, "")
        claim_framing = claim_framing_of(comparison, claim.id)
        if claim_framing is not None and ref.article in claim_framing.buried_in:
            placement += " (buried: another outlet led with it)"
        cells = []
        for row in range(len(ROW_HEADERS)):
            if row == ROW_PLACEMENT:
                lines = [placement] if placement else []
            elif row == ROW_CONFLICTS:
                lines = member_conflicts(comparison, claim, ref)
            else:
                lines = cue_lines(framing, row)
            cells.append("\n".join(lines))
        return cells

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._members else len(ROW_HEADERS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def cell(self, row: int, column: int) -> str:
        return self._cells[column][row]

    def column_of(self, article_id: str) -> int | None:
        for column, ref in enumerate(self._members):
            if ref.article == article_id:
                return column
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(ROW_HEADERS) and self._members:
                if role == Qt.ItemDataRole.DisplayRole:
                    return ROW_HEADERS[section][0]
                if role == Qt.ItemDataRole.ToolTipRole:
                    return ROW_HEADERS[section][1]
            return None
        if self._comparison is None or not 0 <= section < len(self._members):
            return None
        ref = self._members[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._comparison.article(ref.article).label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._comparison.sentence(ref).text)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._comparison is None:
            return None
        row, column = index.row(), index.column()
        if not (0 <= column < len(self._members) and 0 <= row < len(ROW_HEADERS)):
            return None
        text = self._cells[column][row]
        if role == Qt.ItemDataRole.DisplayRole:
            return text or NO_CUE
        if role == Qt.ItemDataRole.ToolTipRole:
            sentence = self._comparison.sentence(self._members[column]).text
            return tooltip(f"{text}\n\n{sentence}" if text else sentence)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == REF_ROLE:
            return self._members[column]
        if role == EMPTY_ROLE:
            return not text
        return None

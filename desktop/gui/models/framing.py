"""The selected claim's framing cues, one row per outlet carrying it, so six outlets fit.

`ClaimCuesModel` is a thin adapter over `Comparison.framing` (computed in the worker): rows are
the claim's members (outlets), columns the kinds of cue (placement, attribution, hedges, quotes,
figures, negations, conflicts). Cells are plain text, worked out for the one selected claim.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.comparison import Claim, Comparison, SentenceRef
from desktop.core.framing import SentenceFraming
from desktop.core.framing.report import is_listed_figure
from desktop.gui.models.summary import (
    ATTRIBUTION_HELP,
    ATTRIBUTION_LABELS,
    claim_framing_of,
    member_conflicts,
)
from desktop.gui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex

CUE_PLACEMENT = 0
CUE_ATTRIBUTION = 1
CUE_HEDGES = 2
CUE_QUOTES = 3
CUE_FIGURES = 4
CUE_NEGATIONS = 5
CUE_CONFLICTS = 6
CUE_HEADERS = (
    (
        "Placement",
        "Where the outlet put the sentence: headline, lead (first two sentences), upper or lower "
        "half. Buried: in the lower half while another outlet led with it.",
    ),
    ("Attribution", ATTRIBUTION_HELP + "; the words the attribution rests on in quotes"),
    ("Hedges", "Softening words; \"in quote\" ones are the quoted speaker's, not the outlet's"),
    ("Quotes", "Direct quotations and who the sentence says spoke them"),
    (
        "Figures",
        "Amounts, counts, durations and dates the sentence states (not clock times or weekdays)",
    ),
    ("Negations", "What the sentence says did not or will not happen"),
    ("Conflicts", "Where the sentence disagrees with another outlet's: its words ↔ theirs"),
)

REF_ROLE = Qt.ItemDataRole.UserRole + 1
"""The member `SentenceRef` of a row (every column)."""
EMPTY_ROLE = Qt.ItemDataRole.UserRole + 2
"""True when the cell has no cue (shown as "—")."""

NO_CUE = "—"


def attribution_text(framing: SentenceFraming) -> str:
    a = framing.attribution
    if a.kind == "none":
        return "no source (the outlet's own voice)"
    text = f"{ATTRIBUTION_LABELS.get(a.kind, a.kind)}: {a.source}"
    if a.kind == "outlet" and a.speaker and a.speaker != a.source:
        text += f", relaying {a.speaker}"
    elif a.speaker and a.speaker != a.source:
        text += f" (i.e. {a.speaker})"
    if a.cue:
        text += f" — “{a.cue}”"
    return text


def cue_lines(framing: SentenceFraming, cue: int) -> list[str]:
    """The text lines of one kind of cue for one member's sentence."""
    if cue == CUE_ATTRIBUTION:
        return [attribution_text(framing)]
    if cue == CUE_HEDGES:
        return [
            f"{c.text} ({c.kind}{', in quote: the speaker’s' if c.in_quote else ''})"
            for c in framing.hedges
        ]
    if cue == CUE_QUOTES:
        return [f"“{q.text}” — {q.speaker or 'speaker not named'}" for q in framing.quotes]
    if cue == CUE_FIGURES:
        return [f"{f.text} ({f.kind})" for f in framing.figures if is_listed_figure(f)]
    if cue == CUE_NEGATIONS:
        return [n.text + (" (in quote)" if n.in_quote else "") for n in framing.negations]
    return []


class ClaimCuesModel(QAbstractTableModel):
    """Rows: the selected claim's members (outlets); columns: kinds of cue (`CUE_*`)."""

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
            self._cells = [self._row(self._comparison, self._claim, m) for m in self._members]
        self.endResetModel()

    @staticmethod
    def _row(comparison: Comparison, claim: Claim, ref: SentenceRef) -> list[str]:
        report = comparison.framing
        framing = report.sentences.get(ref, SentenceFraming())
        placement = report.placements.get(ref, "")
        claim_framing = claim_framing_of(comparison, claim.id)
        if claim_framing is not None and ref.article in claim_framing.buried_in:
            placement += "\n(buried: another outlet led with it)"
        cells = []
        for cue in range(len(CUE_HEADERS)):
            if cue == CUE_PLACEMENT:
                lines = [placement] if placement else []
            elif cue == CUE_CONFLICTS:
                lines = member_conflicts(comparison, claim, ref)
            else:
                lines = cue_lines(framing, cue)
            cells.append("\n".join(lines))
        return cells

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._members else len(CUE_HEADERS)

    def cell(self, row: int, cue: int) -> str:
        return self._cells[row][cue]

    def row_of(self, article_id: str) -> int | None:
        for row, ref in enumerate(self._members):
            if ref.article == article_id:
                return row
        return None

    def is_empty_cue(self, cue: int) -> bool:
        """No member has a cue of this kind (the panel hides such columns)."""
        return all(not cells[cue] for cells in self._cells)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(CUE_HEADERS) and self._members:
                if role == Qt.ItemDataRole.DisplayRole:
                    return CUE_HEADERS[section][0]
                if role == Qt.ItemDataRole.ToolTipRole:
                    return CUE_HEADERS[section][1]
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
        if not (0 <= row < len(self._members) and 0 <= column < len(CUE_HEADERS)):
            return None
        text = self._cells[row][column]
        if role == Qt.ItemDataRole.DisplayRole:
            return text or NO_CUE
        if role == Qt.ItemDataRole.ToolTipRole:
            sentence = self._comparison.sentence(self._members[row]).text
            return tooltip(f"{text}\n\n{sentence}" if text else sentence)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == REF_ROLE:
            return self._members[row]
        if role == EMPTY_ROLE:
            return not text
        return None

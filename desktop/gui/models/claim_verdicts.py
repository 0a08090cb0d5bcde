"""The claims table's verdict column and filter: what a row shows of the user's verdicts.

Kept apart from claims.py (the table of statuses and framing) so the verdicts are one
self-contained addition: a `RowVerdicts` per claim, worked out once per comparison from its
`attached_verdicts` (`attach_rows`), the cell's text, tooltip, colour and sort key, and the
filter's test (`accepts`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.comparison import Comparison
from desktop.core.corrections import Pair
from desktop.core.verdicts import VERDICTS, ClaimVerdict, LinkVerdict
from desktop.gui import style
from desktop.gui.plain import tooltip

VERDICT_ROLE = Qt.ItemDataRole.UserRole + 20
"""The row's `RowVerdicts` (every column)."""

VERDICT_HEADER = (
    "Verdict",
    "Your verdict on the claim (✔ verified, ✘ disputed, ? needs checking, ⊘ not relevant) and "
    "the start of its note; ↔ marks verdicts on links inside the claim. Right-click a row to "
    "set one.",
)

VERDICT_FILTER_ALL = ""
VERDICT_FILTER_ANY = "any"
"""Claims with a verdict or a note, on the claim or on a link inside it."""
VERDICT_FILTER_NONE = "none"
VERDICT_FILTERS = (*VERDICTS, VERDICT_FILTER_ANY, VERDICT_FILTER_NONE)
"""Besides "" (every claim): a claim whose verdict, or a link's inside it, is that one."""


class RowVerdicts:
    """A claim's own verdict (or None) and the verdicts on links inside it."""

    __slots__ = ("claim", "links")

    def __init__(self, claim: ClaimVerdict | None, links: list[tuple[Pair, LinkVerdict]]):
        self.claim = claim
        self.links = links

    @property
    def empty(self) -> bool:
        return self.claim is None and not self.links

    def verdicts(self) -> set[str]:
        """Every verdict given ("" for a note without one)."""
        out = {v.verdict for _pair, v in self.links}
        if self.claim is not None:
            out.add(self.claim.verdict)
        return out


NO_VERDICTS = RowVerdicts(None, [])


def attach_rows(comparison: Comparison | None) -> dict[int, RowVerdicts]:
    """Claim id → its row's verdicts (claims without any are left out)."""
    rows: dict[int, RowVerdicts] = {}
    if comparison is None or comparison.verdicts.is_empty:
        return rows
    attached = comparison.attached_verdicts
    for claim_id, verdict in attached.claims.items():
        rows[claim_id] = RowVerdicts(verdict, [])
    for key, link_verdict in attached.links.items():
        row = rows.setdefault(comparison.claim_of(key[0]).id, RowVerdicts(None, []))
        row.links.append((key, link_verdict))
    return rows


def accepts(key: str, verdicts: RowVerdicts) -> bool:
    """Whether a row with `verdicts` passes the verdict filter `key` (not "")."""
    if key == VERDICT_FILTER_ANY:
        return not verdicts.empty
    if key == VERDICT_FILTER_NONE:
        return verdicts.empty
    return key in verdicts.verdicts()


def sort_key(verdicts: RowVerdicts) -> int:
    """What needs acting on first: disputed, needs checking, verified, not relevant, a note
    alone, only verdicts on links, then the claims without any."""
    claim = verdicts.claim
    if claim is not None:
        return style.VERDICT_RANK.index(claim.verdict) if claim.verdict else 4
    return 5 if verdicts.links else 6


def _first_line(note: str, limit: int = 60) -> str:
    line = note.strip().splitlines()[0] if note.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def verdict_data(verdicts: RowVerdicts, role: int, comparison: Comparison) -> Any:
    """The verdict cell's display text, tooltip and colour."""
    claim = verdicts.claim
    if role == Qt.ItemDataRole.DisplayRole:
        parts = []
        if claim is not None:
            note = _first_line(claim.note)
            parts.append(style.verdict_mark(claim.verdict) + (f" — {note}" if note else ""))
        if verdicts.links:
            marks = " ".join(
                style.VERDICT_SYMBOLS.get(v.verdict, style.NOTE_ONLY_SYMBOL)
                for _pair, v in verdicts.links
            )
            parts.append(f"↔ {marks}")
        return " · ".join(parts)
    if role == Qt.ItemDataRole.ToolTipRole:
        if verdicts.empty:
            return None
        lines = []
        if claim is not None:
            lines.append(f"Claim: {style.verdict_mark(claim.verdict)}")
            if claim.note:
                lines.append(claim.note)
        labels = {a.id: a.label for a in comparison.articles}
        for (x, y), v in verdicts.links:
            lines.append(
                f"Link {labels.get(x.article, x.article)} {x.sentence + 1} ↔ "
                f"{labels.get(y.article, y.article)} {y.sentence + 1}: "
                f"{style.verdict_mark(v.verdict)}"
            )
            if v.note:
                lines.append(v.note)
        return tooltip("\n".join(lines))
    if role == Qt.ItemDataRole.ForegroundRole and claim is not None and claim.verdict:
        return style.verdict_color(claim.verdict, QApplication.palette())
    return None

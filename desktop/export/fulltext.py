"""The articles in full, aligned by claim: each sentence with its counterparts beside it.

Printing each article in its own column by paragraph number puts unrelated paragraphs side by
side as soon as one outlet writes a longer introduction. A reader comparing full texts wants
the counterpart beside each sentence, as a collation table does (CollateX, Juxta): one row per
claim, one cell per outlet. Every sentence of every article appears exactly once.

Rows follow the first article's order; each other article's sentences join the row of their
claim, and a sentence no earlier article carries gets a new row right after the row of the
sentence before it in its own article (or, at the article's start, just above the row of the
first sentence that has one). So the first column reads exactly as printed and the
others read in order except where an outlet moved a fact, which the sentence numbers printed
in each cell make visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.comparison import Comparison


@dataclass(frozen=True)
class AlignedCell:
    sentence: int
    """Index in the article, from 0."""
    status: str
    text: str


@dataclass(frozen=True)
class AlignedRow:
    claim: int
    cells: tuple[AlignedCell | None, ...]
    """One per outlet, in the comparison's article order; None where the outlet has none."""


def aligned_rows(comparison: Comparison) -> tuple[AlignedRow, ...]:
    """Every claim as a row with every outlet's cell, ordered for all outlets (`arrange`)."""
    c = comparison
    rows = []
    for claim in c.claims:
        members = {m.article: m for m in claim.members}
        cells: list[AlignedCell | None] = []
        for article in c.articles:
            ref = members.get(article.id)
            if ref is None:
                cells.append(None)
            else:
                cells.append(AlignedCell(ref.sentence, c.status(ref), c.sentence(ref).text))
        rows.append(AlignedRow(claim.id, tuple(cells)))
    return tuple(arrange(rows, range(len(c.articles))))


def arrange(rows: Sequence[AlignedRow], columns: Sequence[int]) -> list[AlignedRow]:
    """The rows that have a cell in `columns` (outlet indices), in reading order for them.

    A table that shows only some outlets (a page holds three or four) is ordered for those: its
    first column reads exactly as printed, whatever the outlets on other pages do.
    """
    by_claim = {row.claim: row for row in rows}
    order: list[int] = []
    for column in columns:
        mine = sorted(
            (cell.sentence, row.claim) for row in rows if (cell := row.cells[column]) is not None
        )
        claims = [claim for _, claim in mine]
        where = {k: i for i, k in enumerate(order)}
        # Sentences before the first one that already has a row go just above that row.
        first = next((i for i, k in enumerate(claims) if k in where), None)
        if first is None:  # the first column, or one that shares nothing with those before
            order += claims
            continue
        lead = claims[:first]
        order[where[claims[first]] : where[claims[first]]] = lead
        last = where[claims[first]] + len(lead)
        for k in claims[first:]:
            if k in order[last : last + 1]:
                continue
            try:
                last = order.index(k)
            except ValueError:
                order.insert(last + 1, k)
                last += 1
    return [by_claim[k] for k in order]

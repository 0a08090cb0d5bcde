"""The comparison as two CSV tables, for spreadsheets and scripts.

`OUT.csv` is the claims matrix: one row per claim (all of them, including claims only one outlet
carries, but not datelines: "WASHINGTON —" says where a report was filed, not a fact), one
column per outlet, cells `shared`, `reworded`, `conflicting`, `missing` or `unique`.
`OUT-links.csv`, next to it, has one row per link with both sentences, score, relation and
conflicts. Two flat files rather than a folder, because that is what people attach to mail.
Both end with `verdict` and `note` columns (the user's judgement, verdicts.py); a verdict that no
longer attaches to any claim or link is a last row with an empty `claim` (and, in the links
table, an empty `score`), so nothing the user wrote is left out.

Both are UTF-8 with a byte-order mark and CRLF line ends: Excel reads UTF-8 only with the mark,
and LibreOffice, pandas (`encoding="utf-8-sig"`) and Python's csv module read it fine. Text cells
that a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe, the
usual guard. That applies to every text cell, outlet names in the header and the link rows
included (an outlet can come from a hostile page's `og:site_name` or a file named `=1+1.md`);
the JSON export keeps the text untouched for anyone who needs it exact.
(The module is not called csv.py so that it never shadows the standard library's csv.)
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.verdicts import ClaimVerdict, LinkVerdict
from desktop.export.report import MISSING, UNIQUE, Report

log = logging.getLogger(__name__)

BOM = "\ufeff"


def links_path(path: Path) -> Path:
    """Where the links table goes for a matrix written to `path`: OUT.csv → OUT-links.csv."""
    path = Path(path)
    suffix = path.suffix or ".csv"
    return path.with_name(f"{path.stem}-links{suffix}")


def _safe(text: str) -> str:
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


class _GuardedWriter:
    """A csv writer that formula-guards every text cell it writes, whatever the column."""

    def __init__(self, buf: io.StringIO) -> None:
        self._writer = csv.writer(buf)

    def writerow(self, row: list[object]) -> None:
        self._writer.writerow([_safe(cell) if isinstance(cell, str) else cell for cell in row])


def matrix_csv(comparison: Comparison, report: Report) -> str:
    """Every claim, one column per outlet (header: outlet names)."""
    c = comparison
    position = {a.id: i for i, a in enumerate(c.articles)}
    by_claim = {row.claim: row for row in report.matrix}
    buf = io.StringIO()
    w = _GuardedWriter(buf)
    w.writerow(["claim", "outlets", "text", *(o.label for o in report.outlets), "verdict", "note"])
    attached = c.attached_verdicts
    for claim in c.fact_claims:  # datelines only say where a report was filed
        row = by_claim.get(claim.id)
        if row is not None:
            cells = list(row.cells)
        else:
            cells = [MISSING] * len(c.articles)
            for ref in claim.members:
                cells[position[ref.article]] = UNIQUE
        text = c.sentence(claim.members[0]).text
        w.writerow([claim.id, len(claim.members), text, *cells, *_judged(attached.claim(claim.id))])
    for orphan in attached.orphans:
        if isinstance(orphan.verdict, ClaimVerdict):
            v = orphan.verdict
            blank = [""] * len(c.articles)
            w.writerow(["", len(v.anchors), v.text, *blank, *_judged(v)])
    return BOM + buf.getvalue()


def _judged(v: ClaimVerdict | LinkVerdict | None) -> list[str]:
    """The verdict and note cells (empty without one)."""
    if v is None:
        return ["", ""]
    return [v.verdict, v.note]


def links_csv(comparison: Comparison) -> str:
    """One row per link: both sides (outlet, sentence number from 1, text) and the verdict."""
    c = comparison
    buf = io.StringIO()
    w = _GuardedWriter(buf)
    w.writerow(
        [
            "claim", "outlet_a", "sentence_a", "text_a", "outlet_b", "sentence_b", "text_b",
            "score", "relation", "conflicts", "manual", "verdict", "note",
        ]
    )  # fmt: skip
    attached = c.attached_verdicts
    for link in c.links:
        conflicts = "; ".join(f"{x.cause}: {x.a} | {x.b}" for x in link.conflicts)
        w.writerow(
            [
                c.claim_of(link.a).id,
                c.article(link.a.article).label,
                link.a.sentence + 1,
                c.sentence(link.a).text,
                c.article(link.b.article).label,
                link.b.sentence + 1,
                c.sentence(link.b).text,
                f"{link.score:.2f}",
                link.relation,
                conflicts,
                "yes" if link.manual else "",
                *_judged(attached.link(link.a, link.b)),
            ]
        )
    for orphan in attached.orphans:
        if isinstance(orphan.verdict, LinkVerdict):
            v = orphan.verdict
            x, y = v.pair
            w.writerow(["", *_side(c, x), *_side(c, y), "", "", "", "", *_judged(v)])
    return BOM + buf.getvalue()


def _side(c: Comparison, ref: SentenceRef) -> list[str | int]:
    """Outlet, sentence number and text of one end of a link that may no longer exist."""
    try:
        article = c.article(ref.article)
        text = article.sentences[ref.sentence].text
    except (KeyError, IndexError):
        return [ref.article, ref.sentence + 1, ""]
    return [article.label, ref.sentence + 1, text]

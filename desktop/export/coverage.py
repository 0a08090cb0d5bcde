"""The coverage chart: which outlet carries each main claim, as a dot matrix, in plain data.

People would rather look than read to see who covers what, so the reports and the window's
claims view draw one chart: rows are the main claims (those most outlets carry),
columns the outlets, and each cell the outlet's status as the shared symbol set draws it
(symbols.py: ● shared, ◐ reworded, ⚠ conflict, — not reported). Everything is worked out here
without Qt: `coverage_chart` picks the claims and statuses, and `layout_chart` places every
mark, label and rule in points, so the PDF (QPainter), the HTML (inline SVG) and the window
paint exactly the same picture and only translate primitives. Labels are shortened by an
estimate of their width (no font metrics here), the same estimate in every renderer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from desktop.core.comparison import CONFLICTING, REWORDED, SHARED, Comparison, SentenceRef
from desktop.core.symbols import MISSING, STATUS_WORDS

MAIN_CLAIMS = 12
"""How many claims the chart shows at most: the ones carried by the most outlets."""

CHAR_WIDTH = 0.56
"""Average advance of a DejaVu Sans character, in ems (measured on English news text)."""


@dataclass(frozen=True)
class CoverageChart:
    """The main claims (rows) by outlet (columns)."""

    claims: tuple[int, ...]
    labels: tuple[str, ...]
    """Each claim's text as the first outlet carrying it puts it."""
    outlets: tuple[str, ...]
    """Short outlet names for the column heads (`report.abbreviate`)."""
    names: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    """cells[row][outlet]: shared, reworded, conflicting or missing."""
    carriers: tuple[int, ...]
    shared_claims: int
    """Claims carried by two or more outlets in the scope (the chart shows the first few)."""

    @property
    def empty(self) -> bool:
        return not self.claims


def coverage_chart(
    comparison: Comparison,
    statuses: dict[int, tuple[str, ...]],
    shorts: tuple[str, ...],
    claim_ids: Collection[int] | None = None,
    limit: int = MAIN_CLAIMS,
) -> CoverageChart:
    """The chart of `comparison`: up to `limit` claims carried by the most outlets (ties in
    claim order), among `claim_ids` when given. `statuses` maps a claim id to one cell status per
    outlet (the claims matrix's, so chart and matrix never disagree)."""
    c = comparison
    multi = [
        cl
        for cl in c.multi_claims
        if (claim_ids is None or cl.id in claim_ids) and cl.id in statuses
    ]
    main = sorted(multi, key=lambda cl: (-len(cl.members), cl.id))[:limit]
    main.sort(key=lambda cl: (-len(cl.members), _first_position(c, cl.members)))
    return CoverageChart(
        claims=tuple(cl.id for cl in main),
        labels=tuple(c.sentence(cl.members[0]).text for cl in main),
        outlets=shorts,
        names=tuple(a.label for a in c.articles),
        cells=tuple(statuses[cl.id] for cl in main),
        carriers=tuple(len(cl.members) for cl in main),
        shared_claims=len(multi),
    )


def _first_position(c: Comparison, members: tuple[SentenceRef, ...]) -> float:
    """Mean relative position of the claim in the articles carrying it (reading order)."""
    shares = [m.sentence / max(len(c.article(m.article).sentences), 1) for m in members]
    return sum(shares) / len(shares)


# -- layout: primitives in points ------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    """Baseline."""
    text: str
    size: float
    anchor: str = "start"
    """"start", "middle" or "end" (SVG's text-anchor)."""
    bold: bool = False
    colour: str = "#222222"


@dataclass(frozen=True)
class Mark:
    """One status symbol centred on (x, y) with radius r; the renderer draws its shape."""

    x: float
    y: float
    r: float
    status: str


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = "#dddddd"


@dataclass(frozen=True)
class ChartLayout:
    width: float
    height: float
    texts: tuple[Text, ...]
    marks: tuple[Mark, ...]
    rules: tuple[Rule, ...]
    rows: tuple[tuple[int, float, float], ...] = ()
    """(claim id, top, bottom) of each row: where the window finds the claim clicked."""

    def claim_at(self, y: float) -> int | None:
        """The claim of the row at height `y` (points), if any."""
        return next((claim for claim, top, bottom in self.rows if top <= y < bottom), None)


LEGEND = (SHARED, REWORDED, CONFLICTING, MISSING)


def fit(text: str, width: float, size: float) -> str:
    """`text` shortened with "…" to fit `width` points at `size` (by the average advance)."""
    room = int(width / (CHAR_WIDTH * size))
    if len(text) <= room:
        return text
    return text[: max(room - 1, 1)].rstrip() + "…"


def text_width(text: str, size: float) -> float:
    return len(text) * CHAR_WIDTH * size


def layout_chart(chart: CoverageChart, width: float, size: float = 7.5) -> ChartLayout:
    """Place the chart in a box `width` points wide; the height follows from the rows."""
    n = max(len(chart.outlets), 1)
    row_h = size * 2.0
    count_w = text_width("outlets", size) + size
    # Columns: as wide as the longest head (short names) and a gap, at least a dot and a gap,
    # at most 3.2 row heights so a three-outlet chart does not stretch across the page.
    head_w = max((text_width(o, size) for o in chart.outlets), default=size)
    col_w = min(max(head_w + size, row_h * 1.3), row_h * 3.2)
    label_w = width - count_w - n * col_w
    if label_w < width * 0.3:  # many outlets: narrower columns rather than no labels
        label_w = width * 0.3
        col_w = (width - count_w - label_w) / n
    # Heads wider than their column alternate between two lines, so neighbours never touch
    # (bold digits and capitals run wider than the average advance: about 0.72 em).
    stagger = any(len(o) * 0.72 * size > col_w - 1 for o in chart.outlets)
    top = size * (3.4 if stagger else 2.2)
    texts: list[Text] = []
    marks: list[Mark] = []
    rules: list[Rule] = []
    rows: list[tuple[int, float, float]] = []
    x0 = label_w
    for j, head in enumerate(chart.outlets):
        cx = x0 + (j + 0.5) * col_w
        y = top - size * 0.7 - (size * 1.2 if stagger and j % 2 else 0.0)
        room = 2 * col_w - 2 if stagger else col_w + 2
        texts.append(Text(cx, y, fit(head, room, size), size, "middle", True))
    texts.append(Text(width, top - size * 0.7, "outlets", size, "end", True))
    total = len(chart.names)
    for i, (claim, label) in enumerate(zip(chart.claims, chart.labels, strict=True)):
        y = top + i * row_h
        mid = y + row_h / 2
        rows.append((claim, y, y + row_h))
        rules.append(Rule(0, y, width, y))
        prefix = f"{claim}  "
        texts.append(Text(0, mid + size * 0.35, prefix, size, "start", True))
        texts.append(
            Text(
                text_width(prefix, size),
                mid + size * 0.35,
                fit(label, label_w - text_width(prefix, size) - 4, size),
                size,
            )
        )
        for j, status in enumerate(chart.cells[i]):
            marks.append(Mark(x0 + (j + 0.5) * col_w, mid, min(size * 0.62, col_w * 0.38), status))
        texts.append(Text(width, mid + size * 0.35, f"{chart.carriers[i]}/{total}", size, "end"))
    bottom = top + len(chart.claims) * row_h
    rules.append(Rule(0, bottom, width, bottom))
    # Legend: the same marks with their words.
    ly = bottom + row_h * 0.9
    x = 0.0
    for status in LEGEND:
        marks.append(Mark(x + size * 0.6, ly - size * 0.35, size * 0.55, status))
        word = STATUS_WORDS[status]
        texts.append(Text(x + size * 1.6, ly, word, size))
        x += size * 1.6 + text_width(word, size) + size * 1.5
    return ChartLayout(
        width, ly + size * 0.8, tuple(texts), tuple(marks), tuple(rules), tuple(rows)
    )

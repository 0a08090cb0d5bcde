"""The report as PDF, laid out and paginated by our own loop over Qt's text layout.

PDF is the format people hand over, so it must look finished: no table row cut in half by a
page break, no columns collapsed, text that copies and searches as it reads. Qt's own
`QTextDocument.print()` gets these wrong in ways measured here (rows straddle pages; `nowrap`
cells without explicit widths collapse; ligatures make extracted text read "ﬁ"). So every table
cell is its own small `QTextDocument` with an explicit width; rows are measured, kept whole and
moved to the next page when they would straddle a break (a row taller than a page is cut between
lines); a table's header is repeated on each page it continues on; and the footer "Page i of N"
is drawn by the print loop once the page count is known. Ligatures are switched off on the one
font every document derives from.

This is the only module under `desktop/export` that imports Qt (PySide6 QtGui, no widgets), so
`parallax compare --pdf` works headless: the CLI selects the offscreen platform before the
first import, and a `QGuiApplication` is created here if the process has none.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from desktop.core.errors import Cancelled, ExportError
from desktop.core.options import (
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.export.report import (
    CHANGED,
    COLOURS,
    CONFLICT,
    CONFLICTING,
    LABELS,
    SYMBOLS,
    TINTS,
    UNIQUE,
    ClaimDetail,
    Report,
    Span,
)

log = logging.getLogger(__name__)

DPI = 300
"""Device resolution; every length below is in device pixels, `PT` of them to a point."""
PT = DPI / 72
MM = DPI / 25.4
FAMILY = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
PORTRAIT_MAX_OUTLETS = 3
#: Outlet, then `report.FRAMING_COLUMNS`: word choices and quotes need the room.
FRAMING_WIDTHS = (0.11, 0.08, 0.11, 0.10, 0.14, 0.15, 0.11, 0.20)
GRID = QColor("#c8c8c8")
HEADER_BG = QColor("#eeeeee")
STRIPE_BG = QColor("#f7f7f7")

_app: QGuiApplication | None = None


def ensure_app() -> None:
    """Fonts need a QGuiApplication; make one when run from the command line."""
    global _app
    app = QCoreApplication.instance()
    if app is None:
        _app = QGuiApplication(["parallax"])
    elif not isinstance(app, QGuiApplication):
        raise ExportError("PDF export needs a Qt GUI application, but a console one is running.")


def base_font(size_pt: float, family: str = FAMILY) -> QFont:
    """The font everything derives from: ligatures off, so "fi" extracts as two letters.

    `QFont.setFeature(QFont.Tag("liga"), 0)` would be the direct way, but in PySide6 6.12 each
    call drops a reference to Python's `None` (measured: 100 calls, refcount −100), which
    crashes Python 3.11 sooner or later. `PreferNoShaping` skips OpenType shaping, ligatures
    included, for scripts that do not need it (Latin, Cyrillic, Greek …); scripts that do
    (Arabic, Devanagari …) are still shaped.
    """
    font = QFont(family)
    font.setStyleHint(QFont.StyleHint.TypeWriter if family == MONO else QFont.StyleHint.SansSerif)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    font.setPointSizeF(size_pt)
    return font


def e(text: object) -> str:
    return html.escape(str(text), quote=False)


# -- blocks: the units the paginator places ----------------------------------------------------


class _Cell:
    """One piece of content with a fixed width; `cuts` are heights at which it may be split."""

    height: float

    def draw(self, painter: QPainter, width: float) -> None:
        raise NotImplementedError

    def unsafe(self) -> list[tuple[float, float]]:
        """(top, bottom) of each line: a cut inside one would slice the text."""
        return []


class _RichCell(_Cell):
    """Qt rich text (our own escaped markup) laid out at the writer's resolution."""

    def __init__(self, ctx: _Context, markup: str, width: float, font: QFont) -> None:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(ctx.writer)
        doc.setDefaultFont(font)
        # Qt scales document lengths from 96 dpi "pixels" to the device: undo that for the margin.
        doc.setDocumentMargin(ctx.pad * 96 / DPI)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(markup)
        doc.setTextWidth(width)
        self.doc = doc
        self.height = doc.size().height()

    def draw(self, painter: QPainter, width: float) -> None:
        self.doc.drawContents(painter)

    def unsafe(self) -> list[tuple[float, float]]:
        spans = []
        block = self.doc.begin()
        while block.isValid():
            layout = block.layout()
            top = layout.position().y()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                spans.append((top + line.y(), top + line.y() + line.height()))
            block = block.next()
        return spans


class _TextCell(_Cell):
    """One line drawn directly (matrix symbols): far cheaper than a document per cell."""

    def __init__(
        self, ctx: _Context, text: str, font: QFont, colour: str = "#000000", centre: bool = True
    ) -> None:
        self.ctx, self.text, self.font, self.colour, self.centre = ctx, text, font, colour, centre
        self.height = QFontMetricsF(font, ctx.writer).height() + 2 * ctx.pad

    def draw(self, painter: QPainter, width: float) -> None:
        painter.setFont(self.font)
        painter.setPen(QColor(self.colour))
        flags = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignHCenter if self.centre else Qt.AlignmentFlag.AlignLeft
        )
        rect = QRectF(self.ctx.pad, 0, width - 2 * self.ctx.pad, self.height)
        painter.drawText(rect, int(flags), self.text)


@dataclass
class _Block:
    """A unit of the flow: a full-width paragraph or one table row."""

    cells: list[_Cell]
    widths: list[float]
    backgrounds: list[QColor | None] = field(default_factory=list)
    grid: bool = True
    keep_with_next: bool = False
    header: _Block | None = None
    """The header row of the table this row belongs to (repeated on continuation pages)."""
    space_before: float = 0.0

    def __post_init__(self) -> None:
        self.height = max((c.height for c in self.cells), default=0.0)

    @property
    def width(self) -> float:
        return sum(self.widths)

    def cut(self, start: float, limit: float) -> float:
        """The lowest height in (start, start + limit] at which no line of any cell is sliced."""
        spans = [s for c in self.cells for s in c.unsafe()]
        candidates = sorted({b for _, b in spans if start < b <= start + limit}, reverse=True)
        for y in candidates:
            if all(not (top < y - 0.5 and bottom > y + 0.5) for top, bottom in spans):
                return y - start
        return limit  # a line taller than a page: nothing better than a clean slice

    def draw(self, painter: QPainter, x: float, y: float, offset: float, visible: float) -> None:
        painter.save()
        painter.setClipRect(QRectF(x, y, self.width, visible))
        painter.translate(x, y - offset)
        left = 0.0
        for i, (cell, width) in enumerate(zip(self.cells, self.widths, strict=True)):
            bg = self.backgrounds[i] if i < len(self.backgrounds) else None
            if bg is not None:
                painter.fillRect(QRectF(left, 0, width, self.height), bg)
            painter.save()
            painter.translate(left, 0)
            cell.draw(painter, width)
            painter.restore()
            if self.grid:
                painter.setPen(QPen(GRID, 0.5 * PT))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(left, 0, width, self.height))
            left += width
        painter.restore()


@dataclass
class _Placement:
    block: _Block
    y: float
    offset: float
    visible: float


@dataclass
class _Context:
    """Page geometry and fonts for one report."""

    writer: QPdfWriter
    landscape: bool
    n_outlets: int
    width: float = 0.0
    height: float = 0.0
    left: float = 16 * MM
    top: float = 14 * MM
    bottom_margin: float = 18 * MM
    pad: float = 2.4 * PT
    body: QFont = field(default_factory=QFont)
    small: QFont = field(default_factory=QFont)
    small_bold: QFont = field(default_factory=QFont)
    footer: QFont = field(default_factory=QFont)

    def __post_init__(self) -> None:
        self.width = float(self.writer.width())
        self.height = float(self.writer.height())
        self.body = base_font(9.0)
        small = 8.0 if self.n_outlets <= 6 else 7.0
        self.small = base_font(small)
        self.small_bold = base_font(small)
        self.small_bold.setBold(True)
        self.footer = base_font(7.5)

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.left

    @property
    def bottom(self) -> float:
        return self.height - self.bottom_margin


# -- markup ------------------------------------------------------------------------------------


def _symbol(status: str, word: bool = False) -> str:
    text = SYMBOLS[status] + (f" {LABELS[status]}" if word else "")
    return f'<span style="color:{COLOURS[status]}; font-weight:bold">{e(text)}</span>'


def _spans(spans: Sequence[Span]) -> str:
    out = []
    for s in spans:
        if s.mark == CONFLICT:
            out.append(
                f'<span style="background-color:{TINTS["conflict"]}; font-weight:bold; '
                f'text-decoration:underline">{e(s.text)}</span>'
            )
        elif s.mark == CHANGED:
            out.append(
                f'<span style="background-color:{TINTS["changed"]}; '
                f'text-decoration:underline">{e(s.text)}</span>'
            )
        else:
            out.append(e(s.text))
    return "".join(out)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


# -- building the flow -------------------------------------------------------------------------


class _Flow:
    """Turns the report into blocks, in reading order."""

    def __init__(self, ctx: _Context, cancelled: CancelledCallback) -> None:
        self.ctx = ctx
        self.blocks: list[_Block] = []
        self.cancelled = cancelled

    def paragraph(
        self, markup: str, size: float = 9.0, bold: bool = False, keep: bool = False,
        space: float = 0.0, font: QFont | None = None,
    ) -> None:  # fmt: skip
        if font is None:
            font = base_font(size)
            font.setBold(bold)
        cell = _RichCell(self.ctx, markup, self.ctx.content_width, font)
        self.blocks.append(
            _Block([cell], [self.ctx.content_width], grid=False, keep_with_next=keep,
                   space_before=space)
        )  # fmt: skip

    def heading(self, text: str, level: int = 1) -> None:
        size = {0: 17.0, 1: 13.0, 2: 10.5}[level]
        space = {0: 0.0, 1: 10 * PT, 2: 6 * PT}[level]
        self.paragraph(e(text), size=size, bold=True, keep=True, space=space)

    def table(
        self,
        fractions: Sequence[float],
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str | _Cell]],
        font: QFont | None = None,
        stripes: bool = False,
        header_font: QFont | None = None,
    ) -> None:
        """A table with explicit column widths (fractions of the text width)."""
        font = font or self.ctx.body
        widths = [f * self.ctx.content_width for f in fractions]
        head_block = None
        if header is not None:
            hfont = QFont(header_font or font)
            hfont.setBold(True)
            head_block = _Block(
                [_RichCell(self.ctx, h, w, hfont) for h, w in zip(header, widths, strict=True)],
                widths,
                [HEADER_BG] * len(widths),
                keep_with_next=True,
            )
            self.blocks.append(head_block)
        for k, row in enumerate(rows):
            if k % 20 == 0 and self.cancelled():
                raise Cancelled()
            cells = [
                c if isinstance(c, _Cell) else _RichCell(self.ctx, c, w, font)
                for c, w in zip(row, widths, strict=True)
            ]
            bg = STRIPE_BG if stripes and k % 2 else None
            self.blocks.append(_Block(cells, widths, [bg] * len(cells), header=head_block))


def _build_flow(ctx: _Context, r: Report, cancelled: CancelledCallback) -> list[_Block]:
    f = _Flow(ctx, cancelled)
    n = len(r.outlets)
    short = n > PORTRAIT_MAX_OUTLETS
    heads = [e(o.short if short else o.label) for o in r.outlets]

    f.paragraph(e(r.title), size=17.0, bold=True)
    f.paragraph(
        f"Parallax report of {e(r.created)} · Parallax {e(r.version)} · {n} articles, "
        f"{r.claims_total} claims, {r.links_total} links",
        size=9.0,
        space=2 * PT,
    )
    f.heading("Articles")
    f.table(
        [0.18, 0.32, 0.12, 0.16, 0.22],
        ["Outlet", "Title", "Date", "Author", "Source"],
        [[e(o.label), e(o.title), e(o.published), e(o.author), e(o.source)] for o in r.outlets],
        font=ctx.small,
    )
    legend = " &nbsp; ".join(_symbol(s, True) for s in SYMBOLS)
    legend += (
        f' &nbsp; <span style="background-color:{TINTS["changed"]}; text-decoration:underline">'
        "underlined</span>: words that differ &nbsp; "
        f'<span style="background-color:{TINTS["conflict"]}; font-weight:bold; '
        'text-decoration:underline">bold underlined</span>: conflict'
    )
    f.paragraph(legend, size=8.0, space=4 * PT)

    f.heading("Summary")
    statuses = ("shared", "reworded", "conflicting", "unique")
    f.table(
        [0.24, 0.11, 0.12, 0.12, 0.12, 0.12, 0.17],
        ["Outlet", "Sentences", *(f"{_symbol(s)} {s}" for s in statuses), "Carried elsewhere"],
        [
            [
                e(o.label),
                str(o.sentences),
                *(str(o.counts[s]) for s in statuses),
                _pct(o.carried_elsewhere),
            ]
            for o in r.outlets
        ],
        font=ctx.small,
    )
    f.heading("Agreement between outlets", 2)
    f.paragraph(
        "Share of the row outlet's sentences that the column outlet also carries.",
        size=8.0,
        keep=True,
    )
    per = min(0.78 / n, 0.12)
    f.table(
        [0.22] + [per] * n,
        ["", *heads],
        [
            [e(o.label), *(_TextCell(ctx, _pct(v), ctx.small) for v in row)]
            for o, row in zip(r.outlets, r.agreement, strict=True)
        ],
        font=ctx.small,
        stripes=True,
    )
    key = (
        "Key: "
        + " &nbsp; ".join(
            f"<b>{e(o.short)}</b>&nbsp;{e(o.label).replace(' ', '&nbsp;')}" for o in r.outlets
        )
        if short
        else ""
    )
    if key:
        f.paragraph(key, size=8.0)

    f.heading("Claims matrix")
    f.paragraph(
        f"{len(r.matrix)} claims carried by two or more outlets; {r.single_claims} more are "
        "carried by one outlet only (see “What each outlet alone reports”).",
        size=8.0,
        keep=True,
    )
    if key:
        f.paragraph(key, size=8.0, keep=True)
    per = min(0.45 / n, 0.14)
    words = n <= 4
    f.table(
        [0.06, 0.94 - per * n] + [per] * n,
        ["#", "Claim", *heads],
        [
            [
                _TextCell(ctx, str(row.claim), ctx.small),
                e(row.text),
                *(
                    _TextCell(
                        ctx,
                        SYMBOLS[s] + (f" {s}" if words else ""),
                        ctx.small_bold,
                        COLOURS[s],
                    )
                    for s in row.cells
                ),
            ]
            for row in r.matrix
        ],
        font=ctx.small,
        stripes=True,
    )

    f.heading(f"Conflicts ({len(r.conflicts)})")
    if not r.conflicts:
        f.paragraph(
            "No linked sentences disagree on numbers, dates, negation or certainty.", size=9.0
        )
    for d in r.conflicts:
        _detail(f, r, d)
    f.heading(f"Rewordings ({len(r.rewordings)})")
    if not r.rewordings:
        f.paragraph("Every claim carried by several outlets uses the same words.", size=9.0)
    for d in r.rewordings:
        _detail(f, r, d)

    f.heading("What each outlet alone reports")
    for only in r.outlet_only:
        f.heading(f"{r.outlets[only.outlet].label} ({len(only.sentences)})", 2)
        if not only.sentences:
            f.paragraph("Nothing: every sentence is carried by another outlet.", size=9.0)
            continue
        f.table(
            [0.06, 0.94],
            None,
            [[_TextCell(ctx, str(i + 1), ctx.small), f"{_symbol(UNIQUE)} {e(text)}"]
             for i, text in only.sentences],
        )  # fmt: skip

    f.heading("Framing profiles")
    if r.framing is None:
        f.paragraph("Framing analysis is not available in this version.", size=9.0)
    else:
        cols = len(r.framing.columns)
        fractions = [0.25] + [0.75 / max(cols, 1)] * cols
        if cols == len(FRAMING_WIDTHS) - 1:
            fractions = list(FRAMING_WIDTHS)
        f.table(
            fractions,
            ["Outlet", *(e(c) for c in r.framing.columns)],
            [
                [e(o.label), *(e(v) for v in row)]
                for o, row in zip(r.outlets, r.framing.rows, strict=False)
            ],
            font=ctx.small,
        )
        for note in r.framing.notes:
            f.paragraph(e(note), size=8.0)

    if r.full_texts is not None:
        f.heading("Articles in full")
        group = 4 if ctx.landscape else 3
        for start in range(0, len(r.full_texts), group):
            texts = r.full_texts[start : start + group]
            width = 1.0 / len(texts)
            depth = max(len(t.paragraphs) for t in texts)
            rows = []
            for p in range(depth):
                row = []
                for t in texts:
                    if p >= len(t.paragraphs):
                        row.append("")
                        continue
                    row.append(
                        " ".join(
                            f"{_symbol(s.status)} "
                            + (f"<i>{e(s.text)}</i>" if s.status == UNIQUE else e(s.text))
                            for s in t.paragraphs[p]
                        )
                    )
                rows.append(row)
            f.table(
                [width] * len(texts),
                [e(r.outlets[t.outlet].label) for t in texts],
                rows,
                font=ctx.small,
            )

    m = r.method
    f.heading("Method")
    f.table(
        [0.2, 0.8],
        None,
        [
            *([e(k), e(v)] for k, v in m.options),
            ["scorer method", e(m.scorer_description)],
            ["generator", e(m.generator)],
        ],
        font=ctx.small,
    )
    f.paragraph(
        "To reproduce this comparison, run from the folder the articles were loaded from:",
        size=8.5,
        keep=True,
        space=4 * PT,
    )
    f.paragraph(f'<pre style="margin:0">{e(m.command_lines)}</pre>', font=base_font(8.0, MONO))
    if m.manual_links:
        f.paragraph(
            f"{m.manual_links} links were made by hand and are not reproduced by the command.",
            size=8.5,
        )
    return f.blocks


def _detail(f: _Flow, r: Report, d: ClaimDetail) -> None:
    f.paragraph(
        f"Claim {d.claim} · {_symbol(d.status, True)} · carried by {len(d.lines)} of "
        f"{len(r.outlets)} outlets",
        size=9.5,
        bold=True,
        keep=True,
        space=5 * PT,
    )
    rows: list[list[str | _Cell]] = [
        [f"{_symbol(line.status)} {e(r.outlets[line.outlet].label)}", _spans(line.spans)]
        for line in d.lines
    ]
    for note in d.conflicts:
        rows.append(
            [
                f"{_symbol(CONFLICTING)} Conflict",
                f"{e(note.cause)}: “{e(note.words_a or '(none)')}” "
                f"({e(r.outlets[note.outlet_a].label)}) vs “{e(note.words_b or '(none)')}” "
                f"({e(r.outlets[note.outlet_b].label)})",
            ]
        )
    if d.missing:
        names = ", ".join(r.outlets[i].label for i in d.missing)
        rows.append([f"{_symbol('missing')} Not reported", e(names)])
    first = len(f.blocks)
    f.table([0.22, 0.78], None, rows)
    # Keep a claim on one page when it fits on one (the paginator caps what it keeps together).
    for block in f.blocks[first:-1]:
        block.keep_with_next = True


# -- pagination and painting -------------------------------------------------------------------


def _paginate(ctx: _Context, blocks: list[_Block]) -> list[list[_Placement]]:
    pages: list[list[_Placement]] = [[]]
    page_h = ctx.bottom - ctx.top
    y = ctx.top

    def new_page(continuing: _Block | None) -> None:
        nonlocal y
        pages.append([])
        y = ctx.top
        head = continuing.header if continuing is not None else None
        if head is not None and head is not continuing:
            pages[-1].append(_Placement(head, y, 0.0, head.height))
            y += head.height

    for idx, block in enumerate(blocks):
        if pages[-1] and block.space_before:
            y += block.space_before
        # A heading (or table header) stays with what follows it.
        need, j = block.height, idx
        while blocks[j].keep_with_next and j + 1 < len(blocks):
            j += 1
            need += blocks[j].height + blocks[j].space_before
        need = min(need, page_h)
        if y + need > ctx.bottom + 0.5 and pages[-1]:
            new_page(block)
        offset = 0.0
        while True:
            room = ctx.bottom - y
            remaining = block.height - offset
            if remaining <= room + 0.5:
                pages[-1].append(_Placement(block, y, offset, remaining))
                y += remaining
                break
            piece = block.cut(offset, room)
            if piece <= 0.5 * PT:
                new_page(block)
                continue
            pages[-1].append(_Placement(block, y, offset, piece))
            offset += piece
            new_page(block)
    return pages


def _footer(ctx: _Context, painter: QPainter, title: str, page: int, total: int) -> None:
    y = ctx.bottom + 6 * MM
    painter.setPen(QPen(GRID, 0.5 * PT))
    painter.drawLine(QPointF(ctx.left, y), QPointF(ctx.width - ctx.left, y))
    painter.setFont(ctx.footer)
    painter.setPen(QColor("#444444"))
    metrics = QFontMetricsF(ctx.footer, ctx.writer)
    right = f"Page {page} of {total}"
    room = ctx.content_width - metrics.horizontalAdvance(right) - 10 * MM
    left = metrics.elidedText(f"Parallax report · {title}", Qt.TextElideMode.ElideRight, room)
    box = QRectF(ctx.left, y + 1.5 * MM, ctx.content_width, metrics.height())
    painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), left)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignRight), right)


def render_pdf(
    report: Report,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
) -> bytes:
    """The report as PDF bytes (the caller writes them atomically)."""
    ensure_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    landscape = len(report.outlets) > PORTRAIT_MAX_OUTLETS
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(report.title)
    writer.setCreator(f"Parallax {report.version}")
    ctx = _Context(writer, landscape, len(report.outlets))

    progress(0.0, "Laying out the PDF")
    blocks = _build_flow(ctx, report, cancelled)
    progress(0.5, "Paginating")
    pages = _paginate(ctx, blocks)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("The PDF could not be started (Qt refused to paint).")
    try:
        for number, placements in enumerate(pages, start=1):
            if cancelled():
                raise Cancelled()
            if number > 1:
                writer.newPage()
            for p in placements:
                p.block.draw(painter, ctx.left, p.y, p.offset, p.visible)
            _footer(ctx, painter, report.title, number, len(pages))
            progress(0.5 + 0.5 * number / len(pages), f"Page {number} of {len(pages)}")
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    buffer.close()
    log.info("PDF: %d pages, %d bytes", len(pages), len(data))
    return data

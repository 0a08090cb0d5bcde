"""The PDF's layout machinery: cells, blocks, a paginator that keeps tables whole, the chart.

PDF is the format people hand over, so it must look finished: no table row cut in half by a
page break, no columns collapsed, no table's last row alone on a page, text that copies and
searches as it reads. Qt's own `QTextDocument.print()` gets these wrong in ways measured here
(rows straddle pages; `nowrap` cells without explicit widths collapse; ligatures make extracted
text read "ﬁ"). So every table cell is its own small `QTextDocument` with an explicit width;
rows are measured, kept whole and moved to the next page when they would straddle a break (a
row taller than a page is cut between lines); a table short enough to fit on a page is kept on
one page, a longer one never leaves its first or last row alone; a table's header is repeated
on each page it continues on; and the footer "Page i of N" is drawn by the print loop once the
page count is known. Ligatures are switched off on the one font every document derives from.

`pdf.py` decides what goes on the pages; this module only knows how to place and paint. Both
are the only Qt modules under `desktop/export` (PySide6 QtGui, no widgets), so
`parallax compare --pdf` works headless. `paint_chart` draws `coverage.layout_chart`'s
primitives, on a PDF page and on the window's claims view (gui/widgets/coverage_view.py).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
    QTextDocument,
    QTextOption,
)

from desktop.core.comparison import CONFLICTING, REWORDED, SHARED, UNIQUE
from desktop.core.errors import Cancelled, ExportError
from desktop.core.options import CancelledCallback
from desktop.core.symbols import STATUS_COLOURS
from desktop.export.coverage import ChartLayout

log = logging.getLogger(__name__)

DPI = 300
"""Device resolution; every length below is in device pixels, `PT` of them to a point."""
PT = DPI / 72
MM = DPI / 25.4
FAMILY = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
PORTRAIT_MAX_OUTLETS = 3
KEEP_WHOLE = 1.0
"""Tables up to this share of a page's height are never split across pages."""
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


class Cell:
    """One piece of content with a fixed width; `cuts` are heights at which it may be split."""

    height: float

    def draw(self, painter: QPainter, width: float) -> None:
        raise NotImplementedError

    def unsafe(self) -> list[tuple[float, float]]:
        """(top, bottom) of each line: a cut inside one would slice the text."""
        return []


class RichCell(Cell):
    """Qt rich text (our own escaped markup) laid out at the writer's resolution."""

    def __init__(self, ctx: Context, markup: str, width: float, font: QFont) -> None:
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


class TextCell(Cell):
    """One line drawn directly (matrix symbols): far cheaper than a document per cell."""

    def __init__(
        self, ctx: Context, text: str, font: QFont, colour: str = "#000000", centre: bool = True
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
class Block:
    """A unit of the flow: a full-width paragraph or one table row."""

    cells: list[Cell]
    widths: list[float]
    backgrounds: list[QColor | None] = field(default_factory=list)
    grid: bool = True
    keep_with_next: bool = False
    header: Block | None = None
    """The header row of the table this row belongs to (repeated on continuation pages)."""
    space_before: float = 0.0
    page_break: bool = False
    """Start a new page before this block (unless the page is still empty)."""
    keep_pair: bool = False
    """Never end a page after this block, even inside a chain longer than a page (a table's
    header, its first row and its last but one)."""

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
class Placement:
    block: Block
    y: float
    offset: float
    visible: float


@dataclass
class Context:
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


class ChartCell(Cell):
    """The coverage chart (`coverage.layout_chart`, in points), never cut across pages."""

    def __init__(self, layout: ChartLayout) -> None:
        self.layout = layout
        self.height = layout.height * PT

    def draw(self, painter: QPainter, width: float) -> None:
        paint_chart(painter, self.layout, PT, FAMILY)

    def unsafe(self) -> list[tuple[float, float]]:
        return [(0.0, self.height)]


def paint_chart(
    painter: QPainter,
    layout: ChartLayout,
    scale: float,
    family: str,
    ink: QColor | None = None,
    grid: QColor | None = None,
) -> None:
    """Paint the chart's primitives, `scale` device pixels to a point, from (0, 0).

    The PDF paints the layout's own colours (dark text and light rules on white paper); the
    window passes its palette's text colour as `ink` and a quiet one as `grid`, so the same
    drawing reads on a dark palette too. The marks keep their status colours either way.
    """
    painter.save()
    for rule in layout.rules:
        painter.setPen(QPen(grid or QColor(rule.colour), 0.6 * scale))
        painter.drawLine(
            QPointF(rule.x1 * scale, rule.y1 * scale), QPointF(rule.x2 * scale, rule.y2 * scale)
        )
    for mark in layout.marks:
        paint_mark(painter, mark.x * scale, mark.y * scale, mark.r * scale, mark.status)
    fonts: dict[tuple[float, bool], QFont] = {}
    for t in layout.texts:
        key = (t.size, t.bold)
        if key not in fonts:
            fonts[key] = base_font(t.size, family)
            fonts[key].setBold(t.bold)
        font = fonts[key]
        painter.setFont(font)
        painter.setPen(ink or QColor(t.colour))
        metrics = QFontMetricsF(font, painter.device())
        advance = metrics.horizontalAdvance(t.text)
        x = t.x * scale
        if t.anchor == "middle":
            x -= advance / 2
        elif t.anchor == "end":
            x -= advance
        painter.drawText(QPointF(x, t.y * scale), t.text)
    painter.restore()


def paint_mark(painter: QPainter, x: float, y: float, r: float, status: str) -> None:
    """One status mark, the shape of its symbol (● ◐ ⚠ ◆ —), centred on (x, y)."""
    colour = QColor(STATUS_COLOURS.get(status, "#999999"))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(x - r, y - r, 2 * r, 2 * r)
    if status == SHARED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(box)
    elif status == REWORDED:
        painter.setPen(QPen(colour, max(r * 0.22, 1.0)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box)
        half = QPainterPath()
        half.moveTo(x, y)
        half.arcTo(box, 90, 180)
        half.closeSubpath()
        painter.fillPath(half, QBrush(colour))
    elif status == CONFLICTING:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(
            QPolygonF(
                [QPointF(x, y - 1.1 * r), QPointF(x + 1.15 * r, y + 0.9 * r),
                 QPointF(x - 1.15 * r, y + 0.9 * r)]
            )
        )  # fmt: skip
        painter.setPen(QPen(QColor("#ffffff"), max(r * 0.24, 1.0)))
        painter.drawLine(QPointF(x, y - 0.45 * r), QPointF(x, y + 0.25 * r))
        painter.drawPoint(QPointF(x, y + 0.6 * r))
    elif status == UNIQUE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])
        )
    else:  # missing: a short grey dash
        painter.setPen(QPen(colour, max(r * 0.3, 1.0)))
        painter.drawLine(QPointF(x - 0.6 * r, y), QPointF(x + 0.6 * r, y))
    painter.restore()


# -- the flow ----------------------------------------------------------------------------------


class Flow:
    """Turns the report into blocks, in reading order."""

    def __init__(self, ctx: Context, cancelled: CancelledCallback) -> None:
        self.ctx = ctx
        self.blocks: list[Block] = []
        self.cancelled = cancelled
        self._break = False

    def paragraph(
        self, markup: str, size: float = 9.0, bold: bool = False, keep: bool = False,
        space: float = 0.0, font: QFont | None = None,
    ) -> None:  # fmt: skip
        if font is None:
            font = base_font(size)
            font.setBold(bold)
        cell = RichCell(self.ctx, markup, self.ctx.content_width, font)
        self.add(
            Block([cell], [self.ctx.content_width], grid=False, keep_with_next=keep,
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
        rows: Sequence[Sequence[str | Cell]],
        font: QFont | None = None,
        stripes: bool = False,
        header_font: QFont | None = None,
    ) -> None:
        """A table with explicit column widths (fractions of the text width)."""
        first = len(self.blocks)
        font = font or self.ctx.body
        widths = [f * self.ctx.content_width for f in fractions]
        head_block = None
        if header is not None:
            hfont = QFont(header_font or font)
            hfont.setBold(True)
            head_block = Block(
                [RichCell(self.ctx, h, w, hfont) for h, w in zip(header, widths, strict=True)],
                widths,
                [HEADER_BG] * len(widths),
                keep_with_next=True,
            )
            self.add(head_block)
        for k, row in enumerate(rows):
            if k % 20 == 0 and self.cancelled():
                raise Cancelled()
            cells = [
                c if isinstance(c, Cell) else RichCell(self.ctx, c, w, font)
                for c, w in zip(row, widths, strict=True)
            ]
            bg = STRIPE_BG if stripes and k % 2 else None
            self.add(Block(cells, widths, [bg] * len(cells), header=head_block))
        self._keep_table(first, len(self.blocks), head_block is not None)

    def _keep_table(self, first: int, end: int, headed: bool) -> None:
        """A table up to `KEEP_WHOLE` of a page stays on one page; a longer one never leaves
        its first row (under its header) or its last row alone on a page."""
        blocks = self.blocks[first:end]
        if len(blocks) < 2:
            return
        body = blocks[1:] if headed else blocks
        for b in [blocks[0], body[0], body[-2]] if len(body) >= 2 else blocks[:1]:
            b.keep_pair = True
        page_h = self.ctx.bottom - self.ctx.top
        if sum(b.height for b in blocks) <= KEEP_WHOLE * page_h:
            for b in blocks[:-1]:
                b.keep_with_next = True
            return
        if len(body) >= 2:
            body[0].keep_with_next = True
            body[-2].keep_with_next = True

    def page_break(self) -> None:
        """The next block starts a page."""
        self._break = True

    def chart(self, layout: ChartLayout, space: float = 0.0) -> None:
        cell = ChartCell(layout)
        self.add(Block([cell], [self.ctx.content_width], grid=False, space_before=space))

    def add(self, block: Block) -> None:
        if self._break:
            block.page_break = True
            self._break = False
        self.blocks.append(block)


# -- pagination and painting -------------------------------------------------------------------


def paginate(ctx: Context, blocks: list[Block]) -> list[list[Placement]]:
    pages: list[list[Placement]] = [[]]
    page_h = ctx.bottom - ctx.top
    y = ctx.top

    def new_page(continuing: Block | None) -> None:
        nonlocal y
        pages.append([])
        y = ctx.top
        head = continuing.header if continuing is not None else None
        if head is not None and head is not continuing:
            pages[-1].append(Placement(head, y, 0.0, head.height))
            y += head.height

    chain_end = -1
    for idx, block in enumerate(blocks):
        if block.page_break and pages[-1]:
            new_page(None)
        elif pages[-1] and block.space_before:
            y += block.space_before
        # A heading (or table header) stays with what follows it: a chain of blocks kept
        # together starts a page when it does not fit in what is left of this one. Checked at
        # the chain's first block only: a chain longer than a page then flows from the top of
        # a page instead of pushing each of its blocks to a page of its own.
        if idx > chain_end:
            need, j = block.height, idx
            while blocks[j].keep_with_next and j + 1 < len(blocks):
                j += 1
                need += blocks[j].height + blocks[j].space_before
            chain_end = j
        else:  # inside a chain: the block itself must still not straddle the break, and a
            # header, first row or last but one row takes the next block with it
            need = block.height
            if block.keep_pair and idx + 1 < len(blocks):
                need += blocks[idx + 1].height
        if y + min(need, page_h) > ctx.bottom + 0.5 and pages[-1]:
            new_page(block)
        offset = 0.0
        while True:
            room = ctx.bottom - y
            remaining = block.height - offset
            if remaining <= room + 0.5:
                pages[-1].append(Placement(block, y, offset, remaining))
                y += remaining
                break
            piece = block.cut(offset, room)
            if piece <= 0.5 * PT:
                new_page(block)
                continue
            pages[-1].append(Placement(block, y, offset, piece))
            offset += piece
            new_page(block)
    return pages


def footer(ctx: Context, painter: QPainter, title: str, page: int, total: int) -> None:
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

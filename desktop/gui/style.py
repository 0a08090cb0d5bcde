"""Colours, symbols and text formats for sentence statuses, derived from the current palette.

Colours come from the Okabe–Ito palette (safe for the common colour-vision deficiencies) and
are always doubled by a second cue: a symbol (● ◐ ⚠ ◆) in the pane's margin and in the claims
table. A sentence's background is a light tint of its status colour; the words that differ from
its counterpart get a stronger tint and an underline (dotted when reworded, wavy when
conflicting), so the eye goes to what changed rather than to a wall of colour. The words a
conflict names are bold and lined above and below; hedge cues are italic with a dashed
underline. Tints are opaque mixes of the palette's base colour and the status colour, so they
stay readable on light and dark palettes alike and can be painted in the link maps without
alpha blending surprises. Toolbar icons are drawn in the palette's text colour. Verdict marks
(✔ ✘ ? ⊘) and their colours are the reports' own, from core/symbols.py, like the statuses.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap, QTextCharFormat
from PySide6.QtSvg import QSvgRenderer

from desktop.core import symbols
from desktop.core.comparison import CONFLICTING, IDENTICAL, REWORDED, SHARED, UNIQUE
from desktop.core.symbols import MISSING
from desktop.gui.highlights import ABSENT, DATELINE
from desktop.resources import resource_path

log = logging.getLogger(__name__)

#: Okabe–Ito colours per sentence status (and per link relation through `relation_status`).
STATUS_COLORS = {
    SHARED: QColor("#009E73"),  # bluish green
    REWORDED: QColor("#56B4E9"),  # sky blue
    CONFLICTING: QColor("#D55E00"),  # vermillion
    UNIQUE: QColor("#F0E442"),  # yellow
}

#: The shared marks of `core.symbols` (the reports use the same), plus two the panes alone show.
STATUS_SYMBOLS = {**symbols.STATUS_SYMBOLS, ABSENT: "+", DATELINE: ""}
STATUS_LABELS = {
    SHARED: "shared",
    REWORDED: "reworded",
    CONFLICTING: "conflict",
    UNIQUE: "unique",
    MISSING: "missing",
    ABSENT: "not in base",
    DATELINE: "dateline",
}
STATUS_DESCRIPTIONS = {
    SHARED: "another outlet carries it in the same words",
    REWORDED: "another outlet carries it in other words; the words that differ are underlined "
    "with dots",
    CONFLICTING: "another outlet reports it differently: numbers, dates, negation or certainty "
    "disagree; the words that differ have a wavy underline",
    UNIQUE: "no other outlet carries it",
    ABSENT: "the base outlet does not carry it",
    DATELINE: "where the report was filed; never compared",
}
NEUTRAL_STATUSES = (ABSENT, DATELINE)
"""Pane statuses drawn without a tint."""

#: The journalist's verdicts, with the reports' own marks (core/symbols.py: ✔ ✘ ? ⊘).
VERDICT_SYMBOLS = symbols.VERDICT_SYMBOLS
VERDICT_RANK = symbols.VERDICT_RANK
NOTE_ONLY_SYMBOL = symbols.verdict_symbol("")
"""A note without a verdict: the mark the reports give it ("• note")."""


verdict_mark = symbols.verdict_mark
""" "✘ disputed", or "• note" for a note without a verdict: as the reports write it."""


def verdict_color(verdict: str, palette: QPalette) -> QColor:
    """The verdict's colour (core/symbols.py) as text on `palette`'s base: kept at WCAG AA
    contrast, lightened on dark palettes and darkened on light ones as far as needed."""
    base = palette.color(QPalette.ColorRole.Base)
    color = QColor(symbols.verdict_colour(verdict))
    for _ in range(12):
        if contrast(color, base) >= MIN_CONTRAST:
            break
        color = color.lighter(115) if is_dark(palette) else color.darker(115)
    return color


def relation_status(relation: str) -> str:
    """The sentence status a link relation tints as."""
    return SHARED if relation == IDENTICAL else relation


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mix(base: QColor, color: QColor, amount: float) -> QColor:
    """`amount` of `color` over `base`, opaque."""
    a = max(0.0, min(1.0, amount))
    return QColor(
        round(base.red() * (1 - a) + color.red() * a),
        round(base.green() * (1 - a) + color.green() * a),
        round(base.blue() * (1 - a) + color.blue() * a),
    )


def tint_amount(status: str, palette: QPalette, strong: bool = False) -> float:
    """How much of the status colour goes into a background: more for yellow on light bases
    (it is nearly as light as white), less when strong on dark ones (bright colours would
    wash out light text). Checked against WCAG 4.5:1 text contrast by the tests."""
    if is_dark(palette):
        return 0.46 if strong else 0.26
    if status == UNIQUE:
        return 0.70 if strong else 0.30
    return 0.46 if strong else 0.13


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


MIN_CONTRAST = 4.5
"""Text on a tint keeps at least WCAG AA contrast, whatever the palette."""


def tint(status: str, palette: QPalette, strong: bool = False) -> QColor:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    key = (status, base.rgb(), text.rgb(), strong)
    cached = _tints.get(key)
    if cached is not None:
        return QColor(cached)
    amount = tint_amount(status, palette, strong)
    color = mix(base, STATUS_COLORS[status], amount)
    while contrast(text, color) < MIN_CONTRAST and amount > 0.08:
        amount *= 0.9
        color = mix(base, STATUS_COLORS[status], amount)
    _tints[key] = QColor(color)
    return color


_tints: dict[tuple[str, int, int, bool], QColor] = {}


def outline_color(palette: QPalette) -> QColor:
    """The pen for the selected claim's outline and emphasised connectors."""
    return palette.color(QPalette.ColorRole.Text)


RELATED_CONTRAST = 3.0
"""Related connectors are thin lines: WCAG's 3:1 for graphics against the strip's colour."""


def related_color(palette: QPalette, strong: bool = False) -> QColor:
    """The pen of a related pair's dotted connector: a mid tone between the window and its
    text (full text colour when `strong`), never under 3:1 against the window, light or dark."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    if strong:
        return QColor(text)
    amount = 0.55
    color = mix(window, text, amount)
    while contrast(window, color) < RELATED_CONTRAST and amount < 1.0:
        amount = min(1.0, amount + 0.05)
        color = mix(window, text, amount)
    return color


def underline_color(status: str, palette: QPalette) -> QColor:
    """The underline of changed words: the status colour, darker on light bases."""
    color = QColor(STATUS_COLORS[status])
    return color.lighter(125) if is_dark(palette) else color.darker(135)


def sentence_format(status: str, palette: QPalette, changed: bool = False) -> QTextCharFormat:
    """Character format of a sentence: a light tint; its changed words (`changed`) a stronger
    tint and an underline (dotted when reworded, wavy when conflicting)."""
    fmt = QTextCharFormat()
    fmt.setForeground(palette.color(QPalette.ColorRole.Text))
    if status not in STATUS_COLORS:
        return fmt  # datelines, and sentences the base outlet does not carry: untinted
    fmt.setBackground(tint(status, palette, strong=changed))
    if changed and status == REWORDED:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(underline_color(REWORDED, palette))
    elif changed and status == CONFLICTING:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(underline_color(CONFLICTING, palette))
    return fmt


CONFLICT_WORDS_DESCRIPTION = (
    "the words two outlets disagree on inside a conflicting sentence (bold, lined above and "
    "wavy below)"
)
HEDGE_DESCRIPTION = "a hedge such as “may” or “is expected to” (italic, dashed underline)"


def conflict_words_format() -> QTextCharFormat:
    """Merged over a conflicting sentence's words that a conflict names: bold and lined above
    as well as below, so they stand out from ordinary changed words without relying on colour."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontOverline(True)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(STATUS_COLORS[CONFLICTING])
    return fmt


def hedge_color(palette: QPalette) -> QColor:
    """A quiet pen for hedge underlines: halfway between text and base."""
    return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.6)


def hedge_format(palette: QPalette) -> QTextCharFormat:
    """Merged over hedge cues: italic with a dashed underline in a muted text colour."""
    fmt = QTextCharFormat()
    fmt.setFontItalic(True)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(hedge_color(palette))
    return fmt


def heading_format(base: QTextCharFormat, kind: str, font: QFont) -> QTextCharFormat:
    """Headlines and headings keep their status format but read as headings."""
    fmt = QTextCharFormat(base)
    if kind in ("headline", "heading"):
        fmt.setFontWeight(QFont.Weight.Bold)
        if kind == "headline":
            fmt.setFontPointSize(max(font.pointSizeF(), 9.0) * 1.15)
    elif kind == "dateline":
        fmt.setFontCapitalization(QFont.Capitalization.SmallCaps)
    return fmt


_INK = "#4a5560"
"""The stroke colour the bundled icons are drawn with; replaced by the palette's text colour."""
_PAPER = "#e8eef3"
"""Their light fill; replaced by the palette's button colour."""
ICON_SIZES = (16, 22, 24, 32, 48)


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """A bundled SVG icon by name (without extension), its ink in `palette`'s text colour so it
    shows on dark palettes too; an empty icon if it is missing."""
    from PySide6.QtWidgets import QApplication

    palette = palette or QApplication.palette()
    ink = palette.color(QPalette.ColorRole.ButtonText).name()
    paper = palette.color(QPalette.ColorRole.Button).name()
    return _icon(name, ink, paper)


@cache
def _icon(name: str, ink: str, paper: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        log.warning("missing icon %s", path)
        return QIcon()
    svg = re.sub(re.escape(_INK), ink, svg, flags=re.I)
    svg = re.sub(re.escape(_PAPER), paper, svg, flags=re.I)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


def stylesheet() -> str:
    """The application style sheet, or "" when it cannot be read."""
    path = resource_path("parallax.qss")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("cannot read style sheet %s", path)
        return ""

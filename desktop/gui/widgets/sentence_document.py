"""The document a sentence view shows: one article's sentences as text with one character
format per status, built with `QTextCursor.insertText` so article text is never markup; and
the formats laid over it later (paragraph gaps after a zoom, find marks)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit

from desktop.core.article import Article
from desktop.gui import style

_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " "})


def paragraph_gap(font: QFont) -> float:
    """The space below a paragraph: most of a line of `font`."""
    return font.pointSizeF() * 0.9 if font.pointSizeF() > 0 else 8


def set_paragraph_gaps(doc: QTextDocument, font: QFont) -> None:
    """Give every paragraph the gap of `font` (after a zoom), keeping its other formats (the
    direction of right-to-left paragraphs)."""
    gap = paragraph_gap(font)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    block = doc.firstBlock()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.bottomMargin() != gap:
            fmt.setBottomMargin(gap)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    cursor.endEditBlock()


def build_document(
    view: QTextEdit,
    article: Article,
    statuses: Sequence[str],
    changed: dict[int, list[tuple[int, int]]],
) -> tuple[QTextDocument, list[tuple[int, int]]]:
    """The document (a child of `view`) and each sentence's (start, end) position in it:
    paragraphs as blocks, sentences of one paragraph joined by a space, `statuses[i]` tinting
    sentence i and `changed[i]` its changed-word spans."""
    palette = view.palette()
    kinds = set(statuses)
    formats = {s: style.sentence_format(s, palette) for s in kinds}
    strong = {s: style.sentence_format(s, palette, changed=True) for s in kinds}
    plain = QTextCharFormat()
    plain.setForeground(palette.color(QPalette.ColorRole.Text))
    font = view.font()
    block_format = QTextBlockFormat()
    block_format.setBottomMargin(paragraph_gap(font))
    block_format.setLineHeight(115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)

    doc = QTextDocument(view)
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(6)
    cursor = QTextCursor(doc)
    # One edit block: the layout runs once at the end instead of after every insert.
    cursor.beginEditBlock()
    cursor.setBlockFormat(block_format)
    positions: list[tuple[int, int]] = []
    previous_block: int | None = None
    for sentence, status in zip(article.sentences, statuses, strict=True):
        if previous_block is not None:
            if sentence.block != previous_block:
                cursor.insertBlock(block_format, plain)
            else:
                cursor.insertText(" ", plain)
        previous_block = sentence.block
        start = cursor.position()
        fmt = style.heading_format(formats[status], sentence.kind, font)
        text = sentence.text.translate(_LINE_BREAKS)
        spans = changed.get(sentence.index, [])
        done = 0
        for lo, hi in spans:
            if lo > done:
                cursor.insertText(text[done:lo], fmt)
            cursor.insertText(
                text[lo:hi], style.heading_format(strong[status], sentence.kind, font)
            )
            done = hi
        if done < len(text):
            cursor.insertText(text[done:], fmt)
        positions.append((start, cursor.position()))
    cursor.endEditBlock()

    return doc, positions


def find_selections(
    view: QTextEdit, found: tuple[int, int] | None, others: list[tuple[int, int]]
) -> list[QTextEdit.ExtraSelection]:
    """The view's find marks: the current match (document positions) in the palette's
    highlight, every other match in a quieter mix of it."""
    palette = view.palette()
    quiet = QTextCharFormat()
    base, highlight = (
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Highlight),
    )
    quiet.setBackground(style.mix(base, highlight, 0.35))
    quiet.setForeground(palette.color(QPalette.ColorRole.Text))
    strong = QTextCharFormat()
    strong.setBackground(palette.color(QPalette.ColorRole.Highlight))
    strong.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
    spans = [(span, quiet) for span in others if span != found]
    if found is not None:
        spans.append((found, strong))
    selections = []
    for (lo, hi), fmt in spans:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(view.document())
        cursor.setPosition(lo)
        cursor.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        selections.append(sel)
    return selections

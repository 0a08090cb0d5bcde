"""Articles saved as PDF (an e-paper page, a "print to PDF" of a web page), read with pypdf.

A PDF holds positioned lines, not paragraphs: pypdf's plain text has a line break at the end of
every printed line and the hyphen of every word split across two. This module asks pypdf for each
piece of text with its position and size and rebuilds what a reader sees: lines at one height
joined, a paragraph ending where the gap between lines grows, the size changes or the next line
is indented; a hyphenated word put back together ("recon-" + "struction"); text set clearly
larger than the body as a "#" heading; page numbers and running heads that repeat on every page
left out. A PDF without any text (a scan) is refused with a message saying so: Parallax reads
text, not pictures of it.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median
from typing import Any

from desktop.core.errors import LoadError

log = logging.getLogger(__name__)

#: A gap this many times the usual line spacing starts a new paragraph.
PARAGRAPH_GAP = 1.35
#: Text this many times the body size (or more) is a heading.
HEADING_SIZE = 1.25
#: Fewer letters than this in the whole file: a scan, not a text PDF.
MIN_LETTERS = 20

_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE)
_FILE_TITLE = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt|html?)$|^Microsoft Word - ", re.IGNORECASE)


@dataclass
class _Line:
    page: int
    x: float
    y: float
    size: float
    text: str


def read_pdf(data: bytes, source: str) -> tuple[str, dict[str, str]]:
    """The article text (blocks separated by blank lines) and metadata of a PDF file."""
    try:
        import pypdf
    except ImportError as exc:  # a broken install: say what is missing
        raise LoadError(source, "reading PDF needs the pypdf package (pip install pypdf)") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(source, "this PDF is password-protected; save an unlocked copy")
        lines = [line for number, page in enumerate(reader.pages) for line in _lines(page, number)]
        info: Any = reader.metadata or {}
    except LoadError:
        raise
    except Exception as exc:  # pypdf on a damaged or unusual file
        log.info("pypdf failed on %s", source, exc_info=True)
        raise LoadError(source, f"this PDF could not be read ({exc})") from exc
    if sum(c.isalpha() for line in lines for c in line.text) < MIN_LETTERS:
        raise LoadError(
            source,
            "this PDF has no text layer (it is a scan or a picture of the page): Parallax reads "
            "text, not images. Run it through OCR first (for example ocrmypdf) or save the "
            "article as text",
        )
    text = "\n\n".join(_paragraphs(_without_furniture(lines)))
    metadata = {}
    title = str(info.get("/Title") or "").strip()
    if title and not _FILE_TITLE.search(title):
        metadata["title"] = title
    if author := str(info.get("/Author") or "").strip():
        metadata["author"] = author
    return text, metadata


def _lines(page: Any, number: int) -> list[_Line]:
    """The page's text lines in reading order as pypdf gives them, with position and size."""
    lines: list[_Line] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0) * (size or 1.0)
        for n, piece in enumerate(text.split("\n")):
            if not piece.strip():
                continue
            last = lines[-1] if lines else None
            if n == 0 and last is not None and abs(last.y - y) < 0.3 * scale:
                last.text += piece if last.text.endswith(" ") or piece[:1] == " " else " " + piece
                last.size = max(last.size, scale)
            else:
                lines.append(_Line(number, x, y, scale, piece))

    page.extract_text(visitor_text=visit)
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text]


def _without_furniture(lines: list[_Line]) -> list[_Line]:
    """Without page numbers and the running heads or feet that repeat on most pages."""
    pages = len({line.page for line in lines})
    repeats = Counter(line.text for line in lines)
    return [
        line
        for line in lines
        if not _PAGE_NUMBER.fullmatch(line.text)
        and not (pages >= 2 and repeats[line.text] >= max(2, pages // 2 + 1))
    ]


def _paragraphs(lines: list[_Line]) -> list[str]:
    if not lines:
        return []
    body_size = median(line.size for line in lines)
    pitches = [
        a.y - b.y
        for a, b in pairwise(lines)
        if a.page == b.page and 0 < a.y - b.y < 3 * body_size and abs(a.size - b.size) < 0.5
    ]
    pitch = median(pitches) if pitches else 1.2 * body_size
    left = min(line.x for line in lines)
    blocks: list[list[_Line]] = []
    for previous, line in zip([None, *lines], lines, strict=False):
        if previous is None or _starts_block(previous, line, pitch, body_size, left):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    out = []
    for block in blocks:
        text = _join(block)
        if block[0].size >= HEADING_SIZE * body_size and len(text) < 200:
            level = 1 if block[0].size >= 1.6 * body_size else 2
            text = "#" * level + " " + text
        out.append(text)
    return out


def _starts_block(previous: _Line, line: _Line, pitch: float, body: float, left: float) -> bool:
    if abs(line.size - previous.size) > 0.15 * body:
        return True
    if line.page != previous.page:
        # A paragraph goes on over the page when its last line does not end a sentence.
        return bool(re.search(r"[.!?…:][\"'”’»)]*$", previous.text))
    step = previous.y - line.y
    if step <= 0 or step > PARAGRAPH_GAP * pitch:
        return True  # a new column, or a gap between paragraphs
    return line.x - previous.x > 1.5 * body and line.x - left > 1.5 * body  # an indent


def _join(block: list[_Line]) -> str:
    """The lines of one paragraph as one line, hyphenated words rejoined."""
    text = block[0].text
    for line in block[1:]:
        nxt = line.text
        if re.search(r"[^\W\d_][-\u00ad]$", text) and nxt[:1].islower():
            text = text[:-1] + nxt
        else:
            text = text.rstrip("\u00ad") + " " + nxt
    return text

"""Writing small PDF and Word files byte by byte, so loading tests own their inputs.

The PDF writer lays out lines of text in Helvetica (a font every reader has; the text in its
Windows-1252 encoding) at given positions and sizes, as a word processor's export would: each
line one text object, a headline in a bigger size, paragraphs separated by a larger gap, words
hyphenated at line ends. The Word writer produces the few parts of a .docx that Word needs.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    size: float = 11.0
    gap: float = 0.0
    """Extra space above the line (a new paragraph), in points."""
    x: float = 72.0


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(
    pages: Sequence[Sequence[Line]],
    title: str = "",
    author: str = "",
    images_only: bool = False,
) -> bytes:
    """A PDF with one page per list of lines (or, with `images_only`, pages holding only a
    small grey image each: a scan without a text layer)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream"
    )
    pages_id = len(objects) + 2 * len(pages) + 1
    page_ids = []
    for lines in pages:
        if images_only:
            stream = b"q 400 0 0 600 100 100 cm /Im1 Do Q"
        else:
            parts = []
            y = 760.0
            for line in lines:
                y -= line.gap + line.size * 1.25
                parts.append(
                    b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET"
                    % (line.size, line.x, y, _escape(line.text))
                )
            stream = b"\n".join(parts)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id, content, font, image)
            )
        )
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title (%s) /Author (%s) >>" % (_escape(title), _escape(author)))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return out.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(
    paragraphs: Sequence[tuple[str, str]], title: str = "", creator: str = "", created: str = ""
) -> bytes:
    """A .docx whose body is (style, text) paragraphs: style "" for body text, "Title",
    "Heading1", "ListParagraph" …; a "\\n" in the text is a line break inside the paragraph."""

    def run(text: str) -> str:
        pieces = [f'<w:r><w:t xml:space="preserve">{_xml(t)}</w:t></w:r>' for t in text.split("\n")]
        return "<w:r><w:br/></w:r>".join(pieces)

    body = "".join(
        "<w:p>"
        + (f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else "")
        + run(text)
        + "</w:p>"
        for style, text in paragraphs
    )
    document = (
        f"<?xml version='1.0' encoding='UTF-8'?><w:document {_W}><w:body>{body}</w:body>"
        "</w:document>"
    )
    core = (
        "<?xml version='1.0' encoding='UTF-8'?><cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{_xml(title)}</dc:title><dc:creator>{_xml(creator)}</dc:creator>"
        f"<dcterms:created>{_xml(created)}</dcterms:created></cp:coreProperties>"
    )
    types = (
        "<?xml version='1.0' encoding='UTF-8'?><Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)
        archive.writestr("docProps/core.xml", core)
    return out.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Word (.docx) articles, read with the standard library's zip and XML modules.

A .docx is a zip archive whose `word/document.xml` holds the paragraphs (`w:p`), each made of
runs of text (`w:t`), tabs and line breaks, with a style naming headings ("Title", "Heading1",
"Überschrift1" in a German Word …) and list paragraphs. That is all an article needs, so no
third-party package is involved (python-docx reads the same XML through lxml). Title and
author come from `docProps/core.xml` (not its date: Word stamps when the file was made, which
is not when the article appeared). Tables are read row by row, cells separated by " | ".

Archives are read with limits: a .docx whose document part unpacks to more than
`MAX_XML_BYTES` is refused (a zip bomb, or not an article).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from desktop.core.errors import LoadError

#: The unpacked document part may not be bigger than this.
MAX_XML_BYTES = 100 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "author": "{http://purl.org/dc/elements/1.1/}creator",
}
_HEADING_STYLE = re.compile(r"(?:heading|berschrift|titre|titolo|заголовок)\s*(\d)", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel|titre|titolo|название)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list", re.IGNORECASE)


def read_docx(data: bytes, source: str) -> tuple[str, dict[str, str]]:
    """The article text (blocks separated by blank lines) and metadata of a Word file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _part(archive, "word/document.xml", source)
            if document is None:
                raise LoadError(source, "this is a zip archive, not a Word document")
            core = _part(archive, "docProps/core.xml", source)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise LoadError(source, f"this Word file is damaged and cannot be read ({exc})") from exc
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as exc:
        raise LoadError(source, f"this Word file is damaged and cannot be read ({exc})") from exc
    body = root.find(f"{_W}body")
    blocks = _blocks(body) if body is not None else []
    if not any(b.strip("#- ") for b in blocks):
        raise LoadError(source, "this Word document has no text")
    return "\n\n".join(blocks), _metadata(core)


def _part(archive: zipfile.ZipFile, name: str, source: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise LoadError(source, "this Word file unpacks to far more than any article")
    with archive.open(info) as part:
        return part.read(MAX_XML_BYTES + 1)


def _blocks(body: ElementTree.Element) -> list[str]:
    blocks: list[str] = []
    items: list[str] = []
    for element in body:
        if element.tag == f"{_W}tbl":
            rows = (
                " | ".join(c for c in (_text(cell) for cell in row.iter(f"{_W}tc")) if c)
                for row in element.iter(f"{_W}tr")
            )
            found = [" ".join(row.split()) for row in rows if row.strip()]
            kind, content = "table", "\n\n".join(found)
        elif element.tag == f"{_W}p":
            kind, content = _paragraph(element)
        else:
            continue
        if kind == "item":
            items.append("- " + " ".join(content.split()))
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        if content:
            blocks.append(content)
    if items:
        blocks.append("\n".join(items))
    return blocks


def _paragraph(p: ElementTree.Element) -> tuple[str, str]:
    """("heading" | "item" | "paragraph", text); a line break stays a line break."""
    style_element = p.find(f"{_W}pPr/{_W}pStyle")
    style = style_element.get(f"{_W}val", "") if style_element is not None else ""
    lines = [" ".join(line.split()) for line in _text(p).split("\n")]
    content = "\n".join(line for line in lines if line)
    if not content:
        return "paragraph", ""
    if _TITLE_STYLE.match(style) or (heading := _HEADING_STYLE.search(style)):
        level = 1 if _TITLE_STYLE.match(style) else min(int(heading[1]), 6)  # type: ignore[index]
        return "heading", "#" * level + " " + " ".join(content.split())
    if _LIST_STYLE.search(style) or p.find(f"{_W}pPr/{_W}numPr") is not None:
        return "item", content
    return "paragraph", content


def _text(element: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif node.tag == f"{_W}p" and node is not element and parts:
            parts.append("\n")  # paragraphs inside a table cell
    return "".join(parts)


def _metadata(core: bytes | None) -> dict[str, str]:
    if not core:
        return {}
    try:
        root = ElementTree.fromstring(core)
    except ElementTree.ParseError:
        return {}
    metadata = {}
    for key, tag in _CORE.items():
        element = root.find(tag)
        if element is not None and element.text and element.text.strip():
            metadata[key] = element.text.strip()
    return metadata

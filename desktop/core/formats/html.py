"""A web page's article text, rebuilt from trafilatura's extraction so its structure survives.

trafilatura finds the article in a page (measured on 181 benchmark pages: body F1 0.96) and hands
back an XML tree of paragraphs (`p`), headings (`head`), lists (`list`/`item`), tables
(`table`/`row`/`cell`), quotations (`quote`), code (`code`) and line breaks (`lb`). Its own
plain-text rendering flattens headings and list items into lines, so this module rebuilds the text
as the segmenter reads it: one block per paragraph, blank lines between blocks, "#" headings,
"- " list items (the items of one list in one block) and code lines indented by four spaces (so a
"# comment" in code is not taken for a heading). A `<br>` stays a line break inside its paragraph;
the segmenter ends a sentence there (see `segment`'s "break" mode).

What the review of the first version (shared/reviews/html-loading-review.md) found lost or glued,
and this keeps apart: text that trafilatura leaves between blocks (the tail of a heading, bare
text in the body), paragraphs and headings inside table cells and list items (one block each,
never "launch.The"), and code blocks.

The outlet is the page's own `og:site_name`, as written; without one, the domain of the page's
address. trafilatura's processed site name is not used: it prefers a JSON-LD publisher ("DH News
Service" for Deccan Herald), title-cases names ("9To5Mac") and, with no site name at all, guesses
one from half of the `<title>`.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any
from urllib.parse import urlparse

#: Elements of trafilatura's output that are blocks of their own (the rest are inline).
BLOCK_TAGS = frozenset(
    {"p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div"}
)
_SENTENCE_PUNCT = re.compile(r"[.!?…。！？؟۔]")
# Scripts written without spaces between words: their prose is counted in letters, not words.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_CODE_INDENT = "    "


def body_text(result: Any) -> str:
    """Blocks of trafilatura's body (headings as "#", items as "- ") separated by blank lines."""
    body = getattr(result, "body", None)
    blocks = _container(body) if body is not None else []
    if not blocks and getattr(result, "text", None):
        blocks = [line.strip() for line in str(result.text).splitlines() if line.strip()]
    return "\n\n".join(blocks)


def has_prose(text: str) -> bool:
    """True if some block reads like a sentence: final punctuation and four words or more (or,
    in Chinese, Japanese, Thai …, which have no spaces between words, fifteen letters or more).
    Menus and link lists come back as short lines with no sentence in them."""
    return any(
        _SENTENCE_PUNCT.search(block)
        and (len(block.split()) >= 4 or len(_UNSPACED.findall(block)) >= 15)
        for block in text.split("\n\n")
    )


def meta_content(html: str, name: str) -> str:
    """The content of the page's `<meta property|name="name">`, entities decoded, or ""."""
    for tag in _META.finditer(html[:500_000]):
        attributes = {
            m[1].lower(): m[2] if m[2] is not None else (m[3] if m[3] is not None else m[4])
            for m in _ATTRIBUTE.finditer(tag[0])
        }
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        if key == name and attributes.get("content", "").strip():
            return " ".join(html_lib.unescape(attributes["content"]).split())
    return ""


def page_outlet(html: str, result: Any, address: str = "") -> str:
    """og:site_name as written (unless it only repeats the title, as some pages do); else the
    domain of the page's own address (or of `address`, where it was fetched from); "" when
    neither is known (the caller uses the file name)."""
    site = meta_content(html, "og:site_name")
    if site and site.casefold() != str(getattr(result, "title", "") or "").strip().casefold():
        return site
    for url in (str(getattr(result, "url", "") or ""), address):
        if host := urlparse(url).hostname:
            return host.removeprefix("www.")
    return ""


def clean_title(title: str, outlet: str) -> str:
    """The title without a trailing " | Outlet" or " - Outlet" naming the site."""
    if outlet:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            suffix = separator + outlet
            if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
                return title[: -len(suffix)].rstrip()
    return title


# -- building the blocks ------------------------------------------------------------------------


def _container(element: Any) -> list[str]:
    """Blocks of an element that holds blocks: its own bare text and the text after each
    child block (trafilatura leaves a heading's following paragraph as the heading's tail)
    become paragraphs of their own."""
    blocks: list[str] = []
    run: list[str] = [_spaced(element.text)]
    for child in element:
        if _is_block(child):
            _add_paragraph(blocks, run)
            blocks.extend(_block(child))
            run = [_spaced(child.tail)]
        else:
            _inline(child, run)
            run.append(_spaced(child.tail))
    _add_paragraph(blocks, run)
    return blocks


def _block(element: Any) -> list[str]:
    tag = element.tag
    if tag == "list":
        return _list(element)
    if tag in ("table", "row"):
        return _table(element)
    if tag == "code":
        lines = "".join(element.itertext()).splitlines()
        code = "\n".join(_CODE_INDENT + line.rstrip() for line in lines if line.strip())
        return [code] if code else []
    if _has_blocks(element):
        return _container(element)
    content = _inline_content(element)
    if not content:
        return []
    if tag == "head":
        level = str(element.get("rend", "h2")).removeprefix("h")
        marks = "#" * (min(int(level), 6) if level.isdigit() else 2)
        return [marks + " " + " ".join(content.split("\n"))]
    if tag == "item":
        return ["- " + content]
    return [content]


def _list(element: Any) -> list[str]:
    """The items of one list in one block (as in Markdown); an item made of several blocks
    (a heading and a paragraph, say) is followed by those blocks in its place."""
    blocks: list[str] = []
    lines: list[str] = []
    for child in element:
        parts = _block(child) if _is_block(child) else []
        if child.tag == "item" and _has_blocks(child) and parts and not parts[0].startswith("#"):
            parts[0] = "- " + parts[0]
        if len(parts) == 1 and parts[0].startswith("- "):
            lines.append(parts[0])
            continue
        if lines:
            blocks.append("\n".join(lines))
            lines = []
        blocks.extend(parts)
    if lines:
        blocks.append("\n".join(lines))
    return blocks


def _table(element: Any) -> list[str]:
    """A row whose cells hold only inline text is one block, cells separated by " | "; a cell
    holding paragraphs or headings (pages laid out in a table) gives them as blocks."""
    if element.tag == "table":
        return [block for row in element for block in (_table(row) if row.tag == "row" else [])]
    cells = [cell for cell in element if cell.tag == "cell"]
    if any(_has_blocks(cell) for cell in cells):
        return [block for cell in cells for block in _container(cell)]
    content = " | ".join(
        c for c in (" ".join(_inline_content(cell).split()) for cell in cells) if c
    )
    return [content] if content else []


def _has_blocks(element: Any) -> bool:
    return any(_is_block(child) for child in element)


def _is_block(element: Any) -> bool:
    """A block element; `code` only when it stands alone (`<p>Run <code>ls</code></p>` is
    inline code, part of its sentence)."""
    if element.tag not in BLOCK_TAGS:
        return False
    if element.tag != "code":
        return True
    previous = element.getprevious()
    before = previous.tail if previous is not None else element.getparent().text
    return not (before or "").strip() and not (element.tail or "").strip()


def _inline_content(element: Any) -> str:
    parts: list[str] = [_spaced(element.text)]
    for child in element:
        _inline(child, parts)
        parts.append(_spaced(child.tail))
    return _tidy(parts)


def _inline(element: Any, parts: list[str]) -> None:
    """An inline element's text in document order, with <lb/> as a line break."""
    if element.tag == "lb":
        parts.append("\n")
        return
    parts.append(_spaced(element.text))
    for child in element:
        _inline(child, parts)
        parts.append(_spaced(child.tail))


def _add_paragraph(blocks: list[str], run: list[str]) -> None:
    if content := _tidy(run):
        blocks.append(content)


def _tidy(parts: list[str]) -> str:
    """Spaces collapsed within each line, empty lines dropped."""
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _spaced(text: str | None) -> str:
    """Line breaks of the HTML source are spaces."""
    return (text or "").replace("\n", " ")

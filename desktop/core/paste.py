"""Articles pasted from the clipboard (or dropped as text): no file behind them.

A browser puts a copied article on the clipboard twice: as plain text (one paragraph per line)
and as an HTML fragment with its headings, paragraphs and lists. The HTML is read like a web page
when trafilatura keeps (nearly) all of the words the user selected; it drops text it takes for
boilerplate, and a selection is not a page, so otherwise the plain text is used, read like a
pasted text file (one paragraph per line or hard-wrapped, see formats/plain.py).

A pasted article's `source` is a label ("(pasted) 2025-09-12 14:02"), never a path: its text
lives in the workspace alone, which is why a workspace stores every article's text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlparse

from desktop.core.article import Article
from desktop.core.errors import LoadError
from desktop.core.formats.html import meta_content
from desktop.core.loading import Document, article_from_document, parse_text

PASTED = "(pasted)"
"""How every pasted article's `source` begins."""
#: The HTML is used when it keeps at least this share of the plain text's words.
HTML_COVERAGE = 0.9

_WORD = re.compile(r"\w+")
# Where browsers note the page a fragment came from (Windows CF_HTML, some Linux browsers).
_SOURCE_URL = re.compile(r"SourceURL:\s*(\S+)|<base\s[^>]*href=[\"']([^\"']+)", re.IGNORECASE)


def pasted_source(when: datetime | None = None) -> str:
    """A label for a pasted article, naming when it was pasted."""
    return f"{PASTED} {(when or datetime.now()).strftime('%Y-%m-%d %H:%M:%S')}"


def is_pasted(source: str) -> bool:
    return source.startswith(PASTED)


def site_name(html: str) -> str:
    """The outlet a copied fragment names: its og:site_name, else the domain of the page it was
    copied from (when the browser noted it); "" if the fragment says neither."""
    if name := meta_content(html, "og:site_name"):
        return name
    match = _SOURCE_URL.search(html[:20_000])
    url = (match[1] or match[2]) if match else ""
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.")


def pasted_document(text: str, html: str = "", source: str = "") -> Document:
    """The clipboard's text (and HTML, if it has some) as a `Document`; `LoadError` when
    neither holds anything to compare."""
    source = source or pasted_source()
    if html.strip():
        try:
            document = parse_text(html, source, html=True, recall=True)
        except LoadError:
            document = None
        if document is not None and (
            not text.strip() or _coverage(document.text, text) >= HTML_COVERAGE
        ):
            return document
    if not text.strip():
        raise LoadError(source, "the clipboard holds no text")
    return parse_text(text, source, html=False)


def pasted_article(
    text: str,
    article_id: str,
    outlet: str,
    html: str = "",
    source: str = "",
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Article:
    """A pasted article named `outlet` (the user's answer; the page's site name otherwise)."""
    document = pasted_document(text, html, source)
    outlet = (
        outlet.strip() or document.metadata.get("outlet", "") or site_name(html) or "Pasted article"
    )
    document = dataclasses.replace(document, metadata={**document.metadata, "outlet": outlet})
    return article_from_document(document, article_id, progress, cancelled)


def _coverage(extracted: str, plain: str) -> float:
    """Share of the plain text's words that the extracted text also has."""
    want = _WORD.findall(plain.casefold())
    if not want:
        return 1.0
    have: dict[str, int] = {}
    for word in _WORD.findall(extracted.casefold()):
        have[word] = have.get(word, 0) + 1
    found = 0
    for word in want:
        if have.get(word, 0) > 0:
            have[word] -= 1
            found += 1
    return found / len(want)

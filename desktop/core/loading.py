"""Reading article files (.txt, .md, .html, .pdf, .docx, .eml) into `Article` objects.

People bring articles as they find them: saved web pages, text pasted into an editor on any
system, Markdown with a front-matter block, a PDF, a Word file, a newsletter. This module turns
each into one text plus metadata and refuses anything else with a `LoadError` whose reason says
what to do. It never touches the network: a web page is parsed from the saved bytes only (the
one network access, a URL the user asks to open, is web.py's).

Text offsets: `Article.text` is the body as decoded (after the front matter, if any, and without
a byte-order mark), normalised once (normalize.py: NFC, no soft hyphens or zero-width
characters), so every `Sentence` offset points into that text. Line endings are not converted;
the segmenter handles CRLF and CR. Web pages, PDFs and Word files have their text rebuilt (see
formats/): one block per paragraph, blank lines between, "#" headings and "- " list items, so
the segmenter sees the document's structure.

Each article's language is detected (language.py) unless its front matter names it
(`language: ru`), and the segmenter uses it.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import logging
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from pathlib import Path

from desktop.core.article import Article
from desktop.core.errors import Cancelled, InputError, LoadError
from desktop.core.files import file_identity
from desktop.core.formats.plain import line_layout
from desktop.core.language import detect_language
from desktop.core.normalize import normalize_text
from desktop.core.segment import segment

log = logging.getLogger(__name__)

#: Larger files are refused: no news article is anywhere near this big.
MAX_BYTES = 50 * 1024 * 1024

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
#: Documents read by the modules of formats/ (PDF, Word, e-mail).
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".eml"})
#: Every kind of file Parallax reads as an article.
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCUMENT_SUFFIXES
#: Front-matter keys that become `Article` fields; every other key goes to `Article.extra`.
FIELD_KEYS = ("outlet", "title", "date", "author", "url", "note", "language")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

# Signatures of files people drop by mistake, with what to call them (PDF gets its own advice).
_MAGIC = {
    b"%PDF-": "PDF", b"\x89PNG\r\n\x1a\n": "PNG image", b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image", b"PK\x03\x04": "ZIP archive or OpenDocument file",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "old Microsoft Office document: save it as .docx",
    b"\x1f\x8b": "gzip archive", b"\x7fELF": "program",
}  # fmt: skip
# UTF-32 LE first: its mark begins with UTF-16 LE's.
_BOMS = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",
         codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le",
         codecs.BOM_UTF16_BE: "utf-16-be"}  # fmt: skip
# Bytes cp1252 leaves undefined; text containing them is read as latin-1 instead.
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")  # fmt: skip
_MONTHS = {m: n for n, name in enumerate(_MONTH_NAMES, 1) for m in (name, name[:3])} | {"sept": 9}
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*(?:\r\n|\r|\n)")
_FM_LINE = re.compile(r"\r\n|\r|\n")
_FM_KEY_NAME = re.compile(r"[A-Za-z0-9_][\w .-]*")
_HTML_SNIFF = re.compile(r"\A\s*<(?:!doctype\s+html|html)", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """A file's text and metadata before segmentation: what `read_document` found."""

    text: str
    metadata: dict[str, str]
    """Lower-case keys: outlet, title, date, author, url, note, and any others the file had."""
    source: str
    """The path as given."""
    encoding: str
    """The codec the bytes were decoded with ("utf-8", "utf-16-le", "cp1252", …), or the
    format ("pdf", "docx") for documents that are not plain bytes of text."""
    line_breaks: str = "wrap"
    """What a line break inside a paragraph means to the segmenter (`segment.LINE_BREAKS`)."""
    first_line_headline: bool = True
    """A short first line is the headline (text files); False where the document marks its
    headline itself (web pages, Word), so a byline or a date at the top stays a sentence."""


def read_document(path: str | Path) -> Document:
    """Read one article file; raise `LoadError` with an actionable reason if it is unusable."""
    source = str(path)
    data = _read_bytes(Path(path), source)
    return parse_document(data, source, Path(path).suffix.lower())


def parse_document(data: bytes, source: str, suffix: str, address: str = "") -> Document:
    """The document in `data`, read by its kind (`suffix`, then its first bytes); `address` is
    the URL it was fetched from, if it was. `LoadError` names `source` and the reason."""
    if document := _read_formats(data, source, suffix):
        return document
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise LoadError(source, f"this looks like a binary file ({what}), not an article")
    text, encoding = _decode(data, html=suffix in HTML_SUFFIXES)
    if _looks_binary(text):
        if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            raise LoadError(source, "this looks like a binary file, not an article")
        raise LoadError(source, f"unsupported file type ({suffix or 'no extension'}): not text")
    if not text.strip():
        blank = "contains only whitespace" if text else "is empty"
        raise LoadError(source, f"the file {blank}")
    html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _HTML_SNIFF.match(text))
    return parse_text(text, source, bool(html), encoding, address)


def parse_text(
    text: str,
    source: str,
    html: bool,
    encoding: str = "utf-8",
    address: str = "",
    recall: bool = False,
) -> Document:
    """A decoded text (a file's, a page's, the clipboard's) as a `Document`, normalised;
    `recall` keeps what trafilatura would otherwise take for boilerplate (a pasted selection
    is all article)."""
    if html:
        body, metadata = _read_html(source, text, address, recall)
        document = Document(body, metadata, source, encoding, "sentence", False)
    else:
        body, front_matter = _split_front_matter(text)
        if front_matter is not None and not body.strip():
            raise LoadError(source, "the article has no text after its front matter")
        metadata = front_matter or {}
        body, url = _split_source_line(body)
        if url and not body.strip():
            raise LoadError(source, "the article has no text after its source address")
        if url:
            metadata.setdefault("url", url)
        document = Document(body, metadata, source, encoding, line_layout(body))
    return normalized(document)


def normalized(document: Document) -> Document:
    """The document with its text and metadata normalised (normalize.py) once, before any
    segmenting, so every offset points into the normalised text."""
    metadata = {key: normalize_text(value) for key, value in document.metadata.items()}
    return dataclasses.replace(document, text=normalize_text(document.text), metadata=metadata)


def load_article(
    path: str | Path,
    article_id: str,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Article:
    """Read and segment one file into an `Article` with the given id; a long text reports
    segmenting progress (fraction of this file) and can be cancelled (see `segment`)."""
    return article_from_document(read_document(path), article_id, progress, cancelled)


def load_source(
    source: str | Path,
    article_id: str,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Article:
    """`load_article` for a file; an http(s) address given explicitly is fetched (web.py, the
    one network access) and read the same way."""
    # "://" first: a file never needs urllib and http.client imported (web.py).
    if isinstance(source, str) and "://" in source:
        from desktop.core import web

        if web.is_url(source):
            return web.load_url(source, article_id, progress, cancelled)
    return load_article(source, article_id, progress, cancelled)


def article_from_document(
    doc: Document,
    article_id: str,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Article:
    """Detect the language of a read document, segment it and make it an `Article`."""
    meta = doc.metadata
    declared = meta.get("language", "").strip().lower()
    language = declared if _LANGUAGE_CODE.fullmatch(declared) else detect_language(doc.text)
    sentences = segment(
        doc.text,
        progress,
        cancelled,
        language=language,
        line_breaks=doc.line_breaks,
        first_line_headline=doc.first_line_headline,
    )
    if not sentences:  # only Markdown marks ("#", "* * *") were left
        after = "after its front matter" if doc.metadata else "(only formatting marks)"
        raise LoadError(doc.source, f"the article has no text {after}")
    headline = sentences[0].text if sentences[0].kind == "headline" else ""
    raw_date = meta.get("date") or meta.get("published", "")
    return Article(
        id=article_id,
        source=doc.source,
        text=doc.text,
        sentences=sentences,
        outlet=meta.get("outlet") or outlet_from_filename(doc.source),
        title=meta.get("title") or headline,
        published=iso_date(raw_date) if raw_date else "",
        author=meta.get("author", ""),
        url=meta.get("url", ""),
        note=meta.get("note", ""),
        language=language,
        extra={k: v for k, v in meta.items() if k not in FIELD_KEYS and k != "published"},
    )


def load_articles(
    paths: Iterable[str | Path],
    progress: Callable[[float, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Article]:
    """Load files (or URLs, see `load_source`) as articles a1, a2, … in order; stop at the
    first bad one.

    Raises `InputError` if one file is given twice, `LoadError` for the first unusable file and
    `Cancelled` as soon as `cancelled()` returns True (checked before each file).
    """
    paths = list(paths)
    seen: set[object] = set()
    for p in paths:
        key = file_identity(p)
        if key in seen:
            raise InputError(f"The same file was given twice: {p}")
        seen.add(key)
    articles: list[Article] = []
    for number, p in enumerate(paths, start=1):
        if cancelled is not None and cancelled():
            raise Cancelled()
        within = None
        if progress is not None:
            share = 1 / len(paths)
            within = part_of(progress, (number - 1) * share, share, f"Reading {Path(p).name}")
        articles.append(load_source(p, f"a{number}", within, cancelled))
        if progress is not None:
            progress(number / len(paths), f"Loaded {Path(p).name} ({number} of {len(paths)})")
    return articles


def part_of(
    progress: Callable[[float, str], None], start: float, share: float, message: str
) -> Callable[[float], None]:
    """A progress callback for one step that fills [start, start + share] of `progress`."""
    return lambda fraction: progress(start + share * fraction, message)


def outlet_from_filename(path: str | Path) -> str:
    """ "washington-post.md" → "Washington Post", "politico_2025.txt" → "Politico 2025"."""
    words = re.split(r"[-_.\s]+", Path(path).stem)
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def iso_date(raw: str) -> str:
    """A date as ISO "YYYY-MM-DD" when it can be read ("19 August 2025", ISO datetimes …)."""
    s = raw.strip()
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(s).date().isoformat()
    s = re.sub(r"^[A-Za-z]+,\s*", "", s)  # a leading weekday: "Tuesday, August 19, 2025"
    patterns = (
        (r"(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})", (3, 2, 1)),
        (r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", (3, 1, 2)),
        (r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", (1, 2, 3)),
    )
    for pattern, (y, m, d) in patterns:
        if match := re.fullmatch(pattern, s):
            month = int(match[m]) if match[m].isdigit() else _MONTHS.get(match[m].lower(), 0)
            with contextlib.suppress(ValueError):  # 31 February, month 0: not a date
                return date(int(match[y]), month, int(match[d])).isoformat()
    return raw.strip()


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(source, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(source, "is not a regular file (a device or pipe?)")
        data = b""
        if info.st_size <= MAX_BYTES:  # a bigger one is refused below, without reading it
            with path.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError.unreadable(source, exc) from exc
    if (size := max(info.st_size, len(data))) > MAX_BYTES:  # it may have grown since stat()
        mb, limit = size / 2**20, MAX_BYTES // 2**20
        raise LoadError(
            source, f"the file is {mb:.1f} MB; Parallax reads articles up to {limit} MB"
        )
    if not data:
        raise LoadError(source, "the file is empty")
    return data


def _decode(data: bytes, html: bool) -> tuple[str, str]:
    """Text and codec name; never fails (unknown bytes become U+FFFD or latin-1 letters)."""
    for bom, codec in _BOMS.items():
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), codec
    if guessed := _guess_utf16_32(data):
        return data.decode(guessed, errors="replace"), guessed
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared := _META_CHARSET.search(data[:4096]) if html else None:
        name = (declared[1] or declared[2]).decode("ascii")
        # Only text codecs: "zlib" or "base64" are not charsets, and "idna" or "punycode"
        # cannot decode a page at all (they raise UnicodeError, not LookupError).
        with contextlib.suppress(LookupError, UnicodeError, ValueError):
            info = codecs.lookup(name)
            if info._is_text_encoding and info.name not in _NOT_PAGE_CHARSETS:
                return data.decode(info.name, errors="replace"), info.name
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(_NON_ASCII.findall(text))
    if (valid and 3 * valid >= damaged) or _cut_at_the_end(data):
        # Valid UTF-8 with a few bad bytes (a pasted cp1252 phrase, a character cut at the
        # end): reading it all as cp1252 would garble every valid character ("—" → "â€”"),
        # so only the bad bytes are read as cp1252.
        return data.decode("utf-8", errors=_MIXED), "utf-8"
    if _CP1252_HOLES.search(data):
        legacy = data.decode("latin-1")
        # Bytes 0x80-0x9f everywhere (read as binary): a multi-byte legacy charset, Shift-JIS…
        if len(_C1.findall(legacy[:100_000])) > len(legacy[:100_000]) / 10 and (
            found := _detect_charset(data)
        ):
            return found
        return legacy, "latin-1"
    return data.decode("cp1252"), "cp1252"


_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
_C1 = re.compile(r"[\x80-\x9f]")
# Text codecs that no web page is written in: they raise on ordinary bytes.
_NOT_PAGE_CHARSETS = frozenset({"idna", "punycode", "raw_unicode_escape", "unicode_escape"})


def _mixed_errors(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: a byte that is not UTF-8 but a cp1252 letter next to a Latin
    letter ("Caf\\xe9") is read as cp1252; anything else (a stray byte, a sequence cut off at
    the end) becomes U+FFFD."""
    assert isinstance(exc, UnicodeDecodeError)
    data, start, end = exc.object, exc.start, exc.end
    letter = bytes(data[start:end]).decode("cp1252", errors="replace")
    beside = bytes(data[max(0, start - 1) : start]) + bytes(data[end : end + 1])
    if letter.isalpha() and any(chr(b).isascii() and chr(b).isalpha() for b in beside):
        return letter, end
    return "\ufffd", end


_MIXED = "parallax-utf8-cp1252"
codecs.register_error(_MIXED, _mixed_errors)


def _cut_at_the_end(data: bytes) -> bool:
    """True if `data` is UTF-8 but for a character cut off at its very end."""
    for cut in (1, 2, 3):
        with contextlib.suppress(UnicodeDecodeError):
            data[:-cut].decode("utf-8")
            return True
    return False


def _detect_charset(data: bytes) -> tuple[str, str] | None:
    """A legacy multi-byte charset guessed by charset-normalizer, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    with contextlib.suppress(LookupError, UnicodeError):
        return data.decode(best.encoding, errors="replace"), best.encoding
    return None


def _guess_utf16_32(data: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark, recognised by NUL bytes in regular positions.

    UTF-8 and 8-bit text never hold NUL bytes; UTF-16 has one in the high byte of every space,
    digit, line break and Latin letter, and almost never in the low byte. Chinese or mixed-script
    text varies its high bytes, so the decoded text must also read as text (printable
    characters, no unpaired surrogates). A file cut to an odd length loses its last byte.
    """
    sample = data[:65536]
    if b"\x00" not in sample:
        return None

    def zeros(offset: int, step: int) -> float:
        return sample[offset::step].count(0) / max(len(sample[offset::step]), 1)

    candidates = []
    if len(data) % 4 == 0:
        if zeros(2, 4) > 0.9 and zeros(3, 4) > 0.9 and zeros(0, 4) < 0.1:
            candidates.append("utf-32-le")
        if zeros(0, 4) > 0.9 and zeros(1, 4) > 0.9 and zeros(3, 4) < 0.1:
            candidates.append("utf-32-be")
    for codec, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        if zeros(high, 2) > 0.005 and zeros(1 - high, 2) < 0.05:
            candidates.append(codec)
    for codec in candidates:
        even = data if codec.startswith("utf-32") or len(data) % 2 == 0 else data[:-1]
        try:
            text = even[:65536].decode(codec)
        except UnicodeDecodeError:
            continue  # an unpaired surrogate, or cut inside a UTF-32 character
        if sum(c.isprintable() or c in "\n\r\t" for c in text) >= 0.97 * len(text):
            return codec
    return None


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than one control character in ten: not prose."""
    sample = text[:100_000]
    return "\x00" in text or len(_CONTROL.findall(sample)) > len(sample) / 10


def _split_front_matter(text: str) -> tuple[str, dict[str, str] | None]:
    """Body and front-matter keys, or the whole text and None when there is no valid block.

    The block is `---`, `key: value` lines (indented or "- " lines continue the previous value;
    "#" lines are comments), then `---`. Anything else inside means it was not front matter
    (a Markdown rule, say), so the file is all body.
    """
    text = text.removeprefix("\ufeff")
    opening = _FRONT_MATTER.match(text)
    if not opening:
        return text, None
    metadata: dict[str, str] = {}
    key = None
    pos = opening.end()
    for brk in chain(_FM_LINE.finditer(text, pos), [None]):
        line = text[pos : brk.start() if brk else len(text)]
        pos = brk.end() if brk else len(text)
        stripped = line.strip()
        if line.rstrip() == "---":
            return text[pos:], metadata
        if not stripped or stripped.startswith("#"):
            continue
        match = _front_matter_key(line.rstrip())
        if key is not None and (line[:1].isspace() or stripped.startswith("- ")):
            value = _unquote(stripped.removeprefix("- "))
            metadata[key] = f"{metadata[key]}, {value}" if metadata[key] else value
        elif match:
            key = match[0].lower()
            metadata[key] = _unquote(match[1])
        else:
            return text, None
    return text, None  # no closing line: not front matter after all


def _front_matter_key(line: str) -> tuple[str, str] | None:
    """`key: value` → (key, value), or None. Split at the first colon, in linear time: the
    regex it replaces backtracked quadratically over a line of spaces (200 KB took 38 s)."""
    name, colon, value = line.partition(":")
    name = name.rstrip()
    if not colon or not _FM_KEY_NAME.fullmatch(name) or (value and not value[0].isspace()):
        return None
    return name.strip(), value.strip()


_SOURCE_LINE = re.compile(
    r"\A\s*#[ \t]*(?:source|url|link)[ \t]*:[ \t]*(https?://\S+)[ \t]*\r?\n"
    r"(?:[ \t]*(https?://\S+)[ \t]*(?:\r?\n|\Z))?",
    re.IGNORECASE,
)


def _split_source_line(text: str) -> tuple[str, str]:
    """Body and address of a leading `# source: URL` line (and of the bare URL line that often
    repeats it), as saved by clippers and news corpora; ("text", "") when there is none.

    Read as a Markdown heading, it became the article's title and first "sentence", and the
    repeated address ran into the real headline.
    """
    match = _SOURCE_LINE.match(text)
    if match is None:
        return text, ""
    url = match[1]
    if match[2] is not None and match[2] != url:
        return text[match.start(2) :], url  # another address: that line is the text's own
    return text[match.end() :], url


def _unquote(value: str) -> str:
    return re.sub(r"""^(["'])(.*)\1$""", r"\2", value.strip())


def _read_html(
    source: str, html: str, address: str = "", recall: bool = False
) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a saved web page, by trafilatura, without any network access.

    `address` is where the page was fetched from, if it was (it names the outlet when the page
    has no og:site_name); given a string, trafilatura fetches nothing.
    """
    from desktop.core.formats import html as html_format  # only web pages need it

    try:
        import trafilatura  # slow to import; only web pages need it
        from trafilatura.settings import set_date_params
    except ImportError as exc:  # e.g. lxml_html_clean missing after an install by an old pip
        raise LoadError(
            source,
            f"web pages cannot be read: a library is missing ({exc}). Install it with "
            "`pip install trafilatura lxml_html_clean`, or save the article as text",
        ) from exc
    _quiet_extraction_logs()

    # No date guessed from "© 2025" in a footer (extensive search): a wrong date is worse than
    # none. Given a string, trafilatura fetches nothing.
    dates = set_date_params(False)
    try:
        result = trafilatura.bare_extraction(
            html,
            url=address or None,
            favor_recall=recall,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dates,
        )
    except Exception as exc:  # lxml or trafilatura on a malformed page
        log.info("trafilatura failed on %s", source, exc_info=True)
        raise LoadError(source, f"this web page could not be read ({exc})") from exc
    text = html_format.body_text(result) if result is not None else ""
    if not html_format.has_prose(text):
        if _nesting_depth(html) > _PARSER_DEPTH:
            raise LoadError(
                source,
                f"this web page nests its elements more than {_PARSER_DEPTH} deep, beyond "
                "what the HTML parser reads, so its text is lost; save the article as text",
            )
        raise LoadError(source, "no article text found in this web page")
    keys = ("title", "author", "date", "url")
    metadata = {key: str(getattr(result, key)).strip() for key in keys if getattr(result, key)}
    if address:
        metadata.setdefault("url", address)
    if outlet := html_format.page_outlet(html, result, address):
        metadata["outlet"] = outlet
        if "title" in metadata:
            metadata["title"] = html_format.clean_title(metadata["title"], outlet)
    return text, metadata


_EXTRACTION_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")
_PARSER_DEPTH = 255
"""libxml2's nesting limit: deeper elements (and their text) are dropped."""
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _quiet_extraction_logs() -> None:
    """The reason a page is refused is one line, ours: the extractors' own warnings about
    odd pages ("meta charset=utf-16", deep trees) go to the debug log only."""
    if log.getEffectiveLevel() > logging.DEBUG:
        for name in _EXTRACTION_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counted from its tags (only when no text was found)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _read_formats(data: bytes, source: str, suffix: str) -> Document | None:
    """PDF, Word and e-mail documents (formats/), or None for text and web pages."""
    if data.startswith(b"%PDF-"):
        from desktop.core.formats import pdf

        body, metadata = pdf.read_pdf(data, source)
        return normalized(Document(body, metadata, source, "pdf"))
    if data.startswith(b"PK\x03\x04") and (suffix == ".docx" or _is_docx(data)):
        from desktop.core.formats import docx

        body, metadata = docx.read_docx(data, source)
        return normalized(Document(body, metadata, source, "docx", "sentence", False))
    if suffix == ".eml":
        from desktop.core.formats import eml

        text, is_html, headers = eml.read_eml(data, source)
        document = parse_text(text, source, is_html, "eml")
        # The message's own subject, sender and date name it better than its HTML does.
        headers = {key: normalize_text(value) for key, value in headers.items()}
        return dataclasses.replace(document, metadata={**document.metadata, **headers})
    return None


def _is_docx(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False

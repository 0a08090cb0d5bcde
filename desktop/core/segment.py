"""Sentence spans: the units that get aligned across outlets.

Alignment compares sentences, so how an article is cut decides what can match. The text is first
split into blocks the way a reader sees them (Markdown headings, list items, paragraphs separated
by blank lines); each paragraph or item is then split into sentences by pysbd, which scored best
on hand-labelled news boundaries (DESIGN §3), and a few rules repair its measured mistakes on news
prose. Every unit keeps character offsets into the text as given, so `text[start:end]` is always
the unit's text, whatever the line endings, tabs or odd spaces.

Rules added on top of pysbd 0.3.4 (each one has a test showing pysbd alone gets it wrong):

* an initialism ("U.S.", "U.N.", "D.C.") ending a sentence: pysbd splits before only a few words
  ("The", "He", …), never before "But", "On", "Officials" …, and never after "U.N." or "D.C."; we
  split when the next word is in `SENTENCE_STARTERS`;
* "a.m."/"p.m.": pysbd splits before *any* capital, so "at 5 p.m. Monday" or "at 4 a.m. Kyiv
  time" became two sentences; we rejoin before weekdays, months, time zones and "<Place> time",
  and split before a quote opening with a sentence starter ("5 p.m. \"We are done,\" he said");
* titles pysbd does not know ("Pres.", "Amb.", "Atty.", "Rt. Hon.", …) before a name: rejoined.
* the Arabic question mark "؟" and the Urdu full stop "۔": pysbd never ends a sentence there;
* no sentence starts with ",", ";", ":" or ")" ("Sen. Ben Sasse, R-Neb. ¦ , called"), with a
  lone closing quote (German „…“, or a quote wrapped onto the next line), with a lower-case word
  (German "mind. ¦ fünfzig", Russian "т. е. ¦ те"; "iPhone" and "eBay" do start sentences) or
  with a number after a short abbreviation ("§ 97 Abs. ¦ 1", "ок. ¦ 15-го"): those are rejoined;
* a closing quote after a full stop ends the sentence before a capital ("‘no.’ Then",
  "«Это слишком.» Потом"), which pysbd misses for single and angle quotes.

pysbd runs with the article's language (`language`, ISO 639-1) where it has rules for it, so
German "bzw." or Russian "т. е." do not end sentences; other languages use its English rules.

Line breaks inside a paragraph mean what the input made them mean (`line_breaks`): "wrap" (a
hard-wrapped text file: a line break is a space), "paragraph" (one paragraph per line, as
browsers copy an article: every line is a block) or "sentence" (`<br>` in a web page: a line
break ends the sentence unless the next line goes on in lower case).

pysbd's run time grows with the square of the text it is given (a 55,000-character paragraph took
1.8 s), so long paragraphs are cut into pieces of about `PYSBD_CHUNK` characters at boundaries
that are certain anyway; a piece without such a cut, and any text over `FAST_TEXT_CHARS` in
total (pysbd runs at roughly 3 µs per character), use `_regex_starts`, a plain splitter that
knows the common abbreviations. The same repair rules apply to both.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import NamedTuple

import pysbd

from desktop.core.article import Sentence
from desktop.core.errors import Cancelled
from desktop.core.language import segmenter_language

log = logging.getLogger(__name__)

#: Paragraphs longer than this are cut into pieces before pysbd sees them (its cost is quadratic).
PYSBD_CHUNK = 2_000
#: A piece this long with no certain boundary to cut at goes to the regex splitter instead.
PYSBD_MAX_PIECE = 20_000
#: Texts longer than this use the regex splitter throughout, to keep 20 MB inputs to seconds.
FAST_TEXT_CHARS = 1_000_000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that, capitalised after "U.S." or "p.m.", almost always begin a new sentence. Kept small
#: on purpose: a capital after an initialism is ambiguous ("the U.S. Army", "5 p.m. Eastern").
SENTENCE_STARTERS = _words(
    """The A An He She It They We I You This That These Those There Here His Her Its Their Our
    But And Or So Yet In On At After Before As By For From If When While Since Although Though
    However Meanwhile Still Then Now Officials Some Many Most Asked According Earlier Later"""
)
#: Words after "a.m."/"p.m." that continue the sentence ("5 p.m. Monday", "9 a.m. EDT").
_TIME_CONTINUATIONS = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec ET EDT EST CT CDT CST MT MDT MST PT PDT PST GMT UTC BST CET CEST EET EEST MSK
    Eastern Central Pacific Mountain Greenwich"""
)
#: Titles before a name that pysbd 0.3.4 takes for a sentence end ("Pres. Zelensky").
_NAME_TITLES = "Pres|Amb|Atty|Fr|Insp|Pvt|Msgr|Rt|Hon|Ft|Sec|Gens"
#: Abbreviations the regex fallback must not end a sentence on (pysbd has its own list).
_ABBREVIATIONS = _words(
    """mr mrs ms dr gen sen rep st mt gov lt col sgt capt maj adm cmdr rev prof jr sr inc corp
    co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec"""
) | _words(_NAME_TITLES.lower().replace("|", " "))

#: Every character str.isspace() accepts (the ones str.strip() removes; none lies above U+3000).
WHITESPACE = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Each becomes a plain space in the working copy, so offsets stay the same while pysbd and the
# regexes see one kind of space (pysbd splits at newlines otherwise). Written out: finding them
# by testing every character up to U+3000 took 2–3 ms of every start.
_SPACES = str.maketrans(WHITESPACE, " " * len(WHITESPACE))

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r" {0,3}(#{1,6})(?: +|$)")
_CLOSING_HASHES = re.compile(r" +#+ *$")
_RULE = re.compile(r" {0,3}([-*_=])(?: *\1){2,} *$")
_ITEM = re.compile(r" {0,3}(?:[-*+]|(\d{1,3})[.)])(?: +|$)")
_FINAL_PUNCT = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^\W\d_'’.\-]*(?:[ /][^\W\d_][^\W\d_'’.\-]*){0,4})"  # WASHINGTON, NEW YORK
    r"(?:, [^\n—–()\-]{1,40}?)?"  # , Aug. 19   , Ukraine
    r"(?: \([^()\n]{1,40}\))?"  # (Reuters)
    r" +(?:—|–|--|-)"
    r"(?= |$)"
)
_INITIALISM = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|(?i:[ap]\.m\.))")  # not "e.g."
# After an initialism or title: spaces, an optional opening quote, the next word, the one after.
_NEXT_WORD = re.compile(r" +([\"“‘']?)([^\W\d_][\w'’\-]*)(?: +(\w+))?")
_TITLE = re.compile(rf"(?<![\w.])(?:{_NAME_TITLES})\.(?= +[^\W\d_])")
_SAFE_CUT = re.compile(
    r"(?<=[a-z]{4}[.!?])[\"”’)]* +(?=(?:" + "|".join(SENTENCE_STARTERS) + r")\b)"
)
# Both end patterns start a match only at the first mark of a run (the lookbehind): retried at
# every position of a run, "." * 60,000 took 52 s and "؟" * 100,000 134 s.
_ARABIC_END = re.compile(r"(?<![؟۔])[؟۔]++[\"'”’»)\]]*+ +(?=[\"“‘'«(\[]?[^\W\d_])")
"""Arabic "؟" and Urdu "۔" before the next word: pysbd does not end sentences there (the
scripts have no capitals to tell it), so these always start a new sentence."""
_REGEX_END = re.compile(r"(?<![.!?…؟۔])[.!?…؟۔]++[\"'”’»)\]]*+ +(?=[\"“‘'«(\[]?([^\W\d_]))")


#: How a line break inside a paragraph is read (see the module docstring).
LINE_BREAKS = ("wrap", "paragraph", "sentence")
# Rules of `_rejoin`: what a sentence never starts with, and where it always ends.
_QUOTES = "\"'“”„‟‘’‚‛«»‹›「」『』"
_NO_START = frozenset(",;:)]}")
_QUOTE_END = re.compile(rf"(?<=[^\W\d_]{{2}})[.!?…]+[{_QUOTES}]+ +(?=[{_QUOTES}(]?[^\W\d_])")
_SHORT_ABBREVIATION = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,4}\. *$")
# Quotes that only ever open a quotation (French « », German „ “, Japanese 「 」).
_OPENING_ONLY = frozenset("«„‚‹「『")
#: A Latin-script end mark with what may follow it before the next sentence: closing marks,
#: then space. Only a start there that does not go on in lower case can survive `_rejoin`.
_SPACED_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+(\S)")
_UNSPACED_END = re.compile(r"[。؟۔]")

PROGRESS_CHARS = 65_536
"""How much text `segment` gets through between progress reports and cancel checks."""


class _Block(NamedTuple):
    kind: str  # "paragraph", "heading", "item"
    start: int  # first character of the content (after any marker)
    end: int
    level: int = 0  # heading level
    one_line: bool = True
    blank_after: bool = False


def segment(
    text: str,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    language: str = "en",
    line_breaks: str = "wrap",
    first_line_headline: bool = True,
) -> tuple[Sentence, ...]:
    """Split `text` into sentences, headlines, headings, datelines and list items, in order.

    Each unit is stripped of surrounding whitespace, never empty, and `text[start:end]` is its
    text. `block` numbers the paragraphs, headings and items that contain at least one unit.
    Long texts (a 20 MB file takes seconds) report the fraction done to `progress` about
    every `PROGRESS_CHARS` characters, and raise `Cancelled` there once `cancelled()` is true.

    `language` (ISO 639-1) selects pysbd's rules; `line_breaks` is one of `LINE_BREAKS`; with
    `first_line_headline` false (web pages, whose headline is their `<h1>`), a short first
    paragraph is a sentence like the others rather than the headline (a byline, a date).
    """
    if line_breaks not in LINE_BREAKS:
        raise ValueError(f"line_breaks must be one of {LINE_BREAKS}, not {line_breaks!r}")
    norm = text.translate(_SPACES)
    fast = len(text) > FAST_TEXT_CHARS
    if fast:
        log.info("text of %d characters: using the fast sentence splitter", len(text))
    splitter = None if fast else _splitter(segmenter_language(language))
    units: list[Sentence] = []
    block_no = 0
    seen_body = False
    reported = 0
    for i, block in enumerate(_blocks(text, norm, line_breaks == "paragraph")):
        if block.start - reported >= PROGRESS_CHARS:
            reported = block.start
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(block.start / len(text))
        spans: list[tuple[int, int, str]] = []
        if block.kind == "heading":
            kind = "headline" if i == 0 and block.level == 1 else "heading"
            spans = [(block.start, block.end, kind)]
        elif (
            i == 0
            and first_line_headline
            and block.kind == "paragraph"
            and _is_headline(norm, block)
        ):
            spans = [(block.start, block.end, "headline")]
        else:
            start = block.start
            kind = "item" if block.kind == "item" else "body"
            if kind == "body" and not seen_body:
                seen_body = True
                dateline = _DATELINE.match(norm, block.start, block.end)
                if dateline and _is_place(dateline["place"]):
                    spans.append((block.start, dateline.end(), "dateline"))
                    start = dateline.end()
            starts = _sentence_starts(norm, start, block.end, splitter, cancelled)
            if line_breaks == "sentence":
                starts |= _line_starts(text, norm, start, block.end)
            bounds = [start, *sorted(starts), block.end]
            spans += [(a, b, kind) for a, b in pairwise(bounds)]
        made = False
        for a, b, kind in spans:
            a, b = _trim(norm, a, b)
            if a < b:
                units.append(Sentence(len(units), a, b, text[a:b], kind, block_no))
                made = True
        block_no += made
    return tuple(units)


def _splitter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=False)


def _blocks(text: str, norm: str, line_paragraphs: bool = False) -> Iterator[_Block]:
    """Headings, list items and paragraphs, with the Markdown markers left out of their spans;
    with `line_paragraphs`, every line is a paragraph (or item) of its own."""
    current: _Block | None = None
    for line_start, line_end in _lines(text):
        if current and line_paragraphs:
            yield current._replace(blank_after=True)
            current = None
        line = norm[line_start:line_end]
        heading = _HEADING.match(line)
        rule = _RULE.match(line)
        item = None if rule else _ITEM.match(line)
        if item and current and current.kind == "paragraph" and item[1] not in (None, "1"):
            item = None  # like CommonMark: "2025. The …" inside a paragraph is not a list
        if not line.strip() or heading or rule or item:
            if current:
                yield current._replace(blank_after=not line.strip())
                current = None
            if heading:
                end = line_start + len(_CLOSING_HASHES.sub("", line))
                yield _Block("heading", line_start + heading.end(), end, len(heading[1]))
            elif item:
                current = _Block("item", line_start + item.end(), line_end)
        elif current:
            current = current._replace(end=line_end, one_line=False)
        else:
            current = _Block("paragraph", line_start, line_end)
    if current:
        yield current


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its line break, for LF, CRLF and CR endings."""
    start = 0
    for brk in _LINE_BREAK.finditer(text):
        yield start, brk.start()
        start = brk.end()
    yield start, len(text)


def _is_headline(norm: str, block: _Block) -> bool:
    """A first paragraph of one short line with no final punctuation, then a blank line."""
    content = norm[block.start : block.end].strip()
    return (
        block.one_line
        and block.blank_after
        and 0 < len(content.split()) <= 20
        and not _FINAL_PUNCT.search(content)
    )


def _is_place(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    # Three letters at least: "US — " or "AI — " opening a paragraph is prose, not a dateline.
    return len(letters) >= 3 and place == place.upper() and place != place.lower()


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] == " ":
        start += 1
    while end > start and norm[end - 1] == " ":
        end -= 1
    return start, end


def _sentence_starts(
    norm: str,
    start: int,
    end: int,
    splitter: pysbd.Segmenter | None,
    cancelled: Callable[[], bool] | None = None,
) -> set[int]:
    """Offsets in (start, end) where a new sentence begins, with the repair rules applied.

    A paragraph of a megabyte is hundreds of pysbd pieces: `cancelled` is asked every few."""
    starts: set[int] = set()
    for n, (a, b) in enumerate(_pieces(norm, start, end), start=1):
        if cancelled is not None and n % 16 == 0 and cancelled():
            raise Cancelled()
        if a > start:
            starts.add(a)
        if splitter is None or b - a > PYSBD_MAX_PIECE:
            starts |= _regex_starts(norm, a, b)
        else:
            starts |= _pysbd_starts(splitter, norm, a, b)
    return _rejoin(norm, start, end, _repair(norm, start, end, starts))


def _line_starts(text: str, norm: str, start: int, end: int) -> set[int]:
    """Starts after each line break in (start, end) where the next line does not go on in
    lower case (line breaks from `<br>`: "Term (eFA)⏎Die eFA ist …")."""
    starts: set[int] = set()
    for brk in _LINE_BREAK.finditer(text, start, end):
        at = brk.end()
        while at < end and norm[at] == " ":
            at += 1
        if at < end and not _continues(norm, at, end):
            starts.add(at)
    return starts


def _continues(norm: str, at: int, end: int) -> bool:
    """True if a unit starting at `at` would go on the sentence before it: punctuation that
    never opens a sentence, or a lower-case word ("iPhone", "eBay" excepted)."""
    char = norm[at]
    if char in _NO_START:
        return True
    if not char.islower():
        return False
    word_end = at
    while word_end < end and not norm[word_end].isspace():
        word_end += 1
    return not any(c.isupper() for c in norm[at:word_end])


def _rejoin(norm: str, start: int, end: int, starts: set[int]) -> set[int]:
    """The rules against units that cannot begin a sentence (see the module docstring)."""
    for match in _QUOTE_END.finditer(norm, start, end):
        starts.add(match.end())
    kept: set[int] = set()
    for s in sorted(starts):
        if not start < s < end or _continues(norm, s, end):
            continue
        if (
            norm[s] in _QUOTES
            and norm[s] not in _OPENING_ONLY
            and (s + 1 == end or not norm[s + 1].isalnum())
        ):
            # A lone closing quote: it ends the sentence before; the next one starts after it.
            after = s
            while after < end and (norm[after] in _QUOTES or norm[after] in ".!?…,;:)"):
                after += 1
            while after < end and norm[after] == " ":
                after += 1
            if after < end and not _continues(norm, after, end):
                kept.add(after)
            continue
        if norm[s].isdigit() and _SHORT_ABBREVIATION.search(norm, max(start, s - 8), s):
            continue  # "§ 97 Abs. 1", "ок. 15-го": an abbreviation, not a sentence end
        kept.add(s)
    return kept


def _pieces(norm: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a long paragraph at certain boundaries ("…said. The") into pysbd-sized pieces."""
    if end - start <= PYSBD_CHUNK:
        yield start, end
        return
    piece_start = start
    last_cut = None
    for cut in _SAFE_CUT.finditer(norm, start, end):
        if cut.end() - piece_start > PYSBD_CHUNK and last_cut is not None:
            yield piece_start, last_cut
            piece_start = last_cut
        last_cut = cut.end()
    if last_cut is not None and end - piece_start > PYSBD_CHUNK:
        yield piece_start, last_cut
        piece_start = last_cut
    yield piece_start, end


def _pysbd_starts(splitter: pysbd.Segmenter, norm: str, start: int, end: int) -> set[int]:
    """Where pysbd starts sentences, found by searching forward for each one's text.

    pysbd's own char_span search rescans the text from the start for every sentence (quadratic)
    and silently drops sentences it cannot find; searching from a cursor is linear, and a
    sentence that cannot be found just stays joined to its neighbour.
    """
    piece = norm[start:end]
    if not _may_split(piece.rstrip()[:-1]):
        # No mark that could end a sentence but (maybe) the last character, or only marks that
        # `_rejoin` would join again ("Mr. s loaded", "u.s. naval", a URL): pysbd returns such
        # a piece whole, and costs 0.3–2 ms a call (50,000 one-line paragraphs took 15 s).
        return set()
    try:
        sentences = splitter.segment(piece)
    except Exception:  # a third-party regex engine on arbitrary text: never lose the article
        log.warning("pysbd failed on a paragraph; using the fallback splitter", exc_info=True)
        return _regex_starts(norm, start, end)
    starts: set[int] = set()
    cursor = 0
    for sentence in sentences:
        needle = str(sentence).strip()
        found = piece.find(needle, cursor) if needle else -1
        if found < 0:
            continue
        if found > 0:
            starts.add(start + found)
        cursor = found + len(needle)
    return starts


def _may_split(text: str) -> bool:
    """True if a sentence could start inside `text` (its last character left out)."""
    if _UNSPACED_END.search(text):
        return True
    return any(not _continues(text, m.start(1), len(text)) for m in _SPACED_END.finditer(text))


def _regex_starts(norm: str, start: int, end: int) -> set[int]:
    """A plain splitter: final punctuation, space, capital; not after a known abbreviation."""
    starts: set[int] = set()
    for match in _REGEX_END.finditer(norm, start, end):
        if match[1].islower():
            continue
        word_start = norm.rfind(" ", start, match.start()) + 1
        word = norm[max(word_start, start) : match.start()].lower()
        if norm[match.start()] == "." and (len(word) == 1 or "." in word or word in _ABBREVIATIONS):
            continue
        starts.add(match.end())
    return starts


def _repair(norm: str, start: int, end: int, starts: set[int]) -> set[int]:
    """Apply the rules for pysbd's measured misses (see the module docstring)."""
    for match in _INITIALISM.finditer(norm, start, end):
        nxt = _NEXT_WORD.match(norm, match.end(), end)
        if not nxt:
            continue
        quote, word, after = nxt.groups()
        word_start = nxt.start(2) - len(quote)
        if word in SENTENCE_STARTERS:
            starts.add(word_start)
        elif match[0].lower() in ("a.m.", "p.m.") and (
            word in _TIME_CONTINUATIONS or (after == "time" and not quote)
        ):
            starts.difference_update(range(match.end(), word_start + 1))
    for match in _ARABIC_END.finditer(norm, start, end):
        starts.add(match.end())
    for match in _TITLE.finditer(norm, start, end):
        nxt = _NEXT_WORD.match(norm, match.end(), end)
        if nxt and not nxt[1] and nxt[2] not in SENTENCE_STARTERS and nxt[2][0].isupper():
            starts.difference_update(range(match.end(), nxt.start(2) + 1))
    return {s for s in starts if start < s < end}

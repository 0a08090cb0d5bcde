"""Direct quotations in a sentence, and which spans of it they cover.

Words inside a quotation are the speaker's, not the outlet's: a "said" there is not the
sentence's attribution and a "may" there is the speaker's caution. So every other analysis asks
here first whether a position is inside quotation marks.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

QUOTE_MARKS = re.compile(r"[\"“”«»‘]")
_OPENING_CONTEXT = " \t\n([{—–-/:"


def quote_spans(text: str) -> tuple[Span, ...]:
    """Inner spans of the direct quotations in `text`, outermost only, in order.

    Straight quotes pair up in order, an opening one being one after a space or an opening
    bracket. A quotation still open at the end of the sentence (it goes on in the next one) runs
    to the end; a closing mark with no opening one closes a quotation begun before the sentence.
    Single curly quotes count only as a clear pair ‘…’, so apostrophes never open a quotation.
    """
    if not QUOTE_MARKS.search(text):
        return ()
    spans: list[Span] = []
    spans += _pair_straight(text)
    spans += _pair_marks(text, "“", "”")
    spans += _pair_marks(text, "«", "»")
    spans += _pair_single(text)
    spans.sort()
    outer: list[Span] = []
    for s, e in spans:
        if outer and s < outer[-1][1]:
            continue
        outer.append((s, e))
    return tuple(outer)


def _pair_straight(text: str) -> list[Span]:
    spans: list[Span] = []
    open_at = -1
    for m in re.finditer('"', text):
        p = m.start()
        if open_at < 0:
            if p == 0 or text[p - 1] in _OPENING_CONTEXT:
                open_at = p
            elif not spans:
                spans.append((0, p))
        else:
            spans.append((open_at + 1, p))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at + 1, len(text)))
    return spans


def _pair_marks(text: str, opening: str, closing: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    first_open = text.find(opening)
    first_close = text.find(closing)
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        spans.append((0, first_close))
        pos = first_close + 1
    while True:
        i = text.find(opening, pos)
        if i < 0:
            break
        j = text.find(closing, i + 1)
        if j < 0:
            spans.append((i + 1, len(text)))
            break
        spans.append((i + 1, j))
        pos = j + 1
    return spans


def _pair_single(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in re.finditer("‘", text):
        i = m.start()
        if i > 0 and text[i - 1] not in _OPENING_CONTEXT + '“"':
            continue
        if i + 1 >= len(text) or not text[i + 1].isalnum():
            continue
        # The closing mark is one not followed by a letter ("Ukraine’s" is an apostrophe).
        for c in re.finditer("’", text[i + 1 :]):
            j = i + 1 + c.start()
            if (j + 1 >= len(text) or not text[j + 1].isalnum()) and not text[j - 1].isspace():
                spans.append((i + 1, j))
                break
    return spans


def inside(pos: int, spans: tuple[Span, ...]) -> bool:
    return any(s <= pos < e for s, e in spans)

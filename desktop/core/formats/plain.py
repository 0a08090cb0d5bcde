"""What a line break means in a plain-text article, decided by measuring its lines.

Text reaches Parallax in two shapes. Copied from a browser (and saved by most clippers and news
corpora), an article has one paragraph per line and often no blank line at all: read as one
paragraph, its headline, dateline and first sentence ran together, and a line without final
punctuation glued onto the next. Typed or saved from e-mail, a text is hard-wrapped: short lines
of about the same width, blank lines between paragraphs, and a line break in mid-sentence that
is only a space. `line_layout` tells them apart so that the segmenter reads each as meant.
"""

from __future__ import annotations

import re
from itertools import pairwise

#: Nobody hard-wraps text wider than this: lines longer than it are paragraphs.
WRAP_WIDTH = 100
#: Without blank lines, short lines are paragraphs when at least this share ends a sentence …
SENTENCE_LINES = 0.5
#: … and at most this share of line breaks fall inside a sentence.
CONTINUED_LINES = 0.1

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？:][\"'”’»)\]]*$")


def line_layout(text: str) -> str:
    """ "paragraph" when every line of `text` is a paragraph of its own, "wrap" when the text is
    hard-wrapped (a line break inside a paragraph is a space). See `segment`'s `line_breaks`.

    Lines longer than `WRAP_WIDTH` (at the 90th percentile, so a stray long address does not
    count) are paragraphs; so are short lines with no blank line between them when the text
    never goes on from one line to the next (a line without final punctuation followed by one
    starting in lower case) and most lines end a sentence. Anything else keeps the reading
    every text had before: hard-wrapped.
    """
    lines = [line.strip() for line in _LINE_BREAK.split(text)]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    content = [line for line in lines if line]
    if len(content) < 2:
        return "wrap"
    lengths = sorted(len(line) for line in content)
    if lengths[-(len(lengths) // 10) - 1] > WRAP_WIDTH:
        return "paragraph"
    if len(content) < len(lines):  # blank lines between paragraphs: hard-wrapped
        return "wrap"
    pairs = list(pairwise(content))
    goes_on = sum(1 for a, b in pairs if not _ENDS_SENTENCE.search(a) and b[:1].islower())
    ending = sum(1 for line in content if _ENDS_SENTENCE.search(line))
    if goes_on <= CONTINUED_LINES * len(pairs) and ending >= SENTENCE_LINES * len(content):
        return "paragraph"
    return "wrap"

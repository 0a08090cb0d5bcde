"""Normalised forms of sentences for scoring: content words, light stems, corpus weights.

Scoring works on text normalised once per sentence (DESIGN §3). The "content" form drops stop
words and reporting boilerplate ("said", weekdays, "according to"), so two sentences that share
only "Trump said on Monday" have almost nothing left in common.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from rapidfuzz import utils

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me more most my myself no nor not of off on once only or other
    ought our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves may might must shall s t don didn doesn isn wasn weren won wouldn couldn shouldn
    hasn haven hadn ll re ve d m o y its one mr mrs ms dr within next since via per upon
    among amid across toward towards despite
    """.split()
)

# Words every report of anything uses; they carry no fact.
BOILERPLATE = frozenset(
    """
    said say says saying told tell tells according reported reports report reporting added adds
    noted notes stated statement statements announced asked spoke speaking speak comment comments
    commented confirmed claimed claims insisted stressed warned argued wrote explained described
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weekend
    day earlier later recently now time year new news also however meanwhile still already
    """.split()
)

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "twenty": "20", "thirty": "30", "hundred": "100", "thousand": "1000", "million": "m",
    "billion": "bn", "bn": "bn", "trillion": "tn",
}  # fmt: skip

_SUFFIXES = re.compile(r"(?:ies|ied|es|s|ing|ed|ly|ment|ation|ised|ized|ise|ize|ians|ian|ia|e)$")

# Titles and roles: they name who speaks, not what happened, and weigh like names.
TITLES = frozenset(
    """
    president presidents minister ministers prime foreign secretary general chancellor official
    officials aide aides leader leaders spokesperson spokesman spokeswoman government
    administration ambassador envoy senator representative chief head state united
    """.split()
)

NAME_WEIGHT = 0.35
"""Share of its rarity weight a name or title keeps: sharing "Trump" is weak evidence."""

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def stem(word: str) -> str:
    """A deliberately crude stem: enough to meet "guarantees"/"guaranteed" half-way."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if len(word) <= 4 or word.isdigit():
        return word
    stemmed = _SUFFIXES.sub("", word)
    return stemmed if len(stemmed) >= 3 else word


def content_tokens(text: str) -> list[str]:
    """Stemmed content words of a sentence, in order, duplicates kept."""
    return [
        stem(w)
        for w in utils.default_process(text).split()
        if w not in STOPWORDS and w not in BOILERPLATE
    ]


def case_tokens(text: str) -> tuple[set[str], set[str]]:
    """Stems written with a capital (or a title), and stems written in lower case mid-sentence.

    A word is a name for the whole comparison when it is capitalised somewhere and never written
    in lower case inside a sentence; the sentence-initial capital alone proves nothing.
    """
    capital: set[str] = set()
    lower: set[str] = set()
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group()
        for part in utils.default_process(word).split():
            if part in STOPWORDS:
                continue
            if part in TITLES or word[:1].isupper():
                capital.add(stem(part))
            elif i > 0:
                lower.add(stem(part))
    return capital, lower


def sorted_words(text: str) -> str:
    """rapidfuzz's default processing with tokens sorted: ratio on it is token_sort_ratio."""
    return " ".join(sorted(utils.default_process(text).split()))


def sorted_content(tokens: Iterable[str]) -> str:
    return " ".join(sorted(set(tokens)))


class Weights:
    """Inverse document frequency of content tokens over every sentence of a comparison.

    Names and words the whole story repeats ("Ukraine", "Zelensky", "security") weigh little;
    the words that make a sentence's fact its own ("ten", "drones", "peacekeeping") weigh more.
    """

    def __init__(self, documents: Sequence[Iterable[str]], texts: Iterable[str] = ()) -> None:
        df: Counter[str] = Counter()
        for doc in documents:
            df.update(set(doc))
        capital: set[str] = set()
        lower: set[str] = set()
        for text in texts:
            c, low = case_tokens(text)
            capital |= c
            lower |= low
        self.names = frozenset((capital - lower) | {stem(t) for t in TITLES})
        n = max(len(documents), 1)
        self.df = df
        self.n = n
        self._idf = {
            t: (math.log((n + 1) / (c + 1)) + 1.0) * (NAME_WEIGHT if t in self.names else 1.0)
            for t, c in df.items()
        }
        self._default = math.log(n + 1) + 1.0

    def __getitem__(self, token: str) -> float:
        return self._idf.get(token, self._default)

    def total(self, tokens: Iterable[str]) -> float:
        return sum(self[t] for t in tokens)

    def dice(self, a: frozenset[str], b: frozenset[str], total_a: float, total_b: float) -> float:
        """Weighted Dice overlap of two token sets, 0–1."""
        if not a or not b:
            return 0.0
        shared = a & b
        if not shared:
            return 0.0
        return 2.0 * sum(self[t] for t in shared) / (total_a + total_b)

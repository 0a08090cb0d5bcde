"""Reading one sentence: who speaks, what is quoted, how cautious it is, what it negates.

All of it is regexes and small heuristics over the word lists in `lexicon.py`, with no model:
the engine must run offline, instantly and the same way every time, and each decision can be
explained to a user by pointing at a listed cue. Attribution lives in `attribution.py`,
quotations in `quotes.py` and figures in `numbers.py`; this module holds hedges, negation and
`analyse_sentence`, which puts them together.

`analyse_sentence` is cached on the text, because alignment asks about the same sentence once
per link it takes part in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.core.framing.attribution import find_attribution
from desktop.core.framing.lexicon import (
    FUNCTION_WORDS,
    HEDGE_KINDS,
    HEDGE_PATTERNS,
    HEDGE_WORDS,
    NEGATION_SKIP,
)
from desktop.core.framing.model import Cue, Negation, Quote, SentenceFraming
from desktop.core.framing.numbers import find_figures
from desktop.core.framing.quotes import QUOTE_MARKS, Span, inside, quote_spans
from desktop.core.framing.trie import trie_regex

# -- small word tools ---------------------------------------------------------------------------

_NEXT = re.compile(r"\s*(\w+(?:['’\-]\w+)*|[^\w\s])")

_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "took": "take", "taken": "take",
    "made": "make", "gave": "give", "given": "give", "went": "go", "gone": "go", "sent": "send",
    "met": "meet", "held": "hold", "kept": "keep", "won": "win", "lost": "lose",
    "began": "begin", "begun": "begin", "brought": "bring", "thought": "think",
    "bought": "buy", "sought": "seek", "spoke": "speak", "spoken": "speak", "wrote": "write",
    "written": "write", "was": "be", "were": "be", "is": "be", "are": "be", "been": "be",
    "did": "do", "does": "do", "done": "do", "has": "have", "had": "have", "men": "man",
    "women": "woman", "children": "child", "won't": "will", "can't": "can",
}  # fmt: skip


_EED_WORDS = frozenset("proceed succeed exceed indeed".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to match "rules", "ruled", "ruling" and "rule" to one another."""
    w = word.lower().replace("’", "'")
    if w.endswith("n't"):
        w = w[:-3]
    w = _IRREGULAR.get(w, w)
    if (w.endswith("eed") and len(w) > 5 and w not in _EED_WORDS) or w.endswith("ees"):
        return w[:-1]  # "agreed", "guarantees" → "agree", "guarantee"; not "need", "proceed"
    if w.endswith("eeing"):
        return w[:-3]
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if w.endswith("e") and not w.endswith("ee") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


# -- hedges -------------------------------------------------------------------------------------

_PATTERNS = [(kind, p) for kind in HEDGE_KINDS for p in HEDGE_PATTERNS[kind]]


def _hedge_regex() -> re.Pattern[str]:
    groups = [f"(?P<p{n}>{p.regex})" for n, (_, p) in enumerate(_PATTERNS)]
    literals = trie_regex(w for kind in HEDGE_KINDS for w in HEDGE_WORDS[kind])
    # The look-ahead rejects word ends and non-letters before any alternative is tried.
    alternatives = "|".join([*groups, f"(?P<phrase>{literals})"])
    return re.compile(r"\b(?=[a-z])(?:" + alternatives + r")\b", re.I)


_HEDGE = _hedge_regex()
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_HEDGE_KIND = {w: kind for kind in HEDGE_KINDS for w in HEDGE_WORDS[kind]}
_SPACES = re.compile(r"\s+")
_NOT_AFTER = re.compile(r"\s+not\b", re.I)
_INDIRECT_QUESTION = re.compile(
    r"\b(?:when|whether|how|what|where|why)\b(?:\s+[\w'’-]+){0,4}\s+$", re.I
)


def find_hedges(text: str, quotes: tuple[Span, ...] = ()) -> tuple[Cue, ...]:
    """Hedge cues in `text`, each marked as inside a quotation or not."""
    out = []
    for m in _HEDGE.finditer(text):
        word = m.group(0)
        start = m.start()
        group = m.lastgroup or ""
        if group == "phrase":
            kind = _HEDGE_KIND[_SPACES.sub(" ", word.lower()).replace("’", "'")]
        else:
            kind, pattern = _PATTERNS[int(group[1:])]
            previous = _WORD_BEFORE.search(text, max(0, start - 16), start)
            if previous and previous.group(1).lower() in pattern.before:
                start = previous.start()
                word = text[start : m.end()]
            elif pattern.before_required:
                continue
        if "/" in text[start - 1 : start] + text[m.end() : m.end() + 1]:
            continue  # part of a web address ("2013/may/03")
        if word == "May" and not (m.start() == 0 and text[m.end() + 1 : m.end() + 2].islower()):
            continue  # the month, or Theresa May; only "May we…" at the start is the modal
        if word.lower() == "could" and _NOT_AFTER.match(text, m.end()):
            continue  # "could not": inability stated flatly, not caution
        if kind == "modal" and _INDIRECT_QUESTION.search(text, max(0, start - 40), start):
            continue  # "when a ceasefire might begin": an open question, not caution
        out.append(Cue(kind, word, start, m.end(), inside(start, quotes)))
    return tuple(out)


# -- negation -----------------------------------------------------------------------------------

_NEGATOR = re.compile(
    r"\b(?=[a-z])(?:not|never|no|cannot|without|unable\s+to|unwilling\s+to"
    r"|(?:refus|declin|fail)(?:e|es|ed|ing|s)?\s+to)\b",
    re.I,
)
_CONTRACTED = re.compile(r"(?<=\w)n['’]t\b", re.I)
_AUX = frozenset(
    "do does did is are was were has have had will would could can should may might must".split()
)
_NOT_AFTER_NO = frozenset("doubt matter more less fewer later sooner one".split())
_PARTICLES = frozenset("out up off down back over".split())
_TRANSPARENT = frozenset('"“”‘’«»')
_PREVIOUS_WORD = re.compile(r"\w+\s+$")


_OPEN_QUESTION_WORDS = (
    "say tell confirm disclose announce reveal explain specify decide know comment indicate "
    "determine clarify".split()
)
"""Verbs that, negated before "when", "whether" and the like, leave a question open rather
than deny anything: "has not said when it will reopen" is no conflict with "said it would
stay closed"."""
_QUESTION_WORDS = frozenset("when whether if how why where what who which".split())


@lru_cache(maxsize=1)
def _open_question_verbs() -> frozenset[str]:
    """The verbs above as `find_negations` names them (its lemmas are stems)."""
    return frozenset(_OPEN_QUESTION_WORDS) | {stem(w) for w in _OPEN_QUESTION_WORDS}


def _opens_question(text: str, end: int) -> bool:
    following = _NEXT.findall(text, end, end + 30)
    return bool(following) and following[0].lower() in _QUESTION_WORDS


def find_negations(text: str, quotes: tuple[Span, ...] = ()) -> tuple[Negation, ...]:
    """Negated predicates; "not only … but" and the like are not negation."""
    out: list[Negation] = []
    matches = list(_NEGATOR.finditer(text))
    if "'t" in text or "’t" in text:
        matches = sorted([*matches, *_CONTRACTED.finditer(text)], key=lambda m: m.start())
    for m in matches:
        word = m.group(0).lower()
        start = m.start()
        if word.endswith(("n't", "n’t")):
            start = text.rfind(" ", 0, m.start()) + 1
        words_before = text[:start].lower().split()
        previous = words_before[-1] if words_before else ""
        if previous == "if" or (previous == "or" and words_before[-2:-1] == ["whether"]):
            continue
        following = _NEXT.findall(text, m.end(), m.end() + 60)
        first = following[0].lower() if following else ""
        if word == "not" and (
            first == "only"
            or (first in ("just", "merely", "simply") and " but " in text[m.end() :])
            or first == "least"
            or following[:2] == ["to", "mention"]
        ):
            continue
        if word == "no":
            if first in _NOT_AFTER_NO:
                continue
            if first == "longer":
                following = following[1:]
                word = "not"
        elif previous in _AUX and word in ("not", "never"):
            aux = _PREVIOUS_WORD.search(text, 0, m.start())
            start = aux.start() if aux else start
        found = _negated(text, m.end(), following, noun=word == "no")
        if found is None:
            continue
        lemma, end, scope = found
        if lemma in _open_question_verbs() and _opens_question(text, end):
            continue  # "has not said when the route will reopen": not known, not denied
        if end < len(text) and text[end] in '"”’»' and QUOTE_MARKS.search(text, start, end):
            end += 1  # keep a quoted phrase whole: no fixed "red line"
        out.append(Negation(lemma, text[start:end], start, end, scope, inside(m.start(), quotes)))
    return tuple(out)


def _negated(text: str, pos: int, following: list[str], noun: bool) -> tuple[str, int, str] | None:
    """Stem of the negated word, end offset of the negation, and its scope."""
    words: list[str] = []
    for word in following:
        low = word.lower()
        if noun:
            if word in _TRANSPARENT:
                continue
            if not word[0].isalpha() or low in FUNCTION_WORDS or len(words) == 3:
                break
            words.append(word)
            continue
        if low in ("a", "an", "the"):
            noun = True  # "is not the agency": a noun phrase is denied, not an act
            continue
        if low in NEGATION_SKIP or (low.endswith("ly") and len(low) > 4 and low != "only"):
            continue
        if not word[0].isalpha() or low in FUNCTION_WORDS or len(word) < 3:
            return None
        words.append(word)
        break
    if not words:
        return None
    end = _end_of(text, pos, words[-1])
    if not noun:
        after = _NEXT.match(text, end)
        if after and after.group(1).lower() in _PARTICLES:
            end = after.end()
    return stem(words[-1]), end, ("noun" if noun else "verb")


def _end_of(text: str, pos: int, word: str) -> int:
    return text.index(word, pos) + len(word)


# -- the whole sentence -------------------------------------------------------------------------


@lru_cache(maxsize=32768)
def analyse_sentence(text: str) -> SentenceFraming:
    """Attribution, hedges, quotations, figures and negations of one sentence."""
    quotes = quote_spans(text)
    attribution = find_attribution(text, quotes)
    speaker = attribution.speaker
    return SentenceFraming(
        attribution=attribution,
        hedges=find_hedges(text, quotes),
        quotes=tuple(Quote(text[s:e], s, e, speaker) for s, e in quotes),
        figures=find_figures(text),
        negations=find_negations(text, quotes),
    )

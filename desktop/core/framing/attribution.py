"""Who a sentence says is speaking: a named person or body, an anonymous source, another
outlet, or nobody (the outlet's own voice).

The speaker is found around a reporting cue ("said", "according to", "told Politico") from
capitalisation, titles and the lists in `lexicon.py`: the phrase before the cue ("a senior US
official said"), after it ("…," said Lavrov; according to people familiar with the talks), or,
for participles and coordinated verbs, the sentence's subject ("Trump spoke, saying …"). When no
speaker can be found confidently the sentence stays in the outlet's voice: a missed attribution
is better than a wrong one.
"""

from __future__ import annotations

import bisect
import re

from desktop.core.framing.lexicon import (
    ANONYMITY_MARKERS,
    ANONYMOUS_NOUNS,
    DETERMINERS,
    FUNCTION_WORDS,
    INVERTIBLE_CUES,
    MONTHS,
    OUTLETS,
    PARTICIPLE_CUES,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_CUES,
    TITLES,
    WEEKDAYS,
)
from desktop.core.framing.model import ANONYMOUS, NAMED, OUTLET, Attribution
from desktop.core.framing.quotes import Span, inside
from desktop.core.framing.trie import trie_regex

_TOKEN = re.compile(r"\w+(?:['’\-.]\w+)*|[^\w\s]")


class _Tokens:
    """Words and punctuation of a sentence with their offsets, built only when needed."""

    __slots__ = ("ends", "lows", "starts", "words")

    def __init__(self, text: str) -> None:
        matches = list(_TOKEN.finditer(text))
        self.words = [m.group() for m in matches]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.lows = [w.lower() for w in self.words]

    def index_at(self, offset: int) -> int:
        """Index of the token starting at or containing `offset`."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return max(i, 0)

    def __len__(self) -> int:
        return len(self.words)


_CUE = re.compile(r"\b(?=[a-z])(?:" + trie_regex(SPEECH_CUES) + r")\b", re.I)
_BOUNDARY = frozenset(',;:()[]—–"“”«»‘’')
_CLAUSE_WORDS = frozenset("that and but while because although though whereas as".split())
_BE = frozenset("is are was were be been being am".split())
_NOUN_DETERMINERS = frozenset("the a an his her its their our my your".split())
_TRAILING_SKIP = frozenset(
    """
    has have had also later previously already again then once earlier recently would will did
    does do is was were are on last this week night morning afternoon evening yesterday today
    publicly privately separately repeatedly long since
    """.split()
)
_NAME_GLUE = frozenset("von van der den de da di del al bin ibn la le of".split())
_LOWER_TITLES = frozenset(t for t in TITLES if t.islower())
_CAP_TITLES = frozenset(w for t in TITLES if not t.islower() for w in t.split())
_NOT_NAMES = frozenset(WEEKDAYS) | {m.capitalize() for m in MONTHS if len(m) > 3}
_PHONE_OBJECTS = frozenset("him her them me us".split())
_OUTLET_BY_ALIAS = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}
_OUTLET_BY_ALIAS.update(
    {alias[4:]: name for alias, name in list(_OUTLET_BY_ALIAS.items()) if alias.startswith("The ")}
)
_OUTLET_CHANNEL = re.compile(
    r"\b(?:told|tells|telling|interview\s+with|speaking\s+to|spoke\s+to)\s+(?:the\s+)?(?P<o>"
    + "|".join(re.escape(a) for a in sorted(_OUTLET_BY_ALIAS, key=len, reverse=True))
    + r")\b"
)


def _is_name(word: str) -> bool:
    """A capitalised word that can be part of a name (not "The", "Monday", "After")."""
    bare = word.removesuffix("'s").removesuffix("’s")
    return (
        word[:1].isupper()
        and word.lower() not in FUNCTION_WORDS
        and bare not in _NOT_NAMES
        and word[0].isalpha()
    )


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def _np_left(t: _Tokens, k: int, lo: int) -> int:
    """Start of the noun phrase whose head is token `k`: modifiers back to a determiner."""
    j = k
    while j - 1 >= lo:
        low = t.lows[j - 1]
        if low in DETERMINERS:
            return j - 1
        if low in FUNCTION_WORDS or not t.words[j - 1][0].isalnum():
            break
        if t.words[j - 1].islower() and _looks_plural(low):
            break  # "the problems | Georgia prosecutors": a plural noun does not modify
        j -= 1
    return j


def _looks_plural(word: str) -> bool:
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in _NOT_PLURAL
    )


_NOT_PLURAL = frozenset(("news", "series", "species", "always", "perhaps"))


def _name_start(t: _Tokens, k: int, lo: int) -> int:
    """Start of the run of names and titles ending at token `k` ("NATO chief Mark Rutte")."""
    j = k
    while j - 1 >= lo:
        w = t.words[j - 1]
        glued = j - 2 >= lo and (
            (t.lows[j - 1] in _NAME_GLUE and _is_name(t.words[j - 2]))  # "von der Leyen"
            or (w == "." and t.words[j - 2] + "." in _CAP_TITLES)  # "Sen. Smith"
        )
        if _is_name(w) or w in _CAP_TITLES or t.lows[j - 1] in _LOWER_TITLES or glued:
            j -= 1
        else:
            break
    while j < k and (t.words[j] in _LOWER_TITLES or t.words[j] in _NAME_GLUE):
        j += 1  # a run never starts with "of" or a bare lower-case title
    return j


def _trailing(word: str) -> bool:
    """Words between a speaker and the verb: "Lavrov has also", "Ushakov later", "on Monday"."""
    low = word.lower()
    adverb = low.endswith("ly") and word.islower() and len(word) > 4
    return low in _TRAILING_SKIP or word in _NOT_NAMES or adverb


def _classify(t: _Tokens, text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """Kind and token range of the speaker in tokens [lo, hi), or None if there is none."""
    while hi > lo and _trailing(t.words[hi - 1]):
        hi -= 1
    if hi <= lo:
        return None
    last = hi - 1
    low = t.lows[last]
    segment = " ".join(t.lows[lo:hi])
    marked = any(m in segment for m in ANONYMITY_MARKERS)
    anonymous = [
        k
        for k in range(lo, hi)
        if t.lows[k] in ANONYMOUS_NOUNS and not (k + 1 < hi and _is_name(t.words[k + 1]))
    ]
    head = _is_name(t.words[last]) or low in ANONYMOUS_NOUNS or low in ROLE_NOUNS
    if marked or (anonymous and head):
        return ANONYMOUS, (_np_left(t, anonymous[0], lo) if anonymous else lo), hi
    if _is_name(t.words[last]):
        start = _name_start(t, last, lo)
        run = text[t.starts[start] : t.ends[last]]
        run = run[:-2] if run.endswith(("'s", "’s")) else run
        if start > lo and t.lows[start - 1] == "the":
            start -= 1
        kind = OUTLET if run in _OUTLET_BY_ALIAS else NAMED
        return kind, start, hi
    if low in ROLE_NOUNS:
        return NAMED, _np_left(t, last, lo), hi
    if low in PRONOUNS:
        return NAMED, last, hi
    return None


def _left_bound(t: _Tokens, i: int, quotes: tuple[Span, ...]) -> int:
    lo = i
    while lo > 0 and i - lo < 14:
        if (
            t.words[lo - 1] in _BOUNDARY
            or t.lows[lo - 1] in _CLAUSE_WORDS
            or inside(t.starts[lo - 1], quotes)
        ):
            break
        lo -= 1
    return lo


def _right(t: _Tokens, text: str, j: int, quotes: tuple[Span, ...]) -> tuple[str, int, int] | None:
    """The longest speaker phrase starting at token `j` ("according to X", "…, said X")."""
    hi = j
    while (
        hi < len(t)
        and hi - j < 10
        and t.words[hi] not in _BOUNDARY
        and t.words[hi] not in ".!?"
        and not inside(t.starts[hi], quotes)
    ):
        hi += 1
    for end in range(hi, j, -1):
        if end < hi and t.words[end].islower() and t.lows[end] not in FUNCTION_WORDS:
            continue  # the phrase goes on ("her official obituary"): not its end
        found = _classify(t, text, j, end)
        if found is not None and found[1] == j:
            if t.lows[j] in PRONOUNS and end < len(t) and t.words[end][:1].isalnum():
                return None  # "said it would …": the reported clause's subject, not a speaker
            return found
    return None


def _subject(t: _Tokens, text: str, before: int) -> tuple[str, int, int] | None:
    """The sentence's leading names as its subject ("US President Donald Trump …, telling")."""
    k = _after_dateline(t, before)
    first = k
    if k < before and t.lows[k] == "the":
        k += 1
    while k < before and (
        _is_name(t.words[k])
        or t.words[k] in _CAP_TITLES
        or (t.words[k] in _LOWER_TITLES and _title_before_name(t, k, before))
        or (t.words[k] == "." and t.words[k - 1] + "." in _CAP_TITLES)
    ):
        k += 1
    if k < before and t.words[k].islower():
        if t.lows[k] in ANONYMOUS_NOUNS or t.lows[k] in ROLE_NOUNS:
            k += 1  # "Russian officials", "Kremlin spokesman"
        elif k - first == 1 and _looks_plural(t.lows[k]) and t.lows[k] not in SPEECH_CUES:
            return None  # "Environmental groups …": a capitalised adjective, not a name
    return _classify(t, text, first, k) if k > first else None


def _title_before_name(t: _Tokens, k: int, before: int) -> bool:
    """Whether the lower-case titles from token `k` on lead to a name ("general manager Tony")."""
    while k < before and t.words[k] in _LOWER_TITLES:
        k += 1
    return k < before and _is_name(t.words[k])


def _after_dateline(t: _Tokens, before: int) -> int:
    """Index of the first token after a dateline ("KYIV —", "WASHINGTON (Meridian Wire) —")."""
    k = 0
    while k < before and t.words[k].isupper() and t.words[k].isalpha():
        k += 1
    if k and k < before and t.words[k] == "(":
        while k < before and t.words[k] != ")":
            k += 1
        k += 1
    if k and k < before and t.words[k] in ("—", "–", "-"):
        return k + 1
    return 0


def find_attribution(text: str, quotes: tuple[Span, ...] = ()) -> Attribution:
    """Who the sentence says is speaking; `Attribution()` (kind "none") for the outlet's voice.

    With several cues the first speaker found counts, unless another outlet is credited too:
    in "Zelensky said …, Reuters reported" the outlet is the source and Zelensky the speaker.
    """
    tokens: _Tokens | None = None
    first: Attribution | None = None
    for m in _CUE.finditer(text):
        if inside(m.start(), quotes) or text[m.start() - 1 : m.start()] in ("-", "‐"):
            continue
        if tokens is None:
            tokens = _Tokens(text)
        found = _speaker_of_cue(tokens, text, m, quotes)
        if found is None:
            continue
        kind, lo, hi, cue_end = found
        start, end = _strip_possessive(text, tokens.starts[lo], tokens.ends[hi - 1])
        source = speaker = text[start:end]
        if kind == OUTLET:
            run = source[4:] if source.lower().startswith("the ") else source
            source = _OUTLET_BY_ALIAS.get(run, source)
            speaker = first.speaker if first is not None else source
        else:
            channel = _OUTLET_CHANNEL.search(text)
            if channel and not inside(channel.start("o"), quotes):
                kind, source = OUTLET, _OUTLET_BY_ALIAS[channel.group("o")]
                start, end = channel.span("o")
        attribution = Attribution(
            kind, source, text[m.start() : cue_end], speaker, start, end, m.start(), cue_end
        )
        if kind == OUTLET:
            return attribution
        first = first or attribution
    return first or Attribution()


def _speaker_of_cue(
    t: _Tokens, text: str, m: re.Match[str], quotes: tuple[Span, ...]
) -> tuple[str, int, int, int] | None:
    cue = m.group(0).lower()
    i = t.index_at(m.start())
    cue_end = m.end()
    last_cue_token = t.index_at(m.end() - 1)
    if cue.startswith("according"):
        found = _right(t, text, last_cue_token + 1, quotes)
        return (*found, cue_end) if found else None
    prev = t.lows[i - 1] if i > 0 else ""
    if prev in _BE or prev in _NOUN_DETERMINERS:
        return None  # "is said to" (a hedge), "was reported"; "the claims", "his notes"
    if prev.endswith("ly") and i > 1 and t.lows[i - 2] in _BE:
        return None  # "was widely reported"
    if cue in ("called", "calls", "calling"):
        nxt = t.words[i + 1] if i + 1 < len(t) else ""
        if nxt.lower() in ("for", "on"):
            cue_end = t.ends[i + 1]
        elif nxt[:1].isupper() and not nxt.endswith(("'s", "’s")):
            return None  # "Trump called Russian President Vladimir Putin", "a book called The…"
        elif nxt.lower() in _PHONE_OBJECTS:
            return None
    end = i
    if i > 0 and t.words[i - 1] == ")":
        # "Sen. Barbara Boxer (D-Calif.) said": the speaker is before the parenthesis.
        opening = max((k for k in range(max(0, i - 8), i) if t.words[k] == "("), default=-1)
        end = opening if opening > 0 else i
    lo = _left_bound(t, end, quotes)
    found = _classify(t, text, lo, end) if lo < end else None
    if found is None and lo == end == i and cue in INVERTIBLE_CUES:
        found = _right(t, text, last_cue_token + 1, quotes)
    if found is None and lo == i and i > 0 and t.words[i - 1] == ",":
        found = _appositive(t, text, i - 1)
    if found is None and (lo == i or cue in PARTICIPLE_CUES) and not inside(0, quotes):
        found = _subject(t, text, i)
    return (*found, cue_end) if found else None


def _appositive(t: _Tokens, text: str, comma: int) -> tuple[str, int, int] | None:
    """The name set off by commas after a subject: "The ferry operator, Alden Lines, said".

    Only when the sentence opens with that subject (a determiner, then words up to the first
    comma), so a clause such as "After the talks, Trump, …" is left alone."""
    first = _after_dateline(t, comma)
    opening = next((k for k in range(first, comma) if t.words[k] == ","), None)
    if opening is None or opening == first or t.lows[first] not in _NOUN_DETERMINERS:
        return None
    if any(not t.words[k][:1].isalnum() for k in range(first, opening)):
        return None
    found = _classify(t, text, opening + 1, comma)
    return found if found is not None and found[1] == opening + 1 else None

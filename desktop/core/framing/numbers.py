"""Figures in a sentence — money, percentages, counts, durations, dates — read into values.

Outlets write the same figure many ways ("$90bn", "90 billion dollars", "about $90 billion",
"a week" and "seven days"), and a conflict check that compared strings would flag all of them.
Here each figure is normalised (`Figure.value`, `Figure.unit`) so comparison is on meaning.

Passes run in a fixed order and a later pass never takes characters an earlier one took: dates
first (so "2025" in "18 August 2025" is part of a date, not an amount), then money, percentages,
durations and finally counts. Vague quantities ("hundreds of", "dozens") are not figures, and
neither are clock times ("7 p.m.", "10:30"), which are set aside before money and counts.
"""

from __future__ import annotations

import bisect
import re

from desktop.core.framing.lexicon import (
    CURRENCIES,
    DURATION_PREPOSITIONS,
    DURATION_UNITS,
    FUNCTION_WORDS,
    MONTHS,
    NUMBER_WORDS,
    QUALIFIERS,
    SCALES,
    WEEKDAYS,
)
from desktop.core.framing.model import Figure
from desktop.core.framing.trie import trie_regex

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS_1_9 = trie_regex("one two three four five six seven eight nine".split())
_TENS = trie_regex("twenty thirty forty fifty sixty seventy eighty ninety".split())
_SMALL = trie_regex(w for w in NUMBER_WORDS if NUMBER_WORDS[w] < 20 and w != "dozen")
_WORDNUM = rf"(?:{_TENS}(?:-{_UNITS_1_9})?|{_SMALL}|dozen)"
_SCALE_WORD_LIST = ("hundred", "thousand", "million", "billion", "trillion")
_SCALE_WORDS = trie_regex(_SCALE_WORD_LIST)
_NUMBER = rf"(?:{_DIGITS}|{_WORDNUM}(?:\s+{_SCALE_WORDS})*)"
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH_FULL = trie_regex(_MONTH_NAMES)
_MONTH_ABBR = trie_regex("Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split())
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
_WEEKDAY = trie_regex(WEEKDAYS)
_ORD = r"(?:st|nd|rd|th)?"

# One `\b` and a look-ahead up front, so most positions fail before any alternative is tried.
_DATE = re.compile(
    rf"\b(?=[\dA-Zm])(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b"
    rf"|(?P<dd>\d{{1,2}}){_ORD}\s+(?P<dm>{_MONTH})(?:,?\s+(?P<dy>\d{{4}})\b)?"
    rf"|(?P<mm>{_MONTH})\s+(?P<md>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<my>\d{{4}})\b)?"
    rf"|(?P<ym>{_MONTH})\s+(?P<yy>\d{{4}})\b"
    rf"|(?P<wd>{_WEEKDAY})s?\b"
    rf"|(?:mid-)?(?P<m>{_MONTH_FULL})\b"
    rf"|(?<![$€£¥.,])(?P<y>1[89]\d\d|20\d\d)\b(?![.,]?\d|%))"
)

_CURRENCY_MARK = r"US\$|\$|€|£|¥|\b(?:USD|EUR|GBP|RUB|UAH)\s?"
_SCALE_SUFFIX = rf"(?:\s?(?:bn|mn|mln|tn|m|b|k)|\s{_SCALE_WORDS})\b"
_CURRENCY_WORD = (
    r"(?:US\s+)?(?:dollars?|euros?|pounds?(?:\s+sterling)?|roubles?|rubles?|hryvnias?|yen)"
)
_MONEY = re.compile(
    r"(?=[$€£¥\dUEGRa-z])"
    rf"(?:(?P<mark>{_CURRENCY_MARK})(?P<n1>{_DIGITS})(?:\s?[-–]\s?(?P<r1>{_DIGITS}))?"
    rf"(?P<s1>{_SCALE_SUFFIX})?"
    rf"|\b(?P<n2>{_NUMBER})(?P<s2>{_SCALE_SUFFIX})?\s+(?P<word>{_CURRENCY_WORD})\b"
    rf"|\b(?P<n3>{_DIGITS})\s?(?P<s3>bn|tn)\b)",
    re.I,
)
_PERCENT = re.compile(rf"\b(?P<n>{_NUMBER})\s?(?:%|percent\b|per\s+cent\b)", re.I)
# Durations are found from their unit backwards: units are rarer than the words before them.
_UNIT = re.compile(rf"\b(?=[a-z])(?P<unit>{trie_regex(DURATION_UNITS)})s?\b(?![-\s]old\b)", re.I)
_BEFORE_UNIT = re.compile(
    rf"\b(?:(?P<prep>{trie_regex(DURATION_PREPOSITIONS)})\s+(?:the\s+)?"
    r"(?:(?:next|past|last|coming|first)\s+)?)?"
    rf"(?P<n>{_NUMBER}|an?)[\s-]$",
    re.I,
)
_NUMBER_START = "[\\dotfsendOTFSEND]"
_COUNT = re.compile(rf"\b(?={_NUMBER_START})(?P<n>{_NUMBER})\b", re.I)
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'’-]*|\S)")
_SCALE_WORDS_SET = frozenset(_SCALE_WORD_LIST)
_QUALIFIER = re.compile(rf"\b(?P<q>{trie_regex(QUALIFIERS)})\s+$", re.I)
_DIGIT = re.compile(r"\d")
_OLD = re.compile(r"[\s-]+old\b")
_NUMBER_WORD = re.compile(rf"\b(?=[a-z])(?:{trie_regex(NUMBER_WORDS)})\b")
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONEY_HINTS = (
    "$", "€", "£", "¥", "bn", "tn", "usd", "eur", "gbp", "rub", "uah", "dollar", "euro",
    "pound", "rouble", "ruble", "hryvnia", "yen",
)  # fmt: skip

_CLOCK = re.compile(
    rf"\b(?:\d{{1,2}}(?:[:.]\d{{2}})?\s?(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\d{{1,2}}:\d{{2}}\b"
    rf"|(?:\d{{1,2}}|{_WORDNUM})\s+o['’]clock\b)",
    re.I,
)
_RELATIVE_AFTER = re.compile(r"\s+(?:ago|later|after|before|earlier|from\s+now)\b", re.I)
_IRREGULAR_PLURALS = frozenset(
    "people men women children police personnel staff cattle military".split()
)
_MONTH_GUARDED = frozenset(("May", "March"))
_MONTH_GUARD_WORDS = frozenset(
    "in on since until by from during early late of this last next mid before after".split()
)


def parse_number(text: str) -> float | None:
    """The value of a written number: "1,500", "2.5", "twenty-five", "seven hundred"."""
    t = text.lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word in ("hundred",):
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word:
            return None
    return total + current if seen or total else None


def _scale(suffix: str | None) -> float:
    if not suffix:
        return 1.0
    return SCALES.get(suffix.strip().lower(), 1.0)


def _qualifier(text: str, start: int) -> str:
    m = _QUALIFIER.search(text, max(0, start - 16), start)
    return QUALIFIERS[re.sub(r"\s+", " ", m.group("q").lower())] if m else ""


class _Taken:
    """Spans earlier passes took, kept sorted, so checking one is a bisection: with a plain list
    a sentence of 31,000 figures took a billion steps (review M3)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def free(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps no span taken (spans taken never overlap)."""
        i = bisect.bisect_right(self._starts, start)
        if i and self._ends[i - 1] > start:
            return False
        return not (i < len(self._starts) and self._starts[i] < end)


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every figure in `text`, in order of position."""
    # Each pass costs a regex scan, so cheap substring tests decide which passes can match.
    digit = _DIGIT.search(text) is not None
    low = text.lower()
    words = digit or _NUMBER_WORD.search(low) is not None
    dates = digit or "day" in low or any(m in text for m in _MONTH_STEMS)
    units = any(u in low for u in DURATION_UNITS)
    if not (words or dates or units):
        return ()
    found: list[Figure] = []
    taken = _Taken()

    def add(fig: Figure) -> None:
        found.append(fig)
        taken.add(fig.start, fig.end)

    if dates:
        for m in _DATE.finditer(text):
            fig = _date(text, m)
            if fig is not None:
                add(fig)
    if digit or "o'clock" in low or "o’clock" in low:
        # Clock times ("7 p.m.", "10:30") say when, not how much: never figures themselves.
        for m in _CLOCK.finditer(text):
            if taken.free(*m.span()):
                taken.add(*m.span())
    if words and any(c in low for c in _MONEY_HINTS):
        for m in _MONEY.finditer(text):
            if taken.free(*m.span()):
                add(_money(text, m))
    if words and ("%" in text or "percent" in low or "per cent" in low):
        for m in _PERCENT.finditer(text):
            value = parse_number(m.group("n"))
            if value is not None and taken.free(*m.span()):
                q = _qualifier(text, m.start())
                add(Figure("percent", value, "%", m.group(0), *m.span(), q))
    if units:
        for u in _UNIT.finditer(text):
            before = _BEFORE_UNIT.search(text, max(0, u.start() - 60), u.start())
            fig = _duration(text, before, u) if before else None
            if fig is not None and taken.free(fig.start, fig.end):
                add(fig)
    if words:
        for m in _COUNT.finditer(text):
            if taken.free(*m.span()):
                fig = _count(text, m)
                if fig is not None:
                    add(fig)
    return tuple(sorted(found, key=lambda f: f.start))


def _date(text: str, m: re.Match[str]) -> Figure | None:
    g = m.groupdict()
    year = month = day = None
    if g["iy"]:
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g["dd"]:
        day, month = int(g["dd"]), _month(g["dm"])
        year = int(g["dy"]) if g["dy"] else None
    elif g["mm"]:
        month, day = _month(g["mm"]), int(g["md"])
        year = int(g["my"]) if g["my"] else None
    elif g["ym"]:
        month, year = _month(g["ym"]), int(g["yy"])
    elif g["wd"]:
        return Figure("date", None, g["wd"].lower(), m.group(0), *m.span())
    elif g["m"]:
        if g["m"] in _MONTH_GUARDED and not m.group(0).startswith("mid-"):
            before = text[: m.start()].split()
            if not before or before[-1].lower() not in _MONTH_GUARD_WORDS:
                return None
        month = _month(g["m"])
    else:
        after = _NEXT_WORD.match(text, m.end())
        # "2000 troops" is a count; "in 2022 the war began" and "2022." are years.
        word = after.group(1) if after else ""
        if word[:1].islower() and word not in FUNCTION_WORDS:
            return None
        year = int(g["y"])
    if (day is not None and not 1 <= day <= 31) or (month is not None and not 1 <= month <= 12):
        return None
    if year is not None and month is not None and day is not None:
        unit = f"{year:04d}-{month:02d}-{day:02d}"
    elif month is not None and day is not None:
        unit = f"--{month:02d}-{day:02d}"
    elif year is not None and month is not None:
        unit = f"{year:04d}-{month:02d}"
    elif month is not None:
        unit = f"--{month:02d}"
    else:
        unit = f"{year:04d}"
    return Figure("date", None, unit, m.group(0), *m.span())


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _money(text: str, m: re.Match[str]) -> Figure:
    g = m.groupdict()
    if g["n1"]:
        number, suffix = g["n1"], g["s1"]
        mark = g["mark"].strip()
        currency = CURRENCIES.get(mark, CURRENCIES.get(mark.upper(), ""))
    elif g["n2"]:
        number, suffix = g["n2"], g["s2"]
        word = g["word"].lower().split()[-1]
        if word == "sterling":
            word = "pounds"
        currency = CURRENCIES.get(word, "")
    else:
        number, suffix, currency = g["n3"], g["s3"], ""
    value = (parse_number(number) or 0.0) * _scale(suffix)
    qualifier = _qualifier(text, m.start())
    if g["r1"]:
        # "$140-150 million": the range's middle, loosely, matches either end of it.
        top = (parse_number(g["r1"]) or 0.0) * _scale(suffix)
        value, qualifier = (value + top) / 2, "~"
    return Figure("money", value, currency, m.group(0), *m.span(), qualifier)


def _duration(text: str, m: re.Match[str], u: re.Match[str]) -> Figure | None:
    n = m.group("n").lower()
    prep = (m.group("prep") or "").lower()
    if n in ("a", "an"):
        # "a day" is a duration only when something says so: "within a week", "a day after".
        if not prep and not _RELATIVE_AFTER.match(text, u.end()):
            return None
        value: float | None = 1.0
    else:
        value = parse_number(n)
    if value is None:
        return None
    qualifier = QUALIFIERS.get(prep, "") if prep in ("about", "nearly", "around", "almost") else ""
    qualifier = qualifier or _qualifier(text, m.start())
    days = value * DURATION_UNITS[u.group("unit").lower()]
    return Figure("duration", days, "day", text[m.start() : u.end()], m.start(), u.end(), qualifier)


def _count(text: str, m: re.Match[str]) -> Figure | None:
    number = m.group("n")
    low = number.lower()
    if low == "one" or (low == "dozen" and not text[: m.start()].rstrip().endswith(("a", "A"))):
        return None  # "one of", "no one", the pronoun; a bare "dozen" without "a"
    if m.end() < len(text) and text[m.end()] in "-–/:":
        return None  # "three-way", "2-1", "24/7", "3:15"
    value = parse_number(number)
    if value is None:
        return None
    pos = unit_end = m.end()
    unit = ""
    for _ in range(3):
        w = _NEXT_WORD.match(text, pos)
        if w is None:
            break
        word = w.group(1)
        lower = word.lower()
        if not word[0].isalpha() or lower in FUNCTION_WORDS:
            break
        pos = w.end()
        if lower in _SCALE_WORDS_SET:
            value *= SCALES[lower]
            unit_end = pos
        elif _is_plural(lower) or value == 1:
            unit = _singular(lower)
            unit_end = pos
            break
    if unit in DURATION_UNITS and _OLD.match(text, unit_end):
        return None  # "45 years old": an age
    if not unit and "." not in number and value >= 1000 and value < 2100 and "," not in number:
        return None  # a bare four-digit number with nothing counted is most likely a year
    return Figure("count", value, unit, text[m.start() : unit_end], m.start(), unit_end,
                  _qualifier(text, m.start()))  # fmt: skip


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word

"""Normalised forms of sentences for scoring: content words, stems, corpus weights.

Scoring works on text normalised once per sentence (DESIGN §3). The "content" form drops stop
words and reporting boilerplate ("said", weekdays, "according to"), so two sentences that share
only "Trump said on Monday" have almost nothing left in common.

Words are stemmed with the Snowball stemmer of the article's language (PyStemmer). Stop words
are ours for English (the library lists drop words that carry facts, such as "million", and
measured worse: tests/benchmarks/test_alignment_quality.py) and stopwords-iso's for every other
language; the reporting-boilerplate lists are ours. `Article.language` picks the language; ""
(not detected) reads as English.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

import Stemmer
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

# Reporting boilerplate of Russian news, as stems (the words inflect): "said", "reported",
# "according to", weekdays, "today".
_BOILERPLATE_RU = """
    сказал сказала сказали заявил заявила заявили заявление сообщил сообщила сообщили сообщает
    сообщается отметил отметила отметили добавил добавила добавили подчеркнул подчеркнула
    пояснил пояснила словам передает пишет рассказал рассказала понедельник вторник среда
    четверг пятница суббота воскресенье сегодня вчера завтра неделе году также однако теперь
    """.split()

# Russian number words (stop-word lists drop them, but figures are facts): stem → digits.
_NUMBER_WORDS_RU = {
    "ноль": "0", "один": "1", "одна": "1", "два": "2", "две": "2", "три": "3", "четыре": "4",
    "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9", "десять": "10",
    "сто": "100", "тысяча": "1000", "миллион": "m", "миллиард": "bn", "триллион": "tn",
}  # fmt: skip

#: ISO 639-1 code → Snowball stemmer (PyStemmer) of that language.
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

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


def language_code(language: str) -> str:
    """The ISO 639-1 code the lexical tables use: "" (not known) is English, "en-GB" is "en"."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code or "en"


class Lexicon:
    """One language's stop words, boilerplate and stemmer, as the content form uses them."""

    def __init__(self, language: str) -> None:
        self.language = language_code(language)
        algorithm = SNOWBALL.get(self.language)
        self._stemmer = Stemmer.Stemmer(algorithm) if algorithm else None
        self._numbers: dict[str, str] = {}
        if self.language == "en":
            self.stopwords: frozenset[str] = STOPWORDS
            self.boilerplate: frozenset[str] = BOILERPLATE
            self.boilerplate_stems: frozenset[str] = frozenset()
        else:
            if self.language == "ru":
                self._numbers = {self._stem_word(w): n for w, n in _NUMBER_WORDS_RU.items()}
            # Number words stay: a figure is a fact, whatever the library's list says.
            self.stopwords = frozenset(
                w
                for w in _iso_stopwords(self.language)
                if self._stem_word(w) not in self._numbers and not w.isdigit()
            )
            self.boilerplate = frozenset()
            words = _BOILERPLATE_RU if self.language == "ru" else []
            self.boilerplate_stems = frozenset(self._stem_word(w) for w in words)
        self._cache: dict[str, str] = {}
        self._parts: dict[str, tuple[tuple[str, bool], ...]] = {}

    def _stem_word(self, word: str) -> str:
        return self._stemmer.stemWord(word) if self._stemmer is not None else word

    def stem(self, word: str) -> str:
        """The Snowball stem of a lower-case word; number words become digits."""
        out = self._cache.get(word)
        if out is None:
            if word in _NUMBER_WORDS and self.language == "en":
                out = _NUMBER_WORDS[word]
            elif word.isdigit():
                out = word
            else:
                out = self._stem_word(word)
                out = self._numbers.get(out, out)
            self._cache[word] = out
        return out

    def case_parts(self, word: str) -> tuple[tuple[str, bool], ...]:
        """(stem, written as a name) of each non-stop-word part of `word`, kept per word: every
        sentence of a comparison is read for names, and words repeat (`case_tokens`)."""
        out = self._parts.get(word)
        if out is None:
            capital = word[:1].isupper()
            out = tuple(
                (self.stem(part), part in TITLES or capital)
                for part in utils.default_process(word).split()
                if part not in self.stopwords
            )
            self._parts[word] = out
        return out

    def content_tokens(self, text: str) -> list[str]:
        out = []
        for w in utils.default_process(text).split():
            if w in self.stopwords or w in self.boilerplate:
                continue
            stemmed = self.stem(w)
            if stemmed not in self.boilerplate_stems:
                out.append(stemmed)
        return out


def _iso_stopwords(language: str) -> frozenset[str]:
    """stopwords-iso's list for `language` (imported only when a non-English article comes)."""
    import stopwordsiso

    if not stopwordsiso.has_lang(language):
        return frozenset()
    return frozenset(utils.default_process(w) for w in stopwordsiso.stopwords(language))


def lexicon(language: str = "") -> Lexicon:
    """The (shared) lexicon of a language."""
    return _lexicon(language_code(language))


@cache
def _lexicon(code: str) -> Lexicon:
    return Lexicon(code)


def stem(word: str, language: str = "") -> str:
    """The stem of a lower-case word in `language`: enough to meet "guarantees"/"guaranteed"."""
    return lexicon(language).stem(word)


def content_tokens(text: str, language: str = "") -> list[str]:
    """Stemmed content words of a sentence, in order, duplicates kept."""
    return lexicon(language).content_tokens(text)


def case_tokens(text: str, language: str = "") -> tuple[set[str], set[str]]:
    """Stems written with a capital (or a title), and stems written in lower case mid-sentence.

    A word is a name for the whole comparison when it is capitalised somewhere and never written
    in lower case inside a sentence; the sentence-initial capital alone proves nothing.
    """
    lex = lexicon(language)
    capital: set[str] = set()
    lower: set[str] = set()
    for i, word in enumerate(_WORD.findall(text)):
        for stemmed, titled in lex.case_parts(word):
            if titled:
                capital.add(stemmed)
            elif i > 0:
                lower.add(stemmed)
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

    def __init__(
        self,
        documents: Sequence[Iterable[str]],
        texts: Iterable[str] = (),
        languages: Iterable[str] | None = None,
    ) -> None:
        """`texts` are the sentences' raw texts (for names), `languages` their languages."""
        df: Counter[str] = Counter()
        for doc in documents:
            df.update(set(doc))
        capital: set[str] = set()
        lower: set[str] = set()
        texts = list(texts)
        langs = list(languages) if languages is not None else [""] * len(texts)
        for text, language in zip(texts, langs, strict=True):
            c, low = case_tokens(text, language)
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

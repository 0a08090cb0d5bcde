"""Lexical forms per language: Snowball stems, stop words, and Russian reports aligning."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.align import align
from desktop.core.comparison import SentenceRef
from desktop.core.options import AlignOptions
from desktop.core.text import content_tokens, language_code, stem
from tests.core.test_align import PARAPHRASES, _pair
from tests.helpers import make_article

# The English PARAPHRASES of test_align, said again in Russian in the project's own words.
RU_FILLER_A = [
    "Дожди ожидаются в западных регионах в конце недели.",
    "Футбольная лига перенесла два матча из-за непогоды.",
]
RU_FILLER_B = [
    "В столице открылся новый музей современного искусства.",
    "Экспорт зерна через черноморские порты весной вырос.",
]
RU_PARAPHRASES = [
    (
        "Зеленский заявил, что гарантии безопасности оформят в течение десяти дней.",
        "Гарантии безопасности оформят на бумаге в ближайшие десять дней, сообщил украинский "
        "президент.",
    ),
    (
        "Вашингтон также согласился покупать украинские беспилотники, сказал Зеленский.",
        "Соединённые Штаты также согласились покупать беспилотники украинского производства.",
    ),
    (
        "Помощник Кремля Юрий Ушаков назвал телефонный разговор откровенным и конструктивным.",
        "Ушаков, помощник Путина, охарактеризовал беседу как откровенную и конструктивную.",
    ),
]


def _ru_pair(a: str, b: str, language: str = "ru"):  # type: ignore[no-untyped-def]
    first = make_article("a1", [RU_FILLER_A[0], a, RU_FILLER_A[1]])
    second = make_article("a2", [RU_FILLER_B[0], RU_FILLER_B[1], b])
    articles = [dataclasses.replace(x, language=language) for x in (first, second)]
    return align(articles, AlignOptions(scorer="content"))


def test_two_russian_reports_align_as_two_english_ones_do() -> None:
    english = [_pair(a, b, AlignOptions(scorer="content")) for a, b in PARAPHRASES]
    russian = [_ru_pair(a, b) for a, b in RU_PARAPHRASES]
    for comparison in english + russian:
        assert comparison.counterpart(SentenceRef("a1", 1), "a2") == SentenceRef("a2", 2)
        assert len(comparison.links) == 1


def test_russian_needs_its_own_stems_and_stop_words() -> None:
    # Read as English (no Russian stemmer, no Russian stop words) the Ushakov pair misses.
    assert _ru_pair(*RU_PARAPHRASES[2], language="").links == ()
    assert len(_ru_pair(*RU_PARAPHRASES[2]).links) == 1


def test_russian_inflections_meet_and_numbers_stay() -> None:
    assert stem("гарантии", "ru") == stem("гарантий", "ru") == stem("гарантиями", "ru")
    tokens = content_tokens("Он сказал, что это будет через десять дней.", "ru")
    assert "10" in tokens  # the library list would drop "десять": a figure is a fact
    assert not {"он", "что", "это"} & set(tokens)  # stop words
    assert stem("сказал", "ru") not in tokens  # our boilerplate: "said"


def test_english_uses_the_snowball_stemmer_and_our_lists() -> None:
    assert stem("guarantees") == stem("guaranteed") == stem("guarantee")
    assert content_tokens("He said the two drones were guaranteed.") == ["2", "drone", "guarante"]


@pytest.mark.parametrize(("given", "code"), [("", "en"), ("en-GB", "en"), ("RU", "ru")])
def test_language_codes(given: str, code: str) -> None:
    assert language_code(given) == code

"""Segmentation rules added for issue 13: units that cannot start a sentence, pysbd's language,
quotes, and what a line break means (wrapped text, one paragraph per line, `<br>`)."""

from __future__ import annotations

import pytest

from desktop.core.segment import segment


def units(text: str, **options: object) -> list[str]:
    sentences = segment(text, **options)  # type: ignore[arg-type]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sen. Ben Sasse, R-Neb., called his death a crisis of public trust. Others agreed.",
            [
                "Sen. Ben Sasse, R-Neb., called his death a crisis of public trust.",
                "Others agreed.",
            ],
        ),
        (
            "UPDATED: Tue., Nov. 19, 2019. The story continues here.",
            ["UPDATED: Tue., Nov. 19, 2019.", "The story continues here."],
        ),
    ],
)
def test_no_unit_starts_with_a_comma(text: str, expected: list[str]) -> None:
    assert units(text) == expected


GERMAN = (
    "Nach § 97 Abs. 1 UrhG haftet der Verletzer. Die Stadt zahlte ca. 40 Mio. Euro bzw. etwas "
    "mehr. Das neue Deck sei für mind. fünfzig Jahre ausgelegt. Er kam am 3. Oktober zurück."
)
RUSSIAN = (
    "Добавьте 2 ст. л. сахара и 1 ч. л. соли. По словам г-на Петрова, т. е. главы комиссии, "
    "всё готово. Встреча прошла 5 сент. в Москве."
)


def test_german_abbreviations_do_not_end_sentences() -> None:
    assert units(GERMAN, language="de") == [
        "Nach § 97 Abs. 1 UrhG haftet der Verletzer.",
        "Die Stadt zahlte ca. 40 Mio. Euro bzw. etwas mehr.",
        "Das neue Deck sei für mind. fünfzig Jahre ausgelegt.",
        "Er kam am 3. Oktober zurück.",
    ]


def test_russian_abbreviations_do_not_end_sentences() -> None:
    assert units(RUSSIAN, language="ru") == [
        "Добавьте 2 ст. л. сахара и 1 ч. л. соли.",
        "По словам г-на Петрова, т. е. главы комиссии, всё готово.",
        "Встреча прошла 5 сент. в Москве.",
    ]


def test_pysbd_runs_in_the_articles_language() -> None:
    # "bzw." and "ca." are German abbreviations pysbd knows only with its German rules.
    text = "Die Stadt zahlte ca. 40 Mio. Euro bzw. etwas mehr. Dann war Schluss."
    assert units(text, language="de") == [
        "Die Stadt zahlte ca. 40 Mio. Euro bzw. etwas mehr.",
        "Dann war Schluss.",
    ]
    assert units(text, language="xx") == units(text, language="en")  # no rules: English ones


def test_words_written_in_lower_case_with_capitals_start_sentences() -> None:
    assert units("Apple said iPhone sales rose. eBay also gained. It was a good day.") == [
        "Apple said iPhone sales rose.",
        "eBay also gained.",
        "It was a good day.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Closing quote after the full stop, curly and straight.
        (
            "The minister called the plan “an unfair burden”. Others disagreed with her view.",
            ["The minister called the plan “an unfair burden”.", "Others disagreed with her view."],
        ),
        (
            'The minister called the plan "an unfair burden". Others disagreed with her view.',
            ['The minister called the plan "an unfair burden".', "Others disagreed with her view."],
        ),
        # German quotes: pysbd split before the closing “.
        (
            "Er sagte: „Das ist zu viel.“ Dann ging er.",
            ["Er sagte: „Das ist zu viel.“", "Dann ging er."],
        ),
        # Single and angle quotes after a full stop end the sentence.
        ("He said ‘no.’ Then he left.", ["He said ‘no.’", "Then he left."]),
        ("Он сказал: «Это слишком.» Потом ушёл.", ["Он сказал: «Это слишком.»", "Потом ушёл."]),
        # Two quotations in a row.
        (
            "She wrote: “The deal is done.” “We are pleased,” he added.",
            ["She wrote: “The deal is done.”", "“We are pleased,” he added."],
        ),
        # Mixed straight and curly, and a closing quote wrapped onto the next line.
        (
            "The minister called it an unfair burden.\n” Others disagreed with her.\nShe said "
            '"we will see.“ Then she left.',
            [
                "The minister called it an unfair burden.\n”",
                "Others disagreed with her.",
                'She said "we will see.“',
                "Then she left.",
            ],
        ),
        # A quote opening on one line and closing on the next stays one sentence.
        (
            "He said: “We will not accept this,\nnot now and not later.” The talks ended.",
            ["He said: “We will not accept this,\nnot now and not later.”", "The talks ended."],
        ),
    ],
)
def test_a_sentence_never_begins_with_a_lone_closing_quote(text: str, expected: list[str]) -> None:
    got = units(text)
    assert got == expected
    assert not any(u[0] in "”’“»\"'" and (len(u) == 1 or not u[1].isalnum()) for u in got)


def test_one_paragraph_per_line() -> None:
    text = (
        "Bridge reopens Saturday\nALDER FALLS — The bridge reopens on Saturday\n"
        "It cost $4.2 million."
    )
    sentences = segment(text, line_breaks="paragraph")
    assert [(s.kind, s.text, s.block) for s in sentences] == [
        ("headline", "Bridge reopens Saturday", 0),
        ("dateline", "ALDER FALLS —", 1),
        ("body", "The bridge reopens on Saturday", 1),
        ("body", "It cost $4.2 million.", 2),
    ]
    # Read as wrapped text, the same lines run together.
    assert len(segment(text)) == 1


def test_line_breaks_end_sentences_unless_the_line_goes_on_in_lower_case() -> None:
    text = (
        "Elektronische Fallakte (eFA)\nDie eFA ist ein Verfahren.\nThe mayor said\nthe plan works."
    )
    assert units(text, line_breaks="sentence", language="de") == [
        "Elektronische Fallakte (eFA)",
        "Die eFA ist ein Verfahren.",
        "The mayor said\nthe plan works.",
    ]


def test_first_line_headline_can_be_turned_off() -> None:
    assert [s.kind for s in segment("By Jane Doe\n\nThe council met.")] == ["headline", "body"]
    assert [
        s.kind for s in segment("By Jane Doe\n\nThe council met.", first_line_headline=False)
    ] == [
        "body",
        "body",
    ]


def test_unknown_line_breaks_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        segment("Text.", line_breaks="lines")

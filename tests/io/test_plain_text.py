"""Plain text as people paste it: one paragraph per line, or hard-wrapped; normalised at load.

Also the languages of the non-English test articles in tests/data/languages (written for the
project), detected at load and used by the segmenter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.formats.plain import line_layout
from desktop.core.loading import load_article
from tests.helpers import write

DATA = Path(__file__).resolve().parent.parent / "data" / "languages"

# As a browser copies an article: one paragraph per line, no blank lines.
COPIED = (
    "Bridge over the Kettle River reopens on Saturday\n"
    "ALDER FALLS — The Ferris Street bridge will reopen to traffic on Saturday morning after "
    "fourteen months of repairs, town officials announced on Thursday.\n"
    "The repairs cost $4.2 million in total, town officials said, and most of the money came "
    "from a state infrastructure grant.\n"
    "Crews replaced the corroded steel deck and rebuilt both approach ramps\n"
    "Businesses on Ferris Street are planning a small celebration near the bridge.\n"
)
# The same story typed into an editor with a 70-column wrap and blank lines between paragraphs.
WRAPPED = (
    "ALDER FALLS — The Ferris Street bridge will reopen to traffic on\n"
    "Saturday morning after fourteen months of repairs, town officials\n"
    "announced on Thursday.\n"
    "\n"
    "The repairs cost $4.2 million in total, town officials said, and most\n"
    "of the money came from a state infrastructure grant. Crews replaced\n"
    "the corroded steel deck and rebuilt both approach ramps.\n"
)


def test_one_paragraph_per_line_gets_one_block_per_line(tmp_path: Path) -> None:
    assert line_layout(COPIED) == "paragraph"
    article = load_article(write(tmp_path, "copied.txt", COPIED), "a1")
    assert [(s.kind, s.block) for s in article.sentences] == [
        ("headline", 0), ("dateline", 1), ("body", 1), ("body", 2), ("body", 3), ("body", 4),
    ]  # fmt: skip
    assert article.title == "Bridge over the Kettle River reopens on Saturday"
    # The line without final punctuation no longer runs into the next one.
    assert (
        article.sentences[4].text
        == "Crews replaced the corroded steel deck and rebuilt both approach ramps"
    )


def test_hard_wrapped_text_keeps_reading_line_breaks_as_spaces(tmp_path: Path) -> None:
    assert line_layout(WRAPPED) == "wrap"
    article = load_article(write(tmp_path, "wrapped.txt", WRAPPED), "a1")
    assert [s.text.split() for s in article.sentences] == [
        "ALDER FALLS —".split(),
        "The Ferris Street bridge will reopen to traffic on Saturday morning after fourteen "
        "months of repairs, town officials announced on Thursday.".split(),
        "The repairs cost $4.2 million in total, town officials said, and most of the money "
        "came from a state infrastructure grant.".split(),
        "Crews replaced the corroded steel deck and rebuilt both approach ramps.".split(),
    ]
    assert [s.block for s in article.sentences] == [0, 0, 1, 1]


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("One short line.\nAnother short line.\nA third one here.\n", "paragraph"),
        ("A line that is wrapped\nin the middle of its sentence\nand goes on.\n", "wrap"),
        ("Short.\n\nTwo paragraphs.\n", "wrap"),
        ("Only one line, however long it is." * 10, "wrap"),
        ("x" * 150 + "\n\n" + "y" * 150 + "\n", "paragraph"),
    ],
)
def test_line_layout(text: str, layout: str) -> None:
    assert line_layout(text) == layout


def test_pasted_text_is_normalised_and_offsets_still_hold(tmp_path: Path) -> None:
    text = "Der Markt\u200bplatz ist am Sams\u00adtag geo\u0308ffnet. Er liegt am Fluss.\n"
    article = load_article(write(tmp_path, "markt.txt", text), "a1")
    assert article.text == "Der Marktplatz ist am Samstag geöffnet. Er liegt am Fluss.\n"
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def test_persian_zero_width_non_joiner_is_kept(tmp_path: Path) -> None:
    text = "او گفت که می\u200cخواهد فردا به شهر برود و با شهردار دیدار کند.\n"
    article = load_article(write(tmp_path, "fa.txt", text), "a1")
    assert "\u200c" in article.text


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("ru-gazeta.txt", "ru"),
        ("ru-radio.txt", "ru"),
        ("uk-visti.txt", "uk"),
        ("de-kurier.txt", "de"),
    ],
)
def test_language_is_detected_at_load(name: str, language: str) -> None:
    article = load_article(DATA / name, "a1")
    assert article.language == language
    assert article.sentences[0].kind == "headline"
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_the_articles_language_selects_the_segmenters_rules() -> None:
    german = load_article(DATA / "de-kurier.txt", "a1")
    assert any("ca. 4,2 Mio. Dollar" in s.text for s in german.sentences)
    assert any(s.text.startswith("Nach § 12 Abs. 3 der Bauordnung") for s in german.sentences)
    russian = load_article(DATA / "ru-gazeta.txt", "a1")
    assert any("т. е. те, кто" in s.text for s in russian.sentences)
    assert any("ок. 15-го числа" in s.text for s in russian.sentences)


def test_front_matter_language_wins_over_detection(tmp_path: Path) -> None:
    text = "---\nlanguage: de\n---\nThe council met on Monday and approved the budget.\n"
    assert load_article(write(tmp_path, "a.md", text), "a1").language == "de"


def test_english_and_unknown(tmp_path: Path) -> None:
    english = "The council met on Monday and approved the budget after a long debate.\n"
    assert load_article(write(tmp_path, "en.txt", english), "a1").language == "en"
    assert load_article(write(tmp_path, "n.txt", "12 345 678.\n"), "a2").language == ""

"""Language detection and the notice for articles in more than one language."""

from __future__ import annotations

import pytest

from desktop.core.language import (
    detect_language,
    language_name,
    mixed_languages_notice,
    segmenter_language,
)
from desktop.core.normalize import normalize_text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The bridge over the Kettle River reopens on Saturday after fourteen months.", "en"),
        ("Мост через реку Кеттл снова откроется в субботу после ремонта.", "ru"),
        ("Міст через річку Кеттл знову відкриється в суботу після ремонту.", "uk"),
        ("Die Brücke über den Kettle River wird am Samstag wieder geöffnet.", "de"),
        ("Le pont sur la rivière rouvrira samedi après quatorze mois de travaux.", "fr"),
        ("费里斯街大桥经过十四个月的维修，将于星期六上午重新通车。", "zh"),
        ("", ""),
        ("12 345", ""),
        ("OK.", ""),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_segmenter_language_falls_back_to_english() -> None:
    assert segmenter_language("de") == "de"
    assert segmenter_language("uk") == "en"
    assert segmenter_language("") == "en"


def test_mixed_languages_notice() -> None:
    assert mixed_languages_notice(["en", "en", ""]) == ""
    notice = mixed_languages_notice(["ru", "en", "uk", "en"])
    assert notice.startswith("These articles are in English, Russian and Ukrainian.")
    assert "cannot link sentences across languages" in notice
    assert language_name("xx") == "xx" and language_name("") == "unknown language"


def test_normalize_text() -> None:
    assert normalize_text("Wäh\u00adrend") == "Während"
    assert normalize_text("gepru\u0308ft") == "geprüft"
    assert normalize_text("Markt\u200bplatz \u2066Anna\u2069 \u200eok") == "Marktplatz Anna ok"
    assert normalize_text("a\u200cb") == "ab"  # between Latin letters: debris
    assert normalize_text("می\u200cخواهم") == "می\u200cخواهم"  # Persian spelling
    assert normalize_text("plain ascii") == "plain ascii"

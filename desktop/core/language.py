"""Which language an article is written in, so each one is cut and compared by its own rules.

The language decides pysbd's abbreviation rules (German "bzw.", Russian "т. е." are not sentence
ends), the stop words and stems of the scorers, and whether two articles can be linked by
lexical matching at all (they cannot across languages).

Detection uses py3langid (a maintained fork of langid.py, 97 languages, model in the wheel),
chosen by measurement (tests/benchmarks/test_language_detection.py): on the 462 ECB+ articles and
our own Russian, Ukrainian, German and 17 short single-sentence texts it was right on every
article, as lingua and langdetect were, at about a tenth of their time per text (0.3 ms against
2.5–3 ms), and it loads in half a second where lingua needs five. Its model is unpacked once into
Parallax's cache and mapped from there by later runs (language_model.py: 0.02 s instead of 0.5).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

from desktop.core.wording import and_list

log = logging.getLogger(__name__)

#: Below this probability (py3langid's normalised score) the language is left unknown ("").
MIN_CONFIDENCE = 0.3
#: Enough text to be sure (about 800 words); detecting on more only costs time: py3langid walks
#: the text byte by byte in Python, and 20,000 characters took a tenth of a small comparison.
SAMPLE_CHARS = 5_000
#: Fewer letters than this and no guess is made ("OK", a number, a name).
MIN_LETTERS = 12

#: Languages pysbd 0.3.4 has its own rules for; the others use its English rules.
PYSBD_LANGUAGES = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()
)

#: Names shown to the user for the codes most likely to appear (others show the code).
NAMES = {
    "en": "English", "ru": "Russian", "uk": "Ukrainian", "de": "German", "fr": "French",
    "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish",
    "cs": "Czech", "sk": "Slovak", "be": "Belarusian", "bg": "Bulgarian", "sr": "Serbian",
    "hr": "Croatian", "ro": "Romanian", "hu": "Hungarian", "el": "Greek", "tr": "Turkish",
    "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "ur": "Urdu", "hi": "Hindi",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian", "fi": "Finnish", "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian",
    "ka": "Georgian", "hy": "Armenian", "kk": "Kazakh",
}  # fmt: skip

_identifier: Any = None
_lock = threading.Lock()


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s language ("en", "ru", …), or "" when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample[:2000]) < MIN_LETTERS:
        return ""
    try:
        code, probability = _get_identifier().classify(sample)
    except OSError as exc:  # the model could not be unpacked (a full disk, a read-only /tmp)
        # Best effort, like the embedding cache: the comparison goes on, in English rules.
        log.info("language detection unavailable (%s): language left unknown", exc)
        return ""
    if probability < MIN_CONFIDENCE:
        log.debug("language unsure (%s at %.2f): left unknown", code, probability)
        return ""
    return str(code)


def language_name(code: str) -> str:
    """ "ru" → "Russian"; an unknown code as it is, "" as "unknown language"."""
    return NAMES.get(code, code) if code else "unknown language"


def segmenter_language(code: str) -> str:
    """The pysbd language for an article in `code` (its English rules when pysbd has none)."""
    return code if code in PYSBD_LANGUAGES else "en"


def mixed_languages_notice(languages: Iterable[str]) -> str:
    """A plain sentence for a set of articles in more than one known language, else ""."""
    known = sorted({code for code in languages if code}, key=lambda c: language_name(c))
    if len(known) < 2:
        return ""
    names = [language_name(code) for code in known]
    return (
        f"These articles are in {and_list(names)}. Matching compares words, so it cannot link "
        "sentences across languages: links appear only between articles in the same language."
    )


def _get_identifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from desktop.core.language_model import load_identifier

            _identifier = load_identifier()
        return _identifier

"""Clauses of a sentence, for telling which pairs below the threshold share part of their news.

A related pair is often one outlet's long sentence that carries, in one of its clauses, what
another outlet says in a sentence (or a clause) of its own: "The United States has no fixed red
line on sending troops …, and is not ruling out peacekeeping forces …" against "No concrete
discussions about deploying American forces to Ukraine have taken place …". The whole-sentence
score averages the shared part with everything else; the best pair of clauses does not. Clauses
are cut at punctuation that separates them and at the conjunctions that join them, and a piece
with fewer than two content words ("he said", "on Monday") is not a clause of its own.
"""

from __future__ import annotations

import re

from desktop.core.text import content_tokens

_CUT = re.compile(r"\s*(?:[,;:—–]|\b(?:and|but|while|though|which|after|because)\b)\s*")
_QUOTES = ' "“”'

MIN_CONTENT_WORDS = 2
"""A piece needs this many content words to count as a clause."""


def clauses(text: str, language: str = "") -> list[str]:
    """The clauses of `text` (the whole text when it has one clause or none worth scoring)."""
    parts = [p.strip(_QUOTES) for p in _CUT.split(text)]
    kept = [p for p in parts if len(content_tokens(p, language)) >= MIN_CONTENT_WORDS]
    return kept or [text]

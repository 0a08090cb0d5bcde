"""The one set of symbols, words and colours for statuses and verdicts, shared by every view.

A reader who learns "◐ means reworded" in the window must find the same mark in the PDF, the
HTML page and the chart, so the marks live here, in plain Python the window (Qt), the reports
and the CLI all import. The set is the window's own (● ◐ ⚠ ◆ —): shapes that stay apart at
small sizes and in greyscale, all in DejaVu Sans (the reports' font), and the chart draws the
same shapes (full dot, half dot, warning triangle, diamond, dash).

Colours are Okabe–Ito (safe for the common colour-vision deficiencies) and are never the only
cue: every status has its symbol and its word. `STATUS_COLOURS` is for marks and text on a light
page; "unique" there is Okabe–Ito orange, since the yellow the window tints unique sentences
with is unreadable as text on white.
"""

from __future__ import annotations

from desktop.core.comparison import CONFLICTING, REWORDED, SHARED, UNIQUE
from desktop.core.verdicts import DISPUTED, NEEDS_CHECKING, NOT_RELEVANT, VERIFIED, verdict_word

MISSING = "missing"
"""An outlet that does not carry a claim (a cell of the claims matrix or the chart)."""

STATUS_SYMBOLS: dict[str, str] = {
    SHARED: "●",
    REWORDED: "◐",
    CONFLICTING: "⚠",
    UNIQUE: "◆",
    MISSING: "—",
}

STATUS_WORDS: dict[str, str] = {
    SHARED: "shared",
    REWORDED: "reworded",
    CONFLICTING: "conflict",
    UNIQUE: "unique",
    MISSING: "not reported",
}
"""One or two words per status, for legends, table cells and screen readers."""

STATUS_MEANINGS: dict[str, str] = {
    SHARED: "carried in the same words by another outlet",
    REWORDED: "carried by another outlet in different words",
    CONFLICTING: "another outlet carries it, but numbers, dates, negation or certainty differ",
    UNIQUE: "no other outlet carries it",
    MISSING: "this outlet has no sentence that matched the claim",
}

STATUS_COLOURS: dict[str, str] = {
    SHARED: "#009E73",  # bluish green
    REWORDED: "#56B4E9",  # sky blue
    CONFLICTING: "#D55E00",  # vermillion
    UNIQUE: "#E69F00",  # orange (the window tints with yellow #F0E442)
    MISSING: "#999999",
}

STATUS_ORDER = (SHARED, REWORDED, CONFLICTING, UNIQUE, MISSING)

# -- verdicts (see desktop/core/verdicts.py) ------------------------------------------------

VERDICT_SYMBOLS: dict[str, str] = {
    VERIFIED: "✔",
    DISPUTED: "✘",
    NEEDS_CHECKING: "?",
    NOT_RELEVANT: "⊘",
}

VERDICT_COLOURS: dict[str, str] = {
    VERIFIED: "#009E73",
    DISPUTED: "#D55E00",
    NEEDS_CHECKING: "#0072B2",
    NOT_RELEVANT: "#777777",
}

VERDICT_RANK = (DISPUTED, NEEDS_CHECKING, VERIFIED, NOT_RELEVANT)
"""The order reports list verdicts in: what an editor must act on first."""


def verdict_symbol(verdict: str) -> str:
    return VERDICT_SYMBOLS.get(verdict, "•")


def verdict_colour(verdict: str) -> str:
    return VERDICT_COLOURS.get(verdict, "#444444")


def verdict_mark(verdict: str) -> str:
    """ "✘ disputed"; "• note" for a note without a verdict (as the reports list it)."""
    if not verdict:
        return f"{verdict_symbol('')} note"
    return f"{verdict_symbol(verdict)} {verdict_word(verdict)}"

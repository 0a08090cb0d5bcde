"""Framing: how each outlet tells the event, beyond which facts it carries.

Per sentence (`analyse_sentence`): who is speaking (named, anonymous, another outlet, or the
outlet itself), hedges, direct quotations, figures and negations. Per link (`find_conflicts`):
whether two sentences that report the same thing disagree on a number, a date, polarity or
certainty — the alignment scores cannot see that, so it is checked explicitly. Per comparison
(`analyse`): placement, unique sentences, blind spots, sourcing and word choice per outlet.

Pure Python over the word lists in `lexicon.py` (documented in docs/framing-lexicon.md).
"""

from desktop.core.framing.conflicts import claim_conflicts, find_conflicts
from desktop.core.framing.model import (
    ATTRIBUTION_KINDS,
    FIGURE_KINDS,
    Attribution,
    Cue,
    Figure,
    Negation,
    Quote,
    SentenceFraming,
)
from desktop.core.framing.report import (
    PLACEMENTS,
    ClaimFraming,
    FramingReport,
    MergedChoice,
    OutletProfile,
    WordChoice,
    analyse,
    placements,
)
from desktop.core.framing.sentence import analyse_sentence

__all__ = [
    "ATTRIBUTION_KINDS",
    "FIGURE_KINDS",
    "PLACEMENTS",
    "Attribution",
    "ClaimFraming",
    "Cue",
    "Figure",
    "FramingReport",
    "MergedChoice",
    "Negation",
    "OutletProfile",
    "Quote",
    "SentenceFraming",
    "WordChoice",
    "analyse",
    "analyse_sentence",
    "claim_conflicts",
    "find_conflicts",
    "placements",
]

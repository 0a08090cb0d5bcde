"""The framing profiles as a table: one row per outlet, for the reports.

The framing analysis (core/framing) describes each outlet in records; reports print them as one
table with fixed columns. Read by attribute, so fields the analysis adds later cost nothing
here, and a failure in the analysis costs the report that one section, never the whole file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from desktop.core.comparison import Comparison

log = logging.getLogger(__name__)

__all__ = ["FRAMING_COLUMNS", "FramingSection", "framing_section"]


@dataclass(frozen=True)
class FramingSection:
    """Per-outlet framing figures, as a table: `rows[i]` belongs to outlet i."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


def framing_section(c: Comparison) -> FramingSection | None:
    """Per-outlet framing profiles, once `desktop.core.framing.analyse` exists; else None.

    This is the one hook for the framing analysis: the renderers print the section whenever it
    is not None, so nothing else changes when the analysis lands.
    """
    try:
        from desktop.core import framing
    except ImportError:
        return None
    analyse = getattr(framing, "analyse", None)
    if analyse is None:
        return None
    try:
        result = analyse(c)
    except Exception:  # a bug there must not cost the user the whole report
        log.exception("framing analysis failed; the report omits framing profiles")
        return None
    return _framing_from(result, c)


FRAMING_COLUMNS = (
    "Hedged",
    "Attributed",
    "Sources: named / anon. / outlet",
    "Quoted directly",
    "Figures",
    "Left out (claims most others carry)",
    "Word choices (this outlet ← others)",
)


def _framing_from(result: object, c: Comparison) -> FramingSection | None:
    """Flatten `framing.FramingReport` into a table; read by attribute, so additions are free."""
    profiles = {getattr(p, "article", None): p for p in getattr(result, "outlets", ())}
    if not profiles:
        return None
    labels = {a.id: a.label for a in c.articles}
    rows = []
    for a in c.articles:
        p = profiles.get(a.id)
        if p is None:
            rows.append(("",) * len(FRAMING_COLUMNS))
            continue
        sources = getattr(p, "sources", {}) or {}
        quoted = getattr(p, "quoted", {}) or {}
        choices: list[Any] = list(
            getattr(p, "consistent_word_choices", None) or getattr(p, "word_choices", None) or ()
        )
        rows.append(
            (
                f"{100 * getattr(p, 'hedged_share', 0.0):.0f}%",
                f"{100 * getattr(p, 'attributed_share', 0.0):.0f}%",
                " / ".join(str(sources.get(k, 0)) for k in ("named", "anonymous", "outlet")),
                ", ".join(
                    f"{who} ({n})" for who, n in sorted(quoted.items(), key=lambda kv: -kv[1])
                )
                or "—",
                ", ".join(getattr(p, "figures", ())) or "—",
                ", ".join(f"#{i}" for i in getattr(p, "blindspots", ())) or "—",
                "; ".join(
                    f"“{w.ours}” ← “{w.theirs}” ({labels.get(w.other, w.other)})"
                    for w in choices[:5]
                )
                or "—",
            )
        )
    notes = []
    for claim in getattr(result, "claims", ()):
        buried = getattr(claim, "buried_in", ())
        if buried:
            names = ", ".join(labels.get(x, x) for x in buried)
            notes.append(
                f"Claim {claim.claim}: another outlet leads with it; {names} "
                "put it in the lower half."
            )
    notes.insert(
        0,
        "Hedged: share of sentences softened in the outlet's own voice (quotations excluded). "
        "Attributed: share that name who says so. Left out: claims most other outlets carry.",
    )
    return FramingSection(FRAMING_COLUMNS, tuple(rows), tuple(notes))

"""What the claims table and the framing panel say about one claim, as short plain text.

Qt-free: it reads the engine's `Comparison` (links, their conflicts) and its `FramingReport`
(computed in the worker with the comparison) and only picks and formats. A `ClaimSummary` is
small and made on demand for the rows a view asks about, so nothing here runs per sentence up
front on the GUI thread.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    Claim,
    Comparison,
    Link,
    SentenceRef,
)
from desktop.core.framing import (
    ATTRIBUTION_KINDS,
    PLACEMENTS,
    ClaimFraming,
    FramingReport,
    SentenceFraming,
)

#: Claim relations, from most to least agreement.
REL_IDENTICAL = IDENTICAL
REL_REWORDED = REWORDED
REL_CONFLICTING = CONFLICTING
REL_SINGLE = "single"
RELATIONS = (REL_IDENTICAL, REL_REWORDED, REL_CONFLICTING, REL_SINGLE)
RELATION_LABELS = {
    REL_IDENTICAL: "● identical everywhere",
    REL_REWORDED: "◐ reworded",
    REL_CONFLICTING: "⚠ conflicting",
    REL_SINGLE: "◆ single outlet",
}

ANONYMOUS = "anonymous"
ATTRIBUTION_LABELS = {
    "named": "named source",
    ANONYMOUS: "unnamed source",
    "outlet": "another outlet",
    "none": "no source",
}
"""Plain words for the attribution kinds: who the sentence says is speaking."""
ATTRIBUTION_HELP = (
    "Who the sentences say is speaking: a named source (a person or body, by name), an "
    'unnamed source ("a senior official"), another outlet ("Politico reported"), or no '
    "source (the outlet's own voice); how many of the claim's sentences do each"
)
_PROMINENCE = {p: i for i, p in enumerate(PLACEMENTS)}
"""headline, lead, upper, lower, dateline: lower numbers are more prominent."""


@dataclass(frozen=True)
class ClaimSummary:
    """Relation, conflicts, sourcing, hedging and placement of one claim across its members."""

    relation: str
    conflicts: tuple[str, ...]
    """"cause: words ↔ words", one per distinct conflict among the members' links."""
    attribution: dict[str, int]
    """Members by attribution kind (named, anonymous, outlet, none), only kinds that occur."""
    hedged_by: tuple[str, ...]
    """Labels of the outlets hedging the claim in their own voice."""
    quote_hedged_by: tuple[str, ...]
    """Labels of the outlets whose only hedges are inside quotations (the speaker's)."""
    placements: dict[str, str]
    """Outlet label → placement of its member."""
    buried_in: tuple[str, ...]
    """Labels of outlets that put it in their lower half while another led with it."""

    @property
    def anonymous(self) -> bool:
        return self.attribution.get(ANONYMOUS, 0) > 0

    @property
    def hedged(self) -> bool:
        return bool(self.hedged_by or self.quote_hedged_by)

    def relation_text(self) -> str:
        return RELATION_LABELS[self.relation]

    def conflicts_text(self) -> str:
        return "; ".join(self.conflicts)

    def attribution_text(self) -> str:
        return " · ".join(
            f"{ATTRIBUTION_LABELS[kind]}: {n}" for kind, n in self.attribution.items()
        )

    def hedged_text(self) -> str:
        quoted = [f"{label} (in quote)" for label in self.quote_hedged_by]
        return ", ".join([*self.hedged_by, *quoted])

    def buried_text(self) -> str:
        return ", ".join(self.buried_in)

    def placement_tooltip(self) -> str:
        lines = [f"{label}: {where}" for label, where in self.placements.items()]
        if self.buried_in:
            lines.append(
                f"Buried (lower half while another outlet led with it) in {self.buried_text()}"
            )
        return "\n".join(lines)

    # -- sort keys: numbers or strings, one type per column -------------------------------------

    def relation_key(self) -> int:
        return RELATIONS.index(self.relation)

    def conflicts_key(self) -> str:
        return f"{len(self.conflicts):03d} {self.conflicts_text().lower()}"

    def attribution_key(self) -> int:
        """Anonymous sourcing sorts furthest from none, then relaying other outlets, then named."""
        a = self.attribution
        return a.get(ANONYMOUS, 0) * 1_000_000 + a.get("outlet", 0) * 1_000 + a.get("named", 0)

    def hedged_key(self) -> str:
        return f"{len(self.hedged_by):03d} {len(self.quote_hedged_by):03d} {self.hedged_text()}"

    def buried_key(self) -> int:
        best = min((_PROMINENCE.get(p, 9) for p in self.placements.values()), default=9)
        return len(self.buried_in) * 100 + best


def claim_links(comparison: Comparison, claim: Claim) -> list[Link]:
    """Links whose two sentences both belong to `claim`."""
    members = set(claim.members)
    out: list[Link] = []
    for member in claim.members:
        for link in comparison.links_of(member):
            if link.a == member and link.b in members:
                out.append(link)
    return out


def conflict_text(cause: str, ours: str, theirs: str) -> str:
    return f"{cause}: {ours or '—'} ↔ {theirs or '—'}"


def summarize(comparison: Comparison, claim: Claim) -> ClaimSummary:
    """The summary of one claim (cheap: a few look-ups per member)."""
    links = claim_links(comparison, claim)
    relations = {link.relation for link in links}
    if len(claim.members) < 2:
        relation = REL_SINGLE
    elif CONFLICTING in relations or claim.conflicts:
        relation = REL_CONFLICTING
    elif relations == {IDENTICAL}:
        relation = REL_IDENTICAL
    else:
        relation = REL_REWORDED
    conflicts = tuple(
        dict.fromkeys(
            conflict_text(c.cause, c.a, c.b)
            for link in links
            if link.relation == CONFLICTING
            for c in link.conflicts
        )
        | dict.fromkeys(
            conflict_text(c.cause, c.a, c.b) for mc in claim.conflicts for c in mc.conflicts
        )
    )
    framing = comparison.framing
    kinds: Counter[str] = Counter()
    hedged: list[str] = []
    quote_hedged: list[str] = []
    placed: dict[str, str] = {}
    for member in claim.members:
        label = comparison.article(member.article).label
        sentence = framing.sentences.get(member, SentenceFraming())
        kinds[sentence.attribution.kind] += 1
        if sentence.outlet_hedged:
            hedged.append(label)
        elif sentence.speaker_hedged:
            quote_hedged.append(label)
        placed[label] = framing.placements.get(member, "")
    buried: tuple[str, ...] = ()
    claim_framing = claim_framing_of(comparison, claim.id)
    if claim_framing is not None:
        buried = tuple(comparison.article(a).label for a in claim_framing.buried_in)
    return ClaimSummary(
        relation=relation,
        conflicts=conflicts,
        attribution={k: kinds[k] for k in ATTRIBUTION_KINDS if kinds[k]},
        hedged_by=tuple(hedged),
        quote_hedged_by=tuple(quote_hedged),
        placements=placed,
        buried_in=buried,
    )


_index: list[tuple[FramingReport, dict[int, ClaimFraming]]] = []


def claim_framing_of(comparison: Comparison, claim_id: int) -> ClaimFraming | None:
    """The placements of a claim carried by two or more outlets (None for the others)."""
    return _claim_framings(comparison).get(claim_id)


def claim_by_id(comparison: Comparison, claim_id: int) -> Claim | None:
    return comparison.claim(claim_id)


def _claim_framings(comparison: Comparison) -> dict[int, ClaimFraming]:
    """Claim id → `ClaimFraming`, indexed once per report (the report keeps a tuple); only
    the latest report is kept, so an old comparison is not held alive."""
    report = comparison.framing
    if not _index or _index[0][0] is not report:
        _index[:] = [(report, {c.claim: c for c in report.claims})]
    return _index[0][1]


def member_conflicts(comparison: Comparison, claim: Claim, ref: SentenceRef) -> list[str]:
    """Conflicts of `ref` with other members, our words first: "certainty vs Politico: may ↔
    would"."""
    out = []
    members = set(claim.members)
    for link in comparison.links_of(ref):
        other = link.other(ref)
        if link.relation != CONFLICTING or other not in members:
            continue
        label = comparison.article(other.article).label
        for c in link.conflicts:
            ours, theirs = (c.a, c.b) if link.a == ref else (c.b, c.a)
            out.append(conflict_text(f"{c.cause} vs {label}", ours, theirs))
    for mc in claim.conflicts_of(ref):
        label = comparison.article(mc.other(ref).article).label
        for c in mc.conflicts:
            ours, theirs = (c.a, c.b) if mc.a == ref else (c.b, c.a)
            out.append(conflict_text(f"{c.cause} vs {label}", ours, theirs))
    return out

"""Key findings: what a busy editor reads on the first page, computed from the comparison.

The claims matrix answers every question and none quickly. The first page instead says, in a
few lines: how many claims the outlets share and how many conflict; each conflict with the
words on each side; what each outlet leaves out that most others carry (the framing analysis's
blind spots, largest first); where each outlet placed the main claims; and how often each
credits a source it does not name. Everything comes from the comparison and its framing
analysis; nothing is re-aligned, and the scope (the claims the report covers) applies.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.comparison import CONFLICTING, Comparison
from desktop.core.framing.model import ANONYMOUS
from desktop.core.framing.report import HEADLINE, LEAD, LOWER, UPPER

if TYPE_CHECKING:
    from desktop.export.report import ClaimDetail, ConflictNote

MAIN_PLACEMENTS = 5
"""How many main claims the placement finding lists."""
OMISSIONS_PER_OUTLET = 2
"""How many left-out claims each outlet's line names (the count says how many in all)."""

PLACEMENT_WORDS = (
    ((HEADLINE, LEAD), "headline or lead"),
    ((UPPER,), "upper half"),
    ((LOWER,), "lower half"),
)


@dataclass(frozen=True)
class ConflictFinding:
    """A conflicting claim as the first page lists it."""

    claim: int
    text: str
    carriers: int
    notes: tuple[ConflictNote, ...]


@dataclass(frozen=True)
class Omission:
    """Claims most outlets carry and one leaves out, largest first."""

    outlet: int
    claims: tuple[tuple[int, int, str], ...]
    """(claim id, outlets carrying it, its text)."""


@dataclass(frozen=True)
class Placement:
    """Where each outlet put one of the main claims."""

    claim: int
    text: str
    groups: tuple[tuple[str, tuple[int, ...]], ...]
    """(placement in words, outlet indices), in reading order: headline or lead, upper half,
    lower half; then "not carried"."""


@dataclass(frozen=True)
class Findings:
    """What the first page says, computed from the comparison (and the scope)."""

    overview: str
    conflicts: tuple[ConflictFinding, ...]
    omissions: tuple[Omission, ...]
    placements: tuple[Placement, ...]
    anonymous: tuple[tuple[int, int], ...]
    """(outlet index, sentences crediting an unnamed source) for every outlet."""


def key_findings(
    c: Comparison,
    details: Sequence[ClaimDetail],
    scope: Collection[int] | None,
) -> Findings:
    """The first page's findings over the claims in `scope` (None: all)."""
    position = {a.id: i for i, a in enumerate(c.articles)}

    def in_scope(claim_id: int) -> bool:
        return scope is None or claim_id in scope

    claims = {cl.id: cl for cl in c.fact_claims if in_scope(cl.id)}
    multi = [cl for cl in claims.values() if len(cl.members) > 1]
    conflicts = [d for d in details if d.status == CONFLICTING]
    rewordings = [d for d in details if d.status != CONFLICTING]
    single = len(claims) - len(multi)
    overview = (
        f"{len(c.articles)} outlets, {len(claims)} claims: {len(multi)} carried by two or more "
        f"outlets ({_count(len(conflicts), 'conflict')}, {_count(len(rewordings), 'rewording')}), "
        f"{single} carried by one outlet only."
    )
    framing = c.framing
    conflict_findings = tuple(
        ConflictFinding(
            d.claim,
            c.sentence(claims[d.claim].members[0]).text,
            len(d.lines),
            d.conflicts,
        )
        for d in conflicts
    )
    omissions = []
    for i, a in enumerate(c.articles):
        blind = [claims[k] for k in framing.outlet(a.id).blindspots if k in claims]
        blind.sort(key=lambda cl: (-len(cl.members), cl.id))
        omissions.append(
            Omission(
                i,
                tuple((cl.id, len(cl.members), c.sentence(cl.members[0]).text) for cl in blind),
            )
        )
    placed = {f.claim: f for f in framing.claims}
    main = sorted(multi, key=lambda cl: (-len(cl.members), cl.id))[:MAIN_PLACEMENTS]
    placements = []
    for cl in main:
        where = placed[cl.id].placements if cl.id in placed else {}
        groups = []
        for kinds, word in PLACEMENT_WORDS:
            members = tuple(position[a] for a, p in where.items() if p in kinds)
            if members:
                groups.append((word, tuple(sorted(members))))
        missing = tuple(i for i, a in enumerate(c.articles) if a.id not in cl.outlets)
        if missing:
            groups.append(("not carried", missing))
        placements.append(Placement(cl.id, c.sentence(cl.members[0]).text, tuple(groups)))
    anonymous = tuple(
        (i, framing.outlet(a.id).sources.get(ANONYMOUS, 0)) for i, a in enumerate(c.articles)
    )
    return Findings(overview, conflict_findings, tuple(omissions), tuple(placements), anonymous)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

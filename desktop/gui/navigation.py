"""Go ▸ Next/Previous Difference, Conflict and Unique: stepping by claim, counted, wrapping.

When nearly every sentence differs a little, stepping sentence by sentence is the Down arrow
with extra steps. So navigation moves by *claim* through the shown panes in reading order (the
first pane top to bottom, then the claims only later panes carry), and says where it is:
"Conflict 2 of 5 — Politico ↔ The Washington Post". At either end it wraps round and says so.

- a **difference** is a claim the shown outlets disagree on (a conflict) or that some of them
  leave out;
- a **conflict** is a conflicting link between two shown outlets;
- a **unique** sentence is one of the current pane's sentences no other outlet carries.

Hidden outlets still count in what a claim is; only shown panes decide what is a stop.
Qt-free: the window selects the stop's sentence and shows the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.comparison import CONFLICTING, UNIQUE, Claim, Comparison, SentenceRef

DIFFERENCE = "difference"
CONFLICT = "conflict"
UNIQUE_SENTENCE = "unique"
KIND_NAMES = {DIFFERENCE: "Difference", CONFLICT: "Conflict", UNIQUE_SENTENCE: "Unique"}


@dataclass(frozen=True)
class Stop:
    """One place navigation can go: the sentence to select and what to say about it."""

    ref: SentenceRef
    claim: Claim
    detail: str


@dataclass(frozen=True)
class Step:
    """Where a step landed: the stop, its number (from 1), how many there are, and whether
    the step wrapped round from one end to the other."""

    stop: Stop
    number: int
    total: int
    wrapped: bool
    kind: str

    def message(self) -> str:
        text = f"{KIND_NAMES[self.kind]} {self.number} of {self.total} — {self.stop.detail}"
        if self.wrapped:
            text += " (wrapped round to the " + ("first)" if self.number == 1 else "last)")
        return text


def _reading_key(claim: Claim, shown: Sequence[str]) -> tuple[int, int]:
    """Where a claim first appears reading the shown panes left to right."""
    position = {article: i for i, article in enumerate(shown)}
    return min(
        ((position[m.article], m.sentence) for m in claim.members if m.article in position),
        default=(len(shown), 0),
    )


def stops(
    comparison: Comparison, kind: str, shown: Sequence[str], current: str | None
) -> list[Stop]:
    """Every stop of `kind`, in reading order; `current` is the pane with focus."""
    labels = {a.id: a.label for a in comparison.articles}
    visible = set(shown)
    out: list[tuple[tuple[int, int], Stop]] = []
    for claim in comparison.claims:
        members = [m for m in claim.members if m.article in visible]
        if not members:
            continue
        if all(comparison.sentence(m).kind == "dateline" for m in members):
            continue
        here = next((m for m in members if m.article == current), members[0])
        detail = ""
        if kind == UNIQUE_SENTENCE:
            if here.article != current or comparison.status(here) != UNIQUE:
                continue
            detail = f"only in {labels[here.article]}"
        elif kind == CONFLICT:
            pairs = _conflicts(comparison, members)
            if not pairs:
                continue
            a, b, why = pairs[0]
            detail = f"{labels[a]} ↔ {labels[b]} ({why})"
        else:
            pairs = _conflicts(comparison, members)
            missing = [labels[i] for i in shown if claim.member_in(i) is None]
            if pairs:
                a, b, why = pairs[0]
                detail = f"conflict: {labels[a]} ↔ {labels[b]} ({why})"
            elif missing and len(shown) > 1:
                detail = "missing from " + ", ".join(missing)
            else:
                continue
        out.append((_reading_key(claim, shown), Stop(here, claim, detail)))
    out.sort(key=lambda item: item[0])
    return [stop for _, stop in out]


def _conflicts(comparison: Comparison, members: list[SentenceRef]) -> list[tuple[str, str, str]]:
    """(article, article, "cause: a ↔ b") for each conflicting link among `members`."""
    inside = set(members)
    out = []
    for member in members:
        for link in comparison.links_of(member):
            if link.a != member or link.b not in inside or link.relation != CONFLICTING:
                continue
            why = "; ".join(f"{c.cause}: {c.a} ↔ {c.b}" for c in link.conflicts) or "conflict"
            out.append((link.a.article, link.b.article, why))
    if members:
        for mc in comparison.claim_of(members[0]).conflicts:
            if mc.a in inside and mc.b in inside:
                why = "; ".join(f"{c.cause}: {c.a} ↔ {c.b}" for c in mc.conflicts)
                out.append((mc.a.article, mc.b.article, why))
    return out


def step(
    comparison: Comparison,
    kind: str,
    shown: Sequence[str],
    current: str | None,
    selected: SentenceRef | None,
    forward: bool,
) -> Step | None:
    """The next (or previous) stop after the selection, wrapping round; None if none."""
    found = stops(comparison, kind, shown, current)
    if not found:
        return None
    keys = [_reading_key(s.claim, shown) for s in found]
    if selected is None:
        index = 0 if forward else len(found) - 1
        return Step(found[index], index + 1, len(found), False, kind)
    claim = comparison.claim_of(selected)
    here = _reading_key(claim, shown)
    if forward:
        after = next((i for i, k in enumerate(keys) if k > here), None)
        wrapped = after is None
        index = 0 if after is None else after
    else:
        before = next((i for i in range(len(keys) - 1, -1, -1) if keys[i] < here), None)
        wrapped = before is None
        index = len(found) - 1 if before is None else before
    return Step(found[index], index + 1, len(found), wrapped and len(found) > 1, kind)

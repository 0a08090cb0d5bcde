"""What a sentence's tooltip says: its relation, against which outlet, the score, the outlets
that carry part of it (related pairs), why words are highlighted and the user's verdicts on its
claim and links.

The text is plain; the pane shows it through `gui.plain.tooltip`, which makes any text safe as
a tooltip (article text is never markup: a headline may well contain "<b>"). Qt-free, so tests
read the text directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    UNIQUE,
    Comparison,
    Conflict,
    Link,
    SentenceRef,
)
from desktop.core.symbols import verdict_mark
from desktop.core.verdicts import ClaimVerdict, LinkVerdict
from desktop.gui.highlights import ABSENT, DATELINE, pane_status, partner_link

QUOTE_CHARS = 70
"""Longest excerpt of another outlet's sentence quoted in a tooltip."""


def _excerpt(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _judgement(verdict: ClaimVerdict | LinkVerdict) -> str:
    note = f" — {_excerpt(verdict.note)}" if verdict.note else ""
    return f"{verdict_mark(verdict.verdict)}{note}"


def _causes(conflicts: Sequence[Conflict], ours_first: bool) -> str:
    """ "number: 12 ↔ 21; negation: …", this sentence's words first."""
    return "; ".join(
        f"{c.cause}: {c.a if ours_first else c.b} ↔ {c.b if ours_first else c.a}" for c in conflicts
    )


def _link_words(comparison: Comparison, ref: SentenceRef, link: Link) -> str:
    """ "reworded, score 61" or "conflict (number: 12 ↔ 21), score 58"."""
    if link.relation == CONFLICTING and link.conflicts:
        words = f"conflict ({_causes(link.conflicts, link.a == ref)})"
    else:
        words = "same words" if link.relation == IDENTICAL else link.relation
    how = ", linked by hand" if link.manual else ""
    return f"{words}, score {link.score:.0f}{how}"


def sentence_tooltip(
    comparison: Comparison,
    ref: SentenceRef,
    order: Sequence[str],
    anchor: SentenceRef | None = None,
    base: str | None = None,
) -> str:
    """The tooltip of sentence `ref` as plain text (show it through `gui.plain.tooltip`).

    `order` is the shown panes' order, `anchor` the selected sentence (when `ref` is in its
    claim) and `base` the base outlet: the same choices the pane made for its highlights.
    """
    labels = {a.id: a.label for a in comparison.articles}
    sentence = comparison.sentence(ref)
    claim = comparison.claim_of(ref)
    threshold = comparison.options.threshold
    head = (
        f"{labels[ref.article]} · sentence {sentence.index + 1} (paragraph "
        f"{sentence.block + 1}) · claim {claim.id}, carried by {len(claim.members)} of "
        f"{len(comparison.articles)} outlets"
    )
    lines = [head]
    attached = comparison.attached_verdicts
    verdict = attached.claim(claim.id)
    if verdict is not None:
        lines.append(f"Your verdict on claim {claim.id}: {_judgement(verdict)}")
    status = pane_status(comparison, ref, base)
    if status == DATELINE:
        lines.append("A dateline: it says where the report was filed and is never compared.")
        return "\n".join(lines)
    links = comparison.links_of(ref)
    if base is not None and base != ref.article:
        lines.append(_against_base(comparison, ref, base, labels, status))
    elif comparison.status(ref) == UNIQUE:
        lines.append(
            f"Unique: no other outlet has a sentence scoring {threshold:g} or more against "
            "it. Why Not Linked? (Edit menu) shows the closest ones."
        )
    for link in links:
        other = link.other(ref)
        judged = attached.link(link.a, link.b)
        mark = f"; your verdict: {_judgement(judged)}" if judged is not None else ""
        lines.append(f"• {labels[other.article]}: {_link_words(comparison, ref, link)}{mark}")
    for mc in claim.conflicts_of(ref):
        other = mc.other(ref)
        lines.append(
            f"• Conflict with {labels[other.article]} within the claim "
            f"({_causes(mc.conflicts, mc.a == ref)}): its figure "
            "differs from this one, though no conflicting link joins the two."
        )
    for pair in comparison.related_of(ref):
        other = pair.other(ref)
        lines.append(
            f"• Partly in {labels[other.article]}: its sentence {other.sentence + 1} shares part "
            f"of this information (related, score {pair.score:.0f}; a dotted line in the link "
            "map). Right-click to link them."
        )
        if pair.conflicts:  # not a link, so no tint: the words that disagree are said here
            lines.append(f"  They disagree: {_causes(pair.conflicts, pair.a == ref)}.")
    indirect = [
        labels[m.article]
        for m in claim.members
        if m != ref and comparison.link_between(ref, m) is None
    ]
    if indirect:
        lines.append(
            f"In this claim through other outlets, not linked to it directly: "
            f"{', '.join(indirect)}."
        )
    partner = partner_link(
        comparison, ref, order, anchor if anchor in claim.members else None, base
    )
    if partner is not None:
        other = partner.other(ref)
        whose = f"{labels[other.article]}'s sentence “{_excerpt(comparison.sentence(other).text)}”"
        if base is not None:
            why = "the base outlet"
        elif anchor is not None and other == anchor:
            why = "the selected sentence"
        else:
            why = "its counterpart in the nearest pane"
        if partner.relation == IDENTICAL:
            lines.append(f"Nothing is highlighted: the words are the same as {whose} ({why}).")
        else:
            lines.append(f"Highlighted words differ from {whose} ({why}).")
    framing = comparison.framing.sentences.get(ref)
    if framing is not None and framing.hedges:
        cues = ", ".join(f"“{c.text}”" for c in framing.hedges)
        lines.append(f"Hedges (italic, dashed underline): {cues}.")
    lines.append(f"Threshold {threshold:g}, scorer {comparison.options.scorer.replace('_', ' ')}.")
    return "\n".join(lines)


def _against_base(
    comparison: Comparison, ref: SentenceRef, base: str, labels: dict[str, str], status: str
) -> str:
    name = labels.get(base, base)
    if status == ABSENT:
        return f"Not in {name} (the base outlet): {name} does not carry this claim."
    counterpart = comparison.counterpart(ref, base)
    if counterpart is None:
        return (
            f"Against {name} (the base outlet): in one claim with its sentence "
            f"{comparison.claim_of(ref).member_in(base).sentence + 1}, "  # type: ignore[union-attr]
            "through other outlets, but not linked to it directly."
        )
    link = comparison.link_between(ref, counterpart)
    assert link is not None
    return f"Against {name} (the base outlet): {_link_words(comparison, ref, link)}."

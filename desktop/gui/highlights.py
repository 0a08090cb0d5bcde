"""Which counterpart each sentence is compared with when its changed words are highlighted.

A sentence can have a counterpart in every other article; the panes highlight the words that
differ from one of them. With a base outlet chosen (Juxta's base witness), every sentence is
compared with its counterpart in the base and tinted by how it relates to it; otherwise, with a
claim selected, every member is compared with the sentence the user picked (the anchor), and
the rest with their counterpart in the nearest shown pane, preferring the one to the right.
Datelines ("WASHINGTON —") are neither tinted nor counted as unique: they only say where a
report was filed. Marks add what the framing analysis points at: the words a conflict names and
the hedge cues. Qt-free so workers and tests can call it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    SHARED,
    Comparison,
    Link,
    SentenceRef,
)
from desktop.core.diff import changed_spans

DATELINE = "dateline"
"""Pane status of a dateline: no tint, no mark (see the module docstring)."""
ABSENT = "absent"
"""Pane status, with a base outlet, of a sentence whose claim the base does not carry."""


def partner_link(
    comparison: Comparison,
    ref: SentenceRef,
    order: Sequence[str],
    anchor: SentenceRef | None = None,
    base: str | None = None,
) -> Link | None:
    """The link whose other side `ref`'s highlights are computed against."""
    links = comparison.links_of(ref)
    if not links:
        return None
    if base is not None and base != ref.article:
        return next((link for link in links if link.other(ref).article == base), None)
    if anchor is not None and anchor != ref:
        direct = comparison.link_between(ref, anchor)
        if direct is not None:
            return direct
    by_article = {link.other(ref).article: link for link in links}
    try:
        here = order.index(ref.article)
    except ValueError:
        return links[0]
    for distance in range(1, len(order)):
        for pos in (here + distance, here - distance):
            if 0 <= pos < len(order) and order[pos] in by_article:
                return by_article[order[pos]]
    return links[0]


def changed_spans_of(comparison: Comparison, ref: SentenceRef, link: Link) -> list[tuple[int, int]]:
    """Character spans of `ref`'s sentence that differ from the other side of `link`."""
    side = "a" if link.a == ref else "b"
    return changed_spans(comparison.sentence(ref).text, link.changes, side)


PaneStyle = tuple[list[str], dict[int, list[tuple[int, int]]]]
"""A pane's sentence statuses and, per sentence index, its changed-word spans."""


def pane_status(comparison: Comparison, ref: SentenceRef, base: str | None = None) -> str:
    """How a pane tints a sentence: its status in the comparison, or, with a `base` outlet,
    its relation to the base's counterpart (`ABSENT` when the base does not carry it)."""
    if comparison.sentence(ref).kind == DATELINE:
        return DATELINE
    if base is None or base == ref.article or base not in {a.id for a in comparison.articles}:
        return comparison.status(ref)
    counterpart = comparison.counterpart(ref, base)
    if counterpart is not None:
        link = comparison.link_between(ref, counterpart)
        relation = link.relation if link is not None else REWORDED
        claim = comparison.claim_of(ref)
        if any(mc.other(ref) == counterpart for mc in claim.conflicts_of(ref)):
            relation = CONFLICTING
        return SHARED if relation == IDENTICAL else relation
    return REWORDED if comparison.claim_of(ref).member_in(base) is not None else ABSENT


def pane_styles(
    comparison: Comparison, order: Sequence[str] | None = None, base: str | None = None
) -> dict[str, PaneStyle]:
    """Statuses and default highlights of every pane; `order` is the shown panes' order
    (default: every article), `base` the base outlet, if any.

    Pure Python, so the worker that made the comparison can compute it too and the GUI thread
    only applies formats.
    """
    order = list(order) if order is not None else [a.id for a in comparison.articles]
    styles: dict[str, PaneStyle] = {}
    for article in comparison.articles:
        refs = comparison.refs(article.id)
        statuses = [pane_status(comparison, r, base) for r in refs]
        changed: dict[int, list[tuple[int, int]]] = {}
        for ref in refs:
            link = partner_link(comparison, ref, order, base=base)
            if link is not None and link.relation != IDENTICAL:
                changed[ref.sentence] = changed_spans_of(comparison, ref, link)
        styles[article.id] = (statuses, changed)
    return styles


CONFLICT_MARK = "conflict"
"""Words a conflict names (`Conflict.a` / `.b`) inside a conflicting sentence."""
HEDGE_MARK = "hedge"
"""A hedge cue ("may", "is expected to"), from the framing analysis."""

Span = tuple[int, int]
PaneMarks = tuple[dict[int, list[Span]], dict[int, list[Span]]]
"""A pane's conflict-word spans and hedge spans, per sentence index."""


def word_spans(text: str, words: str) -> list[Span]:
    """Where `words` occur in `text` as whole words, case-insensitively; when the phrase as a
    whole does not occur (the engine may normalise it), each of its words on its own."""
    words = words.strip()
    if not words:
        return []
    spans = _whole_word_spans(text, words)
    if spans:
        return spans
    parts = [w for w in words.split() if len(w) > 1 or w.isdigit()]
    out: list[Span] = []
    for part in parts if len(parts) > 1 else ():
        out.extend(_whole_word_spans(text, part))
    return sorted(set(out))


def _whole_word_spans(text: str, words: str) -> list[Span]:
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def conflict_spans(comparison: Comparison, ref: SentenceRef) -> list[Span]:
    """Spans of `ref`'s sentence holding the words its conflicting links disagree on."""
    text = comparison.sentence(ref).text
    spans: set[Span] = set()
    for link in comparison.links_of(ref):
        if link.relation != CONFLICTING:
            continue
        for conflict in link.conflicts:
            ours = conflict.a if link.a == ref else conflict.b
            spans.update(word_spans(text, ours))
    return sorted(spans)


def pane_marks(comparison: Comparison) -> dict[str, PaneMarks]:
    """Conflict words and hedge cues of every pane. Reads links and the framing report (which
    the worker computed), so it is a pass over a few dictionaries, not an analysis."""
    framing = comparison.framing
    out: dict[str, PaneMarks] = {a.id: ({}, {}) for a in comparison.articles}
    for link in comparison.links:
        if link.relation != CONFLICTING:
            continue
        for ref in (link.a, link.b):
            if ref.article in out and ref.sentence not in out[ref.article][0]:
                spans = conflict_spans(comparison, ref)
                if spans:
                    out[ref.article][0][ref.sentence] = spans
    for ref, sentence in framing.sentences.items():
        if sentence.hedges and ref.article in out:
            out[ref.article][1][ref.sentence] = [(c.start, c.end) for c in sentence.hedges]
    return out


def links_between(comparison: Comparison, left: str, right: str) -> list[Link]:
    """The links between two articles' sentences, oriented left → right (`a` in `left`), in
    the left article's sentence order. Reversed links drop their word changes and conflicts,
    which are stated from the other side."""
    out: list[Link] = []
    # Through the per-sentence index: one pair among many need not scan every link.
    for ref in comparison.refs(left):
        for link in comparison.links_of(ref):
            if link.a == ref and link.b.article == right:
                out.append(link)
            elif link.b == ref and link.a.article == right:
                out.append(dataclasses.replace(link, a=ref, b=link.a, changes=(), conflicts=()))
    return out


def related_between(comparison: Comparison, left: str, right: str) -> list[Link]:
    """The related pairs (`Comparison.related`) between two articles, oriented left → right
    as `links_between` orients links."""
    out: list[Link] = []
    for pair in comparison.related:
        if pair.a.article == left and pair.b.article == right:
            out.append(pair)
        elif pair.b.article == left and pair.a.article == right:
            out.append(dataclasses.replace(pair, a=pair.b, b=pair.a, changes=(), conflicts=()))
    out.sort(key=lambda p: (p.a.sentence, p.b.sentence))
    return out


@dataclass(frozen=True)
class ViewData:
    """What the window shows of a comparison that pure Python can work out: pane tints and
    highlights, framing marks, and the links of each pair of neighbouring panes.

    The worker that made the comparison computes it (`view_data`), so that when the
    comparison arrives the GUI thread only applies formats and draws.
    """

    styles: dict[str, PaneStyle]
    marks: dict[str, PaneMarks]
    neighbour_links: dict[tuple[str, str], list[Link]]


def view_data(comparison: Comparison) -> ViewData:
    order = [a.id for a in comparison.articles]
    return ViewData(
        styles=pane_styles(comparison),
        marks=pane_marks(comparison),
        neighbour_links={
            (left, right): links_between(comparison, left, right)
            for left, right in itertools.pairwise(order)
        },
    )

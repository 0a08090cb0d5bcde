"""Which counterpart each sentence is compared with when its changed words are highlighted.

A sentence can have a counterpart in every other article; the panes highlight the words that
differ from one of them. With a claim selected, every member is compared with the sentence the
user picked (the anchor); otherwise each sentence is compared with its counterpart in the
nearest pane, preferring the one to the right. Qt-free so workers and tests can call it.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.core.diff import changed_spans


def partner_link(
    comparison: Comparison,
    ref: SentenceRef,
    order: Sequence[str],
    anchor: SentenceRef | None = None,
) -> Link | None:
    """The link whose other side `ref`'s highlights are computed against."""
    links = comparison.links_of(ref)
    if not links:
        return None
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


def pane_styles(comparison: Comparison) -> dict[str, PaneStyle]:
    """Statuses and default highlights of every pane, in the comparison's article order.

    Pure Python, so the worker that made the comparison can compute it too and the GUI thread
    only applies formats.
    """
    order = [a.id for a in comparison.articles]
    styles: dict[str, PaneStyle] = {}
    for article in comparison.articles:
        refs = comparison.refs(article.id)
        statuses = [comparison.status(r) for r in refs]
        changed: dict[int, list[tuple[int, int]]] = {}
        for ref in refs:
            link = partner_link(comparison, ref, order)
            if link is not None and link.relation != "identical":
                changed[ref.sentence] = changed_spans_of(comparison, ref, link)
        styles[article.id] = (statuses, changed)
    return styles

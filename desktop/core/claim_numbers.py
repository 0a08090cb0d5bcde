"""Claim numbers a user can write down: the same claim keeps its number when it survives.

Grouping (align.py) forms claims; this module only names them. A claim's number comes from its
*anchor*, the member that comes first when the articles are taken in the order they were
opened (by article id: a1, a2, …, a10) and each article's sentences in order. Numbering every
sentence 1, 2, 3 … in that same order, the claim gets its anchor's number. Every sentence is in
exactly one claim, so numbers never collide; and because they depend neither on the pane order
nor on which other sentences the claim holds, a claim keeps its number when panes move, when
the threshold or scorer changes (a merged claim keeps the smaller number of the two) and when
articles are added. Removing an article renumbers the claims first carried by articles opened
after it. Numbers are not contiguous: the first article's sentences are claims 1…n, and the
next article's sentences that no earlier article carries continue after n.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from desktop.core.article import Article
from desktop.core.comparison import Claim, SentenceRef

_NUMBER = re.compile(r"(\d+)")


def opening_order(article_id: str) -> tuple[tuple[int, str], ...]:
    """A sort key putting "a2" before "a10" (ids are numbered as articles are opened)."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part) for part in _NUMBER.split(article_id)
    )


def sentence_numbers(articles: Sequence[Article]) -> dict[str, int]:
    """Article id → the number of its first sentence minus one, in opening order."""
    offsets: dict[str, int] = {}
    total = 0
    for article in sorted(articles, key=lambda a: opening_order(a.id)):
        offsets[article.id] = total
        total += len(article.sentences)
    return offsets


def number_claims(claims: Sequence[Claim], articles: Sequence[Article]) -> tuple[Claim, ...]:
    """`claims` renumbered by their anchors (see the module docstring), sorted by number."""
    offsets = sentence_numbers(articles)
    order = {a.id: opening_order(a.id) for a in articles}

    def anchor(claim: Claim) -> SentenceRef:
        if len(claim.members) == 1:
            return claim.members[0]
        return min(claim.members, key=lambda m: (order[m.article], m.sentence))

    numbered = []
    for claim in claims:
        first = anchor(claim)
        numbered.append(replace(claim, id=offsets[first.article] + first.sentence + 1))
    numbered.sort(key=lambda c: c.id)
    return tuple(numbered)

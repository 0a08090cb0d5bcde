"""Manual corrections: the links a user makes or breaks by hand, kept across re-alignments.

The matcher is good but not perfect, and a researcher who has read both articles knows better.
`Corrections` records what the user decided, as pairs of sentences, independently of any one
alignment: changing the threshold or the scorer re-runs the matcher, and `align()` applies the
same corrections again, so nothing the user did is lost.

- A **link** is always present in the result (marked `manual`), whatever its score. It takes
  precedence in the one-to-one matching: neither of its sentences gets an automatic link to
  another sentence of the other's article.
- An **unlink** is never linked by the matcher, however well it scores, and its two sentences
  are never put in one claim.

Typical use (the GUI's Link and Unlink buttons)::

    corrections = comparison.corrections.with_link(x, y)        # or .with_unlink(x, y)
    new = align(comparison.articles, comparison.options, corrections=corrections)

Pairs are stored normalised (the smaller `SentenceRef` first), so (x, y) and (y, x) are the same
correction whatever the order of the articles; `align()` orients each link by article order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.core.errors import FormatError, InputError

if TYPE_CHECKING:
    from desktop.core.article import Article
    from desktop.core.comparison import SentenceRef

log = logging.getLogger(__name__)

Pair = tuple["SentenceRef", "SentenceRef"]
"""Two sentences of two different articles, the smaller `SentenceRef` first."""


def pair(x: SentenceRef, y: SentenceRef) -> Pair:
    """The normalised form of a pair; `InputError` if both sentences are in one article."""
    if x.article == y.article:
        raise InputError(
            "Both sentences are in the same article; a link joins sentences of two articles."
        )
    return (x, y) if x < y else (y, x)


def _normalised(pairs: Iterable[Pair]) -> frozenset[Pair]:
    return frozenset(pair(x, y) for x, y in pairs)


@dataclass(frozen=True)
class Corrections:
    """The user's manual links and unlinks; immutable, so every edit returns a new object."""

    links: frozenset[Pair] = field(default_factory=frozenset)
    """Pairs the user linked: always linked, whatever they score."""
    unlinks: frozenset[Pair] = field(default_factory=frozenset)
    """Pairs the user separated: never linked, never in one claim."""

    def __post_init__(self) -> None:
        # Normalise here too, so a hand-built Corrections(links={(y, x)}) behaves like with_link.
        object.__setattr__(self, "links", _normalised(self.links))
        object.__setattr__(self, "unlinks", _normalised(self.unlinks))
        both = self.links & self.unlinks
        if both:
            x, y = min(both)
            raise ValueError(f"{_name(x)} and {_name(y)} are both linked and unlinked")

    # -- edits -----------------------------------------------------------------------------------

    def with_link(self, x: SentenceRef, y: SentenceRef) -> Corrections:
        """Link x and y by hand (forgetting an earlier unlink of the pair).

        Links are one-to-one per pair of articles, so an earlier manual link from x to another
        sentence of y's article, or from y to another sentence of x's article, is replaced.
        """
        new = pair(x, y)
        links = {p for p in self.links if not _replaced_by(p, x, y)}
        return Corrections(frozenset(links | {new}), self.unlinks - {new})

    def with_unlink(self, x: SentenceRef, y: SentenceRef) -> Corrections:
        """Keep x and y apart (forgetting an earlier manual link of the pair)."""
        new = pair(x, y)
        return Corrections(self.links - {new}, self.unlinks | {new})

    def without(self, x: SentenceRef, y: SentenceRef) -> Corrections:
        """Forget any correction of the pair: the matcher decides again."""
        old = pair(x, y)
        return Corrections(self.links - {old}, self.unlinks - {old})

    def restricted_to(self, articles: Iterable[Article]) -> Corrections:
        """Only the corrections whose sentences all exist in `articles` (after one is removed)."""
        sizes = {a.id: len(a.sentences) for a in articles}

        def known(p: Pair) -> bool:
            return all(0 <= r.sentence < sizes.get(r.article, 0) for r in p)

        return Corrections(
            frozenset(p for p in self.links if known(p)),
            frozenset(p for p in self.unlinks if known(p)),
        )

    def renamed(self, ids: dict[str, str]) -> Corrections:
        """The same corrections after articles were given new ids ({old: new}; others kept)."""
        from desktop.core.comparison import SentenceRef  # see from_dict

        def rename(p: Pair) -> Pair:
            x, y = (SentenceRef(ids.get(r.article, r.article), r.sentence) for r in p)
            return (x, y)

        return Corrections(frozenset(map(rename, self.links)), frozenset(map(rename, self.unlinks)))

    # -- questions -------------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self.links and not self.unlinks

    def is_linked(self, x: SentenceRef, y: SentenceRef) -> bool:
        """True if the user linked x and y by hand."""
        return x.article != y.article and pair(x, y) in self.links

    def is_unlinked(self, x: SentenceRef, y: SentenceRef) -> bool:
        """True if the user separated x and y by hand."""
        return x.article != y.article and pair(x, y) in self.unlinks

    # -- JSON ------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """`{"links": [{"a": ref, "b": ref}, …], "unlinks": […]}`, sorted, refs as in links."""
        return {
            "links": [{"a": x.to_dict(), "b": y.to_dict()} for x, y in sorted(self.links)],
            "unlinks": [{"a": x.to_dict(), "b": y.to_dict()} for x, y in sorted(self.unlinks)],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Corrections:
        """Read `to_dict()`'s output; `FormatError` if it is not that shape."""
        # Imported here, not at the top: comparison.py imports this module for its field.
        from desktop.core.comparison import SentenceRef

        if not isinstance(data, dict):
            raise FormatError("The manual corrections are damaged (not a JSON object).")

        def pairs(key: str) -> frozenset[Pair]:
            return frozenset(
                (SentenceRef.from_dict(p["a"]), SentenceRef.from_dict(p["b"]))
                for p in data.get(key, [])
            )

        try:
            return cls(pairs("links"), pairs("unlinks"))
        except (KeyError, TypeError, ValueError, InputError) as exc:
            raise FormatError(f"The manual corrections are damaged ({exc}).") from exc


def _replaced_by(old: Pair, x: SentenceRef, y: SentenceRef) -> bool:
    """True if a new link x–y replaces `old`: they share a sentence, and its other ends are two
    different sentences of one article."""
    for end, partner in ((x, y), (y, x)):
        if end in old:
            other = old[1] if old[0] == end else old[0]
            if other.article == partner.article and other != partner:
                return True
    return False


def _name(ref: SentenceRef) -> str:
    return f"sentence {ref.sentence + 1} of {ref.article}"

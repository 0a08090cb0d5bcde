"""Verdicts and notes: a journalist's judgement on a claim or a link, kept across re-alignments.

A fact-checker's output is "I checked this, it is disputed, here is why", not the matrix. So each
claim and each link can carry a verdict (verified, disputed, needs checking, not relevant) and a
free-text note. Claim numbers change whenever the alignment changes (a new threshold, a manual
link), so a verdict is never stored by claim number: it is *anchored* on sentences.

- A **claim verdict** is anchored on the claim's member sentences at the moment the verdict or
  note was last set. In a new comparison it *survives* on the claim that holds more than half of
  those anchor sentences (for a claim of one or two sentences: all of them). A claim that grew
  (a new outlet joined) keeps it; a claim that lost a minority of its sentences keeps it; a claim
  split in halves, or whose sentences went into different claims, does not. The anchors are kept
  as set, so raising the threshold and lowering it again gives back exactly the old attachment.
- A **link verdict** is anchored on its two sentences and survives while those two sentences
  are linked (by the matcher or by hand).
- A verdict that survives nowhere is an **orphan**: it is kept (never dropped silently), listed
  with the text it was given on, and reported until the user deletes it. When two claims with
  verdicts merge into one, the verdict holding more of the claim's sentences stays on it (the
  earlier one on a tie) and the other becomes an orphan.

Everything is immutable: each edit returns a new `Verdicts`, which is what the window's undo
stack keeps. Typical use::

    verdicts = comparison.verdicts.with_claim_verdict(comparison, claim_id, DISPUTED)
    verdicts = verdicts.with_claim_note(comparison, claim_id, "Casualty figure: ask the ministry")
    comparison = comparison.with_verdicts(verdicts)        # cheap: nothing is re-aligned
    new = align(...).with_verdicts(comparison.verdicts)     # after a re-alignment
    attached = new.attached_verdicts                        # claim id → verdict, orphans
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.core.corrections import Pair, pair
from desktop.core.errors import FormatError, InputError

if TYPE_CHECKING:
    from desktop.core.article import Article
    from desktop.core.comparison import Comparison, SentenceRef

log = logging.getLogger(__name__)

VERIFIED = "verified"
DISPUTED = "disputed"
NEEDS_CHECKING = "needs_checking"
NOT_RELEVANT = "not_relevant"
VERDICTS = (VERIFIED, DISPUTED, NEEDS_CHECKING, NOT_RELEVANT)
"""What a journalist can decide about a claim or a link, in the order menus list them."""

VERDICT_WORDS: dict[str, str] = {
    VERIFIED: "verified",
    DISPUTED: "disputed",
    NEEDS_CHECKING: "needs checking",
    NOT_RELEVANT: "not relevant",
}

#: Why a verdict no longer attaches (`Orphan.reason`).
GONE = "gone"
"""No claim of the comparison holds most of its sentences (or the two are no longer linked)."""
MERGED = "merged"
"""Its claim merged with another claim that keeps its own verdict."""


def verdict_word(verdict: str) -> str:
    """The verdict in words; one this version does not know (from a newer file) as written."""
    return VERDICT_WORDS.get(verdict, verdict.replace("_", " "))


def _checked(verdict: str) -> str:
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; choose one of: {', '.join(VERDICTS)}")
    return verdict


@dataclass(frozen=True)
class ClaimVerdict:
    """A verdict and/or note on a claim, anchored on the claim's sentences when it was set."""

    anchors: tuple[SentenceRef, ...]
    """The claim's member sentences when the verdict or note was last set (sorted)."""
    verdict: str = ""
    """One of `VERDICTS`, or "" for a note without a verdict."""
    note: str = ""
    text: str = ""
    """The claim's text when set, to name it once its sentences are gone."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchors", tuple(sorted(set(self.anchors))))
        if not self.anchors:
            raise ValueError("a claim verdict needs at least one anchoring sentence")

    @property
    def is_empty(self) -> bool:
        return not self.verdict and not self.note.strip()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"anchors": [r.to_dict() for r in self.anchors]}
        data.update(_judgement(self.verdict, self.note, self.text))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimVerdict:
        from desktop.core.comparison import SentenceRef  # see the module's imports

        return cls(
            tuple(SentenceRef.from_dict(r) for r in data["anchors"]),
            str(data.get("verdict", "") or ""),
            str(data.get("note", "") or ""),
            str(data.get("text", "") or ""),
        )


@dataclass(frozen=True)
class LinkVerdict:
    """A verdict and/or note on the link between two sentences."""

    pair: Pair
    """The two sentences, normalised (`corrections.pair`): the smaller first."""
    verdict: str = ""
    note: str = ""
    text: str = ""
    """The first sentence's text when set, to name the link once its sentences are gone."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "pair", pair(*self.pair))

    @property
    def is_empty(self) -> bool:
        return not self.verdict and not self.note.strip()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"a": self.pair[0].to_dict(), "b": self.pair[1].to_dict()}
        data.update(_judgement(self.verdict, self.note, self.text))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkVerdict:
        from desktop.core.comparison import SentenceRef

        return cls(
            (SentenceRef.from_dict(data["a"]), SentenceRef.from_dict(data["b"])),
            str(data.get("verdict", "") or ""),
            str(data.get("note", "") or ""),
            str(data.get("text", "") or ""),
        )


def _judgement(verdict: str, note: str, text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if verdict:
        out["verdict"] = verdict
    if note:
        out["note"] = note
    if text:
        out["text"] = text
    return out


@dataclass(frozen=True)
class Orphan:
    """A verdict that attaches to nothing in this comparison, and why."""

    verdict: ClaimVerdict | LinkVerdict
    reason: str
    """`GONE` or `MERGED`."""


@dataclass(frozen=True)
class Attachment:
    """Where each verdict of a `Verdicts` lands in one comparison (see `attach`)."""

    claims: dict[int, ClaimVerdict] = field(default_factory=dict)
    """Claim id → the verdict on it."""
    links: dict[Pair, LinkVerdict] = field(default_factory=dict)
    """Normalised sentence pair of a link → the verdict on it."""
    orphans: tuple[Orphan, ...] = ()

    def claim(self, claim_id: int) -> ClaimVerdict | None:
        return self.claims.get(claim_id)

    def link(self, x: SentenceRef, y: SentenceRef) -> LinkVerdict | None:
        if x.article == y.article:
            return None
        return self.links.get(pair(x, y))


@dataclass(frozen=True)
class Verdicts:
    """Every verdict and note of a comparison or workspace; each edit returns a new object."""

    claims: tuple[ClaimVerdict, ...] = ()
    links: tuple[LinkVerdict, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "claims", tuple(c for c in self.claims if not c.is_empty))
        object.__setattr__(self, "links", tuple(v for v in self.links if not v.is_empty))

    @property
    def is_empty(self) -> bool:
        return not self.claims and not self.links

    def __len__(self) -> int:
        return len(self.claims) + len(self.links)

    # -- attaching ---------------------------------------------------------------------------

    def attach(self, comparison: Comparison) -> Attachment:
        """Attach every verdict to `comparison` (the rules are in the module docstring)."""
        return attach(self, comparison)

    # -- edits (each returns a new Verdicts) -------------------------------------------------

    def with_claim_verdict(self, comparison: Comparison, claim_id: int, verdict: str) -> Verdicts:
        """Set (or with "" clear) the verdict on a claim of `comparison`, keeping its note."""
        return self._edit_claim(comparison, claim_id, verdict=_checked(verdict))

    def with_claim_note(self, comparison: Comparison, claim_id: int, note: str) -> Verdicts:
        """Set (or with "" clear) the note on a claim of `comparison`, keeping its verdict."""
        return self._edit_claim(comparison, claim_id, note=note)

    def with_link_verdict(
        self, comparison: Comparison, x: SentenceRef, y: SentenceRef, verdict: str
    ) -> Verdicts:
        """Set (or with "" clear) the verdict on the link between x and y, keeping its note."""
        return self._edit_link(comparison, x, y, verdict=_checked(verdict))

    def with_link_note(
        self, comparison: Comparison, x: SentenceRef, y: SentenceRef, note: str
    ) -> Verdicts:
        """Set (or with "" clear) the note on the link between x and y, keeping its verdict."""
        return self._edit_link(comparison, x, y, note=note)

    def without(self, entry: ClaimVerdict | LinkVerdict) -> Verdicts:
        """Forget one verdict (an orphan the user has dealt with, for instance)."""
        return Verdicts(
            tuple(c for c in self.claims if c != entry),
            tuple(v for v in self.links if v != entry),
        )

    def without_orphans(self, comparison: Comparison) -> Verdicts:
        """Only the verdicts that attach to `comparison`."""
        gone = [o.verdict for o in attach(self, comparison).orphans]
        return Verdicts(
            tuple(c for c in self.claims if c not in gone),
            tuple(v for v in self.links if v not in gone),
        )

    def renamed(self, ids: dict[str, str]) -> Verdicts:
        """The same verdicts after articles were given new ids ({old: new}; others kept)."""
        from dataclasses import replace

        from desktop.core.comparison import SentenceRef

        def rename(ref: SentenceRef) -> SentenceRef:
            return SentenceRef(ids.get(ref.article, ref.article), ref.sentence)

        return Verdicts(
            tuple(replace(c, anchors=tuple(map(rename, c.anchors))) for c in self.claims),
            tuple(replace(v, pair=(rename(v.pair[0]), rename(v.pair[1]))) for v in self.links),
        )

    def _edit_claim(
        self,
        comparison: Comparison,
        claim_id: int,
        verdict: str | None = None,
        note: str | None = None,
    ) -> Verdicts:
        claim = next((c for c in comparison.claims if c.id == claim_id), None)
        if claim is None:
            raise KeyError(f"no claim {claim_id} in this comparison")
        old = attach(self, comparison).claim(claim_id)
        new = ClaimVerdict(
            claim.members,
            old.verdict if old is not None and verdict is None else (verdict or ""),
            old.note if old is not None and note is None else (note or ""),
            comparison.sentence(min(claim.members, key=_reading_order(comparison))).text,
        )
        claims = [c for c in self.claims if c != old]
        return Verdicts((*claims, new), self.links)

    def _edit_link(
        self,
        comparison: Comparison,
        x: SentenceRef,
        y: SentenceRef,
        verdict: str | None = None,
        note: str | None = None,
    ) -> Verdicts:
        if comparison.link_between(x, y) is None:
            raise KeyError(f"{x} and {y} are not linked in this comparison")
        key = pair(x, y)
        old = next((v for v in self.links if v.pair == key), None)
        new = LinkVerdict(
            key,
            old.verdict if old is not None and verdict is None else (verdict or ""),
            old.note if old is not None and note is None else (note or ""),
            comparison.sentence(key[0]).text,
        )
        links = [v for v in self.links if v.pair != key]
        return Verdicts(self.claims, (*links, new))

    # -- JSON --------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """`{"claims": [{"anchors": [ref, …], "verdict", "note", "text"}], "links": [{"a",
        "b", "verdict", "note", "text"}]}`; empty fields are left out."""
        return {
            "claims": [c.to_dict() for c in self.claims],
            "links": [v.to_dict() for v in self.links],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Verdicts:
        """Read `to_dict()`'s output (extra keys ignored); `FormatError` if it is not that shape."""
        if not isinstance(data, dict):
            raise FormatError("The verdicts are damaged (not a JSON object).")
        try:
            return cls(
                tuple(ClaimVerdict.from_dict(c) for c in data.get("claims", [])),
                tuple(LinkVerdict.from_dict(v) for v in data.get("links", [])),
            )
        except (KeyError, TypeError, ValueError, AttributeError, InputError) as exc:
            # InputError: a link verdict with both sentences in one article.
            raise FormatError(f"The verdicts are damaged ({exc}).") from exc


def _reading_order(comparison: Comparison) -> Any:
    position = {a.id: i for i, a in enumerate(comparison.articles)}
    return lambda ref: (position.get(ref.article, len(position)), ref.sentence)


def attach(verdicts: Verdicts, comparison: Comparison) -> Attachment:
    """Re-attach `verdicts` to `comparison` (a new alignment) and list the orphans.

    A claim verdict goes to the claim holding more than half of its anchor sentences; if two
    verdicts want one claim, the one with more anchors in it wins (the earlier on a tie) and the
    other is an orphan (`MERGED`). A link verdict goes to the link between its two sentences.
    """
    if verdicts.is_empty:
        return Attachment()
    claim_of = {m: c.id for c in comparison.claims for m in c.members}
    wanted: dict[int, list[tuple[int, int, ClaimVerdict]]] = {}
    orphans: list[Orphan] = []
    for rank, claim_verdict in enumerate(verdicts.claims):
        held: dict[int, int] = {}
        for ref in claim_verdict.anchors:
            claim_id = claim_of.get(ref)
            if claim_id is not None:
                held[claim_id] = held.get(claim_id, 0) + 1
        best = max(held.items(), key=lambda kv: kv[1], default=None)
        if best is None or 2 * best[1] <= len(claim_verdict.anchors):
            orphans.append(Orphan(claim_verdict, GONE))
            continue
        wanted.setdefault(best[0], []).append((best[1], rank, claim_verdict))
    claims: dict[int, ClaimVerdict] = {}
    for claim_id, candidates in wanted.items():
        candidates.sort(key=lambda t: (-t[0], t[1]))
        claims[claim_id] = candidates[0][2]
        orphans += [Orphan(v, MERGED) for _, _, v in candidates[1:]]

    links: dict[Pair, LinkVerdict] = {}
    for link_verdict in verdicts.links:
        x, y = link_verdict.pair
        if _exists(comparison, x) and _exists(comparison, y) and comparison.link_between(x, y):
            links[link_verdict.pair] = link_verdict
        else:
            orphans.append(Orphan(link_verdict, GONE))
    position = {id(v): i for i, v in enumerate((*verdicts.claims, *verdicts.links))}
    orphans.sort(key=lambda o: position[id(o.verdict)])
    return Attachment(claims, links, tuple(orphans))


def _exists(comparison: Comparison, ref: SentenceRef) -> bool:
    try:
        article = comparison.article(ref.article)
    except KeyError:
        return False
    return 0 <= ref.sentence < len(article.sentences)


def anchors_in(articles: Iterable[Article], verdict: ClaimVerdict | LinkVerdict) -> bool:
    """True if every sentence the verdict is anchored on exists among `articles`."""
    sizes = {a.id: len(a.sentences) for a in articles}
    refs = verdict.anchors if isinstance(verdict, ClaimVerdict) else verdict.pair
    return all(0 <= r.sentence < sizes.get(r.article, 0) for r in refs)

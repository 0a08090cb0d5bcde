"""Why two sentences are linked or not, and which pairs nearly were.

A user who sees two sentences that say the same thing, unlinked, needs more than "the score was
too low": the score against the threshold, what the sentences share and what each has alone,
and whether the one-to-one matching or their own unlink kept them apart. Near misses (pairs
scoring just under the threshold) are offered as suggestions the user can accept as manual
links.

Scores are the engine's own: `_Scorer` is the one place that calls the scoring package
(`desktop.core.scoring`), with the scorer that made the comparison. It prepares a comparison's
sentences once and is kept for the most recent comparison. Qt-free.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import utils

from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.core.text import lexicon

NEAR_MISS_PAIRS = 250_000
"""Largest sentence-pair count of one article pair searched for near misses at once."""


@dataclass(frozen=True)
class Score:
    """A pair's score and the named parts its scorer makes it of (see `Prepared.parts`)."""

    total: float
    parts: dict[str, float] = dataclasses.field(default_factory=dict)
    """E.g. content: {"ratio", "overlap"}; hybrid: {"content", "cosine", "content_weight"}."""

    @property
    def ratio(self) -> float | None:
        """For the content scorer: how alike the sorted content-word strings read (0–100)."""
        return self.parts.get("ratio")

    @property
    def overlap(self) -> float | None:
        """For the content scorer: the weighted share of content words both use (0–1)."""
        overlap = self.parts.get("overlap")
        return None if overlap is None else overlap / 100


@dataclass(frozen=True)
class NearMiss:
    """A pair of sentences of two outlets scoring a little under the threshold."""

    a: SentenceRef
    b: SentenceRef
    score: float


@dataclass(frozen=True)
class Explanation:
    """Everything "Why not linked?" says about one pair, with its reasons in plain words."""

    a: SentenceRef
    b: SentenceRef
    score: Score
    threshold: float
    scorer: str
    shared: tuple[str, ...]
    """Content words both sentences use (as the first sentence writes them)."""
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    link: Link | None
    same_claim: bool
    reasons: tuple[str, ...]
    related: Link | None = None
    """The related pair (`Comparison.related`) of the two sentences, if they are one."""

    @property
    def linked(self) -> bool:
        return self.link is not None

    @property
    def can_link(self) -> bool:
        """True when linking the pair by hand is a change the user could want."""
        return self.link is None and self.a.article != self.b.article


class _Scorer:
    """The scoring of one comparison's sentences by the scorer that made it, prepared once."""

    def __init__(self, comparison: Comparison) -> None:
        from desktop.core import scoring  # the one coupling to the engine's scoring

        self.comparison = comparison
        self.index = {a.id: k for k, a in enumerate(comparison.articles)}
        # The scorer that ran (the fallback, when the chosen one could not); embeddings come
        # from the cache the alignment filled, so this is quick.
        used = scoring.get(comparison.scoring.scorer)
        self.prepared = used.prepare(list(comparison.articles))

    def score(self, x: SentenceRef, y: SentenceRef) -> Score:
        i, j = self.index[x.article], self.index[y.article]
        total = self.prepared.one(i, x.sentence, j, y.sentence)
        return Score(float(total), dict(self.prepared.parts(i, x.sentence, j, y.sentence)))

    def scores_at_least(
        self, left: str, right: str, floor: float
    ) -> list[tuple[SentenceRef, SentenceRef, float]]:
        """Every pair of the two articles scoring at least `floor`."""
        block = self.prepared.block(self.index[left], self.index[right], cutoff=floor)
        rows, cols = np.nonzero(block >= max(floor, 1e-9))
        return [
            (SentenceRef(left, int(r)), SentenceRef(right, int(c)), float(block[r, c]))
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
        ]


_lock = threading.Lock()
_latest: list[_Scorer] = []


def _scorer(comparison: Comparison) -> _Scorer:
    """The scorer of `comparison`, prepared on first use; only the latest one is kept."""
    with _lock:
        if _latest and _latest[0].comparison is comparison:
            return _latest[0]
    scorer = _Scorer(comparison)
    with _lock:
        _latest[:] = [scorer]
    return scorer


def score(comparison: Comparison, x: SentenceRef, y: SentenceRef) -> Score:
    """The pair's score, exactly as the aligner computed (or would compute) it."""
    if x.article == y.article:
        return Score(0.0)
    return _scorer(comparison).score(x, y)


def _words(text: str, language: str) -> dict[str, str]:
    """Stem → the first way the sentence writes it, for its content words."""
    words = lexicon(language)
    out: dict[str, str] = {}
    for word in utils.default_process(text).split():
        if word in words.stopwords or word in words.boilerplate:
            continue
        stemmed = words.stem(word)
        if stemmed not in words.boilerplate_stems:
            out.setdefault(stemmed, word)
    return out


def explain(comparison: Comparison, x: SentenceRef, y: SentenceRef) -> Explanation:
    """Why `x` and `y` are linked, or why not, in plain words."""
    label = {a.id: a.label for a in comparison.articles}
    sx, sy = comparison.sentence(x), comparison.sentence(y)
    threshold = comparison.scoring.threshold
    scorer = comparison.scoring.scorer
    language = {a.id: a.language for a in comparison.articles}
    wx, wy = _words(sx.text, language[x.article]), _words(sy.text, language[y.article])
    shared = tuple(wx[s] for s in wx if s in wy)
    only_a = tuple(wx[s] for s in wx if s not in wy)
    only_b = tuple(wy[s] for s in wy if s not in wx)
    link = comparison.link_between(x, y)
    related = comparison.related_between(x, y)
    same_claim = comparison.claim_of(x) is comparison.claim_of(y)
    if x.article == y.article:
        return Explanation(
            x, y, Score(0.0), threshold, scorer, shared, only_a, only_b,
            None, same_claim,
            (f"Both sentences are in {label[x.article]}: links join sentences of two outlets.",),
        )  # fmt: skip
    result = score(comparison, x, y)
    reasons: list[str] = []
    value = f"{result.total:.0f}"
    if link is not None:
        how = "You linked them by hand" if link.manual else "They are linked"
        reasons.append(f"{how}: score {value}, threshold {threshold:g}.")
    elif comparison.corrections.is_unlinked(x, y):
        reasons.append(
            f"You unlinked this pair: it stays apart whatever it scores (score {value})."
        )
    elif "dateline" in (sx.kind, sy.kind):
        reasons.append(
            "A dateline only says where a report was filed, so datelines are never linked."
        )
    elif result.total < threshold:
        reasons.append(
            f"Their score, {value}, is below the threshold, {threshold:g}: lower the threshold "
            f"to {int(result.total)} or link them by hand."
        )
    else:
        reasons.append(
            f"Their score, {value}, reaches the threshold, {threshold:g}, but each sentence "
            "links to at most one sentence of each other outlet and the best pairing overall "
            "went another way."
        )
    if related is not None:
        reasons.append(
            "They are related: they share part of their information (one says more, or they "
            "frame one point differently), so a dotted connector joins them. Link them if they "
            "are each other's counterpart."
        )
    if link is None:
        for ref, other in ((x, y), (y, x)):
            partner = comparison.counterpart(ref, other.article)
            if partner is not None:
                taken = comparison.link_between(ref, partner)
                points = f" (score {taken.score:.0f})" if taken is not None else ""
                reasons.append(
                    f"{label[ref.article]}'s sentence {ref.sentence + 1} is linked to "
                    f"{label[other.article]}'s sentence {partner.sentence + 1} instead{points}."
                )
    if same_claim and link is None:
        claim = comparison.claim_of(x)
        reasons.append(
            f"They are in one claim (claim {claim.id}) through other outlets' sentences, "
            "but not linked to each other directly."
        )
    cosine, words = result.parts.get("cosine"), result.parts.get("content")
    if cosine is not None and words is not None:
        weight = result.parts.get("content_weight", 0.0)
        reasons.append(
            f"How the score is made: {100 - weight:.0f}% is how close their meanings are to the "
            f"sentence model ({cosine:.0f} of 100), {weight:.0f}% how alike their content words "
            f"are ({words:.0f} of 100)."
        )
    if result.ratio is not None and result.overlap is not None:
        reasons.append(
            f"How the score is made: half is how alike their content words read "
            f"({result.ratio:.0f} of 100), half how many of those words they share, rare words "
            f"counting more than names ({100 * result.overlap:.0f} of 100)."
        )
    return Explanation(
        x, y, result, threshold, scorer, shared, only_a, only_b, link,
        same_claim, tuple(reasons), related,
    )  # fmt: skip


def _open_to(comparison: Comparison, x: SentenceRef, y: SentenceRef) -> bool:
    """True if linking x–y by hand would break no link and no decision of the user's."""
    if comparison.corrections.is_unlinked(x, y):
        return False
    return (
        comparison.counterpart(x, y.article) is None
        and comparison.counterpart(y, x.article) is None
    )


def near_misses(
    comparison: Comparison,
    articles: Sequence[str] | None = None,
    ref: SentenceRef | None = None,
    margin: float | None = None,
    limit: int = 20,
) -> tuple[list[NearMiss], int]:
    """Unlinked pairs scoring within `margin` (default: the chain margin) under the threshold,
    best first, whose sentences have no counterpart in each other's article yet.

    With `ref`, only pairs of that sentence; otherwise pairs between the given `articles`
    (default: all). Returns the suggestions and the number of article pairs too large to
    search (more than `NEAR_MISS_PAIRS` sentence pairs).
    """
    threshold = comparison.scoring.threshold
    margin = comparison.options.chain_margin if margin is None else margin
    floor = max(0.0, threshold - margin)
    ids = list(articles) if articles is not None else [a.id for a in comparison.articles]
    found: list[NearMiss] = []
    skipped = 0
    scorer = _scorer(comparison)
    if ref is not None:
        for other in ids:
            if other == ref.article:
                continue
            for target in comparison.refs(other):
                if not _open_to(comparison, ref, target):
                    continue
                value = scorer.score(ref, target).total
                if floor <= value < threshold:
                    found.append(NearMiss(ref, target, value))
    else:
        for i, left in enumerate(ids):
            for right in ids[i + 1 :]:
                size = len(comparison.article(left).sentences) * len(
                    comparison.article(right).sentences
                )
                if size > NEAR_MISS_PAIRS:
                    skipped += 1
                    continue
                for x, y, value in scorer.scores_at_least(left, right, floor):
                    if value < threshold and _open_to(comparison, x, y):
                        found.append(NearMiss(x, y, value))
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return _one_per_sentence(found)[:limit], skipped


def _one_per_sentence(found: list[NearMiss]) -> list[NearMiss]:
    """Best first, each sentence suggested at most once per other article (links are
    one-to-one, so a second suggestion for it would contradict the first)."""
    used: set[tuple[SentenceRef, str]] = set()
    out = []
    for miss in found:
        if (miss.a, miss.b.article) in used or (miss.b, miss.a.article) in used:
            continue
        used.add((miss.a, miss.b.article))
        used.add((miss.b, miss.a.article))
        out.append(miss)
    return out


def closest(comparison: Comparison, ref: SentenceRef) -> list[NearMiss]:
    """`ref`'s best-scoring sentence in every other article, best first (any score)."""
    scorer = _scorer(comparison)
    out = []
    for article in comparison.articles:
        if article.id == ref.article or not article.sentences:
            continue
        best = max(
            (NearMiss(ref, t, scorer.score(ref, t).total) for t in comparison.refs(article.id)),
            key=lambda m: (m.score, -m.b.sentence),
        )
        out.append(best)
    out.sort(key=lambda m: -m.score)
    return out

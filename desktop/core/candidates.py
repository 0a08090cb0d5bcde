"""Which sentence pairs of a whole comparison are worth scoring, and their scores, in one pass.

Small comparisons are scored in full, article pair by article pair (`Prepared.block`), as
before: up to `DENSE_TOTAL` cross-article pairs that is as fast as the index, and exact
(measured in tests/benchmarks/test_scale.py). Past it, one candidate index over every sentence
of every article proposes the pairs, instead of a search per article pair (100 articles make
4,950):

- **Words, rarest first.** Each sentence is indexed by a *prefix* of its content words in one
  order for the whole comparison (fewest sentences first). The prefix is the shortest one whose
  remaining words weigh at most `GUARANTEED_DICE / 2` of the sentence's total weight; then two
  sentences whose weighted word overlap (Dice) reaches `GUARANTEED_DICE` always share a prefix
  word (prefix filtering: if their first shared word were outside one prefix, every shared word
  would be, and they would share too little). Measured on ECB+ sets, no link and almost no
  related pair has a lower overlap (tests/core/test_candidates.py, tests/benchmarks/).
- **A cost cap per sentence.** A word in d sentences proposes every pair of them, so the
  prefix stops before its words propose more than `PROPOSALS_PER_SENTENCE` pairs (times the
  other articles). Repetitive text (a few hundred words in 100,000 sentences) would otherwise
  propose hundreds of millions of pairs; with the cap, memory and time stay linear in the
  sentences. A sentence whose rarest word alone is over the cap is not searched (logged).
- **Top k by a cheap bound.** The index's product gives each candidate the weight its prefix
  words share, a lower bound of the pair's overlap; each sentence keeps its `TOP_K` best
  candidates in each other article (on either side of the pair), and only those are scored,
  by the scorer's own `Prepared.pairs`, in batches that listen for Cancel.

Scorers whose pairs words cannot find (the semantic ones: paraphrase shares no word) score
every article pair in full up to `DENSE_LIMIT` pairs each, as before; only larger article pairs
use the index.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from desktop.core.errors import Cancelled
from desktop.core.options import CancelledCallback, ProgressCallback, never_cancelled, no_progress
from desktop.core.scoring import Prepared
from desktop.core.scoring.lexical import Flat

log = logging.getLogger(__name__)

DENSE_TOTAL = 2_000_000
"""Comparisons with at most this many cross-article sentence pairs are scored in full. Below
it the index saves little or nothing (`content`, best of 3, two runs on a loaded machine:
2 × 1000 full 0.06–0.14 s, index 0.04–0.09 s; 20 × 100 full 0.14–0.41 s, index 0.17–0.23 s;
test_scale.py's crossover), and full scoring is exact; past it the index is 1.5–2.5× faster."""

DENSE_LIMIT = 4_000_000
"""Largest article pair a semantic scorer scores in full (16 MB of float32)."""

GUARANTEED_DICE = 0.1
"""Pairs sharing at least this weighted share of their words are always proposed (unless a
sentence's cap or its `TOP_K` binds). On the sample sets and the ECB+ clusters no link and no
related pair lies below it (tests/core/test_candidates.py)."""

PROPOSALS_PER_SENTENCE = 1000
"""A sentence's prefix words may propose at most this many pairs per other article."""

TOP_K = 20
"""Candidates a sentence keeps in each other article (the strongest by the index's bound)."""

WEAKEST = GUARANTEED_DICE / 2
"""Candidates whose prefix words share less than this of their weight are dropped at once:
prefixes hold all but `GUARANTEED_DICE / 2` of each sentence's weight, so such a pair's whole
overlap is under `GUARANTEED_DICE`."""

CHUNK = 2_000_000
"""Index products are computed for about this many proposals at a time (bounded memory)."""

PAIR_BATCH = 65_536
"""Candidate pairs scored between two checks of `cancelled` (a few tenths of a second)."""

ArticlePair = tuple[int, int]
Scored = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Rows (sentences of the first article), columns (of the second) and scores."""


def score_pairs(
    prepared: Prepared,
    pairs: Sequence[ArticlePair],
    cutoff: float,
    cancelled: CancelledCallback = never_cancelled,
    progress: ProgressCallback = no_progress,
    dense_total: int = DENSE_TOTAL,
    dense_limit: int = DENSE_LIMIT,
) -> dict[ArticlePair, Scored]:
    """Every sentence pair of each article pair in `pairs` that scores at least `cutoff`
    (among the pairs the index proposes, past `dense_total`)."""
    sizes = [len(p.strings) for p in prepared.lexical]
    total = sum(sizes[i] * sizes[j] for i, j in pairs)
    dense_all = total <= dense_total and all(sizes[i] * sizes[j] <= dense_limit for i, j in pairs)
    out: dict[ArticlePair, Scored] = {}
    indexed: list[ArticlePair] = []
    for i, j in pairs:
        if sizes[i] == 0 or sizes[j] == 0:
            out[i, j] = _empty()
        elif dense_all or (not prepared.words_find_pairs and sizes[i] * sizes[j] <= dense_limit):
            if cancelled():
                raise Cancelled()
            out[i, j] = _block(prepared, i, j, cutoff)
        else:
            indexed.append((i, j))
        progress(0.5 * len(out) / max(len(pairs), 1), "Scoring sentence pairs")
    if indexed:
        out.update(_indexed(prepared, indexed, cutoff, cancelled, progress))
    progress(1.0, "Scored sentence pairs")
    return out


def _empty() -> Scored:
    empty = np.zeros(0, dtype=np.int64)
    return empty, empty, np.zeros(0)


def _block(prepared: Prepared, i: int, j: int, cutoff: float) -> Scored:
    scores = prepared.block(i, j, cutoff)
    rows, cols = np.nonzero(scores >= max(cutoff, 1e-9))
    return rows, cols, scores[rows, cols].astype(np.float64)


# -- the index ------------------------------------------------------------------------------------


def _prefixes(flat: Flat, n_articles: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sentence, word, weight) of every indexed prefix entry; logs the sentences cut short."""
    sentences = len(flat.totals)
    owner = np.repeat(np.arange(sentences), np.diff(flat.indptr))
    if len(owner) == 0:
        return owner, owner, np.zeros(0)
    df = np.bincount(flat.indices, minlength=flat.vocabulary)
    rank = np.empty(len(df), dtype=np.int64)
    rank[np.lexsort((np.arange(len(df)), df))] = np.arange(len(df))
    order = np.lexsort((rank[flat.indices], owner))
    words, weights = flat.indices[order], flat.weights[order]
    starts = np.repeat(flat.indptr[:-1], np.diff(flat.indptr))

    def running(values: np.ndarray) -> np.ndarray:
        """Inclusive running sum of `values` within each sentence."""
        run = np.cumsum(values)
        return run - np.concatenate(([0.0], run))[starts]

    totals = flat.totals[owner]
    needed = totals - (running(weights) - weights) > GUARANTEED_DICE * totals / 2
    cap = PROPOSALS_PER_SENTENCE * max(1, n_articles - 1)
    take = needed & (running(df[words].astype(np.float64)) <= cap)
    short = np.unique(owner[needed & ~take])
    if len(short):
        unsearched = len(np.setdiff1d(short, owner[take]))
        # A few sentences made only of the story's commonest words are expected; most of
        # them means text that repeats a small vocabulary, which no index can align.
        say = log.warning if unsearched > UNSEARCHED_WARNING * sentences else log.info
        say(
            "%d of %d sentences were not compared with others: each of their words is in "
            "over %d sentences (repetitive text); %d more were compared by their rarer words only",
            unsearched, sentences, cap, len(short) - unsearched,
        )  # fmt: skip
    return owner[take], words[take], weights[take]


UNSEARCHED_WARNING = 0.1
"""Share of unsearched sentences from which the user is told (a warning on stderr)."""


def _indexed(
    prepared: Prepared,
    pairs: list[ArticlePair],
    cutoff: float,
    cancelled: CancelledCallback,
    progress: ProgressCallback,
) -> dict[ArticlePair, Scored]:
    from scipy import sparse  # large inputs only: 0.1–0.2 s to import

    flat = prepared.flat
    n_articles = len(prepared.lexical)
    owner, words, weights = _prefixes(flat, n_articles)
    sentences = len(flat.totals)
    columns = int(words.max(initial=0)) + 1
    index = sparse.csr_matrix((np.sqrt(weights), (owner, words)), shape=(sentences, columns))
    wanted = np.zeros((n_articles, n_articles), dtype=bool)
    for i, j in pairs:
        wanted[i, j] = wanted[j, i] = True
    proposals = np.bincount(owner, weights=np.bincount(words)[words], minlength=sentences)
    # The product is symmetric: a chunk of rows sees every candidate of its sentences on
    # either side, so each sentence picks its own best, whichever article comes first. Rows go
    # article by article, so when a sentence of a later article keeps a pair, the earlier
    # sentence's cut is known, and a pair both keep is kept once.
    cuts = _Cuts(sentences, n_articles)
    kept: list[tuple[np.ndarray, np.ndarray]] = []
    start = 0
    while start < sentences:
        if cancelled():
            raise Cancelled()
        own = int(flat.article[start])
        stop = min(_chunk_end(proposals, start), int(flat.offsets[own + 1]))
        x, y, shared = _product(index, start, stop, flat.offsets[own], flat.offsets[own + 1])
        cross = wanted[flat.article[x], flat.article[y]]
        x, y, shared = x[cross], y[cross], shared[cross]
        bound = 2 * shared / (flat.totals[x] + flat.totals[y])
        weak = bound < WEAKEST
        x, y, bound = x[~weak], y[~weak], bound[~weak]
        cuts.add(x, flat.article[y], bound)
        mine = cuts.keeps(x, flat.article[y], bound)
        later = flat.article[x] > flat.article[y]
        mine &= ~(later & cuts.keeps(y, flat.article[x], bound))
        kept.append((np.where(later, y, x)[mine], np.where(later, x, y)[mine]))
        start = stop
        progress(0.5 + 0.2 * stop / sentences, "Searching candidate pairs")
    x = np.concatenate([k[0] for k in kept] + [np.zeros(0, dtype=np.int64)])
    y = np.concatenate([k[1] for k in kept] + [np.zeros(0, dtype=np.int64)])
    log.info("candidate index: %d pairs to score for %d sentences", len(x), sentences)
    return _score(prepared, pairs, x, y, cutoff, cancelled, progress)


class _Cuts:
    """The lowest bound each (sentence, other article) keeps, for those with more than
    `TOP_K` candidates there. Bounds are compared at 1e-6 (`_LEVELS`), so the cut is found
    with one integer sort and no sort by two keys; ties at the cut are all kept. Cuts live in
    a table with a cell per (sentence, article) when that is small, else in sorted arrays."""

    TABLE = 16_000_000
    """Most cells of the table (128 MB); beyond, sorted arrays searched by bisection."""

    def __init__(self, sentences: int, n_articles: int) -> None:
        self.n_articles = n_articles
        size = sentences * n_articles
        self.table = np.zeros(size, dtype=np.int64) if size <= self.TABLE else None
        self.groups = np.zeros(0, dtype=np.int64)
        self.lowest = np.zeros(0, dtype=np.int64)

    def _group(self, x: np.ndarray, other: np.ndarray) -> np.ndarray:
        return x * self.n_articles + other

    def add(self, x: np.ndarray, other: np.ndarray, bound: np.ndarray) -> None:
        """Learn the cuts of the sentences `x` (all their candidates are given at once)."""
        if len(x) == 0:
            return
        keys = np.sort((self._group(x, other) << _BITS) | (_LEVELS - _level(bound)))
        group = keys >> _BITS
        starts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
        counts = np.diff(np.concatenate((starts, [len(keys)])))
        crowded = starts[counts > TOP_K]
        if len(crowded) == 0:
            return
        lowest = _LEVELS - (keys[crowded + TOP_K - 1] & _LEVELS)
        if self.table is not None:
            self.table[group[crowded]] = lowest
            return
        self.groups = np.concatenate((self.groups, group[crowded]))
        self.lowest = np.concatenate((self.lowest, lowest))
        order = np.argsort(self.groups, kind="stable")
        self.groups, self.lowest = self.groups[order], self.lowest[order]

    def keeps(self, x: np.ndarray, other: np.ndarray, bound: np.ndarray) -> np.ndarray:
        """Whether each candidate is among the best of sentence x in the other article."""
        group = self._group(x, other)
        if self.table is not None:
            return np.asarray(_level(bound) >= self.table[group])
        if len(self.groups) == 0:
            return np.ones(len(x), dtype=bool)
        where = np.minimum(np.searchsorted(self.groups, group), len(self.groups) - 1)
        cut = np.where(self.groups[where] == group, self.lowest[where], 0)
        return np.asarray(_level(bound) >= cut)


_BITS = 20
_LEVELS = (1 << _BITS) - 1


def _level(bound: np.ndarray) -> np.ndarray:
    """A bound in 0–1 as an integer of `_BITS` bits."""
    return np.asarray(np.clip(bound, 0.0, 1.0) * _LEVELS, dtype=np.int64)


def _product(
    index: Any, start: int, stop: int, own_start: int, own_stop: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, shared prefix weight) of rows start…stop against every sentence outside
    their own article (own_start…own_stop): two articles' pairs without the half that pairs
    an article with itself."""
    rows = index[start:stop]
    xs, ys, values = [], [], []
    for lo, hi in ((0, own_start), (own_stop, index.shape[0])):
        if hi <= lo:
            continue
        part = (rows @ index[lo:hi].T).tocoo()
        xs.append(part.row.astype(np.int64) + start)
        ys.append(part.col.astype(np.int64) + lo)
        values.append(part.data)
    if not xs:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(values)


def _chunk_end(proposals: np.ndarray, start: int) -> int:
    """Where a chunk of rows from `start` proposing about `CHUNK` pairs ends."""
    run = np.cumsum(proposals[start:])
    return start + max(1, int(np.searchsorted(run, CHUNK, side="right")))


def _score(
    prepared: Prepared,
    pairs: list[ArticlePair],
    x: np.ndarray,
    y: np.ndarray,
    cutoff: float,
    cancelled: CancelledCallback,
    progress: ProgressCallback,
) -> dict[ArticlePair, Scored]:
    """The scorer's scores of the candidates (in batches that listen for Cancel), grouped by
    article pair: those at least `cutoff`."""
    flat = prepared.flat
    scores = np.zeros(len(x))
    for start in range(0, len(x), PAIR_BATCH):
        if cancelled():
            raise Cancelled()
        stop = start + PAIR_BATCH
        scores[start:stop] = prepared.scores_of(x[start:stop], y[start:stop], cutoff)
        progress(0.7 + 0.3 * min(stop, len(x)) / len(x), "Scoring candidate pairs")
    ok = scores >= max(cutoff, 1e-9)
    x, y, scores = x[ok], y[ok], scores[ok]
    ax, ay = flat.article[x], flat.article[y]
    order = np.lexsort((y, x, ay, ax))
    x, y, scores, ax, ay = x[order], y[order], scores[order], ax[order], ay[order]
    out = {p: _empty() for p in pairs}
    key = ax * len(prepared.lexical) + ay
    bounds = np.flatnonzero(np.diff(key)) + 1
    for part in np.split(np.arange(len(x)), bounds):
        if len(part):
            i, j = int(ax[part[0]]), int(ay[part[0]])
            out[i, j] = x[part] - flat.offsets[i], y[part] - flat.offsets[j], scores[part]
    return out

"""Alignment: which sentences of different articles carry the same information.

candidates → scores → one-to-one links per article pair → N-way claims (DESIGN §1, §3).

Scores come from rapidfuzz over text normalised once per sentence. The default "content" scorer
averages two views of a pair: the character ratio of their sorted content words (catches
rewording, inflection and spelling variants) and a weighted Dice overlap of those words, where
each word weighs by its rarity across the comparison (so sentences that share only the story's
names and "said on Monday" stay apart). Small article pairs are scored as full `cdist`
matrices; past `DENSE_LIMIT` pairs, candidates come from an inverted index (a sparse product
over rare content words) and only those pairs are scored, keeping memory linear.

Manual corrections (corrections.py) are applied inside those steps rather than patched onto the
result, so every invariant still holds with them: unlinked pairs are dropped before matching,
sentences with a manual link are reserved before matching, and manual links form claims first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils
from scipy import sparse

from desktop.core.article import Article
from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    Claim,
    Comparison,
    Link,
    SentenceRef,
)
from desktop.core.corrections import Corrections, Pair
from desktop.core.diff import is_identical, word_changes
from desktop.core.errors import Cancelled, InputError
from desktop.core.framing import find_conflicts
from desktop.core.options import (
    AlignOptions,
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.core.text import (
    Weights,
    content_tokens,
    sorted_content,
    sorted_words,
)

log = logging.getLogger(__name__)

DENSE_LIMIT = 4_000_000
"""Largest sentence-pair count of one article pair scored as a full matrix (16 MB float32)."""

ASSIGNMENT_LIMIT = 4_000_000
"""Largest component (rows × columns) given to the optimal assignment; beyond, greedy."""

RARE_FRACTION = 0.02
"""In candidate mode, words in more than this share of sentences do not propose candidates."""


@dataclass
class _Prepared:
    """One article's sentences in every form the scorers need, computed once."""

    article: Article
    strings: list[str]
    tokens: list[frozenset[str]]
    totals: np.ndarray
    matrix: sparse.csr_matrix | None = None


def align(
    articles: Sequence[Article],
    options: AlignOptions | None = None,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
    corrections: Corrections | None = None,
) -> Comparison:
    """Compare `articles` (two or more, distinct ids) and return the `Comparison`.

    `corrections` are the user's manual links and unlinks. A manual link is always in the
    result (`Link.manual`, scored as the scorer scores it, even below the threshold), and
    neither of its sentences gets an automatic link to another sentence of the other's article.
    An unlinked pair is never linked and never put in one claim. Manual links join claims
    before automatic ones and without the chain check, but a claim still never holds two
    sentences of one article: a manual link that would need that (x–y, y–z and z–w with x and
    w in one article) stays a link between two claims. Corrections naming a sentence that is
    not in `articles` are ignored; `Comparison.corrections` keeps only those that applied.
    """
    options = options or AlignOptions()
    if len(articles) < 2:
        raise InputError("Parallax needs at least two articles to compare.")
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise InputError("Two articles share an id; give each article its own id.")
    given = corrections or Corrections()
    corrections = given.restricted_to(articles)
    if corrections != given:
        log.info("ignoring manual corrections that name sentences not in this comparison")
    position = {a.id: i for i, a in enumerate(articles)}
    manual = {_oriented(position, p) for p in corrections.links}
    # Sentence → articles where it has a manual counterpart: the matcher leaves those alone.
    reserved: dict[SentenceRef, set[str]] = {}
    for x, y in manual:
        reserved.setdefault(x, set()).add(y.article)
        reserved.setdefault(y, set()).add(x.article)

    progress(0.0, "Preparing sentences")
    prepared, weights = _prepare(articles, options)
    vocab = {t: i for i, t in enumerate(weights.df)}
    for p in prepared:
        p.matrix = _weighted_matrix(p.tokens, vocab, weights)

    pairs = [(i, j) for i in range(len(articles)) for j in range(i + 1, len(articles))]
    raw: dict[tuple[SentenceRef, SentenceRef], float] = {}
    for k, (i, j) in enumerate(pairs):
        if cancelled():
            raise Cancelled()
        pa, pb = prepared[i], prepared[j]
        rows, cols, scores = _pair_scores(pa, pb, options, weights)
        if corrections.unlinks or reserved:
            rows, cols, scores = _allowed(pa, pb, rows, cols, scores, corrections, reserved)
        alike = partial(_alike, pa.article, pb.article)
        for r, c, s in _match(rows, cols, scores, len(pa.strings), len(pb.strings), alike):
            raw[SentenceRef(pa.article.id, r), SentenceRef(pb.article.id, c)] = s
        progress(0.8 * (k + 1) / len(pairs), f"Aligned {pa.article.label} with {pb.article.label}")

    if cancelled():
        raise Cancelled()
    progress(0.85, "Grouping claims")
    by_id = {p.article.id: p for p in prepared}

    def score(x: SentenceRef, y: SentenceRef) -> float:
        return _score_one(by_id, x, y, options, weights)

    for x, y in manual:
        raw[x, y] = score(x, y)
    claims = _group(articles, raw, options, score, manual, corrections.unlinks)

    progress(0.9, "Comparing words")
    texts = {a.id: [s.text for s in a.sentences] for a in articles}
    links = tuple(
        make_link(
            a, b, texts[a.article][a.sentence], texts[b.article][b.sentence], s, (a, b) in manual
        )
        for (a, b), s in sorted(raw.items(), key=lambda kv: _link_key(position, kv[0]))
    )
    if cancelled():
        raise Cancelled()
    progress(0.95, "Analysing framing")
    comparison = Comparison(
        articles=tuple(articles),
        links=links,
        claims=claims,
        options=options,
        corrections=corrections,
    )
    # Computed here, in the caller's (worker) thread, so no view ever pays for it.
    _ = comparison.framing
    progress(1.0, "Done")
    return comparison


def _oriented(position: dict[str, int], p: Pair) -> tuple[SentenceRef, SentenceRef]:
    """The pair with the sentence of the earlier article first, as links are stored."""
    x, y = p
    return (x, y) if position[x.article] < position[y.article] else (y, x)


def _allowed(
    pa: _Prepared,
    pb: _Prepared,
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    corrections: Corrections,
    reserved: dict[SentenceRef, set[str]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The scored pairs the matcher may still link: not unlinked, not reserved by a manual link."""
    ida, idb = pa.article.id, pb.article.id
    keep = np.ones(len(rows), dtype=bool)
    for k, (r, c) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        x, y = SentenceRef(ida, r), SentenceRef(idb, c)
        keep[k] = not (
            idb in reserved.get(x, ())
            or ida in reserved.get(y, ())
            or corrections.is_unlinked(x, y)
        )
    return rows[keep], cols[keep], scores[keep]


# -- preparation --------------------------------------------------------------------------------


def _prepare(articles: Sequence[Article], options: AlignOptions) -> tuple[list[_Prepared], Weights]:
    # Datelines ("WASHINGTON —") say where a report was filed, not what happened: never linked.
    token_lists = [
        [[] if s.kind == "dateline" else content_tokens(s.text) for s in a.sentences]
        for a in articles
    ]
    weights = Weights(
        [t for doc in token_lists for t in doc],
        [s.text for a in articles for s in a.sentences],
    )
    prepared = []
    for article, toks in zip(articles, token_lists, strict=True):
        sets = [frozenset(t) for t in toks]
        if options.scorer == "content":
            strings = [sorted_content(t) for t in sets]
        elif options.scorer == "token_sort":
            strings = [
                sorted_words(s.text) if t else ""
                for s, t in zip(article.sentences, sets, strict=True)
            ]
        else:
            strings = [
                utils.default_process(s.text) if t else ""
                for s, t in zip(article.sentences, sets, strict=True)
            ]
        totals = np.array([weights.total(t) for t in sets], dtype=np.float64)
        prepared.append(_Prepared(article, strings, sets, totals))
    return prepared, weights


def _weighted_matrix(
    tokens: list[frozenset[str]], vocab: dict[str, int], weights: Weights
) -> sparse.csr_matrix:
    """Sentences × vocabulary, each cell the square root of the word's weight.

    With square roots, the product of two rows is the summed weight of the shared words.
    """
    indptr, indices, data = [0], [], []
    for toks in tokens:
        for t in toks:
            indices.append(vocab[t])
            data.append(weights[t] ** 0.5)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
        shape=(len(tokens), len(vocab)),
    )


# -- scoring ------------------------------------------------------------------------------------


def _scorer(options: AlignOptions) -> Any:
    return fuzz.token_set_ratio if options.scorer == "token_set" else fuzz.ratio


def _pair_scores(
    pa: _Prepared, pb: _Prepared, options: AlignOptions, weights: Weights
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every sentence pair of two articles scoring at least the threshold: rows, cols, scores."""
    n, m = len(pa.strings), len(pb.strings)
    if n == 0 or m == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    t = options.threshold
    assert pa.matrix is not None and pb.matrix is not None
    if n * m <= DENSE_LIMIT:
        if options.scorer == "content":
            # 0.5·ratio + 50·dice ≥ t needs ratio ≥ 2t − 100: pairs below are dropped exactly.
            ratio = process.cdist(
                pa.strings, pb.strings, scorer=fuzz.ratio, dtype=np.float32, workers=-1,
                score_cutoff=max(0.0, 2 * t - 100),
            )  # fmt: skip
            shared = (pa.matrix @ pb.matrix.T).toarray()
            dice = _dice(shared, pa.totals[:, None], pb.totals[None, :])
            scores = 0.5 * ratio + 50.0 * dice
        else:
            scores = process.cdist(
                pa.strings, pb.strings, scorer=_scorer(options), dtype=np.float32, workers=-1,
                score_cutoff=t,
            )  # fmt: skip
        # rapidfuzz scores two empty strings 100; a sentence with no content word links nothing.
        scores[[not x for x in pa.strings], :] = 0
        scores[:, [not x for x in pb.strings]] = 0
        rows, cols = np.nonzero(scores >= max(t, 1e-9))
        return rows, cols, scores[rows, cols].astype(np.float64)
    return _candidate_scores(pa, pb, options, weights)


def _dice(shared: np.ndarray, total_a: np.ndarray, total_b: np.ndarray) -> np.ndarray:
    denom = total_a + total_b
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, 2.0 * shared / denom, 0.0)
    return np.asarray(out)


def _candidate_scores(
    pa: _Prepared, pb: _Prepared, options: AlignOptions, weights: Weights
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Large article pairs: score only the pairs that share a rare content word."""
    assert pa.matrix is not None and pb.matrix is not None
    limit = max(50, int(RARE_FRACTION * weights.n))
    common = np.array([weights.df[t] > limit for t in weights.df], dtype=bool)
    keep = sparse.diags((~common).astype(np.float64))
    candidates = ((pa.matrix @ keep) @ (pb.matrix @ keep).T).tocoo()
    rows, cols = candidates.row.astype(np.int64), candidates.col.astype(np.int64)
    log.debug("candidate mode: %d of %d pairs", len(rows), len(pa.strings) * len(pb.strings))
    t = options.threshold
    shared = np.asarray(pa.matrix[rows].multiply(pb.matrix[cols]).sum(axis=1)).ravel()
    dice = _dice(shared, pa.totals[rows], pb.totals[cols])
    if options.scorer == "content":
        # Pairs whose overlap alone cannot reach the threshold are dropped before the ratio.
        hopeful = 50.0 + 50.0 * dice >= t
        rows, cols, dice = rows[hopeful], cols[hopeful], dice[hopeful]
    scorer = _scorer(options)
    ratio = np.fromiter(
        (scorer(pa.strings[r], pb.strings[c]) for r, c in zip(rows, cols, strict=True)),
        dtype=np.float64,
        count=len(rows),
    )
    scores = 0.5 * ratio + 50.0 * dice if options.scorer == "content" else ratio
    ok = scores >= t
    return rows[ok], cols[ok], scores[ok]


def _score_one(
    by_id: dict[str, _Prepared],
    x: SentenceRef,
    y: SentenceRef,
    options: AlignOptions,
    weights: Weights,
) -> float:
    """The score of one pair, exactly as `_pair_scores` would give it."""
    px, py = by_id[x.article], by_id[y.article]
    sx, sy = px.strings[x.sentence], py.strings[y.sentence]
    if not sx or not sy:
        return 0.0
    if options.scorer != "content":
        return float(_scorer(options)(sx, sy))
    tx, ty = px.tokens[x.sentence], py.tokens[y.sentence]
    dice = weights.dice(tx, ty, px.totals[x.sentence], py.totals[y.sentence])
    return 0.5 * fuzz.ratio(sx, sy) + 50.0 * dice


# -- matching -----------------------------------------------------------------------------------


def _match(
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    n: int,
    m: int,
    alike: Callable[[int, int], float] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one links maximising the summed score, solved per connected component.

    Components of the above-threshold graph are small in practice (a sentence has a handful of
    plausible counterparts), so the optimal assignment stays cheap even for 10,000 sentences.
    Ties (a sentence repeated in an article, two that normalise alike) are broken by
    `_tie_break` with `alike(row, col)`, a 0–100 similarity of the pair's raw texts, and never
    by which of the two articles happens to come first.
    """
    if len(rows) == 0:
        return []
    from scipy.sparse.csgraph import connected_components  # 0.05–0.1 s: only when linking

    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, n + cols)), shape=(n + m, n + m))
    _, labels = connected_components(graph, directed=False)
    comp = labels[rows]
    order = np.argsort(comp, kind="stable")
    rows, cols, scores, comp = rows[order], cols[order], scores[order], comp[order]
    bounds = np.flatnonzero(np.diff(comp)) + 1
    out: list[tuple[int, int, float]] = []
    for r, c, s in zip(
        np.split(rows, bounds), np.split(cols, bounds), np.split(scores, bounds), strict=True
    ):
        if len(r) == 1:
            out.append((int(r[0]), int(c[0]), float(s[0])))
            continue
        ur, ri = np.unique(r, return_inverse=True)
        uc, ci = np.unique(c, return_inverse=True)
        tied = _tie_break(r, c, s, n, m, min(len(ur), len(uc)), alike)
        if len(ur) * len(uc) > ASSIGNMENT_LIMIT:
            out.extend(_greedy(r, c, s, tied))
            continue
        # Non-edges get a large negative weight so the solver never picks them if it can help it.
        weight = np.full((len(ur), len(uc)), -1e6)
        weight[ri, ci] = tied
        score = np.zeros((len(ur), len(uc)))
        score[ri, ci] = s
        # scipy.optimize imports all its solvers (0.2 s): only when a component needs one.
        from scipy.optimize import linear_sum_assignment

        a_idx, b_idx = linear_sum_assignment(weight, maximize=True)
        for i, j in zip(a_idx, b_idx, strict=True):
            if weight[i, j] > -1e6:
                out.append((int(ur[i]), int(uc[j]), float(score[i, j])))
    return out


def _tie_break(
    r: np.ndarray,
    c: np.ndarray,
    s: np.ndarray,
    n: int,
    m: int,
    pairs: int,
    alike: Callable[[int, int], float] | None,
) -> np.ndarray:
    """Scores made free of ties in a way that does not depend on which article is first.

    Normalised forms tie often ("Moscow Kyiv." and "Kyiv Moscow Kyiv." have the same content
    words), and then the assignment solver would pick by row order, so reordering the panes
    would move links. Scores are rounded to 1e-4 (float noise in a sum must not decide), then
    nudged by less than 1e-4 in total over any matching: among equally good matchings, the one
    whose texts are more alike wins, then the one whose pairs sit at closer relative positions
    in their articles, then the one with earlier sentences. Each measure is symmetric in the two
    articles.
    """
    sim = np.zeros(len(r))
    if alike is not None:
        sim = np.array([alike(i, j) for i, j in zip(r.tolist(), c.tolist(), strict=True)]) / 100
    p, q = r / max(n, 1), c / max(m, 1)
    nudge = sim + 1e-3 * ((1.0 - np.abs(p - q)) + 1e-3 * (1.0 - (p + q) / 2))
    return np.round(s, 4) + nudge * (1e-4 / 1.002 / (pairs + 1))


def _alike(a: Article, b: Article, r: int, c: int) -> float:
    """How alike two sentences' raw texts are (0–100): `_tie_break`'s first measure."""
    return float(fuzz.ratio(a.sentences[r].text, b.sentences[c].text))


def _greedy(
    r: np.ndarray, c: np.ndarray, s: np.ndarray, tied: np.ndarray
) -> list[tuple[int, int, float]]:
    used_r: set[int] = set()
    used_c: set[int] = set()
    out = []
    for k in np.argsort(-tied, kind="stable"):
        if int(r[k]) not in used_r and int(c[k]) not in used_c:
            used_r.add(int(r[k]))
            used_c.add(int(c[k]))
            out.append((int(r[k]), int(c[k]), float(s[k])))
    return out


# -- claims and links ---------------------------------------------------------------------------


def _group(
    articles: Sequence[Article],
    raw: dict[tuple[SentenceRef, SentenceRef], float],
    options: AlignOptions,
    score: Callable[[SentenceRef, SentenceRef], float],
    manual: set[tuple[SentenceRef, SentenceRef]] | None = None,
    unlinks: frozenset[Pair] = frozenset(),
) -> tuple[Claim, ...]:
    """N-way claims by merging links strongest first, never chaining weak ones.

    Two groups merge only if they share no article and every cross pair of members scores at
    least `threshold - chain_margin`: A~B and B~C make one claim with A only if A~C also scores.
    Manual links (also keys of `raw`) merge first and skip the score check; no merge ever puts
    an unlinked pair (`unlinks`, normalised pairs) in one claim.
    """
    floor = options.threshold - options.chain_margin
    manual = manual or set()
    group_of: dict[SentenceRef, list[SentenceRef]] = {}
    for a in articles:
        for s in a.sentences:
            ref = SentenceRef(a.id, s.index)
            group_of[ref] = [ref]

    def apart(u: SentenceRef, v: SentenceRef) -> bool:
        return (u, v) in unlinks or (v, u) in unlinks

    # Manual links first (in a fixed order), then the matcher's links strongest first.
    for (x, y), _ in sorted(raw.items(), key=lambda kv: (kv[0] not in manual, -kv[1], kv[0])):
        gx, gy = group_of[x], group_of[y]
        if gx is gy or {m.article for m in gx} & {m.article for m in gy}:
            continue
        if unlinks and any(apart(u, v) for u in gx for v in gy):
            continue
        if (x, y) in manual or all(
            (u, v) in raw or (v, u) in raw or score(u, v) >= floor for u in gx for v in gy
        ):
            gx.extend(gy)
            for m in gy:
                group_of[m] = gx
    position = {a.id: i for i, a in enumerate(articles)}
    unique_groups = {id(g): g for g in group_of.values()}.values()
    ordered = sorted(
        (sorted(g, key=lambda r: position[r.article]) for g in unique_groups),
        key=lambda g: (position[g[0].article], g[0].sentence),
    )
    return tuple(Claim(i + 1, tuple(g)) for i, g in enumerate(ordered))


def _link_key(
    position: dict[str, int], pair: tuple[SentenceRef, SentenceRef]
) -> tuple[int, int, int, int]:
    a, b = pair
    return position[a.article], a.sentence, position[b.article], b.sentence


def make_link(
    a: SentenceRef, b: SentenceRef, text_a: str, text_b: str, score: float, manual: bool = False
) -> Link:
    """A link with its relation, word changes and conflicts worked out from the two texts.

    `manual` marks a link the user made; everything else is worked out the same way.
    """
    conflicts: tuple = ()
    if is_identical(text_a, text_b):
        relation = IDENTICAL
    else:
        conflicts = find_conflicts(text_a, text_b)
        relation = CONFLICTING if conflicts else REWORDED
    return Link(
        a=a,
        b=b,
        score=round(float(score), 2),
        relation=relation,
        changes=word_changes(text_a, text_b),
        conflicts=conflicts,
        manual=manual,
    )

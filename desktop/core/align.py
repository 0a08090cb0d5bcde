"""Alignment: which sentences of different articles carry the same information.

candidates → scores → one-to-one links per article pair → N-way claims (DESIGN §1, §3).

Scores come from the scorer the options name (`desktop.core.scoring`: lexical, semantic or
hybrid), prepared once per comparison. Small article pairs are scored as full blocks; past
`DENSE_LIMIT` pairs, candidates come from an inverted index (a sparse product over rare content
words) and only those pairs are scored, keeping memory linear. If the chosen scorer cannot run
(its model cannot load, too many sentences to embed quickly, a language it does not read), the
comparison is scored with `content` and `Comparison.scoring` says why.

Besides the one-to-one links, pairs that share part of their information are kept as `related`
(related.py says which); they change no link and no claim.

Manual corrections (corrections.py) are applied inside those steps rather than patched onto the
result, so every invariant still holds with them: unlinked pairs are dropped before matching,
sentences with a manual link are reserved before matching, and manual links form claims first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from desktop.core.article import Article
from desktop.core.claim_numbers import number_claims
from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    Claim,
    Comparison,
    Link,
    Scoring,
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
    checked,
    never_cancelled,
    no_progress,
)
from desktop.core.related import RelatedFinder
from desktop.core.scoring import FALLBACK, Prepared, ScorerUnavailable
from desktop.core.scoring import get as get_scorer
from desktop.core.scoring.lexical import LexicalArticle

log = logging.getLogger(__name__)

DENSE_LIMIT = 4_000_000
"""Largest sentence-pair count of one article pair scored as a full matrix (16 MB float32)."""

ASSIGNMENT_LIMIT = 4_000_000
"""Largest component (rows × columns) given to the optimal assignment; beyond, greedy."""

RARE_FRACTION = 0.02
"""In candidate mode, words in more than this share of sentences do not propose candidates."""


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
    prepared, scoring_used = _prepare(articles, options, progress, cancelled)
    threshold = scoring_used.threshold
    related_pairs = RelatedFinder.of(prepared, scoring_used, options)

    pairs = [(i, j) for i in range(len(articles)) for j in range(i + 1, len(articles))]
    raw: dict[tuple[SentenceRef, SentenceRef], float] = {}
    near: dict[tuple[SentenceRef, SentenceRef], float] = {}
    for k, (i, j) in enumerate(pairs):
        if cancelled():
            raise Cancelled()
        pa, pb = prepared.lexical[i], prepared.lexical[j]
        rows, cols, scores = _pair_scores(prepared, i, j, related_pairs.floor, cancelled)
        if corrections.unlinks or reserved:
            rows, cols, scores = _allowed(pa, pb, rows, cols, scores, corrections, reserved)
        strong = scores >= threshold
        alike = partial(_alike, pa.article, pb.article)
        matched = _match(rows[strong], cols[strong], scores[strong], len(pa.strings),
                         len(pb.strings), alike)  # fmt: skip
        for r, c, s in matched:
            raw[SentenceRef(pa.article.id, r), SentenceRef(pb.article.id, c)] = s
        related_pairs.add(i, j, rows, cols, scores, {(r, c) for r, c, _ in matched})
        progress(
            0.4 + 0.4 * (k + 1) / len(pairs), f"Aligned {pa.article.label} with {pb.article.label}"
        )

    for (i, j), found in related_pairs.pairs().items():
        ida, idb = articles[i].id, articles[j].id
        for r, c, s in found:
            near[SentenceRef(ida, r), SentenceRef(idb, c)] = s
    if cancelled():
        raise Cancelled()
    progress(0.85, "Grouping claims")
    index = {a.id: k for k, a in enumerate(articles)}

    def score(x: SentenceRef, y: SentenceRef) -> float:
        return prepared.one(index[x.article], x.sentence, index[y.article], y.sentence)

    for x, y in manual:
        raw[x, y] = score(x, y)
        near.pop((x, y), None)
    claims = number_claims(
        _group(articles, raw, threshold - options.chain_margin, score, manual, corrections.unlinks),
        articles,
    )

    progress(0.9, "Comparing words")
    texts = {a.id: [s.text for s in a.sentences] for a in articles}

    def links_of(found: dict[tuple[SentenceRef, SentenceRef], float]) -> tuple[Link, ...]:
        return tuple(
            make_link(
                a, b, texts[a.article][a.sentence], texts[b.article][b.sentence], s,
                (a, b) in manual,
            )
            for (a, b), s in checked(
                sorted(found.items(), key=lambda kv: _link_key(position, kv[0])), cancelled
            )
        )  # fmt: skip

    links = links_of(raw)
    related = links_of(near)
    if cancelled():
        raise Cancelled()
    progress(0.95, "Analysing framing")
    comparison = Comparison(
        articles=tuple(articles),
        links=links,
        claims=claims,
        options=options,
        corrections=corrections,
        related=related,
        scoring=scoring_used,
    )
    # Computed here, in the caller's (worker) thread, so no view ever pays for it.
    comparison.compute_framing(cancelled)
    progress(1.0, "Done")
    return comparison


def _oriented(position: dict[str, int], p: Pair) -> tuple[SentenceRef, SentenceRef]:
    """The pair with the sentence of the earlier article first, as links are stored."""
    x, y = p
    return (x, y) if position[x.article] < position[y.article] else (y, x)


def _allowed(
    pa: LexicalArticle,
    pb: LexicalArticle,
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


def _prepare(
    articles: Sequence[Article],
    options: AlignOptions,
    progress: ProgressCallback,
    cancelled: CancelledCallback,
) -> tuple[Prepared, Scoring]:
    """The options' scorer prepared over `articles`, or `content` if it cannot run."""
    scorer = get_scorer(options.scorer)

    def within(fraction: float, message: str) -> None:
        progress(0.4 * fraction, message)

    try:
        prepared = scorer.prepare(articles, within, cancelled, options.embed_limit)
        return prepared, Scoring(scorer.name, options.threshold, scorer.model)
    except ScorerUnavailable as exc:
        fallback = get_scorer(FALLBACK)
        # Keep the user's strictness: as far from content's default as from the scorer's own.
        shift = options.threshold - scorer.default_threshold
        threshold = min(100.0, max(0.0, fallback.default_threshold + shift))
        reason = f"Scored with {fallback.name}: {exc}."
        log.info("%s", reason)
        return fallback.prepare(articles), Scoring(fallback.name, threshold, "", reason)


# -- scoring ------------------------------------------------------------------------------------


def _pair_scores(
    prepared: Prepared,
    i: int,
    j: int,
    cutoff: float,
    cancelled: CancelledCallback = never_cancelled,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every sentence pair of articles `i` and `j` scoring at least `cutoff`: rows, cols, scores."""
    pa, pb = prepared.lexical[i], prepared.lexical[j]
    n, m = len(pa.strings), len(pb.strings)
    if n == 0 or m == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    if n * m <= DENSE_LIMIT:
        scores = prepared.block(i, j, cutoff)
        rows, cols = np.nonzero(scores >= max(cutoff, 1e-9))
        return rows, cols, scores[rows, cols].astype(np.float64)
    return _candidate_scores(prepared, i, j, cutoff, cancelled)


def _candidate_scores(
    prepared: Prepared,
    i: int,
    j: int,
    cutoff: float,
    cancelled: CancelledCallback = never_cancelled,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Large article pairs: score only the pairs that share a rare content word."""
    pa, pb, weights = prepared.lexical[i], prepared.lexical[j], prepared.weights
    limit = max(50, int(RARE_FRACTION * weights.n))
    common = np.array([weights.df[t] > limit for t in weights.df], dtype=bool)
    common |= _over_budget(pa.matrix, pb.matrix, common)
    keep = sparse.diags((~common).astype(np.float64))
    candidates = ((pa.matrix @ keep) @ (pb.matrix @ keep).T).tocoo()
    rows, cols = candidates.row.astype(np.int64), candidates.col.astype(np.int64)
    log.debug("candidate mode: %d of %d pairs", len(rows), len(pa.strings) * len(pb.strings))
    if cancelled():
        raise Cancelled()
    scores = _pairs_in_batches(prepared, i, j, rows, cols, cutoff, cancelled)
    ok = scores >= max(cutoff, 1e-9)
    return rows[ok], cols[ok], scores[ok]


PAIR_BATCH = 65_536
"""Candidate pairs scored between two checks of `cancelled` (a few tenths of a second)."""


def _pairs_in_batches(
    prepared: Prepared,
    i: int,
    j: int,
    rows: np.ndarray,
    cols: np.ndarray,
    cutoff: float,
    cancelled: CancelledCallback,
) -> np.ndarray:
    """`prepared.pairs` over the candidates, in batches so Cancel is heard within a second."""
    parts = []
    for start in range(0, len(rows), PAIR_BATCH):
        if cancelled():
            raise Cancelled()
        stop = start + PAIR_BATCH
        parts.append(prepared.pairs(i, j, rows[start:stop], cols[start:stop], cutoff))
    return np.concatenate(parts) if parts else np.zeros(0)


CANDIDATE_BUDGET = 40
"""Candidate mode scores at most about this many pairs per sentence of the two articles."""


def _over_budget(a: sparse.csr_matrix, b: sparse.csr_matrix, common: np.ndarray) -> np.ndarray:
    """Words to leave out of candidate search so that it proposes at most `CANDIDATE_BUDGET`
    pairs per sentence: the ones proposing the most pairs go first.

    A word in `da` sentences of one article and `db` of the other proposes `da·db` pairs. In
    news that is small for every word under `RARE_FRACTION`, and nothing is left out; texts of
    short sentences over a small vocabulary (two 850 KB files of 50,000 three-word sentences)
    made 670 million pairs and 13 GB before this cap. The count is exact before the product,
    so memory and time stay linear in the sentences.
    """
    proposed = np.asarray((a != 0).sum(axis=0)).ravel() * np.asarray((b != 0).sum(axis=0)).ravel()
    proposed = np.where(common, 0, proposed).astype(np.float64)
    budget = CANDIDATE_BUDGET * (a.shape[0] + b.shape[0])
    drop = np.zeros(len(proposed), dtype=bool)
    if proposed.sum() <= budget:
        return drop
    order = np.argsort(-proposed, kind="stable")
    left = proposed.sum() - np.cumsum(proposed[order])
    cut = int(np.searchsorted(-left, -budget))  # the first position where what is left fits
    drop[order[: cut + 1]] = True
    log.info(
        "candidate mode: %d repetitive words left out of candidate search (%.0f pairs proposed, "
        "budget %d)", cut + 1, proposed.sum(), budget,
    )  # fmt: skip
    return drop


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
    floor: float,
    score: Callable[[SentenceRef, SentenceRef], float],
    manual: set[tuple[SentenceRef, SentenceRef]] | None = None,
    unlinks: frozenset[Pair] = frozenset(),
) -> tuple[Claim, ...]:
    """N-way claims by merging links strongest first, never chaining weak ones.

    Two groups merge only if they share no article and every cross pair of members scores at
    least `floor` (threshold - chain_margin): A~B and B~C make one claim with A only if A~C
    also scores.
    Manual links (also keys of `raw`) merge first and skip the score check; no merge ever puts
    an unlinked pair (`unlinks`, normalised pairs) in one claim.
    """
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

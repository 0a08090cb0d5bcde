"""Alignment: which sentences of different articles carry the same information.

candidates → scores → one-to-one links per article pair → N-way claims (DESIGN §1, §3).

Scores come from the scorer the options name (`desktop.core.scoring`: lexical, semantic or
hybrid), prepared once per comparison. Small comparisons are scored in full, article pair by
article pair; larger ones through one candidate index over every sentence of every article
(desktop/core/candidates.py), which proposes a capped number of pairs per sentence, so memory
stays linear. The one-to-one matching per article pair is exact (desktop/core/matching.py).
If the chosen scorer cannot run
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
from dataclasses import replace
from functools import partial
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz

from desktop.core import candidates
from desktop.core.article import Article
from desktop.core.candidates import score_pairs
from desktop.core.claim_numbers import number_claims
from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    Claim,
    Comparison,
    Conflict,
    Link,
    Scoring,
    SentenceRef,
)
from desktop.core.corrections import Corrections, Pair
from desktop.core.diff import Opcode, is_identical, word_changes
from desktop.core.errors import Cancelled, InputError
from desktop.core.framing import claim_conflicts, find_conflicts
from desktop.core.matching import match
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

DENSE_TOTAL = candidates.DENSE_TOTAL
"""Comparisons with at most this many cross-article sentence pairs are scored in full; larger
ones through one candidate index over all their sentences (desktop/core/candidates.py)."""

DENSE_LIMIT = candidates.DENSE_LIMIT
"""Largest article pair scored in full (16 MB float32): beyond, the candidate index."""


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

    def scoring_progress(fraction: float, message: str) -> None:
        progress(0.4 + 0.3 * fraction, message)

    scored = score_pairs(
        prepared, pairs, related_pairs.floor, cancelled, scoring_progress, DENSE_TOTAL, DENSE_LIMIT
    )
    raw: dict[tuple[SentenceRef, SentenceRef], float] = {}
    near: dict[tuple[SentenceRef, SentenceRef], float] = {}
    for k, (i, j) in enumerate(pairs):
        if cancelled():
            raise Cancelled()
        pa, pb = prepared.lexical[i], prepared.lexical[j]
        rows, cols, scores = scored.pop((i, j))
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
            0.7 + 0.1 * (k + 1) / len(pairs), f"Aligned {pa.article.label} with {pb.article.label}"
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
    grouped = _group(
        articles, raw, threshold - options.chain_margin, score, manual, corrections.unlinks
    )
    if cancelled():  # grouping and numbering 100,000 sentences take half a second each
        raise Cancelled()
    claims = number_claims(grouped, articles)
    if cancelled():
        raise Cancelled()

    progress(0.9, "Comparing words")
    texts = {a.id: [s.text for s in a.sentences] for a in articles}
    memo: dict[tuple[str, str], Worked] = {}

    def links_of(found: dict[tuple[SentenceRef, SentenceRef], float]) -> tuple[Link, ...]:
        return tuple(
            make_link(
                a, b, texts[a.article][a.sentence], texts[b.article][b.sentence], s,
                (a, b) in manual, memo,
            )
            for (a, b), s in checked(
                sorted(found.items(), key=lambda kv: _link_key(position, kv[0])), cancelled
            )
        )  # fmt: skip

    links = links_of(raw)
    related = links_of(near)
    claims = _with_member_conflicts(claims, links, texts)
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
        done = fallback.from_lexical(*exc.lexical) if exc.lexical is not None else None
        prepared = done if done is not None else fallback.prepare(articles)
        return prepared, Scoring(fallback.name, threshold, "", reason)


# -- matching -----------------------------------------------------------------------------------

_match = match
"""The one-to-one matching of one article pair (desktop/core/matching.py)."""


def _alike(a: Article, b: Article, r: int, c: int) -> float:
    """How alike two sentences' raw texts are (0–100): `matching.tie_break`'s first measure."""
    return float(fuzz.ratio(a.sentences[r].text, b.sentences[c].text))


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
    position = {a.id: i for i, a in enumerate(articles)}
    # Sentences by number, so the checks below compare ints, not SentenceRefs (whose hashing
    # made this a tenth of aligning 100 articles).
    refs = [SentenceRef(a.id, s.index) for a in articles for s in a.sentences]
    number = {r: k for k, r in enumerate(refs)}
    members = [[k] for k in range(len(refs))]
    owner = list(range(len(refs)))
    outlets = [{position[r.article]} for r in refs]
    linked = {(number[x], number[y]) for x, y in raw}
    linked |= {(v, u) for u, v in linked}

    def apart(u: SentenceRef, v: SentenceRef) -> bool:
        return (u, v) in unlinks or (v, u) in unlinks

    # Manual links first (in a fixed order), then the matcher's links strongest first.
    for (x, y), _ in sorted(raw.items(), key=lambda kv: (kv[0] not in manual, -kv[1], kv[0])):
        a, b = owner[number[x]], owner[number[y]]
        if a == b or outlets[a] & outlets[b]:
            continue
        ga, gb = members[a], members[b]
        if unlinks and any(apart(refs[u], refs[v]) for u in ga for v in gb):
            continue
        if (x, y) in manual or all(
            (u, v) in linked or score(refs[u], refs[v]) >= floor for u in ga for v in gb
        ):
            ga.extend(gb)
            outlets[a] |= outlets[b]
            for m in gb:
                owner[m] = a
            members[b] = []
    # Sentence numbers run in article order, then sentence order: sorting numbers sorts each
    # group by article and the groups by their first sentence (as SentenceRefs: 0.5 s of
    # grouping 100,000 sentences, where a claim of one is the rule).
    ordered = sorted((g if len(g) == 1 else sorted(g) for g in members if g), key=itemgetter(0))
    ref = refs.__getitem__
    return tuple(Claim(i + 1, tuple(map(ref, g))) for i, g in enumerate(ordered))


def _with_member_conflicts(
    claims: tuple[Claim, ...], links: tuple[Link, ...], texts: dict[str, list[str]]
) -> tuple[Claim, ...]:
    """Claims of three or more members with the figure conflicts no link carries (see
    `framing.claim_conflicts`): a member repeating one side of a claim's conflict conflicts too.
    """
    within: dict[SentenceRef, list[Link]] = {}
    for link in links:
        within.setdefault(link.a, []).append(link)
    out = []
    for claim in claims:
        if len(claim.members) < 3:
            out.append(claim)
            continue
        members = set(claim.members)
        inside = [ln for m in claim.members for ln in within.get(m, []) if ln.b in members]
        text = {m: texts[m.article][m.sentence] for m in claim.members}
        found = claim_conflicts(claim.members, inside, text)
        out.append(replace(claim, conflicts=found) if found else claim)
    return tuple(out)


def _link_key(
    position: dict[str, int], pair: tuple[SentenceRef, SentenceRef]
) -> tuple[int, int, int, int]:
    a, b = pair
    return position[a.article], a.sentence, position[b.article], b.sentence


Worked = tuple[str, tuple[Opcode, ...], tuple[Conflict, ...]]
"""What a link's two texts give, whatever their score: relation, word changes, conflicts."""


def make_link(
    a: SentenceRef,
    b: SentenceRef,
    text_a: str,
    text_b: str,
    score: float,
    manual: bool = False,
    memo: dict[tuple[str, str], Worked] | None = None,
) -> Link:
    """A link with its relation, word changes and conflicts worked out from the two texts.

    `manual` marks a link the user made; everything else is worked out the same way. `memo`
    keeps what two texts gave for the next link between the same texts: outlets that run one
    wire story repeat its sentences word for word (100 articles × 50 sentences: 67,826 links
    and related pairs between 20,255 distinct pairs of texts).
    """
    worked = memo.get((text_a, text_b)) if memo is not None else None
    if worked is None:
        worked = _work_out(text_a, text_b)
        if memo is not None:
            memo[text_a, text_b] = worked
    relation, changes, conflicts = worked
    return Link(
        a=a,
        b=b,
        score=round(float(score), 2),
        relation=relation,
        changes=changes,
        conflicts=conflicts,
        manual=manual,
    )


def _work_out(text_a: str, text_b: str) -> Worked:
    conflicts: tuple[Conflict, ...] = ()
    if is_identical(text_a, text_b):
        relation = IDENTICAL
    else:
        conflicts = find_conflicts(text_a, text_b)
        relation = CONFLICTING if conflicts else REWORDED
    return relation, word_changes(text_a, text_b), conflicts

"""What every scorer needs of the words: content tokens, their weights, and a sparse index.

The lexical scorers score these forms; the semantic ones use them to leave sentences without a
content word (datelines, "He said so on Monday.") unlinked, and the aligner's candidate index
over all articles (desktop/core/candidates.py) is built from them whatever the scorer.

Everything here is NumPy only: SciPy's sparse package costs 0.1–0.2 s to import, more than a
small comparison takes, so its matrices are built only when a large input asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import utils

from desktop.core.article import Article
from desktop.core.text import Weights, content_tokens, sorted_content, sorted_words

if TYPE_CHECKING:
    from scipy import sparse

Form = Callable[[Article, int, frozenset[str]], str]
"""The string a lexical scorer compares for sentence `index` of an article ("" = never links)."""


def content_form(article: Article, index: int, tokens: frozenset[str]) -> str:
    return sorted_content(tokens)


def sorted_form(article: Article, index: int, tokens: frozenset[str]) -> str:
    return sorted_words(article.sentences[index].text) if tokens else ""


def processed_form(article: Article, index: int, tokens: frozenset[str]) -> str:
    return utils.default_process(article.sentences[index].text) if tokens else ""


@dataclass
class LexicalArticle:
    """One article's sentences in every lexical form the scorers need, computed once."""

    article: Article
    strings: list[str]
    """The scorer's form of each sentence ("" for a sentence that never links)."""
    tokens: list[frozenset[str]]
    totals: np.ndarray
    """Summed weight of each sentence's tokens."""
    indptr: np.ndarray
    """Sentence k's tokens are `indices[indptr[k]:indptr[k + 1]]` (vocabulary ids, ascending)."""
    indices: np.ndarray
    weights: np.ndarray
    """The weight of each of those tokens (aligned with `indices`)."""
    vocabulary: int
    """Size of the comparison's vocabulary (ids run from 0 to this)."""
    linkable: np.ndarray = field(init=False)
    """True for sentences that may link at all (they have a content word)."""
    _matrix: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.linkable = np.array([bool(s) for s in self.strings], dtype=bool)

    @property
    def matrix(self) -> sparse.csr_matrix:
        """Sentences × vocabulary, cells √weight: a row product is the weight of shared words
        (SciPy, built on first use)."""
        if self._matrix is None:
            from scipy import sparse

            self._matrix = sparse.csr_matrix(
                (np.sqrt(self.weights), self.indices, self.indptr),
                shape=(len(self.strings), self.vocabulary),
            )
        return self._matrix


def prepare(articles: Sequence[Article], form: Form) -> tuple[list[LexicalArticle], Weights]:
    """Every article's lexical forms and the comparison-wide word weights."""
    # Datelines ("WASHINGTON —") say where a report was filed, not what happened: never linked.
    token_lists = [
        [[] if s.kind == "dateline" else content_tokens(s.text, a.language) for s in a.sentences]
        for a in articles
    ]
    weights = Weights(
        [t for doc in token_lists for t in doc],
        [s.text for a in articles for s in a.sentences],
        [a.language for a in articles for _ in a.sentences],
    )
    vocab = {t: i for i, t in enumerate(weights.df)}
    idf = np.array([weights[t] for t in weights.df], dtype=np.float64)
    out = []
    for article, toks in zip(articles, token_lists, strict=True):
        sets = [frozenset(t) for t in toks]
        strings = [form(article, i, t) for i, t in enumerate(sets)]
        indptr, indices = _rows(sets, vocab)
        values = idf[indices]
        owner = np.repeat(np.arange(len(sets)), np.diff(indptr))
        totals = np.bincount(owner, weights=values, minlength=len(sets)).astype(np.float64)
        out.append(
            LexicalArticle(article, strings, sets, totals, indptr, indices, values, len(vocab))
        )
    return out, weights


def _rows(tokens: list[frozenset[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """CSR row pointers and (ascending) vocabulary ids of each sentence's tokens."""
    ids = [sorted(vocab[t] for t in toks) for toks in tokens]
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in ids], out=indptr[1:])
    flat = [i for r in ids for i in r]
    return indptr, np.array(flat, dtype=np.int64)


@dataclass
class Flat:
    """Every sentence of a comparison in one numbering, article after article: what the
    candidate index and the scorers' `Prepared.scores_of` read."""

    offsets: np.ndarray
    """Article k's sentences are numbers offsets[k] to offsets[k + 1] - 1."""
    article: np.ndarray
    strings: list[str]
    totals: np.ndarray
    linkable: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    vocabulary: int

    @property
    def csr(self) -> Csr:
        return self.indptr, self.indices, self.weights


def flatten(lex: Sequence[LexicalArticle]) -> Flat:
    offsets = np.cumsum([0] + [len(p.strings) for p in lex]).astype(np.int64)
    starts = np.cumsum([0] + [len(p.indices) for p in lex])
    pointers = [p.indptr[:-1] + s for p, s in zip(lex, starts, strict=False)]
    return Flat(
        offsets=offsets,
        article=np.repeat(np.arange(len(lex)), np.diff(offsets)),
        strings=[s for p in lex for s in p.strings],
        totals=np.concatenate([p.totals for p in lex] + [np.zeros(0)]),
        linkable=np.concatenate([p.linkable for p in lex] + [np.zeros(0, dtype=bool)]),
        indptr=np.concatenate([*pointers, np.array([starts[-1]])]).astype(np.int64),
        indices=np.concatenate([p.indices for p in lex] + [np.zeros(0, dtype=np.int64)]),
        weights=np.concatenate([p.weights for p in lex] + [np.zeros(0)]),
        vocabulary=max([p.vocabulary for p in lex] + [1]),
    )


def dice(shared: np.ndarray, total_a: np.ndarray, total_b: np.ndarray) -> np.ndarray:
    """Weighted Dice overlap (0–1) from the shared weight and each side's total."""
    denom = total_a + total_b
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, 2.0 * shared / denom, 0.0)
    return np.asarray(out)


SMALL_BLOCK = 250_000
"""Blocks up to this many sentence pairs get their shared weights without SciPy."""


def shared_block(pa: LexicalArticle, pb: LexicalArticle) -> np.ndarray:
    """Summed weight of the words each sentence of `pa` shares with each of `pb` (n × m).

    Each word both articles use adds its weight to every pair of a sentence of `pa` and one of
    `pb` that contain it: a sparse product written with NumPy's indexing, so small blocks need
    neither SciPy nor BLAS (whose threads, woken for each of many tiny products, fought
    rapidfuzz's for the cores: 20 articles' 190 blocks took 4× longer).
    """
    n, m = len(pa.strings), len(pb.strings)
    if n * m > SMALL_BLOCK:
        return np.asarray((pa.matrix @ pb.matrix.T).toarray())
    rows_a, words_a, weights_a = _by_word(pa)
    rows_b, words_b, _ = _by_word(pb)
    common, at_a, at_b = np.intersect1d(words_a, words_b, return_indices=True)
    if len(common) == 0:
        return np.zeros((n, m))
    # words_x are sorted with repeats; at_x is each common word's first position.
    count_a = np.searchsorted(words_a, common, side="right") - at_a
    count_b = np.searchsorted(words_b, common, side="right") - at_b
    sizes = count_a * count_b
    word = np.repeat(np.arange(len(common)), sizes)
    local = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    ia = at_a[word] + local // count_b[word]
    ib = at_b[word] + local % count_b[word]
    cells = rows_a[ia] * m + rows_b[ib]
    return np.bincount(cells, weights=weights_a[ia], minlength=n * m).reshape(n, m)


def _by_word(p: LexicalArticle) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sentence, word, weight) of every token of `p`, sorted by word."""
    rows = np.repeat(np.arange(len(p.strings)), np.diff(p.indptr))
    order = np.argsort(p.indices, kind="stable")
    return rows[order], p.indices[order], p.weights[order]


def shared_weight(
    pa: LexicalArticle, pb: LexicalArticle, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """Summed weight of the words each given pair (sentence rows[k] of `pa`, cols[k] of `pb`)
    shares, by joining their sorted token ids (NumPy only, linear in the pairs' words)."""
    if len(rows) == 0:
        return np.zeros(0)
    return pair_overlap(
        (pa.indptr, pa.indices, pa.weights), (pb.indptr, pb.indices, pb.weights), rows, cols
    )


Csr = tuple[np.ndarray, np.ndarray, np.ndarray]
"""(indptr, indices, weights) of sentences' tokens, as `LexicalArticle` keeps them."""


def pair_overlap(a: Csr, b: Csr, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """For each k, the summed weight of tokens row rows[k] of `a` and row cols[k] of `b` share.

    Each pair's tokens are keyed (pair, token); a key found on both sides is a shared word.
    The keys of `a`'s side are unique and sorted, so one `searchsorted` finds them all.
    """
    ia, xa, wa = a
    ib, xb, _ = b
    vocab = int(max(xa.max(initial=0), xb.max(initial=0))) + 1
    ka, pos_a = _expand(ia, xa, rows, vocab)
    kb, _ = _expand(ib, xb, cols, vocab)
    if len(ka) == 0 or len(kb) == 0:
        return np.zeros(len(rows))
    where = np.searchsorted(ka, kb)
    where = np.minimum(where, len(ka) - 1)
    hit = ka[where] == kb
    pair = kb[hit] // vocab
    return np.bincount(pair, weights=wa[pos_a[where[hit]]], minlength=len(rows))


def _expand(
    indptr: np.ndarray, indices: np.ndarray, which: np.ndarray, vocab: int
) -> tuple[np.ndarray, np.ndarray]:
    """Keys pair·vocab + token of the tokens of rows `which` (ascending), and each key's
    position in `indices`."""
    starts, lengths = indptr[which], indptr[which + 1] - indptr[which]
    total = int(lengths.sum())
    pair = np.repeat(np.arange(len(which), dtype=np.int64), lengths)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    pos = np.repeat(starts, lengths) + (np.arange(total, dtype=np.int64) - first)
    return pair * vocab + indices[pos], pos

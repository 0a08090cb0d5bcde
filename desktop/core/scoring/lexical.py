"""What every scorer needs of the words: content tokens, their weights, and a sparse index.

The lexical scorers score these forms; the semantic ones use them to leave sentences without a
content word (datelines, "He said so on Monday.") unlinked, and the aligner's candidate index
over rare words (align._candidate_scores) is built from them whatever the scorer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import utils
from scipy import sparse

from desktop.core.article import Article
from desktop.core.text import Weights, content_tokens, sorted_content, sorted_words

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
    matrix: sparse.csr_matrix
    """Sentences × vocabulary, cells √weight: a row product is the weight of shared words."""

    @property
    def linkable(self) -> np.ndarray:
        """True for sentences that may link at all (they have a content word)."""
        return np.array([bool(s) for s in self.strings], dtype=bool)


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
    out = []
    for article, toks in zip(articles, token_lists, strict=True):
        sets = [frozenset(t) for t in toks]
        strings = [form(article, i, t) for i, t in enumerate(sets)]
        totals = np.array([weights.total(t) for t in sets], dtype=np.float64)
        out.append(
            LexicalArticle(article, strings, sets, totals, weighted_matrix(sets, vocab, weights))
        )
    return out, weights


def weighted_matrix(
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


def dice(shared: np.ndarray, total_a: np.ndarray, total_b: np.ndarray) -> np.ndarray:
    """Weighted Dice overlap (0–1) from the shared weight and each side's total."""
    denom = total_a + total_b
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, 2.0 * shared / denom, 0.0)
    return np.asarray(out)


def shared_weight(
    pa: LexicalArticle, pb: LexicalArticle, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """Summed weight of the words each given pair shares."""
    if len(rows) == 0:
        return np.zeros(0)
    return np.asarray(pa.matrix[rows].multiply(pb.matrix[cols]).sum(axis=1)).ravel()

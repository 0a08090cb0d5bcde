"""The `token_set` scorer: shared words weighed against the rest (rapidfuzz token_set_ratio)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from desktop.core.article import Article
from desktop.core.options import CancelledCallback, ProgressCallback, never_cancelled, no_progress
from desktop.core.scoring import lexical
from desktop.core.scoring.base import Scorer
from desktop.core.scoring.token_sort import RatioPrepared


class TokenSetScorer(Scorer):
    name = "token_set"
    description = "shared words weighted against the rest (rapidfuzz token_set_ratio)"
    default_threshold = 70.0
    order = 50

    def prepare(
        self,
        articles: Sequence[Article],
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
        embed_limit: int = 0,
    ) -> RatioPrepared:
        return RatioPrepared(
            fuzz.token_set_ratio, *lexical.prepare(articles, lexical.processed_form)
        )


SCORER = TokenSetScorer()

"""Files in, `Comparison` out: the one call the command line and the GUI worker both make."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.align import align
from desktop.core.comparison import Comparison
from desktop.core.loading import load_articles
from desktop.core.options import (
    AlignOptions,
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)


def compare_paths(
    paths: Sequence[str | Path],
    options: AlignOptions | None = None,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
) -> Comparison:
    """Load every file (ids a1, a2, … in order) and align them; loading is the first 30%."""

    def load_progress(fraction: float, message: str) -> None:
        progress(0.3 * fraction, message)

    def align_progress(fraction: float, message: str) -> None:
        progress(0.3 + 0.7 * fraction, message)

    articles = load_articles(paths, progress=load_progress, cancelled=cancelled)
    return align(articles, options, progress=align_progress, cancelled=cancelled)

"""Synchronised scrolling: the other panes follow so counterparts sit level with each other."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.comparison import Comparison, SentenceRef
from desktop.gui.widgets.pane import ArticlePane


def align_to(comparison: Comparison, source: ArticlePane, panes: Sequence[ArticlePane]) -> None:
    """Scroll `panes` (but `source`) so the counterparts of the sentences near the top third
    of `source` sit level with them."""
    view = source.view
    anchor = view.index_at_y(view.viewport().height() / 3)
    if anchor is None:
        return
    count = view.sentence_count()
    for pane in panes:
        if pane is source or pane.view.article() is None:
            continue  # a pane whose text is still to come has nothing to align
        # The nearest sentence to the anchor that has a counterpart in this pane.
        for distance in range(count):
            hit = None
            for index in (anchor + distance, anchor - distance):
                if 0 <= index < count:
                    other = comparison.counterpart(
                        SentenceRef(source.article_id, index), pane.article_id
                    )
                    if other is not None:
                        hit = (index, other)
                        break
            if hit is not None:
                index, other = hit
                pane.view.scroll_to_y(other.sentence, view.viewport_extent(index)[0])
                break

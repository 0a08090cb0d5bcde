"""The row of article panes in a splitter whose handles are the link maps: which panes are
shown, which outlet is the base, and filling and restyling the panes when a comparison comes.

`PaneRow` is the part of the pane strip that lays panes out; `PaneStrip` (pane_strip.py) adds
what the user does across them (selection, marks, scrolling). Panes are reused by article id
when a new `Comparison` arrives, so a threshold change only re-tints them, a few panes per
event-loop turn, the visible ones first.
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QSplitterHandle, QWidget

from desktop.core.article import Article
from desktop.core.comparison import Comparison, Link
from desktop.gui.highlights import (
    PaneStyle,
    ViewData,
    links_between,
    pane_styles,
    related_between,
)
from desktop.gui.widgets.link_map import LINK_MAP_WIDTH, LinkMap
from desktop.gui.widgets.pane import PANE_MIN_WIDTH, ArticlePane

log = logging.getLogger(__name__)

RESTYLE_PER_STEP = 2
RESTYLE_INTERVAL_MS = 15


class PaneSplitter(QSplitter):
    """A horizontal splitter whose handles are `LinkMap`s."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("PaneSplitter")
        self.setHandleWidth(LINK_MAP_WIDTH)
        self.setChildrenCollapsible(False)
        self.setOpaqueResize(True)

    def createHandle(self) -> QSplitterHandle:
        return LinkMap(self)


class PaneRow(QScrollArea):
    """The horizontally scrolling row of `ArticlePane`s and `LinkMap`s.

    Signals:
        settled(): every pane shows the current comparison.
        shown_changed(): panes were hidden or shown, or the base outlet changed.
        unlink_requested(object, object): the user asked, on a link map, to unlink two
            sentences (`SentenceRef`s).
        link_requested(object, object): the user asked, on a link map's related line, to
            link two sentences (`SentenceRef`s).
        zoom_requested(int): Ctrl+wheel over a pane's text: zoom in (+1) or out (-1).
    """

    settled = Signal()
    zoom_requested = Signal(int)
    shown_changed = Signal()
    unlink_requested = Signal(object, object)
    link_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.splitter = PaneSplitter(self)
        self.setWidget(self.splitter)
        self._comparison: Comparison | None = None
        self._panes: dict[str, ArticlePane] = {}
        self._order: list[str] = []
        self._maps: list[LinkMap] = []
        self._hidden: set[str] = set()
        self._base: str | None = None
        self._current = ""
        self._pending: dict[str, tuple[Article | None, PaneStyle]] = {}
        """Panes still to fill (an `Article`) or restyle (None), popped from the end."""
        self._view: ViewData | None = None
        self._zoom = 100
        self._restyle_timer = QTimer(self)
        self._restyle_timer.setInterval(RESTYLE_INTERVAL_MS)
        self._restyle_timer.timeout.connect(self._on_restyle_step)

    # -- hooks for the strip --------------------------------------------------------------

    def _make_pane(self) -> ArticlePane:
        pane = ArticlePane(self.splitter)
        pane.view.zoom_requested.connect(self.zoom_requested)
        if self._zoom != 100:
            pane.view.set_zoom(self._zoom)
        return pane

    def set_text_zoom(self, percent: int) -> None:
        """Every pane's text (and the panes to come) at `percent` of the usual size."""
        self._zoom = percent
        for pane in self._panes.values():
            pane.view.set_zoom(percent)

    def text_zoom(self) -> int:
        return self._zoom

    def _pane_filled(self, article_id: str) -> None:
        """A pane just got its text (a selection made before may now show in it)."""

    def _refresh_selection(self) -> None:
        """Panes were hidden or shown, or the base changed: show the selection again."""

    # -- content --------------------------------------------------------------------------

    def _show(self, comparison: Comparison | None, view: ViewData | None) -> None:
        """Fill, restyle and lay out the panes for `comparison`: new panes and restyles are
        staged over the next event-loop turns, the visible ones first."""
        self._comparison = comparison
        order = [a.id for a in comparison.articles] if comparison else []
        for gone in set(self._panes) - set(order):
            pane = self._panes.pop(gone)
            pane.setParent(None)
            pane.deleteLater()
        self._hidden &= set(order)
        if self._base not in order:
            self._base = None
        for article_id in order:
            if article_id not in self._panes:
                self._panes[article_id] = self._make_pane()
        if order != self._order:
            # Only when panes come, go or move: re-adding widgets makes every pane resize
            # (and re-lay out its text) several times.
            grew = set(order) != set(self._order)
            self._order = order
            self._relayout(equalise=False)
            self._settle_geometry()
            if grew:
                self.equalise_widths()
        self._view = view
        self._pending.clear()
        if comparison is not None:
            styles = self._styles(comparison)
            visible = self.visible_ids()
            for article in comparison.articles:
                pane = self._panes[article.id]
                if pane.header_article() != article:
                    pane.set_header(article)
                style = styles[article.id]
                shown = pane.view.article()
                if shown is None:
                    # A new pane: its text is laid out on a later turn (each takes ~12 ms;
                    # 20 at once stalled the window 300 ms), the visible ones first.
                    self._pending[article.id] = (article, style)
                elif shown.sentences != article.sentences:
                    pane.set_article(article, *style)
                else:
                    pane.view.set_header_article(article)
                    self._pending[article.id] = (None, style)
            for article_id in [i for i in self._pending if i in visible]:
                self._pending[article_id] = self._pending.pop(article_id)
        if self._pending:
            self._restyle_timer.start()
        else:
            self._restyle_timer.stop()  # nothing left from an earlier comparison either
        for link_map in self._maps:
            self._update_link_map(link_map)

    def comparison(self) -> Comparison | None:
        return self._comparison

    def panes(self) -> list[ArticlePane]:
        """Every pane in order, hidden ones included."""
        return [self._panes[i] for i in self._order]

    def shown_panes(self) -> list[ArticlePane]:
        return [self._panes[i] for i in self._order if i not in self._hidden]

    def shown_ids(self) -> list[str]:
        return [i for i in self._order if i not in self._hidden]

    def pane(self, article_id: str) -> ArticlePane:
        return self._panes[article_id]

    def link_maps(self) -> list[LinkMap]:
        """The link maps between shown neighbours, left to right."""
        return list(self._maps)

    def hidden(self) -> frozenset[str]:
        return frozenset(self._hidden)

    def base(self) -> str | None:
        return self._base

    def _styles(self, comparison: Comparison) -> dict[str, PaneStyle]:
        """Tints and highlights: the worker's, unless panes are hidden or a base is chosen."""
        if self._view is not None and not self._hidden and self._base is None:
            return self._view.styles
        return pane_styles(comparison, self.shown_ids(), self._base)

    def visible_ids(self) -> set[str]:
        """Article ids of the panes at least partly inside the strip's viewport."""
        left = self.horizontalScrollBar().value()
        right = left + self.viewport().width()
        return {
            article_id
            for article_id, pane in self._panes.items()
            if not pane.isHidden() and pane.x() < right and pane.x() + pane.width() > left
        }

    def _update_link_map(self, link_map: LinkMap) -> None:
        """The links between the map's two panes: the worker's if it made them, else worked
        out here (after an edit, a move, or with panes hidden); none while a pane's text is
        still to come."""
        comparison = self._comparison
        left = link_map.left.article() if link_map.left is not None else None
        right = link_map.right.article() if link_map.right is not None else None
        links: list[Link] | None = None
        related: list[Link] = []
        if comparison is not None and left is not None and right is not None:
            if self._view is not None:
                links = self._view.neighbour_links.get((left.id, right.id))
            if links is None:
                links = links_between(comparison, left.id, right.id)
            related = related_between(comparison, left.id, right.id)
        link_map.set_comparison(comparison, links or [], related)

    def is_settled(self) -> bool:
        """True when every pane shows the current comparison (nothing left to fill or
        restyle on later turns); `settled` is emitted when that becomes so."""
        return not self._pending

    def settle_now(self) -> None:
        """Fill and restyle every pane still waiting, at once (before acting on all panes:
        find, navigation)."""
        while self._pending:
            self._on_restyle_step()

    def _on_restyle_step(self) -> None:
        """Fill or restyle a few panes per event-loop turn, then stop."""
        for _ in range(RESTYLE_PER_STEP):
            if not self._pending:
                break
            article_id, (article, (statuses, changed)) = self._pending.popitem()
            pane = self._panes.get(article_id)
            if pane is None:
                continue
            if article is None:
                pane.view.restyle(statuses, changed)
                continue
            pane.set_article(article, statuses, changed)
            self._pane_filled(article_id)
            for link_map in self._maps:
                if pane.view in (link_map.left, link_map.right):
                    self._update_link_map(link_map)
        if not self._pending:
            self._restyle_timer.stop()
            self.settled.emit()

    def _settle_geometry(self) -> None:
        """Give the panes their final size now, as the scroll area would on a later turn:
        each text is then laid out once, at its real width, instead of once at a default
        width and again after the resize (measured 135 ms of a 445 ms stall for 20 new
        panes)."""
        viewport = self.viewport().size()
        wanted = self.splitter.minimumSizeHint()
        self.splitter.resize(max(viewport.width(), wanted.width()), viewport.height())

    def _relayout(self, equalise: bool = True) -> None:
        """Put the panes in the splitter in `_order`, then show the ones not hidden."""
        for index, article_id in enumerate(self._order):
            pane = self._panes[article_id]
            if self.splitter.indexOf(pane) != index:
                self.splitter.insertWidget(index, pane)
            self.splitter.setStretchFactor(index, 1)
        self._apply_visibility(equalise)

    def _apply_visibility(self, equalise: bool = True) -> None:
        shown = self.shown_panes()
        for pane in self.panes():
            pane.setVisible(pane.article_id not in self._hidden)
        self.splitter.refresh()  # hide hidden panes' handles now, not on a later turn
        maps: list[LinkMap] = []
        previous: ArticlePane | None = None
        for pane in self.panes():
            handle = self.splitter.handle(self.splitter.indexOf(pane))
            if not isinstance(handle, LinkMap):
                continue
            if not handle.wired:
                handle.unlink_requested.connect(self.unlink_requested)
                handle.link_requested.connect(self.link_requested)
                handle.wired = True
            if pane.article_id in self._hidden:
                continue
            if previous is None:
                handle.set_views(None, None)
            else:
                handle.set_views(previous.view, pane.view)
                maps.append(handle)
            previous = pane
        self._maps = maps
        for i, pane in enumerate(self.panes()):
            pane.set_position(i, len(self._order))
        # Tab moves through the shown panes left to right.
        for first, second in itertools.pairwise(shown):
            QWidget.setTabOrder(first.view, second.view)
        if shown and self._current not in self.shown_ids():
            self._current = shown[0].article_id
        if equalise:
            self.equalise_widths()

    def equalise_widths(self) -> None:
        """Give every shown pane the same width (View ▸ Reset Layout does this too)."""
        shown = set(self.shown_ids())
        count = max(1, len(shown))
        self.splitter.setMinimumWidth(0)  # a pane made wider by hand no longer holds it open
        self._settle_geometry()
        room = self.splitter.width()
        width = max(PANE_MIN_WIDTH, (room - LINK_MAP_WIDTH * (count - 1)) // count)
        self.splitter.setSizes([width if i in shown else 0 for i in self._order])

    def set_hidden(self, article_ids: set[str] | frozenset[str]) -> None:
        """Hide these outlets' panes (never all of them); hidden outlets still count in
        claims and statuses."""
        hidden = set(article_ids) & set(self._order)
        if len(hidden) >= len(self._order):
            hidden.discard(self._order[0] if self._order else "")
        if hidden == self._hidden:
            return
        self._hidden = hidden
        self._apply_visibility(equalise=False)
        self._settle_geometry()
        self.equalise_widths()
        self._restyle_all()
        for link_map in self._maps:
            self._update_link_map(link_map)
        self._refresh_selection()
        self.shown_changed.emit()

    def set_base(self, article_id: str | None) -> None:
        """Tint and highlight every sentence against its counterpart in this outlet's pane."""
        base = article_id if article_id in self._panes else None
        if base == self._base:
            return
        self._base = base
        self._restyle_all()
        self._refresh_selection()
        self.shown_changed.emit()

    def _restyle_all(self) -> None:
        comparison = self._comparison
        if comparison is None:
            return
        styles = self._styles(comparison)
        for article_id, pane in self._panes.items():
            if pane.view.article() is not None:
                pane.view.restyle(*styles[article_id])
            elif article_id in self._pending:
                self._pending[article_id] = (self._pending[article_id][0], styles[article_id])

    def ensure_pane_visible(self, article_id: str) -> None:
        """Scroll the strip sideways so this pane is in view."""
        pane = self._panes.get(article_id)
        if pane is not None and not pane.isHidden():
            self.ensureWidgetVisible(pane, 0, 0)

"""All article panes side by side, with link maps between shown neighbours.

Owns what spans panes: the selected claim (picked by clicking or moving to a sentence, and
shown in every pane), the sentence marked for a manual link (Ctrl+click), which panes are shown
and which outlet is the base, synchronised scrolling, and moving a pane by dragging its header.
The panes sit in a splitter whose handles are the link maps, so dragging a link map resizes
its two panes. Panes are reused by article id when a new `Comparison` arrives, so a threshold
change only re-tints them. Find and claim navigation live in gui/find.py and gui/navigation.py.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QScrollArea, QSplitter, QSplitterHandle, QWidget

from desktop.core.article import Article
from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.gui.highlights import (
    PaneStyle,
    ViewData,
    changed_spans_of,
    links_between,
    pane_styles,
    partner_link,
)
from desktop.gui.tooltips import plain_html, sentence_tooltip
from desktop.gui.widgets.link_map import LINK_MAP_WIDTH, LinkMap
from desktop.gui.widgets.pane import PANE_MIN_WIDTH, ArticlePane
from desktop.gui.widgets.pane_drag import PaneDrag
from desktop.gui.widgets.scroll_sync import align_to

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


class PaneStrip(QScrollArea):
    """The horizontally scrolling row of `ArticlePane`s and `LinkMap`s.

    Signals:
        selection_changed(object): the selected sentence (a `SentenceRef`) or None.
        edit_requested(str), remove_requested(str): forwarded from a pane's menu.
        move_requested(str, int): move the article by this many places (see `MOVE_END`).
        move_to_requested(str, int): put the article at this index of the order without it
            (its header was dragged there).
        current_changed(str): the pane with keyboard focus changed (article id).
        picked_changed(object): the sentence marked for linking (a `SentenceRef`) or None.
        unlink_requested(object, object): the user asked, on a link map, to unlink two
            sentences (`SentenceRef`s).
        settled(): every pane shows the current comparison.
        shown_changed(): panes were hidden or shown, or the base outlet changed.
    """

    picked_changed = Signal(object)
    unlink_requested = Signal(object, object)
    settled = Signal()
    shown_changed = Signal()

    selection_changed = Signal(object)
    edit_requested = Signal(str)
    move_requested = Signal(str, int)
    move_to_requested = Signal(str, int)
    remove_requested = Signal(str)
    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneStrip")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.splitter = PaneSplitter(self)
        self._container = self.splitter
        self.setWidget(self.splitter)
        self.drag = PaneDrag(self)
        self.menu_extension: Callable[[QMenu, str], None] | None = None
        """Adds the outlet actions to every pane's ⋯ menu (gui/outlets.py sets it)."""
        self._comparison: Comparison | None = None
        self._panes: dict[str, ArticlePane] = {}
        self._order: list[str] = []
        self._maps: list[LinkMap] = []
        self._hidden: set[str] = set()
        self._base: str | None = None
        self._selected: SentenceRef | None = None
        self._picked: SentenceRef | None = None
        self._current = ""
        self._sync = True
        self._syncing = False
        self._pending: dict[str, tuple[Article | None, PaneStyle]] = {}
        """Panes still to fill (an `Article`) or restyle (None), popped from the end."""
        self._view: ViewData | None = None
        self._restyle_timer = QTimer(self)
        self._restyle_timer.setInterval(RESTYLE_INTERVAL_MS)
        self._restyle_timer.timeout.connect(self._on_restyle_step)

    # -- content --------------------------------------------------------------------------

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

    def set_comparison(self, comparison: Comparison | None, view: ViewData | None = None) -> None:
        """Show `comparison`, keeping the selection when its sentence still exists.

        `view` (from `highlights.view_data`, computed in the worker) saves the GUI thread
        working out tints and links. Panes are restyled over the next event-loop turns, the
        visible ones first, so one swap never blocks the window for long.
        """
        previous = self._selected
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
        picked = self._picked
        if picked is not None and (
            comparison is None
            or picked.article not in self._panes
            or picked.sentence >= len(comparison.article(picked.article).sentences)
        ):
            self.set_picked(None)
        self._selected = None
        if (
            previous is not None
            and comparison is not None
            and previous.article in self._panes
            and previous.sentence < len(comparison.article(previous.article).sentences)
        ):
            self.select(previous, scroll=False)
            return
        self.selection_changed.emit(None)

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
        if comparison is not None and left is not None and right is not None:
            if self._view is not None:
                links = self._view.neighbour_links.get((left.id, right.id))
            if links is None:
                links = links_between(comparison, left.id, right.id)
        link_map.set_comparison(comparison, links or [])

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
            if self._selected is not None and self._comparison is not None:
                # The selection was made before this pane had its text: show it here too.
                member = self._comparison.claim_of(self._selected).member_in(article_id)
                pane.view.set_selected(member.sentence if member is not None else None)
                if member is not None:
                    self._update_highlights(self._selected, {article_id: member.sentence})
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

    def _make_pane(self) -> ArticlePane:
        pane = ArticlePane(self.splitter)
        pane.sentence_activated.connect(self._on_sentence_activated)
        pane.sentence_picked.connect(self._on_sentence_picked)
        pane.edit_requested.connect(self.edit_requested)
        pane.move_requested.connect(self.move_requested)
        pane.remove_requested.connect(self.remove_requested)
        pane.focused.connect(self._on_pane_focused)
        pane.header_dragged.connect(self.drag.on_dragged)
        pane.header_dropped.connect(self.drag.on_dropped)
        pane.view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)
        pane.view.tooltip_for = lambda index, p=pane: self._tooltip(p.article_id, index)
        pane.menu_extension = self._extend_menu
        return pane

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

    # -- shown panes and base outlet ------------------------------------------------------

    def set_hidden(self, article_ids: set[str] | frozenset[str]) -> None:
        """Hide these outlets' panes (never all of them); hidden outlets still count in
        claims and statuses."""
        hidden = set(article_ids) & set(self._order)
        if len(hidden) >= len(self._order):
            hidden.discard(self._order[0] if self._order else "")
        if hidden == self._hidden:
            return
        self._hidden = hidden
        if self._picked is not None and self._picked.article in hidden:
            self.set_picked(None)
        self._apply_visibility(equalise=False)
        self._settle_geometry()
        self.equalise_widths()
        self._restyle_all()
        for link_map in self._maps:
            self._update_link_map(link_map)
        self.select(self._selected, scroll=False)
        self.shown_changed.emit()

    def set_base(self, article_id: str | None) -> None:
        """Tint and highlight every sentence against its counterpart in this outlet's pane."""
        base = article_id if article_id in self._panes else None
        if base == self._base:
            return
        self._base = base
        self._restyle_all()
        self.select(self._selected, scroll=False)
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

    # -- current pane and selection -------------------------------------------------------

    def current_pane(self) -> ArticlePane | None:
        if self._current in self._panes and self._current not in self._hidden:
            return self._panes[self._current]
        panes = self.shown_panes()
        return panes[0] if panes else None

    def set_current(self, article_id: str) -> None:
        if article_id in self._panes:
            self._panes[article_id].view.setFocus(Qt.FocusReason.OtherFocusReason)
            self._on_pane_focused(article_id)

    def selected(self) -> SentenceRef | None:
        return self._selected

    def select(self, ref: SentenceRef | None, scroll: bool = True) -> None:
        """Select `ref`'s claim in every pane; with `scroll`, bring every member into view."""
        comparison = self._comparison
        if ref is not None and (comparison is None or ref.article not in self._panes):
            return
        if ref is not None and scroll:
            self.settle_now()  # every counterpart is about to be scrolled to: texts needed
        self._selected = ref
        members: dict[str, int] = {}
        if ref is not None and comparison is not None:
            claim = comparison.claim_of(ref)
            members = {m.article: m.sentence for m in claim.members}
        for article_id, pane in self._panes.items():
            pane.view.set_selected(members.get(article_id))
        if comparison is not None:
            self._update_highlights(ref, members)
        refs = {SentenceRef(a, s) for a, s in members.items()}
        for link_map in self._maps:
            link_map.set_selected(refs, self._indirect(link_map, members))
        if ref is not None and scroll:
            self._syncing = True
            try:
                anchor = self._panes[ref.article].view
                anchor.ensure_visible(ref.sentence)
                anchor_y = anchor.viewport_extent(ref.sentence)[0]
                for article_id, index in members.items():
                    if article_id != ref.article:
                        self._panes[article_id].view.scroll_to_y(index, anchor_y)
            finally:
                self._syncing = False
        self.selection_changed.emit(ref)

    def _indirect(
        self, link_map: LinkMap, members: dict[str, int]
    ) -> list[tuple[SentenceRef, SentenceRef]]:
        """Members of the selected claim in the map's two panes with no link between them."""
        comparison = self._comparison
        left = link_map.left.article() if link_map.left is not None else None
        right = link_map.right.article() if link_map.right is not None else None
        if comparison is None or left is None or right is None:
            return []
        if left.id not in members or right.id not in members:
            return []
        a, b = SentenceRef(left.id, members[left.id]), SentenceRef(right.id, members[right.id])
        return [] if comparison.link_between(a, b) is not None else [(a, b)]

    def picked(self) -> SentenceRef | None:
        """The sentence marked (Ctrl+click) as counterpart for Link Sentences, if any."""
        return self._picked

    def set_picked(self, ref: SentenceRef | None) -> None:
        if ref is not None and ref.article not in self._panes:
            ref = None
        if ref == self._picked:
            return
        self._picked = ref
        for article_id, pane in self._panes.items():
            pane.set_picked(ref.sentence if ref is not None and ref.article == article_id else None)
        self.picked_changed.emit(ref)

    def _on_sentence_picked(self, article_id: str, index: int) -> None:
        ref = SentenceRef(article_id, index)
        self.set_picked(None if ref == self._picked else ref)

    def _update_highlights(self, anchor: SentenceRef | None, members: dict[str, int]) -> None:
        """Members of the selected claim show what differs from the anchor sentence (or, with
        a base outlet, from the base's sentence)."""
        comparison = self._comparison
        assert comparison is not None
        order = self.shown_ids()
        for article_id, index in members.items():
            ref = SentenceRef(article_id, index)
            link = partner_link(comparison, ref, order, anchor, self._base)
            spans = changed_spans_of(comparison, ref, link) if link else []
            if link is not None and link.relation == "identical":
                spans = []
            self._panes[article_id].view.set_changed(index, spans)

    def _extend_menu(self, menu: QMenu, article_id: str) -> None:
        if self.menu_extension is not None:
            self.menu_extension(menu, article_id)

    def _tooltip(self, article_id: str, index: int) -> str:
        comparison = self._comparison
        if comparison is None or article_id not in self._panes:
            return ""
        ref = SentenceRef(article_id, index)
        if index >= len(comparison.article(article_id).sentences):
            return ""
        text = sentence_tooltip(comparison, ref, self.shown_ids(), self._selected, self._base)
        return plain_html(text)

    def _on_sentence_activated(self, article_id: str, index: int) -> None:
        self._current = article_id
        self.select(SentenceRef(article_id, index))

    def _on_pane_focused(self, article_id: str) -> None:
        if article_id != self._current:
            self._current = article_id
            self.current_changed.emit(article_id)
        for pane_id, pane in self._panes.items():
            pane.set_current(pane_id == article_id)
        self.ensure_pane_visible(article_id)

    # -- synchronised scrolling -----------------------------------------------------------

    def sync_scrolling(self) -> bool:
        return self._sync

    def set_sync_scrolling(self, on: bool) -> None:
        self._sync = on

    def _on_view_scrolled(self, _value: int) -> None:
        comparison = self._comparison
        if not self._sync or self._syncing or comparison is None:
            return
        bar = self.sender()
        source = next((p for p in self.shown_panes() if p.view.verticalScrollBar() is bar), None)
        if source is None:
            return
        self._syncing = True
        try:
            align_to(comparison, source, self.shown_panes())
        finally:
            self._syncing = False

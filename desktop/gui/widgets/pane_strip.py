"""All article panes side by side, with link maps between neighbours.

Owns what spans panes: the selected claim (picked by clicking or moving to a sentence, and
shown in every pane), the sentence marked for a manual link (Ctrl+click), synchronised
scrolling, difference navigation and find. Panes are reused
by article id when a new `Comparison` arrives, so a threshold change only re-tints them.
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

from desktop.core.article import Article
from desktop.core.comparison import CONFLICTING, REWORDED, UNIQUE, Comparison, Link, SentenceRef
from desktop.gui.highlights import (
    PaneStyle,
    ViewData,
    changed_spans_of,
    links_between,
    pane_styles,
    partner_link,
)
from desktop.gui.widgets.link_map import LinkMap
from desktop.gui.widgets.pane import ArticlePane

log = logging.getLogger(__name__)

DIFFERENCES = frozenset({REWORDED, CONFLICTING, UNIQUE})
RESTYLE_PER_STEP = 2
RESTYLE_INTERVAL_MS = 15


class PaneStrip(QScrollArea):
    """The horizontally scrolling row of `ArticlePane`s and `LinkMap`s.

    Signals:
        selection_changed(object): the selected sentence (a `SentenceRef`) or None.
        edit_requested(str), move_requested(str, int), remove_requested(str): forwarded from
            a pane's menu, with the article id.
        current_changed(str): the pane with keyboard focus changed (article id).
        picked_changed(object): the sentence marked for linking (a `SentenceRef`) or None.
        unlink_requested(object, object): the user asked, on a link map, to unlink two
            sentences (`SentenceRef`s).
    """

    picked_changed = Signal(object)
    unlink_requested = Signal(object, object)
    settled = Signal()

    selection_changed = Signal(object)
    edit_requested = Signal(str)
    move_requested = Signal(str, int)
    remove_requested = Signal(str)
    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneStrip")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._container = QWidget(self)
        self._layout = QHBoxLayout(self._container)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.setWidget(self._container)
        self._comparison: Comparison | None = None
        self._panes: dict[str, ArticlePane] = {}
        self._order: list[str] = []
        self._maps: list[LinkMap] = []
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
        return [self._panes[i] for i in self._order]

    def pane(self, article_id: str) -> ArticlePane:
        return self._panes[article_id]

    def link_maps(self) -> list[LinkMap]:
        return list(self._maps)

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
        for article_id in order:
            if article_id not in self._panes:
                self._panes[article_id] = self._make_pane()
        if order != self._order:
            # Only when panes come, go or move: re-adding widgets makes every pane resize
            # (and re-lay out its text) several times.
            self._order = order
            self._relayout()
            self._settle_geometry()
        self._pending.clear()
        if comparison is not None:
            styles = view.styles if view is not None else pane_styles(comparison)
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
            # A few panes per event-loop turn, the visible ones first (`_on_restyle_step`
            # pops from the end): restyling all visible panes at once stalled the window
            # ~100 ms.
            for article_id in [i for i in self._pending if i in visible]:
                self._pending[article_id] = self._pending.pop(article_id)
        if self._pending:
            self._restyle_timer.start()
        else:
            self._restyle_timer.stop()  # nothing left from an earlier comparison either
        self._view = view
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
        out here (after an edit or a move); none while a pane's text is still to come."""
        comparison = self._comparison
        left, right = link_map.left.article(), link_map.right.article()
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
        for i in range(self._layout.count()):
            item = self._layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.testAttribute(
                Qt.WidgetAttribute.WA_WState_ExplicitShowHide
            ):
                widget.show()  # a layout shows new children only on a later turn
        self._layout.activate()
        viewport = self.viewport().size()
        wanted = self._container.minimumSizeHint()
        self._container.resize(max(viewport.width(), wanted.width()), viewport.height())
        self._layout.activate()

    def _make_pane(self) -> ArticlePane:
        pane = ArticlePane(self._container)
        pane.sentence_activated.connect(self._on_sentence_activated)
        pane.sentence_picked.connect(self._on_sentence_picked)
        pane.edit_requested.connect(self.edit_requested)
        pane.move_requested.connect(self.move_requested)
        pane.remove_requested.connect(self.remove_requested)
        pane.focused.connect(self._on_pane_focused)
        pane.view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)
        return pane

    def _relayout(self) -> None:
        while self._layout.count():
            self._layout.takeAt(0)
        for link_map in self._maps:
            link_map.setParent(None)
            link_map.deleteLater()
        self._maps = []
        panes = self.panes()
        for i, pane in enumerate(panes):
            if i:
                link_map = LinkMap(panes[i - 1].view, pane.view, self._container)
                link_map.unlink_requested.connect(self.unlink_requested)
                self._maps.append(link_map)
                self._layout.addWidget(link_map)
            self._layout.addWidget(pane, 1)
            pane.set_position(i, len(panes))
        # Tab moves through the panes left to right.
        for first, second in itertools.pairwise(panes):
            QWidget.setTabOrder(first.view, second.view)
        if panes and self._current not in self._panes:
            self._current = panes[0].article_id

    # -- current pane and selection -------------------------------------------------------

    def current_pane(self) -> ArticlePane | None:
        if self._current in self._panes:
            return self._panes[self._current]
        panes = self.panes()
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
            link_map.set_selected(refs)
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
        """Members of the selected claim show what differs from the anchor sentence."""
        comparison = self._comparison
        assert comparison is not None
        for article_id, index in members.items():
            ref = SentenceRef(article_id, index)
            link = partner_link(comparison, ref, self._order, anchor)
            spans = changed_spans_of(comparison, ref, link) if link else []
            if link is not None and link.relation == "identical":
                spans = []
            self._panes[article_id].view.set_changed(index, spans)

    def _on_sentence_activated(self, article_id: str, index: int) -> None:
        self._current = article_id
        self.select(SentenceRef(article_id, index))

    def _on_pane_focused(self, article_id: str) -> None:
        if article_id != self._current:
            self._current = article_id
            self.current_changed.emit(article_id)
        for pane_id, pane in self._panes.items():
            pane.set_current(pane_id == article_id)
        focused = self._panes.get(article_id)
        if focused is not None:
            self.ensureWidgetVisible(focused, 0, 0)

    # -- navigation -----------------------------------------------------------------------

    def next_matching(self, forward: bool, statuses: frozenset[str] | None = None) -> bool:
        """Select the next sentence of the current pane whose status is in `statuses`
        (differences: anything but shared); False when there is none in that direction."""
        self.settle_now()
        pane = self.current_pane()
        comparison = self._comparison
        if pane is None or comparison is None:
            return False
        wanted = statuses or DIFFERENCES
        all_statuses = pane.view.statuses()
        sel = self._selected
        if sel is not None and sel.article == pane.article_id:
            start = sel.sentence
        else:
            start = -1 if forward else len(all_statuses)
        indexes = range(start + 1, len(all_statuses)) if forward else range(start - 1, -1, -1)
        for index in indexes:
            if all_statuses[index] in wanted:
                self.select(SentenceRef(pane.article_id, index))
                pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False

    def find_text(self, text: str, forward: bool = True, again: bool = True) -> bool:
        """Find `text` (case-insensitive) after the current match or selection, across panes;
        with `again` False (the text was just edited) the current match may match again."""
        self.settle_now()
        panes = self.panes()
        if not text or not panes:
            return False
        current = self.current_pane()
        start_pane = panes.index(current) if current in panes else 0
        flags = QTextDocument.FindFlag(0)
        if not forward:
            flags = QTextDocument.FindFlag.FindBackward
        count = len(panes)
        steps = range(count + 1)
        for step in steps:
            i = (start_pane + step) % count if forward else (start_pane - step) % count
            view = panes[i].view
            if step == 0:
                found = view.found()
                if found is not None:
                    position = found[1] if forward and again else found[0]
                elif self._selected is not None and self._selected.article == panes[i].article_id:
                    position = view.sentence_range(self._selected.sentence)[0]
                else:
                    position = 0 if forward else view.document().characterCount()
            else:
                position = 0 if forward else view.document().characterCount()
            cursor = view.textCursor()
            cursor.setPosition(max(0, min(position, view.document().characterCount() - 1)))
            match = view.document().find(text, cursor, flags)
            if not match.isNull():
                for pane in panes:
                    if pane.view is not view:
                        pane.view.set_found(None)
                view.set_found((match.selectionStart(), match.selectionEnd()))
                index = view.index_at_position(match.selectionStart())
                self._current = panes[i].article_id
                if index is not None:
                    self.select(SentenceRef(panes[i].article_id, index))
                return True
        return False

    def clear_found(self) -> None:
        for pane in self.panes():
            pane.view.set_found(None)

    # -- synchronised scrolling -----------------------------------------------------------

    def sync_scrolling(self) -> bool:
        return self._sync

    def set_sync_scrolling(self, on: bool) -> None:
        self._sync = on

    def _on_view_scrolled(self, _value: int) -> None:
        if not self._sync or self._syncing or self._comparison is None:
            return
        bar = self.sender()
        source = next((p for p in self.panes() if p.view.verticalScrollBar() is bar), None)
        if source is None:
            return
        self._syncing = True
        try:
            self._align_to(source)
        finally:
            self._syncing = False

    def _align_to(self, source: ArticlePane) -> None:
        """Scroll the other panes so the counterparts of the sentences near the top third of
        `source` sit level with them."""
        comparison = self._comparison
        assert comparison is not None
        view = source.view
        probe_y = view.viewport().height() / 3
        anchor = view.index_at_y(probe_y)
        if anchor is None:
            return
        count = view.sentence_count()
        for pane in self.panes():
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
                    top = view.viewport_extent(index)[0]
                    pane.view.scroll_to_y(other.sentence, top)
                    break

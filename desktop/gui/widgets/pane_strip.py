"""All article panes side by side, and what the user does across them.

Owns what spans panes: the selected claim (picked by clicking or moving to a sentence, and
shown in every pane), the sentence marked for a manual link (Ctrl+click), the current pane,
sentence tooltips, synchronised scrolling, and moving a pane by dragging its header. Laying
the panes out, showing and hiding them and the base outlet are `PaneRow`'s (pane_row.py); find
and claim navigation live in gui/find.py and gui/navigation.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.core.comparison import Comparison, SentenceRef
from desktop.gui.highlights import ViewData, changed_spans_of, partner_link
from desktop.gui.plain import tooltip
from desktop.gui.tooltips import sentence_tooltip
from desktop.gui.widgets.link_map import LinkMap
from desktop.gui.widgets.pane import ArticlePane
from desktop.gui.widgets.pane_drag import PaneDrag
from desktop.gui.widgets.pane_row import PaneRow
from desktop.gui.widgets.scroll_sync import align_to

log = logging.getLogger(__name__)


class PaneStrip(PaneRow):
    """The panes with selection, marks, tooltips and synchronised scrolling.

    Signals (besides `PaneRow`'s):
        selection_changed(object): the selected sentence (a `SentenceRef`) or None.
        edit_requested(str), remove_requested(str): forwarded from a pane's menu.
        move_requested(str, int): move the article by this many places (see `MOVE_END`).
        move_to_requested(str, int): put the article at this index of the order without it
            (its header was dragged there).
        current_changed(str): the pane with keyboard focus changed (article id).
        picked_changed(object): the sentence marked for linking (a `SentenceRef`) or None.
        link_requested(object, object) (from `PaneRow`): also asked from a sentence's
            context menu, to link it to a related sentence.
    """

    picked_changed = Signal(object)
    selection_changed = Signal(object)
    edit_requested = Signal(str)
    move_requested = Signal(str, int)
    move_to_requested = Signal(str, int)
    remove_requested = Signal(str)
    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaneStrip")
        self.drag = PaneDrag(self)
        self.menu_extension: Callable[[QMenu, str], None] | None = None
        """Adds the outlet actions to every pane's ⋯ menu (gui/outlets.py sets it)."""
        self.sentence_menu_extensions: list[Callable[[QMenu, SentenceRef], None]] = []
        """Each adds its items to a sentence's context menu (verdicts: gui/verdict_actions.py)."""
        self._selected: SentenceRef | None = None
        self._picked: SentenceRef | None = None
        self._sync = True
        self._syncing = False

    def _make_pane(self) -> ArticlePane:
        pane = super()._make_pane()
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
        pane.view.menu_for = lambda menu, index, p=pane: self._extend_sentence_menu(
            menu, SentenceRef(p.article_id, index)
        )
        pane.menu_extension = self._extend_menu
        return pane

    def _pane_filled(self, article_id: str) -> None:
        if self._selected is None or self._comparison is None:
            return
        # The selection was made before this pane had its text: show it here too.
        member = self._comparison.claim_of(self._selected).member_in(article_id)
        pane = self._panes[article_id]
        pane.view.set_selected(member.sentence if member is not None else None)
        if member is not None:
            self._update_highlights(self._selected, {article_id: member.sentence})

    def _refresh_selection(self) -> None:
        if self._picked is not None and self._picked.article in self._hidden:
            self.set_picked(None)
        self.select(self._selected, scroll=False)

    def set_comparison(self, comparison: Comparison | None, view: ViewData | None = None) -> None:
        """Show `comparison`, keeping the selection when its sentence still exists.

        `view` (from `highlights.view_data`, computed in the worker) saves the GUI thread
        working out tints and links. Panes are restyled over the next event-loop turns, the
        visible ones first, so one swap never blocks the window for long.
        """
        previous = self._selected
        self._show(comparison, view)
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

    def _extend_sentence_menu(self, menu: QMenu, ref: SentenceRef) -> None:
        comparison = self._comparison
        if comparison is None or ref.sentence >= len(comparison.article(ref.article).sentences):
            return
        self.related_actions(menu, ref)
        for extend in self.sentence_menu_extensions:
            extend(menu, ref)

    def set_verdicts(self, comparison: Comparison) -> None:
        """The same alignment with other verdicts: tooltips and menus read them from now on
        (nothing is restyled: tints and links are unchanged)."""
        if self._comparison is not None:
            self._comparison = comparison

    def related_actions(self, menu: QMenu, ref: SentenceRef) -> list[QAction]:
        """Add "Link to <outlet> sentence N (related …)" to `menu` for each related pair of
        `ref` whose other sentence is in a shown pane; returns the actions added."""
        comparison = self._comparison
        if comparison is None or ref.sentence >= len(comparison.article(ref.article).sentences):
            return []
        shown = self.shown_ids()
        pairs = [p for p in comparison.related_of(ref) if p.other(ref).article in shown]
        pairs.sort(key=lambda p: shown.index(p.other(ref).article))
        actions = []
        if pairs:
            menu.addSeparator()
        for pair in pairs:
            other = pair.other(ref)
            label = comparison.article(other.article).label.replace("&", "&&")
            action = menu.addAction(
                f"Link to {label} Sentence {other.sentence + 1} (related, score {pair.score:.0f})"
            )
            action.setStatusTip(
                "These sentences share part of their information; make them a link of your own "
                "(Undo takes it back)"
            )
            action.triggered.connect(lambda _=False, x=ref, y=other: self.link_requested.emit(x, y))
            actions.append(action)
        return actions

    def _tooltip(self, article_id: str, index: int) -> str:
        comparison = self._comparison
        if comparison is None or article_id not in self._panes:
            return ""
        ref = SentenceRef(article_id, index)
        if index >= len(comparison.article(article_id).sentences):
            return ""
        text = sentence_tooltip(comparison, ref, self.shown_ids(), self._selected, self._base)
        return tooltip(text)

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

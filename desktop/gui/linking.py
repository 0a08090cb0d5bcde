"""Manual corrections in the window: Link, Unlink and Why Not Linked?, each undoable.

Link Sentences joins the selected sentence with the one marked by Ctrl+click (with nothing
marked, it marks the selected sentence, so the keyboard alone works: select, Ctrl+L, select the
counterpart in another pane, Ctrl+L). Unlink separates the selected sentence from the marked
one, or else from its counterpart in the neighbouring shown pane (to the right, or to the left
for the last pane); a link map's context menu unlinks the band under the mouse. Unlinking a
link the user made by hand, that the matcher would not make by itself, just drops it instead of
recording a permanent "keep apart". When a link or unlink also takes away other links (links are
one-to-one), the message bar says which, with Undo.

A related pair (sentences that share part of their information, drawn as a dotted line in the
link maps) is promoted to a link of the user's own from the sentence's or the line's context
menu, or from Why Not Linked?; Undo takes it back.

Why Not Linked? explains the selected pair (or, with one sentence, its closest sentences in the
other outlets) and offers near misses to link (core/explain.py does the scoring).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.core.comparison import Link, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.errors import ParallaxError
from desktop.gui import errors

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

STATUS_MS = 6000


class LinkingController(QObject):
    """Link, Unlink and Why Not Linked? for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.strip.unlink_requested.connect(self._on_unlink_pair)
        window.strip.link_requested.connect(self._on_link_related)
        window.strip.picked_changed.connect(lambda _ref: self.update_actions())
        window.history.links_lost.connect(self._on_links_lost)

    def handlers(self) -> dict[str, object]:
        return {"link": self.link_selected, "unlink": self.unlink_selected, "why_not": self.why_not}

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)

    def link_selected(self) -> None:
        """Link the selected sentence with the marked one; with none marked, mark it."""
        strip = self._window.strip
        selected, picked = strip.selected(), strip.picked()
        if selected is None:
            self._status("Select a sentence first, then its counterpart.")
            return
        if picked is None or picked.article == selected.article:
            strip.set_picked(selected)
            self._status(
                "Marked for linking: now select its counterpart in another pane and press "
                "Link Sentences again (or Ctrl+click the counterpart first)."
            )
            return
        strip.set_picked(None)
        self.link(picked, selected)

    def link(self, x: SentenceRef, y: SentenceRef, text: str = "Link sentences") -> None:
        try:
            self._window.history.link(x, y, text)
        except ParallaxError as exc:
            self._window.message_bar.show_message(str(exc), errors.ERROR)

    def _on_link_related(self, x: SentenceRef, y: SentenceRef) -> None:
        """A related pair promoted to a link (sentence or link-map context menu)."""
        self.link(x, y, "Link related sentences")

    def link_many(self, pairs: list[tuple[SentenceRef, SentenceRef]]) -> None:
        """Link several pairs (accepted suggestions) as one undoable step; one related pair
        is "Link related sentences", as from its context menu."""
        history = self._window.history
        comparison = self._window.session.comparison
        if len(pairs) == 1 and comparison is not None:
            x, y = pairs[0]
            if comparison.related_between(x, y) is not None:
                self._on_link_related(x, y)
                return
        state = history.session.state()
        corrections: Corrections = state.corrections
        for x, y in pairs:
            corrections = corrections.with_link(x, y)
        count = len(pairs)
        history.change(
            f"Link {count} suggested pair{'s' * (count != 1)}",
            dataclasses.replace(state, corrections=corrections),
        )

    def unlink_selected(self) -> None:
        """Unlink the selected sentence from the marked one, or from its counterpart in the
        neighbouring shown pane (right; left for the last pane)."""
        strip, comparison = self._window.strip, self._window.session.comparison
        selected, picked = strip.selected(), strip.picked()
        if selected is None or comparison is None:
            self._status("Select a linked sentence first.")
            return
        other = picked if picked is not None and picked.article != selected.article else None
        if other is None:
            order = strip.shown_ids()
            index = order.index(selected.article) if selected.article in order else 0
            neighbour = order[index + 1] if index + 1 < len(order) else order[index - 1]
            other = comparison.counterpart(selected, neighbour) if len(order) > 1 else None
        if other is None:
            self._status(
                "This sentence has no counterpart in the neighbouring pane; Ctrl+click the "
                "sentence to unlink it from."
            )
            return
        strip.set_picked(None)
        self.unlink(selected, other)

    def unlink(self, x: SentenceRef, y: SentenceRef) -> None:
        comparison = self._window.session.comparison
        link = comparison.link_between(x, y) if comparison is not None else None
        # The user's own link, below the threshold: the matcher would not make it, so dropping
        # it is enough (and leaves no "keep apart" behind that a lower threshold would hit).
        forget = (
            link is not None
            and link.manual
            and comparison is not None
            and link.score < comparison.options.threshold
        )
        try:
            self._window.history.unlink(x, y, forget=forget)
        except ParallaxError as exc:
            self._window.message_bar.show_message(str(exc), errors.ERROR)

    def _on_unlink_pair(self, x: SentenceRef, y: SentenceRef) -> None:
        self.unlink(x, y)

    def _on_links_lost(self, text: str, lost: list[Link]) -> None:
        comparison = self._window.session.comparison
        if comparison is None:
            return
        labels = {a.id: a.label for a in comparison.articles}
        named = "; ".join(
            f"{labels.get(x.a.article, '?')} {x.a.sentence + 1} ↔ "
            f"{labels.get(x.b.article, '?')} {x.b.sentence + 1}"
            for x in lost[:3]
        )
        more = f" and {len(lost) - 3} more" if len(lost) > 3 else ""
        count = len(lost)
        self._window.show_undoable(
            f"{text} also removed {count} other link{'s' * (count != 1)} (each sentence links "
            f"to one sentence per outlet): {named}{more}."
        )

    def why_not(self) -> None:
        """Explain the selected pair (selected + Ctrl+clicked), or the selected sentence."""
        window = self._window
        comparison = window.session.comparison
        selected, picked = window.strip.selected(), window.strip.picked()
        if comparison is None or selected is None:
            self._status(
                "Select a sentence, then Ctrl+click a sentence of another outlet, and ask again."
            )
            return
        from desktop.gui.widgets.why_not_dialog import WhyNotDialog

        other = picked if picked is not None and picked != selected else None
        dialog = WhyNotDialog(comparison, selected, other, window.strip.shown_ids(), window)
        dialog.link_requested.connect(self.link_many)
        window.open_dialog(dialog)

    def update_actions(self) -> None:
        actions = getattr(self._window, "actions_by_name", {})
        session = self._window.session
        has = session.comparison is not None
        for name in ("link", "unlink", "why_not"):
            if name in actions:
                actions[name].setEnabled(has and not session.is_busy())

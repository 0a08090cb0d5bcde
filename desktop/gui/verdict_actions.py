"""Verdicts and notes in the window: set from the claims table, the framing panel and a
sentence's context menu, each change one undoable step.

The engine's `Verdicts` (core/verdicts.py) works out every edit; this controller offers the
same menu everywhere (widgets/verdict_menu.py) — the claim's verdict, then a submenu per link
(of the sentence, or inside the claim) — and turns a choice into `History.set_verdicts`, so
Ctrl+Z undoes it and the unsaved mark follows. It also keeps the views in step when only the
verdicts changed (`Session.verdicts_changed`: nothing is re-aligned or restyled) and lists the
verdicts that no longer attach (widgets/orphans_dialog.py). The note editor is replaceable
(`ask_note`), as the window's other dialogs are, so tests need no modal dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from desktop.core.comparison import Claim, Comparison, Link, SentenceRef
from desktop.core.verdicts import ClaimVerdict, LinkVerdict, Verdicts, verdict_word
from desktop.gui import style
from desktop.gui.session import same_alignment
from desktop.gui.widgets.orphans_dialog import OrphansDialog
from desktop.gui.widgets.verdict_menu import NoteDialog, fill_verdict_menu

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

STATUS_MS = 5000


def _claim(comparison: Comparison, claim_id: int) -> Claim | None:
    return next((c for c in comparison.claims if c.id == claim_id), None)


def _menu_text(text: str) -> str:
    """Text from articles as menu or undo text: "&" doubled so it is shown, not a mnemonic."""
    return text.replace("&", "&&")


class VerdictActions(QObject):
    """Every verdict and note edit of one window (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._orphans: OrphansDialog | None = None
        self.ask_note: Callable[[str, str], str | None] = self._ask_note_dialog
        """(what the note is about, the note now) → the new note, or None to leave it."""
        window.strip.sentence_menu_extensions.append(self.extend_sentence_menu)
        window.claims.row_menu_extension = self.extend_row_menu
        window.claims.orphans_requested.connect(self.show_orphans)
        window.framing_dock.panel.verdict_bar.menu_filler = self._fill_framing_menu
        window.session.verdicts_changed.connect(self._on_verdicts_changed)
        window.comparison_changed.connect(lambda _comparison: self._refresh_orphans())

    def _comparison(self) -> Comparison | None:
        return self._window.session.comparison

    def _labels(self) -> dict[str, str]:
        comparison = self._comparison()
        return {a.id: a.label for a in comparison.articles} if comparison else {}

    def _apply(self, text: str, verdicts: Verdicts) -> None:
        self._window.history.set_verdicts(text, verdicts)
        self._window.statusBar().showMessage(text.replace("&&", "&"), STATUS_MS)

    # -- edits ----------------------------------------------------------------------------

    def set_claim_verdict(self, claim_id: int, verdict: str) -> None:
        """Set ("" clears) the verdict on claim `claim_id` of the open comparison."""
        comparison = self._comparison()
        if comparison is None:
            return
        verdicts = self._window.session.verdicts.with_claim_verdict(comparison, claim_id, verdict)
        what = f"claim {claim_id}"
        self._apply(
            f"Mark {what} {verdict_word(verdict)}" if verdict else f"Clear verdict on {what}",
            verdicts,
        )

    def set_claim_note(self, claim_id: int, note: str) -> None:
        comparison = self._comparison()
        if comparison is None:
            return
        verdicts = self._window.session.verdicts.with_claim_note(comparison, claim_id, note)
        self._apply(f"{'Note on' if note else 'Remove note on'} claim {claim_id}", verdicts)

    def edit_claim_note(self, claim_id: int) -> None:
        """Ask for the note on claim `claim_id` and set it."""
        comparison = self._comparison()
        claim = (
            next((c for c in comparison.claims if c.id == claim_id), None) if comparison else None
        )
        if comparison is None or claim is None:
            return
        current = comparison.attached_verdicts.claim(claim_id)
        before = current.note if current is not None else ""
        text = comparison.sentence(claim.members[0]).text
        note = self.ask_note(f"Your note on claim {claim_id}: “{text}”", before)
        if note is not None and note.strip() != before:
            self.set_claim_note(claim_id, note.strip())

    def set_link_verdict(self, x: SentenceRef, y: SentenceRef, verdict: str) -> None:
        comparison = self._comparison()
        if comparison is None:
            return
        verdicts = self._window.session.verdicts.with_link_verdict(comparison, x, y, verdict)
        what = f"link {self._link_name(x, y)}"
        self._apply(
            f"Mark {what} {verdict_word(verdict)}" if verdict else f"Clear verdict on {what}",
            verdicts,
        )

    def set_link_note(self, x: SentenceRef, y: SentenceRef, note: str) -> None:
        comparison = self._comparison()
        if comparison is None:
            return
        verdicts = self._window.session.verdicts.with_link_note(comparison, x, y, note)
        what = f"link {self._link_name(x, y)}"
        self._apply(f"{'Note on' if note else 'Remove note on'} {what}", verdicts)

    def edit_link_note(self, x: SentenceRef, y: SentenceRef) -> None:
        comparison = self._comparison()
        if comparison is None or comparison.link_between(x, y) is None:
            return
        current = comparison.attached_verdicts.link(x, y)
        before = current.note if current is not None else ""
        about = (
            f"Your note on the link {self._link_name(x, y).replace('&&', '&')}:\n"
            f"“{comparison.sentence(x).text}”\n“{comparison.sentence(y).text}”"
        )
        note = self.ask_note(about, before)
        if note is not None and note.strip() != before:
            self.set_link_note(x, y, note.strip())

    def delete(self, entries: Sequence[ClaimVerdict | LinkVerdict]) -> None:
        """Forget these verdicts (orphans the user has dealt with) as one step."""
        verdicts = self._window.session.verdicts
        for entry in entries:
            verdicts = verdicts.without(entry)
        count = len(entries)
        if count:
            self._apply(
                f"Delete {count} verdict{'s' * (count != 1)} that no longer attach"
                f"{'es' * (count == 1)}",
                verdicts,
            )

    def _link_name(self, x: SentenceRef, y: SentenceRef) -> str:
        labels = self._labels()
        return _menu_text(
            f"{labels.get(x.article, x.article)} {x.sentence + 1} ↔ "
            f"{labels.get(y.article, y.article)} {y.sentence + 1}"
        )

    # -- menus ----------------------------------------------------------------------------

    def fill_claim_menu(
        self,
        menu: QMenu,
        comparison: Comparison,
        claim_id: int,
        ref: SentenceRef | None = None,
        inline: bool = False,
    ) -> None:
        """The verdict items for claim `claim_id` of `comparison` (what the surface shows),
        then a submenu per link: of `ref` when given, else every link inside the claim.
        `inline` puts the claim's items in `menu` itself rather than in a submenu."""
        shown = self._comparison()
        if shown is None or not same_alignment(comparison, shown):
            menu.addAction("Verdicts: the view is updating, try again").setEnabled(False)
            return
        comparison = shown  # with the latest verdicts
        attached = comparison.attached_verdicts
        current = attached.claim(claim_id)
        target = menu if inline else menu.addMenu(f"&Verdict on Claim {claim_id}")
        if inline:
            menu.addSection(f"Verdict on claim {claim_id}")
        fill_verdict_menu(
            target,
            current.verdict if current is not None else None,
            current.note if current is not None else "",
            lambda verdict: self.set_claim_verdict(claim_id, verdict),
            lambda: self.edit_claim_note(claim_id),
        )
        links = self._links(comparison, claim_id, ref)
        if not links:
            return
        submenu = menu.addMenu("Verdict on &Link" if len(links) == 1 else "Verdict on &Links")
        labels = {a.id: a.label for a in comparison.articles}
        for link in links:
            x, y = (link.a, link.b) if ref is None or link.a == ref else (link.b, link.a)
            judged = attached.link(x, y)
            mark = f"  ({style.verdict_mark(judged.verdict)})" if judged is not None else ""
            if ref is not None:
                name = f"With {labels[y.article]}, sentence {y.sentence + 1}"
            else:
                name = (
                    f"{labels[x.article]} {x.sentence + 1} ↔ {labels[y.article]} {y.sentence + 1}"
                )
            one = submenu.addMenu(_menu_text(name + mark))
            fill_verdict_menu(
                one,
                judged.verdict if judged is not None else None,
                judged.note if judged is not None else "",
                partial(self.set_link_verdict, x, y),
                partial(self.edit_link_note, x, y),
            )

    def _links(self, comparison: Comparison, claim_id: int, ref: SentenceRef | None) -> list[Link]:
        """The links of `ref` (or inside the claim), the shown panes' outlets first."""
        order = {article_id: i for i, article_id in enumerate(self._window.strip.shown_ids())}
        if ref is not None:
            links = list(comparison.links_of(ref))
            return sorted(links, key=lambda k: order.get(k.other(ref).article, len(order)))
        claim = next((c for c in comparison.claims if c.id == claim_id), None)
        if claim is None:
            return []
        members = set(claim.members)
        found = {
            (k.a, k.b): k
            for m in claim.members
            for k in comparison.links_of(m)
            if k.other(m) in members
        }
        return sorted(
            found.values(),
            key=lambda k: (order.get(k.a.article, len(order)), order.get(k.b.article, len(order))),
        )

    def extend_sentence_menu(self, menu: QMenu, ref: SentenceRef) -> None:
        """A sentence's context menu: the verdict on its claim and on each of its links."""
        comparison = self._window.strip.comparison()
        if comparison is not None:
            self.fill_claim_menu(menu, comparison, comparison.claim_of(ref).id, ref)

    def extend_row_menu(
        self, menu: QMenu, comparison: Comparison, claim_id: int, _ref: SentenceRef | None
    ) -> None:
        """A claims table row's context menu: the claim's verdict and its links'."""
        self.fill_claim_menu(menu, comparison, claim_id, inline=True)

    def _fill_framing_menu(self, menu: QMenu, claim_id: int, ref: SentenceRef | None) -> None:
        comparison = self._window.framing_dock.panel.comparison()
        if comparison is not None:
            self.fill_claim_menu(menu, comparison, claim_id, ref, inline=True)

    # -- keeping the views in step --------------------------------------------------------

    def _on_verdicts_changed(self, comparison: Comparison) -> None:
        window = self._window
        window.strip.set_verdicts(comparison)
        window.claims.set_verdicts(comparison)
        panel = window.framing_dock.panel
        if same_alignment(panel.comparison(), comparison):
            panel.set_verdicts(comparison)
        self._refresh_orphans()

    def show_orphans(self) -> None:
        """The verdicts that no longer attach, with Delete (a non-modal dialog)."""
        if self._orphans is not None and shiboken6.isValid(self._orphans):
            self._orphans.raise_()
            self._orphans.activateWindow()
            return
        dialog = OrphansDialog(self._window)
        dialog.delete_requested.connect(self.delete)
        dialog.delete_all_requested.connect(lambda: self.delete(dialog.entries()))
        self._orphans = dialog
        self._refresh_orphans()
        self._window.open_dialog(dialog)

    def _refresh_orphans(self) -> None:
        dialog = self._orphans
        if dialog is None or not shiboken6.isValid(dialog):
            self._orphans = None
            return
        comparison = self._comparison()
        dialog.set_orphans(comparison.attached_verdicts.orphans if comparison is not None else ())

    def _ask_note_dialog(self, about: str, note: str) -> str | None:
        dialog = NoteDialog(about, note, self._window)
        try:
            return dialog.note() if dialog.exec() else None
        finally:
            dialog.deleteLater()

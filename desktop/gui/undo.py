"""Undo and Redo for every change to the open set (QUndoStack; Ctrl+Z, Ctrl+Shift+Z).

Each change the user makes to the analysis (removing, reordering, linking, unlinking, editing an
article's details, changing the threshold or scorer, setting a verdict or a note) is one
`StateChange`: the session's state before and after (`SessionState`: articles, options,
corrections, verdicts). Redo restores the after-state and Undo the before-state, through
`Session.restore`, which applies verdicts, order and metadata at once and re-aligns in a worker
otherwise. Opening another set clears the history.

To add an undoable change, work out the state it leads to and call `History.change(text,
after)`; nothing else is needed. A change to something that is not part of `SessionState`
either adds a field to `SessionState` and its `restore`, or subclasses `QUndoCommand` with its
own `redo`/`undo` and pushes it with `History.push`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from desktop.core.article import Article
from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.options import AlignOptions
from desktop.core.verdicts import Verdicts
from desktop.gui.session import Session, SessionState

log = logging.getLogger(__name__)


class StateChange(QUndoCommand):
    """One change of the session's state: redo shows `after`, undo shows `before`."""

    def __init__(self, session: Session, text: str, before: SessionState, after: SessionState):
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.session.restore(self.after)

    def undo(self) -> None:
        self.session.restore(self.before)


class History(QObject):
    """The window's undo stack and the changes it knows how to make.

    Signals:
        links_lost(str, object): a link or unlink just applied also took away these automatic
            links (a list of `Link`s of the comparison before it); the text names the change.
    """

    links_lost = Signal(str, object)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        self._watch: tuple[str, Comparison, frozenset[tuple[SentenceRef, SentenceRef]]] | None
        self._watch = None
        session.opened.connect(self._on_opened)
        session.comparison_changed.connect(self._on_comparison_changed)

    def make_actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Edit ▸ Undo and Redo, naming the change they undo or redo."""
        undo = self.stack.createUndoAction(parent, "&Undo")
        undo.setObjectName("action_undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.stack.createRedoAction(parent, "&Redo")
        redo.setObjectName("action_redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action, tip in ((undo, "Undo the last change"), (redo, "Redo the change undone")):
            action.setStatusTip(tip)
        return undo, redo

    def push(self, command: QUndoCommand) -> None:
        self.stack.push(command)

    def change(self, text: str, after: SessionState) -> None:
        """Make the change to `after` (now) as one undoable step called `text`."""
        before = self.session.state()
        if after == before:
            return
        log.info("change: %s", text)
        self.push(StateChange(self.session, text, before, after))

    def clear(self) -> None:
        self.stack.clear()

    # -- the changes the window makes ------------------------------------------------------

    def remove(self, article_id: str) -> None:
        state = self.session.state()
        article = _find(state.articles, article_id)
        if article is None:
            return
        articles = tuple(a for a in state.articles if a.id != article_id)
        corrections = state.corrections.restricted_to(articles)
        self.change(f"Remove {_name(article)}", _with(state, articles, corrections=corrections))

    def move_to(self, article_id: str, index: int) -> None:
        state = self.session.state()
        order = list(state.articles)
        article = _find(state.articles, article_id)
        if article is None:
            return
        order.remove(article)
        order.insert(max(0, min(index, len(order))), article)
        self.change(f"Move {_name(article)}", _with(state, tuple(order)))

    def move(self, article_id: str, delta: int) -> None:
        ids = [a.id for a in self.session.state().articles]
        if article_id in ids and 0 <= ids.index(article_id) + delta < len(ids):
            self.move_to(article_id, ids.index(article_id) + delta)

    def edit(self, article_id: str, changes: dict[str, str]) -> None:
        state = self.session.state()
        article = _find(state.articles, article_id)
        if article is None or not changes:
            return
        articles = tuple(a.with_metadata(**changes) if a is article else a for a in state.articles)
        self.change(f"Edit {_name(article)}", _with(state, articles))

    def set_options(self, options: AlignOptions) -> None:
        state = self.session.state()
        if options.scorer != state.options.scorer:
            text = f"Scorer {options.scorer.replace('_', ' ')}"
        else:
            text = f"Threshold {options.threshold:g}"
        self.change(text, dataclasses.replace(state, options=options))

    def set_verdicts(self, text: str, verdicts: Verdicts) -> None:
        """Verdicts and notes (gui/verdict_actions.py works out the new ones): applied at once,
        nothing is re-aligned."""
        self.change(text, dataclasses.replace(self.session.state(), verdicts=verdicts))

    def link(self, x: SentenceRef, y: SentenceRef, text: str = "Link sentences") -> None:
        self._correct(text, lambda c: c.with_link(x, y), (x, y))

    def unlink(self, x: SentenceRef, y: SentenceRef, forget: bool = False) -> None:
        """Keep x and y apart; with `forget`, only drop the user's own link between them."""
        text = "Remove manual link" if forget else "Unlink sentences"
        change = (lambda c: c.without(x, y)) if forget else (lambda c: c.with_unlink(x, y))
        self._correct(text, change, (x, y))

    def _correct(
        self,
        text: str,
        change: Callable[[Corrections], Corrections],
        pair: tuple[SentenceRef, SentenceRef],
    ) -> None:
        state = self.session.state()
        after = dataclasses.replace(state, corrections=change(state.corrections))
        comparison = self.session.comparison
        if comparison is not None and after != state:
            self._watch = (text, comparison, frozenset({pair, pair[::-1]}))
        self.change(text, after)

    # -- results ---------------------------------------------------------------------------

    def _on_opened(self, _opened: object) -> None:
        self.clear()
        self._watch = None

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        watch, self._watch = self._watch, None
        if watch is None or comparison is None:
            return
        text, before, pair = watch
        lost = [
            link
            for link in before.links
            if not link.manual
            and (link.a, link.b) not in pair
            and _still_there(comparison, link)
            and comparison.link_between(link.a, link.b) is None
        ]
        if lost:
            self.links_lost.emit(text, lost)


def _still_there(comparison: Comparison, link: Link) -> bool:
    """Both sentences of `link` are still in `comparison` (no article went in between)."""
    ids = {a.id: len(a.sentences) for a in comparison.articles}
    return all(r.sentence < ids.get(r.article, 0) for r in (link.a, link.b))


def _name(article: Article) -> str:
    """The outlet as menu text: "&" doubled so it is shown, not taken for a mnemonic."""
    return article.label.replace("&", "&&")


def _find(articles: tuple[Article, ...], article_id: str) -> Article | None:
    return next((a for a in articles if a.id == article_id), None)


def _with(
    state: SessionState, articles: tuple[Article, ...], corrections: Corrections | None = None
) -> SessionState:
    if corrections is None:
        corrections = state.corrections
    return dataclasses.replace(state, articles=articles, corrections=corrections)

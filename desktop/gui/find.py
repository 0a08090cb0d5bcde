"""Find in the articles: every match across the shown panes, the current one selected.

Typing in the find bar finds every match in every shown pane (case and whole words as the bar
says), marks them all, and goes to the first one after the selection; Return and F3 step on,
Shift+Return and Shift+F3 back, wrapping round. Going to a match selects its sentence (so its
claim shows in every pane), scrolls that pane into view sideways as well as down, and the bar
says where it is: "2 of 3 — Meridian Wire". Matches in hidden outlets are counted, not visited.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.core.comparison import SentenceRef
from desktop.gui.widgets.find_bar import FindBar
from desktop.gui.widgets.pane_strip import PaneStrip
from desktop.gui.widgets.sentence_view import SentenceView


@dataclass(frozen=True)
class Match:
    """One match: the article and document positions in its pane's view."""

    article: str
    start: int
    end: int


def matches_in(view: SentenceView, text: str, flags: QTextDocument.FindFlag) -> list[Match]:
    article = view.article()
    if article is None or not text:
        return []
    doc = view.document()
    out: list[Match] = []
    cursor = QTextCursor(doc)
    while True:
        cursor = doc.find(text, cursor, flags)
        if cursor.isNull():
            return out
        out.append(Match(article.id, cursor.selectionStart(), cursor.selectionEnd()))


class Finder(QObject):
    """Runs the find bar's searches over a pane strip."""

    def __init__(self, strip: PaneStrip, bar: FindBar) -> None:
        super().__init__(bar)
        self._strip = strip
        self._bar = bar
        self._matches: list[Match] = []
        self._current: int | None = None
        bar.find_requested.connect(self._on_find)
        bar.text_changed.connect(self._on_text)
        bar.closed.connect(self.clear)

    def matches(self) -> list[Match]:
        return list(self._matches)

    def current(self) -> Match | None:
        return self._matches[self._current] if self._current is not None else None

    def _flags(self) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self._bar.match_case():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self._bar.whole_words():
            flags |= QTextDocument.FindFlag.FindWholeWords
        return flags

    def _collect(self, text: str) -> int:
        """Find every match in the shown panes; returns how many are in hidden ones."""
        self._strip.settle_now()
        flags = self._flags()
        self._matches = []
        hidden = 0
        for pane in self._strip.panes():
            found = matches_in(pane.view, text, flags)
            if pane.article_id in self._strip.hidden():
                hidden += len(found)
            else:
                self._matches.extend(found)
        return hidden

    def _on_text(self, text: str) -> None:
        self.search(text, forward=True, again=False)

    def _on_find(self, text: str, forward: bool) -> None:
        self.search(text, forward=forward, again=True)

    def search(self, text: str, forward: bool = True, again: bool = True) -> Match | None:
        """Go to the next match of `text` (or the previous one); with `again` False the text
        was just edited and the match at the current place may be the one."""
        hidden = self._collect(text)
        if not self._matches:
            self._current = None
            self._mark()
            extra = f" here ({hidden} in hidden outlets)" if hidden else ""
            self._bar.set_status(f"Not found{extra}" if text else "", found=False)
            return None
        self._current = self._next_index(forward, again)
        match = self._matches[self._current]
        self._mark()
        pane = self._strip.pane(match.article)
        index = pane.view.index_at_position(match.start)
        if index is not None:
            self._strip.select(SentenceRef(match.article, index))
        self._strip.ensure_pane_visible(match.article)
        article = pane.header_article()
        label = article.label if article is not None else ""
        extra = f" ({hidden} more in hidden outlets)" if hidden else ""
        self._bar.set_status(
            f"{self._current + 1} of {len(self._matches)} — {label}{extra}", found=True
        )
        return match

    def _position(self) -> tuple[int, str, int]:
        """Where searching starts: the current match, else the selection, else the start of
        the current pane."""
        order = {p.article_id: i for i, p in enumerate(self._strip.panes())}
        current = self.current()
        if current is not None:
            return order.get(current.article, 0), current.article, current.start
        selected = self._strip.selected()
        if selected is not None and selected.article in order:
            start = self._strip.pane(selected.article).view.sentence_range(selected.sentence)[0]
            return order[selected.article], selected.article, start
        pane = self._strip.current_pane()
        article = pane.article_id if pane is not None else ""
        return order.get(article, 0), article, -1

    def _next_index(self, forward: bool, again: bool) -> int:
        order = {p.article_id: i for i, p in enumerate(self._strip.panes())}
        pane_index, _article, start = self._position()
        here = (pane_index, start)
        keys = [(order[m.article], m.start) for m in self._matches]
        if forward:
            if again:
                found = next((i for i, k in enumerate(keys) if k > here), None)
            else:
                found = next((i for i, k in enumerate(keys) if k >= here), None)
            return 0 if found is None else found
        found = next((i for i in range(len(keys) - 1, -1, -1) if keys[i] < here), None)
        return len(keys) - 1 if found is None else found

    def _mark(self) -> None:
        current = self.current()
        for pane in self._strip.panes():
            spans = [(m.start, m.end) for m in self._matches if m.article == pane.article_id]
            own = (
                (current.start, current.end)
                if current and current.article == pane.article_id
                else None
            )
            pane.view.set_found(own, spans)

    def clear(self) -> None:
        self._matches = []
        self._current = None
        for pane in self._strip.panes():
            pane.view.set_found(None)

"""The open comparison and every change to it, each computed in a worker.

`Session` holds the current articles, options, manual corrections and `Comparison`. Opening or
adding files reads them one by one with `load_article` (so one bad file is reported and the
others kept) and then aligns, all in one `Task`; opening a workspace reads it and aligns it the
same way. A threshold or scorer change, or a manual link or unlink, re-aligns the loaded
articles (with the corrections) without reading files. A newer request cancels the older one,
and stale results are dropped. Metadata edits and reordering need no alignment and apply at once.

The user's verdicts and notes (core/verdicts.py) are the session's too: they are anchored on
sentences, so the same `Verdicts` goes onto every comparison the session shows, whatever
re-aligned it (threshold, scorer, links, articles added or removed, undo), and a verdict whose
claim is gone is kept as an orphan, never dropped. Opening files starts with none; opening a
workspace (or an autosave) starts with its own. A change to the verdicts alone re-aligns
nothing: `verdicts_changed` carries the same comparison with the new verdicts.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.article import Article
from desktop.core.claim_numbers import number_claims
from desktop.core.comparison import Claim, Comparison, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.errors import Cancelled, ParallaxError
from desktop.core.files import file_identity
from desktop.core.options import AlignOptions, CancelledCallback, ProgressCallback
from desktop.core.verdicts import Verdicts
from desktop.gui import workers
from desktop.gui.highlights import ViewData, view_data

if TYPE_CHECKING:
    from desktop.core.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a session task hands back to the GUI thread."""

    comparison: Comparison | None
    problems: list[str] = field(default_factory=list)
    view: ViewData | None = None
    opened: Opened | None = None
    """Set when the comparison replaces the whole set (files opened, or a workspace)."""


@dataclass(frozen=True)
class SessionState:
    """What the user can change about the open set, and undo: the articles (their order and
    metadata), the options, the manual corrections and the verdicts. `Session.restore` brings
    one back."""

    articles: tuple[Article, ...]
    options: AlignOptions
    corrections: Corrections
    verdicts: Verdicts


def same_alignment(a: Comparison | None, b: Comparison | None) -> bool:
    """True if `a` and `b` are one alignment, perhaps with other verdicts (`with_verdicts`
    shares the articles, links and claims, so this is a few identity checks)."""
    if a is None or b is None:
        return a is b
    return a is b or (a.articles is b.articles and a.links is b.links and a.claims is b.claims)


def fresh_options(scorer: str) -> AlignOptions:
    """The options a new comparison starts with: the scorer's own default threshold, not the
    threshold some earlier comparison was left at (a workspace keeps its own)."""
    return AlignOptions(scorer=scorer)  # the scorer's own default threshold


@dataclass(frozen=True)
class Opened:
    """Where a new set came from: a workspace (its name and path) or article files."""

    workspace: Workspace | None = None
    path: str = ""


def single_comparison(articles: Sequence[Article], options: AlignOptions) -> Comparison:
    """A comparison of fewer than two articles: nothing links, every sentence is its own claim.

    It lets the window show a lone article while asking for another, without the aligner
    (which rightly refuses fewer than two).
    """
    claims = [
        Claim(0, (SentenceRef(article.id, sentence.index),))
        for article in articles
        for sentence in article.sentences
    ]
    return Comparison(tuple(articles), (), number_claims(claims, articles), options)


def _compare(
    articles: Sequence[Article],
    options: AlignOptions,
    progress: ProgressCallback,
    cancelled: CancelledCallback,
    corrections: Corrections | None = None,
) -> Comparison:
    if len(articles) < 2:
        return single_comparison(articles, options)
    from desktop.core.align import align

    comparison = align(articles, options, progress, cancelled, corrections)
    # Build the look-up tables here rather than on the GUI thread at first paint.
    for article in comparison.articles:
        comparison.status_counts(article.id)
    if comparison.claims:
        comparison.claim_of(comparison.claims[0].members[0])
    return comparison


def _outcome(
    comparison: Comparison, problems: list[str] | None = None, opened: Opened | None = None
) -> Outcome:
    """Package a comparison with what the window shows of it, worked out here, off the GUI
    thread."""
    return Outcome(comparison, problems or [], view_data(comparison), opened)


ArticleMaker = Callable[[str, Callable[[float], None], CancelledCallback], Article]
"""Makes one article with the given id in a worker (from pasted text, a URL …)."""


def is_file_source(source: str) -> bool:
    """False for articles with no file behind them: pasted text and pages opened by URL."""
    from desktop.core.paste import is_pasted
    from desktop.core.web import is_url

    return not (is_pasted(source) or is_url(source))


def _next_ids(existing: Sequence[Article], count: int) -> list[str]:
    numbers = [int(a.id[1:]) for a in existing if a.id[:1] == "a" and a.id[1:].isdigit()]
    first = max(numbers, default=0) + 1
    return [f"a{first + i}" for i in range(count)]


class Session(QObject):
    """The current comparison; every change arrives through `comparison_changed`.

    Signals:
        comparison_changed(object): the new `Comparison` (or None when nothing is open).
        busy_changed(bool): a worker started (True) or the last one ended (False).
        progress(float, str): progress of the running worker.
        problem(str): something the user caused went wrong (one sentence to show them).
        notice(str): information worth a message bar (e.g. "add another article").
        opened(object): an `Opened` (workspace or article files) replaced the whole set; sent
            just before the `comparison_changed` that shows it.
        verdicts_changed(object): only the verdicts changed; the same alignment (a
            `Comparison` for which `same_alignment` holds) with the new ones.
    """

    opened = Signal(object)
    comparison_changed = Signal(object)
    verdicts_changed = Signal(object)
    busy_changed = Signal(bool)
    progress = Signal(float, str)
    problem = Signal(str)
    notice = Signal(str)

    def __init__(self, options: AlignOptions | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._options = options or AlignOptions()
        self._corrections = Corrections()
        self._verdicts = Verdicts()
        self._comparison: Comparison | None = None
        self._task: workers.Task | None = None
        self._view: tuple[Comparison, ViewData] | None = None

    # -- state ----------------------------------------------------------------------------

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._comparison.articles if self._comparison else ()

    @property
    def options(self) -> AlignOptions:
        return self._options

    @property
    def corrections(self) -> Corrections:
        """The manual links and unlinks, including any whose re-alignment is still running."""
        return self._corrections

    @property
    def verdicts(self) -> Verdicts:
        """Every verdict and note of the open set, orphans included (what a save writes)."""
        return self._verdicts

    def sources(self) -> list[str]:
        """The files of the open articles (pasted ones and URLs live in the workspace only)."""
        return [a.source for a in self.articles if is_file_source(a.source)]

    def view_data_for(self, comparison: Comparison | None) -> ViewData | None:
        """What the worker worked out for showing `comparison`, if it is the one it is for
        (None after edits or reordering, which the views then work out themselves)."""
        if self._view is not None and self._view[0] is comparison:
            return self._view[1]
        return None

    def is_busy(self) -> bool:
        return self._task is not None

    def state(self) -> SessionState:
        """The open set as the user last changed it (a re-alignment may still be running)."""
        return SessionState(self.articles, self._options, self._corrections, self._verdicts)

    def restore(self, state: SessionState) -> None:
        """Bring back `state` (Undo and Redo): at once when only the verdicts, or the order or
        metadata of the articles differ, otherwise by re-aligning them in a worker."""
        comparison = self._comparison
        if comparison is None:
            return
        if not state.articles:
            self._task_cancel()
            self._set(None)
            return
        if dataclasses.replace(state, verdicts=self._verdicts) == self.state():
            self._set_verdicts(state.verdicts)  # even while a re-alignment runs
            return
        self._verdicts = state.verdicts
        same_text = {a.id: a.sentences for a in state.articles} == {
            a.id: a.sentences for a in comparison.articles
        }
        if (
            same_text
            and self._task is None
            and state.options == comparison.options
            and state.corrections == comparison.corrections
        ):
            self._options, self._corrections = state.options, state.corrections
            self._set(
                dataclasses.replace(comparison, articles=state.articles, verdicts=state.verdicts)
            )
            return
        self._options, self._corrections = state.options, state.corrections
        articles, options, corrections = state.articles, state.options, state.corrections
        self._start(lambda p, c: _outcome(_compare(articles, options, p, c, corrections)))

    def rerun(self) -> None:
        """Align the open set again as it is (the user pressed Return on the threshold)."""
        if self._comparison is not None:
            state = self.state()
            self._start(
                lambda p, c: _outcome(
                    _compare(state.articles, state.options, p, c, state.corrections)
                )
            )

    # -- requests -------------------------------------------------------------------------

    def open_files(self, paths: Sequence[str]) -> None:
        """Replace the open set with `paths` (kept as it is if none of them can be read)."""
        self._load([str(p) for p in paths], keep=())

    def open_workspace(self, path: str) -> None:
        """Replace the open set with a `.parallax` workspace: its articles, options,
        corrections and verdicts. If it cannot be read the open set stays and `problem` says why."""

        def work(progress: ProgressCallback, cancelled: CancelledCallback) -> Outcome:
            from desktop.core.workspace import Workspace

            progress(0.0, f"Reading {Path(path).name}")
            ws = Workspace.load(path)
            comparison = _compare(ws.articles, ws.options, progress, cancelled, ws.corrections)
            return _outcome(comparison, opened=Opened(ws, str(path)))  # + ws.verdicts: _on_finished

        self._start(work)

    def link(self, x: SentenceRef, y: SentenceRef) -> None:
        """Link two sentences by hand and re-align (the link survives later re-alignments)."""
        self._correct(self._corrections.with_link(x, y))

    def unlink(self, x: SentenceRef, y: SentenceRef) -> None:
        """Keep two sentences apart (removing a manual link between them) and re-align."""
        self._correct(self._corrections.with_unlink(x, y))

    def _correct(self, corrections: Corrections) -> None:
        if self._comparison is None or corrections == self._corrections:
            return
        self._corrections = corrections
        articles, options = self.articles, self._options
        self._start(lambda p, c: _outcome(_compare(articles, options, p, c, corrections)))

    def add_files(self, paths: Sequence[str]) -> None:
        """Add `paths` to the open set; files already open are skipped with a notice."""
        self._load([str(p) for p in paths], keep=self.articles)

    def add_made(self, makers: Sequence[tuple[str, ArticleMaker]]) -> None:
        """Add articles made in the worker by `makers` ((name, maker) pairs: pasted text, a
        URL to fetch); each failure is reported and the open set kept as it is."""
        keep, options, corrections = self.articles, self._options, self._corrections
        ids = _next_ids(keep, len(makers))

        def work(progress: ProgressCallback, cancelled: CancelledCallback) -> Outcome:
            from desktop.core.loading import part_of

            problems: list[str] = []
            made: list[Article] = []
            share = 0.5 / max(1, len(makers))  # making is the first half of the work
            for number, ((name, make), article_id) in enumerate(zip(makers, ids, strict=True)):
                within = part_of(progress, number * share, share, name)
                within(0.0)
                try:
                    made.append(make(article_id, within, cancelled))
                except Cancelled:
                    raise
                except ParallaxError as exc:
                    problems.append(str(exc))
            if not made:
                return Outcome(None, problems)

            def align_progress(fraction: float, message: str) -> None:
                progress(0.5 + 0.5 * fraction, message)

            articles = keep + tuple(made)
            comparison = _compare(articles, options, align_progress, cancelled, corrections)
            return _outcome(comparison, problems)

        self._start(work)

    def compare_articles(self, articles: Sequence[Article]) -> None:
        """Compare articles that are already loaded (from a workspace, a test, a benchmark)."""
        articles = tuple(articles)
        options, corrections = self._options, self._corrections
        self._start(lambda p, c: _outcome(_compare(articles, options, p, c, corrections)))

    def set_options(self, options: AlignOptions) -> None:
        """Re-align the loaded articles with new options (no file is read again)."""
        if options == self._options and self._task is None:
            return
        self._options = options
        if self._comparison is not None:
            articles, corrections = self.articles, self._corrections
            self._start(lambda p, c: _outcome(_compare(articles, options, p, c, corrections)))

    def remove_article(self, article_id: str) -> None:
        articles = tuple(a for a in self.articles if a.id != article_id)
        options = self._options
        corrections = self._corrections.restricted_to(articles)
        self._corrections = corrections
        if not articles:
            self._task_cancel()
            self._set(None)
            return
        self._start(lambda p, c: _outcome(_compare(articles, options, p, c, corrections)))

    def move_article(self, article_id: str, delta: int) -> None:
        """Move an article's pane left (negative) or right; links are unchanged."""
        if self._comparison is None:
            return
        articles = list(self.articles)
        index = next((i for i, a in enumerate(articles) if a.id == article_id), None)
        if index is None or not 0 <= index + delta < len(articles):
            return
        articles.insert(index + delta, articles.pop(index))
        self._set(dataclasses.replace(self._comparison, articles=tuple(articles)))

    def edit_article(self, article_id: str, **changes: str) -> None:
        """Apply metadata edits (outlet, title, published, author, …) everywhere at once."""
        if self._comparison is None or not changes:
            return
        articles = tuple(
            a.with_metadata(**changes) if a.id == article_id else a for a in self.articles
        )
        self._set(dataclasses.replace(self._comparison, articles=articles))

    def set_verdicts(self, verdicts: Verdicts) -> None:
        """Show `verdicts` on the open comparison at once (the window goes through `History`,
        so the change can be undone)."""
        if self._comparison is not None:
            self._set_verdicts(verdicts)

    def cancel(self) -> None:
        """Stop the running worker; the comparison on screen stays, and so do the options,
        corrections and verdicts it was made with (what the controls then show)."""
        if self._comparison is not None:
            self._verdicts = self._comparison.verdicts
            self._options = self._comparison.options
            if len(self._comparison.articles) > 1:
                self._corrections = self._comparison.corrections
        self._task_cancel()

    # -- machinery ------------------------------------------------------------------------

    def _load(self, paths: list[str], keep: Sequence[Article]) -> None:
        keep = tuple(keep)
        options = self._options if keep else fresh_options(self._options.scorer)
        corrections = self._corrections if keep else Corrections()
        open_sources = {file_identity(a.source): a.label for a in keep if a.source}
        ids = _next_ids(keep, len(paths))

        def work(progress: ProgressCallback, cancelled: CancelledCallback) -> Outcome:
            from desktop.core.loading import load_article, part_of

            problems: list[str] = []
            loaded: list[Article] = []
            seen = dict(open_sources)
            share = 0.3 / max(1, len(paths))  # reading is the first 30% of the work
            for number, (path, article_id) in enumerate(zip(paths, ids, strict=True)):
                if cancelled():
                    raise Cancelled()
                within = part_of(progress, number * share, share, f"Reading {Path(path).name}")
                within(0.0)
                key = file_identity(path)
                if key in seen:
                    problems.append(f"{path} is already open (as {seen[key]}).")
                    continue
                try:
                    article = load_article(path, article_id, within, cancelled)
                except Cancelled:
                    raise
                except ParallaxError as exc:
                    problems.append(str(exc))
                    continue
                seen[key] = article.label
                loaded.append(article)
            if not loaded:
                # Nothing new could be read: keep what is open as it is.
                return Outcome(None, problems)

            def align_progress(fraction: float, message: str) -> None:
                progress(0.3 + 0.7 * fraction, message)

            articles = keep + tuple(loaded)
            comparison = _compare(articles, options, align_progress, cancelled, corrections)
            return _outcome(comparison, problems, None if keep else Opened())

        self._start(work)

    def _start(self, fn: workers.TaskFunction) -> None:
        """Run `fn` in a worker, superseding (cancelling) the one still running, if any."""
        previous = self._task
        if previous is not None:
            previous.cancel()
        task = workers.Task(fn)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        self._task = task
        if previous is None:
            # Before the worker starts: showing the progress widgets needs the GIL many times.
            self.busy_changed.emit(True)
        workers.start(task)

    def _task_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.busy_changed.emit(False)

    def _is_current(self) -> bool:
        """True when the signal being handled comes from the task we still wait for."""
        sender = self.sender()
        return self._task is not None and sender is self._task.signals

    def _finish(self) -> None:
        self._task = None
        self.busy_changed.emit(False)

    def _on_progress(self, fraction: float, message: str) -> None:
        if self._is_current():
            self.progress.emit(fraction, message)

    def _on_finished(self, outcome: object) -> None:
        if not self._is_current():
            return
        self._finish()
        assert isinstance(outcome, Outcome)
        if outcome.problems:
            self.problem.emit("\n".join(outcome.problems))  # one per line
        if outcome.comparison is not None:
            if outcome.opened is not None:
                ws = outcome.opened.workspace
                self._verdicts = ws.verdicts if ws is not None else Verdicts()
            # The verdicts as they are now, set while the worker ran or not (cheap: shared).
            comparison = outcome.comparison.with_verdicts(self._verdicts)
            if outcome.view is not None:
                self._view = (comparison, outcome.view)
            if outcome.opened is not None:
                self._options = comparison.options
                self.opened.emit(outcome.opened)
            self._set(comparison)

    def _on_failed(self, exc: object) -> None:
        if not self._is_current():
            return
        self._finish()
        if isinstance(exc, ParallaxError):
            self.problem.emit(str(exc))
        elif isinstance(exc, BaseException):
            # A bug in the engine: let the installed excepthook log and show it.
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _on_cancelled(self) -> None:
        if self._is_current():
            self._finish()

    def _set_verdicts(self, verdicts: Verdicts) -> None:
        comparison = self._comparison
        self._verdicts = verdicts
        if comparison is None or comparison.verdicts == verdicts:
            return
        new = comparison.with_verdicts(verdicts)
        if self._view is not None and self._view[0] is comparison:
            self._view = (new, self._view[1])  # the tints and links are the same
        self._comparison = new
        log.info("verdicts: %d (%d orphaned)", len(verdicts), len(new.attached_verdicts.orphans))
        self.verdicts_changed.emit(new)

    def _set(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        if comparison is not None and len(comparison.articles) > 1:
            # Only those that applied: a correction naming a removed sentence is gone.
            self._corrections = comparison.corrections
        elif comparison is None:
            self._corrections = Corrections()
            self._verdicts = Verdicts()
        if comparison is not None and len(comparison.articles) == 1:
            self.notice.emit(
                f"Only one article is open ({comparison.articles[0].label}). "
                "Add another to compare them.",
            )
        self.comparison_changed.emit(comparison)

"""Reloading articles whose file changed on disk (File ▸ Reload Changed Articles).

Only articles that came from local files are watched (gui/file_watch.py); pasted text and pages
opened by URL live in the workspace and have no file. When a file may have changed (a watch
event, the window activated with another size or time on a file, File ▸ Check for Changes, or a
workspace opened whose files changed since it was saved), the file is read again in a worker and
what the loader gives is compared with the article shown (core/revision.py): a save or touch
that changes nothing says nothing. A real change is named in the message bar with Reload and
Ignore; several are listed together. A file deleted or no longer readable is said once, and the
article stays as loaded (its text is in the workspace); there is nothing to reload.

Reload reads the file again in a worker (it may have changed since the check). An error (wrong
encoding, empty file) is shown and the article stays as it is. Otherwise the article keeps its
id, its place and every detail the user edited; manual corrections and verdicts follow their
sentences to their new numbers (those on sentences that are gone are dropped or reported as
orphans, as any re-alignment does), and the change is one undoable step through `History`, so
Undo brings the previous text back. The window then re-aligns as for any other change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal

from desktop.core.article import Article
from desktop.core.comparison import Comparison
from desktop.core.errors import ParallaxError
from desktop.core.options import CancelledCallback, ProgressCallback
from desktop.core.revision import (
    differs,
    metadata,
    reloaded,
    remap_corrections,
    remap_verdicts,
    sentence_map,
)
from desktop.core.wording import and_list
from desktop.gui import workers
from desktop.gui.errors import ERROR, WARNING
from desktop.gui.file_watch import FileWatch, watch_path
from desktop.gui.session import Opened, SessionState, is_file_source

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

CHANGED = "changed"
GONE = "gone"
BROKEN = "broken"

Read = dict[str, Article | tuple[str, str]]
"""What a worker read: article id → the file's article, or (GONE or BROKEN, why)."""


@dataclass
class Tracked:
    """An article with a file behind it."""

    path: str
    """The absolute path watched."""
    as_loaded: Article | None
    """The article the file gave when last read, if known (not for a workspace's article
    whose file changed since it was saved): what tells the user's edits from the file's."""


@dataclass(frozen=True)
class Change:
    """What a check found about one article's file."""

    kind: str
    """`CHANGED`, `GONE` or `BROKEN`."""
    detail: str
    fingerprint: object
    """Equal for the same content (or the same problem), so an ignored one is not said again."""


def _read_files(wanted: dict[str, str]) -> workers.TaskFunction:
    """A task reading each (article id → path) with the loader, in a worker."""

    def work(progress: ProgressCallback, cancelled: CancelledCallback) -> Read:
        from desktop.core.errors import Cancelled
        from desktop.core.loading import load_article

        read: Read = {}
        for number, (article_id, path) in enumerate(wanted.items()):
            if cancelled():
                raise Cancelled()
            progress(number / len(wanted), f"Reading {os.path.basename(path)}")
            if not os.path.exists(path):
                read[article_id] = (GONE, "was deleted or moved")
                continue
            try:
                read[article_id] = load_article(path, article_id, None, cancelled)
            except Cancelled:
                raise
            except ParallaxError as exc:
                read[article_id] = (BROKEN, str(exc))
        return read

    return work


def _fingerprint(article: Article) -> object:
    return (article.text, tuple(metadata(article).items()))


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


class ReloadController(QObject):
    """Watches the open articles' files, reports changes in the message bar, reloads them.

    Signals:
        checked(list): these articles' files were read and compared with what is shown (the
            message bar, if anything changed, already says so).
    """

    checked = Signal(list)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = window.session
        self.watch = FileWatch(self)
        self.watch.touched.connect(self._on_touched)
        self._tracked: dict[str, Tracked] = {}
        self._changes: dict[str, Change] = {}
        self._ignored: dict[str, object] = {}
        self._from_workspace = False
        self._checking: workers.Task | None = None
        self._queued: dict[str, bool] = {}  # article id → asked for by a workspace check
        self._reloading: workers.Task | None = None
        self._explicit = False  # the running check answers Check for Changes
        self._session.opened.connect(self._on_opened)
        self._session.comparison_changed.connect(self._on_comparison_changed)
        window.installEventFilter(self)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {"reload_changed": self.reload_changed, "check_changes": self.check_all}

    # -- what is open ---------------------------------------------------------------------

    def changes(self) -> dict[str, Change]:
        """The changes found and not yet reloaded or ignored, by article id."""
        return dict(self._changes)

    def tracked_ids(self) -> set[str]:
        """The ids of the articles that have a file behind them (pasted ones do not)."""
        return set(self._tracked)

    def reloadable(self) -> list[str]:
        """The ids of the articles whose file changed and can be reloaded."""
        present = {a.id for a in self._session.articles}
        return [i for i, c in self._changes.items() if c.kind == CHANGED and i in present]

    def _on_opened(self, opened: Opened) -> None:
        self._tracked.clear()
        self._changes.clear()
        self._ignored.clear()
        self._queued.clear()
        self._from_workspace = opened.workspace is not None

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        from_workspace, self._from_workspace = self._from_workspace, False
        articles = comparison.articles if comparison is not None else ()
        new: list[str] = []
        for article in articles:
            if not is_file_source(article.source):
                continue
            known = self._tracked.get(article.id)
            if known is not None and known.path == watch_path(article.source):
                continue  # (an id freed by a removal may come back with another file)
            # Just read from its file, unless it comes from a workspace (its file may differ).
            as_loaded = None if from_workspace else article
            self._tracked[article.id] = Tracked(watch_path(article.source), as_loaded)
            new.append(article.id)
        present = {a.id for a in articles}
        for article_id in [i for i in self._changes if i not in present]:
            del self._changes[article_id]
        self.watch.set_paths(t.path for i, t in self._tracked.items() if i in present)
        if from_workspace and new:
            self._check(new, workspace=True)
        self.update_actions()

    # -- checking -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.WindowActivate:
            self.check_stamps()
        return False

    def check_stamps(self) -> None:
        """Read again the files whose size, time or inode changed (the window was activated:
        this also covers files the system cannot watch)."""
        self._on_touched(self.watch.stamp_changed())

    def check_all(self) -> None:
        """File ▸ Check for Changes: read every open article's file again."""
        ids = [a.id for a in self._session.articles if a.id in self._tracked]
        if not ids:
            self._window.statusBar().showMessage("No open article comes from a file.", 5000)
            return
        self._check(ids, explicit=True)

    def _on_touched(self, paths: list[str]) -> None:
        touched = set(paths)
        present = {a.id for a in self._session.articles}
        ids = [i for i, t in self._tracked.items() if t.path in touched and i in present]
        if ids:
            self._check(ids)

    def _check(self, ids: list[str], workspace: bool = False, explicit: bool = False) -> None:
        for article_id in ids:
            self._queued[article_id] = self._queued.get(article_id, False) or workspace
        self._explicit = self._explicit or explicit
        if self._checking is not None:
            return  # read when the running check ends
        queued, self._queued = self._queued, {}
        wanted = {i: self._tracked[i].path for i in queued if i in self._tracked}
        task = workers.Task(_read_files(wanted))
        task.signals.finished.connect(lambda read: self._on_checked(read, queued))
        task.signals.failed.connect(self._on_check_failed)
        task.signals.cancelled.connect(self._next_check)
        self._checking = task
        workers.start(task)

    def _on_check_failed(self, exc: object) -> None:
        log.error("checking files failed: %s", exc)
        self._next_check()

    def _next_check(self) -> None:
        self._checking = None
        if self._queued:
            self._check([])

    def _on_checked(self, read: Read, asked: dict[str, bool]) -> None:
        explicit, self._explicit = self._explicit, False
        shown = {a.id: a for a in self._session.articles}
        found = 0
        for article_id, result in read.items():
            tracked = self._tracked.get(article_id)
            article = shown.get(article_id)
            if tracked is None or article is None:
                continue
            self.watch.remember(tracked.path)
            workspace = asked.get(article_id, False)
            if isinstance(result, Article):
                if not differs(article, result, tracked.as_loaded):
                    self._changes.pop(article_id, None)
                    if tracked.as_loaded is None:
                        tracked.as_loaded = result  # the file is what the workspace saved
                    continue
                change = Change(CHANGED, "", _fingerprint(result))
            elif workspace:
                continue  # a workspace keeps its text: its files may be elsewhere by now
            else:
                change = Change(result[0], result[1], result)
            if self._ignored.get(article_id) == change.fingerprint:
                continue  # ignored, or a problem already said
            if self._changes.get(article_id) == change:
                continue  # already in the message bar (several events for one save)
            if change.kind != CHANGED:
                self._ignored[article_id] = change.fingerprint  # said once
            self._changes[article_id] = change
            found += 1
        self._next_check()
        if found:
            self._show(workspace=any(asked.values()))
        elif explicit and not self._changes:
            self._window.statusBar().showMessage("No article changed on disk.", 5000)
        self.update_actions()
        self.checked.emit(sorted(read))

    # -- telling the user -----------------------------------------------------------------

    def _label(self, article_id: str) -> str:
        article = next((a for a in self._session.articles if a.id == article_id), None)
        return article.label if article is not None else article_id

    def _show(self, workspace: bool = False) -> None:
        changed = [self._label(i) for i in self.reloadable()]
        lines = []
        if changed and workspace:
            files = "file" if len(changed) == 1 else "files"
            lines.append(
                f"The {files} of {and_list(changed)} changed since this workspace was saved; "
                "it shows the text it saved."
            )
        elif len(changed) == 1:
            path = self._tracked[self.reloadable()[0]].path
            name = os.path.basename(path)
            lines.append(f"{_possessive(changed[0])} file {name} changed on disk.")
        elif changed:
            lines.append(f"{len(changed)} articles changed on disk: {', '.join(changed)}.")
        for article_id, change in list(self._changes.items()):
            if change.kind == GONE:
                path = self._tracked[article_id].path
                lines.append(
                    f"{_possessive(self._label(article_id))} file {path} {change.detail}; "
                    "the article stays as loaded."
                )
                del self._changes[article_id]
            elif change.kind == BROKEN:
                lines.append(
                    f"{_possessive(self._label(article_id))} file changed and can no longer be "
                    f"read ({change.detail}); the article stays as loaded."
                )
                del self._changes[article_id]
        if not lines:
            return
        text = "\n".join(lines)
        if changed:
            label = "Reload" if len(changed) == 1 else "Reload All"
            self._window.show_actions(text, [(label, self.reload_changed), ("Ignore", self.ignore)])
        else:
            self._window.show_actions(text, [], WARNING)

    def ignore(self) -> None:
        """Keep the articles as shown; the same content is not reported again."""
        for article_id, change in self._changes.items():
            self._ignored[article_id] = change.fingerprint
        self._changes.clear()
        self.update_actions()

    def update_actions(self) -> None:
        action = getattr(self._window, "actions_by_name", {}).get("reload_changed")
        if action is not None:
            action.setEnabled(bool(self.reloadable()) and self._reloading is None)

    # -- reloading ------------------------------------------------------------------------

    def reload_changed(self) -> None:
        """Reload every article whose file changed (in a worker), as one undoable step."""
        ids = self.reloadable()
        if not ids or self._reloading is not None:
            return
        task = workers.Task(_read_files({i: self._tracked[i].path for i in ids}))
        task.signals.finished.connect(self._on_reloaded)
        task.signals.failed.connect(self._on_reload_failed)
        task.signals.cancelled.connect(self._on_reload_failed)
        self._reloading = task
        self.update_actions()
        workers.start(task)

    def _on_reload_failed(self, exc: object = None) -> None:
        self._reloading = None
        self.update_actions()
        if exc is not None:
            self._window.show_actions(f"The articles were not reloaded: {exc}", [], ERROR)

    def _on_reloaded(self, read: Read) -> None:
        self._reloading = None
        state = self._session.state()
        articles = list(state.articles)
        corrections, verdicts = state.corrections, state.verdicts
        names: list[str] = []
        problems: list[str] = []
        dropped = 0
        for index, shown in enumerate(articles):
            result = read.get(shown.id)
            tracked = self._tracked.get(shown.id)
            if result is None or tracked is None:
                continue
            if not isinstance(result, Article):
                problems.append(f"{shown.label} was not reloaded: {result[1]}.")
                self._changes.pop(shown.id, None)
                continue
            self.watch.remember(tracked.path)
            self._changes.pop(shown.id, None)
            self._ignored.pop(shown.id, None)
            if not differs(shown, result, tracked.as_loaded):
                tracked.as_loaded = result
                continue
            new = reloaded(shown, result, tracked.as_loaded)
            mapping = sentence_map(shown, new)
            corrections, lost = remap_corrections(corrections, shown.id, mapping)
            dropped += lost
            verdicts = remap_verdicts(verdicts, shown.id, mapping, len(new.sentences))
            tracked.as_loaded = result
            articles[index] = new
            names.append(shown.label)
        self.update_actions()
        if names:
            after = SessionState(tuple(articles), state.options, corrections, verdicts)
            what = names[0].replace("&", "&&") if len(names) == 1 else f"{len(names)} Articles"
            self._window.history.change(f"Reload {what}", after)
            text = f"Reloaded {and_list(names)} from disk."
            if dropped:
                links = "manual link or unlink" if dropped == 1 else "manual links or unlinks"
                text += f" {dropped} {links} named sentences that are gone and were dropped."
            self._window.show_undoable("\n".join([text, *problems]))
        elif problems:
            self._window.show_actions(
                "\n".join([*problems, "The articles stay as they were loaded."]), [], ERROR
            )

    def cancel(self) -> None:
        """Stop reading (the window is closing)."""
        self.watch.stop()
        for task in (self._checking, self._reloading):
            if task is not None:
                task.cancel()

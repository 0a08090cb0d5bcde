"""Workspaces: one `.parallax` file that reopens a comparison exactly as the user left it.

A researcher spends hours on one event: loading articles, fixing outlets and dates, linking and
unlinking sentences by hand. None of that may depend on the original files still being where
they were, so a workspace holds everything: the event's name, every article's text as loaded
with its metadata (user edits included) and its sentences, the articles' order, the
`AlignOptions`, the manual `Corrections` and the user's `Verdicts` (verdicts.py). Alignment
itself is not stored: it is recomputed from those in a second or so, which keeps the file small
and always consistent with the engine.

Writing is atomic (files.py): a failed or killed save leaves the previous file intact. Reading
never modifies the file and is defensive: only a regular file of at most `MAX_BYTES` is read (a
FIFO or /dev/zero behind a .parallax name is refused at once), and anything that is not a
workspace this version can read (corrupt, cut short, nested too deep, numbers JSON cannot hold,
lone surrogates, manual links that are not one-to-one, empty sentences, wrong types, no
articles, from a newer Parallax, not ours) raises `FormatError` with a message saying which.

Typical use (the GUI's Save, Open and autosave)::

    ws = Workspace.from_comparison(comparison, "Ukraine talks, August 2025")
    ws.save(path)                           # ExportError if it cannot be written
    ws = Workspace.load(path)               # FormatError / LoadError if it cannot be read
    comparison = ws.comparison(progress, cancelled)   # in a worker: this re-aligns

The JSON (a private format, but documented for the curious)::

    {"format": "parallax-workspace", "version": 1, "saved_with": "parallax 0.1.0",
     "name": "…", "options": {"threshold": 50.0, …},
     "corrections": {"links": [{"a": {"article": "a1", "sentence": 3},
                                "b": {"article": "a2", "sentence": 5}}], "unlinks": []},
     "verdicts": {"claims": [{"anchors": [{"article": "a1", "sentence": 3}, …],
                              "verdict": "disputed", "note": "…", "text": "…"}],
                  "links": [{"a": {…}, "b": {…}, "verdict": "verified", "note": "…"}]},
     "articles": [{"id": "a1", "source": "…", "outlet": "…", "title": "…", "published": "…",
                   "author": "…", "url": "…", "note": "…", "extra": {…}, "text": "…",
                   "sentences": [{"index": 0, "text": "…", "start": 0, "end": 57,
                                  "kind": "headline", "block": 0}]}]}

Articles are written exactly as in the comparison JSON ("url", "note" and "extra" only when set).
"verdicts" is written only when there are some (an addition: older files read as having none).
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core.align import align
from desktop.core.article import SENTENCE_KINDS, Article
from desktop.core.comparison import Comparison, _article_from_dict, _article_to_dict
from desktop.core.corrections import Corrections
from desktop.core.errors import FormatError, LoadError
from desktop.core.files import write_text_atomic
from desktop.core.options import (
    AlignOptions,
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.core.verdicts import Verdicts

log = logging.getLogger(__name__)

FORMAT_NAME = "parallax-workspace"
FORMAT_VERSION = 1
"""Bumped on any change an older Parallax could not read correctly."""

SUFFIX = ".parallax"
"""The file name extension of workspaces."""

GENERATOR = f"parallax {__version__}"


@dataclass(frozen=True)
class Workspace:
    """Everything needed to rebuild a comparison, and nothing that can be recomputed."""

    name: str
    """The event, as the user named it ("Ukraine talks, August 2025")."""
    articles: tuple[Article, ...]
    """In the order the user arranged them; ids are unique."""
    options: AlignOptions = field(default_factory=AlignOptions)
    corrections: Corrections = field(default_factory=Corrections)
    verdicts: Verdicts = field(default_factory=Verdicts)
    """Verdicts and notes, anchored on sentences; re-attached to each new alignment."""
    saved_with: str = field(default=GENERATOR, compare=False)
    """The Parallax that wrote the file this was read from; `to_json()` always writes this one."""

    def __post_init__(self) -> None:
        # A list is accepted for convenience; the stored value is a tuple like everywhere else.
        object.__setattr__(self, "articles", tuple(self.articles))
        ids = [a.id for a in self.articles]
        if len(set(ids)) != len(ids):
            raise ValueError("two articles share an id")

    # -- to and from a comparison ------------------------------------------------------------------

    @classmethod
    def from_comparison(
        cls,
        comparison: Comparison,
        name: str,
        corrections: Corrections | None = None,
        verdicts: Verdicts | None = None,
    ) -> Workspace:
        """The workspace of a comparison; its own corrections and verdicts unless others are
        given."""
        return cls(
            name=name,
            articles=comparison.articles,
            options=comparison.options,
            corrections=comparison.corrections if corrections is None else corrections,
            verdicts=comparison.verdicts if verdicts is None else verdicts,
        )

    def comparison(
        self,
        progress: ProgressCallback = no_progress,
        cancelled: CancelledCallback = never_cancelled,
    ) -> Comparison:
        """Align the stored articles with the stored options and corrections (slow: a worker).

        No file is read and nothing is re-segmented, so every offset is the one saved. Raises
        `InputError` with fewer than two articles and `Cancelled` when asked to stop. The
        verdicts are re-attached (`comparison.attached_verdicts` lists those that no longer
        attach to anything).
        """
        comparison = align(self.articles, self.options, progress, cancelled, self.corrections)
        return comparison.with_verdicts(self.verdicts)

    # -- JSON ------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "saved_with": GENERATOR,
            "name": self.name,
            "options": self.options.to_dict(),
            "corrections": self.corrections.to_dict(),
            **({} if self.verdicts.is_empty else {"verdicts": self.verdicts.to_dict()}),
            "articles": [_article_to_dict(a) for a in self.articles],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_dict(cls, data: Any) -> Workspace:
        """Read `to_dict()`'s output; `FormatError` unless it is a workspace this version reads."""
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            if isinstance(data, dict) and data.get("format") == "parallax-comparison":
                raise FormatError(
                    "This is a comparison exported as JSON, not a workspace; open the "
                    "original articles, or a workspace (.parallax) saved from them."
                )
            raise FormatError(f"This is not a Parallax workspace (no {FORMAT_NAME!r} tag).")
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise FormatError(
                f"This workspace was saved by a newer Parallax ({data.get('saved_with', '?')}, "
                f"workspace format version {version}); this Parallax ({__version__}) reads up "
                f"to version {FORMAT_VERSION}. Update Parallax to open it."
            )
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise FormatError(f"The workspace is damaged: its format version is {version!r}.")
        try:
            _check_values(data)
            if not isinstance(data["articles"], list) or not data["articles"]:
                raise FormatError("it holds no articles")
            articles = tuple(_article(a) for a in data["articles"])
            corrections = Corrections.from_dict(data.get("corrections", {}))
            _check_one_to_one(corrections)
            return cls(
                name=_text(data.get("name", ""), "the name"),
                articles=articles,
                options=_options(data.get("options", {})),
                corrections=corrections,
                verdicts=Verdicts.from_dict(data.get("verdicts", {})),
                saved_with=str(data.get("saved_with", "")),
            )
        except FormatError as exc:
            raise FormatError(f"The workspace is damaged: {exc.message}") from exc
        except (
            KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError,
            RecursionError,
        ) as exc:  # fmt: skip
            raise FormatError(
                f"The workspace is damaged and cannot be read ({_brief(exc)})."
            ) from exc

    @classmethod
    def from_json(cls, text: str) -> Workspace:
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            if FORMAT_NAME in text[:200]:
                raise FormatError(
                    f"The workspace is damaged (cut short or corrupt: {exc.msg} at line "
                    f"{exc.lineno}, column {exc.colno}) and cannot be read."
                ) from exc
            raise FormatError("This is not a Parallax workspace (it is not JSON).") from exc
        except (ValueError, RecursionError) as exc:
            # Nesting too deep for the parser, a number of thousands of digits, Infinity/NaN.
            raise FormatError(
                f"The workspace is damaged and cannot be read ({_brief(exc)})."
            ) from exc
        return cls.from_dict(data)

    # -- files -----------------------------------------------------------------------------------

    def save(self, path: str | Path, private: bool = False) -> None:
        """Write the workspace to `path` atomically: on any failure the old file is intact.

        An existing file keeps its mode; `private` makes it 0600 (autosaves). Raises
        `ExportError` naming the file and the reason (folder missing, no permission…).
        """
        write_text_atomic(Path(path), self.to_json(), private)
        log.info("saved workspace %r to %s", self.name, path)

    @classmethod
    def load(cls, path: str | Path) -> Workspace:
        """Read a workspace file; the file is only read, never changed.

        Raises `LoadError` if the file cannot be read at all (missing, a folder, no permission)
        and `FormatError`, naming the file, if it is not a workspace this version can read.
        """
        source = str(path)
        data = _read_regular_file(source)
        try:
            if not data.strip():
                raise FormatError(
                    "The file is empty: it is not a Parallax workspace, or one whose saving "
                    "never finished."
                )
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise FormatError("This is not a Parallax workspace (it is not text).") from None
            workspace = cls.from_json(text)
        except FormatError as exc:
            raise FormatError(f"{source}: {exc.message}") from exc
        log.info("opened workspace %r from %s (%s)", workspace.name, source, workspace.saved_with)
        return workspace


MAX_BYTES = 200 * 1024 * 1024
"""Larger files are refused unread: 200 articles with full texts are a few megabytes."""


def _read_regular_file(source: str) -> bytes:
    """The file's bytes, if it is a regular file within `MAX_BYTES`; `LoadError` otherwise.

    Opened without blocking, so a FIFO behind a .parallax name is refused at once instead of
    hanging the worker (and the exit after it); a device (/dev/zero) is refused unread.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise LoadError.unreadable(source, exc) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(source, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(source, "is not a regular file (a device or pipe?)")
        if info.st_size > MAX_BYTES:
            size = info.st_size / 2**20
            raise LoadError(source, f"the file is {size:.0f} MB: too big for a workspace")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_BYTES:
                raise LoadError(source, "the file grew past the size of any workspace")
    except OSError as exc:
        raise LoadError.unreadable(source, exc) from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a workspace holds")


def _brief(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _check_values(data: Any) -> None:
    """Every string encodable (no lone surrogates, which no save could write back)."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError("it holds a broken character (a lone surrogate)") from exc


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise FormatError(f"{what} is not text")
    return value


def _options(data: Any) -> AlignOptions:
    if not isinstance(data, dict):
        raise FormatError("the options are not a JSON object")
    for key in ("threshold", "chain_margin"):
        value = data.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FormatError(f"the option {key} is {value!r}, not a number")
    if not isinstance(data.get("scorer", ""), str):
        raise FormatError("the option scorer is not text")
    return AlignOptions.from_dict(data)


def _check_one_to_one(corrections: Corrections) -> None:
    """Manual links are one-to-one per article pair, as `Corrections.with_link` keeps them."""
    ends: set[tuple[object, str]] = set()
    for x, y in corrections.links:
        for end, other in ((x, y), (y, x)):
            if (end, other.article) in ends:
                raise FormatError(
                    f"sentence {end.sentence + 1} of {end.article} has two manual links into "
                    f"{other.article}"
                )
            ends.add((end, other.article))


_INT_FIELDS = ("index", "start", "end")


def _article(data: Any) -> Article:
    """One stored article, checked: its text is present and every sentence slices back."""
    if not isinstance(data, dict):
        raise FormatError("an article is not a JSON object")
    if not isinstance(data.get("text"), str):
        raise FormatError(f"article {data.get('id')!r} has no text")
    if "\x00" in data["text"]:
        raise FormatError(f"article {data.get('id')!r} holds NUL characters")
    for key in ("id", "source", "outlet", "title", "published", "author", "url", "note"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise FormatError(f"the {key} of article {data.get('id')!r} is not text")
    if not isinstance(data.get("sentences"), list):
        raise FormatError(f"article {data.get('id')!r} has no list of sentences")
    for s in data["sentences"]:
        if not isinstance(s, dict) or not isinstance(s.get("text"), str):
            raise FormatError(f"a sentence of article {data.get('id')!r} is not readable")
        for key in (*_INT_FIELDS, "block"):
            value = s.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, int):
                raise FormatError(f"a sentence of article {data.get('id')!r} has {key} {value!r}")
        if s.get("kind", "body") not in SENTENCE_KINDS:
            raise FormatError(f"a sentence of article {data.get('id')!r} is of kind {s['kind']!r}")
    article = _article_from_dict(data)
    _check_offsets(article)
    return article


def _check_offsets(article: Article) -> None:
    text = article.text
    for s in article.sentences:
        if not s.text.strip():
            raise FormatError(f"sentence {s.index + 1} of article {article.id} is empty")
        if not (0 <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text:
            raise FormatError(
                f"sentence {s.index + 1} of article {article.id} ({article.label}) does not "
                f"match the article's text at {s.start}–{s.end}"
            )

"""Typed errors whose message a person can act on.

Every error a user can cause is raised as a `ParallaxError` subclass carrying a sentence that
names the thing (usually a file) and the reason; the CLI prints it on one line and the window
shows it in one place. Anything else is a bug and is treated as such.
"""

from __future__ import annotations

from pathlib import Path


class ParallaxError(Exception):
    """Base of every expected, user-facing failure."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class LoadError(ParallaxError):
    """An article file could not be turned into an article."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    @classmethod
    def unreadable(cls, path: str | Path, exc: OSError) -> LoadError:
        """The file could not be read at all: missing, a folder, no permission, …"""
        if isinstance(exc, FileNotFoundError):
            reason = "file not found"
        elif isinstance(exc, IsADirectoryError):
            reason = "is a folder, not a file"
        elif isinstance(exc, PermissionError):
            reason = "permission denied: cannot read this file"
        else:
            reason = exc.strerror or str(exc)
        return cls(path, reason)


class InputError(ParallaxError):
    """The set of inputs as a whole is unusable (too few articles, the same file twice, …)."""


class ExportError(ParallaxError):
    """A report or JSON file could not be written."""


class FormatError(ParallaxError):
    """A comparison or workspace file is corrupt, from a newer version, or not ours."""


class Cancelled(ParallaxError):
    """The user cancelled long work; not a failure, so callers usually swallow it."""

    def __init__(self) -> None:
        super().__init__("Cancelled.")

"""Parallax's own folder in the user's cache, for data that is slow to make and safe to lose.

Everything kept here can be rebuilt from what ships with Parallax (for example the language
model unpacked once, see language.py), so deleting the folder only costs the next run some time.
`PARALLAX_CACHE_DIR` overrides the place (the tests point it at a temporary folder); otherwise
it is `$XDG_CACHE_HOME/parallax` (default `~/.cache/parallax`), `%LOCALAPPDATA%\\parallax` on
Windows and `~/Library/Caches/parallax` on macOS. Nothing is written anywhere else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "PARALLAX_CACHE_DIR"
"""Names another cache folder (tests, or a user whose home is read-only)."""


def cache_dir() -> Path:
    """The cache folder (not created here: writers create it when they first need it)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "parallax"

"""The one place that knows where bundled resources (icons, style sheets) live.

Unfrozen, resources sit in the repository's top-level `resources/` folder; in a PyInstaller
bundle they are unpacked under `sys._MEIPASS/resources`. Every caller goes through
`resource_path` so packaging only has to get this one function right.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder holding the bundled resources, frozen or not."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. `resource_path("icons", "open.svg")`."""
    return resource_root().joinpath(*parts)


SAMPLE_SET = "security-guarantees-2025-08"


def samples_root() -> Path:
    """The bundled sample articles (`samples/` beside `resources/`, frozen or not)."""
    return resource_root().parent / "samples"


def sample_files(name: str = SAMPLE_SET) -> list[Path]:
    """The articles of one bundled sample set, sorted; [] if it is not there."""
    folder = samples_root() / name
    return sorted(p for p in folder.glob("*") if p.suffix in (".md", ".txt", ".html", ".htm"))

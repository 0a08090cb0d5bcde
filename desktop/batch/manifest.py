"""Which folders are clusters, what each writes, and the manifest that says what is done.

A cluster is done when `OUT/.parallax-batch` records it with the same inputs (path as given,
size, SHA-256), options and Parallax version, and each output asked for still has the SHA-256
recorded when it was written.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop import __version__

log = logging.getLogger(__name__)

MANIFEST = ".parallax-batch"
"""The manifest's name: hidden, and not ending in .json, so `OUT/*.json` lists comparisons only."""


class UsageError(Exception):
    """A problem with the command line as a whole: nothing is run."""


def find_clusters(folders: Sequence[str]) -> list[tuple[str, Path, list[str]]]:
    """(name, folder, article files as paths) per folder given, in the order given."""
    from desktop.core.loading import ARTICLE_SUFFIXES

    seen: dict[str, Path] = {}
    clusters = []
    for arg in folders:
        folder = Path(arg)
        if not folder.is_dir():
            what = "does not exist" if not folder.exists() else "is not a folder"
            raise UsageError(f"{arg} {what} (give one folder per cluster, like DIR/*/)")
        name = folder.resolve().name
        if name in seen:
            if seen[name] == folder.resolve():
                continue  # the same folder twice
            raise UsageError(
                f"two folders are named {name!r} ({seen[name]} and {folder.resolve()}): "
                "their outputs would overwrite each other"
            )
        seen[name] = folder.resolve()
        files = sorted(
            (p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()),
            key=lambda p: p.name,
        )
        clusters.append((name, folder, [str(p) for p in files if not p.name.startswith(".")]))
    return clusters


def fingerprint(files: Sequence[str]) -> list[list[Any]]:
    """[path as given, size, SHA-256] per input: what makes a recorded result still valid."""
    out = []
    for path in files:
        data = Path(path).read_bytes()
        out.append([path, len(data), hashlib.sha256(data).hexdigest()])
    return out


def output_paths(name: str, json_dir: Path, dirs: dict[str, Path]) -> dict[str, Path]:
    """Every file a cluster writes, by kind ("json", "csv", "csv-links", "html")."""
    paths = {"json": json_dir / f"{name}.json"}
    if "csv" in dirs:
        from desktop.export.csv_export import links_path

        paths["csv"] = dirs["csv"] / f"{name}.csv"
        paths["csv-links"] = links_path(paths["csv"])
    if "html" in dirs:
        paths["html"] = dirs["html"] / f"{name}.html"
    return paths


class Manifest:
    """`OUT/.parallax-batch`: what each finished cluster was made from and wrote."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == "parallax-batch" and isinstance(data.get("clusters"), dict):
                self.entries = data["clusters"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("%s is unreadable (%s): every cluster runs again", path, exc)

    def entry(self, inputs: list[list[Any]], options: dict[str, Any]) -> dict[str, Any]:
        return {"inputs": inputs, "options": options, "generator": f"parallax {__version__}"}

    def is_done(self, name: str, expected: dict[str, Any], outputs: dict[str, Path]) -> bool:
        recorded = self.entries.get(name)
        if not isinstance(recorded, dict):
            return False
        if any(recorded.get(k) != v for k, v in expected.items()):
            return False
        written = recorded.get("outputs", {})
        return all(
            written.get(kind) == [str(path.resolve()), _sha256_of(path)]
            for kind, path in outputs.items()
        )

    def record(self, name: str, entry: dict[str, Any]) -> None:
        from desktop.core.files import write_text_atomic

        self.entries[name] = entry
        data = {"format": "parallax-batch", "version": 1, "clusters": self.entries}
        write_text_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def _sha256_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""

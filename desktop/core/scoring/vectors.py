"""Sentence embeddings, computed once per sentence: a memory cache, a disk cache, then the model.

Embeddings are keyed by model and text. The memory cache lives as long as the process, so a
threshold change or a re-alignment never embeds again; the disk cache (an SQLite file in the
user's cache folder, `$XDG_CACHE_HOME/parallax/`, else `~/.cache/parallax/`) makes re-opening a
set instant. If the disk cache cannot be used (read-only home, a damaged file) Parallax carries
on with the memory cache and says so in the log. Nothing is written anywhere else.
"""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop.core.cache import cache_dir
from desktop.core.errors import Cancelled
from desktop.core.options import CancelledCallback, ProgressCallback, never_cancelled, no_progress

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)

MEMORY_ENTRIES = 200_000
"""Embeddings kept in memory per model (MiniLM: 1.5 KB each, so at most ~300 MB)."""

DISK_ENTRIES = 500_000
"""Rows the disk cache keeps; past that, the least recently used tenth goes."""

BATCH = 32
"""Sentences per model call: sorted by length first, so little padding is computed."""


class Encoder(ABC):
    """A sentence-embedding model: unit vectors whose dot product is the cosine."""

    model_id: str = ""
    """Names the model and its version in the caches: change it when the vectors change."""
    label: str = ""
    """What the model is, for the README, reports and the JSON options."""
    languages: frozenset[str] = frozenset({"en"})
    """ISO 639-1 codes it reads well ("" counts as English)."""

    @abstractmethod
    def load(self) -> None:
        """Load the model (once per process); raise `ScorerUnavailable` if it cannot."""

    @abstractmethod
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (float32, one row per text) for a batch of texts."""


class _Memory:
    """Per-model LRU of text → vector, shared by every alignment in the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_model: dict[str, OrderedDict[str, np.ndarray]] = {}

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            table = self._by_model.setdefault(model, OrderedDict())
            out = {}
            for t in texts:
                v = table.get(t)
                if v is not None:
                    table.move_to_end(t)
                    out[t] = v
            return out

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self._lock:
            table = self._by_model.setdefault(model, OrderedDict())
            table.update(vectors)
            while len(table) > MEMORY_ENTRIES:
                table.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._by_model.clear()


MEMORY = _Memory()


def _sqlite_error() -> type[Exception]:
    import sqlite3

    return sqlite3.Error


def _key(text: str) -> bytes:
    return _blake2b()(text.encode("utf-8"), digest_size=16).digest()


@cache
def _blake2b() -> Any:
    """hashlib's BLAKE2b, imported only when the disk cache is used. From CPython's own
    `_blake2` module where it exists: importing `hashlib` loads OpenSSL first (5–8 ms of a
    small `compare`, for a hash OpenSSL does not provide here anyway). The digests are the
    same."""
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python implementation
        from hashlib import blake2b
    return blake2b


class DiskCache:
    """Vectors on disk, one SQLite file for every model (rows keyed by model and text hash)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or cache_dir()) / "embeddings.sqlite3"
        self._warned = False

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        import sqlite3  # only when a semantic scorer runs

        if not create and not self.path.exists():
            return None
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5)
        db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
            "vec BLOB NOT NULL, used INTEGER NOT NULL, PRIMARY KEY (model, key))"
        )
        return db

    def _failed(self, exc: Exception) -> None:
        if not self._warned:
            log.info("embedding cache %s not used: %s", self.path, exc)
            self._warned = True

    def get(self, model: str, texts: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        if not texts:
            return {}
        try:
            db = self._connect(create=False)
            if db is None:
                return {}
            with db:
                by_key = {_key(t): t for t in texts}
                out = {}
                keys = list(by_key)
                for k in range(0, len(keys), 500):
                    chunk = keys[k : k + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                        [model, *chunk],
                    ).fetchall()
                    for key, blob in rows:
                        vec = np.frombuffer(blob, dtype=np.float32)
                        if vec.shape == (dim,):
                            out[by_key[bytes(key)]] = vec
            db.close()
            return out
        except (_sqlite_error(), OSError) as exc:
            self._failed(exc)
            return {}

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        if not vectors:
            return
        try:
            db = self._connect(create=True)
            assert db is not None
            now = int(time.time())
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                    [
                        (model, _key(t), np.asarray(v, dtype=np.float32).tobytes(), now)
                        for t, v in vectors.items()
                    ],
                )
                (count,) = db.execute("SELECT COUNT(*) FROM vectors").fetchone()
                if count > DISK_ENTRIES:
                    db.execute(
                        "DELETE FROM vectors WHERE rowid IN "
                        "(SELECT rowid FROM vectors ORDER BY used LIMIT ?)",
                        (count - int(DISK_ENTRIES * 0.9),),
                    )
            db.close()
        except (_sqlite_error(), OSError) as exc:
            self._failed(exc)


def embed(
    texts: Sequence[str],
    encoder: Encoder,
    dim: int,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
    disk: DiskCache | None = None,
) -> np.ndarray:
    """Unit vectors for `texts` (one row each), embedding only texts no cache holds."""
    unique = list(dict.fromkeys(texts))
    found = MEMORY.get(encoder.model_id, unique)
    missing = [t for t in unique if t not in found]
    if missing:
        disk = disk or DiskCache()
        from_disk = disk.get(encoder.model_id, missing, dim)
        if from_disk:
            MEMORY.put(encoder.model_id, from_disk)
            found.update(from_disk)
            missing = [t for t in missing if t not in from_disk]
    if missing:
        log.info("embedding %d of %d sentences with %s", len(missing), len(unique), encoder.label)
        encoder.load()
        fresh: dict[str, np.ndarray] = {}
        order = sorted(missing, key=len)
        for k in range(0, len(order), BATCH):
            if cancelled():
                raise Cancelled()
            batch = order[k : k + BATCH]
            fresh.update(zip(batch, encoder.encode(batch), strict=True))
            progress(min(1.0, (k + len(batch)) / len(order)), "Embedding sentences")
        MEMORY.put(encoder.model_id, fresh)
        (disk or DiskCache()).put(encoder.model_id, fresh)
        found.update(fresh)
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    return np.stack([found[t] for t in texts])

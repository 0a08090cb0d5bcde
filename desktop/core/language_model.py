"""py3langid's model, unpacked once into Parallax's cache and memory-mapped afterwards.

py3langid ships its model LZMA-compressed (4.5 MB, 68 MB unpacked) and unpacks it in every
process: 0.4–0.6 s on two cores, which was most of the start-up of `parallax compare` on short
articles (tests/benchmarks/test_scale.py). The first run stores the unpacked arrays as .npy
files in Parallax's cache folder (cache.py), under a name made from a checksum of the shipped
model, so a newer py3langid model is unpacked anew; later runs map those files (about 0.02 s),
and processes running side by side (`parallax batch`) share the mapped pages. If the cache
cannot be read or written, the model is read from the package as py3langid itself reads it.
"""

from __future__ import annotations

import logging
import os
import shutil
import zlib
from pathlib import Path
from typing import Any, Literal

import numpy as np

from desktop.core.cache import cache_dir

log = logging.getLogger(__name__)

#: The model's arrays, in the order py3langid's `modelio.load_model` returns them.
KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES: dict[int, Literal["H", "I", "Q"]] = {2: "H", 4: "I", 8: "Q"}


def load_identifier() -> Any:
    """A py3langid `LanguageIdentifier` with normalised probabilities, from the cache if it can."""
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = Path(MODEL_DIR) / MODEL_FILE
    folder = _folder(source)
    damaged = False
    if folder is not None:
        try:
            row = _cached_row(folder)
            # An empty row for the constructor, which pre-shifts every row offset in a Python
            # loop (104,583 of them, 6 ms of every run); the same offsets shifted by NumPy.
            identifier = LanguageIdentifier(*_cached(folder), norm_probs=True, tk_row=())
            identifier.tk_row = row
            identifier._rowbase = _shifted(row)
            return identifier
        except FileNotFoundError:
            log.debug("language model not unpacked yet")
        except (OSError, ValueError) as exc:
            log.info("unpacked language model not used (%s): reading the packaged one", exc)
            damaged = True
    ptc, pc, classes, nextmove, row, output = modelio.load_model(source)
    if folder is not None:
        try:
            _store(folder, (ptc, pc, classes, nextmove, row, output), replace=damaged)
        except (OSError, ValueError) as exc:
            log.info("language model not cached: %s", exc)
    # As `LanguageIdentifier.from_model_file` builds it.
    return LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )


def _folder(source: Path) -> Path | None:
    """Where this model's unpacked copy lives: named by the packaged file's size and CRC-32
    (it only tells models apart; 3 ms where SHA-256 takes 17)."""
    try:
        data = source.read_bytes()
        digest = f"{len(data):x}-{zlib.crc32(data):08x}"
    except OSError as exc:
        log.info("language model not cached: %s", exc)
        return None
    return cache_dir() / f"langid-{digest}"


def _load(folder: Path, key: str) -> np.ndarray:
    return np.load(folder / f"{key}.npy", mmap_mode="r", allow_pickle=False)


def _cached(folder: Path) -> tuple[np.ndarray, np.ndarray, list[str], memoryview, memoryview]:
    """ptc, pc, classes, nextmove and output as the identifier takes them; ValueError if they
    do not fit together (a damaged or foreign folder)."""
    ptc, pc, classes = _load(folder, "ptc"), _load(folder, "pc"), _load(folder, "classes")
    nextmove, out_feat = _load(folder, "nextmove"), _load(folder, "out_feat")
    if ptc.ndim != 2 or ptc.shape[1] != len(pc) or len(pc) != len(classes):
        raise ValueError(f"{folder}: class arrays do not match")
    if nextmove.ndim != 1 or nextmove.size % 256 or out_feat.ndim != 1:
        raise ValueError(f"{folder}: automaton arrays are malformed")
    # out_feat as a memoryview too: indexed per byte like the automaton, no list of 100,000 ints.
    output = np.ascontiguousarray(out_feat, dtype=np.int32).data.cast("B").cast("i")
    return np.asarray(ptc), np.asarray(pc), classes.tolist(), _to_array(nextmove), output


def _cached_row(folder: Path) -> memoryview:
    row = _load(folder, "nextmove_row")
    if row.ndim != 1 or len(row) != len(_load(folder, "out_feat")):
        raise ValueError(f"{folder}: automaton rows are malformed")
    if len(row) and int(row.max()) >= _load(folder, "nextmove").size // 256:
        raise ValueError(f"{folder}: automaton rows point outside the table")
    return _to_array(row)


def _shifted(row: memoryview) -> memoryview:
    """py3langid's `_rowbase`: each row offset times 256, as a flat sequence of ints."""
    shifted = np.asarray(row).astype(np.int64) << 8
    return shifted.data.cast("B").cast("q")


def _to_array(values: np.ndarray) -> memoryview:
    """An unsigned numpy array as a flat sequence of ints that py3langid walks item by item.

    A memoryview over the memory-mapped file indexes as fast as a stdlib array and costs
    nothing to make; copying the 39 MB automaton into an array took 16–26 ms of every run.
    """
    if values.dtype.kind != "u" or values.dtype.itemsize not in _TYPECODES:
        raise ValueError(f"unexpected array type {values.dtype}")
    view = np.ascontiguousarray(values).data  # a memoryview of the mapped bytes, no copy
    return view.cast("B").cast(_TYPECODES[values.dtype.itemsize])


def _store(folder: Path, model: tuple[Any, ...], replace: bool = False) -> None:
    """Write the arrays into a new folder beside `folder`, then rename it into place at once,
    so a reader never sees half a model. If another process got there first, its copy stays;
    `replace` removes a copy that failed to load first."""
    ptc, pc, classes, nextmove, row, output = model
    arrays = {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": np.asarray(classes),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
        "out_feat": np.asarray(output, dtype=np.int32),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        tmp.mkdir()
        for key in KEYS:
            np.save(tmp / f"{key}.npy", arrays[key], allow_pickle=False)
        if replace:
            shutil.rmtree(folder, ignore_errors=True)
        os.rename(tmp, folder)
        log.info("language model unpacked into %s", folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

"""py3langid's model, unpacked once into Parallax's cache and memory-mapped afterwards.

py3langid ships its model LZMA-compressed (4.5 MB, 68 MB unpacked) and unpacks it in every
process: 0.4–0.6 s on two cores, which was most of the start-up of `parallax compare` on short
articles (tests/benchmarks/test_scale.py). The first run stores the unpacked arrays as .npy
files in Parallax's cache folder (cache.py), under a name made from a checksum of the shipped
model, so a newer py3langid model is unpacked anew (and the older copy removed); later runs map
those files (about 3 ms), and processes running side by side (`parallax batch`) share the
mapped pages. Beside the arrays it stores the depth of the model's automaton, found and
checked once, with which later runs walk it with NumPy (language_walk.py). If the cache
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
#: Stored beside them: the automaton's depth, for the NumPy walk (language_walk.py).
DEPTH = "depth"
#: How much of the end of the packaged model names its unpacked copy (see `_folder`).
TAIL_BYTES = 65_536
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
            return _mapped(folder)
        except FileNotFoundError:
            log.debug("language model not unpacked yet")
        except (OSError, ValueError) as exc:
            log.info("unpacked language model not used (%s): reading the packaged one", exc)
            damaged = True
    ptc, pc, classes, nextmove, row, output = modelio.load_model(source)
    # As `LanguageIdentifier.from_model_file` builds it.
    identifier = LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )
    if folder is not None:
        try:
            _store(folder, (ptc, pc, classes, nextmove, row, output), identifier, damaged)
        except (OSError, ValueError) as exc:
            log.info("language model not cached: %s", exc)
    return identifier


def _mapped(folder: Path) -> Any:
    """The identifier over the arrays mapped from `folder`, walking its automaton with NumPy
    when the folder says that walk was checked (language_walk.py)."""
    from desktop.core.language_walk import WalkingIdentifier, row_offsets

    row = _cached_row(folder)
    model = _cached(folder)
    depth = _depth(folder)
    rowbase = row_offsets(row)
    # An empty row for the constructor, which pre-shifts every row offset in a Python loop
    # (104,583 of them, 6 ms of every run); the same offsets shifted by NumPy.
    if depth:
        walk = (np.asarray(model[3]), rowbase, np.asarray(model[4]), depth)
        identifier = WalkingIdentifier(*model, norm_probs=True, tk_row=(), walk=walk)
    else:
        from py3langid.langid import LanguageIdentifier

        identifier = LanguageIdentifier(*model, norm_probs=True, tk_row=())
    identifier.tk_row = row
    identifier._rowbase = rowbase.data.cast("B").cast("q")
    return identifier


def _folder(source: Path) -> Path | None:
    """Where this model's unpacked copy lives: named by the packaged file's size and the CRC-32
    of its last `TAIL_BYTES`. An .xz file ends with the checksums of what it unpacks to (the
    last block's CRC-64 and the index of every block's sizes), so the tail tells models apart
    as well as the whole file would, without reading 4.5 MB on every run (5–6 ms)."""
    try:
        with source.open("rb") as stream:
            size = stream.seek(0, os.SEEK_END)
            stream.seek(max(0, size - TAIL_BYTES))
            digest = f"{size:x}-{zlib.crc32(stream.read()):08x}"
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


def _depth(folder: Path) -> int:
    """The automaton depth stored with the arrays (0: walk it as py3langid does)."""
    try:
        depth = _load(folder, DEPTH)
    except FileNotFoundError as exc:  # beside the other arrays since it was unpacked
        raise ValueError(f"{folder}: no automaton depth") from exc
    if depth.shape != (1,) or depth.dtype.kind not in "iu" or not 0 <= int(depth[0]) <= 64:
        raise ValueError(f"{folder}: automaton depth is malformed")
    return int(depth[0])


def _cached_row(folder: Path) -> memoryview:
    row = _load(folder, "nextmove_row")
    if row.ndim != 1 or len(row) != len(_load(folder, "out_feat")):
        raise ValueError(f"{folder}: automaton rows are malformed")
    if len(row) and int(row.max()) >= _load(folder, "nextmove").size // 256:
        raise ValueError(f"{folder}: automaton rows point outside the table")
    return _to_array(row)


def _to_array(values: np.ndarray) -> memoryview:
    """An unsigned numpy array as a flat sequence of ints that py3langid walks item by item.

    A memoryview over the memory-mapped file indexes as fast as a stdlib array and costs
    nothing to make; copying the 39 MB automaton into an array took 16–26 ms of every run.
    """
    if values.dtype.kind != "u" or values.dtype.itemsize not in _TYPECODES:
        raise ValueError(f"unexpected array type {values.dtype}")
    view = np.ascontiguousarray(values).data  # a memoryview of the mapped bytes, no copy
    return view.cast("B").cast(_TYPECODES[values.dtype.itemsize])


def _store(folder: Path, model: tuple[Any, ...], identifier: Any, replace: bool) -> None:
    """Write the arrays into a new folder beside `folder`, then rename it into place at once,
    so a reader never sees half a model. If another process got there first, its copy stays;
    `replace` removes a copy that failed to load first. Copies of other models are removed
    (a model is 68 MB; an upgraded py3langid would leave the old one behind for good)."""
    from desktop.core.language_walk import automaton_depth, row_offsets, walks_alike

    ptc, pc, classes, nextmove, row, output = model
    arrays = {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": np.asarray(classes),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
        "out_feat": np.asarray(output, dtype=np.int32),
    }
    depth = automaton_depth(arrays["nextmove"], arrays["nextmove_row"])
    rowbase = row_offsets(arrays["nextmove_row"])
    walk = (arrays["nextmove"], rowbase, arrays["out_feat"], depth)
    if not walks_alike(identifier, walk):
        log.warning("language model: the NumPy walk disagrees with py3langid's; not used")
        depth = 0
    arrays[DEPTH] = np.array([depth], dtype=np.int32)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        tmp.mkdir()
        for key in (*KEYS, DEPTH):
            np.save(tmp / f"{key}.npy", arrays[key], allow_pickle=False)
        if replace:
            shutil.rmtree(folder, ignore_errors=True)
        os.rename(tmp, folder)
        log.info("language model unpacked into %s", folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for other in folder.parent.glob("langid-*"):
        if other != folder and other.is_dir() and not other.is_symlink():
            shutil.rmtree(other, ignore_errors=True)

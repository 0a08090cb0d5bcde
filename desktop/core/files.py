"""Writing files so that a failure never leaves a broken file where a good one was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from desktop.core.errors import ExportError


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise ExportError(f"{path}: the folder {folder} does not exist") from None
    except PermissionError:
        raise ExportError(f"{path}: permission denied: cannot write in {folder}") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, IsADirectoryError):
            raise ExportError(f"{path}: is a folder, not a file") from None
        raise ExportError(f"{path}: could not be written ({exc.strerror or exc})") from None


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))

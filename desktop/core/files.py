"""Writing files so that a failure never leaves a broken file where a good one was.

The new content goes to a temporary file in the same folder (so the final rename stays on one
file system and is atomic), is flushed and fsynced, and only then renamed over the target; the
folder is fsynced too, so the rename itself survives a power cut. At every moment the target is
either the old file or the new one, never a mix. A crash can leave a `.name.*.tmp` file behind;
it never replaces anything.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from desktop.core.errors import ExportError


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`.

    Raises `ExportError` naming the file and the reason; the old file, if any, is untouched.
    """
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
        # mkstemp creates the file for its owner only; give it the mode any new file gets.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        # Whatever stopped us (a full disk, Ctrl+C), the half-written temporary file goes.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, IsADirectoryError):
            raise ExportError(f"{path}: is a folder, not a file") from None
        if isinstance(exc, OSError):
            raise ExportError(f"{path}: could not be written ({exc.strerror or exc})") from None
        raise
    _fsync_folder(folder)


def _umask() -> int:
    """The process umask, read without changing it where the system allows.

    `os.umask` can only be read by setting it; for that instant another thread (the window's
    autosave beside an export worker) would create files with no mask at all.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)  # the strictest value while we look, should another thread create
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Best effort: Windows cannot open a folder, and the data is
    already safe in the file, so a failure here is not worth failing the save for."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

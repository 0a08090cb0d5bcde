"""The one writer every output goes through, so that no write destroys what is not an output.

Reports, JSON, CSV, screenshots, workspaces and autosaves all end here. What sits at the target
decides how it is written:

* **nothing yet, or a regular file**: the new content goes to a temporary file in the same
  folder (so the final rename stays on one file system and is atomic), is flushed and fsynced,
  and only then renamed over the target; the folder is fsynced too, so the rename survives a
  power cut. At every moment the target is the old file or the new one, never a mix, and a
  failure (full disk, Ctrl+C) removes the temporary file. An existing file keeps its mode (a
  0600 workspace stays 0600) and, where the system allows, its owner; a file the user may not
  write (0444) is refused rather than replaced.
* **a symbolic link** is followed, and the file it points to is replaced as above, the way
  editors save: `latest.json -> 2025-09-12.json` still points at the new content.
* **a hard link** (a file with several names) is replaced under this name only: the other names
  keep the old content, so nothing reachable elsewhere is overwritten in place.
* **a pipe (FIFO) or a character device** (`/dev/null`, a terminal) is streamed into, never
  replaced, and so is whatever `/dev/stdout` or `/proc/self/fd/N` leads to; a pipe nobody reads
  is refused at once instead of blocking.
* **a folder, a socket or a disk device** is refused with an `ExportError`.

Text is UTF-8. Python keeps the undecodable bytes of a file name as lone surrogates
("caf\\udce9.md"); those cannot be encoded, so they are written as U+FFFD rather than stopping
a save.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import stat
import tempfile
from pathlib import Path

from desktop.core.errors import ExportError

log = logging.getLogger(__name__)

_MAX_LINKS = 40
"""As many symbolic links as Linux follows in one path."""
_MAGIC_LINK = re.compile(r"^/(?:proc/[^/]+/fd|dev/fd)/|^/dev/std(?:in|out|err)$")
"""Paths the kernel resolves to an open file of a process: write into it, never replace it."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")

PRIVATE_MODE = 0o600
"""Mode of files only their owner may read (autosaves, their notes and lock files)."""


def write_bytes_atomic(path: str | Path, data: bytes, private: bool = False) -> None:
    """Write `data` to `path` safely (see the module docstring); `private` files are 0600.

    Raises `ExportError` naming the file and the reason; on failure the old file, if any, is
    untouched and no temporary file is left.
    """
    name = str(path)
    if not name.strip():
        raise ExportError("no file name was given")
    info = _stat(name)
    if info is not None:
        kind = info.st_mode
        if stat.S_ISDIR(kind):
            raise ExportError(f"{name}: is a folder, not a file")
        if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind) or _through_magic_link(name):
            _stream(name, data, stat.S_ISFIFO(kind))
            return
        if not stat.S_ISREG(kind):
            what = "a socket" if stat.S_ISSOCK(kind) else "a disk device"
            raise ExportError(f"{name}: is {what}, not a file; choose another name")
        if not os.access(name, os.W_OK):
            raise ExportError(
                f"{name}: is read-only (permission denied); Parallax does not replace it. "
                "Make it writable or choose another name"
            )
    # Follow symbolic links (also a dangling one, as the shell's `>` does) to the real file.
    target = Path(os.path.realpath(name)) if os.path.islink(name) or info else Path(name)
    _replace(name, target, data, info, private)


def write_text_atomic(path: str | Path, text: str, private: bool = False) -> None:
    """`write_bytes_atomic` of `text` as UTF-8 (lone surrogates written as U+FFFD)."""
    write_bytes_atomic(path, encode_utf8(text), private)


def encode_utf8(text: str) -> bytes:
    """UTF-8 bytes of `text`; a lone surrogate (from an undecodable file name or a tool that cut
    an emoji's escape pair) becomes U+FFFD instead of raising."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        log.info("writing lone surrogates as U+FFFD")
        return displayable(text).encode("utf-8")


def displayable(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (what can be shown and encoded)."""
    return _SURROGATE.sub("\ufffd", text)


def streams_in_place(path: str | Path) -> bool:
    """True if writing to `path` streams into a pipe, a device or an open file of a process
    (/dev/stdout) rather than replacing a file."""
    try:
        kind = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(kind) or stat.S_ISCHR(kind) or _through_magic_link(str(path))


def _stat(name: str) -> os.stat_result | None:
    """What the path leads to, following symbolic links; None if nothing is there yet."""
    try:
        return os.stat(name)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ExportError(f"{name}: too many levels of symbolic links (a loop?)") from None
        if exc.errno == errno.ENOTDIR:
            raise ExportError(f"{name}: part of the path is a file, not a folder") from None
        if isinstance(exc, PermissionError):
            raise ExportError(f"{name}: permission denied: cannot reach this folder") from None
        raise ExportError(f"{name}: cannot be written ({exc.strerror or exc})") from None


def _through_magic_link(name: str) -> bool:
    """True if `name`, or a symbolic link on the way, is /dev/stdout, /proc/PID/fd/N and the
    like: an open file of a process, written into where it is, whatever kind it is."""
    hop = os.path.abspath(name)
    for _ in range(_MAX_LINKS):
        if _MAGIC_LINK.match(hop):
            return True
        try:
            link = os.readlink(hop)
        except OSError:
            return False
        hop = os.path.normpath(os.path.join(os.path.dirname(hop), link))
    return False


def _stream(name: str, data: bytes, fifo: bool) -> None:
    """Write into a pipe or device in place: it is never replaced, only written to."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # Non-blocking, so a pipe that nobody reads fails at once (ENXIO) instead of hanging.
        fd = os.open(name, flags | (os.O_NONBLOCK if fifo else 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise ExportError(f"{name}: is a pipe that no program is reading from") from None
        raise ExportError(f"{name}: could not be opened ({exc.strerror or exc})") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BrokenPipeError:
        raise ExportError(f"{name}: the program reading from it stopped") from None
    except OSError as exc:
        raise ExportError(f"{name}: could not be written ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _replace(
    name: str, target: Path, data: bytes, info: os.stat_result | None, private: bool
) -> None:
    """Write to a temporary file beside `target`, flush it to disk, then rename over it."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise ExportError(f"{name}: the folder {folder} does not exist") from None
    except PermissionError:
        raise ExportError(f"{name}: permission denied: cannot write in {folder}") from None
    except NotADirectoryError:
        raise ExportError(f"{name}: {folder} is a file, not a folder") from None
    except OSError as exc:
        raise ExportError(f"{name}: cannot write here ({exc.strerror or exc})") from None
    try:
        if private:
            mode = PRIVATE_MODE
        elif info is not None:
            mode = stat.S_IMODE(info.st_mode)  # the file keeps its identity: 0600 stays 0600
        else:
            mode = 0o666 & ~_umask()  # mkstemp makes 0600; a new file gets the usual mode
        os.fchmod(fd, mode)
        if info is not None and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):  # only root may give a file to another user
                os.fchown(fd, info.st_uid, info.st_gid)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        # Whatever stopped us (a full disk, Ctrl+C), the half-written temporary file goes.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, IsADirectoryError):
            raise ExportError(f"{name}: is a folder, not a file") from None
        if isinstance(exc, OSError):
            raise ExportError(f"{name}: could not be written ({exc.strerror or exc})") from None
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


def same_target(a: str | Path, b: str | Path) -> bool:
    """True if writing to `a` would replace the file `b` names, or the file that writing to
    `b` creates: one file after symbolic and hard links, or one path not created yet. Pipes and
    devices are streamed into, never replaced, so they never clash."""
    ia, ib = _identity(a), _identity(b)
    return ia is not None and ia == ib


def _identity(path: str | Path) -> tuple[object, ...] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        try:
            return ("new", os.path.realpath(path))
        except (OSError, ValueError):
            return None
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return None
    return ("file", info.st_dev, info.st_ino)


def file_identity(path: str | Path) -> object:
    """What makes two paths one file: device and inode (so a hard link, a symlink or "./x" is
    the same file), or the absolute path when the file cannot be looked at (missing, a symlink
    loop: reading it reports why). Never raises; `Path.resolve()` raises on a symlink loop."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return ("path", os.path.abspath(path))
    return ("file", info.st_dev, info.st_ino)

"""Reading and writing the user's own files (notes exports, old notes and history files)
safely: only regular files, every read bounded, every write atomic.

Opening a FIFO for reading blocks until a writer appears and /dev/zero never ends, so a file
is opened without blocking, accepted only if it is a regular file, and read up to a limit
(an oversized file is reported with its real size). A write goes to a temporary file in the
same folder, is flushed to disk and renamed over the target, which must be a regular file or
a new path: never a device, a FIFO or a folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class FileProblem(Exception):
    """A file could not be read or written; the message says what and why, for a person."""


def reason(exc: OSError) -> str:
    """An OSError in words a user acts on: a full disk or a read-only folder is named so."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the disk or folder is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (the file or its folder is read-only for you)"
    return exc.strerror or str(exc)


def _size(size: int) -> str:
    from needleguide.core.notes import size_text
    return f"{size_text(size)}, {size:,} bytes"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The whole content of the regular file ``path``, at most ``limit`` bytes.

    Raises FileNotFoundError if there is no such file, FileProblem for anything else
    (a FIFO, a device, a folder, a file over the limit, an unreadable file)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise FileProblem(f"{path} is a folder, not a file") from None
        raise FileProblem(f"{path} could not be read: {reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = ("a folder" if stat.S_ISDIR(info.st_mode)
                    else "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
            raise FileProblem(f"{path} is {what}, not a regular file")
        if info.st_size > limit:
            raise FileProblem(f"{path} is too large ({_size(info.st_size)}; at most "
                              f"{_size(limit)})")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise FileProblem(f"{path} is too large (more than {_size(limit)})")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"{path} could not be read: {reason(exc)}") from None
    finally:
        os.close(fd)


def write_regular_file(path: Path, content: bytes) -> None:
    """Replace or create the regular file ``path`` with ``content``, atomically. Raises
    FileProblem; on failure the previous file is untouched and no temporary file is left."""
    info: os.stat_result | None = None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise FileProblem(f"cannot write {path}: {reason(exc)}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"cannot write {path}: it is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"cannot write {path}: it is not a regular file (a device or "
                              "a named pipe); choose a file name")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o644
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    except OSError as exc:
        raise FileProblem(f"cannot write {path}: {reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), mode)
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise FileProblem(f"cannot write {path}: {reason(exc)}") from None

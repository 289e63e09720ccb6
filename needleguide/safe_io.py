"""Reading and writing files without hanging, flooding memory or replacing a device.

Opening a FIFO for reading blocks until a writer appears, /dev/zero never ends, and an atomic
"save" onto a device or a FIFO renames a new file over the node (as root it replaced
/dev/full). So every file the app reads is opened without blocking, accepted only if it is a
regular file, and read up to a limit (an oversized file is reported with its real size); and
every file the app writes must be a regular file or a new path.

Qt-free and small on purpose: the data loader, the data cache, the CLI and the stores use it.
Both errors are ``OSError`` subclasses whose ``strerror`` is a sentence for a person, so code
that already handles ``OSError`` reports them as it reports any other unreadable file.
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class NotRegularFileError(OSError):
    """The path is a FIFO, a device, a socket or a folder: nothing the app reads or writes."""

    def __init__(self, path: str, what: str) -> None:
        super().__init__(None, f"it is {what}, not a regular file", path)
        self.what = what


class FileTooLargeError(OSError):
    """The file is larger than the limit; ``size`` is its real size, read from the file
    system (the file itself is not read)."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(None, f"it is {size:,} bytes; at most {limit:,} bytes are read",
                         path)
        self.size = size
        self.limit = limit


def describe_mode(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: 'a named pipe (FIFO)', 'a folder'..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """All of the regular file at ``path``: never blocks, never reads more than ``limit`` bytes.

    Raises ``FileTooLargeError`` (with the real size) for a larger file,
    ``NotRegularFileError`` for a FIFO, device, socket or folder, and the usual ``OSError``
    (``FileNotFoundError``, ``PermissionError``...) when it cannot be opened.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _FLAGS)
    except IsADirectoryError:
        raise NotRegularFileError(name, "a folder") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(name, describe_mode(info.st_mode))
        if info.st_size > limit:
            raise FileTooLargeError(name, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while we read it
            raise FileTooLargeError(name, max(os.fstat(fd).st_size, total), limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def write_target_problem(path: str | os.PathLike[str]) -> str:
    """Why the app must not write (atomically replace) ``path``, in words, or '' if it may.

    Only a new path or an existing regular file (also through a symbolic link) may be
    written; a device, FIFO, socket or folder never is. Call it right before opening and
    again right before the final rename.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(info.st_mode):
        return ""
    return f"it is {describe_mode(info.st_mode)}, not a regular file; choose a file name"

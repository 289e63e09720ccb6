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

import errno
import os
import stat
import tempfile

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


def describe_error(exc: OSError) -> str:
    """An OSError in words a user can act on (the OS's own wording only as a last resort)."""
    if isinstance(exc, (NotRegularFileError, FileTooLargeError)):
        return str(exc.strerror)
    number = exc.errno
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if number == errno.EROFS:
        return "the disk or folder is read-only"
    if number in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if number == errno.ENAMETOOLONG:
        return "the file name is too long (at most 255 bytes per name on most systems)"
    if number == errno.ENOENT:
        return "no such file or folder"
    if number == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    return exc.strerror or str(exc)


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
        return describe_error(exc)
    if stat.S_ISREG(info.st_mode):
        return ""
    return f"it is {describe_mode(info.st_mode)}, not a regular file; choose a file name"


def _mode_for(name: str) -> int:
    """The permissions a replaced file keeps, or a new file gets (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(name).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], content: bytes) -> None:
    """Create or replace the regular file ``path`` with ``content``, atomically.

    The bytes go to a temporary file in the same folder, are flushed to disk and renamed over
    ``path``; on any failure ``path`` is untouched and no temporary file is left. Raises
    ``OSError`` whose ``describe_error`` says why, e.g. ``NotRegularFileError`` for a device.
    Python, not Qt, names the file, so its bytes are exactly the ones the user gave whatever
    the locale.
    """
    name = os.fspath(path)
    problem = write_target_problem(name)
    if problem:
        raise OSError(None, problem, name)
    folder = os.path.dirname(name) or "."
    base = os.path.basename(name)
    fd, temporary = tempfile.mkstemp(prefix="." + base[:40] + ".", suffix=".tmp", dir=folder)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, _mode_for(name))
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        problem = write_target_problem(name)  # it may have been swapped for a device meanwhile
        if problem:
            raise OSError(None, problem, name)
        os.replace(temporary, name)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise

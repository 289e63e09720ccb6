"""The user's own files (notes exports, old notes and history files) through ``safe_io``,
with errors as ``FileProblem``: one sentence that names the file, for the notes pane and the
store's messages.

``safe_io`` does the work (only regular files, every read bounded and non-blocking, every
write atomic and never onto a device, a FIFO or a folder); this module only words it.
"""

from __future__ import annotations

from pathlib import Path

from needleguide.core import safe_io


class FileProblem(Exception):
    """A file could not be read or written; the message says what and why, for a person."""


def _size(size: int) -> str:
    from needleguide.core.notes import size_text
    return f"{size_text(size)}, {size:,} bytes"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The whole content of the regular file ``path``, at most ``limit`` bytes.

    Raises FileNotFoundError if there is no such file, FileProblem for anything else
    (a FIFO, a device, a folder, a file over the limit, an unreadable file)."""
    try:
        return safe_io.read_regular(path, limit)
    except FileNotFoundError:
        raise
    except safe_io.NotRegularFileError as exc:
        raise FileProblem(f"{path} is {exc.what}, not a regular file") from None
    except safe_io.FileTooLargeError as exc:
        raise FileProblem(f"{path} is too large ({_size(exc.size)}; at most "
                          f"{_size(exc.limit)})") from None
    except OSError as exc:
        raise FileProblem(f"{path} could not be read: {safe_io.describe_error(exc)}") from None


def write_regular_file(path: Path, content: bytes) -> None:
    """Replace or create the regular file ``path`` with ``content``, atomically. Raises
    FileProblem; on failure the previous file is untouched and no temporary file is left."""
    try:
        safe_io.write_atomic(path, content)
    except OSError as exc:
        raise FileProblem(f"cannot write {path}: {safe_io.describe_error(exc)}") from None

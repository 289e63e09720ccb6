"""The JSON files earlier versions kept beside the database (notes.json,
study-history.json): read once, taken into the database, then kept renamed.

A damaged one (or a FIFO, a device, a file over its limit) is moved aside as
``<name>.corrupt-<time>``, never deleted, and its ``.bak`` is tried instead. The bytes taken
in are remembered by their hash (table ``migrated``), so a file whose renaming failed never
brings back old texts over newer ones.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from pathlib import Path
from typing import Callable, Generic, NamedTuple, TypeVar

from needleguide.regular_file import read_regular_file

log = logging.getLogger(__name__)
T = TypeVar("T")


class Legacy(NamedTuple, Generic[T]):
    """What an earlier version's JSON file held."""

    content: T | None       # None: no file, or neither it nor its .bak could be read
    damage: str             # "" if it was read; else what is wrong with it
    moved_to: Path | None   # where a damaged file was moved, byte for byte
    from_backup: bool       # content came from <file>.bak
    unmovable: str = ""     # why a damaged file could not be moved aside
    sha256: str = ""        # of the bytes the content came from


def unique(target: Path) -> Path:
    """``target``, or ``target-2``, ``-3``... whichever does not exist yet."""
    n, candidate = 1, target
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = target.with_name(f"{target.name}-{n}")
    return candidate


def _digest(raw: bytes) -> str:
    import hashlib  # only when there is something to migrate
    return hashlib.sha256(raw).hexdigest()


def already_migrated(connection: sqlite3.Connection, name: str, legacy: Legacy[T]) -> bool:
    """Whether these very bytes were taken in before. Call inside the migrating
    transaction."""
    row = connection.execute("SELECT 1 FROM migrated WHERE file = ? AND sha256 = ?",
                             (name, legacy.sha256)).fetchone()
    return row is not None


def mark_migrated(connection: sqlite3.Connection, name: str, legacy: Legacy[T],
                  now: str) -> None:
    connection.execute("INSERT OR IGNORE INTO migrated VALUES (?, ?, ?)",
                       (name, legacy.sha256, now))


def read_legacy(path: Path, limit: int, parse: Callable[[bytes], T],
                explain: Callable[[OSError, Path], str]) -> Legacy[T]:
    """Read a file an earlier needleguide saved; a damaged one is moved aside and its
    ``.bak`` tried (``explain`` words a failure to move it)."""
    try:
        raw = read_regular_file(path, limit)
        return Legacy(parse(raw), "", None, False, sha256=_digest(raw))
    except FileNotFoundError:
        return Legacy(None, "", None, False)
    except Exception as exc:  # any damage at all: FileProblem, a format error...
        damage = str(exc)
    try:
        moved: Path | None = move_aside(path, "corrupt")
        unmovable = ""
    except OSError as exc:
        moved, unmovable = None, explain(exc, path)
    log.warning("%s is damaged (%s); kept as %s", path, damage, moved)
    backup = path.with_name(path.name + ".bak")
    try:
        raw = read_regular_file(backup, limit)
        return Legacy(parse(raw), damage, moved, True, unmovable, _digest(raw))
    except Exception:
        return Legacy(None, damage, moved, False, unmovable)


def move_aside(path: Path, label: str) -> Path:
    """Rename ``path`` to ``<name>.<label>-<local time>`` (never over an existing file) and
    return the new path. Raises OSError."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = unique(path.with_name(f"{path.name}.{label}-{stamp}"))
    os.replace(path, target)
    return target


def retire_legacy(path: Path) -> Path | None:
    """Rename a migrated file to ``<name>.migrated`` (kept, never deleted); None if it is
    gone (another window migrated it first) or cannot be renamed (it is then ignored)."""
    target = unique(path.with_name(path.name + ".migrated"))
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("could not rename %s after migrating it: %s", path, exc)
        return None
    return target

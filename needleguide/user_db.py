"""The user's own data, notes and study history, in one SQLite database in the app-data folder.

    needleguide.sqlite3     (with needleguide.sqlite3-wal and -shm while it is open)

Why a database: two needleguide windows open at once write single rows (one note, one answered
question) in short transactions, instead of each rewriting a whole file merged with whatever
the other wrote. SQLite's own locking replaces lock files (a crashed process holds no lock:
the kernel drops its locks), WAL journaling keeps the file whole if a save is cut off at any
point, and a writer waits ``BUSY_TIMEOUT_S`` for another window's transaction instead of
failing.

A database that is damaged (or is not a database at all) is never overwritten or deleted: it
is moved aside, with its -wal and -shm files, as ``needleguide.sqlite3.damaged-<time>``, and
a fresh one is started; the caller reports what happened. Errors are turned into words a
user acts on by ``explain``: a full disk is "the disk is full", a read-only folder is named
read-only.
"""

from __future__ import annotations

import datetime as _dt
import errno
import logging
import os
import sqlite3
import stat
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Generic, Iterator, NamedTuple, TypeVar

from needleguide.regular_file import read_regular_file

log = logging.getLogger(__name__)
T = TypeVar("T")

DB_NAME = "needleguide.sqlite3"
SCHEMA_VERSION = 2   # 2: the study table holds FSRS state (phase ... difficulty)
BUSY_TIMEOUT_S = 2.0

_SCHEMA = """
CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    applied TEXT NOT NULL
);
CREATE TABLE notes (
    region   TEXT PRIMARY KEY,
    text     TEXT NOT NULL,           -- '' once the note was cleared
    revision INTEGER NOT NULL,        -- grows by one with every save of this note
    saved    TEXT NOT NULL,           -- UTC, ISO 8601
    writer   TEXT NOT NULL            -- which window (store instance) saved it
);
CREATE TABLE note_history (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    region   TEXT NOT NULL,
    text     TEXT NOT NULL,
    saved    TEXT NOT NULL,           -- when this text was saved
    replaced TEXT NOT NULL,           -- when another text took its place
    why      TEXT NOT NULL
);
CREATE INDEX note_history_by_region ON note_history (region, id);
CREATE TABLE migrated (             -- JSON files of earlier versions taken in
    file   TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    at     TEXT NOT NULL,
    PRIMARY KEY (file, sha256)
);
CREATE TABLE study (
    question TEXT PRIMARY KEY,
    box      INTEGER NOT NULL,        -- version 1's Leitner box, 0 once scheduled by FSRS
    due      TEXT NOT NULL,
    seen     INTEGER NOT NULL,
    right    INTEGER NOT NULL,
    last     TEXT,                    -- UTC, ISO 8601 with microseconds: sorts as time
    last_right INTEGER,               -- from here on: version 2, the FSRS card
    phase      INTEGER,               -- fsrs.State, NULL in a version-1 row (read by its box)
    step       INTEGER,
    stability  REAL,
    difficulty REAL
);
"""
# What version 2 added to version 1's study table.
_FSRS_COLUMNS = ("last_right INTEGER", "phase INTEGER", "step INTEGER", "stability REAL",
                 "difficulty REAL")


class StorageError(Exception):
    """The database could not be opened, read or written; the message says why, for a
    person."""


class Opened(NamedTuple):
    connection: sqlite3.Connection
    problem: str            # "" unless a damaged database was moved aside
    moved_to: Path | None   # where it went


def now_stamp() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _folder_is_writable(folder: Path) -> bool:
    """Whether a file can really be created in ``folder`` (os.access lies for root and for
    read-only file systems)."""
    probe = folder / f".needleguide-write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return True
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return True


def explain(exc: BaseException, path: Path) -> str:
    """What went wrong with the database at ``path``, in words a user can act on."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    number = exc.errno if isinstance(exc, OSError) else None
    folder = path.parent
    if primary == sqlite3.SQLITE_FULL or number in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full (no room left to save in {folder}); free some space"
    if (primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)
            or number in (errno.EROFS, errno.EACCES, errno.EPERM)):
        if not _folder_is_writable(folder):
            return (f"the folder {folder} is read-only: needleguide cannot save there. Make "
                    "it writable and your changes will be saved")
        if primary == sqlite3.SQLITE_CANTOPEN:
            return f"{path} cannot be opened"
        return f"{path} is read-only: needleguide cannot save to it"
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return ("another needleguide window kept the database busy; your changes will be "
                "saved with your next change")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return f"{path} is damaged"
    if primary == sqlite3.SQLITE_IOERR or number is not None:
        return f"the disk reported an error while using {path} ({exc})"
    return f"{path}: {exc}"


def _unique(target: Path) -> Path:
    n, candidate = 1, target
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = target.with_name(f"{target.name}-{n}")
    return candidate


def move_aside(path: Path, label: str) -> Path:
    """Rename ``path`` to ``<name>.<label>-<local time>`` (never over an existing file) and
    return the new path. Raises OSError."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = _unique(path.with_name(f"{path.name}.{label}-{stamp}"))
    os.replace(path, target)
    return target


def _damaged(connection: sqlite3.Connection) -> str:
    """Why the database is damaged, or "" if it is whole. Raises sqlite3.Error."""
    rows = connection.execute("PRAGMA quick_check").fetchall()
    results = [str(row[0]) for row in rows]
    return "" if results == ["ok"] else "; ".join(results[:3])


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = %d" % int(BUSY_TIMEOUT_S * 1000))
    return connection


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    """WAL, then the schema (created in one transaction if the database is new). Raises
    sqlite3.Error, or StorageError for a database from a newer needleguide."""
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")  # a committed save survives a power cut
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StorageError(f"{path} was written by a newer needleguide (database version "
                           f"{version}; this one knows {SCHEMA_VERSION}); update needleguide")
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]  # another window?
        if version == 0:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
        elif version == 1:
            for column in _FSRS_COLUMNS:
                connection.execute(f"ALTER TABLE study ADD COLUMN {column}")
        if version < SCHEMA_VERSION:
            connection.execute("INSERT INTO schema_version VALUES (?, ?)",
                               (SCHEMA_VERSION, now_stamp()))
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def open_database(directory: Path) -> Opened:
    """Open (creating if needed) the database in ``directory``. A damaged database is moved
    aside and a new one started (``problem`` says so). Raises StorageError."""
    path = directory / DB_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder {directory}: "
                           f"{explain(exc, path)}") from None
    why = ""
    examined: tuple[int, int] | None = None  # (device, inode) of the file found damaged
    try:
        info = os.stat(path)
        examined = (info.st_dev, info.st_ino)
        if not stat.S_ISREG(info.st_mode):
            why = "it is not a regular file"
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"cannot open {path}: {explain(exc, path)}") from None
    connection: sqlite3.Connection | None = None
    if not why:
        try:
            connection = _connect(path)
            why = _damaged(connection)
            if not why:
                _prepare(connection, path)
                return Opened(connection, "", None)
        except sqlite3.DatabaseError as exc:
            code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
            if code not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                if connection is not None:
                    connection.close()
                raise StorageError(f"cannot open {path}: {explain(exc, path)}") from None
            why = "it is not a readable database"
        if connection is not None:
            connection.close()
    try:
        now = os.stat(path)
    except OSError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != examined:
        # Another window moved it aside meanwhile and started a new one: use that.
        return open_database(directory)
    try:
        moved = move_aside(path, "damaged")
    except OSError as exc:
        raise StorageError(f"{path} is damaged ({why}) and could not be moved aside "
                           f"({explain(exc, path)}); move it away, then restart "
                           "needleguide") from None
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            try:
                os.replace(companion, moved.with_name(moved.name + suffix))
            except OSError as exc:
                log.warning("could not move %s aside: %s", companion, exc)
    log.warning("database %s is damaged (%s); moved to %s", path, why, moved)
    try:
        connection = _connect(path)
        _prepare(connection, path)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot create {path}: {explain(exc, path)}") from None
    return Opened(connection,
                  f"The database of your notes and study history, {path}, was damaged "
                  f"({why}). It was kept, unchanged, as {moved}; needleguide started a new, "
                  "empty one.", moved)


def open_read_only(directory: Path) -> sqlite3.Connection | None:
    """The database opened for reading only, when it cannot be opened for writing (a
    read-only folder): what was saved can still be shown. None if that fails too."""
    path = directory / DB_NAME
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
    except OSError:
        return None
    # mode=ro reads the WAL too where it can; immutable=1 where even that needs a write.
    for mode in ("mode=ro", "immutable=1"):
        try:
            connection = sqlite3.connect(f"{path.as_uri()}?{mode}", uri=True)
        except sqlite3.Error:
            continue
        try:
            connection.execute("SELECT count(*) FROM notes").fetchone()
            return connection
        except sqlite3.Error:
            connection.close()
    return None


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once (BEGIN IMMEDIATE) so two windows never interleave
    a read and a write; committed on success, rolled back on any exception."""
    if connection.in_transaction:  # left open by a failure: start clean
        connection.execute("ROLLBACK")
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise


class Legacy(NamedTuple, Generic[T]):
    """What an earlier version's JSON file (notes.json, study-history.json) held."""

    content: T | None       # None: no file, or neither it nor its .bak could be read
    damage: str             # "" if it was read; else what is wrong with it
    moved_to: Path | None   # where a damaged file was moved, byte for byte
    from_backup: bool       # content came from <file>.bak
    unmovable: str = ""     # why a damaged file could not be moved aside
    sha256: str = ""        # of the bytes the content came from


def _digest(raw: bytes) -> str:
    import hashlib  # only when there is something to migrate
    return hashlib.sha256(raw).hexdigest()


def already_migrated(connection: sqlite3.Connection, path: Path, legacy: Legacy[T]) -> bool:
    """Whether these very bytes were taken in before (a file whose renaming failed must not
    bring back old texts over newer ones). Call inside the migrating transaction."""
    row = connection.execute("SELECT 1 FROM migrated WHERE file = ? AND sha256 = ?",
                             (path.name, legacy.sha256)).fetchone()
    return row is not None


def mark_migrated(connection: sqlite3.Connection, path: Path, legacy: Legacy[T]) -> None:
    connection.execute("INSERT OR IGNORE INTO migrated VALUES (?, ?, ?)",
                       (path.name, legacy.sha256, now_stamp()))


def read_legacy(path: Path, limit: int, parse: Callable[[bytes], T]) -> Legacy[T]:
    """Read a file an earlier needleguide saved, for migration into the database. A damaged
    one (or a FIFO, a device, a file over ``limit``) is moved aside as
    ``<name>.corrupt-<time>``, never deleted, and its ``.bak`` is tried instead."""
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


def retire_legacy(path: Path) -> Path | None:
    """Rename a migrated file to ``<name>.migrated`` (kept, never deleted); None if it is
    gone (another window migrated it first) or cannot be renamed (it is then ignored)."""
    target = _unique(path.with_name(path.name + ".migrated"))
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("could not rename %s after migrating it: %s", path, exc)
        return None
    return target

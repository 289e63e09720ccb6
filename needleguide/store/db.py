"""The user database, ``needleguide.sqlite3`` in the app-data folder (with -wal and -shm files
while it is open), and how a store opens it: ``UserDatabase``.

Why a database: two needleguide windows open at once write single rows (one note, one answered
question) in short transactions, instead of each rewriting a whole file merged with whatever
the other wrote. SQLite's own locking replaces lock files (a crashed process holds no lock:
the kernel drops its locks), WAL journaling keeps the file whole if a save is cut off at any
point, and a writer waits ``BUSY_TIMEOUT_S`` for another window's transaction instead of
failing.

The schema has a version (``PRAGMA user_version``, each upgrade also noted in the
``schema_version`` table). ``MIGRATIONS[n]`` takes a database of version n to version n + 1;
a new database is made by running them all, so a new database and an upgraded one are the
same. To change the schema, append a migration (never edit one that has shipped) and add the
schema it upgrades to tests/test_store_migrations.py.

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
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Sequence, TypeVar

from needleguide.store import legacy
from needleguide.store.errors import StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")

DB_NAME = "needleguide.sqlite3"
BUSY_TIMEOUT_S = 2.0

Migration = Callable[[sqlite3.Connection], None]


def _create_tables(db: sqlite3.Connection) -> None:
    """Version 1: notes with their history, the JSON files taken in, Leitner study rows."""
    db.execute("""CREATE TABLE schema_version (
        version INTEGER NOT NULL,
        applied TEXT NOT NULL)""")
    db.execute("""CREATE TABLE notes (
        region   TEXT PRIMARY KEY,
        text     TEXT NOT NULL,           -- '' once the note was cleared
        revision INTEGER NOT NULL,        -- grows by one with every save of this note
        saved    TEXT NOT NULL,           -- UTC, ISO 8601
        writer   TEXT NOT NULL            -- which window (store instance) saved it
        )""")
    db.execute("""CREATE TABLE note_history (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        region   TEXT NOT NULL,
        text     TEXT NOT NULL,
        saved    TEXT NOT NULL,           -- when this text was saved
        replaced TEXT NOT NULL,           -- when another text took its place
        why      TEXT NOT NULL)""")
    db.execute("CREATE INDEX note_history_by_region ON note_history (region, id)")
    db.execute("""CREATE TABLE migrated (  -- JSON files of earlier versions taken in
        file   TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        at     TEXT NOT NULL,
        PRIMARY KEY (file, sha256))""")
    db.execute("""CREATE TABLE study (
        question TEXT PRIMARY KEY,
        box      INTEGER NOT NULL,        -- the Leitner box, 0 once scheduled by FSRS
        due      TEXT NOT NULL,
        seen     INTEGER NOT NULL,
        right    INTEGER NOT NULL,
        last     TEXT                     -- UTC, ISO 8601 with microseconds: sorts as time
        )""")


def _add_fsrs_columns(db: sqlite3.Connection) -> None:
    """Version 2: the study table holds the FSRS card. A version-1 row keeps NULL in
    ``phase`` and is read by its box until it is next answered."""
    for column in ("last_right INTEGER", "phase INTEGER", "step INTEGER", "stability REAL",
                   "difficulty REAL"):
        db.execute(f"ALTER TABLE study ADD COLUMN {column}")


MIGRATIONS: tuple[Migration, ...] = (_create_tables, _add_fsrs_columns)
SCHEMA_VERSION = len(MIGRATIONS)


class Opened(NamedTuple):
    connection: sqlite3.Connection
    problem: str            # "" unless a damaged database was moved aside
    moved_to: Path | None   # where it went


def now_stamp() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def folder_is_writable(folder: Path) -> bool:
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


def explain(exc: BaseException, path: Path,
            writable: Callable[[Path], bool] = folder_is_writable) -> str:
    """What went wrong with the database at ``path``, in words a user can act on."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    number = exc.errno if isinstance(exc, OSError) else None
    folder = path.parent
    if primary == sqlite3.SQLITE_FULL or number in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full (no room left to save in {folder}); free some space"
    if (primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)
            or number in (errno.EROFS, errno.EACCES, errno.EPERM)):
        if not writable(folder):
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


def upgrade(connection: sqlite3.Connection, path: Path,
            migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to ``len(migrations)``, running the migrations it lacks in
    order, all in one transaction (a failure leaves it as it was). Returns the version it
    had. Raises sqlite3.Error, or StoreError for a database from a newer needleguide."""
    target = len(migrations)
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version == target:
        return version
    if version > target:
        raise StoreError(f"{path} was written by a newer needleguide (database version "
                         f"{version}; this one knows {target}); update needleguide")
    with transaction(connection):
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])  # another window?
        for migration in migrations[version:]:
            migration(connection)
        if version < target:
            connection.execute("INSERT INTO schema_version VALUES (?, ?)", (target, now_stamp()))
            connection.execute(f"PRAGMA user_version = {target}")
    return version


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
    """WAL, then the schema brought up to date. Raises sqlite3.Error or StoreError."""
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")  # a committed save survives a power cut
    before = upgrade(connection, path)
    if before not in (0, SCHEMA_VERSION):
        log.info("database %s upgraded from version %d to %d", path, before, SCHEMA_VERSION)


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


class UserDatabase:
    """needleguide.sqlite3 in ``directory``, and the files of earlier versions beside it:
    how a store opens, reads and words its failures. The stores take one of these so that
    a test can hand them a database that fails the way a full or read-only disk does."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME

    def open(self) -> Opened:
        """Open (creating if needed) the database. A damaged database is moved aside and a
        new one started (``problem`` says so). Raises StoreError."""
        return _open(self)

    def open_read_only(self) -> sqlite3.Connection | None:
        """The database opened for reading only, when it cannot be opened for writing (a
        read-only folder): what was saved can still be shown. None if that fails too."""
        return _open_read_only(self.path)

    def folder_is_writable(self) -> bool:
        return folder_is_writable(self.directory)

    def explain(self, exc: BaseException) -> str:
        """What went wrong with this database, in words a user can act on."""
        return explain(exc, self.path, lambda folder: self.folder_is_writable())

    def read_legacy(self, name: str, limit: int,
                    parse: Callable[[bytes], T]) -> legacy.Legacy[T]:
        """The file ``name`` an earlier version saved beside the database (see
        ``legacy.read_legacy``)."""
        return legacy.read_legacy(self.directory / name, limit, parse,
                                  lambda exc, path: explain(exc, path))

    def retire_legacy(self, name: str) -> Path | None:
        """Rename a migrated file to ``<name>.migrated``; None if that failed."""
        return legacy.retire_legacy(self.directory / name)


def _open(database: UserDatabase) -> Opened:
    directory, path = database.directory, database.path
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {directory}: "
                         f"{database.explain(exc)}") from None
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
        raise StoreError(f"cannot open {path}: {database.explain(exc)}") from None
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
                raise StoreError(f"cannot open {path}: {database.explain(exc)}") from None
            why = "it is not a readable database"
        except StoreError:
            if connection is not None:
                connection.close()
            raise
        if connection is not None:
            connection.close()
    try:
        now = os.stat(path)
    except OSError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != examined:
        # Another window moved it aside meanwhile and started a new one: use that.
        return _open(database)
    try:
        moved = legacy.move_aside(path, "damaged")
    except OSError as exc:
        raise StoreError(f"{path} is damaged ({why}) and could not be moved aside "
                         f"({database.explain(exc)}); move it away, then restart "
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
        raise StoreError(f"cannot create {path}: {database.explain(exc)}") from None
    return Opened(connection,
                  f"The database of your notes and study history, {path}, was damaged "
                  f"({why}). It was kept, unchanged, as {moved}; needleguide started a new, "
                  "empty one.", moved)


def _open_read_only(path: Path) -> sqlite3.Connection | None:
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

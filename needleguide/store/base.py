"""What the notes store and the study store share: the database they open on first use, the
JSON file of an earlier version they take in once, and the problems met while loading."""

from __future__ import annotations

import logging
import os
import sqlite3
from typing import Generic, TypeVar

from needleguide.store import legacy
from needleguide.store.db import UserDatabase, now_stamp, transaction
from needleguide.store.errors import Problem

log = logging.getLogger(__name__)
T = TypeVar("T")


class UserStore(Generic[T]):
    """A store over the user database in ``directory`` (or over ``database``, which a test
    may make fail like a full or read-only disk). Opening does no I/O: the database is opened,
    and the earlier version's ``LEGACY_FILE`` taken in, on first use."""

    LEGACY_FILE = ""         # the JSON file of earlier versions
    LEGACY_LIMIT = 0         # its size limit in bytes

    def __init__(self, directory: str | os.PathLike[str], *,
                 database: UserDatabase | None = None) -> None:
        self.database = database if database is not None else UserDatabase(directory)
        self.directory = self.database.directory
        self.path = self.database.path
        self.legacy_path = self.directory / self.LEGACY_FILE
        self._db: sqlite3.Connection | None = None
        self._problems: list[Problem] = []

    # -- what each store says and does -----------------------------------------------------
    def _parse_legacy(self, raw: bytes) -> T:
        raise NotImplementedError

    def _take_in(self, db: sqlite3.Connection, content: T) -> None:
        """Write what the earlier version's file held, inside the migrating transaction."""
        raise NotImplementedError

    def _damage_report(self, found: legacy.Legacy[T]) -> Problem:
        raise NotImplementedError

    def _not_taken_in(self, why: str) -> str:
        """The words when the file was read but could not be written to the database."""
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        """The open database; opened (and the earlier version's file taken in) on first
        use. Raises StoreError."""
        if self._db is not None:
            return self._db
        opened = self.database.open()
        self._db = opened.connection
        if opened.problem:
            self._problems.append(Problem(opened.problem, opened.moved_to))
        self._migrate(self._db)
        return self._db

    def _migrate(self, connection: sqlite3.Connection) -> None:
        """Take in the earlier version's file, once."""
        found = self.database.read_legacy(self.LEGACY_FILE, self.LEGACY_LIMIT,
                                          self._parse_legacy)
        if found.damage:
            self._problems.append(self._damage_report(found))
        if found.content is None:
            return
        try:
            with transaction(connection) as db:
                if not legacy.already_migrated(db, self.LEGACY_FILE, found):
                    self._take_in(db, found.content)
                    legacy.mark_migrated(db, self.LEGACY_FILE, found, now_stamp())
        except sqlite3.Error as exc:
            self._problems.append(Problem(self._not_taken_in(self.database.explain(exc))))
            return
        if not found.from_backup:
            moved = self.database.retire_legacy(self.LEGACY_FILE)
            log.info("%s migrated into the database (kept as %s)", self.legacy_path, moved)

    def close(self) -> None:
        """Close the database connection (it is opened again when next needed)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _take_problems(self) -> list[Problem]:
        """The problems met since the last load, and forget them."""
        problems, self._problems = self._problems, []
        return problems

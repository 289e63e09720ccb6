"""Storage faults for tests: a user database whose writes fail as SQLite reports a full disk
or a read-only database, whose folder is read-only, or whose renames fail, without needing a
full or read-only disk (the tests run as root, which writes into read-only folders).

Hand one to a store: ``NotesStore(tmp_path, database=FaultyDatabase(tmp_path))``, then switch
a fault on and off with ``fail_writes``, ``read_only_folder`` and ``renames_fail``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, cast

from needleguide.store.db import Opened, UserDatabase
from needleguide.store.errors import StoreError

DISK_FULL = sqlite3.SQLITE_FULL
READ_ONLY = sqlite3.SQLITE_READONLY


def sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("simulated")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


class FailingConnection:
    """Wraps a real connection: while ``code`` is set, writes (INSERT, UPDATE, DELETE) raise
    that SQLite error; reads and transaction control pass through."""

    def __init__(self, real: sqlite3.Connection, code: int | None) -> None:
        self.real, self.code = real, code

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def _check(self, sql: str) -> None:
        if self.code is not None and sql.lstrip().upper().startswith(
                ("INSERT", "UPDATE", "DELETE")):
            raise sqlite_error(self.code)

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._check(sql)
        return self.real.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._check(sql)
        return self.real.executemany(sql, *args)


class FaultyDatabase(UserDatabase):
    """The user database in ``directory``, with faults to switch on and off."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        super().__init__(directory)
        self.read_only_folder = False   # opening for writing fails, the folder is read-only
        self.renames_fail = False       # a migrated notes.json cannot be renamed
        self._code: int | None = None
        self._connections: list[FailingConnection] = []

    def fail_writes(self, code: int | None) -> None:
        """Every write raises the SQLite error ``code`` from now on (None: writes work)."""
        self._code = code
        for connection in self._connections:
            connection.code = code

    def open(self) -> Opened:
        if self.read_only_folder:
            raise StoreError(f"the folder {self.directory} is read-only")
        opened = super().open()
        connection = FailingConnection(opened.connection, self._code)
        self._connections.append(connection)
        return opened._replace(connection=cast(sqlite3.Connection, connection))

    def folder_is_writable(self) -> bool:
        return not self.read_only_folder and super().folder_is_writable()

    def retire_legacy(self, name: str) -> Path | None:
        return None if self.renames_fail else super().retire_legacy(name)

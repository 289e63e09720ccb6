"""Storage faults for tests: a database connection whose writes fail as SQLite reports a full
disk or a read-only database, without needing a full or read-only disk."""

from __future__ import annotations

import sqlite3
from typing import Any

DISK_FULL = sqlite3.SQLITE_FULL
READ_ONLY = sqlite3.SQLITE_READONLY


def sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("simulated")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


class FailingConnection:
    """Wraps a real connection: writes (INSERT, UPDATE, DELETE) raise the SQLite error
    ``code``; reads and transaction control pass through."""

    def __init__(self, real: sqlite3.Connection, code: int) -> None:
        self.real, self.code = real, code

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def _check(self, sql: str) -> None:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite_error(self.code)

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._check(sql)
        return self.real.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._check(sql)
        return self.real.executemany(sql, *args)

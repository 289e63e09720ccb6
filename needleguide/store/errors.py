"""The one error type of the stores, and the one result of loading.

Both are words for a person: ``str(StoreError)`` and ``LoadResult.problem`` say what happened
and what to do, naming files where that helps ("the folder ... is read-only", "the database
... was damaged ... It was kept, unchanged, as ..."). No sqlite3 here: the UI imports this
module without opening a database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, Iterable, NamedTuple, TypeVar

T = TypeVar("T")


class StoreError(Exception):
    """Notes or study history could not be opened, read, saved, imported or exported. The
    message says what and why, for a person; what was saved before is unchanged."""


class Problem(NamedTuple):
    """One thing that went wrong while loading, and what was done about it."""

    message: str
    moved_to: Path | None = None  # where a damaged file was moved, byte for byte
    from_backup: bool = False     # what was loaded came from a .bak file


class LoadResult(NamedTuple, Generic[T]):
    """What a store loaded, and what went wrong while loading (``problem`` is "" when all
    was read, or there was nothing yet). Loading never raises: what could be read is in
    ``content`` whatever happened."""

    content: T
    problem: str = ""             # for the user: what happened, where the old file is
    moved_to: Path | None = None  # where a damaged database or file was moved, if it was
    from_backup: bool = False     # the content came (partly) from a backup file

    @property
    def ok(self) -> bool:
        """Everything was read and nothing had to be moved aside."""
        return not self.problem


def load_result(content: T, problems: Iterable[Problem]) -> LoadResult[T]:
    """``content`` with every problem met while loading it, in the order met."""
    found = list(problems)
    return LoadResult(content, "\n\n".join(p.message for p in found),
                      next((p.moved_to for p in found if p.moved_to is not None), None),
                      any(p.from_backup for p in found))

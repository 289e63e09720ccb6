"""Study history: one row per answered question in the user database (``store.db``).

Two windows studying at once each write the rows of the questions they answered; for a
question answered in both, the answer given last counts (the row is only replaced by a
later answer). The study-history.json of earlier versions is migrated into the database on
first use and kept, renamed ``study-history.json.migrated``; a damaged one is moved aside
(``study-history.json.corrupt-<time>``, its ``.bak`` used if valid) and reported. The
schedule and the history's JSON form are pure and live in ``core.schedule``.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from typing import TYPE_CHECKING

from needleguide.store.base import UserStore
from needleguide.store.db import UserDatabase, transaction
from needleguide.store.errors import LoadResult, Problem, StoreError, load_result
from needleguide.store.legacy import Legacy

if TYPE_CHECKING:  # core.schedule (and json) on first use: the window is made before
    from needleguide.core.schedule import ReviewState

log = logging.getLogger(__name__)
FILE_NAME = "study-history.json"  # the JSON file of earlier versions
MAX_BYTES = 16 * 1024 * 1024

__all__ = ["StudyStore", "FILE_NAME"]


def _stamp(moment: _dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(_dt.timezone.utc).isoformat(timespec="microseconds")


def _moment(text: str | None) -> _dt.datetime | None:
    return None if text is None else _dt.datetime.fromisoformat(text)


# A row is replaced only by a later answer (or one as late: the same window answering again).
_COLUMNS = ("question", "box", "due", "seen", "right", "last", "last_right", "phase", "step",
            "stability", "difficulty")
_UPSERT = (f"INSERT INTO study ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
           "ON CONFLICT (question) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:]) +
           " WHERE study.last IS NULL OR (excluded.last IS NOT NULL "
           "AND excluded.last >= study.last)")


class StudyStore(UserStore["dict[str, ReviewState]"]):
    """The review state of every question answered, saved as rows of the user database.
    Every failure is a StoreError whose message is for the user."""

    LEGACY_FILE = FILE_NAME
    LEGACY_LIMIT = MAX_BYTES

    def __init__(self, directory: str | os.PathLike[str], *,
                 database: UserDatabase | None = None) -> None:
        super().__init__(directory, database=database)
        self._seen: dict[str, ReviewState] = {}  # as last read from or written to the database

    # -- the earlier version's study-history.json -----------------------------------------
    def _parse_legacy(self, raw: bytes) -> dict[str, ReviewState]:
        from needleguide.core.schedule import history_from_json

        return history_from_json(raw.decode("utf-8"))

    def _take_in(self, db: sqlite3.Connection, content: dict[str, ReviewState]) -> None:
        self._write(db, content)

    def _not_taken_in(self, why: str) -> str:
        return (f"Your study history in {self.legacy_path} could not be moved into the "
                f"database: {why}. It is left as it is and will be taken in at the next start.")

    def _damage_report(self, found: Legacy[dict[str, ReviewState]]) -> Problem:
        what = f"Your study history could not be read ({found.damage})."
        if found.moved_to is None:
            return Problem(f"{what} It could not be moved aside either "
                           f"({found.unmovable}); it is left untouched.")
        kept = f"It was kept as {found.moved_to.name} in {found.moved_to.parent}"
        if found.from_backup:
            return Problem(f"{what} {kept}; your progress up to the save before it was "
                           "restored from the backup.", found.moved_to, True)
        return Problem(f"{what} {kept}; study starts afresh.", found.moved_to)

    # -- reading and writing ---------------------------------------------------------------
    def load(self) -> LoadResult[dict[str, ReviewState]]:
        """The saved history; never raises. What went wrong (and what was done about it) is
        in ``problem``."""
        history: dict[str, ReviewState] = {}
        try:
            history = self._read(self._connection())
        except StoreError as exc:
            self._problems.append(Problem(
                f"Could not open your study history for saving: {exc}. Progress from this "
                "session will not be saved until that is fixed."))
            reader = self.database.open_read_only()
            if reader is not None:
                try:
                    history = self._read(reader)
                except (sqlite3.Error, ValueError):
                    pass
                finally:
                    reader.close()
        except (sqlite3.Error, ValueError) as exc:
            self._problems.append(Problem(
                f"Could not read your study history ({self.database.explain(exc)})."))
        return load_result(history, self._take_problems())

    def _read(self, db: sqlite3.Connection) -> dict[str, ReviewState]:
        from needleguide.core.schedule import ReviewState, from_leitner

        history = {}
        for (question, box, due, seen, right, last, last_right, phase, step, stability,
             difficulty) in db.execute(f"SELECT {', '.join(_COLUMNS)} FROM study"):
            moment = _moment(due)
            assert moment is not None
            history[question] = (
                from_leitner(box, moment, seen, right, _moment(last)) if phase is None else
                ReviewState(moment, seen, right, _moment(last), bool(last_right), phase, step,
                            stability, difficulty))
        self._seen = dict(history)
        return history

    def _write(self, db: sqlite3.Connection, history: dict[str, ReviewState]) -> None:
        db.executemany(_UPSERT, [(q, 0, _stamp(s.due), s.seen, s.right, _stamp(s.last),
                                  int(s.last_right), s.phase, s.step, s.stability,
                                  s.difficulty) for q, s in sorted(history.items())])

    def save(self, history: dict[str, ReviewState]) -> dict[str, ReviewState]:
        """Write the questions whose state changed since the last read or save, one row
        each, and return the whole history as now saved (with other windows' answers).
        Raises StoreError; nothing is half-written."""
        changed = {q: s for q, s in history.items() if self._seen.get(q) != s}
        try:
            db = self._connection()
            with transaction(db):
                self._write(db, changed)
            return self._read(db)
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(f"could not save to {self.path}: "
                             f"{self.database.explain(exc)}") from None

"""Study history: one row per answered question in the user database (``user_db``).

Two windows studying at once each write the rows of the questions they answered; for a
question answered in both, the answer given last counts (the row is only replaced by a
later answer). The study-history.json of earlier versions is migrated into the database on
first use and kept, renamed ``study-history.json.migrated``; a damaged one is moved aside
(``study-history.json.corrupt-<time>``, its ``.bak`` used if valid) and reported. The
directory is injectable so tests never touch the user's files.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


from needleguide import paths, user_db
from needleguide.core.schedule import ReviewState, from_leitner, history_from_json

log = logging.getLogger(__name__)
FILE_NAME = "study-history.json"  # the JSON file of earlier versions
MAX_BYTES = 16 * 1024 * 1024


class StudyStoreError(OSError):
    """The history could not be saved; what was saved before is unchanged."""


@dataclass(frozen=True)
class LoadResult:
    history: dict[str, ReviewState] = field(default_factory=dict)
    problem: str = ""                 # empty when all was read (or there was nothing yet)
    preserved_as: Path | None = None  # where an unreadable file was moved


def default_directory() -> Path:
    """The user's app-data folder (``paths.app_data_dir``: the same folder as the log, found
    by Python so that a non-ASCII folder under a non-UTF-8 locale is the folder meant)."""
    try:
        return paths.app_data_dir()
    except paths.AppDataError as exc:
        raise StudyStoreError(str(exc)) from None


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


class StudyStore:
    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_directory()
        self.path = self.directory / user_db.DB_NAME
        self.legacy_path = self.directory / FILE_NAME
        self._db: sqlite3.Connection | None = None
        self._seen: dict[str, ReviewState] = {}  # as last read from or written to the database
        self._problem = ""
        self._preserved: Path | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        try:
            opened = user_db.open_database(self.directory)
        except user_db.StorageError as exc:
            raise StudyStoreError(str(exc)) from None
        self._db = opened.connection
        if opened.problem:
            self._problem, self._preserved = opened.problem, opened.moved_to
        self._migrate()
        return self._db

    def _migrate(self) -> None:
        legacy = user_db.read_legacy(
            self.legacy_path, MAX_BYTES,
            lambda raw: history_from_json(raw.decode("utf-8")))
        if legacy.damage:
            self._report_damage(legacy)
        if legacy.content is None:
            return
        assert self._db is not None
        try:
            with user_db.transaction(self._db) as db:
                if not user_db.already_migrated(db, self.legacy_path, legacy):
                    self._write(db, legacy.content)
                    user_db.mark_migrated(db, self.legacy_path, legacy)
        except sqlite3.Error as exc:
            self._problem = (f"Your study history in {self.legacy_path} could not be moved "
                             f"into the database: {user_db.explain(exc, self.path)}. It is "
                             "left as it is and will be taken in at the next start.")
            return
        if not legacy.from_backup:
            user_db.retire_legacy(self.legacy_path)

    def _report_damage(self, legacy: user_db.Legacy[dict[str, ReviewState]]) -> None:
        what = f"Your study history could not be read ({legacy.damage})."
        if legacy.moved_to is None:
            self._problem = (f"{what} It could not be moved aside either "
                             f"({legacy.unmovable}); it is left untouched.")
            return
        kept = f"It was kept as {legacy.moved_to.name} in {legacy.moved_to.parent}"
        self._preserved = legacy.moved_to
        self._problem = (f"{what} {kept}; your progress up to the save before it was "
                         "restored from the backup." if legacy.from_backup
                         else f"{what} {kept}; study starts afresh.")

    def load(self) -> LoadResult:
        """The saved history; what went wrong (and what was done about it) in ``problem``."""
        history: dict[str, ReviewState] = {}
        try:
            history = self._read(self._connection())
        except StudyStoreError as exc:
            self._problem = (f"Could not open your study history for saving: {exc}. Progress "
                             "from this session will not be saved until that is fixed.")
            reader = user_db.open_read_only(self.directory)
            if reader is not None:
                try:
                    history = self._read(reader)
                except (sqlite3.Error, ValueError):
                    pass
                finally:
                    reader.close()
        except (sqlite3.Error, ValueError) as exc:
            self._problem = (f"Could not read your study history "
                             f"({user_db.explain(exc, self.path)}).")
        result = LoadResult(history, self._problem, self._preserved)
        self._problem, self._preserved = "", None
        return result

    def _read(self, db: sqlite3.Connection) -> dict[str, ReviewState]:
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
        Raises StudyStoreError; nothing is half-written."""
        changed = {q: s for q, s in history.items() if self._seen.get(q) != s}
        try:
            db = self._connection()
            with user_db.transaction(db):
                self._write(db, changed)
            return self._read(db)
        except (sqlite3.Error, ValueError) as exc:
            raise StudyStoreError(f"could not save to {self.path}: "
                                  f"{user_db.explain(exc, self.path)}") from None

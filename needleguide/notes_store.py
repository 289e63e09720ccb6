"""The clinician's own notes, plain text per region, one row per note in the user database
(``user_db``: needleguide.sqlite3 in the app-data folder, ``default_notes_dir``).

Two windows (two stores on one database) write rows, never whole files. A save writes only
the notes changed here since this store last read them. When two windows change the same
note, the later save wins, and the text it replaces is kept in that note's history
(``versions``), which the notes pane offers as "Earlier versions": nothing a user typed is
dropped. The history also keeps a note's text from an earlier session when it is first
changed, and every note that is cleared.

The size limit of ``core.notes`` is checked when saving: a note over it is refused with a
reason and stays in memory (and in the editor). Loading never refuses what was saved.

The notes.json of earlier versions is migrated into the database the first time the
database is opened; the file is kept, renamed ``notes.json.migrated``. A damaged notes.json
is moved aside as ``notes.json.corrupt-<time>`` (its ``.bak`` is used if valid) and
reported. JSON stays the export and import format.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple


from needleguide import paths, user_db
from needleguide.core.notes import (MAX_FILE_BYTES, NotesError, dump_notes, limit_problem,
                                    merge_imported,
                                    note_problem, parse_notes, size_text,
                                    total_problem)
from needleguide.regular_file import FileProblem, read_regular_file, write_regular_file

log = logging.getLogger(__name__)
LEGACY_FILE = "notes.json"
FILE_NAME = LEGACY_FILE  # the name of the JSON file of earlier versions

__all__ = ["NotesError", "NotesStore", "LoadProblem", "NoteVersion", "default_notes_dir"]


class LoadProblem(NamedTuple):
    """What ``load`` found wrong and what it did about it."""

    message: str           # for the user: what happened, where the old file is, what we use
    moved_to: Path | None  # where a damaged file was moved, if it could be moved
    from_backup: bool      # True if the notes were taken from notes.json.bak


class NoteVersion(NamedTuple):
    """An earlier text of a note, kept when another text replaced it."""

    id: int
    text: str
    saved: str     # when it was saved, UTC ISO 8601
    replaced: str  # when it was replaced
    why: str


def default_notes_dir() -> Path:
    """The user's app-data folder (``paths.app_data_dir``: the same folder as the log, found
    by Python so that a non-ASCII folder under a non-UTF-8 locale is the folder meant)."""
    try:
        return paths.app_data_dir()
    except paths.AppDataError as exc:
        raise NotesError(str(exc)) from None


def saved_notes(directory: Path) -> dict[str, str]:
    """The notes as last saved, read without writing anything (no database is created and
    nothing migrated): for the command line's search. Empty when there are none."""
    reader = user_db.open_read_only(directory)
    if reader is None:
        return {}
    try:
        return {region: text for region, text in
                reader.execute("SELECT region, text FROM notes WHERE text != ''")}
    except sqlite3.Error:
        return {}
    finally:
        reader.close()


class NotesStore:
    """Notes per region, kept in memory and saved as rows of the user database."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_notes_dir()
        self.path = self.directory / user_db.DB_NAME
        self.legacy_path = self.directory / LEGACY_FILE
        self.writer = os.urandom(12).hex()  # this window, this run (uuid costs 2 ms)
        self._db: sqlite3.Connection | None = None
        self._notes: dict[str, str] = {}
        self._seen: dict[str, tuple[int, str]] = {}  # region: (revision, text) as last read
        self._changed: set[str] = set()  # regions changed here and not saved yet
        self._data_version = -1
        self._problems: list[LoadProblem] = []
        # Regions whose text from another window the last save replaced (and kept).
        self.replaced_elsewhere: set[str] = set()

    # -- the database ----------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        """The open database; opened (and notes.json migrated) on first use. Raises
        NotesError."""
        if self._db is not None:
            return self._db
        try:
            opened = user_db.open_database(self.directory)
        except user_db.StorageError as exc:
            raise NotesError(str(exc)) from None
        self._db = opened.connection
        if opened.problem:
            self._problems.append(LoadProblem(opened.problem, opened.moved_to, False))
        self._migrate()
        return self._db

    def _migrate(self) -> None:
        """Take in the notes.json of an earlier version, once."""
        legacy = user_db.read_legacy(
            self.legacy_path, MAX_FILE_BYTES,
            lambda raw: parse_notes(raw, str(self.legacy_path), within_limits=False))
        if legacy.damage:
            self._problems.append(self._damage_report(legacy))
        if legacy.content is None:
            return
        assert self._db is not None
        try:
            with user_db.transaction(self._db) as db:
                if not user_db.already_migrated(db, self.legacy_path, legacy):
                    for region_id, text in legacy.content.items():
                        self._write_row(db, region_id, text, f"replaced by {LEGACY_FILE}",
                                        keep_current=True)
                    user_db.mark_migrated(db, self.legacy_path, legacy)
        except sqlite3.Error as exc:
            self._problems.append(LoadProblem(
                f"Your notes in {self.legacy_path} could not be moved into the database: "
                f"{user_db.explain(exc, self.path)}. The file is left as it is and will be "
                "taken in at the next start.", None, False))
            return
        if not legacy.from_backup:
            moved = user_db.retire_legacy(self.legacy_path)
            log.info("notes migrated from %s (kept as %s)", self.legacy_path, moved)

    def _damage_report(self, legacy: user_db.Legacy[dict[str, str]]) -> LoadProblem:
        what = f"Your notes could not be read: {legacy.damage}."
        if legacy.moved_to is None:
            return LoadProblem(f"{what} It could not be moved aside either "
                               f"({legacy.unmovable}); it is left untouched.", None, False)
        if legacy.from_backup:
            return LoadProblem(f"{what} The file was kept as {legacy.moved_to}; needleguide "
                               f"restored your notes from the backup {LEGACY_FILE}.bak, "
                               "which may miss your latest changes.", legacy.moved_to, True)
        return LoadProblem(f"{what} The file was kept as {legacy.moved_to}; needleguide "
                           "starts with no notes from it (no valid backup was found).",
                           legacy.moved_to, False)

    # -- reading -------------------------------------------------------------------------
    def load(self) -> LoadProblem | None:
        """Open the database and read every note. None if all is well."""
        self._notes, self._seen, self._changed = {}, {}, set()
        try:
            db = self._connection()  # may migrate notes.json: read everything afterwards
            self._seen, self._data_version = {}, -1
            self._pull(db)
        except NotesError as exc:
            self._problems.append(self._read_only(str(exc)))
        except sqlite3.Error as exc:
            self._problems.append(LoadProblem(
                f"Your notes could not be read: {user_db.explain(exc, self.path)}.",
                None, False))
        problems, self._problems = self._problems, []
        if not problems:
            return None
        return LoadProblem("\n\n".join(p.message for p in problems),
                           next((p.moved_to for p in problems if p.moved_to), None),
                           any(p.from_backup for p in problems))

    def _read_only(self, why: str) -> LoadProblem:
        """Show what was saved even when the database cannot be opened for writing."""
        reader = user_db.open_read_only(self.directory)
        if reader is None:
            try:  # not migrated yet? Show the notes.json of the earlier version, untouched
                self._notes = parse_notes(read_regular_file(self.legacy_path, MAX_FILE_BYTES),
                                          str(self.legacy_path), within_limits=False)
            except (OSError, FileProblem, NotesError):
                return LoadProblem(f"Your notes could not be opened: {why}. needleguide "
                                   "starts without them and will try again when you save.",
                                   None, False)
            return LoadProblem(f"Your notes are shown from {self.legacy_path} but cannot be "
                               f"saved: {why}.", None, False)
        try:
            self._pull(reader)
        except sqlite3.Error as exc:
            log.warning("notes not read: %s", exc)
        finally:
            reader.close()
            self._data_version = -1
        return LoadProblem(f"Your notes are shown but cannot be saved: {why}.", None, False)

    def _pull(self, db: sqlite3.Connection) -> bool:
        """Take in every note saved since this store last read it, except notes changed here
        and not saved yet. True if a note changed."""
        version = db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version:
            return False
        changed = False
        revisions = db.execute("SELECT region, revision FROM notes").fetchall()
        for region_id, revision in revisions:
            if region_id in self._changed or self._seen.get(region_id, (0, ""))[0] == revision:
                continue
            row = db.execute("SELECT text, revision FROM notes WHERE region = ?",
                             (region_id,)).fetchone()
            if row is None:
                continue
            text, revision = row
            self._seen[region_id] = (revision, text)
            if self._notes.get(region_id, "") != text:
                changed = True
                if text:
                    self._notes[region_id] = text
                else:
                    self._notes.pop(region_id, None)
        self._data_version = version
        return changed

    def notes(self) -> dict[str, str]:
        """A copy of every note, for search (SearchIndex accepts it as is)."""
        return dict(self._notes)

    def get(self, region_id: str) -> str:
        return self._notes.get(region_id, "")

    def versions(self, region_id: str) -> list[NoteVersion]:
        """The earlier texts of a note, newest first."""
        try:
            rows = self._connection().execute(
                "SELECT id, text, saved, replaced, why FROM note_history WHERE region = ? "
                "ORDER BY id DESC", (region_id,)).fetchall()
        except sqlite3.Error as exc:
            raise NotesError(f"the earlier versions could not be read: "
                             f"{user_db.explain(exc, self.path)}") from None
        return [NoteVersion(*row) for row in rows]

    # -- writing -------------------------------------------------------------------------
    def set(self, region_id: str, text: str) -> None:
        """Change a note in memory; call ``save`` to write it."""
        if text.strip():
            self._notes[region_id] = text
        else:
            self._notes.pop(region_id, None)
        self._changed.add(region_id)

    def save(self) -> None:
        """Write the notes changed here, one row each, in one transaction, then take in what
        other windows saved. Raises NotesError if a note could not be saved: it stays in
        memory for a retry; notes within the size limit are saved all the same."""
        refused = self._over_limit()
        self.replaced_elsewhere = set()
        try:
            db = self._connection()
            with user_db.transaction(db):
                for region_id in sorted(self._changed - set(refused)):
                    self._save_row(db, region_id)
            self._changed = set(refused)
            self._pull(db)
        except sqlite3.Error as exc:
            raise NotesError(user_db.explain(exc, self.path)) from None
        if refused:
            raise NotesError(next(iter(refused.values())))

    def _over_limit(self) -> dict[str, str]:
        """The changed notes that may not be saved, with why: a note over the limit, or one
        that grew while all notes together are over it."""
        refused = {}
        too_much = total_problem(self._notes)
        for region_id in sorted(self._changed):
            problem = note_problem(region_id, self.get(region_id))
            grew = len(self.get(region_id)) > len(self._seen.get(region_id, (0, ""))[1])
            if problem or (too_much and grew):
                refused[region_id] = problem or too_much
        return refused

    def _save_row(self, db: sqlite3.Connection, region_id: str) -> None:
        ours = self._notes.get(region_id, "")
        seen_revision, seen_text = self._seen.get(region_id, (0, ""))
        if ours == seen_text:
            return  # typed and undone: not a change, and not over another window's text
        row = db.execute("SELECT revision, writer, text FROM notes WHERE region = ?",
                         (region_id,)).fetchone()
        # Saved by another window since this store read it: the later save (ours) wins.
        conflict = row is not None and row[0] != seen_revision
        if conflict and row[2]:
            self.replaced_elsewhere.add(region_id)
        why = ("saved in another needleguide window, then replaced by a later save in "
               "another" if conflict
               else "cleared" if not ours.strip() else "replaced by a later edit")
        self._write_row(db, region_id, ours, why, keep_current=conflict or not ours.strip())

    def _write_row(self, db: sqlite3.Connection, region_id: str, text: str, why: str, *,
                   keep_current: bool) -> None:
        """Make ``text`` the note of ``region_id``. The text it replaces goes to the history
        if ``keep_current`` or if it was saved by another window or in an earlier session;
        nothing happens if the note already holds ``text``."""
        text = text if text.strip() else ""
        row = db.execute("SELECT text, revision, saved, writer FROM notes WHERE region = ?",
                         (region_id,)).fetchone()
        now = user_db.now_stamp()
        revision = 1
        if row is not None:
            current, revision, saved, writer = row
            revision += 1
            if current == text:
                self._seen[region_id] = (revision - 1, text)
                return
            if current and (keep_current or writer != self.writer):
                db.execute("INSERT INTO note_history (region, text, saved, replaced, why) "
                           "VALUES (?, ?, ?, ?, ?)", (region_id, current, saved, now, why))
        db.execute("INSERT INTO notes (region, text, revision, saved, writer) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (region) DO UPDATE SET "
                   "text = excluded.text, revision = excluded.revision, "
                   "saved = excluded.saved, writer = excluded.writer",
                   (region_id, text, revision, now, self.writer))
        self._seen[region_id] = (revision, text)

    def refresh(self) -> bool:
        """Take in notes another window saved since this store last read them (changes made
        here and not yet saved are kept). True if any note changed."""
        if self._db is None:
            return False
        try:
            return self._pull(self._db)
        except sqlite3.Error as exc:
            log.warning("notes not refreshed: %s", user_db.explain(exc, self.path))
            return False

    def restore(self, region_id: str, version_id: int) -> str:
        """Make an earlier version the note again, keeping the text it replaces in the
        history. Returns the restored text. Raises NotesError."""
        try:
            db = self._connection()
            row = db.execute("SELECT text FROM note_history WHERE id = ? AND region = ?",
                             (version_id, region_id)).fetchone()
            if row is None:
                raise NotesError("that earlier version no longer exists")
            with user_db.transaction(db):
                self._write_row(db, region_id, row[0], "replaced by an earlier version",
                                keep_current=True)
            self._changed.discard(region_id)
            self._notes[region_id] = row[0]
            self._pull(db)
        except sqlite3.Error as exc:
            raise NotesError(user_db.explain(exc, self.path)) from None
        return str(row[0])

    # -- import and export -----------------------------------------------------------------
    def export_to(self, path: str | os.PathLike[str]) -> None:
        """Write every note to ``path`` in the JSON notes format, atomically; ``path`` must
        be a regular file or a new name."""
        try:
            write_regular_file(Path(path), dump_notes(self._notes))
        except FileProblem as exc:
            raise NotesError(str(exc)) from None

    def import_from(self, path: str | os.PathLike[str]) -> list[str]:
        """Take in a JSON notes file: a note it brings is added to the note already there
        (``merge_imported``: nothing is replaced, importing twice changes nothing; the text
        before the import stays in the note's history); others are kept.

        The whole file is checked first (a regular file, within the size limit, valid); a
        bad file raises NotesError and changes nothing. Returns the region ids whose note the
        import changed."""
        source = Path(path)
        try:
            raw = read_regular_file(source, MAX_FILE_BYTES)
        except FileNotFoundError:
            raise NotesError(f"cannot read {source}: there is no such file") from None
        except FileProblem as exc:
            raise NotesError(f"cannot read {source}: {exc}") from None
        label = f"imported from {source.name} on {_dt.date.today().isoformat()}"
        imported = {region: merged for region, text in parse_notes(raw, str(source)).items()
                    if (merged := merge_imported(self._notes.get(region, ""), text, label))
                    != self._notes.get(region, "")}
        after = {**self._notes, **imported}
        problem = limit_problem(after)
        if problem:
            raise NotesError(f"{source} cannot be imported: {problem}")
        try:
            db = self._connection()
            with user_db.transaction(db):
                for region_id in sorted(self._changed - set(imported)):
                    self._save_row(db, region_id)
                for region_id, text in imported.items():
                    self._write_row(db, region_id, text, f"before an import of {source}",
                                    keep_current=True)
        except sqlite3.Error as exc:
            raise NotesError(f"nothing was imported: {user_db.explain(exc, self.path)}") \
                from None
        self._notes = after
        self._changed = set()
        self._pull(db)
        log.info("imported %d notes (%s) from %s", len(imported),
                 size_text(len(raw)), source)
        return sorted(imported)

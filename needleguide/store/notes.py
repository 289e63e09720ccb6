"""The clinician's own notes, plain text per region, one row per note in the user database
(``store.db``: needleguide.sqlite3 in the app-data folder).

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
reported. JSON stays the export and import format (``core.notes``).
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from needleguide.core.notes import (MAX_FILE_BYTES, NotesFormatError, dump_notes,
                                    limit_problem, merge_notes, parse_notes, refused_saves,
                                    size_text)
from needleguide.regular_file import FileProblem, read_regular_file, write_regular_file
from needleguide.store.base import UserStore
from needleguide.store.db import UserDatabase, now_stamp, transaction
from needleguide.store.errors import LoadResult, Problem, StoreError, load_result
from needleguide.store.legacy import Legacy

log = logging.getLogger(__name__)
FILE_NAME = "notes.json"  # the JSON file of earlier versions

__all__ = ["NotesStore", "NoteVersion", "saved_notes", "FILE_NAME"]


class NoteVersion(NamedTuple):
    """An earlier text of a note, kept when another text replaced it."""

    id: int
    text: str
    saved: str     # when it was saved, UTC ISO 8601
    replaced: str  # when it was replaced
    why: str


def saved_notes(directory: Path) -> dict[str, str]:
    """The notes as last saved, read without writing anything (no database is created and
    nothing migrated): for the command line's search. Empty when there are none."""
    reader = UserDatabase(directory).open_read_only()
    if reader is None:
        return {}
    try:
        return {region: text for region, text in
                reader.execute("SELECT region, text FROM notes WHERE text != ''")}
    except sqlite3.Error:
        return {}
    finally:
        reader.close()


class NotesStore(UserStore[dict[str, str]]):
    """Notes per region, kept in memory and saved as rows of the user database. Every
    failure is a StoreError whose message is for the user."""

    LEGACY_FILE = FILE_NAME
    LEGACY_LIMIT = MAX_FILE_BYTES

    def __init__(self, directory: str | os.PathLike[str], *,
                 database: UserDatabase | None = None) -> None:
        super().__init__(directory, database=database)
        self.writer = os.urandom(12).hex()  # this window, this run (uuid costs 2 ms)
        self._notes: dict[str, str] = {}
        self._seen: dict[str, tuple[int, str]] = {}  # region: (revision, text) as last read
        self._changed: set[str] = set()  # regions changed here and not saved yet
        self._data_version = -1
        # Regions whose text from another window the last save replaced (and kept).
        self.replaced_elsewhere: set[str] = set()

    # -- the earlier version's notes.json --------------------------------------------------
    def _parse_legacy(self, raw: bytes) -> dict[str, str]:
        return parse_notes(raw, str(self.legacy_path), within_limits=False)

    def _take_in(self, db: sqlite3.Connection, content: dict[str, str]) -> None:
        for region_id, text in content.items():
            self._write_row(db, region_id, text, f"replaced by {FILE_NAME}", keep_current=True)

    def _not_taken_in(self, why: str) -> str:
        return (f"Your notes in {self.legacy_path} could not be moved into the database: "
                f"{why}. The file is left as it is and will be taken in at the next start.")

    def _damage_report(self, found: Legacy[dict[str, str]]) -> Problem:
        what = f"Your notes could not be read: {found.damage}."
        if found.moved_to is None:
            return Problem(f"{what} It could not be moved aside either "
                           f"({found.unmovable}); it is left untouched.")
        if found.from_backup:
            return Problem(f"{what} The file was kept as {found.moved_to}; needleguide "
                           f"restored your notes from the backup {FILE_NAME}.bak, "
                           "which may miss your latest changes.", found.moved_to, True)
        return Problem(f"{what} The file was kept as {found.moved_to}; needleguide "
                       "starts with no notes from it (no valid backup was found).",
                       found.moved_to)

    # -- reading -------------------------------------------------------------------------
    def load(self) -> LoadResult[dict[str, str]]:
        """Open the database and read every note; never raises. What went wrong (and what
        was done about it) is in ``problem``."""
        self._notes, self._seen, self._changed = {}, {}, set()
        try:
            db = self._connection()  # may migrate notes.json: read everything afterwards
            self._seen, self._data_version = {}, -1
            self._pull(db)
        except StoreError as exc:
            self._problems.append(self._read_only(str(exc)))
        except sqlite3.Error as exc:
            self._problems.append(Problem(
                f"Your notes could not be read: {self.database.explain(exc)}."))
        return load_result(self.notes(), self._take_problems())

    def _read_only(self, why: str) -> Problem:
        """Show what was saved even when the database cannot be opened for writing."""
        reader = self.database.open_read_only()
        if reader is None:
            try:  # not migrated yet? Show the notes.json of the earlier version, untouched
                self._notes = parse_notes(read_regular_file(self.legacy_path, MAX_FILE_BYTES),
                                          str(self.legacy_path), within_limits=False)
            except (OSError, FileProblem, NotesFormatError):
                return Problem(f"Your notes could not be opened: {why}. needleguide "
                               "starts without them and will try again when you save.")
            return Problem(f"Your notes are shown from {self.legacy_path} but cannot be "
                           f"saved: {why}.")
        try:
            self._pull(reader)
        except sqlite3.Error as exc:
            log.warning("notes not read: %s", exc)
        finally:
            reader.close()
            self._data_version = -1
        return Problem(f"Your notes are shown but cannot be saved: {why}.")

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
        """The earlier texts of a note, newest first. Raises StoreError."""
        try:
            rows = self._connection().execute(
                "SELECT id, text, saved, replaced, why FROM note_history WHERE region = ? "
                "ORDER BY id DESC", (region_id,)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"the earlier versions could not be read: "
                             f"{self.database.explain(exc)}") from None
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
        other windows saved. Raises StoreError if a note could not be saved: it stays in
        memory for a retry; notes within the size limit are saved all the same."""
        refused = refused_saves(self._notes, self._changed,
                                {region: text for region, (_, text) in self._seen.items()})
        self.replaced_elsewhere = set()
        try:
            db = self._connection()
            with transaction(db):
                for region_id in sorted(self._changed - set(refused)):
                    self._save_row(db, region_id)
            self._changed = set(refused)
            self._pull(db)
        except sqlite3.Error as exc:
            raise StoreError(self.database.explain(exc)) from None
        if refused:
            raise StoreError(next(iter(refused.values())))

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
        now = now_stamp()
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
            log.warning("notes not refreshed: %s", self.database.explain(exc))
            return False

    def restore(self, region_id: str, version_id: int) -> str:
        """Make an earlier version the note again, keeping the text it replaces in the
        history. Returns the restored text. Raises StoreError."""
        try:
            db = self._connection()
            row = db.execute("SELECT text FROM note_history WHERE id = ? AND region = ?",
                             (version_id, region_id)).fetchone()
            if row is None:
                raise StoreError("that earlier version no longer exists")
            with transaction(db):
                self._write_row(db, region_id, row[0], "replaced by an earlier version",
                                keep_current=True)
            self._changed.discard(region_id)
            self._notes[region_id] = row[0]
            self._pull(db)
        except sqlite3.Error as exc:
            raise StoreError(self.database.explain(exc)) from None
        return str(row[0])

    # -- import and export -----------------------------------------------------------------
    def export_to(self, path: str | os.PathLike[str]) -> None:
        """Write every note to ``path`` in the JSON notes format, atomically; ``path`` must
        be a regular file or a new name. Raises StoreError."""
        try:
            write_regular_file(Path(path), dump_notes(self._notes))
        except FileProblem as exc:
            raise StoreError(str(exc)) from None

    def import_from(self, path: str | os.PathLike[str]) -> list[str]:
        """Take in a JSON notes file: a note it brings is added to the note already there
        (``core.notes.merge_notes``: nothing is replaced, importing twice changes nothing;
        the text before the import stays in the note's history); others are kept.

        The whole file is checked first (a regular file, within the size limit, valid); a
        bad file raises StoreError and changes nothing. Returns the region ids whose note
        the import changed."""
        source = Path(path)
        try:
            raw = read_regular_file(source, MAX_FILE_BYTES)
            incoming = parse_notes(raw, str(source))
        except FileNotFoundError:
            raise StoreError(f"cannot read {source}: there is no such file") from None
        except FileProblem as exc:
            raise StoreError(f"cannot read {source}: {exc}") from None
        except NotesFormatError as exc:
            raise StoreError(str(exc)) from None
        label = f"imported from {source.name} on {_dt.date.today().isoformat()}"
        imported = merge_notes(self._notes, incoming, label)
        after = {**self._notes, **imported}
        problem = limit_problem(after)
        if problem:
            raise StoreError(f"{source} cannot be imported: {problem}")
        try:
            db = self._connection()
            with transaction(db):
                for region_id in sorted(self._changed - set(imported)):
                    self._save_row(db, region_id)
                for region_id, text in imported.items():
                    self._write_row(db, region_id, text, f"before an import of {source}",
                                    keep_current=True)
        except sqlite3.Error as exc:
            raise StoreError(f"nothing was imported: {self.database.explain(exc)}") from None
        self._notes = after
        self._changed = set()
        self._pull(db)
        log.info("imported %d notes (%s) from %s", len(imported), size_text(len(raw)), source)
        return sorted(imported)

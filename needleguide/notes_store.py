"""The clinician's own notes, plain text per region, in ONE human-readable JSON file.

    {"version": 1, "notes": {"gluteal": "text", ...}}

The file lives in the app-data location (``default_notes_dir``) unless a directory is passed
in (tests always pass one). Every save is atomic (QSaveFile: a temporary file renamed into
place) and first copies the previous file to ``notes.json.bak``. A file that cannot be read
or parsed is never overwritten: ``load`` moves it aside to ``notes.json.corrupt-<time>``,
byte for byte, carries on with the backup if that is valid (or with no notes) and returns a
``LoadProblem`` that the UI shows; ``save`` likewise moves a file that became unreadable
aside before writing. Import validates a whole file before changing anything.

Two windows of needleguide (or a person with an editor) may change the file while this one
runs. Saves hold a lock file (``notes.json.lock``) while they read, merge and write; a save
starts from what the file holds now and applies only the notes this store really changed
since it last read or wrote the file. When both sides changed the same note, both texts are
kept in it, one after the other, so nothing typed is ever lost.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from typing import NamedTuple
from pathlib import Path

from PySide6.QtCore import QIODevice, QLockFile, QSaveFile, QStandardPaths

FORMAT_VERSION = 1
FILE_NAME = "notes.json"
MAX_BYTES = 5_000_000  # a notes file is a few kB; refuse anything absurd before parsing it
_REGION_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LOCK_WAIT_MS = 3000
BOTH_CHANGED = "\u2014 also saved meanwhile from another needleguide window: \u2014"


def combine(ours: str, theirs: str) -> str:
    """One note from two texts changed at the same time: ours, then theirs, marked."""
    if not ours.strip():
        return theirs
    if not theirs.strip():
        return ours
    return f"{ours.rstrip()}\n\n{BOTH_CHANGED}\n{theirs.strip()}"


class NotesError(Exception):
    """Notes could not be read, saved, imported or exported; the message says what and why."""


class LoadProblem(NamedTuple):
    """What ``load`` found wrong with the notes file and what it did about it."""

    message: str          # for the user: what happened, where the old file is, what we use now
    moved_to: Path | None  # where the unreadable file was moved, if it could be moved
    from_backup: bool     # True if the notes now come from notes.json.bak


def default_notes_dir() -> Path:
    """The user's app-data folder (QStandardPaths.AppDataLocation); the app must have set
    its organisation and application names first."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not location:
        raise NotesError("no folder for application data was found on this system")
    return Path(location)


def parse_notes(raw: bytes, name: str) -> dict[str, str]:
    """Validate a whole notes file; raise NotesError naming the file and the first problem."""
    if len(raw) > MAX_BYTES:
        raise NotesError(f"{name} is too large to be a notes file ({len(raw):,} bytes)")
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise NotesError(f"{name} is not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise NotesError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno}") from None
    except RecursionError:
        raise NotesError(f"{name} is nested too deeply to be a notes file") from None
    if not isinstance(document, dict):
        raise NotesError(f"{name} is not a needleguide notes file (expected a JSON object "
                         'with "version" and "notes")')
    unknown = sorted(set(document) - {"version", "notes"})
    if unknown:
        raise NotesError(f"{name} has unknown fields: {', '.join(unknown)}")
    version = document.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise NotesError(f"{name} has notes format version {version!r}; this needleguide "
                         f"reads version {FORMAT_VERSION}")
    notes = document.get("notes")
    if not isinstance(notes, dict):
        raise NotesError(f'{name}: "notes" must be an object mapping region ids to text')
    for region_id, text in notes.items():
        if not _REGION_ID.match(region_id):
            raise NotesError(f"{name}: '{region_id}' is not a region id (lower case with "
                             "hyphens, e.g. upper-back)")
        if not isinstance(text, str):
            raise NotesError(f"{name}: the note for '{region_id}' must be text, not "
                             f"{type(text).__name__}")
    return {k: v for k, v in notes.items() if v.strip()}


def dump_notes(notes: dict[str, str]) -> bytes:
    """The file format: sorted, indented, UTF-8, readable and diffable by a person."""
    document = {"version": FORMAT_VERSION,
                "notes": {k: notes[k] for k in sorted(notes) if notes[k].strip()}}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through QSaveFile; the old file stays whole on failure."""
    save = QSaveFile(str(path))
    if not save.open(QIODevice.OpenModeFlag.WriteOnly):
        raise NotesError(f"cannot write {path}: {save.errorString()}")
    try:
        if save.write(content) != len(content):
            raise NotesError(save.errorString() or "the write failed")
        if not save.commit():
            raise NotesError(save.errorString() or "the file could not be put in place")
    except Exception as exc:
        save.cancelWriting()
        save.commit()  # with writing cancelled, this only removes the temporary file
        raise NotesError(f"cannot write {path}: {exc}") from exc


class NotesStore:
    """Notes per region, kept in memory and saved to ``<directory>/notes.json``; see the
    module docstring for how saves merge with other windows' changes."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_notes_dir()
        self.path = self.directory / FILE_NAME
        self.backup_path = self.directory / (FILE_NAME + ".bak")
        self._notes: dict[str, str] = {}
        self._blocked = ""  # why saving would overwrite a file we could not move aside
        self._seen: bytes | None = None  # the file as this store last read or wrote it
        self._changed: set[str] = set()  # regions changed here since then

    # -- reading -------------------------------------------------------------------------
    def load(self) -> LoadProblem | None:
        """Read the notes file. None if all is well (or there is no file yet)."""
        self._notes, self._blocked, self._seen, self._changed = {}, "", None, set()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return self._set_aside(f"{self.path} could not be read ({exc.strerror or exc})")
        try:
            self._notes = parse_notes(raw, str(self.path))
        except NotesError as exc:
            return self._set_aside(str(exc))
        self._seen = raw
        return None

    def _move_aside(self) -> Path:
        """Move the notes file, byte for byte, to ``notes.json.corrupt-<time>``; return the
        new name. Raises OSError."""
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.directory / f"{FILE_NAME}.corrupt-{stamp}"
        n = 1
        while target.exists():
            n += 1
            target = self.directory / f"{FILE_NAME}.corrupt-{stamp}-{n}"
        os.replace(self.path, target)
        return target

    def _set_aside(self, what: str) -> LoadProblem:
        try:
            target = self._move_aside()
        except OSError as exc:
            self._blocked = (f"{self.path} could not be read and could not be moved aside "
                             f"({exc.strerror or exc}); move or fix it, then restart")
            return LoadProblem(f"Your notes could not be read: {what}. It could not be moved "
                               f"aside either ({exc.strerror or exc}), so needleguide will "
                               "not save notes until you move or fix it.", None, False)
        try:
            self._notes = parse_notes(self.backup_path.read_bytes(), str(self.backup_path))
        except (OSError, NotesError):
            return LoadProblem(f"Your notes could not be read: {what}. The file was kept as "
                               f"{target}; needleguide starts with no notes (no valid backup "
                               "was found).", target, False)
        return LoadProblem(f"Your notes could not be read: {what}. The file was kept as "
                           f"{target}; needleguide restored your notes from the backup "
                           f"{self.backup_path}, which may miss your latest changes.",
                           target, True)

    def notes(self) -> dict[str, str]:
        """A copy of every note, for search (SearchIndex accepts it as is)."""
        return dict(self._notes)

    def get(self, region_id: str) -> str:
        return self._notes.get(region_id, "")

    # -- writing -------------------------------------------------------------------------
    def set(self, region_id: str, text: str) -> None:
        """Change a note in memory; call ``save`` to write it."""
        if text.strip():
            self._notes[region_id] = text
        else:
            self._notes.pop(region_id, None)
        self._changed.add(region_id)

    def save(self) -> None:
        """Merge in what changed on disk, back up the current file, then write all notes
        atomically. Raises NotesError."""
        if self._blocked:
            raise NotesError(self._blocked)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NotesError(f"cannot create {self.directory}: {exc.strerror or exc}") from None
        lock = QLockFile(str(self.directory / (FILE_NAME + ".lock")))
        if not lock.tryLock(LOCK_WAIT_MS):
            raise NotesError(f"{self.path} is being saved by another needleguide window; "
                             "your notes will be saved with your next change")
        try:
            self._save_locked()
        finally:
            lock.unlock()

    def _save_locked(self) -> None:
        previous = self._read_current()
        if previous is not None and previous != self._seen:
            try:
                self._merge(parse_notes(previous, str(self.path)))
            except NotesError:  # damaged meanwhile: keep it, byte for byte, and write ours
                try:
                    self._move_aside()
                except OSError as exc:
                    raise NotesError(f"{self.path} has become unreadable and could not be "
                                     f"moved aside ({exc.strerror or exc})") from None
                previous = None
        if previous is not None:
            write_atomically(self.backup_path, previous)
        content = dump_notes(self._notes)
        write_atomically(self.path, content)
        self._seen, self._changed = content, set()

    def _read_current(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise NotesError(f"cannot read {self.path} to back it up: "
                             f"{exc.strerror or exc}") from None

    def refresh(self) -> bool:
        """Take in notes another window saved since this store last read or wrote the file
        (changes made here and not yet saved are kept). True if any note changed."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return False
        if raw == self._seen or self._blocked:
            return False
        try:
            theirs = parse_notes(raw, str(self.path))
        except NotesError:
            return False  # the next save moves it aside
        before = dict(self._notes)
        self._merge(theirs)
        self._seen = raw
        return self._notes != before

    def _merge(self, theirs: dict[str, str]) -> None:
        """Start from ``theirs`` (the file now) and re-apply the notes really changed here
        since the file was last read or written: a note set back to what it was is not a
        change. Both changed the same note: both texts are kept."""
        base = parse_notes(self._seen, str(self.path)) if self._seen is not None else {}
        merged = dict(theirs)
        for region_id in self._changed:
            ours, old = self._notes.get(region_id, ""), base.get(region_id, "")
            if ours == old:
                continue
            now = theirs.get(region_id, "")
            text = ours if now in (old, ours) else combine(ours, now)
            if text.strip():
                merged[region_id] = text
            else:
                merged.pop(region_id, None)
        self._notes = merged

    # -- import and export -----------------------------------------------------------------
    def export_to(self, path: str | os.PathLike[str]) -> None:
        """Write every note to ``path`` in the notes file format, atomically."""
        target = Path(path)
        if target.is_dir():
            raise NotesError(f"cannot write {target}: it is a folder")
        write_atomically(target, dump_notes(self._notes))

    def import_from(self, path: str | os.PathLike[str]) -> list[str]:
        """Merge a notes file: its notes replace those of the same regions; others are kept.

        The whole file is validated first; a bad file raises NotesError and changes nothing.
        The previous notes stay in notes.json.bak. Returns the region ids imported.
        """
        source = Path(path)
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise NotesError(f"cannot read {source}: {exc.strerror or exc}") from None
        imported = parse_notes(raw, str(source))
        before, changed_before = dict(self._notes), set(self._changed)
        self._notes.update(imported)
        self._changed.update(imported)
        try:
            self.save()
        except NotesError:
            self._notes, self._changed = before, changed_before
            raise
        return sorted(imported)

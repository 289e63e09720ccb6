"""Study history on disk: one human-readable JSON file in the application-data location.

Saves are atomic (QSaveFile: the old file stays until the new one is complete), the previous
version is kept as ``.bak``, and a file that cannot be read is moved aside and reported, never
overwritten. The directory is injectable so tests never touch the user's files.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QIODevice, QLockFile, QSaveFile, QStandardPaths

from needleguide.core.study import (HistoryFormatError, ReviewState, history_from_json,
                                    history_to_json)

log = logging.getLogger(__name__)
FILE_NAME = "study-history.json"
MAX_BYTES = 16 * 1024 * 1024
LOCK_WAIT_MS = 3000


class StudyStoreError(OSError):
    """The history could not be saved; the file on disk is unchanged."""


@dataclass(frozen=True)
class LoadResult:
    history: dict[str, ReviewState] = field(default_factory=dict)
    problem: str = ""                 # empty when the file was read (or did not exist yet)
    preserved_as: Path | None = None  # where an unreadable file was moved


def default_directory() -> Path:
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    if not location:  # never fall back to the current directory
        raise StudyStoreError("no folder for application data was found on this system")
    return Path(location)


def merge_histories(theirs: dict[str, ReviewState],
                    ours: dict[str, ReviewState]) -> dict[str, ReviewState]:
    """Both histories, keeping for each question the state answered last (ours on a tie)."""
    merged = dict(theirs)
    for question, state in ours.items():
        other = merged.get(question)
        if (other is None or other.last is None
                or (state.last is not None and state.last >= other.last)):
            merged[question] = state
    return merged


class StudyStore:
    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_directory()
        self.path = self.directory / FILE_NAME
        self.backup_path = self.path.with_name(FILE_NAME + ".bak")

    def load(self) -> LoadResult:
        """The saved history; an unreadable file is moved aside and described in ``problem``."""
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return LoadResult()
        except OSError as exc:
            # Unreadable (permissions...): report it but leave the file exactly where it is.
            return LoadResult(problem=f"Could not read your study history {self.path}: "
                                      f"{exc.strerror or exc}. Progress from this session "
                                      "will not be saved until that is fixed.")
        try:
            if len(raw) > MAX_BYTES:
                raise HistoryFormatError("the file is too large")
            return LoadResult(history_from_json(raw.decode("utf-8")))
        except (HistoryFormatError, UnicodeDecodeError) as exc:
            try:
                moved = self._preserve(str(exc))
            except StudyStoreError as move_error:
                return LoadResult(problem=f"Your study history could not be read ({exc}) "
                                          f"and could not be moved aside ({move_error}). It "
                                          "is left untouched; progress will not be saved.")
            backup = self._backup()
            if backup is not None:
                return LoadResult(backup, problem=f"Your study history could not be read "
                                  f"({exc}). It was kept as {moved.name} in {moved.parent}; "
                                  "your progress up to the save before it was restored from "
                                  "the backup.", preserved_as=moved)
            return LoadResult(problem=f"Your study history could not be read ({exc}). "
                                      f"It was kept as {moved.name} in {moved.parent}; "
                                      "study starts afresh.", preserved_as=moved)

    def _backup(self) -> dict[str, ReviewState] | None:
        """The history in the .bak file, if there is a valid one."""
        try:
            return history_from_json(self.backup_path.read_bytes().decode("utf-8"))
        except (OSError, HistoryFormatError, UnicodeDecodeError):
            return None

    def save(self, history: dict[str, ReviewState]) -> dict[str, ReviewState]:
        """Write atomically, keeping the previous version as .bak, and return what was
        written. Raises StudyStoreError.

        Another needleguide window may have saved since this one loaded: for each question
        the state answered last is kept, so neither window wipes the other's progress (for a
        question answered in both, the earlier answer's counts are not added in). A lock
        file keeps two windows from merging and writing at the same moment."""
        self.directory.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self.path.with_name(FILE_NAME + ".lock")))
        if not lock.tryLock(LOCK_WAIT_MS):
            raise StudyStoreError(f"{self.path} is being saved by another needleguide window")
        try:
            return self._save_locked(history)
        finally:
            lock.unlock()

    def _save_locked(self, history: dict[str, ReviewState]) -> dict[str, ReviewState]:
        previous = self._previous()
        merged = dict(history)
        if previous is not None:
            text, theirs = previous
            self._write(self.backup_path, text)
            merged = merge_histories(theirs, history)
        self._write(self.path, history_to_json(merged))
        return merged

    def _previous(self) -> tuple[str, dict[str, ReviewState]] | None:
        """The current file's text and history if it is valid; a damaged one is moved
        aside."""
        try:
            text = self.path.read_bytes().decode("utf-8")
            return text, history_from_json(text)
        except FileNotFoundError:
            return None
        except (HistoryFormatError, UnicodeDecodeError) as exc:
            self._preserve(str(exc))
            return None
        except OSError as exc:
            raise StudyStoreError(f"could not read {self.path}: {exc.strerror or exc}") from exc

    def _write(self, path: Path, text: str) -> None:
        out = QSaveFile(str(path))
        if not out.open(QIODevice.OpenModeFlag.WriteOnly):
            raise StudyStoreError(f"could not write {path}: {out.errorString()}")
        data = text.encode("utf-8")
        if out.write(data) != len(data):
            out.cancelWriting()
            raise StudyStoreError(f"could not write {path}: {out.errorString()}")
        if not out.commit():
            raise StudyStoreError(f"could not save {path}: {out.errorString() or 'interrupted'}")

    def _preserve(self, why: str) -> Path:
        """Move a damaged history aside under a new name and return that name."""
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"study-history.corrupt-{stamp}.json")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"study-history.corrupt-{stamp}-{n}.json")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise StudyStoreError(f"could not move {self.path} aside: "
                                  f"{exc.strerror or exc}") from exc
        log.warning("study history %s is damaged (%s); moved to %s", self.path, why, target)
        return target

"""Study history in the user database: one row per answered question, the later answer wins
between two windows, the JSON file of earlier versions migrated and kept, damage kept."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from needleguide.store.db import DB_NAME, SCHEMA_VERSION
from needleguide.core import study
from needleguide.store.errors import StoreError
from needleguide.store.study import FILE_NAME, StudyStore
from tests.faults import DISK_FULL, FaultyDatabase

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def _history(*answers: tuple[str, bool]) -> dict[str, study.ReviewState]:
    history: dict[str, study.ReviewState] = {}
    for qid, right in answers:
        history = study.record_answer(history, qid, right, NOW)
    return history


def rows(directory: Path) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(directory / DB_NAME) as db:
        return db.execute("SELECT question, last_right, seen, right FROM study "
                          "ORDER BY question").fetchall()


def test_a_first_run_has_an_empty_history_and_no_problem(tmp_path: Path) -> None:
    result = StudyStore(tmp_path / "new").load()
    assert result.content == {} and result.problem == ""


def test_history_round_trips_one_row_per_answered_question(tmp_path: Path) -> None:
    store = StudyStore(tmp_path / "app")
    store.save(_history(("a", True)))
    second = _history(("a", True), ("b", False))
    assert store.save(second) == second
    assert StudyStore(tmp_path / "app").load().content == second
    assert rows(tmp_path / "app") == [("a", 1, 1, 1), ("b", 0, 1, 0)]


def test_times_keep_their_precision(tmp_path: Path) -> None:
    moment = NOW + dt.timedelta(microseconds=123456)
    history = study.record_answer({}, "a", True, moment)
    StudyStore(tmp_path).save(history)
    assert StudyStore(tmp_path).load().content == history


def test_a_failed_save_loses_nothing_and_the_next_save_catches_up(tmp_path: Path) -> None:
    database = FaultyDatabase(tmp_path)
    store = StudyStore(tmp_path, database=database)
    saved = _history(("a", True))
    store.save(saved)
    database.fail_writes(DISK_FULL)
    retried = _history(("a", True), ("b", True))
    with pytest.raises(StoreError, match="the disk is full"):
        store.save(retried)
    assert StudyStore(tmp_path).load().content == saved
    database.fail_writes(None)
    store.save(retried)
    assert StudyStore(tmp_path).load().content == retried


def test_two_windows_studying_at_once_keep_each_others_progress(tmp_path: Path) -> None:
    """Each window saves its whole history; the later save must not wipe the other's answers.
    For a question both answered, the answer given last counts."""
    first, second = StudyStore(tmp_path), StudyStore(tmp_path)
    first.load(), second.load()
    later = NOW + dt.timedelta(minutes=5)
    mine = study.record_answer(_history(("a", True)), "shared", True, NOW)
    theirs = study.record_answer(_history(("b", False)), "shared", False, later)
    first.save(mine)
    written = second.save(theirs)
    on_disk = StudyStore(tmp_path).load().content
    assert on_disk == written
    assert set(on_disk) == {"a", "b", "shared"}
    assert on_disk["shared"] == theirs["shared"]  # answered last
    assert first.save(mine)["shared"] == theirs["shared"]  # an older answer does not win back
    assert first.save({**mine, "shared": study.record_answer(
        {}, "shared", True, NOW - dt.timedelta(days=1))["shared"]})["shared"] == \
        theirs["shared"]


# -- migration ---------------------------------------------------------------------------------

def test_the_json_history_of_an_earlier_version_is_migrated_and_kept(tmp_path: Path) -> None:
    history = _history(("a", True), ("b", False))
    text = study.history_to_json(history)
    (tmp_path / FILE_NAME).write_text(text, "utf-8")
    result = StudyStore(tmp_path).load()
    assert result.problem == "" and result.content == history
    assert (tmp_path / (FILE_NAME + ".migrated")).read_text("utf-8") == text
    assert not (tmp_path / FILE_NAME).exists()
    assert StudyStore(tmp_path).load().content == history  # once, then from the database


def test_a_corrupt_history_is_reported_and_moved_aside_not_overwritten(tmp_path: Path) -> None:
    store = StudyStore(tmp_path)
    tmp_path.joinpath(FILE_NAME).write_bytes(b'{"format": "needleguide-study-hist')
    result = store.load()
    assert result.content == {}
    assert "could not be read" in result.problem and "starts afresh" in result.problem
    assert result.moved_to is not None and result.moved_to.name in result.problem
    assert result.moved_to.read_bytes() == b'{"format": "needleguide-study-hist'
    store.save(_history(("a", False)))
    assert result.moved_to.read_bytes() == b'{"format": "needleguide-study-hist'
    assert StudyStore(tmp_path).load().content == _history(("a", False))


def test_a_corrupt_history_is_restored_from_the_backup(tmp_path: Path) -> None:
    backup = study.history_to_json(_history(("a", True)))
    (tmp_path / (FILE_NAME + ".bak")).write_text(backup, "utf-8")
    (tmp_path / FILE_NAME).write_bytes(b"garbage")
    result = StudyStore(tmp_path).load()
    assert result.content == _history(("a", True))
    assert "restored from the backup" in result.problem
    assert result.moved_to is not None and result.moved_to.read_bytes() == b"garbage"
    assert (tmp_path / (FILE_NAME + ".bak")).read_text("utf-8") == backup


def test_two_corrupt_files_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    for text in ("one", "two"):
        (tmp_path / FILE_NAME).write_text(text, "utf-8")
        assert StudyStore(tmp_path).load().moved_to is not None
    kept = sorted(p.read_text("utf-8") for p in tmp_path.iterdir() if "corrupt" in p.name)
    assert kept == ["one", "two"]


def test_a_history_file_of_the_wrong_kind_is_kept(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps({"format": "other"}), "utf-8")
    result = StudyStore(tmp_path).load()
    assert result.moved_to is not None and "not a needleguide study history" in \
        result.problem


def test_a_damaged_database_is_kept_and_study_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"garbage, not SQLite")
    result = StudyStore(tmp_path).load()
    assert result.content == {} and "damaged" in result.problem
    assert result.moved_to is not None
    assert result.moved_to.read_bytes() == b"garbage, not SQLite"


@pytest.mark.timeout(30)
def test_a_fifo_as_the_history_file_does_not_hang_and_is_kept(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / FILE_NAME)
    result = StudyStore(tmp_path).load()
    assert "named pipe" in result.problem
    assert result.moved_to is not None and result.moved_to.is_fifo()


def test_two_windows_finding_one_damaged_database_keep_it_once(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"garbage, not SQLite")
    first = StudyStore(tmp_path).load()
    second = StudyStore(tmp_path).load()
    assert first.moved_to is not None and second.problem == ""
    assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name] == [
        first.moved_to.name]


def test_a_first_version_database_is_upgraded_and_keeps_every_review(tmp_path: Path) -> None:
    """Version 1 kept Leitner boxes in the study table; FSRS columns are added and each old
    row is read by its box until it is next answered."""
    folder = tmp_path / "app"
    folder.mkdir()
    with sqlite3.connect(folder / DB_NAME) as db:
        db.executescript("""
            CREATE TABLE schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL);
            CREATE TABLE notes (region TEXT PRIMARY KEY, text TEXT NOT NULL,
                revision INTEGER NOT NULL, saved TEXT NOT NULL, writer TEXT NOT NULL);
            CREATE TABLE note_history (id INTEGER PRIMARY KEY AUTOINCREMENT,
                region TEXT NOT NULL, text TEXT NOT NULL, saved TEXT NOT NULL,
                replaced TEXT NOT NULL, why TEXT NOT NULL);
            CREATE TABLE migrated (file TEXT NOT NULL, sha256 TEXT NOT NULL, at TEXT NOT NULL,
                PRIMARY KEY (file, sha256));
            CREATE TABLE study (question TEXT PRIMARY KEY, box INTEGER NOT NULL,
                due TEXT NOT NULL, seen INTEGER NOT NULL, right INTEGER NOT NULL, last TEXT);
            INSERT INTO schema_version VALUES (1, '2026-11-01T00:00:00+00:00');
            INSERT INTO study VALUES ('a', 5, '2026-12-10T09:00:00+00:00', 6, 6,
                                      '2026-11-26T09:00:00+00:00');
            INSERT INTO study VALUES ('b', 1, '2026-12-01T09:00:00+00:00', 2, 0, NULL);
            PRAGMA user_version = 1;
        """)
    history = StudyStore(folder).load().content
    assert set(history) == {"a", "b"}
    assert (history["a"].seen, history["a"].right, history["a"].stability) == (6, 6, 14.0)
    assert history["a"].due == dt.datetime(2026, 12, 10, 9, tzinfo=dt.timezone.utc)
    assert history["b"].missed and history["b"].seen == 2
    answered = study.record_answer(history, "b", True, NOW)
    StudyStore(folder).save(answered)
    again = StudyStore(folder).load().content
    assert again["b"] == answered["b"] and again["a"] == history["a"]
    with sqlite3.connect(folder / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION

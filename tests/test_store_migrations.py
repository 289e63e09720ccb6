"""The user database upgrades in place from every schema version an earlier needleguide
wrote, keeping every note, every earlier version of a note and every answered question; and
both stores fail with the one StoreError, in words, on a read-only folder and on a database
that cannot be moved aside."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from needleguide.store.db import DB_NAME, MIGRATIONS, SCHEMA_VERSION, UserDatabase, upgrade
from needleguide.store.errors import StoreError
from needleguide.store.notes import NotesStore
from needleguide.store.study import StudyStore
from tests.faults import DISK_FULL, FaultyDatabase

# Each schema as the needleguide of that version wrote it, by hand: never derived from
# MIGRATIONS, so that a migration edited after it shipped is caught. Version 0 is no database.
OLD_SCHEMAS = {
    1: """
        CREATE TABLE schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL);
        CREATE TABLE notes (region TEXT PRIMARY KEY, text TEXT NOT NULL,
            revision INTEGER NOT NULL, saved TEXT NOT NULL, writer TEXT NOT NULL);
        CREATE TABLE note_history (id INTEGER PRIMARY KEY AUTOINCREMENT,
            region TEXT NOT NULL, text TEXT NOT NULL, saved TEXT NOT NULL,
            replaced TEXT NOT NULL, why TEXT NOT NULL);
        CREATE INDEX note_history_by_region ON note_history (region, id);
        CREATE TABLE migrated (file TEXT NOT NULL, sha256 TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (file, sha256));
        CREATE TABLE study (question TEXT PRIMARY KEY, box INTEGER NOT NULL,
            due TEXT NOT NULL, seen INTEGER NOT NULL, right INTEGER NOT NULL, last TEXT);
        INSERT INTO schema_version VALUES (1, '2026-11-01T00:00:00+00:00');
        PRAGMA user_version = 1;
    """,
}
ROWS = """
    INSERT INTO notes VALUES ('neck', 'check the pleura', 3, '2026-11-02T10:00:00+00:00', 'w');
    INSERT INTO note_history (region, text, saved, replaced, why) VALUES
        ('neck', 'first thoughts', '2026-11-01T10:00:00+00:00', '2026-11-02T10:00:00+00:00',
         'replaced by a later edit');
    INSERT INTO migrated VALUES ('notes.json', 'abc', '2026-11-01T00:00:00+00:00');
    INSERT INTO study (question, box, due, seen, right, last) VALUES
        ('a', 5, '2026-12-10T09:00:00+00:00', 6, 6, '2026-11-26T09:00:00+00:00');
"""


def old_database(folder: Path, version: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMAS[version] + ROWS)
    return path


def columns(path: Path) -> dict[str, list[tuple[str, str]]]:
    with sqlite3.connect(path) as db:
        tables = [t for (t,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {t: [(c[1], c[2]) for c in db.execute(f"PRAGMA table_info({t})")]
                for t in tables}


def test_every_older_schema_version_has_a_hand_written_fixture() -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS)
    assert set(OLD_SCHEMAS) == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("version", sorted(OLD_SCHEMAS))
def test_an_older_database_is_upgraded_keeping_notes_history_and_reviews(
        tmp_path: Path, version: int) -> None:
    path = old_database(tmp_path / "old", version)
    notes = NotesStore(tmp_path / "old")
    assert notes.load().ok
    assert notes.get("neck") == "check the pleura"
    assert [v.text for v in notes.versions("neck")] == ["first thoughts"]
    history = StudyStore(tmp_path / "old").load()
    assert history.ok and history.content["a"].seen == 6
    assert history.content["a"].due == dt.datetime(2026, 12, 10, 9, tzinfo=dt.timezone.utc)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [v for (v,) in db.execute("SELECT version FROM schema_version")] == [
            version, SCHEMA_VERSION]
    NotesStore(tmp_path / "new").load()  # the same tables as a database made new
    assert columns(path) == columns(tmp_path / "new" / DB_NAME)


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = old_database(tmp_path, 1)

    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE study ADD COLUMN half_done INTEGER")
        raise sqlite3.OperationalError("cut off")

    with sqlite3.connect(path, isolation_level=None) as db:
        with pytest.raises(sqlite3.OperationalError):
            upgrade(db, path, (*MIGRATIONS, broken))
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "half_done" not in [c[1] for c in db.execute("PRAGMA table_info(study)")]
        assert db.execute("SELECT text FROM notes").fetchall() == [("check the pleura",)]


def test_a_database_from_a_newer_needleguide_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = old_database(tmp_path, 1)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer needleguide"):
        UserDatabase(tmp_path).open()
    with sqlite3.connect(path) as db:  # not downgraded, nothing dropped
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert db.execute("SELECT text FROM notes").fetchall() == [("check the pleura",)]
    result = NotesStore(tmp_path).load()
    assert "newer needleguide" in result.problem and result.content == {"neck": "check the pleura"}


# -- one error type for both stores -------------------------------------------------------

def test_both_stores_say_read_only_with_the_one_error_type(tmp_path: Path) -> None:
    database = FaultyDatabase(tmp_path)
    notes, study = (NotesStore(tmp_path, database=database),
                    StudyStore(tmp_path, database=database))
    database.read_only_folder = True
    for result in (notes.load(), study.load()):
        assert not result.ok and f"the folder {tmp_path} is read-only" in result.problem
    notes.set("neck", "x")
    with pytest.raises(StoreError, match="read-only"):
        notes.save()
    with pytest.raises(StoreError, match="read-only"):
        study.save({})


def test_both_stores_say_the_disk_is_full_with_the_one_error_type(tmp_path: Path) -> None:
    database = FaultyDatabase(tmp_path)
    notes, study = (NotesStore(tmp_path, database=database),
                    StudyStore(tmp_path, database=database))
    assert notes.load().ok and study.load().ok
    database.fail_writes(DISK_FULL)
    notes.set("neck", "x")
    with pytest.raises(StoreError, match="the disk is full"):
        notes.save()
    from needleguide.core import study as core_study
    answered = core_study.record_answer({}, "q", True,
                                        dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    with pytest.raises(StoreError, match="the disk is full"):
        study.save(answered)


@pytest.mark.parametrize("make", [NotesStore, StudyStore])
def test_a_damaged_database_is_moved_aside_and_said_in_one_result_type(
        tmp_path: Path, make: type[NotesStore] | type[StudyStore]) -> None:
    (tmp_path / DB_NAME).write_bytes(b"SQLite format 3\x00 and then garbage")
    result = make(tmp_path).load()
    assert not result.ok and "damaged" in result.problem
    assert result.moved_to is not None and result.moved_to.name.startswith(DB_NAME + ".damaged-")
    assert str(result.moved_to) in result.problem
    assert result.moved_to.read_bytes() == b"SQLite format 3\x00 and then garbage"
    assert not result.content

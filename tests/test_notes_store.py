"""Personal notes survive: atomic saves with a backup, corrupt files kept and reported, imports
checked in full before anything changes. Every test uses its own temp directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSaveFile

from needleguide.notes_store import BOTH_CHANGED, FILE_NAME, NotesError, NotesStore


def saved(directory: Path) -> dict:
    return json.loads((directory / FILE_NAME).read_text(encoding="utf-8"))


def two_windows(directory: Path) -> tuple[NotesStore, NotesStore]:
    """Two stores on one notes folder, as two app windows have, both loaded."""
    first, second = NotesStore(directory), NotesStore(directory)
    assert first.load() is None and second.load() is None
    return first, second


def store_with(directory: Path, notes: dict[str, str]) -> NotesStore:
    store = NotesStore(directory)
    assert store.load() is None
    for region_id, text in notes.items():
        store.set(region_id, text)
    store.save()
    return store


def test_notes_round_trip_through_one_readable_json_file(tmp_path):
    store_with(tmp_path, {"gluteal": "Prone, pillow under hips.\nÜber 30 mm: no.",
                          "neck": "Check <b>pleura</b> & ask about dizziness"})
    assert saved(tmp_path) == {"version": 1, "notes": {
        "gluteal": "Prone, pillow under hips.\nÜber 30 mm: no.",
        "neck": "Check <b>pleura</b> & ask about dizziness"}}
    assert "Über" in (tmp_path / FILE_NAME).read_text(encoding="utf-8")  # readable, not \u00dc
    again = NotesStore(tmp_path)
    assert again.load() is None
    assert again.get("gluteal") == "Prone, pillow under hips.\nÜber 30 mm: no."
    assert again.notes() == saved(tmp_path)["notes"]


def test_a_missing_file_means_no_notes_and_no_problem(tmp_path):
    store = NotesStore(tmp_path / "not-yet")
    assert store.load() is None
    assert store.notes() == {}
    store.set("neck", "first note")
    store.save()  # creates the folder
    assert saved(tmp_path / "not-yet")["notes"] == {"neck": "first note"}


def test_clearing_a_note_removes_it(tmp_path):
    store = store_with(tmp_path, {"neck": "x", "gluteal": "y"})
    store.set("neck", "   \n")
    store.save()
    assert saved(tmp_path)["notes"] == {"gluteal": "y"}


def test_each_save_keeps_the_previous_file_as_a_backup(tmp_path):
    store = store_with(tmp_path, {"neck": "version one"})
    first = (tmp_path / FILE_NAME).read_bytes()
    store.set("neck", "version two")
    store.save()
    assert (tmp_path / (FILE_NAME + ".bak")).read_bytes() == first
    assert saved(tmp_path)["notes"] == {"neck": "version two"}


def test_a_save_whose_commit_fails_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    store = store_with(tmp_path, {"neck": "safe and sound"})
    before = (tmp_path / FILE_NAME).read_bytes()
    store.set("neck", "half-written?")
    real_commit = QSaveFile.commit

    def failing_commit(self: QSaveFile) -> bool:
        if self.fileName().endswith(FILE_NAME):
            self.cancelWriting()
            real_commit(self)  # cancelled: discards the temporary file
            return False
        return real_commit(self)

    monkeypatch.setattr(QSaveFile, "commit", failing_commit)
    with pytest.raises(NotesError, match=f"cannot write .*{FILE_NAME}"):
        store.save()
    assert (tmp_path / FILE_NAME).read_bytes() == before
    fresh = NotesStore(tmp_path)
    assert fresh.load() is None
    assert fresh.get("neck") == "safe and sound"
    assert store.get("neck") == "half-written?"  # the edit is kept in memory for a retry
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME, FILE_NAME + ".bak"]


def test_a_write_that_raises_midway_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    store = store_with(tmp_path, {"neck": "safe and sound"})
    before = (tmp_path / FILE_NAME).read_bytes()

    real_write = QSaveFile.write

    def broken_write(self: QSaveFile, data: bytes) -> int:
        if self.fileName().endswith(FILE_NAME):
            real_write(self, data[:10])
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(QSaveFile, "write", broken_write)
    store.set("neck", "lost?")
    with pytest.raises(NotesError, match="cannot write .*No space left"):
        store.save()
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME, FILE_NAME + ".bak"]


@pytest.mark.parametrize("content", [
    b'{"version": 1, "notes": {"neck": "cut off',      # truncated JSON
    b"\xff\xfe not utf-8",
    b'[1, 2, 3]',
    b'{"version": 2, "notes": {}}',
    b'{"version": 1, "notes": {"neck": 42}}',
    b'{"version": 1, "notes": {"Neck <b>": "x"}}',
    b'{"version": 1, "notes": {}, "extra": true}',
])
def test_a_corrupt_file_is_reported_moved_aside_intact_and_never_overwritten(tmp_path, content):
    (tmp_path / FILE_NAME).write_bytes(content)
    store = NotesStore(tmp_path)
    problem = store.load()
    assert problem is not None
    assert problem.moved_to is not None and problem.moved_to.name.startswith(
        FILE_NAME + ".corrupt-")
    assert problem.moved_to.read_bytes() == content  # byte-identical
    assert str(problem.moved_to) in problem.message
    assert "no notes" in problem.message and not problem.from_backup
    assert store.notes() == {}
    store.set("gluteal", "new")
    store.save()
    assert problem.moved_to.read_bytes() == content
    assert saved(tmp_path)["notes"] == {"gluteal": "new"}


def test_a_corrupt_file_falls_back_to_a_valid_backup_and_says_so(tmp_path):
    store = store_with(tmp_path, {"neck": "from the backup"})
    store.set("neck", "latest")
    store.save()  # notes.json.bak now holds "from the backup"
    (tmp_path / FILE_NAME).write_bytes(b"{garbage")
    again = NotesStore(tmp_path)
    problem = again.load()
    assert problem is not None and problem.from_backup
    assert "backup" in problem.message
    assert again.get("neck") == "from the backup"


def test_two_corrupt_files_in_the_same_second_are_both_kept(tmp_path):
    for content in (b"first bad", b"second bad"):
        (tmp_path / FILE_NAME).write_bytes(content)
        NotesStore(tmp_path).load()
    kept = sorted(p.read_bytes() for p in tmp_path.glob(FILE_NAME + ".corrupt-*"))
    assert kept == [b"first bad", b"second bad"]


def test_export_then_import_round_trips(tmp_path):
    source = store_with(tmp_path / "a", {"neck": "n", "gluteal": "g"})
    exported = tmp_path / "my-notes.json"
    source.export_to(exported)
    target = store_with(tmp_path / "b", {"forearm": "keep me", "neck": "old"})
    assert target.import_from(exported) == ["gluteal", "neck"]
    assert target.notes() == {"forearm": "keep me", "neck": "n", "gluteal": "g"}
    assert saved(tmp_path / "b")["notes"] == target.notes()


@pytest.mark.parametrize(("content", "message"), [
    (b"not json", "not valid JSON"),
    (b'{"version": 1}', '"notes" must be an object'),
    (b'{"version": "1", "notes": {}}', "version '1'"),
    (b'{"version": 1, "notes": {"neck": ["a"]}}', "must be text"),
])
def test_import_rejects_a_bad_file_with_a_clear_error_and_changes_nothing(
        tmp_path, content, message):
    store = store_with(tmp_path / "store", {"neck": "mine"})
    before = (tmp_path / "store" / FILE_NAME).read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(NotesError, match=message) as caught:
        store.import_from(bad)
    assert str(bad) in str(caught.value)
    assert store.notes() == {"neck": "mine"}
    assert (tmp_path / "store" / FILE_NAME).read_bytes() == before


def test_import_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(NotesError, match="cannot read .*nope.json"):
        NotesStore(tmp_path).import_from(tmp_path / "nope.json")


def test_two_windows_saving_notes_keep_each_others_regions(tmp_path):
    """Two needleguide windows open on one notes file: neither wipes the other's notes."""
    store_with(tmp_path, {"neck": "shared note"})
    first, second = two_windows(tmp_path)
    first.set("gluteal", "first window's note")
    first.save()
    second.set("forearm", "second window's note")
    second.set("neck", "")  # the second window deletes a note the first did not touch
    second.save()
    assert saved(tmp_path)["notes"] == {"gluteal": "first window's note",
                                        "forearm": "second window's note"}
    assert second.get("gluteal") == "first window's note"  # and it now sees the other's note
    first.set("chest", "later")
    first.save()
    assert saved(tmp_path)["notes"] == {"gluteal": "first window's note", "chest": "later",
                                        "forearm": "second window's note"}


def test_when_both_windows_change_one_note_both_texts_are_kept_for_good(tmp_path):
    first, second = two_windows(tmp_path)
    first.set("gluteal", "first")
    first.save()
    second.set("gluteal", "second")
    second.save()
    note = saved(tmp_path)["notes"]["gluteal"]
    assert note.startswith("second") and note.endswith("first") and BOTH_CHANGED in note
    second.set("neck", "later note")  # later saves keep it: it is in the note, not a .bak
    second.save()
    assert saved(tmp_path)["notes"]["gluteal"] == note


def test_a_note_typed_and_undone_does_not_overwrite_the_other_windows_newer_text(tmp_path):
    store_with(tmp_path, {"gluteal": "X"})
    first, second = two_windows(tmp_path)
    second.set("gluteal", "Y")
    second.save()
    first.set("gluteal", "X")  # typed a letter and deleted it: the pane saves "X" again
    first.save()
    assert saved(tmp_path)["notes"] == {"gluteal": "Y"}
    assert first.get("gluteal") == "Y"


def test_refresh_takes_in_notes_another_window_saved_and_keeps_unsaved_ones(tmp_path):
    first, second = two_windows(tmp_path)
    first.set("chest", "not saved yet")
    second.set("neck", "from the other window")
    second.save()
    assert first.refresh() is True
    assert first.get("neck") == "from the other window"
    assert first.get("chest") == "not saved yet"
    assert first.refresh() is False  # nothing new
    first.save()
    assert saved(tmp_path)["notes"] == {"neck": "from the other window",
                                        "chest": "not saved yet"}


def test_a_file_damaged_while_the_app_runs_is_moved_aside_not_overwritten(tmp_path):
    store = store_with(tmp_path, {"neck": "mine"})
    (tmp_path / FILE_NAME).write_bytes(b'{"version": 1, "notes": {"neck": "half an edit')
    store.set("neck", "mine, edited")
    store.save()
    kept = list(tmp_path.glob(FILE_NAME + ".corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes().endswith(b"half an edit")
    assert saved(tmp_path)["notes"] == {"neck": "mine, edited"}


def test_a_save_while_another_window_holds_the_lock_fails_clearly_and_keeps_the_note(
        tmp_path, monkeypatch):
    from PySide6.QtCore import QLockFile

    from needleguide import notes_store

    monkeypatch.setattr(notes_store, "LOCK_WAIT_MS", 50)
    store = store_with(tmp_path, {"neck": "saved"})
    other = QLockFile(str(tmp_path / (FILE_NAME + ".lock")))
    assert other.tryLock(0)
    try:
        store.set("neck", "typed while the other window saved")
        with pytest.raises(NotesError, match="another needleguide window"):
            store.save()
    finally:
        other.unlock()
    assert saved(tmp_path)["notes"] == {"neck": "saved"}
    store.save()  # the next save goes through with the note
    assert saved(tmp_path)["notes"] == {"neck": "typed while the other window saved"}


def test_a_note_added_by_hand_while_the_app_runs_survives_its_next_save(tmp_path):
    store = store_with(tmp_path, {"neck": "app note"})
    document = saved(tmp_path)
    document["notes"]["calf-foot"] = "typed in an editor"
    (tmp_path / FILE_NAME).write_text(json.dumps(document), encoding="utf-8")
    store.set("neck", "app note, edited")
    store.save()
    assert saved(tmp_path)["notes"] == {"neck": "app note, edited",
                                        "calf-foot": "typed in an editor"}

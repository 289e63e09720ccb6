"""Study history on disk: atomic saves, a .bak of the previous version, damaged files kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSaveFile

from needleguide.core import study
from needleguide.study_store import FILE_NAME, StudyStore, StudyStoreError

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def _history(*answers: tuple[str, bool]) -> dict[str, study.ReviewState]:
    history: dict[str, study.ReviewState] = {}
    for qid, right in answers:
        history = study.record_answer(history, qid, right, NOW)
    return history


def test_a_first_run_has_an_empty_history_and_no_problem(tmp_path: Path) -> None:
    result = StudyStore(tmp_path / "new").load()
    assert result.history == {} and result.problem == ""


def test_history_round_trips_and_the_previous_version_is_kept_as_bak(tmp_path: Path) -> None:
    store = StudyStore(tmp_path / "app")
    first = _history(("a", True))
    second = _history(("a", True), ("b", False))
    store.save(first)
    store.save(second)
    assert store.load().history == second
    assert store.path == tmp_path / "app" / FILE_NAME
    assert study.history_from_json(store.backup_path.read_text("utf-8")) == first
    assert '\n  "questions"' in store.path.read_text("utf-8")  # indented, human-readable


def test_an_interrupted_save_loses_nothing(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store = StudyStore(tmp_path)
    saved = _history(("a", True))
    store.save(saved)
    before = store.path.read_bytes()
    monkeypatch.setattr(QSaveFile, "commit", lambda self: False)
    with pytest.raises(StudyStoreError):
        store.save(_history(("a", True), ("b", True)))
    assert store.path.read_bytes() == before
    assert store.load().history == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]  # no stray temp file
    monkeypatch.undo()
    retried = _history(("a", True), ("b", True))
    store.save(retried)   # the next save, with the session's history, catches up
    assert store.load().history == retried


def test_a_corrupt_history_is_reported_and_moved_aside_not_overwritten(tmp_path: Path) -> None:
    store = StudyStore(tmp_path)
    tmp_path.joinpath(FILE_NAME).write_bytes(b'{"format": "needleguide-study-hist')
    result = store.load()
    assert result.history == {}
    assert "could not be read" in result.problem
    assert result.preserved_as is not None and result.preserved_as.name in result.problem
    assert result.preserved_as.read_bytes() == b'{"format": "needleguide-study-hist'
    store.save(_history(("a", False)))
    assert result.preserved_as.read_bytes() == b'{"format": "needleguide-study-hist'
    assert store.load().history == _history(("a", False))


def test_a_file_damaged_between_load_and_save_is_preserved(tmp_path: Path) -> None:
    store = StudyStore(tmp_path)
    store.save(_history(("a", True)))
    store.path.write_bytes(b"\xff\xfe not json")
    store.save(_history(("b", True)))
    kept = [p for p in tmp_path.iterdir() if "corrupt" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\xff\xfe not json"
    assert store.load().history == _history(("b", True))


def test_two_corrupt_files_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    store = StudyStore(tmp_path)
    for text in ("one", "two"):
        store.path.write_text(text, "utf-8")
        assert store.load().preserved_as is not None
    kept = sorted(p.read_text("utf-8") for p in tmp_path.iterdir() if "corrupt" in p.name)
    assert kept == ["one", "two"]


def test_a_corrupt_history_is_restored_from_the_backup(tmp_path: Path) -> None:
    store = StudyStore(tmp_path)
    store.save(_history(("a", True)))
    store.save(_history(("a", True), ("b", False)))  # the first version is now the .bak
    store.path.write_bytes(b"garbage")
    result = store.load()
    assert result.history == _history(("a", True))
    assert "restored from the backup" in result.problem
    assert result.preserved_as is not None and result.preserved_as.read_bytes() == b"garbage"


def test_two_windows_studying_at_once_keep_each_others_progress(tmp_path: Path) -> None:
    """Each window saves its whole history; the later save must not wipe the other's answers.
    For a question both answered, the answer given last counts."""
    first, second = StudyStore(tmp_path), StudyStore(tmp_path)
    later = NOW + dt.timedelta(minutes=5)
    mine = study.record_answer(_history(("a", True)), "shared", True, NOW)
    theirs = study.record_answer(_history(("b", False)), "shared", False, later)
    first.save(mine)
    written = second.save(theirs)
    on_disk = StudyStore(tmp_path).load().history
    assert on_disk == written
    assert set(on_disk) == {"a", "b", "shared"}
    assert on_disk["shared"] == theirs["shared"]  # answered last
    assert first.save(mine)["shared"] == theirs["shared"]  # an older answer does not win back

"""The notes pane: notes are saved shortly after typing stops, on region switch and on close,
and a failed save says so instead of pretending. The store writes to a temp directory."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSaveFile, Qt

from needleguide.notes_store import NotesStore
from needleguide.ui import notes_pane
from needleguide.ui.notes_pane import NotesPane


@pytest.fixture
def store(tmp_path) -> NotesStore:
    store = NotesStore(tmp_path / "notes")
    assert store.load() is None
    return store


@pytest.fixture
def pane(qtbot, store) -> NotesPane:
    widget = NotesPane(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def on_disk(store: NotesStore) -> dict[str, str]:
    if not store.path.exists():
        return {}
    return json.loads(store.path.read_text(encoding="utf-8"))["notes"]


def test_typing_is_saved_after_typing_stops(qtbot, pane, store):
    pane.set_region("gluteal", "Gluteal")
    assert pane.editor.accessibleName() == "Your notes on Gluteal"
    with qtbot.waitSignal(pane.notes_changed, timeout=5000) as changed:
        qtbot.keyClicks(pane.editor, "Prone, pillow")
        assert on_disk(store) == {}  # not on every keystroke
    assert changed.args == ["gluteal"]
    qtbot.waitUntil(lambda: on_disk(store) == {"gluteal": "Prone, pillow"})
    assert pane.status.text() == "Saved"


def test_every_keystroke_restarts_the_single_shot_autosave_timer(qtbot, pane, monkeypatch):
    assert pane._timer.isSingleShot()
    assert pane._timer.interval() == notes_pane.AUTOSAVE_MS
    pane.set_region("neck", "Neck")
    starts: list[int] = []
    real_start = pane._timer.start
    monkeypatch.setattr(pane._timer, "start", lambda: (starts.append(1), real_start()))
    qtbot.keyClicks(pane.editor, "abc")
    assert len(starts) == 3
    assert pane._timer.isActive()


def test_switching_region_saves_the_previous_note_and_shows_the_next(qtbot, pane, store):
    store.set("neck", "existing neck note")
    pane.set_region("gluteal", "Gluteal")
    qtbot.keyClicks(pane.editor, "gluteal note")
    pane.set_region("neck", "Neck")
    assert on_disk(store)["gluteal"] == "gluteal note"
    assert pane.editor.toPlainText() == "existing neck note"
    assert pane.editor.accessibleName() == "Your notes on Neck"


def test_loading_a_note_is_not_an_edit(qtbot, pane, store):
    store.set("neck", "already there")
    with qtbot.assertNotEmitted(pane.notes_changed, wait=100):
        pane.set_region("neck", "Neck")
    assert not pane._timer.isActive()


def test_closing_the_pane_saves_at_once(qtbot, pane, store):
    pane.set_region("neck", "Neck")
    qtbot.keyClicks(pane.editor, "before closing")
    pane.close()
    assert on_disk(store) == {"neck": "before closing"}


def test_a_failed_save_says_not_saved_and_keeps_the_text(qtbot, pane, store, monkeypatch):
    pane.set_region("neck", "Neck")
    real_commit = QSaveFile.commit

    def failing_commit(self: QSaveFile) -> bool:
        self.cancelWriting()
        real_commit(self)
        return False

    monkeypatch.setattr(QSaveFile, "commit", failing_commit)
    qtbot.keyClicks(pane.editor, "precious")
    assert pane.flush() is False
    assert pane.status.text().startswith("Not saved: cannot write")
    assert pane.status.textFormat() == Qt.TextFormat.PlainText
    assert pane.editor.toPlainText() == "precious"
    monkeypatch.undo()
    assert pane.flush() is True  # retried, and this time it works
    assert on_disk(store) == {"neck": "precious"}
    assert pane.status.text() == "Saved"


def test_no_region_means_no_editing(pane):
    assert not pane.editor.isEnabled()
    assert pane.flush() is True


def test_a_failed_save_stays_reported_after_switching_region(qtbot, pane, store, monkeypatch):
    """The user must still see that their notes are unsaved after moving on."""
    pane.set_region("neck", "Neck")
    monkeypatch.setattr(QSaveFile, "commit", lambda self: (self.cancelWriting(), False)[1])
    qtbot.keyClicks(pane.editor, "precious")
    pane.set_region("gluteal", "Gluteal")
    assert pane.status.text().startswith("Not saved:")
    assert store.get("neck") == "precious"  # kept in memory, saved on the next try
    monkeypatch.undo()
    assert pane.flush() is True
    assert on_disk(store) == {"neck": "precious"}


def test_what_another_window_saved_shows_up_in_the_pane(qtbot, pane, store):
    """Two windows: opening a region shows the other's latest note, and a save that merges
    both windows' text for the note on screen shows the merged text."""
    other = NotesStore(store.directory)
    assert other.load() is None
    pane.set_region("gluteal", "Gluteal")
    other.set("neck", "from the other window")
    other.save()
    pane.set_region("neck", "Neck")
    assert pane.editor.toPlainText() == "from the other window"
    pane.set_region("gluteal", "Gluteal")
    other.set("gluteal", "theirs")
    other.save()
    qtbot.keyClicks(pane.editor, "mine")
    assert pane.flush()
    shown = pane.editor.toPlainText()
    assert shown.startswith("mine") and shown.endswith("theirs")
    assert on_disk(store)["gluteal"] == shown

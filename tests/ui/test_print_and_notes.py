"""Printing and notes from the main window: two keystrokes to a sheet, notes never lost,
notes on the sheet only when asked, and notes found by the search box."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence

from needleguide import app as app_module
from needleguide.store.db import DB_NAME
from needleguide.store.notes import NotesStore
from needleguide.store.study import StudyStore
from needleguide.ui.main_window import MainWindow
from tests.ui.conftest import FakeDialogs

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="needs poppler-utils (scripts/system-deps.sh)")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout


def type_note(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    window.notes_pane.editor.setFocus()
    qtbot.keyClicks(window.notes_pane.editor, text)
    qtbot.waitUntil(lambda: window.notes_pane.status.text() == "Saved", timeout=5000)


@needs_pdftotext
def test_ctrl_p_prints_the_current_region_sheet(qtbot, window, dialogs: FakeDialogs,
                                                 tmp_path):
    target = tmp_path / "printed.pdf"
    dialogs.print_to = target  # the print dialog, answered with "Print to file"
    window.show_region("gluteal")
    qtbot.waitActive(window)
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.Print))
    qtbot.waitUntil(target.exists, timeout=10000)
    text = pdf_text(target)
    assert "Gluteal" in text and "Sciatic nerve" in text


@needs_pdftotext
def test_export_pdf_writes_the_sheet_and_notes_only_when_asked(qtbot, window,
                                                               dialogs: FakeDialogs, tmp_path):
    window.show_region("gluteal")
    type_note(qtbot, window, "bolster under hips")
    dialogs.answer_save(tmp_path / "plain.pdf", tmp_path / "with-notes")
    plain = window.documents.export_page_pdf()
    assert plain == tmp_path / "plain.pdf" and "bolster" not in pdf_text(plain)
    window.commands.include_notes.setChecked(True)
    with_notes = window.documents.export_page_pdf()
    assert with_notes == tmp_path / "with-notes.pdf"  # the extension is added
    assert "bolster under hips" in pdf_text(with_notes)


def test_print_without_a_region_says_what_to_do(window):
    window.show_checklist()
    assert window.documents.print_page() is False
    assert "Open a region or a muscle card" in window.statusBar().currentMessage()


def test_notes_follow_the_region_and_rest_on_other_pages(qtbot, window):
    window.show_region("gluteal")
    assert window.notes_pane.isVisible()
    type_note(qtbot, window, "gluteal note")
    window.show_region("forearm")
    assert window.notes_pane.editor.toPlainText() == ""
    window.card_view.anchorClicked.emit(QUrl("structure:median-nerve"))
    assert not window.notes_pane.isVisible()
    window.show_region("gluteal")
    assert window.notes_pane.editor.toPlainText() == "gluteal note"
    assert window.notes.get("gluteal") == "gluteal note"


def test_a_note_is_found_by_the_search_box(qtbot, window):
    window.show_region("forearm")
    type_note(qtbot, window, "check wrist splint")
    window.search_box.set_query("splint")
    qtbot.waitUntil(lambda: bool(window.search_box.hits()))
    hit = window.search_box.hits()[0]
    assert (hit.kind, hit.target) == ("note", "forearm")


def test_closing_the_window_saves_an_unsaved_note(qtbot, window, tmp_path):
    window.show_region("gluteal")
    window.notes_pane.editor.setPlainText("typed just before quitting")
    window.close()
    again = NotesStore(tmp_path / "notes")
    assert again.load().ok
    assert again.get("gluteal") == "typed just before quitting"


def test_importing_a_bad_file_changes_nothing_and_explains(qtbot, window, dialogs: FakeDialogs,
                                                           tmp_path, presented):
    window.show_region("gluteal")
    type_note(qtbot, window, "keep me")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    dialogs.answer_open(bad)
    assert window.documents.import_notes() == []
    assert window.notes.get("gluteal") == "keep me"
    assert presented and "Nothing was imported" in presented[-1].headline


def test_notes_export_then_import_round_trips(qtbot, window, dialogs: FakeDialogs, tmp_path):
    window.show_region("gluteal")
    type_note(qtbot, window, "round trip")
    out = tmp_path / "exported.json"
    dialogs.answer_save(out)
    assert window.documents.export_notes() == out
    window.notes.set("gluteal", "changed")
    dialogs.answer_open(out)
    assert window.documents.import_notes() == ["gluteal"]
    shown = window.notes_pane.editor.toPlainText()
    assert shown.startswith("changed\n\n\u2014 imported from exported.json")
    assert shown.endswith("\nround trip")   # the import is added, nothing is replaced


def test_a_corrupt_notes_file_at_start_up_is_reported_and_kept(qtbot, monkeypatch, tmp_path,
                                                              presented):
    folder = tmp_path / "appdata"
    folder.mkdir()
    (folder / "notes.json").write_bytes(b"\x00garbage")
    from tests.ui.conftest import UI_DATA

    window = app_module.create_window(UI_DATA, folder)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(presented))
    assert "notes could not be read" in presented[-1].headline
    kept = [p for p in folder.iterdir() if p.name.startswith("notes.json.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage"


def test_closing_when_notes_cannot_be_saved_warns_and_stays_open_once(
        qtbot, ui_data, tmp_path, presented, collaborators):
    """A note that cannot be saved is not silently thrown away by closing the window."""
    from tests.faults import DISK_FULL, FaultyDatabase

    database = FaultyDatabase(tmp_path / "notes")
    notes = NotesStore(database.directory, database=database)
    assert notes.load().ok
    window = MainWindow(ui_data, notes, StudyStore(database.directory), collaborators)
    qtbot.addWidget(window)
    window.show()
    window.show_region("gluteal")
    database.fail_writes(DISK_FULL)
    window.notes_pane.editor.setPlainText("typed just before quitting")
    assert window.close() is False
    assert window.isVisible()
    assert presented and "notes could not be saved" in presented[-1].headline
    assert "Not saved" in presented[-1].advice
    assert window.notes_pane.editor.toPlainText() == "typed just before quitting"
    assert window.close() is True  # the user was told; a second close quits


@pytest.mark.timeout(60)
def test_importing_a_fifo_explains_and_does_not_hang(qtbot, window, dialogs: FakeDialogs,
                                                     tmp_path, presented):
    import os

    window.show_region("gluteal")
    type_note(qtbot, window, "keep me")
    pipe = tmp_path / "notes.json"
    os.mkfifo(pipe)
    dialogs.answer_open(pipe)
    assert window.documents.import_notes() == []
    assert "Nothing was imported" in presented[-1].headline
    assert "named pipe" in presented[-1].advice
    assert window.notes.get("gluteal") == "keep me"


def test_a_damaged_database_at_start_up_is_reported_kept_and_replaced(
        qtbot, monkeypatch, tmp_path, presented):
    folder = tmp_path / "appdata"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"SQLite format 3\x00 and then garbage")
    from tests.ui.conftest import UI_DATA

    window = app_module.create_window(UI_DATA, folder)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(presented))
    assert "notes could not be read" in presented[-1].headline
    assert "new, empty one" in presented[-1].advice
    [kept] = [p for p in folder.iterdir() if p.name.startswith(DB_NAME + ".damaged-")]
    assert kept.read_bytes() == b"SQLite format 3\x00 and then garbage"
    window.show_region("gluteal")
    type_note(qtbot, window, "a new start")  # and saving works

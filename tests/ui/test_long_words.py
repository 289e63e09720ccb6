"""A note of one unbroken 1 MB word froze the window for 48 s each time its region opened
(issue 12, item 7): Qt's word-boundary wrapping is quadratic in the length of a word. The
note is shown whole and the window stays usable; hangs are caught by the timeouts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QApplication

from needleguide.store.notes import NotesStore
from needleguide.store.study import StudyStore
from needleguide.ui.long_words import LONG_WORD_CHARS, has_long_word
from needleguide.ui.main_window import MainWindow

WORD = "x" * 1_000_000
WORD_BOUNDARY = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


@pytest.fixture
def long_note_window(qtbot, ui_data, tmp_path, presented, collaborators) -> MainWindow:
    store = NotesStore(tmp_path / "notes")
    store.set("gluteal", WORD)
    store.set("forearm", "Ordinary words wrap at word boundaries.")
    store.save()
    window = MainWindow(ui_data, store, StudyStore(tmp_path / "notes"), collaborators)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.timeout(30)
def test_a_region_with_a_one_word_megabyte_note_opens_promptly_and_whole(long_note_window):
    window = long_note_window
    editor = window.notes_pane.editor
    for region in ("gluteal", "forearm", "gluteal"):  # each opening used to freeze again
        window.show_region(region)
        window.repaint()
    assert editor.toPlainText() == WORD  # shown whole: nothing cut, nothing lost
    assert editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    window.show_region("forearm")
    window.repaint()
    assert editor.wordWrapMode() == WORD_BOUNDARY  # ordinary notes keep their words whole


@pytest.mark.timeout(30)
def test_pasting_a_megabyte_word_keeps_the_window_responsive(qtbot, long_note_window):
    window = long_note_window
    window.show_region("forearm")
    editor = window.notes_pane.editor
    QApplication.clipboard().setText(WORD)
    editor.setFocus()
    editor.paste()
    window.repaint()
    assert editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    qtbot.waitUntil(lambda: window.notes_pane.status.text() == "Saved", timeout=20000)
    assert WORD in window.notes.get("forearm")


def test_only_a_word_longer_than_any_real_one_counts_as_long():
    assert not has_long_word("https://doi.org/10.7759/cureus.11531 " * 200)
    assert not has_long_word("y" * (LONG_WORD_CHARS - 1))
    assert has_long_word("see " + "y" * LONG_WORD_CHARS)

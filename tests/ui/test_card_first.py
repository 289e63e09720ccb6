"""Start-up, card first: the app's first frame is the card the user left open, where it was;
the rest of the window is built right after it, and nothing done in between is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from needleguide.core.model import ReferenceData
from needleguide.notes_store import NotesStore
from needleguide.ui import settings
from needleguide.ui.main_window import MainWindow


def card_place(window: MainWindow) -> QRect:
    return QRect(window.card_view.mapTo(window, QPoint(0, 0)), window.card_view.size())


def left_open(qtbot, ui_data: ReferenceData, tmp_path: Path, region_id: str) -> QRect:  # type: ignore[no-untyped-def]
    """A previous session that closed on ``region_id``; where its card was."""
    window = MainWindow(ui_data, NotesStore(tmp_path / "notes"))
    qtbot.addWidget(window)
    window.resize(780, 560)  # within the offscreen screen (800 x 600): restored as it was
    window.show()
    qtbot.waitExposed(window)
    window.show_region(region_id)
    place = card_place(window)
    window.close()
    return place


def card_first(qtbot, ui_data: ReferenceData, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_data, NotesStore(tmp_path / "notes"), card_first=True)
    qtbot.addWidget(window)
    return window


def test_the_first_frame_is_the_last_card_where_it_was_and_the_rest_follows(
        qtbot, presented, ui_data: ReferenceData, tmp_path: Path) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    if screen.width() < 800 or screen.height() < 580:  # e.g. offscreen at QT_SCALE_FACTOR=2
        pytest.skip(f"the screen ({screen.width()}x{screen.height()}) cannot hold 780x560")
    region = ui_data.regions[-1]
    place = left_open(qtbot, ui_data, tmp_path, region.id)
    window = card_first(qtbot, ui_data, tmp_path)
    # Before the first paint: the card alone, at its old place, showing the last page.
    assert window.current_page == ("region", region.id)
    assert region.name in window.card_view.toPlainText()
    assert card_place(window) == place
    assert window.findChildren(QLineEdit) == []
    window.show()
    qtbot.waitUntil(window.start_finished)
    # After: the whole window, the card the same widget at the same place and page.
    assert window.search_box.isVisible() and window.region_list.isVisible()
    assert window.body_map.isVisible() and window.notes_pane.isVisible()
    assert window.menuBar().actions() and window.back_action.isEnabled() is False
    assert card_place(window) == place
    assert window.right_pane.indexOf(window.card_view) == 0
    assert window.current_page == ("region", region.id)
    assert window.region_list.current_region() == region.id
    assert region.name in window.notes_pane.editor.placeholderText()


def test_a_link_followed_before_the_rest_is_built_is_not_lost(
        qtbot, presented, ui_data: ReferenceData, tmp_path: Path) -> None:
    first, second = ui_data.regions[0], ui_data.regions[1]
    left_open(qtbot, ui_data, tmp_path, first.id)
    window = card_first(qtbot, ui_data, tmp_path)
    window.card_view.anchorClicked.emit(QUrl(f"region:{second.id}"))  # a click on a link
    assert window.current_page == ("region", second.id)
    window.show()
    qtbot.waitUntil(window.start_finished)
    assert window.current_page == ("region", second.id)
    assert second.name in window.card_view.toPlainText()
    assert window.region_list.current_region() == second.id
    assert window.back_action.isEnabled()
    window.back()
    assert window.current_page == ("region", first.id)


def test_closing_before_the_rest_is_built_keeps_the_saved_session(
        qtbot, presented, ui_data: ReferenceData, tmp_path: Path) -> None:
    region = ui_data.regions[-1]
    left_open(qtbot, ui_data, tmp_path, region.id)
    saved = settings.make_settings().value(settings.SPLITTER)
    window = card_first(qtbot, ui_data, tmp_path)
    assert window.close()
    store = settings.make_settings()
    assert store.value(settings.PAGE) == f"region:{region.id}"
    assert store.value(settings.SPLITTER) == saved


def test_notes_that_cannot_be_read_are_still_reported_when_the_card_comes_first(
        qtbot, monkeypatch, presented, tmp_path: Path) -> None:
    from needleguide import app, user_db
    from tests.ui.conftest import UI_DATA

    folder = tmp_path / "appdata"
    folder.mkdir()
    (folder / user_db.DB_NAME).write_bytes(b"SQLite format 3\x00 and then garbage")
    monkeypatch.setattr(app, "new_notes_store", lambda: NotesStore(folder))
    window = app.create_window(UI_DATA, card_first=True)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(presented))
    assert "notes could not be read" in presented[-1].headline
    assert window.notes.path.parent == folder


def test_a_saved_card_place_the_window_cannot_hold_gives_the_card_the_whole_window(
        qtbot, presented, ui_data: ReferenceData, tmp_path: Path) -> None:
    """E.g. the screen is smaller than last time: the first frame still shows a readable
    card, not one cut to nothing."""
    store = settings.make_settings()
    store.setValue(settings.CARD_RECT, QRect(5000, 5000, 500, 400))
    store.sync()
    window = card_first(qtbot, ui_data, tmp_path)
    assert card_place(window) == QRect(QPoint(0, 0), window.size())
    window.show()
    qtbot.waitUntil(window.start_finished)
    assert window.card_view.width() > 0 and window.card_view.isVisible()

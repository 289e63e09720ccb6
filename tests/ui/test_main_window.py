"""The main window as a physiotherapist uses it: pick a region, follow links, go back."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QLineEdit,
                               QMenu, QTextEdit, QToolBar, QWidget)

from needleguide.core.loader import load
from needleguide.core.model import Level, ReferenceData
from needleguide.ui import settings
from needleguide.ui.main_window import MainWindow
from needleguide.ui.collaborators import Collaborators
from tests.ui.conftest import FakeDialogs, collaborators_for, user_stores


def card_text(window: MainWindow) -> str:
    return window.card_view.toPlainText()


def test_selecting_each_region_shows_its_structures_conditions_and_cautions(
        qtbot, window: MainWindow, ui_data: ReferenceData) -> None:
    view, proxy = window.region_list.view, window.region_list.proxy
    for row, region in enumerate(ui_data.regions):
        window.show_checklist()
        with qtbot.waitSignal(window.page_changed) as blocker:
            rect = view.visualRect(proxy.index(row, 0))
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args == ["region", region.id]
        assert window.current_page == ("region", region.id)
        text = card_text(window)
        assert region.name in text
        for item in region.structures:
            assert item.structure.name in text and item.relation in text
        for condition in region.conditions:
            assert condition.condition.name in text and condition.note in text
        for caution in region.cautions:
            assert caution.text in text
        for muscle in region.muscles:
            assert muscle.name in text


def test_danger_comes_before_structures_with_the_word_danger(window: MainWindow) -> None:
    for region in ("gluteal", "upper-back"):
        window.show_region(region)
        text = card_text(window)
        assert "\u26a0 DANGER" in text
        assert text.index("DANGER") < text.index("Structures at risk")


def test_clicking_a_structure_shows_every_region_where_it_is_at_risk(
        qtbot, window: MainWindow) -> None:
    window.show_region("forearm")
    with qtbot.waitSignal(window.page_changed) as blocker:
        window.card_view.anchorClicked.emit(QUrl("structure:median-nerve"))
    assert blocker.args == ["structure", "median-nerve"]
    text = card_text(window)
    assert "Placeholder relation of the median nerve in the forearm." in text
    assert "Placeholder second region of the median nerve." in text
    assert window.region_list.current_region() == ""


def test_clicking_a_condition_shows_the_regions_needled_for_it(qtbot, window: MainWindow
                                                               ) -> None:
    window.show_region("forearm")
    with qtbot.waitSignal(window.page_changed):
        window.card_view.anchorClicked.emit(QUrl("condition:carpal-tunnel-syndrome"))
    text = card_text(window)
    assert "Forearm" in text and "Upper back" in text
    with qtbot.waitSignal(window.page_changed) as blocker:
        window.card_view.anchorClicked.emit(QUrl("region:upper-back"))
    assert blocker.args == ["region", "upper-back"]
    assert window.region_list.current_region() == "upper-back"


def test_the_checklist_is_one_click_from_every_card_and_in_the_help_menu(
        qtbot, window: MainWindow, ui_data: ReferenceData) -> None:
    for region in ui_data.regions:
        window.show_region(region.id)
        assert '<a href="checklist:">' in window.card_view.toHtml()
        with qtbot.waitSignal(window.page_changed):
            window.card_view.anchorClicked.emit(QUrl("checklist:"))
        assert window.current_page == ("checklist", "")
    window.show_region("gluteal")
    help_menu = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"][0]
    assert isinstance(help_menu, QMenu)
    assert window.commands.checklist in help_menu.actions()
    window.commands.checklist.trigger()
    assert "Placeholder screening item." in card_text(window)


def test_checklist_without_safety_data_shows_an_empty_state(make_window, write, ui_text: str
                                                            ) -> None:
    data = load(write(ui_text[:ui_text.index("safety:")]))
    window = make_window(data)
    window.show_checklist()
    assert "has no general safety content yet" in card_text(window)


def test_source_links_scroll_and_file_links_are_never_followed(window: MainWindow) -> None:
    window.show_region("gluteal")
    for url in ("source:2", "file:///etc/passwd", "https://example.org/"):
        window.card_view.anchorClicked.emit(QUrl(url))
        assert window.current_page == ("region", "gluteal")
    assert window.card_view.source().isEmpty()


def test_back_and_forward_work_like_a_browser(window: MainWindow) -> None:
    window.show_region("gluteal")
    window.show_structure("sciatic-nerve")
    window.show_region("gluteal")
    window.show_condition("piriformis-syndrome")
    assert window.commands.back.isEnabled() and not window.commands.forward.isEnabled()
    window.back()
    assert window.current_page == ("region", "gluteal")
    window.back()
    assert window.current_page == ("structure", "sciatic-nerve")
    window.forward()
    assert window.current_page == ("region", "gluteal")
    assert window.commands.forward.isEnabled()
    window.show_checklist()  # a new visit drops the forward history
    assert not window.commands.forward.isEnabled()


def test_alt_left_and_alt_right_go_back_and_forward(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_region("forearm")
    window.show_structure("median-nerve")
    assert QKeySequence(QKeySequence.StandardKey.Back).matches(
        QKeySequence("Alt+Left")) == QKeySequence.SequenceMatch.ExactMatch
    for target in (window.card_view, window.search_box.edit):
        target.setFocus()
        with qtbot.waitSignal(window.page_changed) as blocker:
            qtbot.keyClick(target, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        assert blocker.args == ["region", "forearm"]
        with qtbot.waitSignal(window.page_changed) as blocker:
            qtbot.keyClick(target, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert blocker.args == ["structure", "median-nerve"]


def test_ctrl_f_focuses_search_and_enter_opens_the_best_result(qtbot, window: MainWindow
                                                               ) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.card_view.setFocus()
    qtbot.keyClick(window.card_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_box.edit.hasFocus())
    qtbot.keyClicks(window.search_box.edit, "carpel tunnel")
    with qtbot.waitSignal(window.page_changed) as blocker:
        qtbot.keyClick(window.search_box.edit, Qt.Key.Key_Return)
    assert blocker.args == ["condition", "carpal-tunnel-syndrome"]


def test_standard_shortcuts_are_bound(window: MainWindow) -> None:
    key = QKeySequence.StandardKey
    for action, standard in ((window.commands.find, key.Find), (window.commands.quit, key.Quit),
                             (window.commands.back, key.Back),
                             (window.commands.forward, key.Forward)):
        assert action.shortcuts() == QKeySequence.keyBindings(standard)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]


def test_about_box_shows_data_version_date_and_disclaimer(qtbot, window: MainWindow) -> None:
    dialog = window.show_about()
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text()
    assert "ui-test-7" in text and "2026-03-04" in text
    assert "supports, and does not replace, clinical judgement and training" in text
    dialog.reject()


def test_html_in_the_data_is_shown_literally(make_window, write, ui_text: str) -> None:
    hostile = "<b>bold</b> <img src=file:///etc/passwd>"
    text = ui_text.replace("relation: Placeholder relation of the artery.",
                           f"relation: '{hostile}'")
    window = make_window(load(write(text)))
    window.show_region("gluteal")
    assert hostile in card_text(window)
    assert "<img" not in window.card_view.toHtml().replace("&lt;img", "")


def test_the_app_reopens_where_the_user_left_off(qtbot, make_window, ui_data: ReferenceData
                                                 ) -> None:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen().availableGeometry()
    if screen.width() < 720 or screen.height() < 560:  # e.g. offscreen at QT_SCALE_FACTOR=2
        pytest.skip(f"the screen ({screen.width()}x{screen.height()}) cannot hold 700x520")
    first = make_window(ui_data)
    first.resize(700, 520)  # inside the offscreen screen (800 x 600)
    first.panes.splitter.setSizes([250, 0, 450])
    first.show_structure("median-nerve")
    first.close()
    assert str(Path(settings.make_settings().fileName()).parent) != str(Path.home())
    second = make_window(ui_data)
    assert second.current_page == ("structure", "median-nerve")
    assert second.size() == QSize(700, 520)
    assert second.panes.splitter.sizes()[0] == 250
    assert second.panes.splitter.sizes()[1] == 0  # the body-map pane stays collapsed


def test_a_stale_saved_page_falls_back_to_the_first_region(make_window, ui_data: ReferenceData
                                                           ) -> None:
    settings.make_settings().setValue(settings.PAGE, "region:no-such-region")
    window = make_window(ui_data)
    assert window.current_page == ("region", "gluteal")


def test_every_interactive_widget_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    window.show_about()
    window.search_box.set_query("nerve")
    interactive = (QAbstractButton, QAbstractItemView, QLineEdit, QTextEdit)
    widgets = [w for w in QApplication.allWidgets()
               if w.window() in (window, *window.findChildren(QWidget))
               and (isinstance(w, interactive) or w.focusPolicy() != Qt.FocusPolicy.NoFocus)
               and w.isVisibleTo(w.window())]
    assert len(widgets) >= 6
    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in widgets if not w.accessibleName()]
    assert unnamed == []


def test_danger_level_is_never_colour_alone(window: MainWindow, ui_data: ReferenceData) -> None:
    for region in ui_data.regions:
        window.show_region(region.id)
        text = card_text(window)
        dangers = [c for c in region.cautions if c.level is Level.DANGER]
        assert text.count("\u26a0 DANGER") == len(dangers)


def test_a_dark_palette_rerenders_the_card_in_legible_colours(window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QPalette

    window.show_region("gluteal")
    light_html = window.card_view.toHtml()
    dark = QPalette(window.palette())
    for role, colour in ((QPalette.ColorRole.Base, "#17181a"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.Link, "#8ab4f8")):
        dark.setColor(role, QColor(colour))
    window.setPalette(dark)
    theme = window.card_view.theme()
    assert theme.text == "#e8eaed" and theme.link == "#8ab4f8"
    assert QColor(theme.danger).lightness() > 128  # a red that reads on a dark base
    html = window.card_view.toHtml()
    assert html != light_html and "\u26a0 DANGER" in window.card_view.toPlainText()


def test_tab_moves_through_the_panes_in_the_order_they_are_shown(qtbot, window: MainWindow
                                                                 ) -> None:
    """Left pane, then the body map in the middle, then the card and the notes."""
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_region("gluteal")
    window.region_list.view.setFocus()
    visited: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        if not visited or visited[-1] is not focused:
            visited.append(focused)
        if focused is window.notes_pane.editor:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    panes: list[str] = []
    for widget in visited:
        pane = ("map" if window.body_map.isAncestorOf(widget) or widget is window.body_map
                else "card" if widget is window.card_view
                else "notes" if widget is window.notes_pane.editor
                else "list" if widget is window.region_list.view else "other")
        if not panes or panes[-1] != pane:
            panes.append(pane)
    assert panes == ["list", "map", "card", "notes"]


def test_what_the_first_paint_does_not_wait_for_arrives_right_after_it(
        qtbot, presented, tmp_path, dialogs: FakeDialogs, ui_data: ReferenceData) -> None:
    """Start-up speed: style icons, the search index and the next cards come after the
    window's first paint, on their own, without the toolbar moving when the icons arrive."""
    # Only the neighbours: the idle-time layout of every card starts far later.
    window = MainWindow(ui_data, *user_stores(tmp_path / "notes"),
                        collaborators_for(dialogs, prefetch_delay_ms=600_000))
    qtbot.addWidget(window)
    back = window.commands.back
    assert back.icon().pixmap(16, 16).toImage().pixelColor(8, 8).alpha() == 0  # placeholder
    assert not window.search_box.index_built() and not window.body_map.figures_loaded()
    window.show()
    qtbot.waitExposed(window)
    toolbar = window.findChild(QToolBar, "navigation_toolbar")
    assert toolbar is not None
    buttons = [toolbar.widgetForAction(a) for a in toolbar.actions()]
    before = [b.geometry() for b in buttons]
    assert not window.start_finished()
    qtbot.waitUntil(window.start_finished)
    assert window.search_box.index_built()
    image = back.icon().pixmap(16, 16).toImage()
    assert any(image.pixelColor(x, y).alpha() for x in range(16) for y in range(16))
    assert [b.geometry() for b in buttons] == before  # the icons took the blanks' places
    first, second = (r.id for r in window.data.regions[:2])
    assert window.current_page == ("region", first)
    qtbot.waitUntil(lambda: window.card_view.has_page(("region", second)))
    assert not window.card_view.has_page(("region", window.data.regions[-1].id))


def test_search_answers_before_the_window_has_ever_painted(
        qtbot, presented, tmp_path, collaborators: Collaborators,
        ui_data: ReferenceData) -> None:
    window = MainWindow(ui_data, *user_stores(tmp_path / "notes"), collaborators)  # never shown
    qtbot.addWidget(window)
    window.search_box.set_query("piriformus")
    assert window.search_box.hits()[0].target == "gluteal"


def test_something_went_wrong_is_one_click_from_every_card_and_in_the_help_menu(
        qtbot, window: MainWindow, ui_data: ReferenceData) -> None:
    for region in ui_data.regions:
        window.show_region(region.id)
        assert '<a href="after-events:">' in window.card_view.toHtml()
        with qtbot.waitSignal(window.page_changed):
            window.card_view.anchorClicked.emit(QUrl("after-events:"))
        assert window.current_page == ("after-events", "")
        assert "Placeholder keep still <b>now</b>." in card_text(window)
    window.show_region("gluteal")
    help_menu = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"][0]
    assert isinstance(help_menu, QMenu)
    assert window.commands.after_events in help_menu.actions()
    window.commands.after_events.trigger()
    assert window.current_page == ("after-events", "")
    assert window.windowTitle().startswith("Something went wrong")

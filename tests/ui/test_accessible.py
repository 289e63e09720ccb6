"""What a screen reader reads, through Qt's accessibility interfaces (the same objects the
AT-SPI bridge publishes): the card's headings and links, the map's regions, announcements.
tests/ui/test_atspi.py checks the same through AT-SPI itself."""

from __future__ import annotations

import os

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from needleguide.ui import accessible, announce
from needleguide.ui.main_window import MainWindow


def ready(widget):  # type: ignore[no-untyped-def]
    """The widget's accessible interface once ours is installed (after the first paint; an
    interface a screen reader asked for before is replaced)."""
    from pytestqt.qtbot import QtBot

    QtBot(widget).waitUntil(lambda: isinstance(QAccessible.queryAccessibleInterface(widget),
                                               (accessible.CardAccessible,
                                                accessible.MapAccessible)))
    return QAccessible.queryAccessibleInterface(widget)


def children(widget: QWidget) -> list[QAccessibleInterface]:
    interface = ready(widget)
    return [interface.child(i) for i in range(interface.childCount())]


def named(parts: list[QAccessibleInterface], role: QAccessible.Role) -> list[str]:
    return [p.text(QAccessible.Text.Name) for p in parts if p.role() == role]


def press(part) -> None:  # type: ignore[no-untyped-def]
    action = part.actionInterface()
    assert action is not None, part.text(QAccessible.Text.Name)
    assert action.actionNames() == ["Press"]
    action.doAction("Press")


def test_the_card_has_headings_and_links_named_by_where_they_go(qtbot, window) -> None:
    window.show_region("gluteal")
    assert QAccessible.queryAccessibleInterface(window.card_view) is not None  # asked early
    interface = ready(window.card_view)
    assert interface.role() == QAccessible.Role.Document
    parts = children(window.card_view)
    headings = named(parts, QAccessible.Role.Heading)
    assert headings[0] == "Gluteal" and "Sources" in headings
    links = named(parts, QAccessible.Role.Link)
    assert any(n.startswith("Source 1: ") and n[-1] != ":" for n in links), links
    assert not any(n.isdigit() for n in links), links  # never a bare number
    sources = [n for n in links if n.startswith("Source ")]
    assert all(", " in n for n in sources), sources  # author year, evidence kind


def test_a_source_link_is_named_author_year_and_evidence_kind() -> None:
    entry = ("[22] Poutoglidou F, Piagkou M, Totlis T. Sciatic nerve variants. Cureus. "
             "2020;12(11):e11531. (systematic review; read: abstract)")
    assert accessible.source_label("22", entry) == (
        "Source 22: Poutoglidou 2020, systematic review")
    note = ("[13] McCulloch M, Nachat A. Acupuncture safety. 2015;10(8). (systematic review; "
            "read: abstract (PMC))")
    assert accessible.source_label("13", note) == "Source 13: McCulloch 2015, systematic review"
    untitled = ("[4] Superior gluteal nerve. Wheeless' Textbook of Orthopaedics online "
                "(wheelessonline.com). (anatomy reference; read: full text)")
    assert accessible.source_label("4", untitled) == (
        "Source 4: Superior gluteal nerve, anatomy reference")


def test_a_card_link_is_followed_through_its_accessible_action(qtbot, window) -> None:
    window.show_region("gluteal")
    parts = children(window.card_view)
    link = next(p for p in parts if p.role() == QAccessible.Role.Link
                and p.text(QAccessible.Text.Name)
                == "Sciatic nerve: every region where it is at risk")
    press(link)
    first = named(children(window.card_view), QAccessible.Role.Heading)[0]
    assert first == "Sciatic nerve"


def test_the_card_text_has_no_frame_characters(qtbot, window) -> None:
    window.show_region("gluteal")
    text = ready(window.card_view).textInterface()
    assert text is not None
    content = text.text(0, text.characterCount())
    assert "Gluteal" in content
    assert not set(content) & {"\ufdd0", "\ufdd1", "\u2029", "\ufffc"}


def test_tabbing_to_a_card_link_makes_it_the_focused_child(qtbot, window,
                                                           monkeypatch) -> None:
    window.show_region("gluteal")
    window.card_view.setFocus()
    qtbot.waitUntil(window.card_view.hasFocus)
    interface = ready(window.card_view)
    told: list[str] = []
    monkeypatch.setattr(accessible, "notify_focus",
                        lambda part: told.append(part.text(QAccessible.Text.Name)))
    qtbot.keyClick(window.card_view, Qt.Key.Key_Tab)
    focused = interface.focusChild()
    assert focused is not None and focused.role() == QAccessible.Role.Link
    assert focused.state().focused
    assert told == [focused.text(QAccessible.Text.Name)]  # the screen reader is told


def test_map_regions_are_children_that_open_their_region(qtbot, window: MainWindow) -> None:
    window.body_map.load_figures()
    parts = [p for p in children(window.body_map) if p.object() is None]
    buttons = [p.text(QAccessible.Text.Name) for p in children(window.body_map) if p.object()]
    assert "Front: show the front of the body" in buttons  # the map's own widgets stay reachable
    names = [p.text(QAccessible.Text.Name) for p in parts]
    assert len(parts) >= 2 and all(names), names
    assert all(p.role() == QAccessible.Role.Button for p in parts)
    assert parts[0].text(QAccessible.Text.Description) == f"Body map region 1 of {len(parts)}"
    assert all(not p.rect().isEmpty() for p in parts)
    target = parts[-1]
    press(target)
    selected = window.body_map.selected()
    region_name = next(r.name for r in window.data.regions if r.id == selected)
    assert names[-1].startswith(region_name)
    assert children(window.body_map)[-1].state().selected


def test_search_results_and_no_match_are_announced(qtbot, window) -> None:
    announce.ANNOUNCED.clear()
    window.search_box.set_query("sciatic")
    assert announce.ANNOUNCED and "result" in announce.ANNOUNCED[-1]
    window.search_box.set_query("zzzzqqq")
    assert announce.ANNOUNCED[-1].startswith("Nothing in this guide matched")


def test_notes_save_state_is_announced_and_names_the_status(qtbot, window) -> None:
    window.show_region("gluteal")
    announce.ANNOUNCED.clear()
    window.notes_pane.editor.setPlainText("check sciatic")
    window.notes_pane.flush()
    assert announce.ANNOUNCED[-1].startswith("Saved")
    assert window.notes_pane.status.accessibleName().startswith("Saved")


# -- study mode -------------------------------------------------------------------------------

def _study(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from needleguide.core import study
    from needleguide.core.loader import load
    from needleguide.store.study import StudyStore
    from needleguide.ui.study_view import StudyView
    from tests.ui.conftest import UI_DATA

    view = StudyView(load(UI_DATA), store=StudyStore(tmp_path / "appdata"),
                     map_factory=lambda parent: None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.set_options(study.StudyOptions(count=2, seed=3))
    view.start()
    return view


def test_the_answer_group_is_named_by_the_question(qtbot, tmp_path) -> None:
    view = _study(qtbot, tmp_path)
    group = QAccessible.queryAccessibleInterface(view.answer_group)
    assert group.role() == QAccessible.Role.Grouping
    assert group.text(QAccessible.Text.Name) == f"Answers: {view.prompt_label.text()}"
    assert view.answer_buttons[0].parent() is view.answer_group


def test_the_quiz_verdict_score_and_summary_are_announced(qtbot, tmp_path) -> None:
    view = _study(qtbot, tmp_path)
    announce.ANNOUNCED.clear()
    view.answer(1)
    said = announce.ANNOUNCED[-1]
    assert said.startswith(("Correct.", "Not right")) and said.endswith("Score 1 of 1." if
                                                                         "Correct" in said
                                                                         else "Score 0 of 1.")
    view.next_question()
    view.answer(1)
    view.next_question()
    assert announce.ANNOUNCED[-1].startswith("Session complete")


def test_focus_the_app_moves_in_study_is_drawn(qtbot, tmp_path) -> None:
    """Qt draws a focus frame only after a keyboard focus change; the button the app
    focuses after an answer must show it, whatever moved focus before."""
    view = _study(qtbot, tmp_path)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, False)
    view.answer(1)
    assert QApplication.focusWidget() is view.next_button
    assert view.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)


# -- keyboard ---------------------------------------------------------------------------------

def _active(qtbot, window):  # type: ignore[no-untyped-def]
    with qtbot.waitActive(window):
        window.activateWindow()


def test_f6_and_shift_f6_move_between_the_panes(qtbot, window) -> None:
    _active(qtbot, window)
    window.show_region("gluteal")
    window.search_box.edit.setFocus()
    seen = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen == [window.region_list.view, window.body_map, window.card_view,
                    window.notes_pane.editor, window.search_box.edit]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6,
                   Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.notes_pane.editor
    assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # focus drawn


def test_the_card_skip_link_puts_the_cursor_in_the_notes(qtbot, window) -> None:
    _active(qtbot, window)
    window.show_region("gluteal")
    skip = next(p for p in children(window.card_view)
                if p.text(QAccessible.Text.Name) == "Skip to my notes")
    press(skip)
    assert QApplication.focusWidget() is window.notes_pane.editor
    assert window.current_page == ("region", "gluteal")


# Ctrl+E from a text field is tested in test_atspi.py: offscreen Qt does not use the X11
# key bindings (where Ctrl+E is end-of-line), so a test here would pass without the fix.


# -- names ------------------------------------------------------------------------------------

def _stops(root: QWidget) -> list[QWidget]:
    """The widgets Tab stops at under ``root`` (visible, enabled, taking Tab focus)."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if w.isVisibleTo(root) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def _names_and_descriptions(root: QWidget) -> list[tuple[QWidget, str, str]]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is not None:
            found.append((widget, interface.text(QAccessible.Text.Name),
                          interface.text(QAccessible.Text.Description)))
    return found


def test_every_tab_stop_has_a_name_and_no_description_is_markup(qtbot, window,
                                                                 tmp_path) -> None:
    window.show_region("gluteal")
    study = _study(qtbot, tmp_path)
    for root in (window, study):
        unnamed = [w for w in _stops(root)
                   if not QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name)]
        assert not unnamed, [(w.metaObject().className(), w.objectName()) for w in unnamed]
        markup = [(w.objectName(), d) for w, _, d in _names_and_descriptions(root)
                  if "<p>" in d or "</" in d]
        assert not markup, markup


def _label(text: str) -> str:
    """A button's visible label without its mnemonic, ellipsis and bracketed key hint."""
    text = text.replace("&", "").rstrip("\u2026").strip()
    return text.split(" (")[0] if text.endswith(")") else text


def test_button_names_begin_with_the_visible_label(qtbot, window, tmp_path) -> None:
    from PySide6.QtWidgets import QAbstractButton

    window.show_region("gluteal")
    study = _study(qtbot, tmp_path)
    study.answer(1)
    wrong = []
    for root in (window, study):
        for button in root.findChildren(QAbstractButton):
            label = _label(button.text())
            if not (button.isVisibleTo(root) and label):
                continue
            name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
            if not name.lower().startswith(label.lower()):
                wrong.append((label, name))
    assert not wrong, wrong


# -- visible labels ---------------------------------------------------------------------------

def test_the_notes_have_a_visible_label_naming_the_region_shown(qtbot, window) -> None:
    names = [r.name for r in window.data.regions]
    for region in window.data.regions[:2]:
        window.show_region(region.id)
        label = window.notes_pane.label
        assert label.isVisible() and label.text() == f"Your notes on {region.name}"
        assert label.buddy() is window.notes_pane.editor
        assert window.notes_pane.editor.accessibleName() == label.text()
    assert len(set(names[:2])) == 2
    window.notes_pane.editor.setPlainText("typed")  # the label stays while there is text
    assert window.notes_pane.label.isVisible()


def test_the_search_field_has_a_visible_label_its_name_begins_with(qtbot, window) -> None:
    label = window.search_box.label
    window.search_box.set_query("sciatic")
    assert label.isVisible() and label.buddy() is window.search_box.edit
    visible = label.text().replace("&", "").split(" (")[0]
    assert window.search_box.edit.accessibleName().startswith(visible)


# -- visible focus ----------------------------------------------------------------------------

def test_the_card_shows_a_focus_frame_while_it_has_keyboard_focus(qtbot, window) -> None:
    from PySide6.QtGui import QPalette

    _active(qtbot, window)
    window.show_region("gluteal")
    card = window.card_view
    highlight = card.palette().color(QPalette.ColorRole.Highlight).rgb()

    def edge_pixels() -> set[int]:
        image = card.grab().toImage()
        return {image.pixel(0, image.height() // 2), image.pixel(1, image.height() // 2),
                image.pixel(image.width() // 2, 0), image.pixel(image.width() // 2, 1)}

    window.search_box.edit.setFocus()
    assert highlight not in edge_pixels()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # to the region list
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # the map
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # the card
    assert card.hasFocus()
    assert edge_pixels() == {highlight}


def test_the_accessible_interfaces_load_after_the_first_paint(tmp_path) -> None:
    """Defining them costs 20-40 ms of Python type creation: not before the window shows."""
    import subprocess
    import sys

    from tests.ui.conftest import UI_DATA

    script = (
        "import sys, pathlib\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from needleguide.core.loader import load\n"
        "from needleguide.store.notes import NotesStore\n"
        "from needleguide.store.study import StudyStore\n"
        "from needleguide.app import default_collaborators\n"
        "from needleguide.ui.main_window import MainWindow\n"
        f"window = MainWindow(load(pathlib.Path({str(UI_DATA)!r})), "
        f"NotesStore(pathlib.Path({str(tmp_path / 'notes')!r})), "
        f"StudyStore(pathlib.Path({str(tmp_path / 'notes')!r})), default_collaborators())\n"
        "window.show()\n"
        "print('before', 'needleguide.ui.accessible' in sys.modules)\n"
        "for _ in range(50): app.processEvents()\n"
        "print('after', 'needleguide.ui.accessible' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split() == ["before", "False", "after", "True"], done.stderr

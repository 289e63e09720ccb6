"""The words of the main window's commands, the view menu, study mode, the body map and what
a screen reader hears reach a translator under the context lupdate extracts them with
(issue 16, item 5); the data's own words (region names, questions) are never handed over."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtWidgets import QApplication, QToolButton

from needleguide.core.model import ReferenceData
from needleguide.store.study import StudyStore
from needleguide.ui import accessible
from needleguide.ui.announce import StatusLabel
from needleguide.ui.body_map import BodyMap
from needleguide.ui.main_window import MainWindow
from needleguide.ui.study_view import StudyView


@pytest.mark.usefixtures("marked")
def test_menus_toolbar_and_view_choices_are_translated(
        make_window: Callable[[ReferenceData], MainWindow], ui_data: ReferenceData) -> None:
    window = make_window(ui_data)
    menus = [a.text() for a in window.menuBar().actions()]
    assert {"WindowCommands|&File", "WindowCommands|&View", "WindowCommands|&Help"} <= set(menus)
    assert window.commands.back.text() == "WindowCommands|&Back"
    assert window.commands.print.iconText() == "WindowCommands|Print sheet"
    assert window.commands.map.toolTip() == "WindowCommands|Show or hide the body map (Ctrl+M)"
    view_menu = window.commands.view_menu
    texts = {a.text() for a in view_menu.actions()}
    assert {"ViewChoices|&Larger text", "ViewChoices|&Dark"} <= texts


@pytest.mark.usefixtures("marked")
def test_study_mode_words_are_translated_and_its_questions_are_not(
        qtbot, ui_data: ReferenceData, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = StudyView(ui_data, StudyStore(tmp_path / "appdata"), map_factory=lambda _: None)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.questions_ready() and "Test yourself" in view.intro_text.text())
    assert view.intro_text.text().startswith("StudyView|Test yourself")
    assert view.start_button.text() == "StudyView|Start (Enter)"
    assert view.region_button.text() == "StudyView|All regions"
    view.start()
    question = view.current_question()
    assert question is not None
    assert view.progress_label.text().startswith("StudyView|Question 1 of")
    assert view.prompt_label.text() == question.prompt.partition("\n")[0]  # core's, as is


@pytest.mark.usefixtures("marked")
def test_body_map_words_are_translated_around_region_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    body_map = BodyMap()
    qtbot.addWidget(body_map)
    body_map.set_regions({"gluteal": "Gluteal"})
    body_map.load_figures()
    assert body_map.accessibleName() == "BodyMap|Body map, front view"
    tips = {b.toolTip() for b in body_map.findChildren(QToolButton)}
    assert {"BodyMap|Show the front of the body", "BodyMap|Show the back of the body"} <= tips
    body_map.show_view("back")
    names = [row[1] for row in body_map.accessible_regions()]
    # the region's name is the data's; its side is a word of the app
    assert "BodyMap|Gluteal, BodyMap|right" in names, names


@pytest.mark.usefixtures("marked")
def test_screen_reader_names_and_status_lines_are_translated(qapp: QApplication) -> None:
    link = accessible.LinkTarget("structure:sciatic", "Sciatic nerve", 0, 13)
    assert accessible.link_name(link, lambda _: "") == (
        "accessible|Sciatic nerve: accessible|every region where it is at risk")
    fold = accessible.LinkTarget("fold:structures", "\u25be", 0, 1)
    assert accessible.link_name(fold, lambda _: "") == (
        "accessible|pages|Structures: accessible|fold or unfold the section")
    assert StatusLabel().accessibleName() == "StatusLabel|Status"

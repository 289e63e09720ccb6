"""Muscle cards in the app (issue 15): opened from the region card, from search and by the
command-line name; the body map lights the muscle's region; back and forward work."""

from __future__ import annotations

from typing import Callable

import pytest
from PySide6.QtCore import QUrl

from needleguide import paths
from needleguide.core.loader import load
from needleguide.core.muscle_card import NO_APPROACH
from needleguide.drawing.muscle_page import muscle_page
from needleguide.ui.main_window import MainWindow
from tests.ui.conftest import FakeDialogs
from tests.ui.test_print_and_notes import needs_pdftotext, pdf_text, type_note


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load(paths.default_data_file())


@pytest.fixture
def window(qtbot, make_window: Callable[..., MainWindow], shipped) -> MainWindow:
    win = make_window(shipped)  # notes in this test's own folder
    win.resize(1100, 700)
    qtbot.waitExposed(win)
    return win


def test_each_muscle_on_a_region_card_links_to_its_card(shipped, window):
    window.show_region("gluteal")
    html = window.card_view.toHtml()
    for muscle in shipped.region("gluteal").muscles:
        assert muscle.muscle
        assert f'href="muscle:{muscle.muscle}"' in html


def test_following_the_link_opens_the_card_lights_the_region_and_back_returns(window):
    window.show_region("gluteal")
    window.card_view.anchorClicked.emit(QUrl("muscle:piriformis"))
    assert window.current_page == ("muscle", "piriformis")
    text = window.card_view.toPlainText()
    assert text.startswith("Piriformis")
    assert "Sciatic nerve" in text and "DANGER" in text
    assert window.body_map.lit() == {"gluteal"}
    assert "Piriformis" in window.windowTitle()
    window.back()
    assert window.current_page == ("region", "gluteal")
    window.forward()
    assert window.current_page == ("muscle", "piriformis")


def test_search_opens_the_muscle_card(qtbot, window):
    window.search_box.set_query("pec minor")
    qtbot.waitUntil(lambda: bool(window.search_box.hits()))
    assert window.search_box.open_selected()
    assert window.current_page == ("muscle", "pectoralis-minor")
    assert window.body_map.lit() == {"chest"}


def test_the_card_puts_danger_first_and_every_fact_has_a_source(shipped):
    html = muscle_page(shipped, shipped.muscle("obliquus-capitis-inferior"))
    danger = html.index("DANGER")
    assert danger < html.index("What lies under and around it")
    assert html.index("Deep to it") < html.index("Over it")
    assert 'href="structure:spinal-cord"' in html
    assert 'href="source:1"' in html and "read:" in html
    assert "C2 lamina" in html


def test_a_card_without_a_published_approach_says_none_was_found(shipped):
    html = muscle_page(shipped, shipped.muscle("scalenes"))
    assert "No published needling approach" in html and NO_APPROACH[:40] in html


def test_data_text_on_a_muscle_card_is_never_html(shipped):
    muscle = shipped.muscle("soleus")
    hostile = muscle._replace(name="<img src=file:///etc/passwd>")
    assert "<img src=file" not in muscle_page(shipped, hostile)


def test_notes_on_a_muscle_card_are_kept_and_found_by_search(qtbot, window):
    window.show_muscle("soleus")
    assert window.notes_pane.isVisible()
    type_note(qtbot, window, "short needle over tibial nerve")
    window.show_region("calf-foot")
    assert window.notes_pane.editor.toPlainText() == ""
    window.back()
    assert window.notes_pane.editor.toPlainText() == "short needle over tibial nerve"
    assert window.notes.get("soleus") == "short needle over tibial nerve"
    window.search_box.set_query("short needle")
    qtbot.waitUntil(lambda: bool(window.search_box.hits()))
    assert window.search_box.hits()[0].page == ("muscle", "soleus")


@needs_pdftotext
def test_print_and_export_on_a_muscle_card_write_that_card(qtbot, window,
                                                            dialogs: FakeDialogs, tmp_path):
    printed = tmp_path / "printed.pdf"
    dialogs.print_to = printed  # the print dialog, answered with "Print to file"
    window.show_muscle("scalenes")
    type_note(qtbot, window, "patient supine")
    assert window.documents.print_page()
    text = pdf_text(printed)
    assert "Scalenes" in text and "Brachial plexus" in text and "DANGER" in text
    assert "patient supine" not in text
    window.commands.include_notes.setChecked(True)
    dialogs.answer_save(tmp_path / "card")
    written = window.documents.export_page_pdf()
    assert written == tmp_path / "card.pdf"
    assert "patient supine" in pdf_text(written)


def test_a_structure_page_links_the_muscle_cards_that_place_it(window):
    window.show_structure("sciatic-nerve")
    html = window.card_view.toHtml()
    assert 'href="muscle:piriformis"' in html and 'href="muscle:gluteus-maximus"' in html
    assert 'href="muscle:soleus"' not in html
    window.card_view.anchorClicked.emit(QUrl("muscle:piriformis"))
    assert window.current_page == ("muscle", "piriformis")

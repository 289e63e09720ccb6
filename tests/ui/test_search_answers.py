"""A found answer is in view: the card scrolls to the matched entry and marks it until the next
page; Back returns to where you were; a source number shows its citation in place."""

from __future__ import annotations

from typing import Callable

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from needleguide import paths
from needleguide.core.loader import load
from needleguide.core.model import ReferenceData
from needleguide.ui.main_window import MainWindow
from tests.ui.test_print_and_notes import type_note


@pytest.fixture(scope="module")
def shipped() -> ReferenceData:
    return load(paths.default_data_file())


@pytest.fixture
def big(make_window: Callable[..., MainWindow], shipped: ReferenceData) -> MainWindow:
    window = make_window(shipped)
    window.resize(1000, 600)
    window.search_box.prepare_index()
    return window


def anchor_visible(window: MainWindow, anchor: str) -> bool:
    view = window.card_view
    cursor = view.anchor_cursor(anchor)
    assert cursor is not None, anchor
    rect = view.cursorRect(cursor)
    return 0 <= rect.top() and rect.bottom() <= view.viewport().height()


def marked_text(window: MainWindow) -> str:
    return " ".join(s.cursor.selectedText() for s in window.card_view.extraSelections())


def open_first(qtbot, window: MainWindow, query: str, where: str) -> None:  # type: ignore[no-untyped-def]
    window.search_box.set_query(query)
    rows = [i for i, h in enumerate(window.search_box.hits()) if where in h.where]
    assert rows, [h.where for h in window.search_box.hits()]
    box = window.search_box
    box.results.setCurrentIndex(box.model.index(rows[0], 0))
    with qtbot.waitSignal(window.page_changed):
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)


def test_opening_a_result_scrolls_to_the_entry_and_marks_it(qtbot, big: MainWindow) -> None:
    big.show_region("head")
    open_first(qtbot, big, "warfarin", "Checklist")  # three actions: type, pick, Enter
    assert big.current_page == ("checklist", "")
    anchor = big.card_view.marked_anchor()
    assert anchor.startswith("item-screening-")
    assert big.card_view.verticalScrollBar().value() > 0
    assert anchor_visible(big, anchor)
    assert "anticoagulant" in marked_text(big).lower()


def test_a_caution_deep_in_a_card_is_brought_into_view(qtbot, big: MainWindow) -> None:
    open_first(qtbot, big, "apixaban", "caution in Gluteal")
    assert big.current_page == ("region", "gluteal")
    assert anchor_visible(big, big.card_view.marked_anchor())
    assert "Bleeding risk" in marked_text(big)


def test_the_mark_stays_until_the_next_navigation(qtbot, big: MainWindow) -> None:
    open_first(qtbot, big, "apixaban", "caution in Gluteal")
    assert big.card_view.extraSelections()
    big.show_region("neck")
    assert big.card_view.extraSelections() == [] and big.card_view.marked_anchor() == ""


def test_back_returns_to_the_same_scroll_position(qtbot, big: MainWindow) -> None:
    big.show_region("neck")
    bar = big.card_view.verticalScrollBar()
    assert bar.maximum() > 400
    bar.setValue(400)
    big.card_view.anchorClicked.emit(QUrl("structure:vertebral-artery"))
    assert big.current_page == ("structure", "vertebral-artery")
    big.back()
    assert big.current_page == ("region", "neck")
    assert bar.value() == 400
    big.forward()
    big.back()
    assert bar.value() == 400


def test_back_after_a_source_jump_from_search_returns_to_the_place(qtbot,
                                                                   big: MainWindow) -> None:
    big.show_region("upper-back")
    bar = big.card_view.verticalScrollBar()
    bar.setValue(300)
    open_first(qtbot, big, "Poutoglidou", "Source")
    assert big.current_page == ("region", "gluteal")
    assert big.card_view.marked_anchor() == "source-id-poutoglidou2020"
    assert anchor_visible(big, "source-id-poutoglidou2020")
    big.back()
    assert big.current_page == ("region", "upper-back") and bar.value() == 300


def test_a_new_visit_opens_at_the_top_not_at_an_old_position(qtbot, big: MainWindow) -> None:
    big.show_region("neck")
    big.card_view.verticalScrollBar().setValue(500)
    big.show_region("gluteal")
    big.back()
    big.show_region("chest")  # replaces the forward entry at the same history position
    assert big.card_view.verticalScrollBar().value() == 0


def superscript_point(window: MainWindow, number: int) -> QPoint:
    view = window.card_view
    document = view.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == f"source:{number}":
                from PySide6.QtGui import QTextCursor

                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                return view.cursorRect(cursor).center() + QPoint(-2, 0)
            fragments += 1
        block = block.next()
    raise AssertionError("no superscript")


def test_a_source_superscript_tooltip_gives_the_full_citation_and_kind(
        qtbot, big: MainWindow, shipped: ReferenceData) -> None:
    big.show_region("gluteal")
    view = big.card_view
    point = superscript_point(big, 1)
    assert view.anchorAt(point) == "source:1"
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    source = shipped.sources["POUTOGLIDOU2020"]
    assert "[1]" in text and source.title in text and "systematic review" in text


def test_clicking_a_superscript_shows_the_source_in_place(qtbot, big: MainWindow,
                                                          shipped: ReferenceData) -> None:
    big.show_region("gluteal")
    bar = big.card_view.verticalScrollBar()
    bar.setValue(200)
    with qtbot.assertNotEmitted(big.page_changed):
        big.card_view.anchorClicked.emit(QUrl("source:2"))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "[2]" in QToolTip.text() and "(" in QToolTip.text()
    assert bar.value() == 200  # the reader keeps their place
    assert big.current_page == ("region", "gluteal")


def test_a_not_covered_topic_says_so_in_the_window(qtbot, big: MainWindow) -> None:
    big.search_box.set_query("lymphoedema")
    first = big.search_box.model.index(0, 0).data()
    assert first.startswith("Not covered in this guide")
    assert "professional body" in first


def test_a_note_result_opens_its_region_with_the_matching_line_selected(
        qtbot, big: MainWindow) -> None:
    big.show_region("calf-foot")  # the note is typed as a user types it: search sees it
    for n, line in enumerate(("first line", "second line", "bring the wedge pillow", "last")):
        if n:
            qtbot.keyClick(big.notes_pane.editor, Qt.Key.Key_Return)
        type_note(qtbot, big, line)
    big.show_region("gluteal")
    big.search_box.set_query("wedge pillow")
    qtbot.waitUntil(lambda: any(h.kind == "note" for h in big.search_box.hits()))
    [hit] = [h for h in big.search_box.hits() if h.kind == "note"]
    big.open_result(hit.page[0], hit.page[1], hit.anchor)
    assert big.current_page == ("region", "calf-foot")
    assert big.notes_pane.editor.textCursor().selectedText() == "bring the wedge pillow"

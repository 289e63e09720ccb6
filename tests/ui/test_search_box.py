"""Search: forgiving of typos, says what each result matched, Enter opens the best."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from needleguide.core.model import ReferenceData
from needleguide.core.search import SearchIndex
from needleguide.ui.search_box import SearchBox, page_for_hit


@pytest.fixture
def box(qtbot, ui_data: ReferenceData) -> SearchBox:  # type: ignore[no-untyped-def]
    widget = SearchBox()
    qtbot.addWidget(widget)
    widget.set_index(SearchIndex(ui_data))
    widget.show()
    return widget


@pytest.mark.parametrize("typed, kind, target", [
    ("siatic", "structure", "sciatic-nerve"),
    ("piriformus", "muscle", "gluteal"),
    ("carpel tunnel", "condition", "carpal-tunnel-syndrome"),
    ("Carpal Tunnel", "condition", "carpal-tunnel-syndrome"),
    ("büttock", "region", "gluteal"),
])
def test_search_tolerates_typos_case_and_accents(box: SearchBox, typed: str, kind: str,
                                                  target: str) -> None:
    box.set_query(typed)
    assert (box.hits()[0].kind, box.hits()[0].target) == (kind, target)


def test_each_result_says_what_it_matched(box: SearchBox) -> None:
    box.set_query("ischiadic")
    hit = box.hits()[0]
    assert hit.target == "sciatic-nerve"
    assert "matched \u2018ischiadic nerve\u2019" in box.model.index(0, 0).data()
    box.set_query("piriformus")
    assert "muscle in Gluteal" in box.model.index(0, 0).data()


def test_enter_opens_the_best_result(qtbot, box: SearchBox) -> None:
    qtbot.keyClicks(box.edit, "siatic")
    with qtbot.waitSignal(box.result_opened) as blocker:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert blocker.args == ["structure", "sciatic-nerve"]


def test_arrow_keys_move_through_results_and_enter_opens_that_one(qtbot, box: SearchBox) -> None:
    qtbot.keyClicks(box.edit, "piriformis")
    assert len(box.hits()) >= 2
    second = box.hits()[1]
    qtbot.keyClick(box.edit, Qt.Key.Key_Down)
    assert box.selected_hit() == second
    qtbot.keyClick(box.edit, Qt.Key.Key_Up)
    assert box.selected_hit() == box.hits()[0]
    qtbot.keyClick(box.edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(box.result_opened) as blocker:
        qtbot.keyClick(box.edit, Qt.Key.Key_Enter)
    expected = "region" if second.kind == "muscle" else second.kind
    assert blocker.args == [expected, second.target]


def test_no_match_says_it_is_not_a_no_risk_answer_and_offers_the_checklist(
        qtbot, box: SearchBox) -> None:
    """In a safety reference an empty result reads as 'no concern': it must say otherwise and
    offer the checklist, which Enter (or a click) opens. (It used to say 'No matches' and
    Enter did nothing.)"""
    box.set_query("zzzzqqq")
    assert box.status.isVisible()
    assert "\u2018zzzzqqq\u2019" in box.status.text()
    assert "does not mean there is no risk" in box.status.text()
    assert "No matches" not in box.status.text()
    [offer] = box.hits()
    assert "checklist" in box.model.index(0, 0).data()
    with qtbot.waitSignal(box.result_opened) as blocker:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert blocker.args == ["checklist", ""]
    rect = box.results.visualRect(box.model.index(0, 0))
    with qtbot.waitSignal(box.result_opened) as blocker:
        qtbot.mouseClick(box.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["checklist", ""]


def test_results_model_passes_the_model_tester(qtmodeltester, box: SearchBox) -> None:
    box.set_query("nerve")
    qtmodeltester.check(box.model)


def test_a_note_in_a_result_tooltip_is_shown_literally_never_as_html(
        box: SearchBox, ui_data: ReferenceData) -> None:
    """The tooltip of a note hit quotes the note: Qt would render it as HTML if it looked
    like HTML, so a note with tags or an <img src=file:...> must come out as typed."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument

    note = "<b>bold</b> <img src=file:///etc/passwd> deep"
    box.set_index(SearchIndex(ui_data, {"gluteal": note}))
    box.set_query("passwd")
    assert box.hits()[0].kind == "note"
    tip = box.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    if GuiQt.mightBeRichText(tip):  # what QToolTip does
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    assert note in document.toPlainText()
    assert "<img" not in document.toHtml()
    assert note in box.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_one_click_on_a_result_opens_it(qtbot, box: SearchBox) -> None:
    box.set_query("piriformis")
    assert len(box.hits()) >= 2
    second = box.hits()[1]
    rect = box.results.visualRect(box.model.index(1, 0))
    with qtbot.waitSignal(box.result_opened, timeout=1000) as blocker:
        qtbot.mouseClick(box.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == list(page_for_hit(second))


def test_a_new_index_keeps_the_result_the_user_arrowed_to(qtbot, ui_data) -> None:
    """Saving a note rebuilds the index; the selection must not jump back to the top."""
    from needleguide.core.search import SearchIndex
    from needleguide.ui.search_box import SearchBox

    box = SearchBox()
    qtbot.addWidget(box)
    box.set_index(SearchIndex(ui_data))
    box.set_query("nerve")
    assert len(box.hits()) >= 2
    box.results.setCurrentIndex(box.model.index(1, 0))
    chosen = box.selected_hit()
    box.set_index(SearchIndex(ui_data, {ui_data.regions[0].id: "a note"}))
    assert box.selected_hit() == chosen

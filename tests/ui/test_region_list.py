"""The region list: a well-behaved model, a forgiving filter, keyboard navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from needleguide.core.model import ReferenceData
from needleguide.ui.region_list import REGION_ID_ROLE, RegionList, RegionListModel


@pytest.fixture
def region_list(qtbot, ui_data: ReferenceData) -> RegionList:  # type: ignore[no-untyped-def]
    """A region list holding the UI fixture's regions."""
    widget = RegionList()
    qtbot.addWidget(widget)
    widget.set_regions(ui_data.regions)
    return widget


def test_region_model_and_filter_pass_the_model_tester(qtbot, region_list, qtmodeltester,
                                                       ui_data: ReferenceData) -> None:
    model = RegionListModel(ui_data.regions)
    qtmodeltester.check(model)
    widget = region_list
    widget.filter_edit.setText("back")
    qtmodeltester.check(widget.proxy)
    assert model.index(0, 0).data(REGION_ID_ROLE) == "gluteal"


def test_filter_matches_names_synonyms_and_muscles_ignoring_case_and_accents(
        region_list: RegionList) -> None:
    widget = region_list
    widget.filter_edit.setText("BÜTTOCK")
    assert widget.visible_regions() == ["gluteal"]
    widget.filter_edit.setText("pronator")
    assert widget.visible_regions() == ["forearm"]
    widget.filter_edit.clear()
    assert widget.visible_regions() == ["gluteal", "forearm", "upper-back"]


def test_arrow_keys_move_through_regions_and_announce_each(qtbot, region_list,
                                                           ui_data: ReferenceData
                                                           ) -> None:
    widget = region_list
    widget.show()
    widget.set_current("gluteal")
    with qtbot.waitSignal(widget.region_selected) as blocker:
        qtbot.keyClick(widget.view, Qt.Key.Key_Down)
    assert blocker.args == ["forearm"]


def test_enter_in_the_filter_opens_the_first_match(qtbot, region_list) -> None:
    widget = region_list
    widget.show()
    qtbot.keyClicks(widget.filter_edit, "upper")
    with qtbot.waitSignal(widget.region_selected) as blocker:
        qtbot.keyClick(widget.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["upper-back"]


def test_set_current_does_not_announce(qtbot, region_list) -> None:
    widget = region_list
    with qtbot.assertNotEmitted(widget.region_selected):
        widget.set_current("forearm")
        widget.set_current("")
    assert widget.current_region() == ""


def test_a_region_tooltip_shows_data_text_literally_never_as_html(ui_data: ReferenceData
                                                                   ) -> None:
    """Qt shows a tooltip that looks like HTML as rich text: data must not become markup."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument

    hostile = "<b>bold</b> <img src=file:///etc/passwd> & <script>x</script>"
    region = ui_data.regions[0]._replace(summary=hostile)
    model = RegionListModel([region])
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    if GuiQt.mightBeRichText(tip):  # what QToolTip does
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    assert document.toPlainText() == hostile
    assert "<img" not in document.toHtml()


def test_typing_in_the_filter_never_opens_a_region_by_itself(qtbot, region_list,
                                                              ui_data: ReferenceData
                                                              ) -> None:
    """Filtering out the region on screen must not switch the card to a neighbour the user
    never chose; the highlight comes back when the filter is cleared."""
    widget = region_list
    widget.show()
    widget.set_current("gluteal")
    with qtbot.assertNotEmitted(widget.region_selected):
        qtbot.keyClicks(widget.filter_edit, "fore")
    assert widget.visible_regions() == ["forearm"]
    assert widget.current_region() == ""  # no region highlighted that is not shown
    with qtbot.assertNotEmitted(widget.region_selected):
        widget.filter_edit.clear()
    assert widget.current_region() == "gluteal"
    with qtbot.waitSignal(widget.region_selected) as blocker:
        qtbot.keyClicks(widget.filter_edit, "fore")
        qtbot.keyClick(widget.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["forearm"]

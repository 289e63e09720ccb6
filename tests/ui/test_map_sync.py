"""One selection across list, map, search and cross-links, on the shipped data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt, QUrl

from needleguide import paths
from needleguide.core.loader import load
from needleguide.core.queries import regions_for_structure
from needleguide.ui.main_window import MainWindow
from tests.ui.conftest import user_stores


@pytest.fixture
def window(qtbot, tmp_path, collaborators) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(load(paths.default_data_file()), *user_stores(tmp_path), collaborators)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_region(qtbot, window: MainWindow, region: str) -> None:  # type: ignore[no-untyped-def]
    body_map = window.body_map
    shape = next(s for s in body_map.figure().shapes if s.region == region)
    point = body_map.figure_transform().map(QPointF(*shape.interior_point())).toPoint()
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=point)


def test_clicking_the_map_opens_the_region_card_and_selects_it_in_the_list(qtbot, window):
    window.body_map.show_view("back")
    with qtbot.waitSignal(window.page_changed) as blocker:
        click_region(qtbot, window, "gluteal")
    assert blocker.args == ["region", "gluteal"]
    assert window.region_list.current_region() == "gluteal"
    assert "Sciatic nerve" in window.card_view.toPlainText()


def test_choosing_in_the_list_highlights_the_map_and_switches_figure(window):
    window.show_region("gluteal")
    assert window.body_map.selected() == "gluteal"
    assert window.body_map.current_view() == "back"
    window.show_region("chest")
    assert window.body_map.selected() == "chest"
    assert window.body_map.current_view() == "front"


def test_a_search_result_selects_on_the_map(qtbot, window):
    window.search_box.set_query("buttok")
    qtbot.waitUntil(lambda: bool(window.search_box.hits()))
    assert window.search_box.open_selected()
    assert window.current_page == ("region", "gluteal")
    assert window.body_map.selected() == "gluteal"


def test_a_structure_lights_every_region_where_it_is_at_risk(window):
    window.show_region("neck")
    window.card_view.anchorClicked.emit(QUrl("structure:lung-pleura"))
    expected = {r.id for r in regions_for_structure(window.data, "lung-pleura")}
    assert len(expected) >= 3
    assert window.body_map.lit() == expected
    assert window.body_map.selected() is None
    window.back()
    assert window.body_map.lit() == frozenset()
    assert window.body_map.selected() == "neck"


def test_every_reported_distance_shows_with_its_sample_and_never_as_a_safe_depth(window):
    shown = 0
    for region in window.data.regions:
        window.show_region(region.id)
        text = " ".join(window.card_view.toPlainText().split())
        for distance in region.distances:
            # a table row: the site and its figure; a sample shared by rows is shown once
            assert distance.what in text and distance.figure in text, (region.id,
                                                                       distance.what)
            who = distance.sample.who.partition("; ")[0]
            assert f"n = {distance.sample.n}, {who}" in text
            shown += 1
        if region.distances:
            assert "not a safe depth" in text
    assert shown >= 5


def test_the_checklist_is_one_click_from_every_shipped_region_card(window):
    for region in window.data.regions:
        window.show_region(region.id)
        window.card_view.anchorClicked.emit(QUrl("checklist:"))
        assert window.current_page == ("checklist", "")
        assert "Pneumothorax" in window.card_view.toPlainText()

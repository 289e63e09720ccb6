"""The body map as a user drives it: clicks on the real outlines, hover, keyboard, views."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPalette  # noqa: E402
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from needleguide.core.bodymap import Shape  # noqa: E402
from needleguide.ui.body_map import BodyMap  # noqa: E402

NAMES = {"neck": "Neck", "upper-back": "Upper back", "shoulder": "Shoulder",
         "lower-back": "Lower back", "gluteal": "Gluteal", "calf-foot": "Calf and foot",
         "forearm": "Forearm", "chest": "Chest", "head": "Head (temporalis)"}
HOMES = {"neck": "back", "upper-back": "back", "shoulder": "back", "lower-back": "back",
         "gluteal": "back", "calf-foot": "back", "forearm": "front", "chest": "front",
         "head": "front"}


@pytest.fixture
def body_map(qtbot) -> BodyMap:  # type: ignore[no-untyped-def]
    widget = BodyMap()
    qtbot.addWidget(widget)
    widget.set_regions(NAMES)
    widget.set_home_views(HOMES)
    # The map only says what the user chose; the window's navigation sets the selection.
    widget.region_selected.connect(widget.set_selected)
    widget.resize(340, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.figures_loaded)
    return widget


def at(widget: BodyMap, shape: Shape) -> QPoint:
    """Widget coordinates of the shape's interior point, through the widget's transform."""
    return widget.figure_transform().map(QPointF(*shape.interior_point())).toPoint()


def pixel(widget: BodyMap, shape: Shape) -> QColor:
    image: QImage = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    point = at(widget, shape)
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


@pytest.mark.parametrize("view", ["front", "back"])
def test_clicking_inside_each_shape_selects_its_region(qtbot, body_map, view):
    body_map.show_view(view)
    shapes = body_map.figure().shapes
    assert shapes
    for shape in shapes:
        with qtbot.waitSignal(body_map.region_selected, timeout=1000) as signal:
            qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=at(body_map, shape))
        assert signal.args == [shape.region], shape.id
        assert body_map.selected() == shape.region
        assert body_map.current_view() == view  # clicking never flips the figure


def test_a_click_outside_every_shape_selects_nothing(qtbot, body_map):
    body_map.show_view("back")
    transform = body_map.figure_transform()
    for svg_point in (QPointF(5, 400), QPointF(200, 520), QPointF(200, 60)):  # margin, thigh, head
        pos = transform.map(svg_point).toPoint()
        assert body_map.region_at(QPointF(pos)) == ""
        with qtbot.assertNotEmitted(body_map.region_selected):
            qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=pos)
    assert body_map.selected() is None


def test_set_selected_switches_to_the_figure_showing_the_region(body_map):
    body_map.show_view("front")
    body_map.set_selected("gluteal")
    assert (body_map.current_view(), body_map.selected()) == ("back", "gluteal")
    body_map.set_selected("chest")
    assert body_map.current_view() == "front"
    body_map.show_view("back")
    body_map.set_selected("forearm")  # on both figures: its home view wins
    assert body_map.current_view() == "front"
    body_map.set_selected(None)
    assert (body_map.current_view(), body_map.selected()) == ("front", None)


def test_selecting_what_was_just_clicked_keeps_the_figure(qtbot, body_map):
    """The window sets the selection a click asked for: the back forearm stays on the back
    (its home figure is the front)."""
    body_map.show_view("back")
    forearm = next(s for s in body_map.figure().shapes if s.region == "forearm")
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=at(body_map, forearm))
    assert (body_map.current_view(), body_map.selected()) == ("back", "forearm")


def test_set_lit_lights_regions_distinct_from_the_selection(body_map):
    body_map.show_view("back")
    shapes = {s.id: s for s in body_map.figure().shapes}
    idle = pixel(body_map, shapes["upper-back"])
    body_map.set_lit(["upper-back", "neck"])
    assert body_map.lit() == {"upper-back", "neck"}
    lit = pixel(body_map, shapes["upper-back"])
    body_map.set_selected("gluteal")
    selected = pixel(body_map, shapes["gluteal--right"])
    assert len({idle.name(), lit.name(), selected.name()}) == 3
    assert pixel(body_map, shapes["lower-back"]) == idle  # not lit


def test_lit_regions_on_the_other_figure_are_flagged_on_its_button(body_map):
    body_map.show_view("front")
    body_map.set_lit(["gluteal"])
    back_button = body_map.findChild(QWidget, "body_map_back_button")
    assert back_button.text().startswith("Back") and back_button.text() != "Back"


def test_view_buttons_switch_figures_and_have_accessible_names(qtbot, body_map):
    back = body_map.findChild(QWidget, "body_map_back_button")
    front = body_map.findChild(QWidget, "body_map_front_button")
    assert back.accessibleName() == "Back: show the back of the body"
    with qtbot.waitSignal(body_map.view_changed) as signal:
        back.click()
    assert signal.args == ["back"] and body_map.current_view() == "back"
    front.click()
    assert body_map.current_view() == "front"


def test_hover_highlights_and_names_the_region(qtbot, body_map):
    body_map.show_view("back")
    gluteal = next(s for s in body_map.figure().shapes if s.id == "gluteal--left")
    before = pixel(body_map, gluteal)
    with qtbot.waitSignal(body_map.region_hovered) as signal:
        qtbot.mouseMove(body_map, at(body_map, gluteal))
    assert signal.args == ["gluteal"]
    label = body_map.findChild(QWidget, "body_map_label")
    assert label.text() == "Gluteal, left"
    assert pixel(body_map, gluteal) != before
    with qtbot.waitSignal(body_map.region_hovered) as signal:
        qtbot.mouseMove(body_map, body_map.figure_transform().map(QPointF(5, 400)).toPoint())
    assert signal.args == [""]


def test_regions_missing_from_the_data_are_inert(qtbot, body_map):
    body_map.set_regions({k: v for k, v in NAMES.items() if k != "chest"})
    body_map.show_view("front")
    chest = next(s for s in body_map.figure().shapes if s.region == "chest")
    with qtbot.assertNotEmitted(body_map.region_selected):
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=at(body_map, chest))


def test_keyboard_tab_into_the_map_arrows_move_enter_selects(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    before = QLineEdit(window)
    body_map = BodyMap(window)
    body_map.set_regions(NAMES)
    body_map.region_selected.connect(body_map.set_selected)  # as the window's navigation does
    layout = QVBoxLayout(window)
    layout.addWidget(before)
    layout.addWidget(body_map)
    window.resize(360, 760)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    body_map.show_view("back")
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert body_map.hasFocus()
    assert body_map.focused_shape() == "neck"  # reading order starts at the top
    assert body_map.accessibleName() == "Neck"
    qtbot.keyClick(body_map, Qt.Key.Key_Down)
    assert body_map.focused_shape() == "upper-back"
    qtbot.keyClick(body_map, Qt.Key.Key_Right)
    assert body_map.focused_shape() == "shoulder--right"  # viewer's right on the back
    assert body_map.accessibleName() == "Shoulder, right"
    qtbot.keyClick(body_map, Qt.Key.Key_Left)
    qtbot.keyClick(body_map, Qt.Key.Key_Down)
    assert body_map.focused_shape() == "lower-back"
    with qtbot.waitSignal(body_map.region_selected) as signal:
        qtbot.keyClick(body_map, Qt.Key.Key_Return)
    assert signal.args == ["lower-back"]
    assert "selected" in body_map.accessibleName()
    with qtbot.waitSignal(body_map.region_selected) as signal:
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
        qtbot.keyClick(body_map, Qt.Key.Key_Space)
    assert body_map.hasFocus() and signal.args[0] != "lower-back"


def test_tab_walks_every_region_then_leaves_the_map(qtbot, body_map):
    body_map.show_view("front")
    body_map.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(body_map.hasFocus)
    seen = [body_map.focused_shape()]
    for _ in range(len(body_map.figure().shapes) - 1):
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
        seen.append(body_map.focused_shape())
    assert sorted(seen) == sorted(s.id for s in body_map.figure().shapes)
    assert seen[:2] == ["head--right", "head--left"]  # patient's right is on the viewer's left
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert not body_map.hasFocus()


def test_a_shown_map_draws_its_figure_right_after_its_first_paint(qtbot):
    """The figure is loaded after the first paint (start-up speed), with no interaction."""
    widget = BodyMap()
    qtbot.addWidget(widget)
    widget.resize(340, 700)
    assert not widget.figures_loaded()  # nothing parsed before the window is on screen
    widget.show()
    qtbot.waitUntil(widget.figures_loaded)
    head = next(s for s in widget.figure().shapes if s.region == "head")
    assert pixel(widget, head) != widget.palette().color(QPalette.ColorRole.Window)


def test_a_region_selected_before_the_figures_load_is_shown_on_its_figure(qtbot):
    widget = BodyMap()
    qtbot.addWidget(widget)
    widget.set_home_views(HOMES)
    widget.set_selected("gluteal")  # as the main window does while restoring the last page
    assert not widget.figures_loaded()
    widget.show()
    qtbot.waitUntil(widget.figures_loaded)
    assert widget.current_view() == "back" and widget.selected() == "gluteal"


def test_dark_palette_draws_the_outline_in_the_palette_ink(qtbot, body_map):
    palette = body_map.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#8ab4f8"))
    body_map.setPalette(palette)
    image = body_map.grab().toImage()
    transform = body_map.figure_transform()
    ratio = image.devicePixelRatio()
    # scan across the top of the head (y = 60 in SVG units): the outline is light ink
    y = round(transform.map(QPointF(0, 60)).y() * ratio)
    row = [image.pixelColor(x, y) for x in range(image.width())]
    assert max(c.lightness() for c in row) > 180
    assert image.pixelColor(2, 2).name() == "#202124"


def test_the_region_tooltip_shows_the_name_literally_never_as_html(qtbot, body_map):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextDocument
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtWidgets import QApplication, QLabel, QToolTip

    hostile = "<b>Neck</b> <img src=file:///etc/passwd>"
    body_map.set_regions({**NAMES, "neck": hostile})
    body_map.show_view("back")
    neck = next(s for s in body_map.figure().shapes if s.region == "neck")
    point = at(body_map, neck)
    QApplication.sendEvent(body_map, QHelpEvent(QEvent.Type.ToolTip, point,
                                                body_map.mapToGlobal(point)))
    tips = [w for w in QApplication.topLevelWidgets()
            if w.metaObject().className() == "QTipLabel" and w.isVisible()]
    assert tips and isinstance(tips[0], QLabel)
    tip = tips[0].text()
    QToolTip.hideText()
    document = QTextDocument()
    if tips[0].textFormat() == Qt.TextFormat.RichText or (
            tips[0].textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(tip)):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    assert hostile in document.toPlainText()
    assert "<img" not in document.toHtml()


def test_a_damaged_install_without_figures_says_so_and_stays_inert(qtbot, tmp_path):
    """Missing map files must not crash the app or a click: the map explains itself."""
    widget = BodyMap(resources=tmp_path)  # a resources folder without the figures
    qtbot.addWidget(widget)
    widget.set_regions(NAMES)
    widget.set_selected("gluteal")
    widget.resize(340, 700)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.failure()))
    assert not widget.figures_loaded()
    label = widget.findChild(QLabel, "body_map_label")
    assert label is not None and "body map could not be loaded" in label.text()
    assert "body-front.svg" in widget.failure()
    with qtbot.assertNotEmitted(widget.region_selected):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    widget.show_view("back")  # as the main window does for a structure page: no error
    widget.grab()  # and it paints

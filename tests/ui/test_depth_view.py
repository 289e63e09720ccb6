"""The depth check window (issue 22): the picture draws every figure with its sample and the
needle tip, in light and dark, crisp at 2x, and its table says the same thing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPalette

from needleguide import paths
from needleguide.core import depth
from needleguide.core.loader import load
from needleguide.drawing.depth_paint import colours_for, depth_image
from needleguide.ui.depth_view import DepthView

DATA = load(paths.default_data_file())
WITH_FIGURES = [r.id for r in depth.regions_with_figures(DATA)]


@pytest.fixture
def view(qtbot) -> DepthView:  # type: ignore[no-untyped-def]
    widget = DepthView(DATA)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def grab(view: DepthView) -> QImage:
    """The picture as painted now (a grab paints it, and records what it wrote)."""
    return view.picture.grab().toImage()


def count_colour(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + \
                    abs(c.blue() - colour.blue()) < tolerance:
                hits += 1
    return hits


def test_the_regions_offered_are_those_with_figures(view):
    offered = [view.region_box.itemData(i) for i in range(view.region_box.count())]
    assert offered == WITH_FIGURES and {"neck", "upper-back"} <= set(offered)
    assert not view.show_region("gluteal")  # no reported depth with numbers there


@pytest.mark.parametrize("region_id", WITH_FIGURES)
def test_the_picture_draws_every_figure_its_sample_and_the_tip(qtbot, view, region_id):
    assert view.show_region(region_id)
    view.set_needle(40)
    image = grab(view)
    chart = depth.region_chart(DATA.region(region_id))
    drawn = view.picture.drawn
    for figure in chart.figures:
        assert figure.sample_label in drawn
        assert (figure.outcome if figure.needles else f"to {figure.reaches}") in drawn
        assert depth.check(figure, 40).short in drawn
        for count in figure.needles:
            assert f"{count.reached} of {count.of}" in drawn
    assert "tip 40 mm" in drawn
    needle = colours_for(view.picture.palette()).needle
    assert count_colour(image, needle) > 50  # the needle and its tip line are drawn


@pytest.mark.parametrize("region_id", WITH_FIGURES)
def test_nothing_is_cut_off_when_the_window_is_narrow(qtbot, view, region_id):
    view.show_region(region_id)
    view.set_needle(40)
    view.resize(300, 700)  # narrower than any picture: the picture keeps its minimum
    qtbot.waitUntil(lambda: view.picture.width() >= view.picture.minimumSizeHint().width())
    grab(view)
    inside = QRectF(view.picture.rect()).adjusted(-1, -1, 1, 1)
    assert view.picture.drawn_at and all(inside.contains(r) for r in view.picture.drawn_at)


def test_the_needle_counts_drawn_are_the_sources_counts(view):
    view.show_region("neck")
    view.set_needle(50)
    grab(view)
    drawn = view.picture.drawn
    assert [t for t in drawn if t[0].isdigit() and t.endswith(" of 15")] == \
        ["0 of 15", "1 of 15", "4 of 15", "6 of 15", "50 mm: 4 of 15"]
    assert "50 mm: 4 of 15" in drawn


def test_the_table_says_what_the_picture_shows(view):
    for region_id in WITH_FIGURES:
        view.show_region(region_id)
        view.set_needle(30)
        grab(view)
        chart = view.chart()
        assert view.table.rowCount() == len(chart.figures)
        picture = view.picture.drawn
        description = view.picture.accessibleDescription()
        for row, figure in enumerate(chart.figures):
            cells = [view.table.item(row, c).text() for c in range(view.table.columnCount())]
            finding = depth.check(figure, 30)
            # the same figure, reach, sample and needle check, in both
            assert cells[1] == figure.reaches and figure.reaches in " ".join(picture)
            assert cells[2] == figure.figure
            assert cells[3] == depth.in_mm(figure) and cells[3] in description
            assert cells[4] == figure.sample.describe()
            assert f"n = {figure.sample.n}" in figure.sample_label and \
                figure.sample_label in picture
            assert cells[5] == finding.text and finding.short in picture
            for count in figure.needles:
                assert f"{depth.mm(count.length)} mm: {count.reached} of {count.of}" in cells[3]
                assert f"{count.reached} of {count.of}" in picture


def test_a_typed_length_is_checked_and_an_impossible_one_is_not(qtbot, view):
    view.show_region("neck")
    editor = view.needle_box.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, "45")
    assert view.needle() == 45
    assert "45 mm was not tested in this study" in view.findings.text()
    editor.selectAll()
    qtbot.keyClicks(editor, "999")  # the validator keeps what fits: never above 150 mm
    assert view.needle() is None or view.needle() <= depth.MAX_NEEDLE
    view.set_needle(None)
    grab(view)
    assert view.needle() is None and "tip" not in " ".join(view.picture.drawn)
    assert "Choose or type a needle length" in view.findings.text()


def test_no_sentence_says_safe_and_every_one_names_its_sample(view):
    for region_id in WITH_FIGURES:
        view.show_region(region_id)
        for length in depth.COMMON_LENGTHS:
            view.set_needle(length)
            text = view.findings.text()
            assert " safe " not in text.replace("never a safe depth", "")
            for figure in view.chart().figures:
                assert figure.sample.who in text


def test_dark_palette_draws_on_dark_with_light_ink(qtbot, view):
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    view.picture.setPalette(dark)
    view.show_region("upper-back")
    view.set_needle(25)
    image = grab(view)
    assert image.pixelColor(3, image.height() // 2).lightness() < 60  # dark background
    colours = colours_for(dark)
    assert colours.needle.lightness() > 150 and colours.band.lightness() > 120
    assert count_colour(image, colours.needle) > 50


@pytest.mark.parametrize("region_id", WITH_FIGURES)
def test_the_picture_renders_at_2x_with_twice_the_pixels(qapp, region_id):
    chart = depth.region_chart(DATA.region(region_id))
    one = depth_image(chart, 40, QSize(700, 400), scale=1.0)
    two = depth_image(chart, 40, QSize(700, 400), scale=2.0)
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    assert two.devicePixelRatio() == 2.0
    # crisp, not an upscaled copy: the 2x image has detail the 1x one does not
    assert len({two.pixel(x, y) for x in range(0, two.width(), 3)
                for y in range(0, two.height(), 3)}) > \
        len({one.pixel(x, y) for x in range(0, one.width(), 3)
             for y in range(0, one.height(), 3)}) // 2


def test_the_widget_at_the_screens_scale_is_drawn_at_that_scale(view):
    pixmap = view.picture.grab()
    ratio = view.picture.devicePixelRatioF()
    assert pixmap.devicePixelRatio() == ratio  # 2.0 under QT_SCALE_FACTOR=2 (make test)
    assert pixmap.width() == round(view.picture.width() * ratio)


def test_view_menu_opens_the_depth_check_on_the_current_region(make_window):
    window = make_window(DATA)
    window.show_region("upper-back")
    depth_window = window.show_depth()
    assert depth_window.isVisible()
    assert depth_window.view.region_box.currentData() == "upper-back"
    depth_window.view.set_needle(25)
    assert window.needle_for_print() == 25
    depth_window.close()
    assert window.needle_for_print() is None
    assert window.commands.depth.shortcut().toString() == "Ctrl+D"


def test_the_open_depth_check_follows_the_region_shown(make_window):
    window = make_window(DATA)
    window.show_region("upper-back")
    view = window.show_depth().view
    window.show_region("neck")
    assert view.region_box.currentData() == "neck"
    window.show_region("gluteal")  # nothing to draw there: the depth check stays on the neck
    assert view.region_box.currentData() == "neck"


def test_a_chart_with_many_figures_is_printed_wider_not_cut_off(qapp):
    from PySide6.QtGui import QFont, QPainter

    from needleguide.drawing.depth_paint import min_width, paint_depth

    upper = depth.region_chart(DATA.region("upper-back"))
    many = depth.DepthChart("Many", upper.figures * 2)  # 12 figures, as a muscle list might be
    image = depth_image(many, 25, QSize(820, 430), scale=1.0)
    assert image.width() >= min_width(many, QFont())
    bounds: list[QRectF] = []
    painter = QPainter(image)
    try:
        paint_depth(painter, QRectF(0, 0, image.width(), image.height()), many, 25,
                    colours_for(QPalette()), bounds)
    finally:
        painter.end()
    inside = QRectF(0, 0, image.width(), image.height()).adjusted(-1, -1, 1, 1)
    assert bounds and all(inside.contains(r) for r in bounds)


def test_closing_the_main_window_closes_the_depth_check_and_study_mode(make_window):
    """Nothing of the app stays on screen once its window is closed."""
    window = make_window(DATA)
    window.show_region("neck")
    depth_window, study_window = window.show_depth(), window.show_study()
    assert window.companions.depth is depth_window and window.companions.study is study_window
    assert window.close()
    assert not depth_window.isVisible() and not study_window.isVisible()


def test_closing_the_depth_check_gives_the_keyboard_back_to_the_main_window(qtbot, make_window):
    """Without a window manager (kiosk, a bare X server) nothing else would, and the main
    window's shortcuts would stop working."""
    window = make_window(DATA)
    depth_window = window.show_depth()
    qtbot.waitUntil(depth_window.isActiveWindow)
    depth_window.close()
    qtbot.waitUntil(window.isActiveWindow)

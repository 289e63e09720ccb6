"""The card at a glance (issue 21): the summary strip, the jump bar, folding, the distances
table and the checklist read top to bottom, pinned to the shipped data."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from needleguide import paths
from needleguide.core.card import build_card, distance_rows, few_words
from needleguide.core.loader import load
from needleguide.core.model import Level, ReferenceData
from needleguide.core.safe_html import escape
from needleguide.drawing import pages

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def shipped() -> ReferenceData:
    return load(paths.default_data_file())


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def strip_links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every link in the glance strip (the first table of the page)."""
    table = html[html.index("<table"):html.index("</table>")]
    return re.findall(r'<a href="([^"]+)">([^<]*)</a>', table)


@pytest.mark.parametrize("region_id", ["neck", "upper-back", "chest", "gluteal", "forearm"])
def test_the_strip_names_every_danger_and_every_structure_at_risk(shipped, region_id):
    region = shipped.region(region_id)
    html = pages.region_page(shipped, region)
    links = strip_links(html)
    dangers = [c for c in region.cautions if c.level is Level.DANGER]
    danger_links = [(h, t) for h, t in links if h.startswith("entry:caution-")]
    assert [t for _, t in danger_links] == [escape(few_words(c.text)) for c in dangers]
    structure_links = {t for h, t in links if h.startswith("entry:structure-")}
    assert structure_links == {escape(s.structure.name) for s in region.structures}
    count = len(dangers)
    assert f"{count} danger{'s' if count != 1 else ''}" in plain(html)
    for href, _ in links:  # each a link to its entry on this card
        assert f'<a name="{href.removeprefix("entry:")}">' in html


def test_the_neck_strip_reads_its_dangers_in_a_few_words(shipped):
    words = [t for h, t in strip_links(pages.region_page(shipped, shipped.region("neck")))
             if h.startswith("entry:caution-")]
    assert words[:2] == ["Pneumothorax", "Spinal cord"]
    assert "Vertebral artery" in words
    assert all(len(w.split()) <= 8 for w in words)


def test_the_jump_bar_links_to_each_section_present(shipped):
    html = pages.region_page(shipped, shipped.region("neck"))
    for key in ("danger", "structures", "muscles", "cautions", "distances", "sources"):
        assert f'href="entry:section-{key}"' in html
        assert f'<a name="section-{key}">' in html


def test_a_folded_section_keeps_its_heading_and_hides_its_entries(shipped):
    region = shipped.region("neck")
    source = build_card(shipped, region).sources[0].citation
    open_text = plain(pages.region_page(shipped, region))
    folded = plain(pages.region_page(shipped, region, folded=frozenset({"sources"})))
    assert source in open_text and source not in folded
    assert "Sources" in folded and "folded" in folded
    # dangers cannot be folded away
    danger_text = region.cautions_by_severity[0].text
    assert danger_text in plain(pages.region_page(shipped, region,
                                                  folded=frozenset({"danger"})))


def test_distances_are_a_table_with_a_shared_sample_shown_once(shipped):
    region = shipped.region("upper-back")
    card = build_card(shipped, region)
    rows = distance_rows(region, card.numbers)
    assert len(rows) == len(region.distances)
    assert sum("n = 62, patients" in r.sample for r in rows) == 1
    assert rows[1].sample.startswith("as above") and rows[1].method == ""
    html = pages.region_page(shipped, region)
    text = plain(html)
    for header in ("Site", "Figure", "Sample", "Method", "Source"):
        assert header in text
    assert text.count("n = 62, patients") == 1
    assert text.count("1.2 \u00b1 0.2 cm") == 1


def test_the_checklist_starts_with_screening_and_keeps_the_data_order(shipped):
    assert shipped.safety[0].id == "screening"
    text = plain(pages.checklist_page(shipped))
    positions = [text.index(item.text) for section in shipped.safety
                 for item in section.items]
    assert positions == sorted(positions)
    titles = [text.index(section.title) for section in shipped.safety]
    assert titles == sorted(titles)


def test_no_checklist_item_leans_on_the_one_before_it(shipped):
    for section in shipped.safety:
        for item in section.items:
            assert not re.match(r"(the )?same\b", item.text, re.IGNORECASE), item.text


def test_a_folded_section_stays_folded_on_other_cards_and_next_time(make_window, ui_data):
    window = make_window(ui_data)
    window.show_region("gluteal")
    first_source = "A cadaver study of test regions"
    assert first_source in window.card_view.toPlainText()
    window.card_view.anchorClicked.emit(QUrl("fold:sources"))
    assert first_source not in window.card_view.toPlainText()
    window.show_region("neck")
    assert "folded)" in window.card_view.toPlainText()
    window.close()
    again = make_window(ui_data)
    again.show_region("gluteal")
    assert first_source not in again.card_view.toPlainText()
    again.card_view.anchorClicked.emit(QUrl("fold:sources"))
    assert first_source in again.card_view.toPlainText()


def test_a_jump_bar_link_scrolls_the_card_to_its_section(make_window, ui_data, qtbot):
    window = make_window(ui_data)
    window.resize(900, 400)
    window.show_region("gluteal")
    assert window.card_view.scroll_position() == 0
    window.card_view.anchorClicked.emit(QUrl("entry:section-sources"))
    assert window.card_view.scroll_position() > 0
    assert window.current_page == ("region", "gluteal")


def test_no_card_title_breaks_inside_a_word_at_the_minimum_window_size(make_window, qtbot):
    from needleguide.ui.card_first_layout import MIN_WINDOW

    window = make_window(load(paths.default_data_file()))
    window.resize(1, 1)  # as small as the user can make it
    assert (window.width(), window.height()) == MIN_WINDOW
    qtbot.waitUntil(lambda: window.card_view.viewport().width() > 0)
    for region in window.data.regions:
        window.show_region(region.id)
        document = window.card_view.document()
        document.setTextWidth(window.card_view.viewport().width())
        title = document.begin()
        assert title.text() == region.name
        layout = title.layout()
        for n in range(1, layout.lineCount()):
            start = layout.lineAt(n).textStart()
            assert title.text()[start - 1] == " ", (region.name, start)


def test_below_a_width_the_body_map_gives_way_to_a_button(window, qtbot):
    window.resize(1200, 700)
    assert window.body_map.isVisible() and not window.commands.map.isVisible()
    window.resize(900, 600)
    assert not window.body_map.isVisible()
    assert window.commands.map.isVisible()
    window.commands.map.trigger()
    assert window.body_map.isVisible()
    window.commands.map.trigger()
    assert not window.body_map.isVisible()
    window.resize(1200, 700)
    assert window.body_map.isVisible()


def test_empty_notes_take_one_line_until_clicked(window, qtbot):
    window.resize(1100, 700)
    window.show_region("gluteal")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.notes_pane.height() > 0)
    editor = window.notes_pane.editor
    line = editor.fontMetrics().lineSpacing()
    assert window.notes_folded()
    qtbot.waitUntil(lambda: editor.height() < 3 * line)
    editor.setFocus()
    qtbot.waitUntil(lambda: editor.height() >= 3 * line)
    qtbot.keyClicks(editor, "Check the sciatic nerve")
    window.card_view.setFocus()
    qtbot.waitUntil(lambda: not editor.hasFocus())
    assert not window.notes_folded()
    assert editor.height() >= 3 * line


def test_text_zoom_enlarges_the_card_and_is_kept(make_window, ui_data, qtbot):
    window = make_window(ui_data)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_region("gluteal")
    normal = window.card_view.font().pointSizeF()
    height = window.card_view.document().size().height()
    window.card_view.setFocus()
    qtbot.keyClick(window.card_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.card_view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.text_zoom() == 2
    assert window.card_view.font().pointSizeF() > normal
    qtbot.waitUntil(lambda: window.card_view.document().size().height() > height)
    window.close()
    again = make_window(ui_data)
    assert again.text_zoom() == 2
    assert again.card_view.font().pointSizeF() > normal
    again.set_text_zoom(0)
    assert again.card_view.font().pointSizeF() == pytest.approx(normal)


def test_a_dark_palette_chosen_in_the_view_menu_is_kept(make_window, ui_data, qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    window = make_window(ui_data)
    try:
        window.view_choices.palette_actions["dark"].trigger()
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        assert base.lightness() < 128
        window.show_region("gluteal")
        qtbot.waitUntil(lambda: window.card_view.theme().base == base.name())
        window.close()
        again = make_window(ui_data)
        assert again.view_choices.palette_choice() == "dark"
        again.view_choices.palette_actions["light"].trigger()
        assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() >= 128
    finally:
        from needleguide.ui import view_options
        view_options.apply_palette("system")


def test_after_an_export_the_notice_opens_the_file_or_its_folder(window, tmp_path,
                                                                 monkeypatch, dialogs):
    from needleguide.ui.collaborators import export_folder

    target = tmp_path / "out" / "gluteal.pdf"
    target.parent.mkdir()
    dialogs.answer_save(target)
    opened = []
    monkeypatch.setattr("needleguide.ui.export_notice.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    window.show_region("gluteal")
    assert window.documents.export_page_pdf() == target
    notice = window.documents.export_notice
    assert notice.isVisible() and "Open it" in notice.text()
    notice.linkActivated.emit("file")
    notice.linkActivated.emit("folder")
    assert opened == [str(target), str(target.parent)]
    # the next save dialog starts there
    assert export_folder(window.collaborators.settings()) == str(target.parent)


def test_file_menu_exports_the_whole_checklist(window, tmp_path, dialogs):
    target = tmp_path / "checklist.pdf"
    dialogs.answer_save(target)
    window.commands.export_checklist.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert window.documents.export_notice.isVisible()


def test_wrapped_search_results_keep_their_indent(make_window, qtbot, shipped):
    from PySide6.QtWidgets import QStyleOptionViewItem

    window = make_window(shipped)
    window.resize(900, 600)
    window.search_box.set_query("siatic")
    view = window.search_box.results
    qtbot.waitUntil(lambda: window.search_box.model.rowCount() > 2)
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    wrapped = 0
    for row in range(window.search_box.model.rowCount()):
        document = delegate.laid_out(option, window.search_box.model.index(row, 0), 200)
        document.size()  # lays it out
        explanation = document.begin().next()
        if not explanation.isValid():
            continue
        layout = explanation.layout()
        indent = explanation.blockFormat().leftMargin()
        assert indent > 0
        for n in range(layout.lineCount()):
            assert layout.lineAt(n).x() >= indent - 0.5
        wrapped += layout.lineCount() > 1
    assert wrapped  # some explanation did wrap at this width


def test_the_search_placeholder_fits_its_box(window):
    edit = window.search_box.edit
    window.resize(640, 480)
    room = edit.width() - edit.height() - 8  # the frame and the clear button
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room


def test_every_toolbar_action_has_an_icon(window, qtbot):
    window.show()  # the style's icons arrive after the first paint
    qtbot.waitUntil(window.start_finished)
    for action in window.commands.toolbar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.text()
    assert not window.commands.map.icon().pixmap(16, 16).isNull()


def test_on_a_wide_screen_the_card_lines_stay_readable(window, qtbot):
    from needleguide.ui.card_view import MAX_LINE_CHARS

    window.resize(1900, 900)
    window.show_region("gluteal")
    view = window.card_view
    qtbot.waitUntil(lambda: view.viewport().width() > 1000)
    frame = view.document().rootFrame().frameFormat()
    text_width = view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert text_width <= view.fontMetrics().averageCharWidth() * MAX_LINE_CHARS
    window.resize(900, 600)  # narrower than the limit: the whole width is used
    qtbot.waitUntil(lambda: view.document().rootFrame().frameFormat().leftMargin() == 0)
    window.show_region("neck")  # a page laid out for the first time gets the limit too
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: view.document().rootFrame().frameFormat().leftMargin() > 0)


def test_a_search_result_in_a_folded_section_unfolds_it_and_is_marked(make_window, shipped):
    window = make_window(shipped)
    window.show_region("neck")
    window.card_view.anchorClicked.emit(QUrl("fold:muscles"))
    assert "muscles" in window.folded_sections()
    window.show_region("gluteal")  # from another page
    assert window.open_result("region", "neck", "muscle-0")
    assert window.card_view.marked_anchor() == "muscle-0"
    assert "muscles" not in window.folded_sections()
    window.card_view.anchorClicked.emit(QUrl("fold:muscles"))  # on the page shown
    assert window.open_result("region", "neck", "muscle-0")
    assert window.card_view.marked_anchor() == "muscle-0"

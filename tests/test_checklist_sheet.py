"""The printed checklist prints its items (issue 21): every item of the shipped checklist,
in the data's order with a box to tick, on as many pages as it takes; and the one-page
region sheet never prints section titles with empty boxes."""

from __future__ import annotations

import pytest

from needleguide import checklist_sheet, paths, sheet
from needleguide.core.loader import load
from tests.test_export import PRINTED, pdf_info, pdf_text, pytestmark, run_cli  # noqa: F401


@pytest.fixture(scope="module")
def shipped():
    return load(paths.default_data_file())


def test_the_printed_checklist_has_every_item_in_order(qapp, tmp_path, shipped):
    out = tmp_path / "checklist.pdf"
    pages = checklist_sheet.write_checklist_pdf(shipped, out, printed=PRINTED)
    assert pages > 1 and pdf_info(out)["Pages"] == str(pages)
    text = pdf_text(out)
    positions = [text.index(" ".join(item.text.split()[:8]))
                 for section in shipped.safety for item in section.items]
    assert positions == sorted(positions)
    assert text.count("\u2610") >= sum(len(s.items) for s in shipped.safety)
    assert text.index("screening") < text.index(shipped.safety[-1].title)


def test_the_checklist_exports_from_the_command_line(tmp_path):
    out = tmp_path / "c.pdf"
    result = run_cli("export", "checklist", "-o", str(out), "--page-size", "letter")
    assert result.returncode == 0, result.stderr
    assert "general checklist" in result.stdout
    assert "Before you needle: screening" in pdf_text(out)


def test_a_tight_region_sheet_points_to_the_checklist_instead_of_empty_boxes(qapp, shipped):
    html = sheet.build_sheet_html(shipped, shipped.region("neck"), printed=PRINTED,
                                  style=sheet.Style(checklist=sheet.CHECKLIST_TITLES))
    assert "Print the checklist" in html
    assert "&#9744;" not in html  # no box to tick beside titles whose items are not printed


def test_the_sheet_checklist_puts_each_item_on_its_own_line(qapp, shipped):
    html = sheet.build_sheet_html(shipped, shipped.region("gluteal"), printed=PRINTED,
                                  style=sheet.Style(checklist=sheet.CHECKLIST_FULL))
    wanted = [i for s in shipped.safety for i in s.items if i.level.value != "info"]
    assert html.count("&#9744;") == len(wanted)


def test_no_line_of_the_checklist_is_cut_between_two_pages(qapp, shipped, tmp_path):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc = sheet.page_document(writer, rect.width())
    doc.setHtml(checklist_sheet.build_checklist_html(shipped, PRINTED,
                                                     float(writer.logicalDpiY())))
    slices = checklist_sheet.page_slices(doc, rect.height())
    assert len(slices) > 1
    assert all(bottom - top <= rect.height() + 0.5 for top, bottom in slices)
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n).rect().translated(layout.position())
            assert any(top - 0.5 <= line.top() and line.bottom() <= bottom + 0.5
                       for top, bottom in slices), block.text()[:60]
        block = block.next()

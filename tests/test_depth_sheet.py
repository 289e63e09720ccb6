"""The depth check on paper (issue 22): with a needle length, the sheet adds a page with the
depth picture and the same sentences as the app; without one it stays one page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from needleguide import depth_sheet, paths, sheet
from needleguide.core import depth
from needleguide.core.loader import load
from tests.test_export import PRINTED, headless_env, pdf_info, pdf_text, run_cli

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils (pdftotext, pdfinfo): run scripts/system-deps.sh")

DATA = load(paths.default_data_file())


def test_a_chosen_needle_adds_the_depth_page_with_the_sources_counts(qapp, tmp_path: Path):
    out = tmp_path / "neck.pdf"
    fit = sheet.write_pdf(DATA, DATA.region("neck"), out, printed=PRINTED, needle=40)
    assert fit.pages == 2 and pdf_info(out)["Pages"] == "2"
    text = pdf_text(out)
    page2 = text[text.index("Neck: depth check, needle 40 mm"):]
    assert "40 mm: potentially reached the pleural space in 1 of 15 elderly cadavers" in page2
    for finding in depth.needle_check(depth.region_chart(DATA.region("neck")), 40):
        assert " ".join(finding.text.split()) in page2
    assert "never a safe depth" in page2


def test_without_a_needle_or_without_figures_the_sheet_stays_one_page(qapp, tmp_path: Path):
    out = tmp_path / "neck.pdf"
    assert sheet.write_pdf(DATA, DATA.region("neck"), out, printed=PRINTED).pages == 1
    assert "depth check" not in pdf_text(out)
    gluteal = tmp_path / "gluteal.pdf"  # no reported depth with numbers there
    assert sheet.write_pdf(DATA, DATA.region("gluteal"), gluteal, needle=40).pages == 1


def test_the_page_escapes_data_text():
    html = depth_sheet.depth_page_html(DATA, DATA.region("upper-back"), 25, PRINTED)
    assert "<script" not in html and "± 0.4 cm" in html
    assert html.count("&bull;") == len(depth.region_chart(DATA.region("upper-back")).figures)


def test_export_with_needle_on_the_command_line(tmp_path: Path):
    out = tmp_path / "ub.pdf"
    result = run_cli("export", "upper back", "-o", str(out), "--needle", "25",
                     env=headless_env())
    assert result.returncode == 0, result.stderr
    assert pdf_info(out)["Pages"] == "2"
    assert "25 mm lies within the reported skin-to-rib distance in the BMI under 23 group" \
        in pdf_text(out)

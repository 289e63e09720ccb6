"""The printed sheet and `needleguide export`: one real-text PDF page per region, written
atomically, with the facts, their numbered sources, the data version and the date printed."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from needleguide import paths, sheet
from needleguide.core.loader import load
from tests.conftest import MINIMAL

PRINTED = dt.date(2026, 3, 4)
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils (pdftotext, pdfinfo): run scripts/system-deps.sh")


def pdf_text(path: Path) -> str:
    """The PDF's extracted text with whitespace collapsed (lines wrap anywhere)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "needleguide", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def headless_env() -> dict[str, str]:
    """No display and no QT_QPA_PLATFORM: export must pick offscreen itself."""
    return {k: v for k, v in os.environ.items()
            if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}


@pytest.fixture
def minimal():
    return load(MINIMAL)


def test_sheet_is_one_page_of_real_text_with_facts_sources_version_and_date(
        qapp, tmp_path, minimal):
    out = tmp_path / "upper.pdf"
    fit = sheet.write_pdf(minimal, minimal.region("upper-test"), out, page_size="a4",
                          printed=PRINTED)
    assert fit.pages == 1
    assert out.read_bytes().startswith(b"%PDF")
    assert pdf_info(out)["Pages"] == "1"
    text = pdf_text(out)
    for expected in ("Upper test", "Test nerve", "Runs under the test muscle.", "Test lung",
                     "DANGER", "A danger note.", "Skin to rib", "2.1 ± 0.4 cm",
                     "n = 62, adults", "ultrasound, prone", "Screening", "Screen first.",
                     "[1] Doe J. A guideline. Journal of Tests", "data test-1",
                     "printed 2026-03-04"):
        assert expected in text, expected
    assert text.index("A danger note.") < text.index("Test nerve") < text.index("[1] Doe J")


def test_warnings_are_marked_in_words_not_colour_alone(qapp, tmp_path, minimal):
    out = tmp_path / "lower.pdf"
    sheet.write_pdf(minimal, minimal.region("lower-test"), out, printed=PRINTED)
    assert "WARNING A warning note. [1]" in pdf_text(out)


def test_html_in_data_and_notes_is_printed_literally(qapp, tmp_path, write, minimal_text):
    hostile = '<b>bold</b> & <img src="file:///etc/passwd"> <a href="x">link</a>'
    data = load(write(minimal_text.replace("Runs under the test muscle.", f"'{hostile}'")))
    html = sheet.build_sheet_html(data, data.region("upper-test"), notes="<i>mine</i>",
                                  printed=PRINTED)
    assert "<b>bold</b>" not in html and "<img" not in html and "<i>mine" not in html
    out = tmp_path / "hostile.pdf"
    sheet.write_pdf(data, data.region("upper-test"), out, notes="<i>mine</i> & co",
                    printed=PRINTED)
    text = pdf_text(out)
    assert hostile in text
    assert "<i>mine</i> & co" in text


def test_notes_are_printed_only_when_given(qapp, tmp_path, minimal):
    region = minimal.region("upper-test")
    without, with_notes = tmp_path / "a.pdf", tmp_path / "b.pdf"
    sheet.write_pdf(minimal, region, without, printed=PRINTED)
    sheet.write_pdf(minimal, region, with_notes, notes="Patient prefers prone.\nUse 30 mm.",
                    printed=PRINTED)
    assert "Your notes" not in pdf_text(without)
    assert "Your notes Patient prefers prone. Use 30 mm." in pdf_text(with_notes)


def test_long_notes_shrink_the_type_but_never_below_the_minimum(qapp, tmp_path, minimal):
    out = tmp_path / "long.pdf"
    fit = sheet.write_pdf(minimal, minimal.region("upper-test"), out,
                          notes="A long note line. " * 400, printed=PRINTED)
    assert fit.style.body_pt >= sheet.MIN_PT
    assert pdf_info(out)["Pages"] == str(fit.pages)  # nothing is cut: it continues instead


@pytest.mark.timeout(60)  # it took 61 s: Qt breaks one unbroken word in quadratic time
def test_a_one_word_megabyte_note_exports_promptly_on_a_bounded_sheet(qapp, tmp_path,
                                                                       minimal):
    out = tmp_path / "word.pdf"
    fit = sheet.write_pdf(minimal, minimal.region("upper-test"), out, notes="x" * 1_000_000,
                          printed=PRINTED)
    assert fit.pages <= 8
    text = pdf_text(out)
    assert "Test nerve" in text  # the facts are still there, before the notes
    assert f"{1_000_000 - sheet.MAX_NOTES_CHARS:,} more characters of this note are not " \
           "printed" in text


def test_printed_notes_keep_their_words_and_break_only_very_long_ones():
    assert sheet.printable_notes("  Use 30 mm.\nProne.  ") == "Use 30 mm.\nProne."
    url = "https://example.org/" + "a" * 30  # 50 characters: left alone
    assert sheet.printable_notes(url) == url
    broken = sheet.printable_notes("y" * 150)
    assert broken.split("\u200b") == ["y" * 60, "y" * 60, "y" * 30]


@pytest.mark.parametrize(("language", "territory", "expected"), [
    (QLocale.Language.English, QLocale.Country.UnitedStates, "letter"),
    (QLocale.Language.French, QLocale.Country.Canada, "letter"),
    (QLocale.Language.Spanish, QLocale.Country.Mexico, "letter"),
    (QLocale.Language.English, QLocale.Country.UnitedKingdom, "a4"),
    (QLocale.Language.German, QLocale.Country.Germany, "a4"),
    (QLocale.Language.English, QLocale.Country.Australia, "a4"),
])
def test_paper_size_follows_the_locale(language, territory, expected):
    assert sheet.default_page_size(QLocale(language, territory)) == expected


def test_letter_pages_are_letter_sized(qapp, tmp_path, minimal):
    out = tmp_path / "letter.pdf"
    sheet.write_pdf(minimal, minimal.region("upper-test"), out, page_size="letter")
    assert pdf_info(out)["Page size"].startswith("612 x 792 pts")


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_partial_file(
        qapp, tmp_path, minimal, monkeypatch):
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"the previous sheet")

    def fail(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sheet, "paint_sheet", fail)
    with pytest.raises(sheet.SheetError, match=rf"cannot write {re.escape(str(out))}: .*disk"):
        sheet.write_pdf(minimal, minimal.region("upper-test"), out)
    assert out.read_bytes() == b"the previous sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_an_unwritable_target_is_a_clear_error(qapp, tmp_path, minimal):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    with pytest.raises(sheet.SheetError, match="cannot write .*file.txt/out.pdf: .*not a folder"):
        sheet.write_pdf(minimal, minimal.region("upper-test"), blocker / "out.pdf")
    with pytest.raises(sheet.SheetError, match="it is a folder"):
        sheet.write_pdf(minimal, minimal.region("upper-test"), tmp_path)


# -- the command line ----------------------------------------------------------------------

def test_export_writes_one_page_headless_without_qt_platform_set(tmp_path):
    out = tmp_path / "sheet.pdf"
    result = run_cli("--data", str(MINIMAL), "export", "top", "-o", str(out),
                     "--page-size", "a4", env=headless_env())
    assert result.returncode == 0, result.stderr
    assert f"wrote {out} (Upper test, A4, 1 page)" in result.stdout
    assert out.read_bytes().startswith(b"%PDF")
    assert pdf_info(out)["Pages"] == "1"
    assert "Test nerve" in pdf_text(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_export_of_an_unknown_region_exits_2_listing_the_valid_ones(tmp_path):
    result = run_cli("--data", str(MINIMAL), "export", "elbow", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "unknown region 'elbow'. Valid regions: upper-test, lower-test" in result.stderr
    assert not list(tmp_path.iterdir())


def test_export_to_an_unwritable_path_exits_2_with_a_located_message(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    target = blocker / "sheet.pdf"
    result = run_cli("--data", str(MINIMAL), "export", "upper-test", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.startswith(f"needleguide: cannot write {target}: ")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_export_with_invalid_data_exits_1(tmp_path, write):
    bad = write("version: [\n")
    result = run_cli("--data", str(bad), "export", "upper-test", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_export_usage_errors_exit_2(tmp_path):
    assert run_cli("--data", str(MINIMAL), "export", "upper-test").returncode == 2  # no -o
    assert run_cli("--data", str(MINIMAL), "export", "upper-test", "-o", str(tmp_path / "x"),
                   "--page-size", "a3").returncode == 2


# -- the shipped data ------------------------------------------------------------------------

SHIPPED = paths.default_data_file()


@pytest.mark.skipif(not SHIPPED.is_file(), reason="data/regions.yaml is not there yet")
@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_every_shipped_region_fits_one_page(qapp, tmp_path, page_size):
    data = load(SHIPPED)
    for region in data.regions:
        out = tmp_path / f"{region.id}.pdf"
        fit = sheet.write_pdf(data, region, out, page_size=page_size)
        assert fit.pages == 1, f"{region.id} needs {fit.pages} {page_size} pages"
        assert fit.style.body_pt >= sheet.MIN_PT
        assert pdf_info(out)["Pages"] == "1", region.id


AFTER = """after_events:
  - id: broken-needle
    title: Broken needle
    items:
      - text: Keep the patient still.
        sources: [GUIDE1]
        level: danger
      - text: An info line.
        sources: [GUIDE1]
"""


def test_the_sheet_prints_what_to_do_if_something_goes_wrong(qapp, tmp_path, write,
                                                           minimal_text):
    data = load(write(minimal_text + AFTER))
    region = data.region("upper-test")
    full = sheet.build_sheet_html(data, region, printed=PRINTED)
    assert "If something goes wrong" in full and "Keep the patient still." in full
    assert "An info line." not in full  # danger items only on paper
    tight = sheet.build_sheet_html(data, region, printed=PRINTED,
                                   style=sheet.Style(checklist=sheet.CHECKLIST_TITLES))
    assert "Broken needle" in tight and "Keep the patient still." not in tight
    assert "Something went wrong" in tight
    out = tmp_path / "after.pdf"
    sheet.write_pdf(data, region, out, printed=PRINTED)
    assert "Broken needle" in pdf_text(out)

"""The needle-length check (issue 22): what the app, the sheet and ``needleguide depth`` say
for a needle length, generated from the shipped data."""

from __future__ import annotations

import re

import pytest

from needleguide import paths
from needleguide.core import depth
from needleguide.core.loader import load
from needleguide.core.model import Distance, Figures, Sample

DATA = load(paths.default_data_file())
CHARTS = [depth.region_chart(r) for r in depth.regions_with_figures(DATA)]
LENGTHS = list(depth.COMMON_LENGTHS) + [7, 35, 45, 100, 150]


def test_every_needle_count_shown_is_the_sources_count_in_the_data():
    counted = 0
    for region in DATA.regions:
        for distance in region.distances:
            if distance.numbers is None or not distance.numbers.needles:
                continue
            figure = depth.figure_of(distance)
            assert figure is not None
            for count in distance.numbers.needles:
                length = depth.mm(count.length)
                # the count as the figure text (the card) states it ...
                assert f"{length} mm: {count.reached} of {count.of}" in distance.figure
                # ... is exactly what the check says for that needle length
                finding = depth.check(figure, count.length)
                assert finding.where == "counted"
                assert f"{length} mm: {distance.numbers.outcome} in {count.reached} of " \
                       f"{count.of} {distance.sample.who}" in finding.text
                counted += 1
    assert counted >= 4  # the upper trapezius cadaver counts, at least


def test_a_40_mm_needle_on_the_upper_trapezius_says_1_of_15_elderly_cadavers():
    neck = depth.region_chart(DATA.region("neck"))
    texts = [f.text for f in depth.needle_check(neck, 40)]
    assert any(t.startswith("40 mm: potentially reached the pleural space in 1 of 15 elderly "
                            "cadavers") for t in texts), texts


def test_an_untested_length_is_never_given_a_count_of_its_own():
    neck = depth.region_chart(DATA.region("neck"))
    trapezius = next(f for f in neck.figures if f.needles)
    finding = depth.check(trapezius, 45)
    assert finding.where == "not tested"
    assert "45 mm was not tested" in finding.text
    assert "40 mm potentially reached the pleural space in 1 of 15" in finding.text
    assert "50 mm in 4 of 15" in finding.text


@pytest.mark.parametrize("needle", LENGTHS)
def test_every_sentence_names_its_sample_and_never_says_safe(needle):
    for chart in CHARTS:
        for finding in depth.needle_check(chart, needle):
            sample = finding.figure.sample
            assert sample.who in finding.text
            assert re.search(r"\bsafe(ly|ty)?\b", finding.text, re.IGNORECASE) is None
            if not finding.figure.needles:
                assert f"n = {sample.n}" in finding.text


def test_where_a_tip_lies_against_a_mean_and_sd():
    upper = depth.region_chart(DATA.region("upper-back"))
    rib = next(f for f in upper.figures if f.reaches == "rib" and f.subgroup == "BMI under 23")
    assert (rib.low, rib.mean, rib.high) == pytest.approx((17, 21, 25))  # 2.1 ± 0.4 cm
    assert [depth.check(rib, n).where for n in (15, 17, 25, 26)] == \
        ["short of", "within", "within", "past"]


def test_a_distance_without_numbers_is_not_drawn():
    plain = Distance("Skin to rib", "about 2 cm", Sample(10, "adults", "ultrasound"), ("X",))
    chart = depth.chart("Test", [plain])
    assert chart.figures == () and chart.text_only == (plain,)


def test_every_distance_left_as_text_is_explained_in_open_items():
    """Issue 22: every distance with numbers is drawn; the ones that are not a depth from the
    skin (a position, a change, a needle path) are listed with the reason in OPEN-ITEMS."""
    items = (paths.default_data_file().parent / "OPEN-ITEMS.md").read_text(encoding="utf-8")
    section = items.split("## Reported distances not drawn", 1)[1]
    for chart in (depth.region_chart(r) for r in DATA.regions):
        for distance in chart.text_only:
            assert distance.what in section, distance.what


def test_the_text_alternative_has_one_row_per_figure_with_its_sample_and_check():
    for chart in CHARTS:
        rows = depth.table_rows(chart, 40)
        assert len(rows) == len(chart.figures)
        for row, figure in zip(rows, chart.figures):
            assert row[0] == figure.what and row[1] == figure.reaches
            assert row[4] == figure.sample.describe()
            assert row[5] == depth.check(figure, 40).text


def test_a_distance_without_a_sample_is_never_drawn():
    """The loader refuses it (tests/core/test_depth_figures.py); and were one built in code,
    the picture still leaves it out rather than draw a number without its sample."""
    numbers = Figures("rib", "cm", value=2.1, is_mean=True, sd=0.4)
    orphan = Distance("Skin to rib", "2.1 ± 0.4 cm", None, ("X",), numbers)  # type: ignore[arg-type]
    assert depth.figure_of(orphan) is None
    assert depth.chart("Test", [orphan]).figures == ()

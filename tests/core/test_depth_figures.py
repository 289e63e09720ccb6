"""Numbers of reported distances (issue 22): the loader refuses a number without its unit or
its sample, or one the figure text does not say, each with a located error."""

from __future__ import annotations

import pytest

from needleguide.core.errors import DataError
from needleguide.core.loader import load_text

DISTANCE = """      - what: Skin to rib
        figure: "2.1 ± 0.4 cm"
        sample: {n: 62, who: adults, method: ultrasound, position: prone}
        sources: [GUIDE1]
"""


def with_numbers(minimal_text: str, numbers: str, figure: str = "2.1 ± 0.4 cm",
                 sample: str = "        sample: {n: 62, who: adults, method: ultrasound, "
                               "position: prone}\n") -> str:
    assert DISTANCE in minimal_text
    block = (f"      - what: Skin to rib\n        figure: \"{figure}\"\n{sample}"
             f"        numbers:\n{numbers}        sources: [GUIDE1]\n")
    return minimal_text.replace(DISTANCE, block)


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        load_text(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_mean_with_sd_and_unit_loads(minimal_text):
    text = with_numbers(minimal_text, "          reaches: rib\n          subgroup: BMI under 23\n"
                                      "          unit: cm\n          mean: \"2.1\"\n"
                                      "          sd: \"0.4\"\n")
    numbers = load_text(text).region("upper-test").distances[0].numbers
    assert numbers is not None
    assert (numbers.reaches, numbers.unit, numbers.value, numbers.sd, numbers.is_mean) == \
        ("rib", "cm", 2.1, 0.4, True)


def test_a_number_without_a_unit_is_refused_where_it_is(minimal_text):
    text = with_numbers(minimal_text, "          reaches: rib\n          mean: \"2.1\"\n")
    line = line_of(text, 'mean: "2.1"')
    assert any(p.startswith(f"f.yaml:{line}:17: a number without a unit") for p in
               problems(text)), problems(text)


def test_a_distance_with_numbers_but_no_sample_is_refused(minimal_text):
    text = with_numbers(minimal_text, "          reaches: rib\n          unit: cm\n"
                                      "          mean: \"2.1\"\n", sample="")
    found = problems(text)
    assert any("missing the required field 'sample'" in p for p in found), found
    assert any("a number without its sample is never drawn" in p for p in found), found


def test_a_number_the_figure_does_not_say_is_refused(minimal_text):
    text = with_numbers(minimal_text, "          reaches: rib\n          unit: cm\n"
                                      "          mean: \"1.2\"\n          sd: \"0.4\"\n")
    line = line_of(text, 'mean: "1.2"')
    assert any(p.startswith(f"f.yaml:{line}:17: mean 1.2 of the numbers") and
               "not in its figure text" in p for p in problems(text))


def test_a_needle_count_must_match_the_figure_and_the_sample(minimal_text):
    counts = ("          reaches: pleural space\n          unit: mm\n"
              "          outcome: reached the pleural space\n          needles:\n"
              "            - {length: \"40\", reached: 1, of: 15}\n"
              "            - {length: \"50\", reached: 5, of: 15}\n"
              "            - {length: \"60\", reached: 6, of: 70}\n")
    figure = "40 mm: 1 of 15; 50 mm: 4 of 15; 60 mm: 6 of 70"
    found = problems(with_numbers(minimal_text, counts, figure))
    assert any("'50 mm: 5 of 15'" in p and "not in its figure text" in p for p in found)
    assert any("6 of 70" in p and "more than the sample (n = 62)" in p for p in found)
    assert not any("'40 mm: 1 of 15'" in p for p in found)


def test_needle_counts_need_an_outcome_and_no_more_reached_than_counted(minimal_text):
    counts = ("          reaches: pleural space\n          unit: mm\n          needles:\n"
              "            - {length: \"40\", reached: 16, of: 15}\n")
    found = problems(with_numbers(minimal_text, counts, "40 mm: 16 of 15"))
    assert any("need an outcome" in p for p in found)
    assert any("reached is more than of" in p for p in found)


def test_numbers_must_say_something_and_a_unit_must_be_mm_or_cm(minimal_text):
    assert any("give no number" in p for p in problems(
        with_numbers(minimal_text, "          reaches: rib\n          unit: cm\n")))
    assert any("must be mm or cm" in p for p in problems(
        with_numbers(minimal_text, "          reaches: rib\n          unit: inch\n"
                                   "          value: \"2.1\"\n")))


def test_a_distance_without_numbers_stays_text_only(minimal_text):
    assert load_text(minimal_text).region("upper-test").distances[0].numbers is None

"""The body-map figures as data: the shipped SVGs parse, every shape has a point inside it and
in no other shape, bad SVGs fail with located errors, and the data and the map agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from needleguide import paths
from needleguide.core.bodymap import (MAP_FILES, interior_point, load_maps, map_problems,
                                      parse_map, point_in_polygon, shipped_map_files)
from needleguide.core.errors import DataError
from needleguide.core.loader import load_text
from needleguide.core.model import View

SHIPPED = shipped_map_files(paths.resources_dir())
REGIONS = {"neck": "back", "upper-back": "back", "shoulder": "back", "lower-back": "back",
           "gluteal": "back", "calf-foot": "back", "forearm": "front", "chest": "front",
           "head": "front"}


def data_with_regions(minimal_text: str, regions: dict[str, str]):
    """The minimal data file with its two test regions replaced by ``regions`` (id -> view)."""
    head, _, _ = minimal_text.partition("regions:\n")
    body = "".join(
        f"  - id: {rid}\n    name: {rid.replace('-', ' ').capitalize()}\n    view: {view}\n"
        "    muscles: [{name: M, sources: [GUIDE1]}]\n"
        "    structures: [{structure: test-nerve, relation: R., sources: [GUIDE1]}]\n"
        "    conditions: [{condition: test-syndrome, note: N., sources: [GUIDE1]}]\n"
        "    cautions: [{level: info, text: T., sources: [GUIDE1, BLOG1]}]\n"
        for rid, view in regions.items())
    text = head + "regions:\n" + body
    return text, load_text(text, "regions.yaml")


SVG = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" data-view="front">
  <g id="figure"><circle cx="50" cy="50" r="40"/></g>
  <g id="regions">
    {shapes}
  </g>
</svg>
"""


def svg(shapes: str, **replace: str) -> bytes:
    text = SVG.format(shapes=shapes)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text.encode()


def test_shipped_figures_parse_with_one_figure_per_view():
    maps = load_maps(SHIPPED)
    assert set(maps) == {View.FRONT, View.BACK}
    assert [Path(m.file).name for m in maps.values()] == list(MAP_FILES)


def test_every_shipped_shape_has_an_interior_point_in_it_and_in_no_other_shape():
    for figure in load_maps(SHIPPED).values():
        for shape in figure.shapes:
            point = shape.interior_point()
            assert shape.contains(point), shape.id
            others = [s.id for s in figure.shapes if s is not shape and s.contains(point)]
            assert others == [], (shape.id, others)
            assert figure.shape_at(point) is shape


def test_shipped_map_has_the_final_regions_on_their_home_views():
    maps = load_maps(SHIPPED)
    for region, view in REGIONS.items():
        assert region in maps[View(view)].regions(), region
    assert set().union(*(m.regions() for m in maps.values())) == set(REGIONS)


def test_paired_regions_have_a_right_and_a_left_shape():
    back = load_maps(SHIPPED)[View.BACK]
    ids = {s.id for s in back.shapes}
    for region in ("gluteal", "shoulder", "calf-foot", "forearm"):
        assert {f"{region}--right", f"{region}--left"} <= ids


def test_patient_right_is_on_the_viewer_left_of_the_front_figure_and_right_of_the_back():
    maps = load_maps(SHIPPED)
    for view, right_is_viewer_left in ((View.FRONT, True), (View.BACK, False)):
        figure = maps[view]
        middle = figure.view_box[0] + figure.view_box[2] / 2
        for shape in figure.shapes:
            x = shape.interior_point()[0]
            if shape.side == "right":
                assert (x < middle) == right_is_viewer_left, shape.id
            if shape.side == "left":
                assert (x > middle) == right_is_viewer_left, shape.id


def test_figure_svg_hides_the_regions_and_sets_the_ink_colour():
    figure = load_maps(SHIPPED)[View.BACK]
    text = figure.figure_svg("#abcdef").decode()
    assert '<g display="none" id="regions"' in text
    assert text.count('color="#abcdef"') == 1
    parse_map(figure.figure_svg("#abcdef").replace(b' color="#abcdef"', b""))  # still valid


def test_a_path_with_curves_is_flattened_and_contains_its_interior_point():
    figure = parse_map(svg('<path id="neck" d="M10,10 C40,0 60,0 90,10 Q95,50 90,90 L10,90 Z"/>'
                           '<polygon id="chest--right" points="1,1 5,1 5,5"/>'))
    neck, chest = figure.shapes
    assert (neck.region, chest.region, chest.side) == ("neck", "chest", "right")
    assert len(neck.outline) > 40
    assert neck.contains(neck.interior_point())
    assert not neck.contains((95, 95))


def test_interior_point_of_a_concave_outline_is_inside_it():
    u_shape = [(0, 0), (10, 0), (10, 10), (8, 10), (8, 2), (2, 2), (2, 10), (0, 10)]
    assert point_in_polygon(interior_point(u_shape), u_shape)


@pytest.mark.parametrize("shapes, replace, message", [
    ('<path id="neck" d="m10,10 l5,5 l0,5 z"/>', {}, "path command 'm' is relative"),
    ('<path id="neck" d="M10,10 A5,5 0 0 1 20,20 Z"/>', {}, "path command 'A' is unsupported"),
    ('<path id="neck" d="M1,1 L5,5 L1,5 Z M20,20 L30,30 L20,30 Z"/>', {}, "continues after Z"),
    ('<path id="neck" d="M1,1 L5,5 L1,5 Z" transform="scale(2)"/>', {}, "has a transform"),
    ('<path id="neck" d="M1,1 L5,5 L1,5 Z"/>', {'<g id="regions">':
                                              '<g id="regions" transform="translate(1,1)">'},
     "must have no transform"),
    ('<rect id="neck" x="1" y="1" width="5" height="5"/>', {}, "<rect> in the regions group"),
    ('<path id="Neck" d="M1,1 L5,5 L1,5 Z"/>', {}, "region shape id 'Neck'"),
    ('<polygon id="neck" points="1,1 5,5"/>', {}, "at least three x,y pairs"),
    ('<polygon id="neck" points="1,1 2,2 3,3"/>', {}, "encloses no area"),
    ('<path id="neck" d="M1,1 L5,5 L1,5 Z"/><path id="neck" d="M1,1 L5,5 L1,5 Z"/>', {},
     "duplicate id 'neck'"),
    ('<path id="neck" d="M1,1 L5,5 L1,5 Z"/>', {'data-view="front"': 'data-view="side"'},
     'data-view="front" or "back"'),
])
def test_bad_shapes_are_rejected_with_the_line_of_the_element(shapes, replace, message):
    with pytest.raises(DataError) as caught:
        parse_map(svg(shapes, **replace), "map.svg")
    problem = caught.value.first
    assert message in problem.message
    assert problem.file == "map.svg"
    assert problem.line in (2, 4, 5), problem


def test_a_doctype_is_rejected_before_any_entity_expands():
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            b'<svg viewBox="0 0 1 1" data-view="front"><title>&b;</title></svg>')
    with pytest.raises(DataError) as caught:
        parse_map(bomb, "bomb.svg")
    assert caught.value.first.line == 2
    assert "DOCTYPE is not allowed" in caught.value.first.message


def test_malformed_xml_is_a_located_error():
    with pytest.raises(DataError) as caught:
        parse_map(b'<svg viewBox="0 0 1 1" data-view="front">\n<g id="regions">\n</svg>', "x.svg")
    assert (caught.value.first.line, "not well-formed") == (3, "not well-formed")
    assert "not well-formed" in caught.value.first.message


def test_shipped_map_and_the_final_regions_agree(minimal_text):
    _, data = data_with_regions(minimal_text, REGIONS)
    assert map_problems(data, SHIPPED) == []


def test_a_region_without_a_shape_is_reported_at_its_id_in_the_data(minimal_text):
    text, data = data_with_regions(minimal_text, {**REGIONS, "knee": "front"})
    problems = map_problems(data, SHIPPED)
    assert len(problems) == 1
    line = text.splitlines().index("  - id: knee") + 1
    assert (problems[0].file, problems[0].line, problems[0].col) == ("regions.yaml", line, 9)
    assert "region 'knee' has no shape on the body map" in problems[0].message


def test_a_region_only_on_the_other_figure_is_reported(minimal_text):
    _, data = data_with_regions(minimal_text, {**REGIONS, "chest": "back"})
    [problem] = map_problems(data, SHIPPED)
    assert "region 'chest' has view: back but no shape in" in problem.message


def test_a_shape_without_a_region_is_reported_at_its_element_in_the_svg(minimal_text, tmp_path):
    regions = {k: v for k, v in REGIONS.items() if k != "gluteal"}
    _, data = data_with_regions(minimal_text, regions)
    copies = []
    for source in SHIPPED:
        copy = tmp_path / Path(source).name
        copy.write_bytes(Path(source).read_bytes())
        copies.append(str(copy))
    problems = map_problems(data, copies)
    back_lines = Path(copies[1]).read_text(encoding="utf-8").splitlines()
    expected = {(copies[1], n + 1, line.index("<path") + 1) for n, line in
                enumerate(back_lines) if 'id="gluteal--' in line}
    assert {(p.file, p.line, p.col) for p in problems} == expected
    assert len(expected) == 2
    assert all("belongs to region 'gluteal', which is not in regions.yaml" in p.message
               for p in problems)


def test_an_invalid_svg_is_a_located_problem_not_an_exception(minimal_text, tmp_path):
    _, data = data_with_regions(minimal_text, REGIONS)
    broken = tmp_path / "body-front.svg"
    broken.write_text('<svg viewBox="0 0 1 1" data-view="front">\n  <g id="regions">\n'
                      '    <path id="chest" d="M1,1 h5 Z"/>\n  </g>\n</svg>\n', encoding="utf-8")
    problems = map_problems(data, [str(broken), SHIPPED[1]])
    assert problems[0].file == str(broken)
    assert problems[0].line == 3
    assert "path command 'h' is relative" in problems[0].message


def test_check_command_runs_the_map_rules_unless_told_not_to(minimal_text, tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_text(minimal_text, encoding="utf-8")
    cmd = [sys.executable, "-m", "needleguide", "check", str(path)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "region 'upper-test' has no shape on the body map" in result.stdout
    assert f"{path}:" in result.stdout
    result = subprocess.run(cmd[:4] + ["--no-map", str(path)], capture_output=True, text=True,
                            timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, f"{path}: ok")

"""`needleguide show MUSCLE` and `needleguide list --muscles` (issue 15), on the shipped data."""

from __future__ import annotations

import json

from tests.test_cli import run


def test_show_a_muscle_by_synonym_prints_its_card_danger_first():
    result = run("show", "pec minor")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("PECTORALIS MINOR  (muscle card; region: Chest")
    assert out.index("!! DANGER") < out.index("WHAT LIES UNDER AND AROUND IT")
    assert "Brachial plexus" in out and "SOURCES" in out


def test_a_muscle_name_that_is_also_a_region_synonym_shows_the_muscle():
    assert run("show", "piriformis").stdout.startswith("PIRIFORMIS  (muscle card")
    assert run("show", "buttock").stdout.startswith("GLUTEAL")


def test_a_card_without_an_approach_says_none_was_found():
    assert "No published needling approach" in run("show", "scalenes").stdout


def test_show_muscle_json_lists_every_fact_with_its_sources():
    card = json.loads(run("show", "OCI", "--json").stdout)
    assert card["id"] == "obliquus-capitis-inferior" and card["kind"] == "muscle"
    assert card["regions"] == ["neck"]
    assert card["cautions"][0]["level"] == "danger"
    assert {"position": "deep", "structure": "spinal-cord"}.items() <= \
        card["relations"][0].items()
    cited = {s["id"] for s in card["sources"]}
    for fact in card["relations"] + card["approaches"] + card["cautions"]:
        assert fact["sources"] and set(fact["sources"]) <= cited


def test_list_muscles_text_and_json():
    result = run("list", "--muscles")
    assert result.returncode == 0
    assert any(line.split()[:2] == ["piriformis", "Piriformis"]
               for line in result.stdout.splitlines())
    listed = json.loads(run("list", "--muscles", "--json").stdout)
    assert {"id": "piriformis", "name": "Piriformis", "regions": ["gluteal"]} in listed
    assert len(listed) >= 20


def test_an_unknown_name_lists_regions_and_muscles_and_exits_2():
    result = run("show", "elbw")
    assert result.returncode == 2
    assert "Muscles: " in result.stderr and "piriformis" in result.stderr


def test_export_a_muscle_card_as_pdf(tmp_path):
    import shutil
    import subprocess

    import pytest

    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (scripts/system-deps.sh)")
    target = tmp_path / "ql.pdf"
    result = run("export", "quadratus lumborum", "-o", str(target), "--page-size", "a4")
    assert result.returncode == 0, result.stderr
    assert "Quadratus lumborum" in result.stdout
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    assert "Quadratus lumborum" in text and "Kidney" in text and "DANGER" in text

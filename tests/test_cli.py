"""The command line: outputs, JSON shape and exit codes (0 ok, 1 invalid data, 2 usage)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from needleguide import paths

from tests.conftest import MINIMAL


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "needleguide", *args], capture_output=True,
                          text=True, timeout=60)


def test_list_prints_ids_and_names():
    result = run("--data", str(MINIMAL), "list")
    assert result.returncode == 0
    assert result.stdout.split("\n")[:2] == ["upper-test  Upper test", "lower-test  Lower test"]


def test_list_json():
    result = run("--data", str(MINIMAL), "list", "--json")
    assert json.loads(result.stdout) == [{"id": "upper-test", "name": "Upper test"},
                                         {"id": "lower-test", "name": "Lower test"}]


@pytest.mark.parametrize("query", ["upper-test", "Upper Test", "upper test", "UPPER_TEST", "top"])
def test_show_accepts_id_name_or_synonym_in_any_case(query):
    result = run("--data", str(MINIMAL), "show", query, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "upper-test"


def test_show_json_has_the_documented_shape():
    card = json.loads(run("--data", str(MINIMAL), "show", "upper-test", "--json").stdout)
    assert {"id", "name", "muscles", "structures", "conditions", "cautions", "sources"} <= set(card)
    assert card["structures"][0] == {"id": "test-nerve", "name": "Test nerve", "kind": "nerve",
                                     "relation": "Runs under the test muscle.",
                                     "sources": ["GUIDE1"]}
    assert card["conditions"][0]["note"] == "Needled for it in one trial."
    assert [c["level"] for c in card["cautions"]] == ["danger", "info"]
    assert card["sources"][0]["citation"].startswith("Doe J. A guideline. Journal of Tests")
    assert {s["kind"] for s in card["sources"]} == {"guideline", "clinic-blog"}


def test_show_text_puts_danger_first_and_sources_last():
    out = run("--data", str(MINIMAL), "show", "upper-test").stdout
    # (the at-a-glance lines above the sections name the nerve too: compare with its entry)
    assert out.index("!! DANGER: A danger note.") < out.index("Test nerve \u2014")
    assert out.index("Test nerve \u2014") < out.index("INFO: An info note.")
    assert out.rstrip().splitlines()[-1].strip() == "[2] A clinic blog post. https://example.org/blog (clinic blog)"
    assert "not a safe depth" in out.lower()


def test_unknown_region_lists_the_valid_ones_and_exits_2():
    result = run("--data", str(MINIMAL), "show", "elbow")
    assert result.returncode == 2
    assert "unknown region 'elbow'" in result.stderr
    assert "upper-test, lower-test" in result.stderr


def test_usage_error_exits_2():
    assert run("frobnicate").returncode == 2
    assert run("show").returncode == 2


def test_check_reports_ok_and_located_errors(write, minimal_text):
    good = write(minimal_text, "good.yaml")
    bad = write(minimal_text.replace("view: back", "view: side"), "bad.yaml")
    result = run("check", "--no-map", str(good), str(bad))
    assert result.returncode == 1
    assert f"{good}: ok" in result.stdout
    line = minimal_text.splitlines().index("    view: back") + 1
    assert (f"{bad}:{line}:11: view of region 'upper-test' must be one of front, back; "
            "not 'side'") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_invalid_data_file_exits_1_with_a_located_error(write):
    bad = write("version: [\n")
    result = run("--data", str(bad), "list")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:2:1: YAML syntax error")
    assert "Traceback" not in result.stderr


def test_check_of_shipped_data_passes():
    result = run("check")
    assert result.returncode == 0, result.stdout
    # the search vocabulary beside the data is checked against it too
    assert result.stdout.strip().splitlines()[-2:] == [
        f"{paths.default_data_file()}: ok", f"{paths.data_dir() / 'vocabulary.yaml'}: ok"]


def test_output_survives_a_terminal_that_is_not_utf8():
    import os

    env = dict(os.environ, PYTHONIOENCODING="ascii")
    result = subprocess.run([sys.executable, "-m", "needleguide", "show", "gluteal"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "GLUTEAL" in result.stdout


def test_data_option_works_before_or_after_the_command():
    before = run("--data", str(MINIMAL), "list")
    after = run("list", "--data", str(MINIMAL))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert after.stdout.startswith("upper-test")


def test_the_app_without_a_display_explains_instead_of_aborting():
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "needleguide"], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "no display to open the window on" in result.stderr
    assert "Traceback" not in result.stderr


def test_depth_with_a_needle_reports_the_sources_count_and_the_sample():
    result = run("depth", "neck", "--needle", "40")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "40 mm: potentially reached the pleural space in 1 of 15 elderly cadavers" in text
    assert "never a safe depth" in text
    assert "n = 25" in text  # the C2 soft-tissue figure names its sample


def test_depth_json_gives_the_counts_per_needle_length():
    result = run("depth", "neck", "--json")
    doc = json.loads(result.stdout)
    trapezius = next(f for f in doc["figures"] if f["needles"])
    assert [(n["length_mm"], n["reached"], n["of"]) for n in trapezius["needles"]] == \
        [(30, 0, 15), (40, 1, 15), (50, 4, 15), (60, 6, 15)]
    assert trapezius["sample"]["n"] == 15


@pytest.mark.parametrize("needle", ["0", "abc", "500"])
def test_depth_refuses_an_impossible_needle_length(needle):
    result = run("depth", "neck", "--needle", needle)
    assert result.returncode == 2
    assert "needle length" in result.stderr and "Traceback" not in result.stderr


def test_check_refuses_a_number_without_a_unit(write, minimal_text):
    bad = write(minimal_text.replace(
        "        sources: [GUIDE1]\n    corrections:",
        "        numbers: {reaches: rib, mean: \"2.1\", sd: \"0.4\"}\n"
        "        sources: [GUIDE1]\n    corrections:", 1))
    result = run("check", "--no-map", str(bad))
    assert result.returncode == 1
    line = bad.read_text().splitlines().index(
        "        numbers: {reaches: rib, mean: \"2.1\", sd: \"0.4\"}") + 1
    assert f"{bad}:{line}:" in result.stdout and "a number without a unit" in result.stdout


def test_search_finds_a_drug_through_the_vocabulary_and_says_where():
    result = run("search", "warfarin")
    assert result.returncode == 0, result.stderr
    assert "Checklist: Before you needle: screening (partial)" in " ".join(result.stdout.split())
    assert ("found for \u2018warfarin\u2019 as \u2018anticoagulant\u2019"
            in " ".join(result.stdout.split()))


def test_search_json_ranks_as_the_app_does():
    from needleguide.core.loader import load
    from needleguide.core.search import SearchIndex
    from needleguide.core.vocabulary import load_vocabulary

    result = run("search", "pneumothorax", "--json", "--limit", "10")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    data = load(paths.default_data_file())
    app = SearchIndex(data, None, load_vocabulary(paths.data_dir() / "vocabulary.yaml"))
    expected = [(h.page[0], h.page[1], h.anchor) for h in app.search("pneumothorax", 10)]
    assert [(r["page"]["kind"], r["page"]["id"], r["anchor"])
            for r in found["results"]] == expected
    assert found["results"][0]["level"] == "danger"


def test_search_never_answers_with_a_bare_nothing():
    result = run("search", "qqqzzz")
    assert result.returncode == 0
    assert "does not mean there is no risk" in " ".join(result.stdout.split())
    covered = json.loads(run("search", "lymphoedema", "--json").stdout)
    assert covered["results"][0]["kind"] == "not-covered"
    assert covered["results"][0]["title"].startswith("Not covered in this guide")


def test_search_on_the_command_line_finds_your_notes_without_writing(tmp_path):
    """The notes store is Qt-free now, so the command line searches your notes as the app
    does, reading the database only."""
    import os

    from needleguide.store.notes import NotesStore
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    folder = tmp_path / "share" / "needleguide" / "needleguide"
    command = [sys.executable, "-m", "needleguide", "search", "wedge pillow", "--json"]
    empty = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert empty.returncode == 0 and not folder.exists()  # nothing created by a search
    store = NotesStore(folder)
    store.set("neck", "bring the wedge pillow for prone lying")
    store.save()
    found = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    results = json.loads(found.stdout)["results"]
    assert results[0]["kind"] == "note"
    assert results[0]["page"] == {"kind": "region", "id": "neck"}


def test_reading_cached_data_runs_no_garbage_collection(monkeypatch, tmp_path):
    """`needleguide show` on a big data file reads its cache in time proportional to the
    data: the cyclic collector does not rescan the objects being made (it did most of the
    work at 100x), and is left on for the caller afterwards."""
    import gc

    from needleguide import cli, data_cache, paths

    monkeypatch.setenv("NEEDLEGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.load_or_report(paths.default_data_file()) is not None  # fills the cache
    assert list((tmp_path / "cache").iterdir())
    runs: list[str] = []
    inside = [False]
    real_load = data_cache.load_cached  # what cli loads with

    def load_watched(path):  # type: ignore[no-untyped-def]
        inside[0] = True
        try:
            return real_load(path)
        finally:
            inside[0] = False

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and inside[0]:
            runs.append(phase)

    monkeypatch.setattr(cli, "load_cached", load_watched)
    threshold = gc.get_threshold()
    gc.callbacks.append(count)
    gc.set_threshold(1)
    try:
        assert gc.isenabled()
        assert cli.load_or_report(paths.default_data_file()) is not None
        assert runs == []
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)


def test_show_prints_reported_distances_as_a_table_with_the_sample_once(capsys):
    from needleguide import paths
    from needleguide.cli import card_text
    from needleguide.core.card import build_card
    from needleguide.core.loader import load

    data = load(paths.default_data_file())
    text = card_text(data, build_card(data, data.region("upper-back")), 100)
    table = text[text.index("REPORTED DISTANCES"):text.index("\n\n", text.index(
        "REPORTED DISTANCES"))]
    header = table.splitlines()[1]
    assert header.split() == ["Site", "Figure", "Sample", "Method", "Source"]
    assert table.count("n = 62, patients") == 1
    assert table.count("as above") == 5
    assert all(len(line) <= 100 for line in table.splitlines())

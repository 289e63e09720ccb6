"""What the loader promises beyond a file's content: only a DataError ever escapes (a bug of
ours included, located and asking to be reported), the file is read within limits, at most
MAX_PROBLEMS problems are listed, the garbage collector is left as the caller had it, and the
edges of what is accepted (number ranges, evidence rules) are where the messages say."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from needleguide.core import loader, yamltree
from needleguide.core.errors import DataError
from needleguide.core.loader import load, load_bytes, load_text


def said(call: object, *args: object) -> list[str]:
    with pytest.raises(DataError) as info:
        call(*args)  # type: ignore[operator]
    return [str(p) for p in info.value.problems]


# -- reading the file ------------------------------------------------------------------------

def test_a_missing_file_is_one_problem_at_its_first_character(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert said(load, path) == [f"{path}:1:1: cannot read the file: no such file or folder"]


def test_a_file_over_the_size_limit_says_how_big_it_is(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "MAX_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000)
    assert said(load, str(path)) == [
        f"{path}:1:1: file is 2,003 bytes; reference data is at most 1,000 bytes. Is this the "
        "right file?"]


def test_a_valid_file_loads_from_a_path_or_a_string(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(minimal_text, encoding="utf-8")
    assert load(path).path == str(path)
    assert load(str(path)) == load_text(minimal_text, str(path))
    assert load_bytes(minimal_text.encode()) == load_text(minimal_text, "<data>")
    assert load_text(minimal_text).path == "<data>"


# -- a bug of ours still reaches the user as a located problem --------------------------------

def _boom(*args: object) -> None:
    raise RuntimeError("boom")


def test_a_crash_while_decoding_is_a_located_please_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "decode", _boom)
    assert said(load_bytes, b"version: '1'\n", "x.yaml") == [
        "x.yaml:1:1: could not read the data (RuntimeError: boom); please report this"]


@pytest.mark.parametrize("target,name", [(yamltree, "parse"), (loader._Checker, "document")])
def test_a_crash_while_parsing_or_checking_is_a_located_please_report(
        monkeypatch: pytest.MonkeyPatch, minimal_text: str, target: object, name: str) -> None:
    monkeypatch.setattr(target, name, _boom)
    expected = ["x.yaml:1:1: could not read the data (RuntimeError: boom); please report this"]
    assert said(load_text, minimal_text, "x.yaml") == expected
    assert said(load_bytes, minimal_text.encode(), "x.yaml") == expected


def test_a_crash_keeps_its_cause_for_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "parse", _boom)
    with pytest.raises(DataError) as info:
        load_text("a: 1\n", "x.yaml")
    assert isinstance(info.value.__cause__, RuntimeError)


# -- the garbage collector ------------------------------------------------------------------

@pytest.mark.parametrize("valid", [True, False])
@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_off_during_the_load_and_left_as_it_was(
        monkeypatch: pytest.MonkeyPatch, minimal_text: str, valid: bool,
        enabled: bool) -> None:
    """The load makes millions of objects; the cyclic collector would rescan them over and
    over. It is off while the file is parsed and checked, and restored afterwards, whether the
    load succeeds or fails (the allocation-counting test in test_loader.py cannot run under
    mutmut; this one asks the collector's state directly)."""
    during: list[bool] = []
    real_parse = yamltree.parse

    def parse(text: str, path: str) -> yamltree.Node:
        during.append(gc.isenabled())
        return real_parse(text, path)

    monkeypatch.setattr(yamltree, "parse", parse)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        if valid:
            load_text(minimal_text)
        else:
            with pytest.raises(DataError):
                load_text("regions: [")
        assert during == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


# -- the cap on problems ----------------------------------------------------------------------

def _unknown_fields(n: int) -> str:
    # n unknown fields in the data file, which also lacks its 6 required fields
    return "{" + ", ".join(f"k{i}: v" for i in range(n)) + "}"


def test_exactly_max_problems_are_all_listed() -> None:
    problems = said(load_text, _unknown_fields(loader.MAX_PROBLEMS - 6), "many.yaml")
    assert len(problems) == loader.MAX_PROBLEMS
    assert problems[-1] == "many.yaml:1:1: the data file is missing the required field 'regions'"


def test_one_more_problem_ends_the_list_with_a_located_note() -> None:
    text = _unknown_fields(loader.MAX_PROBLEMS + 20)
    problems = said(load_text, text, "many.yaml")
    assert len(problems) == loader.MAX_PROBLEMS + 1
    col = text.index(f"k{loader.MAX_PROBLEMS}:") + 1  # where the 101st problem is
    assert problems[-2] == (f"many.yaml:1:{text.index(f'k{loader.MAX_PROBLEMS - 1}:') + 1}: "
                            f"unknown field 'k{loader.MAX_PROBLEMS - 1}' in the data file; "
                            "allowed: version, updated, sources, structures, conditions, "
                            "regions, safety, after_events, muscles")
    assert problems[-1] == (f"many.yaml:1:{col}: stopped after {loader.MAX_PROBLEMS} problems; "
                            "fix these and check again")


# -- "did you mean" is for lists a person can scan --------------------------------------------

def _with_structures(minimal_text: str, extra: int) -> str:
    more = "".join(f"  - {{id: s-{i}, name: S {i}, kind: vessel}}\n" for i in range(extra))
    return minimal_text.replace("conditions:\n", more + "conditions:\n", 1).replace(
        "structure: test-lung", "structure: test-lungs", 1)


def test_an_unknown_id_gets_a_suggestion_among_up_to_500_ids(minimal_text: str) -> None:
    problems = said(load_text, _with_structures(minimal_text, loader.MAX_HINT_CHOICES - 2))
    assert [p.split(": ", 1)[1] for p in problems] == [
        "unknown structure 'test-lungs'; did you mean 'test-lung'?"]


def test_no_suggestion_against_more_than_500_ids(minimal_text: str) -> None:
    problems = said(load_text, _with_structures(minimal_text, loader.MAX_HINT_CHOICES - 1))
    assert [p.split(": ", 1)[1] for p in problems] == [
        "unknown structure 'test-lungs'; define it under structures first"]


# -- the edges of what is accepted ----------------------------------------------------------

@pytest.mark.parametrize("old,new", [
    ("    year: 2020", "    year: 1800"),
    ("    year: 2020", "    year: 2100"),
    ("    year: 2020", "    year: 02020"),  # a leading zero is still the year 2020
    ("n: 62", "n: 1"),
    ("n: 62", "n: 10000000"),
])
def test_whole_numbers_at_the_ends_of_their_range_load(minimal_text: str, old: str,
                                                       new: str) -> None:
    data = load_text(minimal_text.replace(old, new, 1))
    number = int(new.split(": ")[1])
    assert number in (data.sources["GUIDE1"].year, data.region("upper-test").distances[0].sample.n)


def test_a_danger_caution_citing_a_blog_and_a_guideline_loads(minimal_text: str) -> None:
    text = minimal_text.replace("        text: A danger note.\n        sources: [GUIDE1]",
                                "        text: A danger note.\n        sources: [BLOG1, GUIDE1]")
    caution = load_text(text).region("upper-test").cautions_by_severity[0]
    assert caution.sources == ("BLOG1", "GUIDE1")


def test_a_warning_may_rest_on_a_clinic_blog(minimal_text: str) -> None:
    """Only danger-level cautions (and checklist items, and conditions) need more than a
    clinic blog."""
    text = minimal_text.replace("        text: A warning note.\n        sources: [GUIDE1]",
                                "        text: A warning note.\n        sources: [BLOG1]")
    assert load_text(text).region("lower-test").cautions[0].sources == ("BLOG1",)


def test_a_danger_checklist_item_on_a_guideline_loads(minimal_text: str) -> None:
    data = load_text(minimal_text.replace("        level: warning", "        level: danger"))
    assert data.safety[0].items[0].level.value == "danger"


def test_a_source_named_only_as_claimed_by_counts_as_cited(minimal_text: str) -> None:
    """A correction's claimed_by cites the blog it corrects: that blog is not 'never cited'."""
    text = minimal_text.replace("        sources: [GUIDE1, BLOG1]", "        sources: [GUIDE1]")
    text = text.replace("        text: An info note.\n        sources: [BLOG1]",
                        "        text: An info note.\n        sources: [GUIDE1]")
    data = load_text(text)
    assert data.region("upper-test").corrections[0].claimed_by == "BLOG1"
    assert "BLOG1" in data.sources


def test_an_entry_may_repeat_its_own_name_as_a_synonym(minimal_text: str) -> None:
    """The one-entry-per-name rule is across entries: 'Top' twice on one region is no clash."""
    text = minimal_text.replace("    synonyms: [top]", "    synonyms: [top, Top, Upper  Test]")
    assert load_text(text).region("upper-test").synonyms == ("top", "Top", "Upper Test")

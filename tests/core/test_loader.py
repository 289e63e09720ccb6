"""The strict loader: valid data loads; every kind of bad file gives one located DataError."""

from __future__ import annotations

import datetime as dt

import pytest

from needleguide.core.errors import DataError
from needleguide.core.loader import load, load_bytes, load_text
from needleguide.core.model import EvidenceKind, Level, StructureKind, View


def located(text: str, name: str = "f.yaml") -> DataError:
    with pytest.raises(DataError) as info:
        load_text(text, name)
    return info.value


def test_valid_file_loads_every_section(minimal_text):
    data = load_text(minimal_text, "m.yaml")
    assert data.version == "test-1"
    assert data.updated == dt.date(2026, 1, 2)
    assert data.sources["GUIDE1"].kind is EvidenceKind.GUIDELINE
    assert data.sources["GUIDE1"].year == 2020
    assert data.structures["test-lung"].kind is StructureKind.ORGAN
    upper = data.region("upper-test")
    assert upper.view is View.BACK
    assert [s.structure.id for s in upper.structures] == ["test-nerve", "test-lung"]
    assert upper.conditions[0].sources == ("GUIDE1", "BLOG1")
    assert [c.level for c in upper.cautions_by_severity] == [Level.DANGER, Level.INFO]
    assert upper.distances[0].sample.n == 62
    assert upper.corrections[0].claimed_by == "BLOG1"
    assert data.safety[0].items[0].level is Level.WARNING


def test_whitespace_in_text_is_normalised(minimal_text):
    text = minimal_text.replace("relation: Runs under the test muscle.",
                                "relation: >\n          Runs under\n          the test muscle.")
    data = load_text(text)
    assert data.region("upper-test").structures[0].relation == "Runs under the test muscle."


def test_yaml_syntax_error_is_located():
    err = located("version: '1'\nsources: [a, b\nregions: []\n")
    assert str(err).startswith("f.yaml:3:")
    assert "YAML syntax error" in str(err)


def test_non_utf8_is_located_at_the_bad_byte(minimal_text, tmp_path):
    raw = minimal_text.encode().replace(b"A guideline", b"A guid\xe9line")
    line = minimal_text.splitlines().index("    title: A guideline") + 1
    with pytest.raises(DataError) as info:
        load_bytes(raw, "x.yaml")
    assert info.value.first.line == line
    assert info.value.first.col == len("    title: A guid") + 1
    assert "UTF-8" in str(info.value)


def test_nul_byte_is_located():
    with pytest.raises(DataError) as info:
        load_bytes(b"version: '1'\nupdated: '2026-01-01\x00'\n", "x.yaml")
    assert (info.value.first.line, info.value.first.col) == (2, 21)


def test_duplicate_key_names_both_lines():
    err = located("version: '1'\nupdated: '2026-01-01'\nversion: '2'\n")
    assert err.first.line == 3
    assert "duplicate key 'version' (first at line 1)" in str(err)


def test_anchor_and_alias_are_rejected(minimal_text):
    err = located(minimal_text.replace("sources: [GUIDE1, BLOG1]", "sources: &s [GUIDE1]"))
    assert "anchors" in str(err)
    err = located("a: [1]\nb: *x\n")
    assert "aliases" in str(err) and err.first.line == 2


def test_object_constructing_tag_is_rejected():
    err = located("version: !!python/object/apply:os.system ['echo hi']\n")
    assert err.first.line == 1 and "tags" in str(err)


def test_unknown_field_suggests_the_right_one(minimal_text):
    text = minimal_text.replace("    relation: Runs under", "    relaton: Runs under")
    err = located(text)
    assert "unknown field 'relaton'" in str(err) and "did you mean 'relation'" in str(err)
    assert "missing the required field 'relation'" in str(err)


def test_missing_field_is_located_at_its_mapping(minimal_text):
    text = minimal_text.replace("    view: front\n", "")
    err = located(text)
    line = text.splitlines().index("  - id: lower-test") + 1
    assert any(p.line == line and "missing the required field 'view'" in p.message
               for p in err.problems)


@pytest.mark.parametrize("old,new,expected", [
    ("year: 2020", "year: twenty", "whole number"),
    ("view: back", "view: side", "must be one of front, back; not 'side'"),
    ("kind: nerve", "kind: bone", "must be one of nerve, vessel, organ, cns"),
    ("level: danger", "level: deadly", "must be one of danger, warning, info"),
    ('updated: "2026-01-02"', 'updated: "2026-02-30"', "real date"),
    ("n: 62", "n: -3", "whole number"),
    ("synonyms: [TS]", "synonyms: TS", "should be a list"),
    ("relation: Lies deep to the ribs.", "relation: [a, b]", "should be text"),
])
def test_wrong_types_are_located(minimal_text, old, new, expected):
    text = minimal_text.replace(old, new, 1)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if new in row)
    err = located(text)
    assert any(p.line == line and expected in p.message for p in err.problems), str(err)


def test_duplicate_ids_are_rejected(minimal_text):
    text = minimal_text.replace("  - id: lower-test", "  - id: upper-test")
    err = located(text)
    line = [i for i, l in enumerate(text.splitlines()) if l == "  - id: upper-test"][1] + 1
    assert any(p.line == line and "duplicate region id 'upper-test'" in p.message
               for p in err.problems)


def test_reference_to_missing_id_is_rejected(minimal_text):
    text = minimal_text.replace("structure: test-lung", "structure: test-lungs")
    err = located(text)
    assert "unknown structure 'test-lungs'; did you mean 'test-lung'?" in str(err)
    err = located(minimal_text.replace("sources: [GUIDE1, BLOG1]", "sources: [GUIDE2, BLOG1]"))
    assert "unknown source 'GUIDE2'" in str(err)


def test_item_without_sources_is_rejected(minimal_text):
    text = minimal_text.replace("""        text: An info note.
        sources: [BLOG1]""", """        text: An info note.
        sources: []""")
    err = located(text)
    assert "cites no source" in str(err)


def test_uncited_source_is_rejected(minimal_text):
    text = minimal_text.replace("  - id: BLOG1\n", "  - id: BLOG9\n    kind: review\n    title: x\n"
                                "  - id: BLOG1\n")
    err = located(text)
    assert "source 'BLOG9' is never cited" in str(err)


def test_danger_caution_resting_only_on_a_blog_is_rejected(minimal_text):
    text = minimal_text.replace("""        text: A danger note.
        sources: [GUIDE1]""", """        text: A danger note.
        sources: [BLOG1]""")
    assert "rests only on clinic blogs" in str(located(text))


def test_deep_nesting_is_rejected_before_parsing_gets_deep():
    err = located("a: " + "[" * 200_000)
    assert "nested more than" in str(err)
    assert (err.first.line, err.first.col) == (1, 27)  # 25th level: the mapping + 24 brackets


class _ParserWithItsOwnLimit:
    """A stand-in for a YAML parser that stops deep nesting with its own wording (as libyaml
    0.2.6 does at 1,000 levels, before the events reach the loader)."""

    def __init__(self, text: str) -> None:
        self._text = text

    def get_event(self) -> None:
        import yaml
        mark = yaml.Mark("f.yaml", 60, 0, 60, None, None)
        raise yaml.MarkedYAMLError(None, None, "some parser's own words", mark)


def test_our_depth_limit_speaks_whatever_the_parser_stops_at(monkeypatch):
    """The limit is ours: a parser with a lower limit of its own does not change the message."""
    from needleguide.core import yamltree
    monkeypatch.setattr(yamltree, "_Parser", _ParserWithItsOwnLimit)
    err = located("a: " + "[" * 100)
    assert "nested more than 24 levels deep" in str(err)
    assert (err.first.line, err.first.col) == (1, 27)


def test_a_parser_error_past_our_limits_is_reported_where_it_is(monkeypatch):
    from needleguide.core import yamltree
    monkeypatch.setattr(yamltree, "_Parser", _ParserWithItsOwnLimit)
    err = located("a: " + "[" * 10 + "b" * 100)
    assert str(err.first) == "f.yaml:1:61: YAML syntax error: some parser's own words"


def test_block_nesting_is_bounded_too():
    text = "".join(" " * i + "a:\n" for i in range(60))
    assert "nested more than" in str(located(text))


def test_huge_file_is_rejected_without_parsing(tmp_path, monkeypatch):
    from needleguide.core import yamltree
    monkeypatch.setattr(yamltree, "MAX_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000)
    with pytest.raises(DataError, match="at most 1,000 bytes"):
        load(path)


def test_huge_string_is_rejected():
    with pytest.raises(DataError, match="longer than"):
        load_text("version: '" + "x" * 30_000 + "'\n")


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read the file"):
        load(tmp_path / "nope.yaml")


def test_empty_and_non_mapping_documents(tmp_path):
    assert "empty" in str(located(""))
    assert "should be a mapping" in str(located("- a\n- b\n"))


def test_two_documents_are_rejected():
    assert "only one YAML document" in str(located("a: 1\n---\nb: 2\n"))


def test_every_problem_is_reported_in_one_pass(minimal_text):
    text = minimal_text.replace("kind: nerve", "kind: bone").replace("view: front", "view: up")
    assert len(located(text).problems) >= 2


def test_yaml11_scalars_stay_text(minimal_text):
    """'no' and 1:20 are not turned into False and 80."""
    text = minimal_text.replace("title: A clinic blog post", "title: no").replace(
        "An info note.", "1:20")
    data = load_text(text)
    assert data.sources["BLOG1"].title == "no"
    assert data.region("upper-test").cautions_by_severity[1].text == "1:20"


def test_a_danger_safety_item_resting_only_on_a_blog_is_rejected(minimal_text):
    text = minimal_text.replace("""      - text: Screen first.
        sources: [GUIDE1]
        level: warning""", """      - text: Screen first.
        sources: [BLOG1]
        level: danger""")
    assert "a danger item in safety section 'screening' rests only on clinic blogs" in str(
        located(text))


# -- content rules of the second edition (issue 14) ---------------------------------------------
def test_a_condition_resting_only_on_clinic_blogs_is_rejected_where_it_is(minimal_text):
    text = minimal_text.replace("""        note: Also needled for it.
        sources: [GUIDE1]""", """        note: Also needled for it.
        sources: [BLOG1]""")
    err = located(text)
    line = text.splitlines().index("        note: Also needled for it.")  # the item starts above
    assert (err.first.line, err.first.col) == (line, 9)
    assert "condition 'test-syndrome' in region 'lower-test' rests only on clinic blogs" in str(
        err)


def test_a_non_danger_checklist_item_resting_only_on_clinic_blogs_is_rejected(minimal_text):
    text = minimal_text.replace("""      - text: Screen first.
        sources: [GUIDE1]""", """      - text: Screen first.
        sources: [BLOG1]""")
    err = located(text)
    line = text.splitlines().index("      - text: Screen first.") + 1
    assert (err.first.line, err.first.col) == (line, 9)
    assert "an item in safety section 'screening' rests only on clinic blogs" in str(err)


AFTER_EVENTS = """after_events:
  - id: broken-needle
    title: Broken needle
    items:
      - text: Keep still.
        sources: [{source}]
        level: {level}
"""


def test_after_events_load_as_their_own_sections(minimal_text):
    data = load_text(minimal_text + AFTER_EVENTS.format(source="GUIDE1", level="danger"))
    assert [s.id for s in data.after_events] == ["broken-needle"]
    assert data.after_events[0].items[0].level is Level.DANGER
    assert [s.id for s in data.safety] == ["screening"]


@pytest.mark.parametrize("level", ["danger", "info"])
def test_an_after_event_item_resting_only_on_clinic_blogs_is_rejected(minimal_text, level):
    text = minimal_text + AFTER_EVENTS.format(source="BLOG1", level=level)
    err = located(text)
    line = text.splitlines().index("      - text: Keep still.") + 1
    assert (err.first.line, err.first.col) == (line, 9)
    assert "after-event section 'broken-needle' rests only on clinic blogs" in str(err)


def test_a_synonym_naming_two_structures_is_rejected_at_the_second(minimal_text):
    text = minimal_text.replace("""    name: Test lung
    kind: organ""", """    name: Test lung
    kind: organ
    synonyms: [Probe Nerve]""")
    err = located(text)
    line = text.splitlines().index("    synonyms: [Probe Nerve]") + 1
    assert (err.first.line, err.first.col) == (line, 16)
    assert "'Probe Nerve' names both structure 'test-nerve' and structure 'test-lung'" in str(
        err)


def test_the_same_word_may_name_a_region_and_a_condition(minimal_text):
    """The rule is per list: 'top' may be a region synonym and a condition synonym at once."""
    text = minimal_text.replace("    synonyms: [TS]", "    synonyms: [TS, top]")
    assert load_text(text).conditions["test-syndrome"].synonyms == ("TS", "top")


@pytest.mark.parametrize("field,message", [
    ("read", "source 'GUIDE1' does not say what of it was read"),
    ("doi", "source 'GUIDE1' has no address of the copy read"),
])
def test_a_source_without_read_or_address_is_rejected_at_the_source(minimal_text, field,
                                                                    message):
    """Every source records what was read and where (url, doi or pmid): issue 14."""
    lines = [line for line in minimal_text.splitlines() if not line.startswith(f"    {field}:")]
    text = "\n".join(lines) + "\n"
    err = located(text)
    line = text.splitlines().index("  - id: GUIDE1") + 1
    assert (err.first.line, err.first.col) == (line, 5)
    assert message in str(err)


def test_a_url_or_pmid_is_enough_as_the_address(minimal_text):
    text = minimal_text.replace("    doi: 10.1000/test\n", "    pmid: '123'\n")
    assert load_text(text).sources["GUIDE1"].pmid == "123"


def test_loading_runs_no_garbage_collection_and_restores_the_collector(minimal_text):
    """A big data file loads in time proportional to its size: the cyclic collector, which
    rescans every object the load has made so far, does not run during the load, and is
    left as the caller had it (on or off), whether the load succeeds or fails."""
    import gc

    runs: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(phase)

    threshold = gc.get_threshold()
    was_enabled = gc.isenabled()
    gc.callbacks.append(count)
    gc.set_threshold(1)  # without the loader's care, a collection at almost every object
    try:
        gc.enable()
        load_text(minimal_text)
        assert runs == []
        assert gc.isenabled()
        with pytest.raises(DataError):
            load_text("regions: [")
        assert gc.isenabled()
        gc.disable()
        load_text(minimal_text)
        assert not gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
        if was_enabled:
            gc.enable()
        else:
            gc.disable()

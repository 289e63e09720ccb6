"""The user's own notes are searched with the guide: each line of a region's or a muscle
card's note is found, opens that line, and says whose note it is."""

from __future__ import annotations

import pytest

from needleguide import paths
from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.model import ReferenceData
from needleguide.core.navigation import NOTE_LINE
from needleguide.core.search import SearchIndex
from tests.conftest import MINIMAL


@pytest.fixture(scope="module")
def minimal() -> ReferenceData:
    return load(MINIMAL)


def test_a_note_line_opens_its_line_and_says_whose_note_it_is(minimal):
    [hit] = SearchIndex(minimal, {"lower-test": "first\n\nbolster under the hips"}) \
        .search("bolster")
    assert (hit.kind, hit.target, hit.page) == (HitKind.NOTE, "lower-test",
                                                ("region", "lower-test"))
    assert hit.anchor == f"{NOTE_LINE}2"  # the editor's line number, blank lines counted
    assert (hit.label, hit.region, hit.title) == ("Your note on Lower test", "Lower test",
                                                  "Your note on Lower test")
    assert hit.matched == "bolster under the hips"


def test_notes_of_unknown_pages_and_blank_notes_are_left_out(minimal):
    index = SearchIndex(minimal, {"no-such-region": "bolster", "upper-test": "  \n \n"})
    assert index.search("bolster") == []
    assert len(index.parts[1].fields) == 0


def test_blank_lines_of_a_note_are_not_entries(minimal):
    index = SearchIndex(minimal, {"upper-test": "one\n   \ntwo"})
    assert [f.text for f in index.parts[1].fields] == ["one", "two"]
    assert [f.anchor for f in index.parts[1].fields] == [f"{NOTE_LINE}0", f"{NOTE_LINE}2"]


def test_a_region_is_one_result_however_many_of_its_lines_match(minimal):
    hits = SearchIndex(minimal, {"upper-test": "bolster one\nbolster two",
                                 "lower-test": "bolster three"}).search("bolster")
    assert sorted(h.target for h in hits) == ["lower-test", "upper-test"]


def test_a_muscle_cards_note_opens_the_card():
    data = load(paths.default_data_file())
    muscle = data.muscles[0]
    [hit] = SearchIndex(data, {muscle.id: "zzbolster here"}).search("zzbolster")
    assert hit.page == ("muscle", muscle.id)
    assert hit.label == f"Your note on {muscle.name}" and hit.region == muscle.name


def test_other_notes_replace_the_old_ones_and_keep_the_guide(minimal):
    first = SearchIndex(minimal, {"upper-test": "bolster"})
    second = first.with_notes({"lower-test": "pillow"})
    assert second.search("bolster") == [] and second.search("pillow")[0].target == "lower-test"
    assert second.parts[0] is first.parts[0]  # the guide's index is reused
    assert second.search("test nerve")[0].target == "test-nerve"
    assert first.with_notes(None).search("bolster") == []


def test_typos_find_note_words_too(minimal):
    index = SearchIndex(minimal, {"upper-test": "bolster"})
    index.prepare_typos()
    assert index.search("bolstre")[0].kind == HitKind.NOTE

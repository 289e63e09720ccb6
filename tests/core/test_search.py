"""Search forgives case, accents and small typos, and says what each result matched."""

from __future__ import annotations

from needleguide.core.fields import HitKind

import pytest

from needleguide.core.loader import load
from needleguide.core.search import SearchIndex, edit_distance
from tests.conftest import MINIMAL


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load(MINIMAL))


def first(index: SearchIndex, query: str):
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


@pytest.mark.parametrize("query,kind,target", [
    ("Test nerve", "structure", "test-nerve"),
    ("TEST NÉRVE", "structure", "test-nerve"),      # case and accents
    ("tset nerve", "structure", "test-nerve"),      # transposition
    ("test nerv", "structure", "test-nerve"),       # prefix while typing
    ("tesst syndrom", "condition", "test-syndrome"),  # extra letter + prefix
    ("probe", "structure", "test-nerve"),           # synonym
    ("upper", "region", "upper-test"),
    ("top", "region", "upper-test"),                # region synonym
])
def test_finds_the_right_thing(index, query, kind, target):
    hit = first(index, query)
    assert (hit.kind, hit.target) == (kind, target)


def test_muscles_lead_to_their_regions_and_say_so(index):
    """Full text: the relations that mention a muscle are found too, after the muscles."""
    hits = index.search("muscel")  # typo
    muscles = [h for h in hits if h.kind == "muscle"]
    assert {(h.kind, h.target) for h in muscles} == {("muscle", "upper-test"),
                                                     ("muscle", "lower-test")}
    assert {h.explanation for h in muscles} == {"muscle in Upper test", "muscle in Lower test"}
    assert hits[:2] == muscles


def test_synonym_hits_explain_the_synonym(index):
    assert first(index, "TS").explanation == "condition, matched \u2018TS\u2019"


def test_exact_name_outranks_fuzzy_matches(index):
    assert first(index, "lower test").target == "lower-test"


def test_unrelated_or_empty_query_finds_nothing(index):
    assert index.search("xyzzy") == []
    assert index.search("   ") == []


def test_notes_are_searchable(index):
    data = load(MINIMAL)
    hits = SearchIndex(data, {"lower-test": "remember the bolster"}).search("bolster")
    assert [(h.kind, h.target) for h in hits] == [("note", "lower-test")]


@pytest.mark.parametrize("a,b,expected", [("siatic", "sciatic", 1), ("carpel", "carpal", 1),
                                          ("piriformus", "piriformis", 1), ("ab", "ba", 1),
                                          ("kitten", "sitting", 3)])
def test_edit_distance(a, b, expected):
    assert edit_distance(a, b, 5) == expected
    assert edit_distance(a, b, expected - 1) == expected  # gives up as limit + 1


def test_a_note_hit_quotes_the_matching_line_not_the_whole_note():
    data = load(MINIMAL)
    note = "first line about nothing\n" + "bolster under the hips " * 10 + "\nlast line"
    [hit] = SearchIndex(data, {"lower-test": note}).search("bolster")
    assert hit.explanation.startswith("note in Lower test, matched \u2018bolster under")
    assert "first line" not in hit.explanation and "last line" not in hit.explanation
    assert hit.explanation.endswith("\u2026\u2019") and len(hit.explanation) < 100


def test_a_synonym_that_is_part_of_the_name_is_not_called_out():
    """'siatic' finds Sciatic nerve via its synonym 'sciatic'; saying so adds nothing."""
    data = load(MINIMAL)
    hit = SearchIndex(data).search("probe nerv")[0]
    assert hit.explanation == "structure, matched \u2018probe nerve\u2019"
    from needleguide.core.search import Hit

    assert Hit(HitKind.STRUCTURE, "x", "Sciatic nerve", "sciatic", 1.0).explanation == "structure"

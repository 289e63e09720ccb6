"""How one query word matches the words of the guide, with how well: exactly (1), as the
start of a longer word while typing (0.9), or with one or two typos (0.8, 0.65); and texts
that say the same thing in two places are both found."""

from __future__ import annotations

from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import SearchIndex
from tests.conftest import MINIMAL


def index_with(upper: str, lower: str = "") -> SearchIndex:
    return SearchIndex(load(MINIMAL), {"upper-test": upper, "lower-test": lower})


def test_exact_prefix_and_typo_scores():
    index = index_with("bolster bolsters", "pillowcase")
    assert index.word_scores("bolster") == {"bolster": 1.0, "bolsters": 0.9}
    assert index.word_scores("bols") == {"bolster": 0.9, "bolsters": 0.9}
    assert index.word_scores("pilowcase") == {"pillowcase": 0.8}
    assert index.word_scores("pilllowcasse") == {"pillowcase": 0.65}  # two letters doubled
    assert index.word_scores("zzzz") == {}


def test_a_word_is_scored_the_same_when_asked_again():
    index = index_with("bolster")
    first = index.word_scores("bolstr")
    assert index.word_scores("bolstr") == first == {"bolster": 0.8}


def test_words_of_the_guide_and_of_the_notes_are_both_matched():
    index = index_with("testament")
    scores = index.word_scores("test")
    assert (scores["test"], scores["testament"]) == (1.0, 0.9)


def test_a_typo_is_not_tried_where_a_word_begins_with_the_query():
    index = index_with("bolsters bolstre")
    assert index.word_scores("bolstr") == {"bolstre": 0.9}


def test_a_three_letter_word_can_be_found_by_a_typo():
    index = index_with("hip")
    assert index.word_scores("hipe") == {"hip": 0.8}


def test_two_letter_words_are_not_typo_candidates():
    index = index_with("ab")
    assert index.word_scores("abx") == {}  # 3 letters: no typo anyway
    assert index.word_scores("abxy") == {}  # "ab" is two edits away, and not indexed


def test_the_same_text_in_two_places_is_found_in_both():
    index = index_with("same bolster text", "same bolster text")
    assert sorted(h.target for h in index.search("bolster")) == ["lower-test", "upper-test"]


def test_a_line_with_no_letters_or_digits_is_not_searchable():
    index = index_with("!!!\n\u2014\nbolster")
    assert [f.text for f in index.parts[1].fields] == ["bolster"]
    assert index.search("!!!") == []


def test_a_query_is_folded_like_the_text():
    index = index_with("Bolster")
    assert [h.kind for h in index.search("  BÓLSTER!  ")] == [HitKind.NOTE]


def test_a_text_without_a_level_has_none():
    index = index_with("bolster")
    assert index.search("bolster")[0].level == ""
    assert index.search("test nerve")[0].level == ""
    assert index.search("danger")[0].level == "danger"

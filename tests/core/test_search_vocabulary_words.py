"""Words the guide does not use ("warfarin") lead to the words it does ("anticoagulant"):
typed whole, begun, or misspelt; each result says which word led there; and such a result
never outranks text that says what was typed."""

from __future__ import annotations

import pytest

from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import EXACT, PHRASE, SearchIndex
from needleguide.core.vocabulary import Term, Vocabulary
from tests.conftest import MINIMAL

VOCABULARY = Vocabulary(terms=(
    Term(("warfarin", "blood thinner"), "anticoagulant", "drug", (("region", "upper-test"),),
         ("anticoagulated",)),
))
# The other form first in data order, so that only the ranking puts the term's own word first.
NOTES = {"upper-test": "is anticoagulated", "lower-test": "on an anticoagulant"}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load(MINIMAL), NOTES, VOCABULARY)


def led(index: SearchIndex, query: str) -> list[tuple[str, str, str]]:
    return [(h.target, h.via, h.means) for h in index.search(query)]


def test_a_drug_name_leads_to_its_class_then_to_the_other_form(index):
    assert led(index, "warfarin") == [("lower-test", "warfarin", "anticoagulant"),
                                      ("upper-test", "warfarin", "anticoagulated")]


def test_a_vocabulary_result_is_at_most_an_exact_match(index):
    assert {h.tier for h in index.search("warfarin")} == {EXACT}


@pytest.mark.parametrize("query", ["Warfarin", "warf", "warfrin", "blood thinner"])
def test_the_word_is_found_typed_begun_misspelt_or_as_a_phrase(index, query):
    assert [t for t, _, _ in led(index, query)] == ["lower-test", "upper-test"]


def test_two_letters_do_not_begin_a_vocabulary_word(index):
    assert [h.via for h in index.search("wa")] == [""]  # "warning" begins with it
    # from 3 letters it does, and the whole word it begins ranks before a mere prefix
    assert [h.via for h in index.search("war")] == ["warfarin", "warfarin", ""]


def test_a_phrase_of_the_vocabulary_is_not_begun_or_misspelt_word_by_word(index):
    assert index.search("blood thinnr") == []
    assert index.search("thinner") == []


def test_the_rest_of_the_query_must_match_too(index):
    assert index.search("warfarin bolster") == []
    assert led(index, "on warfarin") == [("lower-test", "warfarin", "anticoagulant")]


def test_text_that_says_the_word_comes_first():
    notes = dict(NOTES, **{"upper-test": "stopped warfarin"})
    hits = SearchIndex(load(MINIMAL), notes, VOCABULARY).search("warfarin")
    assert (hits[0].kind, hits[0].target, hits[0].via, hits[0].tier) == (
        HitKind.NOTE, "upper-test", "", PHRASE)
    assert (hits[1].target, hits[1].via) == ("lower-test", "warfarin")


def test_a_word_the_guide_has_is_not_read_as_a_vocabulary_prefix():
    notes = dict(NOTES, **{"upper-test": "warf"})
    hits = SearchIndex(load(MINIMAL), notes, VOCABULARY).search("warf")
    assert [(h.target, h.via) for h in hits] == [("upper-test", "")]


def test_a_misspelt_short_word_is_not_a_vocabulary_word():
    vocabulary = Vocabulary(terms=(Term(("cts",), "anticoagulant", "abbreviation",
                                        (("region", "upper-test"),)),))
    index = SearchIndex(load(MINIMAL), NOTES, vocabulary)
    assert led(index, "cts") == [("lower-test", "cts", "anticoagulant")]
    assert index.search("cta") == []  # 3 letters: no typo


def test_a_phrase_of_the_vocabulary_typed_as_one_word_is_not_a_typo_of_it(index):
    assert index.search("bloodthinner") == []


def test_a_vocabulary_word_is_never_read_as_a_typo_of_a_word_of_the_guide():
    """"warfarin" is a drug, not a misspelling of "warfarim" in a note."""
    notes = dict(NOTES, **{"upper-test": "warfarim"})
    hits = SearchIndex(load(MINIMAL), notes, VOCABULARY).search("warfarin")
    assert [(h.target, h.via) for h in hits] == [("lower-test", "warfarin")]


def test_a_shorter_text_comes_first_among_vocabulary_results():
    notes = {"upper-test": "long note on an anticoagulant here", "lower-test": "anticoagulant"}
    hits = SearchIndex(load(MINIMAL), notes, VOCABULARY).search("warfarin")
    assert [h.target for h in hits] == ["lower-test", "upper-test"]


def test_a_better_match_of_the_other_form_comes_before_a_worse_match_of_the_word():
    notes = {"upper-test": "one anticoagulants", "lower-test": "one anticoagulated"}
    hits = SearchIndex(load(MINIMAL), notes, VOCABULARY).search("on warfarin")
    assert [(h.target, h.means) for h in hits] == [("lower-test", "anticoagulated"),
                                                   ("upper-test", "anticoagulant")]


def test_a_vocabulary_phrase_after_a_topic_left_out_is_still_led():
    from needleguide.core.vocabulary import NotCovered
    vocabulary = VOCABULARY._replace(not_covered=(NotCovered("implants", ("implant",)),))
    hits = SearchIndex(load(MINIMAL), NOTES, vocabulary).search("implant blood thinner")
    assert [(h.kind, h.via) for h in hits][:2] == [(HitKind.NOT_COVERED, ""),
                                                   (HitKind.NOTE, "blood thinner")]

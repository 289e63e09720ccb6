"""How far a typo may be from the word it finds: none in words under 4 letters, one in words
of 4 to 7, two from 8 letters, and none past 40 letters. Short words are too close to each
other to guess ("arm"/"ark"); a wrong guess shows a different structure."""

from __future__ import annotations

import pytest

from needleguide.core.loader import load
from needleguide.core.search import MAX_TYPO_WORD, SearchIndex
from tests.conftest import MINIMAL

LONG = "b" * (MAX_TYPO_WORD - 1) + "c"          # as long as a typo may be
TOO_LONG = "d" * MAX_TYPO_WORD + "e"            # one letter longer
WORDS = f"arm knee scapula shoulder piriformis pelvis {LONG} {TOO_LONG}"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load(MINIMAL), {"upper-test": WORDS})


def found(index: SearchIndex, query: str) -> tuple[str, ...]:
    return tuple(w for hit in index.search(query) for w in hit.found)


@pytest.mark.parametrize("typo,word", [
    ("arms", "arm"),            # 4 letters: one typo, here to a 3-letter word
    ("knea", "knee"),           # 4 letters: one
    ("scapila", "scapula"),     # 7 letters: one
    ("shuolder", "shoulder"),   # 8 letters: a swap is one
    ("shouldre", "shoulder"),
    ("shouldr", "shoulder"),    # a missing letter
    ("pyriformiss", "piriformis"),  # 10 letters: two (a wrong and an extra letter)
    ("schoulderr", "shoulder"),  # 10 letters: two extra letters
    ("pelvviss", "pelvis"),     # 8 letters: two extra letters
    ("b" * (MAX_TYPO_WORD - 1) + "x", LONG),  # 40 letters: still a typo
])
def test_a_typo_within_the_limit_finds_the_word(index, typo, word):
    assert found(index, typo) == (word,)


@pytest.mark.parametrize("typo", [
    "ark",          # 3 letters: no typo at all ("arm" is one away)
    "scepila",      # 7 letters: two typos are too many
    "kmea",         # 4 letters: two typos
    "pxrifxrmxs",   # 10 letters: three typos
    "d" * MAX_TYPO_WORD + "x",  # 41 letters: no typo
])
def test_a_typo_beyond_the_limit_finds_nothing(index, typo):
    assert found(index, typo) == ()


def test_a_single_letter_is_not_a_prefix_of_everything(index):
    assert index.search("k") == [] and index.search("s") == []


def test_two_letters_are_a_prefix(index):
    assert found(index, "ar") == ("arm",)
    assert found(index, "kn") == ("knee",)


def test_the_exact_word_wins_over_its_typos(index):
    assert found(index, "knee") == ("knee",)

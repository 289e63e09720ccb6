"""A result is titled "Correction in Neck": the word its title shows finds it. The claim and
the evidence a correction quotes never say "correction", so before this "correction" found
only texts that happened to say the word, never the corrections themselves."""

from __future__ import annotations

import pytest

from needleguide import paths
from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import PHRASE, SearchIndex
from tests.conftest import MINIMAL


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load(MINIMAL), {"lower-test": "a correction of my own"})


def kinds(index: SearchIndex, query: str) -> list[HitKind]:
    return [h.kind for h in index.search(query)]


def test_the_title_word_finds_the_correction(index):
    hits = index.search("correction")
    correction = next(h for h in hits if h.kind == HitKind.CORRECTION)
    assert correction.title == "Correction in Upper test"
    assert correction.page == ("region", "upper-test") and correction.anchor == "correction-0"
    assert correction.tier == PHRASE
    assert correction.explanation == "\u2018The blog says X.\u2019"  # the claim, quoted
    assert kinds(index, "correction").count(HitKind.CORRECTION) == 1  # claim and evidence: one


@pytest.mark.parametrize("query", ["corrections", "Correction", "correc"])
def test_plural_case_and_typing_find_it_too(index, query):
    assert HitKind.CORRECTION in kinds(index, query)


def test_a_text_that_says_the_word_is_still_found(index):
    assert HitKind.NOTE in kinds(index, "correction")


def test_the_title_word_and_a_word_of_the_correction_narrow_to_it(index):
    hits = index.search("correction guideline")
    assert [(h.kind, h.matched) for h in hits] == [(HitKind.CORRECTION,
                                                    "The guideline says Y.")]


def test_the_title_word_is_not_given_to_other_kinds(index):
    assert set(kinds(index, "correction")) == {HitKind.CORRECTION, HitKind.NOTE}
    assert index.search("correction danger") == []  # a caution is not a correction


def test_every_correction_of_the_guide_is_found_by_its_title_word():
    data = load(paths.default_data_file())
    index = SearchIndex(data)
    found = {(h.page, h.anchor) for h in index.search("correction", limit=500)
             if h.kind == HitKind.CORRECTION}
    expected = {(("region", r.id), f"correction-{i}") for r in data.regions
                for i in range(len(r.corrections))}
    assert expected and found == expected

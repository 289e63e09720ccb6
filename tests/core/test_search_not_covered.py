"""Topics the guide leaves out on purpose answer "Not covered in this guide" (never a bare
"nothing found", never a guess): typed whole, begun (from 4 letters) or misspelt (from 5)."""

from __future__ import annotations

import pytest

from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import NOT_COVERED_TIER, SearchIndex
from needleguide.core.vocabulary import NotCovered, Vocabulary
from tests.conftest import MINIMAL

VOCABULARY = Vocabulary(not_covered=(
    NotCovered("implants", ("implant", "breast implant")),
    NotCovered("needle phobia", ("trypanophobia", "fear of needles")),
))


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load(MINIMAL), {"upper-test": "implantx here"}, VOCABULARY)


def topics(index: SearchIndex, query: str) -> list[str]:
    return [h.label for h in index.search(query) if h.kind == HitKind.NOT_COVERED]


def test_a_topic_word_answers_not_covered_first(index):
    first = index.search("trypanophobia")[0]
    assert first.kind == HitKind.NOT_COVERED
    assert first.label == "Not covered in this guide: needle phobia"
    assert first.title == first.label and first.target == ""
    assert (first.matched, first.page, first.tier) == ("trypanophobia", ("checklist", ""),
                                                       NOT_COVERED_TIER)


@pytest.mark.parametrize("query", ["fear of needles", "my fear of needles", "trypa",
                                   "trypanophobi", "trypanofobia"])
def test_whole_begun_and_misspelt_topics_are_recognised(index, query):
    assert topics(index, query) == ["Not covered in this guide: needle phobia"]


@pytest.mark.parametrize("query", [
    "try",           # 3 letters: too short to guess a topic from
    "fear of",       # two words begin a topic phrase: not the topic
    "needles fear",  # the words of a phrase, not the phrase
    "trxpanofobia",  # three typos
])
def test_too_little_or_too_different_is_not_a_topic(index, query):
    assert topics(index, query) == []


def test_a_word_the_guide_has_is_not_read_as_a_misspelt_topic(index):
    """"implantx" is in a note: it is that word, not a typo of "implant"."""
    assert topics(index, "implantx") == []
    assert topics(index, "implamt") == ["Not covered in this guide: implants"]


def test_two_words_of_one_topic_give_it_once_with_the_first_word(index):
    hits = index.search("breast implant")
    assert [h.matched for h in hits if h.kind == HitKind.NOT_COVERED] == ["implant"]
    assert topics(index, "breast implant") == ["Not covered in this guide: implants"]


def test_the_rest_of_the_question_is_still_answered(index):
    hits = index.search("trypanophobia test nerve")
    assert hits[0].kind == HitKind.NOT_COVERED
    assert (hits[1].kind, hits[1].target) == (HitKind.STRUCTURE, "test-nerve")
    assert index.search("trypanophobia")[1:] == []


def test_spacing_and_case_of_a_topic_phrase_do_not_matter(index):
    assert topics(index, "  Fear   of NEEDLES ") == ["Not covered in this guide: needle phobia"]


def test_the_limit_counts_the_not_covered_answer(index):
    hits = index.search("trypanophobia test nerve", limit=1)
    assert [h.kind for h in hits] == [HitKind.NOT_COVERED]


def test_a_query_of_only_a_topic_still_searches_its_words(tmp_path):
    """Nothing is left once the topic is taken out: its own words are searched instead."""
    index = SearchIndex(load(MINIMAL), {"upper-test": "my note on fear of needles"},
                        VOCABULARY)
    hits = index.search("fear of needles")
    assert [h.kind for h in hits] == [HitKind.NOT_COVERED, HitKind.NOTE]


def test_four_letters_begin_a_topic_but_are_too_short_for_a_typo():
    vocabulary = Vocabulary(not_covered=(NotCovered("needle phobia", ("trypanophobia",)),
                                         NotCovered("tens machines", ("tens",))))
    index = SearchIndex(load(MINIMAL), vocabulary=vocabulary)
    assert topics(index, "tryp") == ["Not covered in this guide: needle phobia"]
    assert topics(index, "tenz") == []   # four letters: no typo
    assert topics(index, "tenss") == ["Not covered in this guide: tens machines"]


def test_a_misspelt_phrase_is_not_guessed_as_a_topic(index):
    """Only a single word is read as a misspelt topic word; a phrase must be typed right."""
    assert topics(index, "fear of needlez") == []

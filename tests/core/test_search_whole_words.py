"""A query word that is a whole word of the vocabulary's distinct pairs stays that word:
"ulna" (the bone) is not the start of "ulnar" (the nerve), so neither a prefix nor a typo
runs through "ulnar" to "ulnaris" and presents the ulnar nerve as the answer to "ulna"."""

from __future__ import annotations

import pytest

from needleguide import paths
from needleguide.core.loader import load
from needleguide.core.search import SearchIndex
from needleguide.core.vocabulary import Vocabulary, load_vocabulary
from tests.conftest import MINIMAL

BONES = Vocabulary(distinct=(("ulnar", "ulna"), ("tibial", "tibia"),
                              ("testingbone", "testingbonex")))  # long words: two typos


def index_with(note: str, other: str = "") -> SearchIndex:
    return SearchIndex(load(MINIMAL), {"upper-test": note, "lower-test": other}, BONES)


def found_words(index: SearchIndex, query: str) -> set[str]:
    return {w for hit in index.search(query) for w in hit.found}


def test_a_bone_does_not_find_the_nerve_muscle_named_after_it():
    index = index_with("flexor carpi ulnaris\ntibialis anterior")
    assert index.search("ulna") == []
    assert index.search("tibia") == []


def test_the_bone_is_found_where_the_text_names_it():
    index = index_with("flexor carpi ulnaris", "the shaft of the ulna")
    hits = index.search("ulna")
    assert [h.matched for h in hits] == ["the shaft of the ulna"]
    assert found_words(index, "ulna") == {"ulna"}


def test_the_nerve_word_still_finds_its_longer_forms_while_typing():
    """Only the shorter word of a pair is protected: "ulnar" begins "ulnaris"."""
    index = index_with("flexor carpi ulnaris")
    assert found_words(index, "ulnar") == {"ulnaris"}
    assert found_words(index, "uln") == {"ulnaris"}  # not yet a whole word: a prefix


def test_a_long_word_does_not_run_through_its_partner_by_prefix_or_typo():
    """A long word allows two typos: "testingbonexy" is two edits from "testingbone" but
    runs through its distinct partner "testingbonex", so it is not found for it."""
    index = index_with("testingbonexy")
    assert index.search("testingbone") == []
    assert found_words(index, "testingbonex") == {"testingbonexy"}


def test_a_word_that_only_shares_letters_with_the_pair_still_matches_as_a_prefix():
    index = index_with("the ulnaside of the wrist")
    assert found_words(index, "ulna") == {"ulnaside"}


@pytest.fixture(scope="module")
def shipped() -> SearchIndex:
    data = load(paths.default_data_file())
    return SearchIndex(data, vocabulary=load_vocabulary(
        paths.vocabulary_file_for(paths.default_data_file()), data))


def test_ulna_in_the_shipped_guide_never_answers_with_the_ulnar_nerve(shipped: SearchIndex):
    assert all("ulnar" not in hit.label.lower() for hit in shipped.search("ulna"))
    assert all(not w.startswith("ulnar") for hit in shipped.search("ulna") for w in hit.found)
    assert shipped.search("ulnar")[0].label == "Ulnar nerve"

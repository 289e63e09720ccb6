"""A note of one unbroken 1 MB word must not freeze search (issue 12, item 7): the typo index
built every one-letter deletion of every word, so that word alone meant a million strings
of a megabyte each, built in the app's idle time after start-up."""

from __future__ import annotations

import pytest

from needleguide.core.loader import load
from needleguide.core.search import SearchIndex
from tests.conftest import MINIMAL

WORD = "x" * 1_000_000


@pytest.mark.timeout(30)
def test_a_megabyte_word_in_a_note_leaves_typo_search_working():
    index = SearchIndex(load(MINIMAL), {"upper-test": f"see {WORD} and prone position"})
    index.prepare_typos()  # what the app does in idle time after start-up
    hit = index.search("tset nerve")[0]  # a typo still finds its word
    assert (hit.kind, hit.target) == ("structure", "test-nerve")
    assert any(h.target == "upper-test" for h in index.search("pronne"))  # and in the note


@pytest.mark.timeout(30)
def test_a_pasted_megabyte_query_word_finds_its_note_without_freezing():
    index = SearchIndex(load(MINIMAL), {"upper-test": WORD})
    assert any(h.target == "upper-test" for h in index.search(WORD))
    index.search("y" * 100_000)  # no such word: typo matching must not hang either

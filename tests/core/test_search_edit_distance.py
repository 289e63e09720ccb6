"""The typo distance, checked exhaustively on short words (every word of up to 4 letters
over a two-letter alphabet against every other), so that no rule of it depends on a random
example: "aaa" is two edits from "a", a swap is one."""

from __future__ import annotations

import itertools

from needleguide.core.search import edit_distance
from tests.core.test_search_details import reference_distance

WORDS = ["".join(p) for n in range(5) for p in itertools.product("ab", repeat=n)]


def test_every_pair_of_short_words_has_the_alignment_distance():
    for a in WORDS:
        for b in WORDS:
            expected = reference_distance(a, b)
            for limit in range(4):
                distance = edit_distance(a, b, limit)
                if expected <= limit:
                    assert distance == expected, (a, b, limit)
                else:
                    assert distance > limit, (a, b, limit)  # only "more than the limit"


def test_repeated_letters_and_swaps():
    assert edit_distance("aaa", "a", 5) == 2
    assert edit_distance("abab", "baba", 5) == 2
    assert edit_distance("ab", "ba", 5) == 1
    assert edit_distance("abc", "ca", 5) == 3  # a swap is of neighbours only

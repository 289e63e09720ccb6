"""Typos find the word meant, never the other word of a distinct pair, and a closer typo
ranks before a farther one."""

from __future__ import annotations

from needleguide.core.loader import load
from needleguide.core.search import FUZZY, SearchIndex
from needleguide.core.vocabulary import Vocabulary
from tests.conftest import MINIMAL

PAIRS = Vocabulary(distinct=(("median", "medial"), ("tibia", "tibial")))


def index_with(upper: str, lower: str = "") -> SearchIndex:
    return SearchIndex(load(MINIMAL), {"upper-test": upper, "lower-test": lower}, PAIRS)


def found(index: SearchIndex, query: str) -> set[str]:
    return {w for hit in index.search(query) for w in hit.found}


def test_a_typo_as_close_to_both_words_of_a_pair_finds_neither():
    index = index_with("median nerve", "medial epicondyle")
    assert index.search("mediax") == []          # one edit from each
    assert found(index, "mediun") == {"median"}  # one from median, two from medial


def test_the_blocked_partner_does_not_hide_the_other_typos():
    """"tibia" is a distinct word: "tibial" is not its typo, but the other near words are,
    however many there are and in whatever order they are looked at."""
    near = ["tibi", "tibla", "tihia", "tbia", "tibiq", "tibja", "ribia", "tibix", "ttbia",
            "tiba"]
    for text in near:
        alone = SearchIndex(load(MINIMAL), {"upper-test": f"tibial {text}"}, PAIRS)
        assert [h.found for h in alone.search("tibia")] == [(text,)], text


def test_a_closer_typo_ranks_before_a_farther_one():
    index = index_with("brachioradiis", "brachioradialix")  # two letters left out; one wrong
    hits = index.search("brachioradialis")
    assert [(h.target, h.tier) for h in hits] == [("lower-test", FUZZY),
                                                  ("upper-test", FUZZY)]
    assert hits[0].score > hits[1].score

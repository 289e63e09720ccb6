"""A name that has the query's words, but not as the phrase typed, is a different name: the
posterior femoral cutaneous nerve is not the femoral nerve. It ranks below the exact name and
below any text that says the phrase, and its result says that only the words matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from needleguide import paths
from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import SearchIndex
from needleguide.core.vocabulary import load_vocabulary
from tests.conftest import MINIMAL

# "Test lung" becomes a longer name with both words of "test nerve", apart.
LONGER = MINIMAL.read_text(encoding="utf-8").replace(
    "name: Test lung", "name: Posterior test cutaneous nerve")


def index_of(tmp_path: Path, text: str) -> SearchIndex:
    path = tmp_path / "regions.yaml"
    path.write_text(text, encoding="utf-8")
    return SearchIndex(load(path))


def test_the_exact_name_ranks_before_a_longer_name_with_the_same_words(tmp_path):
    hits = index_of(tmp_path, LONGER).search("test nerve")
    assert (hits[0].label, hits[0].apart) == ("Test nerve", False)
    assert hits[0].explanation == "structure"
    longer = next(h for h in hits if h.label == "Posterior test cutaneous nerve")
    assert longer.apart
    assert longer.explanation == "structure; the words match, not the phrase \u2018test nerve\u2019"


def test_without_the_exact_name_the_longer_name_says_it_is_not_the_phrase(tmp_path):
    text = LONGER.replace("name: Test nerve", "name: Probe only").replace(
        "synonyms: [probe nerve]", "synonyms: [probe]")
    hits = index_of(tmp_path, text).search("test nerve")
    assert hits[0].label == "Posterior test cutaneous nerve"
    assert hits[0].apart and "not the phrase \u2018test nerve\u2019" in hits[0].explanation


def test_a_sentence_with_the_phrase_ranks_before_a_name_without_it(tmp_path):
    text = LONGER.replace("name: Test nerve", "name: Probe only").replace(
        "synonyms: [probe nerve]", "synonyms: [probe]").replace(
        "text: A danger note.", "text: The test nerve lies here.")
    hits = index_of(tmp_path, text).search("test nerve")
    assert (hits[0].kind, hits[0].matched) == (HitKind.CAUTION, "The test nerve lies here.")
    assert [h.label for h in hits].index("Posterior test cutaneous nerve") > 0


def test_a_typo_in_a_phrase_is_still_the_phrase(tmp_path):
    hit = index_of(tmp_path, LONGER).search("tset nerve")[0]
    assert (hit.label, hit.apart, hit.explanation) == ("Test nerve", False, "structure")


def test_one_word_is_never_apart(tmp_path):
    hits = index_of(tmp_path, LONGER).search("cutaneous")
    assert hits[0].label == "Posterior test cutaneous nerve" and not hits[0].apart


def test_sentences_are_quoted_not_called_apart(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "text: A danger note.", "text: The nerve of the test lies here.")
    hit = next(h for h in index_of(tmp_path, text).search("test nerve")
               if h.kind == HitKind.CAUTION)
    assert not hit.apart and hit.explanation == "\u2018The nerve of the test lies here.\u2019"


@pytest.fixture(scope="module")
def shipped() -> SearchIndex:
    data = load(paths.default_data_file())
    return SearchIndex(data, vocabulary=load_vocabulary(
        paths.vocabulary_file_for(paths.default_data_file()), data))


def test_femoral_nerve_is_not_answered_by_another_nerve_as_if_it_were_it(shipped):
    """The shipped guide has no femoral nerve: the posterior femoral cutaneous nerve may be
    shown, but says that only the words matched."""
    for hit in shipped.search("femoral nerve"):
        if hit.kind == HitKind.STRUCTURE:
            assert hit.apart and "not the phrase \u2018femoral nerve\u2019" in hit.explanation
    first = shipped.search("posterior femoral cutaneous nerve")[0]
    assert (first.label, first.apart) == ("Posterior femoral cutaneous nerve", False)

"""Folding text for lookups, search and study: the quick path for plain ASCII text must fold
exactly as the full Unicode path does."""

from __future__ import annotations

import re
import unicodedata

import pytest

from hypothesis import given
from hypothesis import strategies as st

from needleguide.core.text import UNDECOMPOSED, fold

_NON_WORD = re.compile(r"[\W_]+")


def _full_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(UNDECOMPOSED.get(c, c) for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()


@given(st.text())
def test_folding_matches_the_full_unicode_fold(text: str) -> None:
    assert fold(text) == _full_fold(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_like_the_full_unicode_fold(text: str) -> None:
    assert fold(text) == _full_fold(text)


def test_examples_a_clinician_types() -> None:
    assert fold("Müller–Syndrome ") == "muller syndrome"
    assert fold("Piriformis (deep)") == "piriformis deep"
    assert fold("C5-C6 ROOT") == "c5 c6 root"


@given(st.text(alphabet=st.sampled_from("ŁłØøĐđÐðĦħŦŧıÆæŒœÞþßẞ ÓóŹźÁá")))
def test_letters_with_a_built_in_accent_fold_like_the_full_unicode_fold(text: str) -> None:
    """The translation table is filled lazily: the first and later sightings agree."""
    assert fold(text) == _full_fold(text) == fold(text)


def test_letters_of_other_scripts_are_kept() -> None:
    """fold kept only a-z and 0-9, so "Łódź" became "odz" and a Greek note folded to nothing."""
    assert fold("Łódź") == "lodz"  # ł has no decomposition: mapped, as a clinician types it
    assert fold("ØRSTED, Đorđe, Straße") == "orsted dorde strasse"
    assert fold("Ωμοπλάτη, ΩΜΟΣ") == "ωμοπλατη ωμοσ"  # casefold: final sigma as sigma
    assert fold("Плечо — боль") == "плечо боль"


def test_a_forbidden_character_is_named_for_what_it_is_even_when_python_does_not_know_it() -> None:
    """The data editor is told what to delete: U+13439 is an Egyptian hieroglyph format
    character of Unicode 15 (unassigned to Python 3.11's Unicode 14), not a control."""
    from needleguide.core.errors import DataError
    from needleguide.core.loader import load_text

    for char, told in (("\U00013439", "invisible format character U+13439"),
                       ("\x07", "control character U+0007"),
                       ("\ufffe", "non-character U+FFFE"),
                       ("\u202e", "invisible direction-changing character "
                                  "right-to-left override U+202E")):
        with pytest.raises(DataError) as caught:
            load_text(f'version: "1"\n# a note {char}\n', "data.yaml")
        assert str(caught.value.problems[0]) == (
            f"data.yaml:2:10: {told} is not allowed in data text; delete it")

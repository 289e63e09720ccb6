"""The small rules search depends on, pinned where a mutation run found them unchecked:
the typo distance, and how much of a long matched text a result quotes."""

from __future__ import annotations

from needleguide.core.fields import HitKind

from hypothesis import given
from hypothesis import strategies as st

from needleguide.core.search import SNIPPET_CHARS, Hit, edit_distance, snippet


def reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, written out plainly (no early exit)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text(alphabet="abc", max_size=7), st.text(alphabet="abc", max_size=7),
       st.integers(0, 4))
def test_typo_distance_is_the_alignment_distance_capped_at_the_limit(a, b, limit):
    """'siatic' is one edit from 'sciatic', 'tset' one swap from 'test'; beyond the limit the
    answer is only "more than the limit" (how far does not matter)."""
    distance, expected = edit_distance(a, b, limit), reference_distance(a, b)
    assert distance == expected if expected <= limit else distance > limit


def test_typo_distances_of_clinical_words():
    assert edit_distance("siatic", "sciatic", 2) == 1
    assert edit_distance("medain", "median", 2) == 1   # a swap is one edit
    assert edit_distance("", "ab", 5) == 2
    assert edit_distance("ulnar", "radial", 1) == 2


def test_a_long_text_is_quoted_from_the_matched_word_whatever_its_case():
    text = ("Deep to the gluteal muscles and below piriformis, the Sciatic nerve runs down "
            "the back of the thigh to the popliteal fossa, where it divides.")
    quoted = snippet(text, ["sciatic"])
    assert quoted.startswith("\u2026") and "Sciatic nerve" in quoted[:40]
    assert text.endswith(quoted[1:])


def test_a_text_is_quoted_whole_when_the_word_is_near_its_start_or_absent():
    text = "Sciatic nerve " + "x" * 100
    assert snippet(text, ["sciatic"]) == text
    assert snippet("y" * 100, ["sciatic"]) == "y" * 100


def test_a_quote_just_short_enough_is_not_cut():
    exact = "a" * SNIPPET_CHARS
    hit = Hit(HitKind.STRUCTURE, "x", "x", exact, 1.0)
    assert exact in hit.explanation and "\u2026" not in hit.explanation
    longer = Hit(HitKind.STRUCTURE, "x", "x", exact + "b", 1.0)
    assert longer.explanation.endswith("\u2018" + "a" * (SNIPPET_CHARS - 1) + "\u2026\u2019")

"""The order of results, rule by rule, on texts made for each rule: the whole text, then a
name that begins with the query, an exact phrase, all words exact, prefixes, typos; at equal
match names first, then danger before warnings before the rest, better word matches, shorter
texts, and the kind of text."""

from __future__ import annotations

from pathlib import Path

from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import EXACT, FUZZY, NAME_START, PHRASE, PREFIX, WHOLE, SearchIndex
from tests.conftest import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")


def index_of(tmp_path: Path, *changes: tuple[str, str]) -> SearchIndex:
    text = TEXT
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "regions.yaml"
    path.write_text(text, encoding="utf-8")
    return SearchIndex(load(path))


TIERS = (
    ("name: Test lung\n    kind: organ", "name: Test lung\n    kind: organ\n"
                                          "    synonyms: [alpha zetagland]"),
    ("relation: Lies deep to the ribs.", "relation: Alpha zeta"),
    ("text: A danger note.", "text: The alpha zeta here."),
    ("text: An info note.", "text: Zeta then alpha."),
    ("text: A warning note.", "text: Alphas zetas."),
)


def test_each_tier_of_match_ranks_before_the_next(tmp_path):
    hits = index_of(tmp_path, *TIERS).search("alpha zeta")
    assert [(h.kind, h.matched, h.tier) for h in hits] == [
        (HitKind.RELATION, "Alpha zeta", WHOLE),
        (HitKind.STRUCTURE, "alpha zetagland", NAME_START),
        (HitKind.CAUTION, "The alpha zeta here.", PHRASE),
        (HitKind.CAUTION, "Zeta then alpha.", EXACT),
        (HitKind.CAUTION, "Alphas zetas.", PREFIX),
    ]


def test_a_typo_is_the_typo_tier_whatever_else_matches(tmp_path):
    """A query word is matched by typos only where nothing begins with it, so typo results
    never mix with exact ones; they say they are typos."""
    hits = index_of(tmp_path, *TIERS).search("alpah zeta")
    assert hits and {h.tier for h in hits} == {FUZZY}
    hits = index_of(tmp_path, *TIERS).search("zeta alphx")
    assert hits[0].matched == "alpha zetagland" and {h.tier for h in hits} == {FUZZY}


def test_a_name_ranks_before_a_sentence_at_the_same_match(tmp_path):
    hits = index_of(tmp_path, *TIERS).search("alpha")
    assert hits[0].kind == HitKind.STRUCTURE and hits[0].tier == PHRASE
    assert hits[1].tier == PHRASE and hits[1].kind != HitKind.STRUCTURE


def test_danger_then_warning_then_info_at_the_same_match(tmp_path):
    hits = index_of(tmp_path, ("text: A danger note.", "text: Omega."),
                    ("text: An info note.", "text: Omega."),
                    ("text: A warning note.", "text: Omega.")).search("omega")
    assert [h.level for h in hits] == ["danger", "warning", "info"]


def test_a_shorter_text_ranks_first_at_the_same_match(tmp_path):
    hits = index_of(tmp_path).search("needled")
    assert [h.matched for h in hits] == ["Also needled for it.", "Needled for it in one trial."]


def test_better_word_matches_rank_before_a_shorter_text(tmp_path):
    hits = index_of(tmp_path, ("note: Needled for it in one trial.",
                               "note: Alphabet zeta one two three."),
                    ("note: Also needled for it.", "note: Alphabet zetas.")).search("alph zeta")
    assert [h.matched for h in hits] == ["Alphabet zeta one two three.", "Alphabet zetas."]
    assert {h.tier for h in hits} == {PREFIX}


def test_at_an_equal_match_the_kind_of_text_decides(tmp_path):
    hits = index_of(tmp_path, ("note: Needled for it in one trial.", "note: Kappa word."),
                    ("text: An info note.", "text: Kappa word.")).search("kappa word")
    assert [h.kind for h in hits] == [HitKind.CAUTION, HitKind.CONDITION_NOTE]


def test_the_limit_caps_the_results_and_keeps_the_best(tmp_path):
    index = index_of(tmp_path, *TIERS)
    assert [h.matched for h in index.search("alpha zeta", limit=2)] == ["Alpha zeta",
                                                                       "alpha zetagland"]
    assert len(index.search("alpha zeta", limit=1)) == 1


def test_a_text_with_the_word_and_a_longer_form_of_it_is_an_exact_match(tmp_path):
    """"alphabet alpha": the best of its words for "alpha" counts (exact, not a prefix)."""
    hits = index_of(tmp_path, ("text: A danger note.", "text: Alphabet alpha.")).search("alpha")
    assert [(h.matched, h.tier, h.found) for h in hits] == [("Alphabet alpha.", PHRASE,
                                                            ("alpha",))]
    hits = index_of(tmp_path, ("text: A danger note.", "text: Alphabet alpha omega.")) \
        .search("alpha omega")
    assert [(h.matched, h.tier) for h in hits] == [("Alphabet alpha omega.", PHRASE)]


def test_a_name_that_does_not_begin_with_the_query_is_only_a_prefix_match(tmp_path):
    hits = index_of(tmp_path, *TIERS).search("alph zetag")
    assert [(h.matched, h.tier) for h in hits] == [("alpha zetagland", PREFIX)]


def test_a_source_title_is_at_most_an_exact_match_and_comes_after_text(tmp_path):
    index = index_of(tmp_path, ("text: An info note.", "text: The guideline gives a hint."))
    source = next(h for h in index.search("a guideline") if h.kind == HitKind.SOURCE)
    assert (source.matched, source.tier) == ("A guideline", EXACT)  # its whole title
    hits = index.search("guideline a")
    assert [h.kind for h in hits][:2] == [HitKind.CAUTION, HitKind.SOURCE]
    assert {h.tier for h in hits[:2]} == {EXACT}


def test_every_query_word_must_match_however_many_words_one_of_them_begins(tmp_path):
    """"alpha bol": a text with "alpha" alone is no match, though "bol" begins many words."""
    index = SearchIndex(load(MINIMAL), {"upper-test": "alpha",
                                        "lower-test": "bolster bolsters bolted bolts alpha"})
    assert [h.target for h in index.search("alpha bol")] == ["lower-test"]


def test_the_limit_keeps_the_best_of_the_guide_and_the_notes_together(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_text(TEXT.replace("relation: Lies deep to the ribs.", "relation: Alpha zeta"),
                    encoding="utf-8")
    index = SearchIndex(load(path), {"lower-test": "an alpha zeta note"})
    assert [h.kind for h in index.search("alpha zeta", limit=1)] == [HitKind.RELATION]
    assert [h.kind for h in index.search("alpha zeta", limit=2)] == [HitKind.RELATION,
                                                                     HitKind.NOTE]

"""A structure at risk is found by the harm it suffers: "pneumothorax" finds the lung and
pleura. The link is the data's own: a danger caution headed with the harm ("Pneumothorax.")
that names a structure its page lists at risk. Nothing else links a harm to a structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from needleguide import paths
from needleguide.core.fields import HitKind
from needleguide.core.loader import load
from needleguide.core.search import FUZZY, PHRASE, PREFIX, SearchIndex
from needleguide.core.vocabulary import Vocabulary, load_vocabulary
from tests.conftest import MINIMAL

TEXT = MINIMAL.read_text(encoding="utf-8")
# upper-test lists test-nerve and test-lung at risk; lower-test lists test-nerve only.
HARM = TEXT.replace("text: A danger note.",
                    "text: Testothorax. Keep the needle away from the test lung.")


def index_of(tmp_path: Path, text: str, vocabulary: Vocabulary | None = None) -> SearchIndex:
    path = tmp_path / "regions.yaml"
    path.write_text(text, encoding="utf-8")
    return SearchIndex(load(path), vocabulary=vocabulary)


def at_risk(index: SearchIndex, query: str) -> list[str]:
    return [h.label for h in index.search(query) if h.hazard]


def test_the_harm_finds_the_structure_its_danger_caution_names_first(tmp_path):
    hits = index_of(tmp_path, HARM).search("testothorax")
    first = hits[0]
    assert (first.kind, first.target, first.label) == (HitKind.STRUCTURE, "test-lung",
                                                       "Test lung")
    assert first.page == ("structure", "test-lung") and first.anchor == ""
    assert (first.hazard, first.tier, first.level) == ("testothorax", PHRASE, "danger")
    assert first.explanation == ("structure at risk: the danger cautions about "
                                 "\u2018testothorax\u2019 name it")
    assert first.title == "Test lung"
    assert first.matched == "Testothorax. Keep the needle away from the test lung."
    assert hits[1].kind == HitKind.CAUTION  # the caution itself comes next
    assert [h.label for h in hits].count("Test lung") == 1


def test_a_harm_typed_with_a_typo_or_half_typed_still_finds_it(tmp_path):
    index = index_of(tmp_path, HARM)
    typo = index.search("tesothorax")[0]
    assert (typo.label, typo.hazard, typo.tier) == ("Test lung", "testothorax", FUZZY)
    start = index.search("testotho")[0]
    assert (start.label, start.hazard, start.tier) == ("Test lung", "testothorax", PREFIX)


def test_a_structure_the_caution_does_not_name_is_not_linked(tmp_path):
    """upper-test lists the test nerve at risk too, but its caution does not name it."""
    assert at_risk(index_of(tmp_path, HARM), "testothorax") == ["Test lung"]


def test_only_the_whole_heading_of_the_caution_links_it(tmp_path):
    index = index_of(tmp_path, HARM)
    assert at_risk(index, "needle") == []  # said later in the caution: not its harm
    assert at_risk(index, "testothorax keep") == []
    text = TEXT.replace("text: A danger note.", "text: Testo thorax. The test lung.")
    index = index_of(tmp_path, text)
    assert at_risk(index, "testo thorax") == ["Test lung"]  # the heading's words, in order
    assert index.search("testo thorax")[0].hazard == "testo thorax"
    assert at_risk(index, "thorax testo") == []
    assert at_risk(index, "testo") == []  # a word of the heading is not the harm
    assert at_risk(index, "testo thorax the") == []


def test_a_caution_without_a_heading_links_nothing_to_its_first_words(tmp_path):
    """"A systematic review found ..." is no heading: "a" is not a harm."""
    text = TEXT.replace("text: A danger note.", "text: A review names the test lung")
    index = index_of(tmp_path, text)
    assert at_risk(index, "a") == [] and at_risk(index, "a review") == []


def test_a_name_that_matches_outranks_the_link(tmp_path):
    """The caution begins with the structure's own name: the name hit is the answer and is
    not repeated as a link."""
    text = TEXT.replace("text: A danger note.", "text: Test lung. Deep needles reach it.")
    hits = index_of(tmp_path, text).search("test lung")
    assert (hits[0].label, hits[0].hazard, hits[0].explanation) == ("Test lung", "",
                                                                    "structure")
    assert [h.label for h in hits].count("Test lung") == 1


def test_a_warning_or_info_caution_is_not_a_harm_link(tmp_path):
    text = TEXT.replace("text: A warning note.", "text: Testothorax. Near the test nerve.") \
        .replace("text: An info note.", "text: Testothorax. Near the test lung.")
    assert at_risk(index_of(tmp_path, text), "testothorax") == []


def test_a_structure_named_but_not_at_risk_on_that_page_is_not_linked(tmp_path):
    """lower-test does not list the test lung: its danger caution naming it is no link."""
    text = TEXT.replace("text: A warning note.", "text: Testothorax near the test lung.") \
        .replace("level: warning\n        text: Testothorax", "level: danger\n        text: "
                 "Testothorax")
    assert "level: danger\n        text: Testothorax near the test lung." in text
    assert at_risk(index_of(tmp_path, text), "testothorax") == []


def test_a_synonym_in_the_caution_names_the_structure(tmp_path):
    text = TEXT.replace("text: A danger note.", "text: Testpalsy. The probe nerve is hit.")
    assert at_risk(index_of(tmp_path, text), "testpalsy") == ["Test nerve"]


def test_each_structure_is_listed_once_in_the_order_its_page_lists_them(tmp_path):
    text = TEXT.replace("text: A danger note.", "text: Testpalsy. The test lung and the "
                        "test nerve.").replace(
        "text: A warning note.", "text: Testpalsy. Of the test nerve.").replace(
        "level: warning\n        text: Testpalsy", "level: danger\n        text: Testpalsy")
    index = index_of(tmp_path, text)
    assert at_risk(index, "testpalsy") == ["Test nerve", "Test lung"]


def test_the_vocabulary_leads_to_the_harm_and_so_to_the_structure(tmp_path):
    from needleguide.core.vocabulary import Term
    vocabulary = Vocabulary(terms=(Term(("sore chest",), "testothorax", "lay",
                                        (("region", "upper-test"),)),))
    hit = index_of(tmp_path, HARM, vocabulary).search("sore chest")[0]
    assert (hit.label, hit.hazard, hit.via) == ("Test lung", "testothorax", "sore chest")


@pytest.fixture(scope="module")
def shipped() -> SearchIndex:
    data = load(paths.default_data_file())
    return SearchIndex(data, vocabulary=load_vocabulary(
        paths.vocabulary_file_for(paths.default_data_file()), data))


def test_pneumothorax_finds_the_lung_and_pleura_first(shipped):
    first = shipped.search("pneumothorax")[0]
    assert (first.kind, first.target, first.hazard) == (HitKind.STRUCTURE, "lung-pleura",
                                                        "pneumothorax")
    assert shipped.search("PTX")[0].target == "lung-pleura"  # by the vocabulary, too


def test_nerve_injury_finds_the_nerves_its_danger_cautions_name(shipped):
    linked = {h.target for h in shipped.search("nerve injury") if h.hazard}
    assert "median-nerve" in linked


def test_a_muscle_cards_danger_caution_links_the_structures_the_card_relates(tmp_path):
    from tests.core.test_muscles import with_card
    text = with_card(TEXT).replace("text: A danger note on the muscle.",
                                   "text: Testpalsy. The probe nerve is hit.")
    assert at_risk(index_of(tmp_path, text), "testpalsy") == ["Test nerve"]


def test_a_name_that_matches_as_well_ranks_before_a_linked_structure(tmp_path):
    """"probe" is a name of the test nerve; a caution headed "Probe." names the test lung."""
    text = TEXT.replace("text: A danger note.", "text: Probe. The test lung is near.")
    hits = index_of(tmp_path, text).search("probe")
    assert [(h.label, h.hazard) for h in hits[:2]] == [("Test nerve", ""),
                                                       ("Test lung", "probe")]
    assert hits[2].kind == HitKind.CAUTION


def test_a_closer_typo_of_a_harm_heading_links_first(tmp_path):
    text = TEXT.replace("text: A danger note.", "text: Testothora. The test lung.") \
        .replace("text: A warning note.", "text: Testothorax. The test nerve.") \
        .replace("level: warning\n        text: Testothorax", "level: danger\n        text: "
                 "Testothorax")
    hits = [h for h in index_of(tmp_path, text).search("testothoraxx") if h.hazard]
    assert [(h.label, h.hazard, h.tier) for h in hits] == [
        ("Test nerve", "testothorax", FUZZY), ("Test lung", "testothora", FUZZY)]

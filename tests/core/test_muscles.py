"""Muscle cards (issue 15): first-class muscle entries, checked with located errors, linked from
their region, found by search and shipped for the muscles clinicians needle most."""

from __future__ import annotations

import pytest

from needleguide import paths
from needleguide.core.errors import DataError
from needleguide.core.loader import load, load_text
from needleguide.core.model import Level, Position
from needleguide.core.search import SearchIndex
from needleguide.core.vocabulary import load_vocabulary

CARD = """muscles:
  - id: test-muscle
    name: Test muscle
    synonyms: [TM]
    regions: [upper-test]
    relations:
      - structure: test-nerve
        position: deep
        text: Runs under the test muscle.
        sources: [GUIDE1]
      - position: beside
        text: A fascia beside it.
        sources: [GUIDE1]
    distances:
      - what: Skin to nerve
        figure: "1 cm"
        sample: {n: 10, who: adults, method: ultrasound}
        sources: [GUIDE1]
    approaches:
      - target: The muscle belly
        position: prone
        sources: [GUIDE1]
    cautions:
      - level: info
        text: An info note on the muscle.
        sources: [GUIDE1]
      - level: danger
        text: A danger note on the muscle.
        sources: [GUIDE1]
"""
LINK = "      - name: Test muscle\n        sources: [GUIDE1]\n"


def with_card(minimal_text: str, card: str = CARD, link: str = "test-muscle") -> str:
    text = minimal_text.replace("regions:\n", card + "regions:\n", 1)
    return text.replace(LINK, LINK + f"        muscle: {link}\n", 1)


def problems(text: str) -> str:
    with pytest.raises(DataError) as info:
        load_text(text, "m.yaml")
    return str(info.value)


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_a_muscle_card_loads_and_its_region_links_to_it(minimal_text):
    data = load_text(with_card(minimal_text), "m.yaml")
    card = data.muscle("test-muscle")
    assert card.regions == ("upper-test",)
    assert card.synonyms == ("TM",)
    assert [s.id for s in card.at_risk] == ["test-nerve"]
    assert card.relations[0].position is Position.DEEP
    assert card.relations[1].structure is None
    assert card.distances[0].sample.n == 10
    assert card.approaches[0].position == "prone"
    assert [c.level for c in card.cautions_by_severity] == [Level.DANGER, Level.INFO]
    assert data.region("upper-test").muscles[0].muscle == "test-muscle"


def test_a_region_linking_an_unknown_muscle_card_is_located(minimal_text):
    text = with_card(minimal_text, link="test-musle")
    said = problems(text)
    assert f"m.yaml:{line_of(text, '        muscle: test-musle')}:17:" in said
    assert "unknown muscle card 'test-musle'" in said and "did you mean 'test-muscle'" in said


def test_a_card_naming_an_unknown_region_is_located(minimal_text):
    text = with_card(minimal_text, CARD.replace("regions: [upper-test]",
                                                "regions: [upper-test, nowhere]"))
    said = problems(text)
    assert f"m.yaml:{line_of(text, '    regions: [upper-test, nowhere]')}:" in said
    assert "unknown region 'nowhere' in muscle 'test-muscle'" in said


def test_a_region_may_link_only_a_card_that_names_it(minimal_text):
    text = with_card(minimal_text, CARD.replace("regions: [upper-test]",
                                                "regions: [lower-test]"))
    assert "region 'upper-test' links muscle card 'test-muscle', whose regions" in \
        problems(text)


def test_a_linked_structure_must_be_at_risk_in_one_of_its_regions(minimal_text):
    text = with_card(minimal_text, CARD.replace("structure: test-nerve",
                                                "structure: test-lung"))
    text = text.replace("      - structure: test-lung\n        relation: Lies deep to the ribs."
                        "\n        sources: [GUIDE1]\n", "", 1)
    said = problems(text)
    assert "links structure 'test-lung', which none of its regions (upper-test) lists" in said
    assert f"m.yaml:{line_of(text, '  - id: test-muscle')}:9:" in said


def test_a_card_without_a_sourced_structure_at_risk_is_refused(minimal_text):
    card = CARD.replace("      - structure: test-nerve\n        position: deep\n"
                        "        text: Runs under the test muscle.\n        sources: [GUIDE1]\n",
                        "")
    said = problems(with_card(minimal_text, card))
    assert "links no structure at risk" in said and "OPEN-ITEMS.md" in said


@pytest.mark.parametrize("old, new, message", [
    ("position: deep", "position: under", "position of a relation of muscle 'test-muscle' "
                                          "must be one of deep, through, beside, superficial"),
    ("        sources: [GUIDE1]\n    distances", "        sources: []\n    distances",
     "cites no source"),
    ("target: The muscle belly", "target: ''", "target of an approach"),
    ("    synonyms: [TM]\n", "    synonyms: [TM]\n    depth: 3 cm\n", "unknown field 'depth'"),
    ("sample: {n: 10,", "sample: {n: ten,", "n of the sample"),
])
def test_bad_muscle_fields_are_located(minimal_text, old, new, message):
    text = with_card(minimal_text, CARD.replace(old, new, 1))
    assert message in problems(text)


def test_a_danger_caution_on_a_card_needs_more_than_a_clinic_blog(minimal_text):
    card = CARD.replace("text: A danger note on the muscle.\n        sources: [GUIDE1]",
                        "text: A danger note on the muscle.\n        sources: [BLOG1]")
    assert "rests only on clinic blogs" in problems(with_card(minimal_text, card))


def test_two_cards_may_not_share_a_name(minimal_text):
    second = CARD.replace("muscles:\n", "").replace("id: test-muscle", "id: other-muscle")
    text = with_card(minimal_text, CARD + second.replace("synonyms: [TM]", "synonyms: [TM2]"))
    assert "'Test muscle' names both muscle 'test-muscle' and muscle 'other-muscle'" in \
        problems(text)


# -- the shipped data ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load(paths.default_data_file())


def test_at_least_20_muscles_have_cards_across_all_nine_regions(shipped):
    assert len(shipped.muscles) >= 20
    assert {r for m in shipped.muscles for r in m.regions} == {r.id for r in shipped.regions}


def test_every_card_is_reachable_from_its_region_card(shipped):
    linked = {(m.muscle, r.id) for r in shipped.regions for m in r.muscles if m.muscle}
    for card in shipped.muscles:
        assert any((card.id, r) in linked for r in card.regions), card.id


def test_every_card_fact_cites_a_source_that_says_what_was_read(shipped):
    for card in shipped.muscles:
        assert card.at_risk, card.id
        facts = (*card.relations, *card.distances, *card.approaches, *card.cautions)
        for fact in facts:
            assert fact.sources
            for sid in fact.sources:
                source = shipped.sources[sid]
                assert source.read and (source.url or source.doi or source.pmid), sid


def test_no_card_reports_a_safe_depth(shipped):
    for card in shipped.muscles:
        for text in [d.what + d.figure for d in card.distances] + \
                [a.direction for a in card.approaches]:
            assert "safe depth" not in text.lower() or "not a validated safe depth" in text


# -- search ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def index(shipped) -> SearchIndex:  # type: ignore[no-untyped-def]
    vocabulary = load_vocabulary(paths.vocabulary_file_for(paths.default_data_file()), shipped)
    return SearchIndex(shipped, None, vocabulary)


@pytest.mark.parametrize("query, muscle", [
    ("piriformis", "piriformis"),          # a region synonym too: the card is the answer
    ("Infraspinatus", "infraspinatus"),
    ("pec minor", "pectoralis-minor"),      # a synonym
    ("OCI", "obliquus-capitis-inferior"),  # an abbreviation in the data
    ("RCPMaj", "rectus-capitis-posterior-major"),
    ("UT", "upper-trapezius"),              # an abbreviation from the vocabulary
    ("gastrocnemious", "gastrocnemius"),    # a typo
    ("QL", "quadratus-lumborum"),           # vocabulary abbreviation, now a card
    ("levator scapulae", "levator-scapulae"),
])
def test_search_finds_the_muscle_card_first(index, query, muscle):
    hit = index.search(query)[0]
    assert hit.page == ("muscle", muscle), [h.page for h in index.search(query)[:3]]
    assert "muscle card" in hit.explanation


def test_a_muscle_cards_text_is_searchable_and_opens_the_card(index):
    hits = index.search("C2 lamina")
    assert ("muscle", "obliquus-capitis-inferior") in [h.page for h in hits]
    relation = next(h for h in index.search("soleal arch")
                    if h.page == ("muscle", "soleus") and h.kind == "relation")
    assert relation.where == "Tibial nerve, on the Soleus muscle card"


# -- study ----------------------------------------------------------------------------------------

def test_study_asks_about_muscle_cards_with_distractors_the_data_says_are_wrong(shipped):
    import random

    from needleguide.core import study

    questions = [q for q in study.generate_questions(shipped, random.Random(3))
                 if q.kind == "muscle"]
    asked = {q.id.split(":")[2].split("/")[0] for q in questions}
    assert asked == {m.id for m in shipped.muscles}
    for q in questions:
        muscle = shipped.muscle(q.id.split(":")[2].split("/")[0])
        assert _lower(muscle.name) in q.prompt
        assert q.answer in {s.id for s in muscle.at_risk}
        near = {s.structure.id for r in muscle.regions
                for s in shipped.region(r).structures}
        assert all(c.key not in near for c in q.choices if c.key != q.answer)
        assert q.citations


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


def test_a_muscle_id_may_not_be_a_region_id(minimal_text):
    """Notes are keyed by region id or muscle id: the two must never meet."""
    text = with_card(minimal_text, CARD.replace("id: test-muscle", "id: lower-test"),
                     link="lower-test")
    assert "muscle id 'lower-test' is also a region id" in problems(text)

"""Every safety question finds its answer in the shipped data, with the shipped vocabulary;
typos are forgiven but never cross into another structure."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needleguide import paths
from needleguide.core.fields import data_fields
from needleguide.core.loader import load
from needleguide.core.search import FUZZY, Hit, SearchIndex
from needleguide.core.text import fold
from needleguide.core.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return load(paths.default_data_file())


@pytest.fixture(scope="module")
def index(data) -> SearchIndex:  # type: ignore[no-untyped-def]
    vocabulary = load_vocabulary(paths.vocabulary_file_for(paths.default_data_file()), data)
    return SearchIndex(data, {"gluteal": "Patient on warfarin: ask about bruising"}, vocabulary)


def texts(hits: list[Hit]) -> str:
    return " | ".join(fold(h.matched) for h in hits)


@pytest.mark.parametrize("query, says, where", [
    ("warfarin", "anticoagulant", "Checklist: Before you needle: screening (partial)"),
    ("apixaban", "anticoagulant", "Checklist: Before you needle: screening (partial)"),
    ("Eliquis", "anticoagulant", "Checklist: Before you needle: screening (partial)"),
    ("blood thinner", "anticoagulant", "Checklist: Before you needle: screening (partial)"),
    ("anticoagulant", "anticoagulant", "Checklist: Before you needle: screening (partial)"),
    ("clopidogrel", "antiplatelet", "Checklist: Before you needle: screening (partial)"),
    ("bleeding", "bleeding", "Checklist: Before you needle: screening (partial)"),
    ("pneumothorax", "pneumothorax", "Checklist: Pneumothorax: warning signs to tell patients"),
    ("short of breath", "breathlessness",
     "Checklist: Pneumothorax: warning signs to tell patients"),
    ("chest pain", "chest pain", "Checklist: Pneumothorax: warning signs to tell patients"),
    ("contraindication", "contraindication", "Checklist: Before you needle: screening (partial)"),
])
def test_safety_questions_find_the_text_that_answers_them(index, query, says, where):
    hits = index.search(query)
    answers = [h for h in hits if says in fold(h.matched) and h.where.endswith(where)]
    assert answers, f"{query!r}: no hit in {where!r} saying {says!r}: {texts(hits)}"
    assert hits.index(answers[0]) < 10  # on the first screen of results


def test_a_drug_name_says_which_word_of_the_data_it_was_found_as(index):
    hit = index.search("apixaban")[0]
    assert (hit.via, hit.means) == ("apixaban", "anticoagulant")
    assert "\u2018apixaban\u2019" in hit.explanation and "anticoagulant" in hit.explanation


def test_danger_comes_first_at_equal_match_quality(index):
    hits = [h for h in index.search("pneumothorax") if h.kind in ("caution", "checklist")]
    levels = [h.level for h in hits]
    assert levels[0] == "danger"
    assert levels == sorted(levels, key=lambda lv: {"danger": 0, "warning": 1}.get(lv, 2))


def test_results_say_where_the_match_is(index):
    wheres = {h.where for h in index.search("pneumothorax", limit=100)}
    assert "\u26a0 Danger caution in Upper back" in wheres
    assert "\u26a0 Checklist: Pneumothorax: warning signs to tell patients" in wheres
    assert any(w.startswith("Source (") for w in wheres)
    assert any(h.where.startswith("Reported distance in ") for h in index.search("skin to rib"))


@pytest.mark.parametrize("kind", ["summary", "muscle-note", "relation", "condition-note",
                                  "caution", "distance", "correction", "checklist", "source",
                                  "region", "structure", "condition", "muscle"])
def test_every_kind_of_text_is_searchable(data, index, kind):
    field = next(f for f in data_fields(data) if f.kind == kind)
    hits = index.search(field.text, limit=200)
    assert any(h.kind == kind and h.page == field.page and h.anchor == field.anchor
               for h in hits), field


def test_the_users_notes_are_searched_too(index):
    hit = next(h for h in index.search("bruising") if h.kind == "note")
    assert hit.page == ("region", "gluteal")


def test_exact_whole_name_outranks_a_mention(index):
    assert index.search("sciatic nerve")[0].page == ("structure", "sciatic-nerve")
    assert index.search("lung")[0].page == ("structure", "lung-pleura")


@pytest.mark.parametrize("query", ["lymphoedema", "Lymphedema patient", "needle phobia",
                                   "joint replacement", "electroacupuncture", "lymphoed"])
def test_topics_the_guide_leaves_out_say_so(index, query):
    hit = index.search(query)[0]
    assert hit.kind == "not-covered"
    said = f"{hit.title}. {hit.explanation}"
    assert said.startswith("Not covered in this guide: ")
    assert "follow your professional body\u2019s guidance" in said.lower()


# -- typos: the intended term, and near misses that must not match ------------------------------

@pytest.mark.parametrize("typo, intended", [
    ("siatic", "sciatic"),
    ("piriformus", "piriformis"),
    ("carpel tunnel", "carpal tunnel"),
    ("pnemothorax", "pneumothorax"),
    ("pneumothorx", "pneumothorax"),
    ("suprascapuler", "suprascapular"),
    ("infraspinatous", "infraspinatus"),
    ("gastrocnemious", "gastrocnemius"),
    ("rhombiod", "rhomboid"),
    ("anticoagulent", "anticoagulant"),
    ("warfrin", "anticoagulant"),
    ("apixiban", "anticoagulant"),
])
def test_a_typo_finds_the_intended_term(index, typo, intended):
    hits = index.search(typo)
    assert hits and intended in fold(hits[0].matched + " " + hits[0].label), texts(hits)


@pytest.mark.parametrize("query, must_not", [
    ("median nerve", "medial"),
    ("median", "medial"),
    ("temporal", "femoral"),
    ("lung", "long thoracic"),
    ("perineal", "peroneal"),
    ("ulna", "ulnar"),
    ("radius", "radial"),
])
def test_near_misses_never_cross_into_another_structure(index, query, must_not):
    """Every hit must match the query's own word; none may match only through its
    clinically distinct look-alike."""
    words = fold(query).split()
    for hit in index.search(query, limit=200):
        text = fold(hit.matched + " " + (hit.label if hit.kind != "source" else ""))
        assert all(any(w.startswith(q) and not w == must_not.split()[0]
                       for w in text.split()) or q in (hit.via or "") for q in words), hit
        if hit.kind in ("structure", "region", "condition", "muscle"):
            assert fold(must_not) not in fold(hit.label), hit


def test_distinct_pairs_block_typos_even_where_the_data_lacks_the_word():
    from needleguide.core.vocabulary import Vocabulary

    data = load(paths.default_data_file())
    plain = SearchIndex(data)
    guarded = SearchIndex(data, vocabulary=Vocabulary(distinct=(("peroneal", "perineal"),)))
    assert any("peroneal" in fold(h.matched) for h in plain.search("perineal"))
    assert guarded.search("perineal") == []


def test_a_single_letter_or_empty_query_is_harmless(index):
    assert index.search("") == [] and index.search("  ,; ") == []
    assert isinstance(index.search("a"), list)


def test_new_notes_reuse_the_data_index_and_replace_the_old_notes(index):
    updated = index.with_notes({"neck": "check the bolster height"})
    assert updated.parts[0] is index.parts[0]  # the data is not indexed again
    assert [h.page for h in updated.search("bolster") if h.kind == "note"] == [("region", "neck")]
    assert not any(h.kind == "note" for h in updated.search("bruising"))
    assert updated.search("warfarin")[0].via == "warfarin"  # same vocabulary


def test_a_not_covered_word_does_not_hide_the_rest_of_the_question(index):
    hits = index.search("lymphoedema neck pain")
    assert hits[0].kind == "not-covered"
    assert ("condition", "neck-pain") in [h.page for h in hits[1:]]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60))
def test_any_query_gives_results_or_an_empty_list_never_an_error(index, query):
    hits = index.search(query)
    assert isinstance(hits, list) and len(hits) <= 30
    assert all(h.page[0] in ("region", "structure", "condition", "muscle", "checklist",
                             "after-events") for h in hits)


@pytest.mark.parametrize("query, entry", [("pregnant", "pregnant"), ("pregnancy", "Pregnancy"),
                                          ("epilepsy", "Epilepsy"), ("seizure", "Epilepsy")])
def test_topics_the_checklist_now_covers_lead_to_it(index, query, entry):
    """The second edition added pregnancy and epilepsy to screening: no longer 'not covered'."""
    hit = index.search(query)[0]
    assert hit.kind == "checklist" and hit.page == ("checklist", "")
    assert entry.lower() in hit.matched.lower()


@pytest.mark.parametrize("note, query", [("Pacjent z Łodzi: ból barku", "łodzi"),
                                         ("Ασθενής με πόνο στον ώμο", "ωμο"),
                                         ("Боль в плече после работы", "плече")])
def test_a_note_in_another_script_is_found(index, note, query):
    notes = index.with_notes({"neck": note})
    assert [h.page for h in notes.search(query) if h.kind == "note"] == [("region", "neck")]


@pytest.mark.parametrize("note, query", [("Pacjent z Łodzi: ból barku", "lodzi"),
                                         ("Wizyta w Łódź, ból barku", "Łódź"),
                                         ("Wizyta w Łódź, ból barku", "lodz"),
                                         ("Ασθενής με πόνο στον ώμο", "ΩΜΟ"),
                                         ("Боль в плече после работы", "ПЛЕЧЕ")])
def test_a_note_is_found_as_a_clinician_types_it(index, note, query):
    """Typed without the letters' marks or in capitals: "lodz" finds "Łódź", as the word
    itself, not as a typo of it (a typo match ranks below every exact one)."""
    notes = index.with_notes({"neck": note})
    assert [(h.page, h.tier > FUZZY) for h in notes.search(query) if h.kind == "note"] == [
        (("region", "neck"), True)]

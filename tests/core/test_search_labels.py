"""What each result says about itself: its title (the first line), where the match is, and
what it matched. A clinician reads these before opening a result, so each kind of hit must
say, in words, what it is and where it is."""

from __future__ import annotations

import pytest

from needleguide.core.fields import HitKind
from needleguide.core.search import NOT_COVERED_FOLLOW, SNIPPET_CHARS, Hit

K = HitKind


def hit(kind: HitKind, **fields: object) -> Hit:
    base: dict[str, object] = {"target": "x", "label": "Label", "matched": "the text",
                               "score": 1.0, "region": "Gluteal"}
    base.update(fields)
    return Hit(kind, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind,level,page,where", [
    (K.CAUTION, "danger", ("region", "x"), "\u26a0 Danger caution in Gluteal"),
    (K.CAUTION, "warning", ("region", "x"), "\u25b2 Warning caution in Gluteal"),
    (K.CAUTION, "info", ("region", "x"), "Caution in Gluteal"),
    (K.CAUTION, "", ("region", "x"), "Caution in Gluteal"),
    (K.CHECKLIST, "danger", ("checklist", ""), "\u26a0 Checklist: Gluteal"),
    (K.CHECKLIST, "", ("checklist", ""), "Checklist: Gluteal"),
    (K.AFTER_EVENT, "warning", ("after-events", ""), "\u25b2 Something went wrong: Gluteal"),
    (K.AFTER_EVENT, "", ("after-events", ""), "Something went wrong: Gluteal"),
    (K.RELATION, "", ("muscle", "x"), "Label, on the Gluteal muscle card"),
    (K.RELATION, "", ("region", "x"), "Label, at risk in Gluteal"),
    (K.CONDITION_NOTE, "", ("region", "x"), "Label, needled in Gluteal"),
    (K.MUSCLE_NOTE, "", ("region", "x"), "Muscle note in Gluteal: Label"),
    (K.APPROACH, "", ("muscle", "x"), "Needling approach: Gluteal"),
    (K.DISTANCE, "", ("region", "x"), "Reported distance in Gluteal"),
    (K.CORRECTION, "", ("region", "x"), "Correction in Gluteal"),
    (K.SUMMARY, "", ("region", "x"), "Summary of Gluteal"),
    (K.SOURCE, "", ("region", "x"), "Source (Gluteal): Label"),
    (K.MUSCLE, "", ("region", "x"), "muscle in Gluteal"),
    (K.NOTE, "", ("region", "x"), "note in Gluteal"),
])
def test_where_a_match_is_says_the_kind_the_level_and_the_place(kind, level, page, where):
    h = hit(kind, level=level, page=page)
    assert h.where == where
    if kind not in (K.MUSCLE, K.NOTE):
        assert h.title == where  # a sentence's first line is where it is


def test_a_hit_without_a_place_says_only_its_kind():
    assert hit(K.STRUCTURE, region="").where == "structure"


def test_a_long_source_title_is_shortened_in_where_it_is():
    h = hit(K.SOURCE, label="word " * 30, region="guideline")
    assert h.where.startswith("Source (guideline): word word")
    assert h.where.endswith("\u2026") and len(h.where) == len("Source (guideline): ") + \
        SNIPPET_CHARS


@pytest.mark.parametrize("kind", [K.REGION, K.STRUCTURE, K.CONDITION, K.MUSCLE, K.MUSCLE_CARD,
                                  K.NOTE, K.NOT_COVERED, K.OFFER])
def test_names_notes_and_answers_are_titled_with_their_label(kind):
    assert hit(kind).title == "Label"


def test_a_name_says_its_kind_and_region():
    assert hit(K.MUSCLE, matched="Label").explanation == "muscle in Gluteal"
    assert hit(K.MUSCLE_CARD, matched="Label").explanation == "muscle card in Gluteal"
    assert hit(K.STRUCTURE, matched="Label", region="").explanation == "structure"


def test_a_synonym_says_what_matched_and_part_of_the_name_does_not():
    assert hit(K.STRUCTURE, label="Sciatic nerve", matched="ischiadic", region="").explanation \
        == "structure, matched \u2018ischiadic\u2019"
    assert hit(K.STRUCTURE, label="Sciatic nerve", matched="SCIATIC", region="").explanation \
        == "structure"


def test_a_sentence_is_quoted():
    assert hit(K.CAUTION, matched="Keep  the\nneedle shallow.").explanation == \
        "\u2018Keep the needle shallow.\u2019"


def test_a_long_sentence_is_quoted_to_one_line():
    text = "Keep the needle shallow " * 5
    quoted = hit(K.CAUTION, matched=text).explanation
    assert quoted == "\u2018" + text[:SNIPPET_CHARS - 1].rstrip() + "\u2026\u2019"


def test_not_covered_says_to_follow_the_professional_body():
    assert hit(K.NOT_COVERED, matched="implant").explanation == NOT_COVERED_FOLLOW


def test_the_offer_says_what_it_offers():
    assert hit(K.OFFER, matched="read it before every session").explanation == \
        "read it before every session"


def test_a_vocabulary_word_says_what_it_was_found_as():
    h = hit(K.CAUTION, matched="Anticoagulant drugs", via="warfarin", means="anticoagulant")
    assert h.explanation == ("\u2018Anticoagulant drugs\u2019 \u2014 found for "
                             "\u2018warfarin\u2019 as \u2018anticoagulant\u2019")

"""What a student reads in study mode: each kind of question asks in plain, grammatical English
("where do the lung and pleura lie?", "the gluteal region", "TOS" keeps its capitals), the
feedback explains the fact behind the answer, and every question shows its sources' citations
with their evidence kind. On tests/data/study.yaml (placeholder facts)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from needleguide.core import study
from needleguide.core.loader import load
from needleguide.core.model import ReferenceData

STUDY = Path(__file__).resolve().parents[1] / "data" / "study.yaml"
GUIDE = "Doe J. A guideline. Journal of Tests. 2020;1(1):1-2. doi:10.1000/test [guideline]"
BLOG = "A clinic blog post. https://example.org/blog [clinic blog]"


@pytest.fixture
def data() -> ReferenceData:
    """Loaded for each test: questions are made once per data set, so a shared one would
    leave all but the first test unrecorded as making them (mutmut runs only those)."""
    return load(STUDY)


@pytest.fixture
def questions(data: ReferenceData) -> dict[str, study.Question]:
    return {q.id: q for q in study.generate_questions(data, random.Random(0))}


@pytest.mark.parametrize("qid, prompt", [
    ("at-risk:upper-back:alpha-nerve",
     "Which of these structures does this guide list as at risk when you needle the upper "
     "back region?\nMuscles needled there: Triceps brachii; Rhomboid major."),
    # a region named "... region" is not "the gluteal region region"
    ("at-risk:gluteal:beta-nerve",
     "Which of these structures does this guide list as at risk when you needle the gluteal "
     "region?\nMuscles needled there: Gluteus medius."),
    ("condition:upper-back:neck-pain",
     "In this guide, which of these regions is needled for neck pain?"),
    ("condition:front-arm:tos",   # an abbreviation keeps its capitals
     "In this guide, which of these regions is needled for TOS?"),
    ("condition:front-arm:os-trigonum",   # a two-letter word loses its capital
     "In this guide, which of these regions is needled for os trigonum syndrome?"),
    ("needled-for:gluteal:low-back-pain",
     "In this guide, which of these conditions is the gluteal region needled for?"),
    ("needled-for:front-arm:tos",
     "In this guide, which of these conditions is the front arm region needled for?"),
    ("map:upper-back:rhomboid-major",
     "Which region of the body do you needle to reach Rhomboid major?"),
    ("correction:upper-back:correction-0",
     "A clinic source claims: \u201cThe blog says X.\u201d\nWhich of these is what the "
     "evidence in this guide says about it?"),
    ("sample:upper-back:distance-0",
     "In the upper back region, this distance was reported: Skin to rib: 2.1 cm\nIn which "
     "study sample was it measured?"),
    ("after-event:fainting:item-1",
     "Something went wrong: Fainting.\nWhich of these is this guide's advice for it?"),
    ("muscle:upper-back:rhomboid-major/lung-pleura",
     "Which of these structures does this guide say lies deep to rhomboid major?\n"
     "From its muscle card."),
    ("muscle:upper-back:rhomboid-major/c5-root",
     "Which of these structures does this guide list as at risk when you needle rhomboid "
     "major?\nFrom its muscle card."),
])
def test_each_kind_of_question_asks_in_plain_words(questions: dict[str, study.Question],
                                                    qid: str, prompt: str) -> None:
    assert questions[qid].prompt == prompt


@pytest.mark.parametrize("qid, where", [
    ("relation:upper-back:alpha-nerve", "where does the alpha nerve run?"),
    ("relation:upper-back:lung-pleura", "where do the lung and pleura lie?"),   # organ, "and"
    # plural, though a word before the last ends in -us
    ("relation:gluteal:iliac-vessels", "where do the iliac venous plexus vessels run?"),
    ("relation:front-arm:brachial-plexus", "where does the brachial plexus run?"),  # -us
    ("relation:upper-back:c5-root", "where does the C5 root run?"),   # keeps its capital
    ("relation:chest:spinal-cord", "where does the spinal cord lie?"),   # the cord lies
    ("relation:chest:red-artery", "where does the red artery run?"),
    ("relation:gluteal:renal-pelvis", "where does the renal pelvis lie?"),   # -is
    ("relation:gluteal:mastoid-process", "where does the mastoid process lie?"),   # -ss
])
def test_a_relation_question_agrees_with_the_structure_it_asks_about(
        questions: dict[str, study.Question], qid: str, where: str) -> None:
    region = "the gluteal region" if ":gluteal:" in qid else (
        "the chest region" if ":chest:" in qid else
        "the front arm region" if ":front-arm:" in qid else "the upper back region")
    assert questions[qid].prompt == f"In {region}, {where}"


@pytest.mark.parametrize("qid, explanation", [
    ("at-risk:upper-back:alpha-nerve", "Alpha nerve: Runs under the rhomboid."),
    ("condition:upper-back:neck-pain",
     "Upper back: Needled for it in one trial.\nAlso needled for it: Gluteal region, Chest."),
    ("condition:front-arm:tos", "Front arm: Needled for it."),   # needled for it there only
    ("needled-for:upper-back:neck-pain", "Upper back: Neck pain. Needled for it in one trial."),
    ("relation:upper-back:alpha-nerve",
     "Alpha nerve (Upper back). Also listed as at risk in: Gluteal region, Front arm."),
    ("relation:chest:red-artery",
     "Red artery (Chest). This guide lists it as at risk in the Chest region only."),
    ("map:upper-back:rhomboid-major",
     "This guide lists Rhomboid major among the muscles needled in the Upper back region."),
    ("correction:gluteal:correction-0",
     "Gluteal region: the claim is corrected by the evidence cited."),
    ("sample:upper-back:distance-0",
     "Skin to rib: 2.1 cm (n = 62, adults). A distance reported in a sample, not a safe depth "
     "for your patient."),
    ("after-event:bleeding:item-0",
     "Bleeding: see \u201cSomething went wrong\u201d for all of it."),
    ("muscle:upper-back:rhomboid-major/c5-root",
     "C5 root: The root runs beside it, as does the nervus delta."),
    ("map:front-arm:biceps",   # with the muscle's note
     "This guide lists Biceps among the muscles needled in the Front arm region. Not the "
     "triceps brachii."),
])
def test_the_feedback_explains_the_fact_behind_the_answer(
        questions: dict[str, study.Question], qid: str, explanation: str) -> None:
    assert questions[qid].explanation == explanation


@pytest.mark.parametrize("qid, citations", [
    ("at-risk:upper-back:alpha-nerve", (GUIDE,)),
    ("condition:chest:neck-pain", (GUIDE, BLOG)),   # every source of the fact, in order
    ("correction:upper-back:correction-0", (BLOG, GUIDE)),   # who claims it, then evidence
    ("muscle:upper-back:rhomboid-major/c5-root", (BLOG,)),
    ("after-event:fainting:item-0", (GUIDE,)),
])
def test_every_question_cites_its_sources_with_their_kind_of_evidence(
        questions: dict[str, study.Question], qid: str, citations: tuple[str, ...]) -> None:
    assert questions[qid].citations == citations


def test_a_distance_whose_figure_names_its_sample_size_is_not_asked(
        questions: dict[str, study.Question]) -> None:
    """'1 of 15 under 2 cm' would give away 'n = 15, cadavers, dissection'; so would
    'n = 33' and 'n=41'."""
    samples = sorted(qid for qid in questions if qid.startswith("sample:"))
    assert samples == ["sample:chest:distance-0", "sample:gluteal:distance-0",
                       "sample:upper-back:distance-0"]

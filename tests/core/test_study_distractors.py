"""The wrong choices a question offers: only what the data says is wrong, the most plausible
first, never two that read the same. For a few questions of each kind on tests/data/study.yaml
(placeholder facts) the wrong choices seen over many draws are exactly the ones the data allows.

A structure named anywhere in a region's text (or whose name is the synonym of one at risk
there) is never offered as "not at risk" there; a region that mentions a condition is never
offered as "not needled for it"; a relation sentence that names the structure asked about, or
reads like the answer, is never offered as where it lies."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest

from needleguide.core import study
from needleguide.core.loader import load, load_text
from needleguide.core.model import ReferenceData
from needleguide.core.text import fold

STUDY = Path(__file__).resolve().parents[1] / "data" / "study.yaml"
DRAWS = 60


@pytest.fixture
def data() -> ReferenceData:
    """Loaded for each test: questions are made once per data set, so a shared one would
    leave all but the first test unrecorded as making them (mutmut runs only those)."""
    return load(STUDY)


@pytest.fixture
def drawn(data: ReferenceData) -> dict[str, list[study.Question]]:
    """Each question as drawn with seeds 0..DRAWS-1."""
    out: dict[str, list[study.Question]] = defaultdict(list)
    for seed in range(DRAWS):
        for q in study.generate_questions(data, random.Random(seed)):
            out[q.id].append(q)
    return out


def _wrong(questions: list[study.Question]) -> set[str]:
    return {c.key for q in questions for c in q.choices if c.key != q.answer}


NERVES_NOT_AT_RISK_IN_UPPER_BACK = {"beta-nerve", "gamma-nerve", "delta-nerve",
                                    "brachial-plexus"}   # alpha 1 nerve: the alpha's synonym


@pytest.mark.parametrize("qid, wrong", [
    # enough nerves not at risk there: only nerves
    ("at-risk:upper-back:alpha-nerve", NERVES_NOT_AT_RISK_IN_UPPER_BACK),
    # two other organs, then every other structure not at risk there
    ("at-risk:upper-back:lung-pleura", NERVES_NOT_AT_RISK_IN_UPPER_BACK | {
        "renal-pelvis", "mastoid-process", "red-artery", "iliac-vessels", "spinal-cord"}),
    # the gluteal text names the gamma nerve and the delta nerve (by its synonym); two nerves
    # left, then the rest
    ("at-risk:gluteal:beta-nerve", {"brachial-plexus", "c5-root", "lung-pleura", "red-artery",
                                    "spinal-cord"}),
    # the chest text names the beta nerve; the alpha nerve's synonym is the alpha 1 nerve's name
    ("at-risk:chest:delta-nerve", {"gamma-nerve", "brachial-plexus", "c5-root"}),
    # one other vessel, then the rest
    ("at-risk:chest:red-artery", {"iliac-vessels", "gamma-nerve", "brachial-plexus",
                                  "c5-root", "lung-pleura", "renal-pelvis",
                                  "mastoid-process"}),
    # the card names the delta nerve (by its synonym) and the brachial plexus
    ("muscle:upper-back:rhomboid-major/c5-root", {"alpha-one-nerve", "beta-nerve",
                                                  "gamma-nerve"}),
    ("muscle:upper-back:rhomboid-major/lung-pleura", {
        "renal-pelvis", "mastoid-process", "alpha-one-nerve", "beta-nerve", "gamma-nerve",
        "iliac-vessels", "red-artery", "spinal-cord"}),
    # needled in three regions: none of them is wrong
    ("condition:upper-back:neck-pain", {"front-arm"}),
    # the front arm's caution mentions low back pain
    ("condition:gluteal:low-back-pain", {"chest", "upper-back"}),
    # the chest names whiplash (summary), frozen shoulder (a muscle's note), tennis elbow (by
    # its synonym, in a relation), sciatica (a condition's note), cramp (a caution), headache
    # (a correction) and gout (a distance)
    ("needled-for:chest:neck-pain", {"tos", "low-back-pain", "jaw-pain", "os-trigonum"}),
    ("needled-for:front-arm:tos", {"neck-pain", "whiplash", "frozen-shoulder", "tennis-elbow",
                                   "sciatica", "cramp", "headache", "gout", "jaw-pain"}),
    # the chest's delta nerve sentence names the beta nerve; the front arm's gamma nerve
    # sentence reads as the answer
    ("relation:gluteal:beta-nerve", {"chest/alpha-one-nerve", "front-arm/alpha-nerve",
                                     "front-arm/brachial-plexus", "upper-back/alpha-nerve",
                                     "upper-back/c5-root"}),
    ("relation:front-arm:alpha-nerve", {"chest/alpha-one-nerve", "chest/delta-nerve",
                                        "gluteal/beta-nerve", "upper-back/c5-root"}),
    ("relation:gluteal:iliac-vessels", {
        "chest/red-artery", "chest/alpha-one-nerve", "chest/delta-nerve", "chest/spinal-cord",
        "front-arm/alpha-nerve", "front-arm/brachial-plexus", "front-arm/gamma-nerve",
        "upper-back/alpha-nerve", "upper-back/c5-root", "upper-back/lung-pleura"}),
    # the back first (one other back region), then the front; the chest's pectoralis major
    # shares only a qualifier
    ("map:upper-back:rhomboid-major", {"gluteal", "front-arm", "chest"}),
    # "upper" qualifies the muscle: the upper back is a fine wrong answer
    ("map:front-arm:upper-trapezius", {"chest", "gluteal", "upper-back"}),
    ("correction:upper-back:correction-0", {"gluteal/correction-0", "chest/correction-0"}),
    ("sample:chest:distance-0", {"gluteal/distance-0", "gluteal/distance-1",
                                 "gluteal/distance-2", "upper-back/distance-0",
                                 "upper-back/distance-1"}),
    # never its own section's advice, nor advice that reads as its own
    ("after-event:bleeding:item-0", {"fainting/item-0"}),
    ("after-event:fainting:item-0", {"bleeding/item-0"}),
])
def test_the_wrong_choices_are_exactly_those_the_data_says_are_wrong(
        drawn: dict[str, list[study.Question]], qid: str, wrong: set[str]) -> None:
    assert _wrong(drawn[qid]) == wrong


@pytest.mark.parametrize("qid, first", [
    ("at-risk:chest:red-artery", "iliac-vessels"),   # the other vessel
    ("at-risk:gluteal:iliac-vessels", "red-artery"),
    ("at-risk:upper-back:lung-pleura", "renal-pelvis"),   # the other organs
    ("at-risk:upper-back:lung-pleura", "mastoid-process"),
    ("muscle:upper-back:rhomboid-major/lung-pleura", "renal-pelvis"),
    ("relation:gluteal:iliac-vessels", "chest/red-artery"),   # the other vessel's sentence
    ("map:upper-back:rhomboid-major", "gluteal"),   # the other region on the back
    ("map:chest:pectoralis-major", "front-arm"),     # the other region on the front
])
def test_the_most_plausible_wrong_choice_is_always_offered(
        drawn: dict[str, list[study.Question]], qid: str, first: str) -> None:
    assert all(first in {c.key for c in q.choices} for q in drawn[qid])


def test_a_question_offers_four_choices_when_the_data_has_three_wrong_ones(
        drawn: dict[str, list[study.Question]]) -> None:
    for qid, questions in drawn.items():
        wrong = len(_wrong(questions))
        for q in questions:
            assert len(q.choices) == min(wrong + 1, study.MAX_CHOICES), qid


def test_every_choice_reads_differently_and_the_answer_is_always_there(
        drawn: dict[str, list[study.Question]]) -> None:
    for questions in drawn.values():
        for q in questions:
            assert len({fold(c.text) for c in q.choices}) == len(q.choices), q
            assert [c.key for c in q.choices].count(q.answer) == 1, q


def test_a_muscle_another_region_mentions_gets_no_map_question(data: ReferenceData) -> None:
    """The front arm's biceps note names the triceps brachii: clicking either region would be
    right."""
    maps = [qid for qid in study.question_ids(data) if qid.startswith(f"{study.MAP}:")]
    assert maps == ["map:upper-back:rhomboid-major", "map:gluteal:gluteus-medius",
                    "map:front-arm:biceps", "map:front-arm:upper-trapezius",
                    "map:chest:pectoralis-major"]


def test_a_synonym_with_no_words_hides_no_structure() -> None:
    """A synonym of punctuation only names nothing: the structure stays a wrong choice."""
    text = STUDY.read_text(encoding="utf-8").replace("synonyms: [nervus delta]",
                                                     'synonyms: [nervus delta, "(+)"]')
    data = load_text(text, "study.yaml")
    wrong = _wrong([q for seed in range(DRAWS)
                    for q in study.generate_questions(data, random.Random(seed))
                    if q.id == "at-risk:upper-back:alpha-nerve"])
    assert wrong == NERVES_NOT_AT_RISK_IN_UPPER_BACK


def test_a_muscle_card_asks_once_per_structure_it_links(data: ReferenceData) -> None:
    """Two relations to the pleura make one question; a relation to no structure makes none."""
    asked = [qid for qid in study.question_ids(data) if qid.startswith(f"{study.MUSCLE}:")]
    assert asked == ["muscle:upper-back:rhomboid-major/lung-pleura",
                     "muscle:upper-back:rhomboid-major/c5-root"]

"""Which questions a quiz asks, and in what order: a quiz on some regions asks about those
regions only, a question due now comes before new ones and only once, ties among due questions
go to the weakest memory first, and a quiz of no questions asks none. On tests/data/study.yaml
(placeholder facts)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from needleguide.core import study
from needleguide.core.loader import load, load_text
from needleguide.core.model import ReferenceData

STUDY = Path(__file__).resolve().parents[1] / "data" / "study.yaml"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def data() -> ReferenceData:
    """Loaded for each test: questions are made once per data set, so a shared one would
    leave all but the first test unrecorded as making them (mutmut runs only those)."""
    return load(STUDY)


def test_a_region_quiz_asks_no_after_event_question_even_if_a_section_shares_its_id() -> None:
    """After-event questions are about no region: a section called like a region is not it."""
    text = STUDY.read_text(encoding="utf-8").replace("  - id: bleeding\n", "  - id: chest\n")
    data = load_text(text, "study.yaml")
    ids = study.quiz_ids(data, frozenset({"chest"}))
    assert ids and all(qid.split(":")[1] == "chest" for qid in ids)
    assert not [qid for qid in ids if qid.startswith(f"{study.AFTER_EVENT}:")]
    quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(frozenset({"chest"}), 100, 1))
    assert {q.region_id for q in quiz} == {"chest"}
    # the quiz on every region asks them
    assert "after-event:chest:item-0" in study.quiz_ids(data)


def test_questions_on_given_regions_are_all_of_theirs_and_only_theirs(
        data: ReferenceData) -> None:
    everything = study.generate_questions(data, random.Random(0))
    for regions in (["gluteal"], ["gluteal", "chest"]):
        asked = study.generate_questions(data, random.Random(0), regions)
        assert [q.id for q in asked] == [q.id for q in everything if q.region_id in regions]


def test_a_question_due_right_now_is_asked_first_and_once(data: ReferenceData) -> None:
    ids = study.question_ids(data)
    history = {qid: study.ReviewState(NOW + dt.timedelta(days=3)) for qid in ids}
    history[ids[4]] = study.ReviewState(NOW)
    quiz = study.build_quiz(data, history, NOW, study.StudyOptions(count=1000, seed=2))
    asked = [q.id for q in quiz]
    assert asked[0] == ids[4]
    assert sorted(asked) == sorted(ids)   # every question once, the due one too


def test_of_questions_due_at_the_same_time_the_least_stable_comes_first(
        data: ReferenceData) -> None:
    """A question not yet learnt (no stability) before a shaky one before a well-known one."""
    ids = study.question_ids(data)
    due = NOW - dt.timedelta(hours=1)
    history = {ids[0]: study.ReviewState(due, seen=3, right=3, stability=9.0),
               ids[1]: study.ReviewState(due, seen=1, right=1, stability=0.5),
               ids[2]: study.ReviewState(due, seen=1, right=0),
               ids[3]: study.ReviewState(due, seen=2, right=2, stability=3.0)}
    for seed in range(4):
        quiz = study.build_quiz(data, history, NOW, study.StudyOptions(count=4, seed=seed))
        assert [q.id for q in quiz] == [ids[2], ids[1], ids[3], ids[0]]


@pytest.mark.parametrize("count", [0, -3])
def test_a_quiz_of_no_questions_asks_none(data: ReferenceData, count: int) -> None:
    assert study.build_quiz(data, {}, NOW, study.StudyOptions(count=count, seed=1)) == ()


def test_a_quiz_asks_as_many_questions_as_chosen(data: ReferenceData) -> None:
    for count in (1, 2, 7):
        quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(count=count, seed=count))
        assert len(quiz) == count and len({q.id for q in quiz}) == count


def test_a_quiz_on_some_regions_can_ask_their_questions_in_data_order(
        data: ReferenceData) -> None:
    """About those regions, none answered by one of them, in the order of question_ids."""
    regions = frozenset({"chest", "gluteal"})
    expected = tuple(qid for qid in study.question_ids(data)
                     if qid.split(":")[1] in regions and not (
                         qid.startswith(f"{study.CONDITION}:")
                         or qid.startswith(f"{study.MAP}:")))
    assert study.quiz_ids(data, regions) == expected
    assert study.quiz_ids(data, frozenset()) == study.question_ids(data)
